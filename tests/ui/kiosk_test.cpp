// Kiosk mode: EZ Access keys (Up/Down through every item, spoken; Enter; Help; Back),
// and the idle question and reset that wipes one person's traces for the next.
#include <doctest/doctest.h>

#include "core/content.h"
#include "ui/ui_harness.h"

using namespace anxin;
using anxin::test::UiHarness;

namespace {

KioskConfig kiosk() {
    KioskConfig k;
    k.on = true;
    k.id = "test-1";
    k.place = "西溪社区服务中心 1号机";
    return k;
}

std::string last_said(const UiHarness& ui) { return ui.speech.spoken.empty() ? "" : ui.speech.spoken.back().text; }

// Down until the item with this name is reached (as a person listening would), then Enter.
void choose(UiHarness& ui, const std::string& name) {
    for (int i = 0; i < 60; ++i) {
        ui.key(ImGuiKey_DownArrow);
        if (last_said(ui).rfind(name + "，", 0) == 0) {
            ui.key(ImGuiKey_Enter);
            return;
        }
    }
    FAIL("never reached " << name);
}

}  // namespace

TEST_CASE("Up and Down move through every item in reading order, each one spoken; Enter presses") {
    UiHarness ui(1920, 1080);
    ui.app->set_kiosk(kiosk());
    ui.settle();
    // The same order as the page's reading order: the bar first, then the screen.
    ui.key(ImGuiKey_DownArrow);
    CHECK(last_said(ui) == "安心。");
    ui.key(ImGuiKey_Keypad2);  // the keypad's Down
    CHECK(last_said(ui) == "朗读，按钮。");
    ui.key(ImGuiKey_DownArrow);
    CHECK(last_said(ui) == "您好！想做什么？");
    ui.key(ImGuiKey_DownArrow);
    CHECK(last_said(ui) == "点一下下面的大按钮，我一步一步教您。");
    ui.key(ImGuiKey_DownArrow);
    CHECK(last_said(ui) == "坐公交地铁，按钮。");
    ui.key(ImGuiKey_Keypad8);  // Up
    CHECK(last_said(ui) == "点一下下面的大按钮，我一步一步教您。");
    ui.key(ImGuiKey_DownArrow);
    ui.key(ImGuiKey_Keypad5);  // the round Enter key
    CHECK(ui.heading() == "坐公交地铁");
}

TEST_CASE("a whole guide with the keys alone, and Help and Back from anywhere") {
    UiHarness ui(1920, 1080);
    ui.app->set_kiosk(kiosk());
    ui.settle();
    choose(ui, "医院挂号");
    choose(ui, "开始学习");
    const Guide* g = ui.app->state().content.guide("hospital");
    REQUIRE(g);
    for (size_t i = 0; i < g->steps.size(); ++i) {
        CHECK(ui.heading() == g->steps[i].title);
        if (i == 1) {  // Help from a step, and back again
            ui.key(ImGuiKey_F1);
            CHECK(ui.heading() == "找真人帮忙");
            ui.key(ImGuiKey_KeypadSubtract);
            CHECK(ui.heading() == g->steps[i].title);
        }
        choose(ui, i + 1 == g->steps.size() ? "完成" : "下一步");
    }
    CHECK(ui.heading() == "您学会了！");
}

TEST_CASE("a kiosk key turns the voice on until the screen is touched") {
    KioskConfig k = kiosk();
    k.defaults.voice_on = false;
    UiHarness ui(1920, 1080);
    ui.app->set_kiosk(k);
    ui.settle();
    const size_t before = ui.speech.spoken.size();
    ui.tap(Role::Button, "设置");  // a touch: no voice
    CHECK(ui.speech.spoken.size() == before);
    ui.key(ImGuiKey_Escape);  // Back, a kiosk key: home is read out
    CHECK(ui.heading() == "您好！想做什么？");
    CHECK(ui.speech.spoken.size() > before);
    const size_t after_key = ui.speech.spoken.size();
    ui.tap(Role::Button, "设置");
    CHECK(ui.speech.spoken.size() == after_key);
}

