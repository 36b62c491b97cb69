// How a request reached the help server: HTTPS (TLS, or a trusted proxy's
// X-Forwarded-Proto) and the client's address (a trusted proxy's X-Forwarded-For).
// From anyone else those headers are ignored.
#include <doctest/doctest.h>
#include <httplib.h>

#include "server/transport.h"

using namespace anxin::server;

namespace {
httplib::Request from(const std::string& addr, httplib::Headers headers = {}) {
    httplib::Request req;
    req.remote_addr = addr;
    req.headers = std::move(headers);
    return req;
}
const Transport plain{false, {}};
const Transport tls{true, {}};
const Transport proxied{false, {"127.0.0.1"}};
}  // namespace

TEST_CASE("transport: trusted proxies come from a comma list") {
    CHECK(parse_address_list("127.0.0.1") == std::vector<std::string>{"127.0.0.1"});
    CHECK(parse_address_list(" 127.0.0.1, ::1 ,,10.0.0.2") == std::vector<std::string>{"127.0.0.1", "::1", "10.0.0.2"});
    CHECK(parse_address_list("").empty());
}

TEST_CASE("transport: TLS is HTTPS whatever the headers say") {
    CHECK(is_https(from("203.0.113.7"), tls));
    CHECK(is_https(from("203.0.113.7", {{"X-Forwarded-Proto", "http"}}), tls));
    CHECK_FALSE(is_https(from("127.0.0.1"), plain));
}

TEST_CASE("transport: a trusted proxy says whether the page is HTTPS") {
    CHECK(is_https(from("127.0.0.1", {{"X-Forwarded-Proto", "https"}}), proxied));
    CHECK(is_https(from("127.0.0.1", {{"x-forwarded-proto", "HTTPS"}}), proxied));
    CHECK_FALSE(is_https(from("127.0.0.1", {{"X-Forwarded-Proto", "http"}}), proxied));
    CHECK_FALSE(is_https(from("127.0.0.1"), proxied));
    // Proxies in a row: the last one (ours) has the last word.
    CHECK(is_https(from("127.0.0.1", {{"X-Forwarded-Proto", "http, https"}}), proxied));
    CHECK_FALSE(is_https(from("127.0.0.1", {{"X-Forwarded-Proto", "https, http"}}), proxied));
}

TEST_CASE("transport: a spoofed X-Forwarded-Proto from anyone else is ignored") {
    CHECK_FALSE(is_https(from("203.0.113.7", {{"X-Forwarded-Proto", "https"}}), proxied));
    CHECK_FALSE(is_https(from("127.0.0.1", {{"X-Forwarded-Proto", "https"}}), plain));  // no --behind-proxy: nobody is trusted
}

TEST_CASE("transport: the client address is the last one a trusted proxy forwarded") {
    CHECK(client_address(from("127.0.0.1", {{"X-Forwarded-For", "198.51.100.4"}}), proxied) == "198.51.100.4");
    // The client may send its own X-Forwarded-For; the proxy adds the real address at the end.
    CHECK(client_address(from("127.0.0.1", {{"X-Forwarded-For", "10.9.9.9, 198.51.100.4"}}), proxied) == "198.51.100.4");
    CHECK(client_address(from("127.0.0.1", {{"X-Forwarded-For", "10.9.9.9,2001:db8::1 "}}), proxied) == "2001:db8::1");
    // Two headers: the last one is the proxy's.
    CHECK(client_address(from("127.0.0.1", {{"X-Forwarded-For", "10.9.9.9"}, {"X-Forwarded-For", "198.51.100.4"}}), proxied) == "198.51.100.4");
    // Nothing forwarded, or not an address: the proxy's own.
    CHECK(client_address(from("127.0.0.1"), proxied) == "127.0.0.1");
    CHECK(client_address(from("127.0.0.1", {{"X-Forwarded-For", "unknown"}}), proxied) == "127.0.0.1");
    CHECK(client_address(from("127.0.0.1", {{"X-Forwarded-For", ""}}), proxied) == "127.0.0.1");
}

TEST_CASE("transport: a spoofed X-Forwarded-For from anyone else is ignored (rate limits hold)") {
    CHECK(client_address(from("203.0.113.7", {{"X-Forwarded-For", "198.51.100.4"}}), proxied) == "203.0.113.7");
    CHECK(client_address(from("127.0.0.1", {{"X-Forwarded-For", "198.51.100.4"}}), plain) == "127.0.0.1");
    CHECK(client_address(from("127.0.0.1", {{"X-Forwarded-For", "198.51.100.4"}}), tls) == "127.0.0.1");
}

TEST_CASE("transport: several trusted proxies") {
    const Transport two{false, parse_address_list("127.0.0.1,::1")};
    CHECK(is_https(from("::1", {{"X-Forwarded-Proto", "https"}}), two));
    CHECK(client_address(from("::1", {{"X-Forwarded-For", "198.51.100.4"}}), two) == "198.51.100.4");
    CHECK_FALSE(is_https(from("10.0.0.2", {{"X-Forwarded-Proto", "https"}}), two));
}
