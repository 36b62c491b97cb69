// Screen sharing on the help server: one-time codes, consent, the tree kept whole
// from diffs, pointing, endings, and nothing kept after the end.
#include <doctest/doctest.h>

#include "server/coview.h"
#include "server/secrets.h"

using namespace anxin::server;
using nlohmann::json;

namespace {
json node(uint32_t id, const std::string& name) { return {{"id", id}, {"role", "button"}, {"name", name}, {"rect", {0, 0, 100, 72}}}; }

// A code made and entered by 小杰 at time 0, and the senior's answer: the app's and the viewer's tokens.
struct Answered { std::string app, viewer; };
Answered answered(CoViewHub& hub, bool accept) {
    auto made = hub.create(0);
    REQUIRE(made);
    Answered a{made->app_token, ""};
    REQUIRE(hub.join(made->code, "小杰", 0, &a.viewer) == CoViewHub::Join::Ok);
    REQUIRE(hub.answer(a.app, accept, 0));
    return a;
}
}  // namespace

TEST_CASE("a code is single-use, expires after 10 minutes, and nothing is shared before the senior agrees") {
    REQUIRE(secrets_init());
    CoViewHub hub;
    auto made = hub.create(1000);
    REQUIRE(made);
    CHECK(made->code.size() == 6);
    std::string viewer;
    CHECK(hub.join("000000" == made->code ? "000001" : "000000", "小杰", 2000, &viewer) == CoViewHub::Join::NoSuchCode);
    CHECK(hub.join(made->code, "小杰", 2000, &viewer) == CoViewHub::Join::Ok);
    std::string again;
    CHECK(hub.join(made->code, "别人", 2100, &again) == CoViewHub::Join::Used);
    CHECK(hub.app_view(made->app_token, 2200)->state == CoViewState::Asking);
    CHECK(hub.app_view(made->app_token, 2200)->viewer == "小杰");
    // Before 好的 the app cannot send its screen, and the viewer gets none.
    CHECK_FALSE(hub.update(made->app_token, {{"add", {node(1, "下一步")}}}, json::object(), false, 2300));
    CHECK(hub.feed(viewer, 0, 2300, 0).events.empty());

    // The app keeps calling in; the code still dies at 10 minutes.
    auto in_time = hub.create(0), too_late = hub.create(0);
    for (Millis t = 10000; t < 10 * 60 * 1000; t += 10000) {
        hub.app_view(in_time->app_token, t);
        hub.app_view(too_late->app_token, t);
    }
    std::string v2, v3;
    CHECK(hub.join(in_time->code, "小杰", 10 * 60 * 1000 - 1, &v2) == CoViewHub::Join::Ok);
    CHECK(hub.join(too_late->code, "小杰", 10 * 60 * 1000, &v3) == CoViewHub::Join::Expired);
    // Asked but never answered, with the app still calling in: it ends too, 10 minutes on.
    Millis t = 10 * 60 * 1000;
    for (; t < 20 * 60 * 1000 - 1; t += 10000) REQUIRE(hub.app_view(in_time->app_token, t)->state == CoViewState::Asking);
    const auto ended = hub.app_view(in_time->app_token, t);
    REQUIRE(ended);
    CHECK(ended->state == CoViewState::Ended);
    CHECK(ended->why == "time");
}

