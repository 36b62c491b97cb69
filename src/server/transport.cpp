// How a request reached the help server. See transport.h.
#include "server/transport.h"

#include <httplib.h>

#include <algorithm>
#include <cctype>

namespace anxin::server {

namespace {

std::string trim(const std::string& s) {
    const size_t b = s.find_first_not_of(" \t");
    if (b == std::string::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

// The last value of a header: its last occurrence, and in it the last comma-separated entry.
std::string last_entry(const httplib::Request& req, const char* name) {
    const size_t n = req.get_header_value_count(name);
    if (n == 0) return {};
    const std::string value = req.get_header_value(name, n - 1);
    const size_t comma = value.rfind(',');
    return trim(comma == std::string::npos ? value : value.substr(comma + 1));
}

// Looks like an IPv4 or IPv6 address (what a proxy writes); anything else is not used.
bool plausible_address(const std::string& a) {
    return !a.empty() && a.size() <= 45 &&
           std::all_of(a.begin(), a.end(), [](unsigned char c) { return std::isxdigit(c) || c == '.' || c == ':'; });
}

}  // namespace

std::vector<std::string> parse_address_list(const std::string& comma_list) {
    std::vector<std::string> out;
    size_t pos = 0;
    while (pos <= comma_list.size()) {
        size_t end = comma_list.find(',', pos);
        if (end == std::string::npos) end = comma_list.size();
        if (std::string a = trim(comma_list.substr(pos, end - pos)); !a.empty()) out.push_back(a);
        pos = end + 1;
    }
    return out;
}

bool from_trusted_proxy(const httplib::Request& req, const Transport& t) {
    return std::find(t.trusted_proxies.begin(), t.trusted_proxies.end(), req.remote_addr) != t.trusted_proxies.end();
}

bool is_https(const httplib::Request& req, const Transport& t) {
    if (t.tls) return true;
    if (!from_trusted_proxy(req, t)) return false;
    std::string proto = last_entry(req, "X-Forwarded-Proto");
    std::transform(proto.begin(), proto.end(), proto.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return proto == "https";
}

std::string client_address(const httplib::Request& req, const Transport& t) {
    if (!from_trusted_proxy(req, t)) return req.remote_addr;
    const std::string forwarded = last_entry(req, "X-Forwarded-For");
    return plausible_address(forwarded) ? forwarded : req.remote_addr;
}

}  // namespace anxin::server
