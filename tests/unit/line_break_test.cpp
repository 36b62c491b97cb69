#include <doctest/doctest.h>

#include "core/line_break.h"

using namespace anxin;

namespace {
// Every character 1 unit wide, so widths count characters.
std::vector<std::string> wrap(const std::string& text, float width) {
    std::vector<std::string> out;
    for (const auto& l : break_lines(text, width, [](uint32_t) { return 1.0f; })) out.push_back(text.substr(l.begin, l.end - l.begin));
    return out;
}
}  // namespace

TEST_CASE("Chinese wraps between any two characters when a line is full") {
    CHECK(wrap("点一下下面的大按钮", 4) == std::vector<std::string>{"点一下下", "面的大", "按钮"});  // never 钮 alone
}

TEST_CASE("a line never starts with closing punctuation nor ends with opening punctuation") {
    CHECK(wrap("我们走吧，好的", 4) == std::vector<std::string>{"我们走", "吧，好的"});
    CHECK(wrap("请按《找人帮忙》", 3) == std::vector<std::string>{"请按", "《找人", "帮忙》"});
}

TEST_CASE("numbers and Latin words stay whole unless longer than a line") {
    CHECK(wrap("拨打 96110 反诈", 6) == std::vector<std::string>{"拨打", "96110", "反诈"});
    CHECK(wrap("1234567890", 4) == std::vector<std::string>{"1234", "5678", "90"});
}

TEST_CASE("explicit newlines start a new line, and widths are reported") {
    const auto lines = break_lines("一二\n三", 10, [](uint32_t) { return 2.0f; });
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].width == 4);
    CHECK(lines[1].width == 2);
}

TEST_CASE("a number stays with its measure word and its lead, and short quoted names stay whole") {
    // "第 2 步 / 共 9 / 步" at the largest text was the old break.
    CHECK(wrap("第 2 步 / 共 9 步", 10) == std::vector<std::string>{"第 2 步 /", "共 9 步"});
    CHECK(wrap("大约 2026 年", 7) == std::vector<std::string>{"大约", "2026 年"});
    CHECK(wrap("再点右下角的“我的”", 7) == std::vector<std::string>{"再点右下角的", "“我的”"});
    CHECK(wrap("找“免密支付”", 6) == std::vector<std::string>{"找", "“免密支付”"});
    // A long quotation still wraps.
    CHECK(wrap("“这是一句很长的引用”", 6).size() == 2);
}

TEST_CASE("no character is left alone on the last line") {
    CHECK(wrap("点一下下面的大按钮", 8) == std::vector<std::string>{"点一下下面的大", "按钮"});
    CHECK(wrap("点一下下面的大按钮。", 8) == std::vector<std::string>{"点一下下面的大", "按钮。"});  // punctuation does not count
}
