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
    CHECK(last_said(ui) == "出行，按钮。");
    ui.key(ImGuiKey_Keypad8);  // Up
    CHECK(last_said(ui) == "点一下下面的大按钮，我一步一步教您。");
    ui.key(ImGuiKey_DownArrow);
    ui.key(ImGuiKey_Keypad5);  // the round Enter key
    CHECK(ui.heading() == "出行");
}

TEST_CASE("a whole guide with the keys alone, and Help and Back from anywhere") {
    UiHarness ui(1920, 1080);
    ui.app->set_kiosk(kiosk());
    ui.settle();
    choose(ui, "看病");
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
    ui.tap(Role::Button, "找人帮忙");  // a touch: no voice
    CHECK(ui.heading() == "找真人帮忙");
    CHECK(ui.speech.spoken.size() == before);
    ui.key(ImGuiKey_Escape);  // Back, a kiosk key: home is read out
    CHECK(ui.heading() == "您好！想做什么？");
    CHECK(ui.speech.spoken.size() > before);
    const size_t after_key = ui.speech.spoken.size();
    ui.tap(Role::Button, "找人帮忙");
    CHECK(ui.heading() == "找真人帮忙");
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
            CHECK(c.body.find(R"("device":"kiosk:test-1|西溪社区服务中心 1号机")") != std::string::npos);  // the helper knows where
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
    apply_kiosk_query("?kiosk=1&idle=5&warning=3&try=1&junk", q, problems);
    CHECK(q.on);
    CHECK(q.idle_ms == 5000);
    CHECK(q.warning_ms == 3000);
}

namespace {
// Person A on a kiosk: a call-back for 13900139000 sent while the network is down.
void call_back_offline(UiHarness& ui, const char* digits = "13900139000") {
    ui.network.offline = true;
    ui.press(Role::Button, "找人帮忙");
    ui.press(Role::Button, "请人给我回电");
    for (const char* d = digits; *d; ++d) ui.press(Role::Button, std::string(1, *d));
    ui.press(Role::Button, "发送，请人回电");
}
void walk_away(UiHarness& ui) {
    ui.clock.ms += 120 * 1000 + 1;
    ui.settle();
}
int posts_with(const UiHarness& ui, const std::string& text) {
    int n = 0;
    for (const auto& c : ui.network.calls) n += c.path == "/api/help-requests" && c.method == "POST" && c.body.find(text) != std::string::npos;
    return n;
}
}  // namespace

TEST_CASE("还在用吗？: a tap on 不用了 wipes at once; a tap on 还要用 goes back without pressing what is beneath") {
    UiHarness ui(1080, 1920);
    ui.app->set_kiosk(kiosk());
    ui.settle();
    ui.tap(Role::Button, "找人帮忙");
    ui.tap(Role::Button, "请人给我回电");
    ui.tap(Role::Button, "1");
    ui.clock.ms += 90 * 1000;
    ui.settle();
    REQUIRE(ui.heading() == "还在用吗？");
    ui.tap(Role::Button, "还要用");
    CHECK(ui.heading() == "请人给我回电");
    CHECK(ui.app->state().phone_entry == "1");  // the tap's release did not land on a key beneath

    ui.clock.ms += 90 * 1000;
    ui.settle();
    REQUIRE(ui.heading() == "还在用吗？");
    const int resets = ui.app->kiosk_resets();
    ui.tap(Role::Button, "不用了，清除我的信息");
    CHECK(ui.heading() == "您好！想做什么？");
    CHECK(ui.app->kiosk_resets() == resets + 1);
    CHECK(ui.app->state().phone_entry.empty());
}

TEST_CASE("an empty kiosk is never asked: the clock starts at the next person's first touch") {
    UiHarness ui(1920, 1080);
    ui.app->set_kiosk(kiosk());
    ui.settle();
    for (int i = 0; i < 10; ++i) {  // 15 minutes with nobody there
        ui.clock.ms += 90 * 1000;
        ui.settle();
        CHECK(ui.heading() == "您好！想做什么？");
    }
    CHECK(ui.app->kiosk_resets() == 0);
    ui.open_guide("医院挂号");
    walk_away(ui);
    CHECK(ui.app->kiosk_resets() == 1);
    ui.clock.ms += 600 * 1000;
    ui.settle();
    CHECK(ui.app->kiosk_resets() == 1);  // and not again until someone comes
}

