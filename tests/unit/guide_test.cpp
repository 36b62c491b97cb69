// The guide validator: a broken guide is refused with its file, step and field.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>

#include "core/content.h"
#include "core/guide.h"
#include "core/json_errors.h"

using namespace anxin;
using nlohmann::json;

namespace {

const Glossary kGlossary = {{"二维码", "黑白小方块的图案"}, {"验证码", "短信里的几位数字"}};

json good_guide() {
    return json::parse(R"({
      "id": "demo", "title": "示例", "subtitle": "一个例子", "icon": "bus", "summary": "示例摘要。",
      "app": "支付宝", "written": "2026-11", "done": "学会了。",
      "steps": [
        {"title": "第一步", "text": "打开二维码。", "terms": ["二维码"],
         "screen": {"title": "首页", "elements": [
            {"type": "search", "text": "搜索"},
            {"type": "icon_grid", "items": [{"id": "scan", "text": "扫一扫", "icon": "scan"}, {"id": "ride", "text": "出行"}]},
            {"type": "button", "id": "go", "text": "去"}],
          "target": "ride"}},
        {"title": "第二步", "text": "再点一下。"},
        {"title": "第三步", "text": "完成。", "tips": ["慢慢来"], "warning": "别告诉别人验证码"}
      ]})");
}

std::vector<std::string> problems_of(const json& j) {
    std::vector<std::string> problems;
    Guide g;
    parse_guide(j.dump(), "guides/demo.json", kGlossary, known_icons(), g, problems);
    return problems;
}

}  // namespace

TEST_CASE("a well-formed guide loads with its steps, screen elements and target") {
    std::vector<std::string> problems;
    Guide g;
    REQUIRE(parse_guide(good_guide().dump(), "guides/demo.json", kGlossary, known_icons(), g, problems));
    CHECK(problems.empty());
    REQUIRE(g.steps.size() == 3);
    CHECK(g.steps[0].speak == g.steps[0].text);  // speak defaults to the shown text
    CHECK(g.steps[0].has_screen);
    const ScreenElement* ride = g.steps[0].screen.find("ride");
    REQUIRE(ride);
    CHECK(ride->text == "出行");
    CHECK_FALSE(g.steps[1].has_screen);
}

TEST_CASE("malformed JSON is reported with its line and column") {
    std::vector<std::string> problems;
    Guide g;
    CHECK_FALSE(parse_guide("{\n  \"id\": \"x\",\n  \"title\" \"no colon\"\n}", "guides/x.json", kGlossary, known_icons(), g, problems));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].rfind("guides/x.json: line 3, column ", 0) == 0);
    std::string error;
    CHECK(parse_json_with_position("[1, 2,\n 3,,]", error).is_discarded());
    CHECK(error.rfind("line 2, column 4", 0) == 0);
}

