// The call-back request model both the app and the server check.
#include <doctest/doctest.h>

#include "core/help_request.h"

using namespace anxin;

TEST_CASE("call-back numbers: 7 to 15 digits, spaces and dashes allowed, anything else refused") {
    CHECK(is_valid_callback_number("13800138000"));
    CHECK(is_valid_callback_number("138 0013-8000"));
    CHECK(is_valid_callback_number("+8613800138000"));
    CHECK(is_valid_callback_number("6512345"));
    CHECK_FALSE(is_valid_callback_number("123456"));
    CHECK_FALSE(is_valid_callback_number("1234567890123456"));
    CHECK_FALSE(is_valid_callback_number("1380013800x"));
    CHECK_FALSE(is_valid_callback_number("1'; DROP TABLE requests;--"));
    CHECK(normalise_phone("138 0013-8000") == "13800138000");
}

TEST_CASE("a request round-trips through JSON, and each bad field is named") {
    HelpRequestBody b;
    b.idempotency_key = "0123456789abcdef";
    b.phone = "13800138000";
    b.context.guide = "bus-qr";
    b.context.step = 2;
    b.context.screen_reader = true;
    HelpRequestBody back;
    std::string error;
    REQUIRE(help_request_from_json(help_request_to_json(b), {"bus-qr"}, back, error));
    CHECK(back.context == b.context);
    CHECK(back.phone == b.phone);

    auto why = [](const std::string& text) {
        HelpRequestBody out;
        std::string e;
        CHECK_FALSE(help_request_from_json(text, {"bus-qr"}, out, e));
        return e;
    };
    CHECK(why("[1,2]") == "the body is not a JSON object");
    CHECK(why(R"({"idempotency_key":"0123456789abcdef","phone":"13800138000","context":{"guide":"nope"}})") ==
          "context.guide 'nope' is not a known guide");
    CHECK(why(R"({"idempotency_key":"0123456789abcdef","phone":"13800138000","context":{"lang":"en"}})") ==
          "context.lang must be one of zh-CN zh-HK");
    CHECK(why(R"({"idempotency_key":"0123456789abcdef","phone":"13800138000","context":{"screen_reader":"yes"}})") ==
          "context.screen_reader must be true or false");
    CHECK(why(std::string(9000, ' ')) == "the request is larger than 8 KB");
}
