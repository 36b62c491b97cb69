// "请人给我回电", driven through the semantics tree against a fake help server:
// the keypad reads digits back, the request carries its context, the status
// screen keeps the server's promise, and nothing is lost while offline.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/settings.h"
#include "ui/ui_harness.h"

using namespace anxin;
using anxin::test::UiHarness;
using nlohmann::json;

namespace {

void type_number(UiHarness& ui, const std::string& digits) {
    for (char d : digits) ui.press(Role::Button, std::string(1, d));
}

HttpResponse answer(int status, const json& body) { return HttpResponse{status, body.dump()}; }

json waiting(int minutes, int position) {
    // As the server counts: "20 minutes" is 19 min 30 s left, rounded up.
    return json{{"id", std::string(32, 'a')}, {"status", "waiting"}, {"helper", nullptr}, {"promise_minutes", minutes},
                {"promise_ms", minutes * 60000 - 30000},
                {"position", position}, {"overdue", false}, {"escalated", false}};
}

}  // namespace

TEST_CASE("from a guide step, help → 请人给我回电: the keypad reads digits back and the request carries the step") {
    UiHarness ui(390, 844);
    ui.open_guide("防骗子");
    ui.press(Role::Button, "先练一练");
    ui.press(Role::Button, "未知号码");  // a wrong tap in practice: a helper will know
    ui.press(Role::Button, "找人帮忙");
    ui.press(Role::Button, "请人给我回电");
    CHECK(ui.heading() == "请人给我回电");
    type_number(ui, "1380013800");
    CHECK(ui.speech.spoken.back().text == "0。");
    ui.press(Role::Button, "读号码");
    CHECK(ui.speech.spoken.back().text == "您输入的号码是：1 3 8 0 0 1 3 8 0 0。");
    type_number(ui, "0");
    CHECK(ui.has(Role::Text, "您的电话号码 1 3 8 0 0 1 3 8 0 0 0"));
    ui.press(Role::Button, "发送，请人回电");

    REQUIRE(ui.network.calls.size() == 1);
    const auto& call = ui.network.calls[0];
    CHECK(call.method == "POST");
    CHECK(call.path == "/api/help-requests");
    const json body = json::parse(call.body);
    CHECK(body["phone"] == "13800138000");
    CHECK(body["idempotency_key"].get<std::string>().size() == 32);
    CHECK(body["context"]["guide"] == "anti-fraud");
    CHECK(body["context"]["step"] == 1);
    CHECK(body["context"]["practice_misses"] == 1);
    CHECK(body["context"]["device"] == "phone");
    CHECK(ui.heading() == "回电进度");
    CHECK(ui.has(Role::Status, "正在发送，请稍等……"));
    // The number is remembered for next time.
    CHECK(settings_from_json(ui.storage.values.at("anxin.settings")).settings.my_phone == "13800138000");

    // The server answers with its promise; it is shown, said and announced.
    ui.network.answers[1] = answer(201, waiting(20, 2));
    ui.settle();
    const std::string promise = "已经收到！15:20 前给您回电（大约 20 分钟）。您前面还有 1 位。";
    CHECK(ui.has(Role::Status, promise));
    CHECK(ui.a11y.announced.back().text == promise);
    CHECK(ui.speech.spoken.back().text.find(promise) != std::string::npos);

    // A little later the app checks again: a named helper has it.
    CHECK(ui.clock.wake_at > ui.clock.ms + HelpClient::kPollMs - 1000);
    CHECK(ui.clock.wake_at <= ui.clock.ms + HelpClient::kPollMs);
    ui.clock.ms = ui.clock.wake_at;
    ui.frame();
    REQUIRE(ui.network.calls.size() == 2);
    CHECK(ui.network.calls[1].path == "/api/help-requests/" + std::string(32, 'a'));
    json accepted = waiting(12, 0);
    accepted["status"] = "accepted";
    accepted["helper"] = "小杰";
    ui.network.answers[2] = answer(200, accepted);
    ui.settle();
    CHECK(ui.has(Role::Status, "小杰 已经接手，15:12 前给您打电话（大约 12 分钟）。"));
    CHECK(ui.has(Role::Button, "现在打电话"));  // the hotline is always the way out
}

TEST_CASE("a number that is too short is refused on the spot, and nothing is sent") {
    UiHarness ui;
    ui.press(Role::Button, "找人帮忙");
    ui.press(Role::Button, "请人给我回电");
    type_number(ui, "12345");
    ui.press(Role::Button, "删除");
    CHECK(ui.speech.spoken.back().text == "删掉了一位。");
    ui.press(Role::Button, "发送，请人回电");
    CHECK(ui.has(Role::Status, "号码好像不对：要 7 到 15 位数字。请再看看。"));
    CHECK(ui.network.calls.empty());
    CHECK(ui.heading() == "请人给我回电");
}

