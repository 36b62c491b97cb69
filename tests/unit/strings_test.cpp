#include <doctest/doctest.h>

#include "core/strings.h"

using namespace anxin;

TEST_CASE("strings load from a flat JSON object and fill {placeholders}") {
    Strings s;
    CHECK(s.load(R"({"lang":"zh-CN","a":"你好","call":"拨打 {number}，找 {who}"})", "zh-CN.json").empty());
    CHECK(s.get("a") == "你好");
    CHECK(s.lang() == "zh-CN");
    CHECK(s.format("call", {{"number", "12345"}, {"who", "小杰"}}) == "拨打 12345，找 小杰");
}

TEST_CASE("a missing key shows as ⟦key⟧, and a bad file names itself and the key") {
    Strings s;
    CHECK(s.get("nope") == "\u27E6nope\u27E7");
    auto problems = s.load(R"({"a": 1})", "zh-CN.json");
    REQUIRE(problems.size() == 1);
    CHECK(problems[0] == "zh-CN.json: key 'a' is not a string");
    problems = s.load("{oops", "zh-CN.json");
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].find("zh-CN.json") == 0);
}