TEST_CASE("a shared screen reaches the viewer whole, then as diffs; pointing and ending work from both sides") {
    REQUIRE(secrets_init());
    CoViewHub hub;
    auto made = hub.create(0);
    std::string viewer;
    REQUIRE(hub.join(made->code, "小杰", 10, &viewer) == CoViewHub::Join::Ok);
    REQUIRE(hub.answer(made->app_token, true, 20));
    REQUIRE(hub.update(made->app_token, {{"remove", json::array()}, {"add", {node(1, "第 2 步"), node(2, "下一步")}}},
                       {{"guide", "坐公交地铁"}, {"step", 2}, {"steps", 9}}, false, 30));
    const CoViewFeed first = hub.feed(viewer, 0, 40, 0);
    REQUIRE(first.snapshot);
    const json snap = json::parse(first.events.at(0));
    CHECK(snap["nodes"].size() == 2);
    CHECK(snap["context"]["guide"] == "坐公交地铁");
    REQUIRE(hub.update(made->app_token, {{"remove", {1}}, {"add", {node(3, "第 3 步")}}}, json::object(), false, 50));
    const CoViewFeed next = hub.feed(viewer, first.seq, 60, 0);
    REQUIRE(next.events.size() == 1);
    CHECK_FALSE(next.snapshot);
    CHECK(json::parse(next.events[0])["diff"]["remove"][0] == 1);
    // A late viewer (or one that fell behind) gets the tree as it is now.
    const json now = json::parse(hub.feed(viewer, 0, 70, 0).events.at(0));
    CHECK(now["nodes"].size() == 2);
    CHECK(now["nodes"][1]["name"] == "第 3 步");

    CHECK_FALSE(hub.point(viewer, 99, 80));  // not on the screen
    REQUIRE(hub.point(viewer, 2, 80));
    CHECK(hub.app_view(made->app_token, 90)->point_id == 2);
    CHECK(hub.app_view(made->app_token, 90)->point_seq == 1);

    REQUIRE(hub.end_by_viewer(viewer, 100));
    const auto ended = hub.app_view(made->app_token, 110);
    CHECK(ended->state == CoViewState::Ended);
    CHECK(ended->why == "viewer");
    const CoViewFeed gone = hub.feed(viewer, 0, 120, 0);
    CHECK(gone.state == CoViewState::Ended);
    CHECK(gone.events.empty());
    CHECK(hub.stored_nodes() == 0);  // nothing of the stream is kept
    CHECK_FALSE(hub.update(made->app_token, {{"add", {node(4, "x")}}}, json::object(), false, 130));
    // Forgotten a minute after the end.
    CHECK_FALSE(hub.app_view(made->app_token, 100 + 61 * 1000));
}

TEST_CASE("sharing ends by itself after 30 minutes, when the app goes quiet, or when the senior says 不要") {
    REQUIRE(secrets_init());
    CoViewHub hub;
    const Answered a = answered(hub, true);
    for (Millis t = 10000; t < 30 * 60 * 1000; t += 10000) REQUIRE(hub.app_view(a.app, t)->state == CoViewState::Live);
    CHECK(hub.app_view(a.app, 30 * 60 * 1000)->why == "time");

    const Answered b = answered(hub, true);
    hub.expire(21 * 1000);  // no call from the app for 20 s: it was closed
    CHECK(hub.feed(b.viewer, 0, 21 * 1000, 0).why == "closed");

    const Answered c = answered(hub, false);
    CHECK(hub.feed(c.viewer, 0, 10, 0).why == "refused");
    CHECK(hub.live_count() == 0);
}

TEST_CASE("only known node fields of bounded size are kept and passed on; a reset replaces the tree") {
    REQUIRE(secrets_init());
    CoViewHub hub;
    const Answered s = answered(hub, true);
    const std::string& viewer = s.viewer;
    json odd = node(1, "下一步");
    odd["script"] = "<img src=x onerror=alert(1)>";
    odd["rect"] = {1, 2, "three", 4};
    const json huge = node(2, std::string(5000, 'x'));
    REQUIRE(hub.update(s.app, {{"add", {odd, huge, {{"id", -5}}, "junk"}}}, {{"guide", 42}, {"step", 2}}, false, 10));
    const json seen = json::parse(hub.feed(viewer, 0, 20, 0).events.at(0));
    REQUIRE(seen["nodes"].size() == 2);
    CHECK_FALSE(seen["nodes"][0].contains("script"));
    CHECK_FALSE(seen["nodes"][0].contains("rect"));
    CHECK_FALSE(seen["nodes"][1].contains("name"));  // too long to pass on
    CHECK_FALSE(seen["context"].contains("guide"));
    CHECK(seen["context"]["step"] == 2);
    REQUIRE(hub.update(s.app, {{"add", {node(7, "第 3 步")}}}, json::object(), true, 30));
    const json after = json::parse(hub.feed(viewer, 0, 40, 0).events.at(0));
    REQUIRE(after["nodes"].size() == 1);
    CHECK(after["nodes"][0]["name"] == "第 3 步");
    // One event stream per viewer.
    CHECK(hub.open_stream(viewer));
    CHECK_FALSE(hub.open_stream(viewer));
    hub.close_stream(viewer);
    CHECK(hub.open_stream(viewer));
}
