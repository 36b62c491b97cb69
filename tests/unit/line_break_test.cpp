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
    CHECK(wrap("点一下下面的大按钮", 4) == std::vector<std::string>{"点一下下", "面的大按", "钮"});
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