TEST_CASE("after 90 s without input the kiosk asks, counts down, and wipes what the person left") {
    UiHarness ui(1080, 1920);
    ui.app->set_kiosk(kiosk());
    ui.settle();
    // Person A: bigger text, a number typed, a call-back sent while the network is down.
    ui.network.offline = true;
    ui.press(Role::Button, "设置");
    ui.press(Role::Radio, "超大");
    ui.press(Role::Button, "找人帮忙");
    ui.press(Role::Button, "请人给我回电");
    for (const char* d : {"1", "3", "9", "0", "0", "1", "3", "9", "0", "0", "0"}) ui.press(Role::Button, d);
    ui.press(Role::Button, "发送，请人回电");
    const std::string status_heading = ui.heading();

    ui.clock.ms += 90 * 1000;
    ui.settle();
    CHECK(ui.heading() == "还在用吗？");
    CHECK(ui.has(Role::Text, "还有 30 秒"));
    ui.clock.ms += 10 * 1000;
    ui.settle();
    CHECK(ui.has(Role::Text, "还有 20 秒"));
    ui.press(Role::Button, "还要用");
    CHECK(ui.heading() == status_heading);  // back where A was

    ui.clock.ms += 120 * 1000 + 1;
    ui.settle();
    CHECK(ui.heading() == "您好！想做什么？");
    CHECK(ui.app->state().settings == KioskConfig::kiosk_defaults());
    CHECK(ui.app->state().settings.my_phone.empty());
    CHECK(ui.app->state().phone_entry.empty());
    for (const auto& n : ui.tree().nodes()) CHECK(n.name.find("139") == std::string::npos);
    ui.press(Role::Button, "找人帮忙");
    CHECK(ui.has(Role::Button, "请人给我回电"));  // not A's request
    for (const auto& n : ui.tree().nodes()) CHECK(n.name.find("1 3 9") == std::string::npos);
    CHECK(settings_from_json(ui.storage.values.at(SettingsStore::kKey)).settings.my_phone.empty());

    // A's request is still sent once the network is back (nothing lost), then forgotten.
    REQUIRE(ui.storage.values.count(HelpClient::kKey));
    ui.network.offline = false;
    ui.network.auto_answer = [](const test::FakeNetwork::Call& c) -> std::optional<HttpResponse> {
        if (c.method == "POST") return HttpResponse{201, R"({"id":"0123456789abcdef0123456789abcdef","status":"waiting","promise_minutes":10})"};
        return std::nullopt;
    };
    ui.clock.ms += 120 * 1000;
    ui.settle();
    int posts = 0, heartbeats = 0;
    for (const auto& c : ui.network.calls) heartbeats += c.path == "/api/kiosks/heartbeat" && c.body.find("西溪社区服务中心 1号机") != std::string::npos;
    CHECK(heartbeats >= 2);  // at the start, and every few minutes
    for (const auto& c : ui.network.calls)
        if (c.method == "POST" && c.body.find("13900139000") != std::string::npos) {
            ++posts;
            CHECK(c.body.find(R"("device":"kiosk:西溪社区服务中心 1号机")") != std::string::npos);  // the helper knows where
        }
    CHECK(posts >= 1);
    CHECK(ui.storage.values.count(HelpClient::kKey) == 0);
    CHECK_FALSE(ui.has(Role::Button, "看看回电进度"));
}

TEST_CASE("kiosk configuration: from config.json, with bad values reported, and from the address") {
    std::vector<std::string> problems;
    KioskConfig k = kiosk_from_json(R"({"hotline":{"number":"12345"},"kiosk":{"id":"xixi-1","place":"西溪社区服务中心 1号机",
        "idle_seconds":120,"warning_seconds":5,"text_size":"largest","voice_on":true}})", problems);
    CHECK(k.on);
    CHECK(k.place == "西溪社区服务中心 1号机");
    CHECK(k.idle_ms == 120000);
    CHECK(k.warning_ms == 30000);  // 5 s is too short to answer: refused
    CHECK(k.defaults.text_size == TextSize::Largest);
    CHECK(problems.size() == 1);
    CHECK_FALSE(kiosk_from_json(R"({"hotline":{"number":"12345"}})", problems).on);
    KioskConfig q;
    apply_kiosk_query("?kiosk=1&idle=5&warning=3&junk", q);
    CHECK(q.on);
    CHECK(q.idle_ms == 5000);
    CHECK(q.warning_ms == 3000);
}
