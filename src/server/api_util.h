// What the help server's HTTP files share (api.cpp, accounts_api.cpp): JSON replies
// and bodies, and the console's session cookie. Internal to the server.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace httplib { struct Request; struct Response; }

namespace anxin::server {

void reply(httplib::Response& res, int status, const nlohmann::json& body);
void error(httplib::Response& res, int status, const std::string& message);  // {"error": message}
// The body as a JSON object (at most 8 KB, not deeply nested); on anything else an error
// reply is made and the result is discarded.
nlohmann::json parse_body(const httplib::Request& req, httplib::Response& res);
std::string text_field(const nlohmann::json& j, const char* key);  // "" when missing or not a string
std::string cookie_token(const httplib::Request& req);             // the console's session token, or ""
// A query parameter's digits as a number: nothing if empty, not all digits, or longer than max_digits.
std::optional<uint64_t> whole_number(const std::string& digits, size_t max_digits);

// What a helper sees of a number that is not theirs, and the audit log after a deletion: "138****8000".
std::string masked_phone(const std::string& phone);

}  // namespace anxin::server
