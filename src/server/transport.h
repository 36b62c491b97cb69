// How a request reached the help server: over TLS (--tls-cert/--tls-key), or through
// a reverse proxy we trust (--behind-proxy) that says so in X-Forwarded-Proto and
// names the client in X-Forwarded-For. Those headers count only from a trusted
// proxy's address: a client cannot claim HTTPS or another address for rate limits.
#pragma once
#include <string>
#include <vector>

namespace httplib { struct Request; }

namespace anxin::server {

struct Transport {
    bool tls = false;                          // the server itself speaks HTTPS
    std::vector<std::string> trusted_proxies;  // remote addresses whose X-Forwarded-* count; empty: none
};

// "127.0.0.1, ::1" → {"127.0.0.1", "::1"} (blanks dropped).
std::vector<std::string> parse_address_list(const std::string& comma_list);

// The request came straight from one of the trusted proxies.
bool from_trusted_proxy(const httplib::Request& req, const Transport& t);

// The page the request belongs to is HTTPS: TLS here, or a trusted proxy's X-Forwarded-Proto: https.
bool is_https(const httplib::Request& req, const Transport& t);

// The client's address, for rate limits and logs: the last address in a trusted proxy's
// X-Forwarded-For (the one it added), else the connection's own address.
std::string client_address(const httplib::Request& req, const Transport& t);

}  // namespace anxin::server
