// Workshop classes on the help server: codes, following the volunteer's step (and
// waiting calls that return when it changes), raised hands, the dashboard, the end,
// and everything deleted a day later.
#include <doctest/doctest.h>

#include <thread>

#include "server/classes.h"
#include "server/secrets.h"

using namespace anxin::server;

namespace {
constexpr Millis kHour = 60 * 60 * 1000;

std::string join(ClassHub& hub, const std::string& code, const std::string& nickname, Millis now) {
    std::string token;
    ClassView v;
    REQUIRE(hub.join(code, nickname, now, &token, &v) == ClassHub::Join::Ok);
    return token;
}
}  // namespace

TEST_CASE("seniors join with the code and follow the volunteer's step") {
    REQUIRE(secrets_init());
    ClassHub hub;
    auto c = hub.start(7, "小杰", "hospital", 9, 0);
    REQUIRE(c);
    CHECK(c->code.size() == 6);
    std::string token;
    ClassView v;
    CHECK(hub.join(c->code == "000000" ? "000001" : "000000", "", 10, &token, &v) == ClassHub::Join::NoSuchCode);
    CHECK(hub.join(c->code, "王阿姨王阿姨王阿姨", 10, &token, &v) == ClassHub::Join::BadNickname);  // 9 characters
    REQUIRE(hub.join(c->code, "王阿姨", 10, &token, &v) == ClassHub::Join::Ok);
    CHECK(v.guide == "hospital");
    CHECK(v.steps == 9);
    CHECK(v.step == 0);
    CHECK(v.volunteer == "小杰");
    const std::string anonymous = join(hub, c->code, "", 20);  // a nickname is optional

    CHECK_FALSE(hub.set_step(c->id, 9, 30));  // no step 10
    REQUIRE(hub.set_step(c->id, 3, 30));
    auto now = hub.follow(token, v.version, 40, 0);
    REQUIRE(now);
    CHECK(now->step == 3);
    CHECK(now->version > v.version);
    CHECK(hub.follow(anonymous, 0, 40, 0)->step == 3);
    CHECK_FALSE(hub.follow("not-a-token", 0, 40, 0));
    CHECK(hub.owned_by(c->id, 7));
    CHECK_FALSE(hub.owned_by(c->id, 8));
}

TEST_CASE("a follower's waiting call returns as soon as the step changes") {
    ClassHub hub;
    auto c = hub.start(7, "小杰", "hospital", 9, 0);
    const std::string token = join(hub, c->code, "", 0);
    const uint64_t version = hub.follow(token, 0, 0, 0)->version;
    std::thread volunteer([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        hub.set_step(c->id, 1, 100);
    });
    const auto t0 = std::chrono::steady_clock::now();
    auto v = hub.follow(token, version, 0, 5000);
    const auto waited = std::chrono::steady_clock::now() - t0;
    volunteer.join();
    REQUIRE(v);
    CHECK(v->step == 1);
    CHECK(waited < std::chrono::milliseconds(2000));
    // Nothing changes: it returns after its wait with the same version.
    CHECK(hub.follow(token, v->version, 0, 30)->version == v->version);
    // The server stopping ends every wait at once.
    std::thread stopper([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        hub.stop();
    });
    const auto t1 = std::chrono::steady_clock::now();
    hub.follow(token, v->version, 0, 10000);
    stopper.join();
    CHECK(std::chrono::steady_clock::now() - t1 < std::chrono::milliseconds(2000));
}

TEST_CASE("the dashboard shows each participant's step, misses, finish and raised hand until handled") {
    ClassHub hub;
    auto c = hub.start(7, "小杰", "hospital", 9, 0);
    const std::string wang = join(hub, c->code, "王阿姨", 0), li = join(hub, c->code, "", 0);
    REQUIRE(hub.progress(wang, 4, 2, false, false, 1000));
    REQUIRE(hub.progress(li, 8, 0, true, true, 1000));
    REQUIRE(hub.hand(wang, true, 1000));
    REQUIRE(hub.hand(wang, true, 60000));  // raised again: timed from the first
    auto d = hub.dashboard(c->id, 0, 121000, 0);
    REQUIRE(d);
    const auto& people = (*d)["participants"];
    REQUIRE(people.size() == 2);
    CHECK(people[0]["nickname"] == "王阿姨");
    CHECK(people[0]["number"] == 1);
    CHECK(people[0]["step"] == 4);
    CHECK(people[0]["misses"] == 2);
    CHECK(people[0]["following"] == false);
    CHECK(people[0]["hand_ms"] == 120000);  // "举手 2 分钟"
    CHECK(people[1]["finished"] == true);
    CHECK(people[1]["hand_ms"].is_null());
    CHECK(hub.follow(wang, 0, 121000, 0)->hand_up);

    // The dashboard's waiting call returns when a hand goes up.
    const uint64_t seen = (*d)["activity"].get<uint64_t>();
    std::thread raise([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        hub.hand(li, true, 122000);
    });
    auto next = hub.dashboard(c->id, seen, 122000, 5000);
    raise.join();
    REQUIRE(next);
    CHECK((*next)["participants"][1]["hand_ms"].is_number());

    // 已处理 wakes 王阿姨's waiting call: her phone puts the hand down at once.
    const uint64_t wang_seen = hub.follow(wang, 0, 122500, 0)->version;
    std::thread handle([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        hub.handled(c->id, 1, 123000);
    });
    const auto t0 = std::chrono::steady_clock::now();
    auto told = hub.follow(wang, wang_seen, 123000, 5000);
    handle.join();
    REQUIRE(told);
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::milliseconds(2000));
    CHECK_FALSE(told->hand_up);
    CHECK(told->version != wang_seen);
    CHECK(hub.handled(c->id, 1, 123000));  // handled twice: fine
    CHECK(hub.dashboard(c->id, 0, 123000, 0).value()["participants"][0]["hand_ms"].is_null());
    CHECK_FALSE(hub.follow(wang, 0, 123000, 0)->hand_up);
    CHECK_FALSE(hub.handled(c->id, 99, 123000));
    REQUIRE(hub.leave(li, 124000));
    CHECK(hub.dashboard(c->id, 0, 124000, 0).value()["participants"].size() == 1);
    CHECK_FALSE(hub.follow(li, 0, 124000, 0));
}

