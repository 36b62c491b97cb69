// "让对方看我的屏幕" in the app, against the help server's real session hub (the
// HTTP layer replaced by a few lines that route the app's calls to it).
#include <doctest/doctest.h>

#include "server/coview.h"
#include "server/secrets.h"
#include "ui/ui_harness.h"

using namespace anxin;
using anxin::test::UiHarness;
using nlohmann::json;
using server::CoViewHub;

namespace {

// The app's co-view calls, answered by `hub` as the help server would.
void route_to(UiHarness& ui, CoViewHub& hub) {
    ui.network.auto_answer = [&ui, &hub](const test::FakeNetwork::Call& c) -> std::optional<HttpResponse> {
        const server::Millis now = server::Millis(ui.clock.ms);
        if (c.path == "/api/coview") {
            auto made = hub.create(now);
            return HttpResponse{201, json{{"code", made->code}, {"token", made->app_token}}.dump()};
        }
        const std::string token = c.path.substr(12, 32), rest = c.path.substr(std::min(c.path.size(), size_t(44)));
        if (rest == "/answer") hub.answer(token, json::parse(c.body)["accept"].get<bool>(), now);
        if (rest == "/end") hub.end_by_app(token, now);
        if (rest == "/screen") {
            const json j = json::parse(c.body);
            return HttpResponse{hub.update(token, j["diff"], j["context"], j.value("reset", false), now) ? 200 : 409, "{}"};
        }
        auto v = hub.app_view(token, now);
        if (!v) return HttpResponse{404, "{}"};
        return HttpResponse{200, json{{"state", server::coview_state_name(v->state)}, {"viewer", v->viewer}, {"point", v->point_id},
                                      {"point_seq", v->point_seq}, {"why", v->why}}.dump()};
    };
}

void wait_a_second(UiHarness& ui) {
    ui.clock.ms += CoViewClient::kPollMs + 1;
    ui.settle();
}

std::string code_on_screen(UiHarness& ui) {
    for (const auto& n : ui.tree().nodes())
        if (n.name.rfind("号码 ", 0) == 0) {
            std::string digits;
            for (char ch : n.name) if (ch >= '0' && ch <= '9') digits += ch;
            return digits;
        }
    return {};
}

bool announced(UiHarness& ui, const std::string& text) {
    for (const auto& a : ui.a11y.announced) if (a.text == text) return true;
    return false;
}

// From home: 找人帮忙 → 让对方看我的屏幕, and 小杰 enters the code shown; returns the viewer's token.
std::string asked_by_helper(UiHarness& ui, CoViewHub& hub) {
    ui.press(Role::Button, "找人帮忙");
    ui.press(Role::Button, "让对方看我的屏幕");
    std::string viewer;
    REQUIRE(hub.join(code_on_screen(ui), "小杰", server::Millis(ui.clock.ms), &viewer) == CoViewHub::Join::Ok);
    wait_a_second(ui);
    return viewer;
}

// The viewer's whole picture of the screen, from the events it got.
json replica(CoViewHub& hub, const std::string& viewer) {
    const server::CoViewFeed f = hub.feed(viewer, 0, 0, 0);
    return f.events.empty() ? json() : json::parse(f.events[0]);
}

}  // namespace