TEST_CASE("each kind of mistake names the file, the step and the field") {
    struct Case { const char* what; std::function<void(json&)> change; std::string expected; };
    const Case cases[] = {
        {"missing step title", [](json& j) { j["steps"][1].erase("title"); }, "guides/demo.json: step 2: 'title' is missing"},
        {"a phone button named like the app's own", [](json& j) { j["steps"][0]["screen"]["elements"][2]["text"] = "下一步"; },
         "guides/demo.json: step 1 (第一步): screen: an element reads '下一步', like the app's own button beside the phone: name it as "
         "the phone's app does on this page in other words, e.g. '确定'"},
        {"a link to a guide that is not an id", [](json& j) { j["steps"][1]["see"] = "../bus"; }, "guides/demo.json: step 2 (第二步): 'see' '../bus' is not a guide id"},
        {"unknown element type", [](json& j) { j["steps"][0]["screen"]["elements"][0]["type"] = "slider"; },
         "guides/demo.json: step 1 (第一步): screen: elements[0]: unknown type 'slider' (known: title_bar, search, icon_grid, button, list_row, qr, text, toggle, tab_bar, card)"},
        {"target that does not exist", [](json& j) { j["steps"][0]["screen"]["target"] = "pay"; },
         "guides/demo.json: step 1 (第一步): screen: 'target' 'pay' is not the id of any element on the screen"},
        {"unknown glossary term", [](json& j) { j["steps"][0]["terms"] = {"授权"}; },
         "guides/demo.json: step 1 (第一步): term '授权' is not in the glossary (assets/glossary.json)"},
        {"term not in the text", [](json& j) { j["steps"][1]["terms"] = {"验证码"}; },
         "guides/demo.json: step 2 (第二步): term '验证码' does not appear in the step's title or text"},
        {"text too long", [](json& j) { std::string s; for (int i = 0; i < 121; ++i) s += "字"; j["steps"][2]["text"] = s; },
         "guides/demo.json: step 3 (第三步): 'text' is 121 characters; at most 120 fit on a phone at the largest text size"},
        {"wrong type of field", [](json& j) { j["steps"][2]["tips"] = "not a list"; }, "guides/demo.json: step 3 (第三步): 'tips' must be a list of text"},
        {"too few steps", [](json& j) { j["steps"].erase(2); j["steps"].erase(1); }, "guides/demo.json: has 1 steps; a guide has 3 to 12"},
        {"unknown guide icon", [](json& j) { j["icon"] = "rocket"; }, "guides/demo.json: 'icon' 'rocket' is not one of the known icons"},
        {"duplicate element ids", [](json& j) { j["steps"][0]["screen"]["elements"][2]["id"] = "scan"; },
         "guides/demo.json: step 1 (第一步): screen: id 'scan' is used by more than one element"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.what);
        json j = good_guide();
        c.change(j);
        const auto problems = problems_of(j);
        REQUIRE_FALSE(problems.empty());
        CHECK(problems[0] == c.expected);
    }
}

TEST_CASE("one broken guide is left out, the others load, and the count of rejected guides is kept") {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / "anxin-guide-test";
    fs::remove_all(dir);
    fs::copy(std::string(ANXIN_SOURCE_DIR) + "/assets", dir, fs::copy_options::recursive);
    const size_t shipped = load_content(dir.string()).guides.size();
    {
        std::ofstream broken(dir / "guides" / "hospital.json");
        broken << "{ \"id\": \"hospital\", ";
    }
    const Content c = load_content(dir.string());
    CHECK(c.guides_rejected == 1);
    CHECK(c.guide("hospital") == nullptr);
    CHECK(c.guide("bus-qr") != nullptr);
    CHECK(c.guides.size() == shipped - 1);
    REQUIRE(c.problems.size() == 1);
    CHECK(c.problems[0].rfind("guides/hospital.json: line 1, column ", 0) == 0);
    // Its group shows what is left of it.
    const GuideGroup* health = c.group_of("health-code");
    REQUIRE(health != nullptr);
    CHECK(std::find(health->guides.begin(), health->guides.end(), "hospital") == health->guides.end());
    fs::remove_all(dir);
}

TEST_CASE("a step's link to another guide must lead to a guide that is shown; a wrong one is named and dropped") {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / "anxin-see-test";
    fs::remove_all(dir);
    fs::copy(std::string(ANXIN_SOURCE_DIR) + "/assets", dir, fs::copy_options::recursive);
    json g = json::parse(std::ifstream(dir / "guides" / "anti-fraud.json"));
    g["steps"][0]["see"] = "no-password-pay";
    g["steps"][1]["see"] = "pension-2030";
    g["steps"][2]["see"] = "anti-fraud";
    std::ofstream(dir / "guides" / "anti-fraud.json") << g.dump();
    const Content c = load_content(dir.string());
    const Guide* loaded = c.guide("anti-fraud");
    REQUIRE(loaded != nullptr);
    CHECK(loaded->steps[0].see == "no-password-pay");
    CHECK(loaded->steps[1].see.empty());
    CHECK(loaded->steps[2].see.empty());
    REQUIRE(c.problems.size() == 2);
    CHECK(c.problems[0] == "guides/anti-fraud.json: step 2 (" + loaded->steps[1].title + "): 'see' 'pension-2030' is not a guide in guides/index.json");
    CHECK(c.problems[1] == "guides/anti-fraud.json: step 3 (" + loaded->steps[2].title + "): 'see' 'anti-fraud' is this guide itself");
    fs::remove_all(dir);
}

