// Passwords, tokens and randomness, with libsodium (argon2id for passwords:
// a well-kept KDF, not hand-written crypto).
#pragma once
#include <string>

namespace anxin::server {

bool secrets_init();                                      // once, before anything below
std::string hash_password(const std::string& password);  // argon2id, in libsodium's string format
bool verify_password(const std::string& hash, const std::string& password);
std::string random_hex(size_t bytes);                     // from the OS's secure random source
std::string hash_token(const std::string& token);         // what is stored for a session token

}  // namespace anxin::server
