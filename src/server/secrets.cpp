#include "server/secrets.h"

#include <sodium.h>

namespace anxin::server {

namespace {
std::string to_hex(const unsigned char* data, size_t n) {
    std::string out(n * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), data, n);
    out.pop_back();
    return out;
}
}  // namespace

bool secrets_init() { return sodium_init() >= 0; }

std::string hash_password(const std::string& password) {
    char out[crypto_pwhash_STRBYTES];
    // Interactive limits: ~0.1 s and 64 MiB per login on this class of machine.
    if (crypto_pwhash_str(out, password.c_str(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return {};
    return out;
}

bool verify_password(const std::string& hash, const std::string& password) {
    if (hash.empty()) return false;
    return crypto_pwhash_str_verify(hash.c_str(), password.c_str(), password.size()) == 0;
}

std::string random_hex(size_t bytes) {
    std::string buf(bytes, '\0');
    randombytes_buf(buf.data(), bytes);
    return to_hex(reinterpret_cast<const unsigned char*>(buf.data()), bytes);
}

std::string hash_token(const std::string& token) {
    unsigned char out[crypto_generichash_BYTES];
    crypto_generichash(out, sizeof(out), reinterpret_cast<const unsigned char*>(token.data()), token.size(), nullptr, 0);
    return to_hex(out, sizeof(out));
}

}  // namespace anxin::server
