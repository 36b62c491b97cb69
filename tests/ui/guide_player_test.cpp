// Every shipped guide, completed the way a person would: by pressing named
// items through the semantics tree, in normal and in practice mode, with what
// is read aloud checked at each step.
#include <doctest/doctest.h>

#include "core/content.h"
#include "core/settings.h"
#include "ui/phone_screen.h"
#include "ui/ui_harness.h"

using namespace anxin;
using anxin::test::UiHarness;

namespace {

const Content& shipped() {
    static const Content c = load_content(test::stage_dir() + "/assets");
    return c;
}

std::string progress(int n, int total) { return "第 " + std::to_string(n) + " 步 / 共 " + std::to_string(total) + " 步"; }

std::string expected_speech(const GuideStep& st, int n, int total) {
    std::string s = "第 " + std::to_string(n) + " 步，共 " + std::to_string(total) + " 步。" + st.title + "。" + st.speak;
    if (!st.warning.empty()) s += "注意：" + st.warning;
    for (const std::string& tip : st.tips) s += "小提示：" + tip;  // tips are read too
    return digits_one_by_one(s);
}

// The first element on the step's screen that is not the target, to tap by mistake.
const ScreenElement* wrong_element(const PhoneScreen& screen) {
    for (const auto& e : screen.elements) {
        if (e.id != screen.target && !e.text.empty() && e.type != ElementType::Text && e.items.empty()) return &e;
        for (const auto& it : e.items)
            if (it.id != screen.target) return &it;
    }
    return nullptr;
}

}  // namespace

TEST_CASE("every shipped guide can be followed to the end with 下一步, each step read aloud") {
    REQUIRE(shipped().guides.size() == 14);
    for (const Guide& g : shipped().guides) {
        CAPTURE(g.id);
        UiHarness ui(390, 844);
        ui.open_guide(g.title);
        CHECK(ui.heading() == g.title);
        ui.press(Role::Button, "开始学习");
        const int total = int(g.steps.size());
        for (int i = 0; i < total; ++i) {
            const GuideStep& st = g.steps[size_t(i)];
            CAPTURE(st.title);
            CHECK(ui.heading() == st.title);
            CHECK(ui.get(Role::Progress, progress(i + 1, total)).value == std::to_string(i + 1) + "/" + std::to_string(total));
            CHECK(ui.has(Role::Text, st.text));
            REQUIRE_FALSE(ui.speech.spoken.empty());
            CHECK(ui.speech.spoken.back().text == expected_speech(st, i + 1, total));
            CHECK(ui.speech.spoken.back().lang == "zh-CN");
            if (st.has_screen) CHECK(ui.tree().all(Role::Image).size() == 1);  // the simulated phone, described
            CHECK_FALSE(ui.has(Role::Status, "练习模式：这是模拟的手机画面，不会真的付钱，也不会发送任何东西。"));
            ui.press(Role::Button, i + 1 == total ? "完成" : "下一步");
        }
        CHECK(ui.heading() == "您学会了！");
        CHECK(ui.has(Role::Text, g.done));
        ui.press(Role::Button, "回首页");
        CHECK(ui.heading() == "您好！想做什么？");
    }
}

TEST_CASE("every shipped guide can be practised by tapping the highlighted place, and a wrong tap only gets a gentle hint") {
    for (const Guide& g : shipped().guides) {
        CAPTURE(g.id);
        UiHarness ui(1920, 1080);
        ui.open_guide(g.title);
        ui.press(Role::Button, "先练一练");
        bool tried_wrong = false;
        for (size_t i = 0; i < g.steps.size(); ++i) {
            const GuideStep& st = g.steps[i];
            CAPTURE(st.title);
            CHECK(ui.heading() == st.title);
            CHECK(ui.has(Role::Status, "练习模式：这是模拟的手机画面，不会真的付钱，也不会发送任何东西。"));
            if (!st.has_screen || st.screen.target.empty()) {
                ui.press(Role::Button, i + 1 == g.steps.size() ? "完成" : "下一步");
                continue;
            }
            CHECK_FALSE(ui.has(Role::Button, "下一步"));  // practice: the simulated screen is the way on
            const std::string target = element_label(*st.screen.find(st.screen.target));
            if (!tried_wrong) {
                if (const ScreenElement* wrong = wrong_element(st.screen)) {
                    tried_wrong = true;
                    ui.press(Role::Button, element_label(*wrong));
                    CHECK(ui.heading() == st.title);  // still here, no failure
                    const std::string hint = "再试一次，找到“" + target + "”，点它。";
                    CHECK(ui.has(Role::Status, hint));
                    CHECK(ui.speech.spoken.back().text == hint);
                }
            }
            ui.press(Role::Button, target);
        }
        CHECK(tried_wrong);
        CHECK(ui.heading() == "您学会了！");
        CHECK(ui.has(Role::Text, "刚才是练习，没有真的付钱，也没有发送任何东西。"));
    }
}

