#include <doctest/doctest.h>

#include "core/content.h"

using namespace anxin;

TEST_CASE("the shipped content loads with no problems, every guide in a group") {
    const Content c = load_content(std::string(ANXIN_SOURCE_DIR) + "/assets");
    CHECK(c.problems.empty());
    REQUIRE(c.guides.size() >= 5);
    CHECK(c.guides[0].id == "bus-qr");
    CHECK(c.groups.size() >= 3);
    for (const Guide& g : c.guides) {
        CAPTURE(g.id);
        CHECK(c.group_of(g.id) != nullptr);
    }
    CHECK(c.guide("no-password-pay") != nullptr);
    CHECK(c.config.hotline_number == "12345");
    CHECK(c.strings.has("help.button"));
    CHECK(c.glossary.count("二维码") == 1);
}

TEST_CASE("no shipped guide claims what nobody did: a real-phone check only with who, when, which phone and version") {
    const Content c = load_content(std::string(ANXIN_SOURCE_DIR) + "/assets");
    for (const Guide& g : c.guides) {
        const std::string note = guide_source_note(g, c.strings);
        CAPTURE(g.id);
        CHECK(note.find("根据公开教程整理") != std::string::npos);
        CHECK((note.find("核对") != std::string::npos) == !g.verified.by.empty());
        // Words that play money down or promise what the app cannot know.
        for (const GuideStep& st : g.steps)
            for (const char* claim : {"一分不会少", "小钱", "开通不收钱", "一两块", "大多是骗局", "照样可以输入密码", "照样能付钱"}) {
                CAPTURE(st.title);
                CHECK(st.text.find(claim) == std::string::npos);
                for (const std::string& tip : st.tips) CHECK(tip.find(claim) == std::string::npos);
            }
        // Nothing only eyes can use: a colour or a shape alone does not find a button.
        for (const GuideStep& st : g.steps)
            for (const char* cue : {"蓝色的", "蓝色图标", "齿轮", "亮着的"}) {
                CAPTURE(st.title);
                CHECK(st.text.find(cue) == std::string::npos);
            }
    }
}

TEST_CASE("the practice hint names the place to tap in words, not by its highlight") {
    const Content c = load_content(std::string(ANXIN_SOURCE_DIR) + "/assets");
    CHECK(c.strings.format("practice.hint", {{"label", "我的"}}) == "再试一次，找到“我的”，点它。");
}

TEST_CASE("the guide index is a list of plain ids; bad entries are named and skipped") {
    std::vector<std::string> problems;
    const GuideIndex index = parse_guide_index(R"({"guides": ["a", "b", "a", "../etc", 7]})", "guides/index.json", problems);
    CHECK(index.ids == std::vector<std::string>{"a", "b"});
    CHECK(index.groups.empty());
    REQUIRE(problems.size() == 3);
    CHECK(problems[0] == "guides/index.json: guides[2]: 'a' is listed twice");
    CHECK(problems[1] == "guides/index.json: guides[3]: '../etc' is not a plain id");
    CHECK(problems[2] == "guides/index.json: guides[4]: must be a guide id");
}

TEST_CASE("guides in groups: each guide once, a group with a mistake is named and its guides still load") {
    std::vector<std::string> problems;
    const GuideIndex index = parse_guide_index(R"({"groups": [
        {"id": "travel", "title": "出行", "subtitle": "坐车", "icon": "bus", "guides": ["bus", "taxi"]},
        {"id": "health", "title": "看病看病看病看病", "guides": ["clinic"]},
        {"id": "money", "title": "钱", "icon": "rocket", "guides": ["pay", "bus"]},
        {"id": "travel", "title": "又一个", "guides": ["x"]},
        {"title": "没有 id", "guides": []},
        "not a group"]})",
                                               "guides/index.json", problems);
    CHECK(index.ids == std::vector<std::string>{"bus", "taxi", "clinic", "pay", "x"});
    REQUIRE(index.groups.size() == 2);
    CHECK(index.groups[0].title == "出行");
    CHECK(index.groups[0].guides == std::vector<std::string>{"bus", "taxi"});
    CHECK(index.groups[1].id == "money");
    CHECK(index.groups[1].guides == std::vector<std::string>{"pay"});
    CHECK(problems == std::vector<std::string>{
                          "guides/index.json: groups[1]: 'title' is longer than 6 characters",
                          "guides/index.json: groups[2]: 'icon' 'rocket' is not one of the known icons",
                          "guides/index.json: groups[2]: guides[1]: 'bus' is listed twice",
                          "guides/index.json: groups[3]: id 'travel' is used by another group",
                          "guides/index.json: groups[4]: 'id' is missing",
                          "guides/index.json: groups[5]: must be {id, title, subtitle, icon, guides}",
                      });
}

TEST_CASE("malformed JSON and a bad hotline are reported; the default hotline stays") {
    std::vector<std::string> problems;
    CHECK(parse_guide_index("{\"guides\": [", "guides/index.json", problems).ids.empty());
    CHECK(problems.at(0) == "guides/index.json: not valid JSON");
    problems.clear();
    const auto config = parse_config(R"({"hotline":{"number":"call us"}})", "config.json", problems);
    CHECK(config.hotline_number == "12345");
    CHECK(problems.at(0) == "config.json: hotline: 'number' \"call us\" is not a phone number");
    // The number helpers call back from: said on the help screens when set, refused when not a number.
    problems.clear();
    CHECK(parse_config(R"({"hotline":{"number":"12345"},"callback":{"number":"0571-88880000"}})", "config.json", problems).callback_number ==
          "0571-88880000");
    CHECK(problems.empty());
    CHECK(parse_config(R"({"hotline":{"number":"12345"},"callback":{"number":"our desk"}})", "config.json", problems).callback_number.empty());
    CHECK(problems.at(0) == "config.json: callback: 'number' \"our desk\" is not a phone number");
    CHECK(parse_config(R"({"hotline":{"number":"12345"}})", "config.json", problems).callback_number.empty());
}

TEST_CASE("missing files are named, and the app still gets defaults") {
    const Content c = load_content("/nonexistent-folder");
    CHECK(c.problems.size() == 4);
    CHECK(c.problems[0] == "i18n/zh-CN.json: file is missing");
    CHECK(c.guides.empty());
    CHECK(c.config.hotline_number == "12345");
}

TEST_CASE("the home tiles made at build time match the guides, and without them everything is loaded") {
    const std::string staged = std::string(ANXIN_STAGE_DIR) + "/assets";
    const Content home = load_home_content(staged);
    const Content full = load_content(staged);
    CHECK_FALSE(home.complete);
    CHECK(full.complete);
    CHECK(home.problems.empty());
    REQUIRE(home.guides.size() == full.guides.size());
    for (size_t i = 0; i < full.guides.size(); ++i) {
        CHECK(home.guides[i].id == full.guides[i].id);
        CHECK(home.guides[i].title == full.guides[i].title);
        CHECK(home.guides[i].subtitle == full.guides[i].subtitle);
        CHECK(home.guides[i].icon == full.guides[i].icon);
        CHECK(home.guides[i].steps.empty());  // read later
    }
    CHECK(home.strings.get("help.button") == "找人帮忙");
    // The source folder has no tiles file (it is made when assets are staged): a full load.
    const Content source = load_home_content(std::string(ANXIN_SOURCE_DIR) + "/assets");
    CHECK(source.complete);
    CHECK(source.guides.size() == full.guides.size());
}
