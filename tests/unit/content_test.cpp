#include <doctest/doctest.h>

#include "core/content.h"

using namespace anxin;

TEST_CASE("the shipped content loads with no problems and has the five tasks") {
    const Content c = load_content(std::string(ANXIN_SOURCE_DIR) + "/assets");
    CHECK(c.problems.empty());
    REQUIRE(c.tasks.size() == 5);
    CHECK(c.task("no-password-pay") != nullptr);
    CHECK(c.config.hotline_number == "12345");
    CHECK(c.strings.has("help.button"));
}

TEST_CASE("a broken task entry is reported with file, index and field, and the good ones still load") {
    std::vector<std::string> problems;
    const auto tasks = parse_task_index(R"({"guides":[
        {"id":"a","title":"甲","subtitle":"s","summary":"s","icon":"bus"},
        {"id":"b","subtitle":"s","summary":"s","icon":"bus"},
        {"id":"c","title":"丙","subtitle":"s","summary":"s","icon":"rocket"},
        {"id":"a","title":"甲2","subtitle":"s","summary":"s","icon":"bus"},
        {"id":"d","title":7,"subtitle":"s","summary":"s","icon":"bus"}]})",
                                        "guides/index.json", problems);
    REQUIRE(tasks.size() == 1);
    CHECK(tasks[0].id == "a");
    REQUIRE(problems.size() == 4);
    CHECK(problems[0] == "guides/index.json: guides[1]: 'title' is missing");
    CHECK(problems[1] == "guides/index.json: guides[2]: 'icon' \"rocket\" is not one of the known icons");
    CHECK(problems[2] == "guides/index.json: guides[3]: 'id' \"a\" is used twice");
    CHECK(problems[3] == "guides/index.json: guides[4]: 'title' must be text");
}

TEST_CASE("malformed JSON and a bad hotline are reported; the default hotline stays") {
    std::vector<std::string> problems;
    CHECK(parse_task_index("{\"guides\": [", "guides/index.json", problems).empty());
    CHECK(problems.at(0) == "guides/index.json: not valid JSON");
    problems.clear();
    const auto config = parse_config(R"({"hotline":{"number":"call us"}})", "config.json", problems);
    CHECK(config.hotline_number == "12345");
    CHECK(problems.at(0) == "config.json: hotline: 'number' \"call us\" is not a phone number");
}

TEST_CASE("missing files are named, and the app still gets defaults") {
    const Content c = load_content("/nonexistent-folder");
    CHECK(c.problems.size() == 3);
    CHECK(c.problems[0] == "i18n/zh-CN.json: file is missing");
    CHECK(c.tasks.empty());
    CHECK(c.config.hotline_number == "12345");
}