TEST_CASE("after three wrong taps the app offers to show the place or to call for help") {
    const Guide& g = *shipped().guide("bus-qr");
    const GuideStep& st = g.steps[0];
    REQUIRE(!st.screen.target.empty());
    const std::string wrong = element_label(*wrong_element(st.screen));
    const std::string target = element_label(*st.screen.find(st.screen.target));
    SUBCASE("做给我看 taps it for the user, says where, and goes on") {
        UiHarness ui;
        ui.open_guide(g.title);
        ui.press(Role::Button, "先练一练");
        for (int i = 0; i < 2; ++i) ui.press(Role::Button, wrong);
        CHECK_FALSE(ui.has(Role::Button, "做给我看"));
        ui.press(Role::Button, wrong);
        CHECK(ui.has(Role::Text, "没关系，慢慢来。要我做给您看，还是找人帮忙？"));
        ui.press(Role::Button, "做给我看");
        CHECK(ui.heading() == g.steps[1].title);
        CHECK(ui.speech.spoken.back().text.rfind("就是这里：“" + target + "”。我帮您点了。第 2 步", 0) == 0);
    }
    SUBCASE("找人帮忙 opens help, and 返回 comes back to the same step") {
        UiHarness ui;
        ui.open_guide(g.title);
        ui.press(Role::Button, "先练一练");
        for (int i = 0; i < 3; ++i) ui.press(Role::Button, wrong);
        const auto helps = ui.tree().all(Role::Button);
        int help_buttons = 0;
        for (const auto* b : helps) help_buttons += b->name == "找人帮忙";
        CHECK(help_buttons == 2);  // the offer's and the one always at the bottom
        ui.press(Role::Button, "找人帮忙");
        CHECK(ui.heading() == "找真人帮忙");
        ui.press(Role::Button, "返回");
        CHECK(ui.heading() == st.title);
    }
}

TEST_CASE("a marked jargon term opens its plain explanation, and closes again") {
    const Guide& g = *shipped().guide("anti-fraud");
    UiHarness ui;
    ui.open_guide(g.title);
    ui.press(Role::Button, "开始学习");
    ui.press(Role::Button, "“安全账户”是什么意思？");
    const std::string answer = "“安全账户”：" + shipped().glossary.at("安全账户");
    CHECK(ui.has(Role::Status, answer));
    ui.press(Role::Button, "“安全账户”是什么意思？");
    CHECK_FALSE(ui.has(Role::Status, answer));
}

TEST_CASE("上一步, 再读一遍 and 回首页 do what they say") {
    const Guide& g = *shipped().guide("hospital");
    UiHarness ui;
    ui.open_guide(g.title);
    ui.press(Role::Button, "开始学习");
    CHECK_FALSE(ui.has(Role::Button, "上一步"));  // nothing before the first step
    ui.press(Role::Button, "下一步");
    ui.press(Role::Button, "上一步");
    CHECK(ui.heading() == g.steps[0].title);
    const size_t spoken = ui.speech.spoken.size();
    ui.press(Role::Button, "再读一遍");
    REQUIRE(ui.speech.spoken.size() == spoken + 1);
    CHECK(ui.speech.spoken.back().text == expected_speech(g.steps[0], 1, int(g.steps.size())));
    ui.press(Role::Button, "回首页");
    CHECK(ui.heading() == "您好！想做什么？");
}

TEST_CASE("with Cantonese chosen, steps are spoken with a Cantonese voice; with no voice, the screen says so") {
    Settings s;
    s.voice_lang = VoiceLang::Cantonese;
    UiHarness ui(1920, 1080, settings_to_json(s));
    ui.speech.voice_available = false;
    ui.open_guide("电子健康卡");
    ui.press(Role::Button, "开始学习");
    CHECK(ui.speech.spoken.back().lang == "zh-HK");
    CHECK(ui.has(Role::Status, "这台设备没有找到中文朗读声音，请看屏幕上的文字。"));
}

TEST_CASE("the highlight pulses for a while after a step appears, then the app stops drawing") {
    UiHarness ui;
    ui.open_guide("坐公交地铁");
    ui.press(Role::Button, "开始学习");
    ui.frame();
    CHECK(ui.app->wants_frames());  // animating
    ui.clock.ms += 3500;
    ui.frame();
    ui.frame();
    CHECK_FALSE(ui.app->wants_frames());
}

TEST_CASE("the simulated screen's colours keep 7:1 contrast for text") {
    for (const ColourPair& p : phone_colour_pairs()) {
        CAPTURE(p.what);
        CHECK(contrast_ratio(p.fg, p.bg) >= 7.0);
    }
}

TEST_CASE("with reduced motion asked for, the highlight stands still and the app draws nothing more") {
    UiHarness ui;
    ui.app->state().reduced_motion = true;
    ui.open_guide("坐公交地铁");
    ui.press(Role::Button, "开始学习");
    ui.frame();
    ui.frame();
    CHECK_FALSE(ui.app->wants_frames());
}