TEST_CASE("an ended class says so; its code stops working; a day later it is gone") {
    ClassHub hub;
    auto c = hub.start(7, "小杰", "hospital", 9, 0);
    const std::string token = join(hub, c->code, "王阿姨", 0);
    REQUIRE(hub.end(c->id, kHour));
    CHECK_FALSE(hub.end(c->id, kHour));
    auto v = hub.follow(token, 0, kHour, 0);
    REQUIRE(v);
    CHECK(v->ended);
    std::string other;
    ClassView ov;
    CHECK(hub.join(c->code, "", kHour + 1, &other, &ov) == ClassHub::Join::Ended);
    CHECK_FALSE(hub.set_step(c->id, 2, kHour + 1));
    CHECK_FALSE(hub.hand(token, true, kHour + 1));
    hub.expire(kHour + 24 * kHour - 1);
    CHECK(hub.class_count() == 1);
    hub.expire(kHour + 24 * kHour + 1);
    CHECK(hub.class_count() == 0);
    CHECK_FALSE(hub.follow(token, 0, 26 * kHour, 0));
    CHECK_FALSE(hub.present(c->id, 0, 26 * kHour, 0));
    // A class nobody ended ends by itself after 4 hours.
    auto left_open = hub.start(7, "小杰", "hospital", 9, 30 * kHour);
    hub.expire(34 * kHour + 1);
    CHECK(hub.present(left_open->id, 0, 34 * kHour + 1, 0)->ended);
}

TEST_CASE("a class is bounded: seats (a left one is free again, joins in all), live classes, each volunteer's, and what is kept") {
    ClassLimits limits;
    limits.max_participants = 3;
    limits.max_classes = 3;
    limits.max_per_volunteer = 2;
    limits.max_kept = 4;
    ClassHub hub(limits);
    auto c = hub.start(7, "小杰", "hospital", 9, 0);
    std::vector<std::string> seats;
    for (int i = 0; i < 3; ++i) seats.push_back(join(hub, c->code, "", 0));
    std::string token;
    ClassView v;
    CHECK(hub.join(c->code, "", 0, &token, &v) == ClassHub::Join::Full);
    REQUIRE(hub.leave(seats[0], 1));
    CHECK_FALSE(hub.follow(seats[0], 0, 1, 0));  // nothing of them is kept
    CHECK(hub.dashboard(c->id, 0, 1, 0).value()["participants"].size() == 2);
    seats[0] = join(hub, c->code, "", 2);  // the seat is free again
    // Joining and leaving over and over ends too: 3 × seats in all.
    int joined = 4;
    for (; joined < 20; ++joined) {
        REQUIRE(hub.leave(seats[0], 3));
        if (hub.join(c->code, "", 3, &seats[0], &v) != ClassHub::Join::Ok) break;
    }
    CHECK(joined == 9);

    // Each volunteer runs at most 2 at once; the server at most 3 live.
    REQUIRE(hub.start(7, "小杰", "fraud", 6, 0));
    CHECK_FALSE(hub.start(7, "小杰", "fraud", 6, 0));
    auto other = hub.start(8, "小王", "fraud", 6, 0);
    REQUIRE(other);
    CHECK_FALSE(hub.start(9, "小李", "fraud", 6, 0));
    // Ended classes do not count as live, but only 4 are kept: the oldest ended goes early.
    REQUIRE(hub.end(c->id, 10));
    auto fourth = hub.start(9, "小李", "fraud", 6, 20);
    REQUIRE(fourth);
    CHECK(hub.class_count() == 4);
    REQUIRE(hub.end(fourth->id, 30));
    REQUIRE(hub.start(9, "小李", "fraud", 6, 40));
    CHECK(hub.class_count() == 4);
    CHECK_FALSE(hub.present(c->id, 0, 40, 0));  // the oldest ended one
    CHECK(hub.present(fourth->id, 0, 40, 0));
}

TEST_CASE("one waiting call per senior (a newer one ends the older); past the server's cap answers come at once") {
    ClassLimits limits;
    limits.max_waiting = 1;
    ClassHub hub(limits);
    auto c = hub.start(7, "小杰", "hospital", 9, 0);
    const std::string a = join(hub, c->code, "", 0), b = join(hub, c->code, "", 0);
    const uint64_t version = hub.follow(a, 0, 0, 0)->version;
    std::optional<ClassView> older;
    auto t0 = std::chrono::steady_clock::now();
    std::thread first([&] { older = hub.follow(a, version, 0, 5000); });
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    // The server holds one waiting call at most: b's is answered at once, unchanged.
    const auto t1 = std::chrono::steady_clock::now();
    CHECK(hub.follow(b, version, 0, 5000)->version == version);
    CHECK(std::chrono::steady_clock::now() - t1 < std::chrono::milliseconds(1000));
    // a asks again (a reload, a retry): the older call returns now.
    std::thread second([&] { hub.follow(a, version, 0, 300); });
    first.join();
    second.join();
    REQUIRE(older);
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::milliseconds(2000));
}