TEST_CASE("the next person's own call-back is shown; the last person's is still sent, never shown") {
    UiHarness ui(1080, 1920);
    ui.app->set_kiosk(kiosk());
    ui.settle();
    call_back_offline(ui, "13900139000");
    walk_away(ui);
    // Person B, still offline, asks too: B sees B's number only.
    call_back_offline(ui, "13811112222");
    bool b_seen = false;
    for (const auto& n : ui.tree().nodes()) {
        CHECK(n.name.find("1 3 9 0 0") == std::string::npos);
        b_seen = b_seen || n.name.find("138") != std::string::npos || n.name.find("1 3 8") != std::string::npos;
    }
    CHECK(b_seen);
    // The network comes back: both arrive (A's from the set-aside queue, B's as B's own).
    ui.network.offline = false;
    int next_id = 0;
    ui.network.auto_answer = [&](const test::FakeNetwork::Call& c) -> std::optional<HttpResponse> {
        if (c.method != "POST" || c.path != "/api/help-requests") return std::nullopt;
        char id[40];
        std::snprintf(id, sizeof id, "%032d", ++next_id);
        return HttpResponse{201, std::string(R"({"id":")") + id + R"(","status":"waiting","promise_minutes":10,"position":1})"};
    };
    const size_t before = ui.network.calls.size();
    ui.clock.ms += 40 * 1000;  // past the next retry of each; B is still there (not 90 s)
    ui.settle();
    int a_posts = 0, b_posts = 0;
    for (size_t i = before; i < ui.network.calls.size(); ++i) {
        a_posts += ui.network.calls[i].body.find("13900139000") != std::string::npos;
        b_posts += ui.network.calls[i].body.find("13811112222") != std::string::npos && ui.network.calls[i].method == "POST";
    }
    CHECK(a_posts == 1);  // sent once it could be, then no more
    CHECK(b_posts == 1);
    const int a_total = posts_with(ui, "13900139000");
    ui.clock.ms += 40 * 1000;
    ui.settle();
    CHECK(posts_with(ui, "13900139000") == a_total);  // delivered: not sent again
    CHECK(ui.app->state().help->status().phase == HelpPhase::Waiting);  // B's, acknowledged
    CHECK(ui.app->state().help->set_aside_count() == 0);
    CHECK(ui.storage.values.at(HelpClient::kKey).find("13900139000") == std::string::npos);
}

TEST_CASE("a kiosk starting up shows nothing kept from before (a power cut in the middle of someone's use)") {
    UiHarness ui(1080, 1920);
    Settings mine;
    mine.my_phone = "13900139000";
    mine.text_size = TextSize::Largest;
    ui.storage.values[SettingsStore::kKey] = settings_to_json(mine);
    ui.storage.values["anxin.family_form"] = R"({"from":"小芳"})";
    ui.storage.values[HelpClient::kKey] = R"({"outbox":"{\"phone\":\"13900139000\"}","id":"","phone":"13900139000","attempts":1})";
    ui.storage.values[ReportClient::kKey] = R"([{"key":"k1","guide":"hospital","step":2,"kind":"step_wrong","id":"r1","status":"answered","answer":"改好了"}])";
    ui.reload();
    ui.network.offline = true;
    ui.app->set_kiosk(kiosk());
    ui.settle();
    CHECK(ui.app->state().settings == KioskConfig::kiosk_defaults());
    CHECK(ui.app->state().family.from.empty());
    CHECK_FALSE(ui.app->state().help->active());
    CHECK(ui.app->state().help->set_aside_count() == 1);  // still sent once it can be
    CHECK(ui.app->state().reports->reports().empty());
    CHECK(ui.storage.values.count("anxin.family_form") == 0);
    CHECK(settings_from_json(ui.storage.values.at(SettingsStore::kKey)).settings.my_phone.empty());
    ui.app->open_address("#family");  // a kiosk is set up by its operator, not by links
    ui.settle();
    CHECK(ui.heading() == "您好！想做什么？");
}

