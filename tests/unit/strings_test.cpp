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

TEST_CASE("the voice reads phone numbers and codes digit by digit, but not amounts, dates or times") {
    CHECK(digits_one_by_one("请打 12345 找人帮忙") == "请打 1 2 3 4 5 找人帮忙");
    CHECK(digits_one_by_one("被骗了马上打110，或96110。") == "被骗了马上打1 1 0，或9 6 1 1 0。");
    CHECK(digits_one_by_one("课堂号 382910") == "课堂号 3 8 2 9 1 0");
    CHECK(digits_one_by_one("根据公开教程整理（2026 年 11 月）") == "根据公开教程整理（2026 年 11 月）");
    CHECK(digits_one_by_one("车费 100 元，养老金 3000元") == "车费 100 元，养老金 3000元");
    CHECK(digits_one_by_one("15:40 前给您打电话") == "15:40 前给您打电话");
    CHECK(digits_one_by_one("版本 10.6.200") == "版本 10.6.200");
    CHECK(digits_one_by_one("第 12 步") == "第 12 步");
    CHECK(digits_one_by_one("没有数字") == "没有数字");
    CHECK(digits_one_by_one("") == "");
}
