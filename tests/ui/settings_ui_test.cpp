#include <doctest/doctest.h>

#include "core/settings.h"
#include "ui/ui_harness.h"

using namespace anxin;
using anxin::test::UiHarness;

namespace {
float body_px(const UiHarness& ui) { return ui.get(Role::Text, "现在的文字就是这么大。").font_px; }
}  // namespace

TEST_CASE("choosing a bigger text size enlarges the text at once and is saved") {
    UiHarness ui;
    ui.press(Role::Button, "设置");
    CHECK(ui.get(Role::Radio, "标准").has(State_Checked));
    const float before = body_px(ui);
    ui.press(Role::Radio, "超大");
    CHECK(ui.get(Role::Radio, "超大").has(State_Checked));
    CHECK_FALSE(ui.get(Role::Radio, "标准").has(State_Checked));
    CHECK(body_px(ui) == doctest::Approx(64));
    CHECK(body_px(ui) > before);
    const auto saved = settings_from_json(ui.storage.values.at(SettingsStore::kKey));
    CHECK(saved.problems.empty());
    CHECK(saved.settings.text_size == TextSize::Largest);
}

TEST_CASE("settings survive a restart of the app") {
    UiHarness first;
    first.press(Role::Button, "设置");
    first.press(Role::Radio, "黑底黄字");
    first.press(Role::Radio, "很慢");
    first.press(Role::Checkbox, "打开页面时读出来");
    const std::string stored = first.storage.values.at(SettingsStore::kKey);

    UiHarness second(1920, 1080, stored);
    CHECK(second.app->state().settings.theme == ThemeId::DarkHighContrast);
    CHECK(second.app->state().settings.speech_rate == SpeechRate::VerySlow);
    CHECK_FALSE(second.app->state().settings.voice_on);
    second.press(Role::Button, "设置");
    CHECK(second.get(Role::Radio, "黑底黄字").has(State_Checked));
    CHECK_FALSE(second.get(Role::Checkbox, "打开页面时读出来").has(State_Checked));
}

TEST_CASE("a corrupt or unknown stored value starts the app with defaults, and the user can go on") {
    const char* bad[] = {"", "{not json", "[]", "null", "{\"version\": 99, \"text_size\": \"largest\"}",
                         "{\"version\": \"1\"}", "\xff\xfe garbage"};
    for (const char* stored : bad) {
        CAPTURE(stored);
        UiHarness ui(1920, 1080, std::string(stored));
        CHECK(ui.app->state().settings == Settings{});
        CHECK_FALSE(ui.app->state().settings_problems.empty());
        ui.press(Role::Button, "设置");
        ui.press(Role::Radio, "大");
        CHECK(settings_from_json(ui.storage.values.at(SettingsStore::kKey)).settings.text_size == TextSize::Large);
    }
}

TEST_CASE("when the browser refuses to store settings, the settings screen says so") {
    UiHarness ui;
    ui.storage.refuse_writes = true;
    ui.press(Role::Button, "设置");
    CHECK_FALSE(ui.has(Role::Status, "这个浏览器不让保存设置，关掉页面后会恢复原样。"));
    ui.press(Role::Radio, "大");
    CHECK(ui.has(Role::Status, "这个浏览器不让保存设置，关掉页面后会恢复原样。"));
    CHECK(ui.app->state().settings.text_size == TextSize::Large);  // still applied for this visit
}

TEST_CASE("with voice on, each new screen is read aloud in Mandarin at the chosen pace; with voice off, only on request") {
    UiHarness ui;
    ui.press(Role::Button, "设置");
    REQUIRE(ui.speech.spoken.size() == 1);
    CHECK(ui.speech.spoken[0].text.rfind("设置。改好了会马上生效", 0) == 0);
    CHECK(ui.speech.spoken[0].lang == "zh-CN");
    CHECK(ui.speech.spoken[0].rate == doctest::Approx(0.85f));  // default: slow

    ui.press(Role::Radio, "很慢");
    ui.press(Role::Button, "返回");
    REQUIRE(ui.speech.spoken.size() == 2);
    CHECK(ui.speech.spoken[1].text.rfind("您好！想做什么？点一下", 0) == 0);
    CHECK(ui.speech.spoken[1].rate == doctest::Approx(0.7f));

    ui.press(Role::Button, "设置");
    ui.press(Role::Checkbox, "打开页面时读出来");
    const size_t before = ui.speech.spoken.size();
    const int stops_before = ui.speech.stops;
    ui.press(Role::Button, "返回");
    CHECK(ui.speech.spoken.size() == before);  // voice off: silent
    CHECK(ui.speech.stops > stops_before);     // and anything still talking was stopped
    ui.press(Role::Button, "朗读");
    REQUIRE(ui.speech.spoken.size() == before + 1);
    CHECK(ui.speech.spoken.back().text == ui.app->screen_text());
}