TEST_CASE("reports the last person sent are gone from the list; one not yet sent is still sent") {
    UiHarness ui(1080, 1920);
    ui.app->set_kiosk(kiosk());
    ui.settle();
    ui.network.offline = true;
    ui.app->state().reports->send("hospital", 2, ReportKind::StepWrong);
    ui.open_guide("医院挂号");  // someone is here
    walk_away(ui);
    CHECK(ui.app->state().reports->reports().empty());
    ui.network.offline = false;
    ui.network.auto_answer = [](const test::FakeNetwork::Call& c) -> std::optional<HttpResponse> {
        if (c.path == "/api/reports") return HttpResponse{201, R"({"id":"r1","status":"new"})"};
        return std::nullopt;
    };
    ui.clock.ms += 60 * 1000;
    ui.settle();
    int sent = 0;
    for (const auto& c : ui.network.calls) sent += c.path == "/api/reports" && c.method == "POST";
    CHECK(sent >= 2);  // tried offline, then delivered
    CHECK(ui.app->state().reports->reports().empty());
    CHECK_FALSE(ui.app->state().reports->sending());
}

TEST_CASE("each kiosk names itself: id and place from config.json or its own address, checked") {
    std::vector<std::string> problems;
    KioskConfig k = kiosk_from_json(R"({"kiosk":{"place":"𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀","id":"西溪1号"}})", problems);
    CHECK(k.place.empty());  // 19 characters
    CHECK(k.id.empty());     // not a machine id
    CHECK(problems.size() == 2);
    // One config.json for many machines: each one's address says which it is.
    problems.clear();
    apply_kiosk_query("?kiosk=1&id=xixi-2&place=%E8%A5%BF%E6%BA%AA+2%E5%8F%B7%E6%9C%BA", k, problems);
    CHECK(problems.empty());
    CHECK(k.id == "xixi-2");
    CHECK(k.place == "西溪 2号机");
    CHECK(kiosk_device(k) == "kiosk:xixi-2|西溪 2号机");
    HelpRequestBody body;
    body.idempotency_key = "0123456789abcdef0123456789abcdef";
    body.phone = "13900139000";
    body.context.device = kiosk_device(k);
    HelpRequestBody back;
    std::string why;
    CHECK(help_request_from_json(help_request_to_json(body), {}, back, why));  // the server takes it
    apply_kiosk_query("?id=bad%20id&place=%00", k, problems);
    CHECK(k.id == "xixi-2");
    CHECK(problems.size() == 2);
    // Short timings only when trying it out: a real kiosk keeps a 30 s countdown.
    KioskConfig q;
    problems.clear();
    apply_kiosk_query("?kiosk=1&idle=5&warning=3", q, problems);
    CHECK(q.idle_ms == 90000);
    CHECK(q.warning_ms == 30000);
    CHECK(problems.size() == 2);
    apply_kiosk_query("?kiosk=1&idle=5&warning=3&try=1", q, problems);
    CHECK(q.idle_ms == 5000);
    CHECK(q.warning_ms == 3000);
}

TEST_CASE("a screen shared, or asked for, keeps the kiosk from asking; a code left waiting does not") {
    UiHarness ui(1080, 1920);
    ui.app->set_kiosk(kiosk());
    ui.settle();
    ui.network.auto_answer = [](const test::FakeNetwork::Call& c) -> std::optional<HttpResponse> {
        if (c.method == "POST" && c.path == "/api/coview") return HttpResponse{201, R"({"code":"123456","token":"0123456789abcdef0123456789abcdef","expires_in_ms":600000})"};
        if (c.method == "GET" && c.path.rfind("/api/coview/", 0) == 0) return HttpResponse{200, R"({"state":"waiting"})"};
        return std::nullopt;
    };
    ui.press(Role::Button, "找人帮忙");
    ui.press(Role::Button, "让对方看我的屏幕");
    REQUIRE(ui.app->state().coview->status().phase == CoViewPhase::Code);
    walk_away(ui);  // the code is on screen, nobody came: the kiosk still resets
    CHECK(ui.app->kiosk_resets() == 1);
    CHECK(ui.heading() == "您好！想做什么？");
}

TEST_CASE("focus moved another way (Tab, a screen reader) is where the kiosk keys go on from") {
    UiHarness ui(1920, 1080);
    ui.app->set_kiosk(kiosk());
    ui.settle();
    ui.key(ImGuiKey_DownArrow);  // the key cursor starts at the top
    const SemanticsNode* tile = ui.tree().find(Role::Button, "看病");
    REQUIRE(tile);
    ui.app->actions().request(tile->id, Action::Focus);  // as the mirror sends when Tab reaches it
    ui.settle();
    ui.key(ImGuiKey_Keypad5);
    CHECK(ui.heading() == "看病");
}