TEST_CASE("the glossary rejects empty explanations and keeps the good ones") {
    std::vector<std::string> problems;
    const Glossary g = parse_glossary(R"({"terms": {"二维码": "图案", "授权": ""}})", "glossary.json", problems);
    CHECK(g.size() == 1);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0] == "glossary.json: term '授权' needs a plain explanation as text");
}

TEST_CASE("two pressable elements that read the same are refused: a screen reader could not tell them apart") {
    json j = good_guide();
    j["steps"][0]["screen"]["elements"][2]["text"] = "出行";
    const auto problems = problems_of(j);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0] == "guides/demo.json: step 1 (第一步): screen: two elements read the same, '出行': give them different text");
}

TEST_CASE("a search box is named as one, so it differs from a result with the same words") {
    ScreenElement search;
    search.type = ElementType::Search;
    search.text = "某某医院";
    ScreenElement row;
    row.type = ElementType::ListRow;
    row.text = "某某医院";
    CHECK(element_label(search) == "搜索框：某某医院");
    CHECK(element_label(row) == "某某医院");
}

TEST_CASE("a guide says only what is true about where it comes from: a real-phone check needs who, when, which phone and version") {
    Strings str;
    REQUIRE(str.load(R"({"lang": "zh-CN",
        "guide.app_note": "这里讲的是“{app}”里的做法，根据公开教程整理（{month}）。您手机上看到的可能略有不同。",
        "guide.verified_note": "{by} 于 {date} 用 {phone}（{app} {version}）逐步核对过。"})", "zh-CN.json").empty());
    std::vector<std::string> problems;
    Guide g;
    REQUIRE(parse_guide(good_guide().dump(), "guides/demo.json", kGlossary, known_icons(), g, problems));
    CHECK(guide_source_note(g, str) == "这里讲的是“支付宝”里的做法，根据公开教程整理（2026 年 11 月）。您手机上看到的可能略有不同。");

    // The old field claimed a check nobody recorded: refused, with what to write instead.
    json claimed = good_guide();
    claimed["checked"] = "2026-11";
    auto p = problems_of(claimed);
    REQUIRE(p.size() == 1);
    CHECK(p[0].rfind("guides/demo.json: 'checked' claims a real-phone check without who, when, which phone and app version", 0) == 0);
    // A check with a part missing, or a date that is not a day, is refused field by field.
    json partial = good_guide();
    partial["verified"] = {{"by", "小杰"}, {"date", "2026-12"}, {"phone", "华为 nova 9"}};
    p = problems_of(partial);
    REQUIRE(p.size() == 2);
    CHECK(p[0] == "guides/demo.json: verified: 'app_version' is missing");
    CHECK(p[1] == "guides/demo.json: verified: 'date' must be the day of the check, like 2026-12-03");
    json bad_month = good_guide();
    bad_month["written"] = "2026-13";
    CHECK(problems_of(bad_month) == std::vector<std::string>{"guides/demo.json: 'written' must be the month the guide was written, like 2026-11"});

    // A recorded check is said, with all four.
    json verified = good_guide();
    verified["verified"] = {{"by", "小杰"}, {"date", "2026-12-03"}, {"phone", "华为 nova 9"}, {"app_version", "10.6.20"}};
    Guide v;
    problems.clear();
    REQUIRE(parse_guide(verified.dump(), "guides/demo.json", kGlossary, known_icons(), v, problems));
    CHECK(guide_source_note(v, str) ==
          "这里讲的是“支付宝”里的做法，根据公开教程整理（2026 年 11 月）。您手机上看到的可能略有不同。小杰 于 2026-12-03 用 华为 nova 9（支付宝 10.6.20）逐步核对过。");
}