TEST_CASE("a senior shares the screen with a helper on the phone, who sees the step, points, and ends") {
    REQUIRE(server::secrets_init());
    CoViewHub hub;
    UiHarness ui(390, 844);
    route_to(ui, hub);
    ui.open_guide("坐公交地铁");
    ui.press(Role::Button, "开始学习");
    ui.press(Role::Button, "下一步");
    const std::string step_heading = ui.heading();
    ui.press(Role::Button, "找人帮忙");
    ui.press(Role::Button, "让对方看我的屏幕");
    CHECK(ui.heading() == "让对方看我的屏幕");
    const std::string code = code_on_screen(ui);
    REQUIRE(code.size() == 6);
    CHECK(ui.app->screen_text().find("号码是：" + std::string(1, code[0]) + " " + code[1]) != std::string::npos);  // read digit by digit

    std::string viewer;
    REQUIRE(hub.join(code, "小杰", server::Millis(ui.clock.ms), &viewer) == CoViewHub::Join::Ok);
    wait_a_second(ui);
    CHECK(ui.heading() == "小杰想看您的屏幕。同意吗？");
    CHECK(announced(ui, "小杰想看您的屏幕。同意吗？"));
    CHECK(replica(hub, viewer).is_null());  // nothing shared before 好的

    ui.press(Role::Button, "好的");
    wait_a_second(ui);
    CHECK(ui.heading() == step_heading);  // back where the senior was
    CHECK(ui.has(Role::Status, "小杰正在看您的屏幕"));
    CHECK(ui.get(Role::Button, "结束").rect.h >= 72);
    wait_a_second(ui);
    const json seen = replica(hub, viewer);
    REQUIRE(seen.is_object());
    CHECK(seen["context"]["guide"] == "坐公交地铁");
    CHECK(seen["context"]["step"] == 2);
    bool has_heading = false;
    uint32_t next_id = 0;
    for (const json& n : seen["nodes"]) {
        has_heading = has_heading || n["name"] == step_heading;
        if (n["name"] == "下一步") next_id = n["id"].get<uint32_t>();
    }
    CHECK(has_heading);
    REQUIRE(next_id != 0);

    // Pointing: the senior's app rings 下一步 and says so; nothing is pressed.
    REQUIRE(hub.point(viewer, next_id, server::Millis(ui.clock.ms)));
    wait_a_second(ui);
    CHECK(ui.app->state().coview_point == next_id);
    CHECK(announced(ui, "小杰指给您看：下一步。"));
    CHECK(ui.heading() == step_heading);

    // The viewer ends it: the banner goes, and the senior is told.
    REQUIRE(hub.end_by_viewer(viewer, server::Millis(ui.clock.ms)));
    wait_a_second(ui);
    CHECK_FALSE(ui.has(Role::Status, "小杰正在看您的屏幕"));
    CHECK(announced(ui, "小杰已经结束，对方看不到您的屏幕了。"));
    CHECK(ui.app->state().coview_point == 0);
}

TEST_CASE("a phone number typed while sharing reaches the viewer masked") {
    REQUIRE(server::secrets_init());
    CoViewHub hub;
    UiHarness ui(390, 844);
    route_to(ui, hub);
    const std::string viewer = asked_by_helper(ui, hub);
    ui.press(Role::Button, "好的");
    ui.press(Role::Button, "找人帮忙");
    ui.press(Role::Button, "请人给我回电");
    for (const char* d : {"1", "3", "8", "0", "0", "1", "3", "8", "0", "0", "0"}) ui.press(Role::Button, d);
    wait_a_second(ui);
    const std::string all = replica(hub, viewer).dump();
    CHECK(all.find("138 0013 8000") == std::string::npos);
    CHECK(all.find("1 3 8 0 0 1 3 8 0 0 0") == std::string::npos);
    CHECK(all.find("您的电话号码 • • • • • • • • • • •") != std::string::npos);  // there is a number, not which
    // The senior ends it with the banner's 结束.
    ui.press(Role::Button, "结束");
    wait_a_second(ui);
    CHECK(hub.feed(viewer, 0, server::Millis(ui.clock.ms), 0).why == "app");
}

TEST_CASE("不要 shares nothing, and the helper is told") {
    REQUIRE(server::secrets_init());
    CoViewHub hub;
    UiHarness ui(390, 844);
    route_to(ui, hub);
    const std::string viewer = asked_by_helper(ui, hub);
    ui.press(Role::Button, "不要");
    CHECK(ui.has(Role::Status, "您没有同意，对方什么也看不到。"));
    const server::CoViewFeed f = hub.feed(viewer, 0, server::Millis(ui.clock.ms), 0);
    CHECK(f.why == "refused");
    CHECK(f.events.empty());
    ui.press(Role::Button, "好");
    CHECK(ui.heading() == "找真人帮忙");
}

TEST_CASE("no server: the senior is told plainly, with the hotline still there") {
    UiHarness ui(390, 844);
    ui.network.offline = true;
    ui.press(Role::Button, "找人帮忙");
    ui.press(Role::Button, "让对方看我的屏幕");
    CHECK(ui.has(Role::Status, "连不上帮助服务器。请稍后再试，或者直接打热线。"));
    CHECK(ui.has(Role::Button, "再试一次"));
}