TEST_CASE("offline: the request waits on the device, is tried again with backoff, survives a reload, and is sent once") {
    std::string stored_help;
    std::string key;
    {
        UiHarness ui;
        ui.network.offline = true;
        ui.press(Role::Button, "找人帮忙");
        ui.press(Role::Button, "请人给我回电");
        type_number(ui, "13900139000");
        ui.press(Role::Button, "发送，请人回电");
        ui.settle();
        CHECK(ui.has(Role::Status, "现在连不上网。您的请求已经存在这台设备上，一连上网就会自动发出去（已经试了 1 次）。"));
        // Backoff: the next try is asked for 2 s later, then 4 s.
        CHECK(ui.clock.wake_at > ui.clock.ms + 1500);
        CHECK(ui.clock.wake_at <= ui.clock.ms + 2000);
        ui.clock.ms = ui.clock.wake_at;
        ui.settle();
        CHECK(ui.network.calls.size() == 2);
        CHECK(ui.clock.wake_at > ui.clock.ms + 3500);  // waits longer each time
        CHECK(ui.clock.wake_at <= ui.clock.ms + 4000);
        key = json::parse(ui.network.calls[0].body)["idempotency_key"];
        CHECK(json::parse(ui.network.calls[1].body)["idempotency_key"] == key);
        stored_help = ui.storage.values.at(HelpClient::kKey);
    }
    // The page is reloaded, and the network is back: the same request goes out at once.
    UiHarness ui(1920, 1080);
    ui.storage.values[HelpClient::kKey] = stored_help;
    ui.network.auto_answer = [](const test::FakeNetwork::Call& c) -> std::optional<HttpResponse> {
        if (c.method == "POST") return HttpResponse{201, waiting(10, 1).dump()};
        return std::nullopt;
    };
    ui.reload();
    REQUIRE(ui.network.calls.size() == 1);
    CHECK(json::parse(ui.network.calls[0].body)["idempotency_key"] == key);
    ui.press(Role::Button, "找人帮忙");
    ui.press(Role::Button, "查看回电进度");
    CHECK(ui.has(Role::Status, "已经收到！15:10 前给您回电（大约 10 分钟）。"));
}

TEST_CASE("a request the server refuses says so plainly and offers to fix the number") {
    UiHarness ui;
    ui.network.auto_answer = [](const test::FakeNetwork::Call&) -> std::optional<HttpResponse> {
        return HttpResponse{400, R"({"error":"phone must be a phone number of 7 to 15 digits"})"};
    };
    ui.press(Role::Button, "找人帮忙");
    ui.press(Role::Button, "请人给我回电");
    type_number(ui, "10000000");
    ui.press(Role::Button, "发送，请人回电");
    ui.settle();
    CHECK(ui.has(Role::Status, "号码好像不对，这个请求没能发出去。请改一下号码再发，或者直接打电话。"));
    ui.press(Role::Button, "改号码");
    CHECK(ui.heading() == "请人给我回电");
    CHECK(ui.has(Role::Text, "您的电话号码 1 0 0 0 0 0 0 0"));
    CHECK(ui.network.calls.size() == 1);  // never sent again by itself
}

TEST_CASE("a promise not kept is told honestly, with an apology") {
    UiHarness ui;
    json late = waiting(0, 1);
    late["overdue"] = true;
    ui.network.auto_answer = [&](const test::FakeNetwork::Call&) -> std::optional<HttpResponse> { return HttpResponse{201, late.dump()}; };
    ui.press(Role::Button, "找人帮忙");
    ui.press(Role::Button, "请人给我回电");
    type_number(ui, "13800138000");
    ui.press(Role::Button, "发送，请人回电");
    ui.settle();
    CHECK(ui.has(Role::Status, "对不起，比答应的时间晚了。我们已经请其他志愿者尽快给您打电话。"));
}

TEST_CASE("a step that does not match the phone is reported from the step, kept until sent, and its answer shown") {
    UiHarness ui;
    ui.network.offline = true;
    ui.open_guide("电子健康卡");
    ui.press(Role::Button, "开始学习");
    ui.press(Role::Button, "下一步");
    ui.press(Role::Button, "这一步有问题？告诉我们");
    CHECK(ui.heading() == "告诉我们哪里不对");
    ui.press(Role::Button, "发送");
    CHECK(ui.has(Role::Status, "请先选一个：是哪种问题？"));
    ui.press(Role::Radio, "和我手机上的不一样");
    ui.press(Role::Button, "发送");
    CHECK(ui.heading() == "我的反馈");
    CHECK(ui.has(Role::Text, "还没发出去，连上网会自动发送。"));
    REQUIRE(ui.network.calls.size() == 1);
    const json sent = json::parse(ui.network.calls[0].body);
    CHECK(sent["guide"] == "health-code");
    CHECK(sent["step"] == 2);
    CHECK(sent["kind"] == "does_not_match");

    // Back online: sent again with the same key, then the answer arrives when the user looks.
    ui.network.offline = false;
    ui.network.auto_answer = [](const test::FakeNetwork::Call& c) -> std::optional<HttpResponse> {
        if (c.method == "POST") return HttpResponse{201, R"({"id":"0123456789abcdef0123456789abcdef","status":"new"})"};
        return HttpResponse{200, R"({"id":"0123456789abcdef0123456789abcdef","status":"fixed","answer":"谢谢，已按新版微信改好。"})"};
    };
    ui.clock.ms = ui.clock.wake_at;
    ui.settle();
    REQUIRE(ui.network.calls.size() == 2);
    CHECK(json::parse(ui.network.calls[1].body)["idempotency_key"] == sent["idempotency_key"]);
    CHECK(ui.has(Role::Text, "已经收到，还在等回答。"));
    ui.press(Role::Button, "返回");
    ui.press(Role::Button, "回首页");
    ui.press(Role::Button, "设置");
    ui.press(Role::Button, "我的反馈");
    ui.settle();
    CHECK(ui.has(Role::Heading, "电子健康卡 第 2 步：和我手机上的不一样"));
    CHECK(ui.has(Role::Text, "已经改好了。回答：谢谢，已按新版微信改好。"));
}
