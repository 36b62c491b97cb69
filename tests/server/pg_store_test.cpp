// What only PostgreSQL does: several server processes on one database. Each PgStore
// here stands for one process (its own pool and listener) on a real PostgreSQL.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <set>
#include <thread>
#include <vector>

#include <libpq-fe.h>

#include "server/pg_store.h"
#include "server/secrets.h"
#include "server/test_stores.h"

using namespace anxin;
using namespace anxin::server;
using anxin::test::add_helper;
using anxin::test::body;
using anxin::test::PostgresDb;

namespace {

// The store's version once its listener has connected and nothing else is arriving (a new
// store bumps it when its listener connects; NOTIFYs from earlier changes may still come).
uint64_t settled(Store& s) {
    uint64_t v = s.version();
    for (int quiet = 0, i = 0; quiet < 15 && i < 300; ++i) {  // 300 ms without a change, within 6 s
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        const uint64_t now = s.version();
        quiet = (now == v && now > 0) ? quiet + 1 : 0;
        v = now;
    }
    return v;
}

// Waits up to 3 s for the store's version to move past `from`.
bool changes_after(Store& s, uint64_t from) {
    for (int i = 0; i < 150; ++i) {
        if (s.version() != from) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
}

}  // namespace

TEST_CASE("PostgreSQL: migrated once; reopening changes nothing; a newer schema is refused; names and roles are checked") {
    REQUIRE(secrets_init());
    PostgresDb db;
    { CHECK(db.open()->schema_version() == 3); }
    auto s = db.open();
    CHECK(s->schema_version() == 3);
    add_helper(*s, "xiaojie");
    Helper again;
    again.username = "xiaojie";
    again.display_name = "另一个";
    again.role = "helper";
    again.password_hash = "x";
    CHECK_FALSE(s->add_helper(again));  // the name is taken
    again.username = "boss";
    again.role = "owner";
    CHECK_FALSE(s->add_helper(again));  // only the known roles
    s.reset();
    db.sql("UPDATE anxin_schema SET version = 99");
    std::string err;
    CHECK_FALSE(PgStore::open(db.url, err));
    CHECK(err == "the database is from a newer version (schema 99; this server knows 3)");
}

TEST_CASE("PostgreSQL: two processes starting at once on a new database: one migrates, both work") {
    PostgresDb db;
    std::unique_ptr<PgStore> a, b;
    std::string err_a, err_b;
    std::thread ta([&] { a = PgStore::open(db.url, err_a); });
    std::thread tb([&] { b = PgStore::open(db.url, err_b); });
    ta.join();
    tb.join();
    REQUIRE_MESSAGE(a, err_a);
    REQUIRE_MESSAGE(b, err_b);
    CHECK(a->schema_version() == 3);
    add_helper(*a, "xiaojie");
    CHECK(b->helper_by_username("xiaojie"));
}

TEST_CASE("PostgreSQL: a server that cannot be reached is a clear error, not a crash") {
    std::string err;
    CHECK_FALSE(PgStore::open("postgresql://anxin@127.0.0.1:1/anxin?connect_timeout=2", err));
    CHECK(err.find("cannot reach the database") == 0);
    CHECK(err.find("127.0.0.1") != std::string::npos);
}

TEST_CASE("PostgreSQL: a change made through one process reaches the live views of another") {
    PostgresDb db;
    auto a = db.open(), b = db.open();
    const uint64_t before = settled(*b);
    const int64_t id = a->create_request(body("key-0000000000000101"), 0, 1000, 600000).request.id;
    CHECK(changes_after(*b, before));  // b wrote nothing: it heard a's NOTIFY
    REQUIRE(b->request_by_id(id));
    const int64_t jie = add_helper(*a, "xiaojie");
    const uint64_t before_claim = settled(*b);
    CHECK(a->claim(id, jie, 2000));
    CHECK(changes_after(*b, before_claim));
    CHECK(b->request_by_id(id)->helper_name == "xiaojie");
}

TEST_CASE("PostgreSQL: a burst of changes is told to the other processes in a few notices, the last change included") {
    PostgresDb db;
    auto a = db.open(), b = db.open();
    // A listener of its own, counting the notices a sends.
    PGconn* listener = PQconnectdb(db.url.c_str());
    REQUIRE(PQstatus(listener) == CONNECTION_OK);
    PQclear(PQexec(listener, "LISTEN anxin_changes"));
    settled(*a);
    auto count_notices = [&] {
        int n = 0;
        PQconsumeInput(listener);
        while (PGnotify* note = PQnotifies(listener)) {
            ++n;
            PQfreemem(note);
        }
        return n;
    };
    count_notices();
    const uint64_t before = settled(*b);
    for (int i = 0; i < 100; ++i) a->create_request(body("key-burst-of-changes-" + std::to_string(i)), 0, 1000, 600000);
    CHECK(changes_after(*b, before));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the last notice has gone out
    const int notices = count_notices();
    CHECK(notices >= 1);
    CHECK(notices < 100);  // one for every 20 ms, not one for every change
    // The last change is told too: b hears of a change made after the burst.
    const uint64_t quiet = settled(*b);
    a->create_request(body("key-after-the-burst-0"), 0, 1000, 600000);
    CHECK(changes_after(*b, quiet));
    PQfinish(listener);
}

TEST_CASE("PostgreSQL: two processes publishing from the same version at once: exactly one version is saved") {
    PostgresDb db;
    auto a = db.open(), b = db.open();
    for (int round = 0; round < 10; ++round) {
        const int64_t newest = a->content_version(0) ? a->content_version(0)->id : 0;
        int64_t got_a = 0, got_b = 0;
        std::thread ta([&] { got_a = a->add_content_version({0, "小杰", "a", 1000, "{}"}, newest); });
        std::thread tb([&] { got_b = b->add_content_version({0, "小美", "b", 1000, "{}"}, newest); });
        ta.join();
        tb.join();
        CHECK(((got_a != 0) != (got_b != 0)));  // one of the two, never both
    }
    CHECK(a->content_versions(100).size() == 10);
}

TEST_CASE("PostgreSQL: two helpers claiming the same request through two processes at once: exactly one wins") {
    PostgresDb db;
    auto a = db.open(), b = db.open();
    const int64_t jie = add_helper(*a, "xiaojie"), mei = add_helper(*a, "xiaomei");
    int one_winner = 0;
    for (int round = 0; round < 40; ++round) {
        const int64_t id = a->create_request(body("key-claim-race-" + std::to_string(1000 + round)), 0, 1000, 600000).request.id;
        int64_t first = jie, second = mei;
        if (round % 2) {  // an overdue request is open to any free helper: still only one may take it
            REQUIRE(a->claim(id, jie, 1000));
            REQUIRE(a->set_promise(id, jie, 1500, 1000));
            a->escalate_overdue(2000);
            REQUIRE(a->request_by_id(id)->escalated);
            first = mei;
            second = add_helper(*a, "helper" + std::to_string(round));
        }
        std::atomic<int> go{0};
        bool won_a = false, won_b = false;
        std::thread ta([&] { while (!go) {} won_a = a->claim(id, first, 2000); });
        std::thread tb([&] { while (!go) {} won_b = b->claim(id, second, 2000); });
        go = 1;
        ta.join();
        tb.join();
        if (won_a != won_b) ++one_winner;
        const auto r = a->request_by_id(id);
        REQUIRE(r);
        CHECK(r->helper_id == (won_a ? first : second));
    }
    CHECK(one_winner == 40);
}

TEST_CASE("PostgreSQL: the same request sent to two processes at once is stored once") {
    PostgresDb db;
    auto a = db.open(), b = db.open();
    for (int round = 0; round < 20; ++round) {
        const std::string key = "key-twice-at-once-" + std::to_string(round);
        std::atomic<int> go{0};
        CreateResult ra, rb;
        std::thread ta([&] { while (!go) {} ra = a->create_request(body(key), 0, 1000, 600000); });
        std::thread tb([&] { while (!go) {} rb = b->create_request(body(key), 0, 1000, 600000); });
        go = 1;
        ta.join();
        tb.join();
        CHECK(ra.request.id != 0);
        CHECK(ra.request.public_id == rb.request.public_id);
        CHECK(int(ra.created) + int(rb.created) == 1);
    }
    CHECK(a->open_requests(0, 0, 1000).size() == 20);
}
