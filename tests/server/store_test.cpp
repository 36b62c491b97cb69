// The help desk's stores and secrets: migrations, idempotent creation, claiming
// rules, continuity, escalation and the retention of personal data. Every rule is
// checked on SQLite and on a real PostgreSQL (test_stores.h).
#include <doctest/doctest.h>

#include <sqlite3.h>

#include <algorithm>
#include <thread>
#include <vector>

#include "server/secrets.h"
#include "server/sqlite_store.h"
#include "server/test_stores.h"

using namespace anxin;
using namespace anxin::server;

using anxin::test::add_helper;
using anxin::test::body;
using anxin::test::PostgresDb;
using anxin::test::SqliteDb;

namespace {

std::unique_ptr<SqliteStore> open(SqliteDb& db) { return db.open(); }

}  // namespace

TEST_CASE("a new database is migrated to the current schema; reopening changes nothing; a newer one is refused") {
    REQUIRE(secrets_init());
    SqliteDb db;
    { CHECK(open(db)->schema_version() == 7); }
    { CHECK(open(db)->schema_version() == 7); }
    sqlite3* raw = nullptr;
    sqlite3_open(db.path.c_str(), &raw);
    sqlite3_exec(raw, "PRAGMA user_version=99", nullptr, nullptr, nullptr);
    sqlite3_close(raw);
    std::string err;
    CHECK_FALSE(SqliteStore::open(db.path, err));
    CHECK(err == "the database is from a newer version (schema 99; this server knows 7)");
}

TEST_CASE("a database from before volunteers keeps its accounts, sessions and requests, and takes volunteers") {
    SqliteDb db;
    int64_t xiaojie = 0;
    {
        auto s = open(db);
        xiaojie = add_helper(*s, "xiaojie");
        s->add_session("hash", Session{xiaojie, "csrf", 1000000});
        const CreateResult r = s->create_request(body("k1"), 0, 0, 600000);
        REQUIRE(s->claim(r.request.id, xiaojie, 10));
    }
    {  // back to schema 2, as a database written before volunteers existed
        sqlite3* raw = nullptr;
        sqlite3_open(db.path.c_str(), &raw);
        const char* old = "PRAGMA foreign_keys=OFF; BEGIN; CREATE TABLE h2 (id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE, "
                          "display_name TEXT NOT NULL, role TEXT NOT NULL CHECK (role IN ('helper', 'admin')), password_hash TEXT NOT NULL, "
                          "created_at INTEGER NOT NULL); INSERT INTO h2 SELECT id, username, display_name, role, password_hash, created_at FROM helpers; DROP TABLE helpers; "
                          "ALTER TABLE h2 RENAME TO helpers; PRAGMA user_version=2; COMMIT;";
        REQUIRE(sqlite3_exec(raw, old, nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(raw);
    }
    auto s = open(db);
    CHECK(s->schema_version() == 7);
    REQUIRE(s->helper_by_username("xiaojie"));
    CHECK(s->helper_by_username("xiaojie")->id == xiaojie);
    CHECK(s->session("hash", 0));
    const auto open_now = s->open_requests(0, 0, 1000);
    REQUIRE(open_now.size() == 1);
    CHECK(open_now[0].helper_name == "xiaojie");  // the claim still points at the account
    Helper v;
    v.username = "laoshi";
    v.display_name = "李老师";
    v.role = "volunteer";
    v.password_hash = "x";
    CHECK(s->add_helper(v));
    CHECK(s->helper_by_username("laoshi")->role == "volunteer");
    v.username = "boss";
    v.role = "owner";
    CHECK_FALSE(s->add_helper(v));  // only the known roles
}

TEST_CASE_TEMPLATE("the same idempotency key twice is one request; the context is kept as sent", Db, SqliteDb, PostgresDb) {
    Db db;
    auto s = db.open();
    const CreateResult a = s->create_request(body("key-0000000000000001"), 1, 1000, 600000);
    const CreateResult b = s->create_request(body("key-0000000000000001"), 1, 2000, 600000);
    CHECK(a.created);
    CHECK_FALSE(b.created);
    CHECK(a.request.public_id == b.request.public_id);
    CHECK(a.request.public_id.size() == 32);
    CHECK(a.request.promised_at == 601000);
    CHECK(s->open_requests(0, 0, 1000).size() == 1);
    CHECK(a.request.context_json == help_context_to_json(body("x").context));
}

TEST_CASE_TEMPLATE("claiming: one helper at a time, unless the promise is overdue; only the claimer promises and closes", Db, SqliteDb, PostgresDb) {
    Db db;
    auto s = db.open();
    const int64_t jie = add_helper(*s, "xiaojie"), mei = add_helper(*s, "xiaomei");
    const int64_t id = s->create_request(body("key-0000000000000002"), 0, 1000, 600000).request.id;
    CHECK(s->claim(id, jie, 2000));
    CHECK_FALSE(s->claim(id, mei, 3000));               // taken
    CHECK_FALSE(s->set_promise(id, mei, 9000, 3000));   // not hers
    CHECK(s->set_promise(id, jie, 5000, 3000));
    CHECK(s->escalate_overdue(6000) == 1);              // 5000 passed: offered to anyone
    CHECK(s->request_by_id(id)->escalated);
    CHECK(s->claim(id, mei, 7000));                     // a free helper takes over
    CHECK_FALSE(s->set_status(id, jie, RequestStatus::Done, "x", 8000));
    CHECK(s->set_status(id, mei, RequestStatus::Done, "办好了", 8000));
    CHECK(s->open_requests(0, 0, 1000).empty());
    CHECK(s->history(mei, 10).size() == 1);
    // Each claim showed its helper the whole number, and said so in the audit log (refused ones did not).
    const auto seen = s->audit_log(10);
    REQUIRE(seen.size() == 2);
    CHECK(seen[0].helper_id == mei);
    CHECK(seen[1].helper_id == jie);
    for (const AuditEntry& e : seen) CHECK((e.action == "看了号码" && e.subject == "13800138000"));
}

TEST_CASE_TEMPLATE("the queue lists its first requests in queue order, and every request the helper has claimed", Db, SqliteDb, PostgresDb) {
    Db db;
    auto s = db.open();
    const int64_t jie = add_helper(*s, "xiaojie"), mei = add_helper(*s, "xiaomei");
    // Ten requests a second apart; the 5th is a senior's (priority), the 8th is overdue at 20000.
    std::vector<int64_t> ids;
    for (int i = 0; i < 10; ++i)
        ids.push_back(s->create_request(body("key-queue-order-" + std::to_string(i)), i == 4 ? 1 : 0, 1000 * (i + 1), i == 7 ? 5000 : 600000)
                          .request.id);
    REQUIRE(s->claim(ids[9], jie, 15000));  // jie's own: the newest, last in order
    REQUIRE(s->claim(ids[0], mei, 15000));
    auto ordered = [&](Millis now, int64_t me, int limit) {
        auto list = s->open_requests(now, me, limit);
        std::stable_sort(list.begin(), list.end(), [&](const HelpRequest& x, const HelpRequest& y) { return queue_before(x, y, now, me); });
        std::vector<int64_t> out;
        for (const auto& r : list) out.push_back(r.id);
        return out;
    };
    // Overdue first, then the senior, then the oldest; jie's own claimed request is there although it is not among the first 3.
    CHECK(ordered(20000, jie, 3) == std::vector<int64_t>{ids[7], ids[4], ids[0], ids[9]});
    CHECK(ordered(20000, mei, 3) == std::vector<int64_t>{ids[7], ids[4], ids[0]});  // mei's claim is already among them
    CHECK(ordered(20000, jie, 100).size() == 10);
    s->set_status(ids[9], jie, RequestStatus::Done, "好了", 16000);
    CHECK(ordered(20000, jie, 3) == std::vector<int64_t>{ids[7], ids[4], ids[0]});  // done: not in the queue
}

TEST_CASE_TEMPLATE("a returning phone number is linked to the helper who helped it last", Db, SqliteDb, PostgresDb) {
    Db db;
    auto s = db.open();
    const int64_t jie = add_helper(*s, "xiaojie");
    const int64_t first = s->create_request(body("key-0000000000000003"), 0, 1000, 600000).request.id;
    s->claim(first, jie, 2000);
    s->set_status(first, jie, RequestStatus::Done, "好了", 3000);
    const HelpRequest again = s->create_request(body("key-0000000000000004"), 0, 4000, 600000).request;
    CHECK(again.previous_helper_id == jie);
    CHECK(again.previous_helper_name == "xiaojie");
    CHECK(s->create_request(body("key-0000000000000005", "13900139000"), 0, 4000, 600000).request.previous_helper_id == 0);
}

TEST_CASE_TEMPLATE("personal data of requests closed before the retention limit is deleted; open ones are kept", Db, SqliteDb, PostgresDb) {
    Db db;
    auto s = db.open();
    const int64_t jie = add_helper(*s, "xiaojie");
    const int64_t old_id = s->create_request(body("key-0000000000000006"), 0, 1000, 600000).request.id;
    s->claim(old_id, jie, 1000);
    s->set_status(old_id, jie, RequestStatus::Done, "好了", 2000);
    const int64_t open_id = s->create_request(body("key-0000000000000007"), 0, 1000, 600000).request.id;
    s->add_audit(jie, "看了号码", "13800138000", 1500);   // old: only who looked stays
    s->add_audit(jie, "查了号码", "12345678", 1600);
    s->add_audit(jie, "停用了账号", "xiaomei", 1700);     // not a number
    s->add_audit(jie, "看了号码", "13900139000", 20000);  // within the retention time
    CHECK(s->delete_personal_data(10000) == 1);
    std::vector<std::string> subjects;
    for (const AuditEntry& e : s->audit_log(10)) subjects.push_back(e.subject);  // newest first; the claim's entry at 1000 last
    CHECK(subjects == std::vector<std::string>{"13900139000", "xiaomei", "******78", "138****8000", "138****8000"});
    CHECK(s->request_by_id(old_id)->phone.empty());
    CHECK(s->request_by_id(old_id)->context_json == "{}");
    CHECK(s->request_by_id(open_id)->phone == "13800138000");
    CHECK(s->delete_personal_data(10000) == 0);  // nothing left to delete
}

TEST_CASE_TEMPLATE("many requests at once, some sent twice: each stored once, each caller told its own", Db, SqliteDb, PostgresDb) {
    Db db;
    auto s = db.open();
    // SQLite commits requests that arrive together in one transaction: none may be lost,
    // doubled or answered with another's id.
    std::vector<std::thread> threads;
    std::vector<CreateResult> results(40);
    for (int i = 0; i < 40; ++i)
        threads.emplace_back([&, i] { results[i] = s->create_request(body("key-many-at-once-" + std::to_string(i % 20)), 0, 1000, 600000); });
    for (auto& t : threads) t.join();
    CHECK(s->open_requests(0, 0, 1000).size() == 20);
    int created = 0;
    for (int i = 0; i < 40; ++i) {
        REQUIRE(results[i].request.id != 0);
        CHECK(results[i].request.idempotency_key == "key-many-at-once-" + std::to_string(i % 20));
        CHECK(results[i].request.public_id == results[(i + 20) % 40].request.public_id);  // the same key: the same request
        created += results[i].created ? 1 : 0;
    }
    CHECK(created == 20);
}

TEST_CASE("passwords are hashed with argon2id and verified; tokens are random") {
    REQUIRE(secrets_init());
    const std::string h = hash_password("secretpass1");
    CHECK(h.rfind("$argon2id$", 0) == 0);
    CHECK(verify_password(h, "secretpass1"));
    CHECK_FALSE(verify_password(h, "secretpass2"));
    CHECK(random_hex(16).size() == 32);
    CHECK(random_hex(16) != random_hex(16));
    CHECK(hash_token("a") != hash_token("b"));
}

TEST_CASE_TEMPLATE("content versions: each publish is a new version with who and when; the newest is served; old ones stay for rollback", Db, SqliteDb, PostgresDb) {
    Db db;
    auto s = db.open();
    CHECK_FALSE(s->content_version(0));  // nothing published yet
    const int64_t v1 = s->add_content_version({0, "随安装包", "安装时的指南", 1000, R"({"glossary.json":{"terms":{}}})"}, 0);
    CHECK_FALSE(s->add_content_version({0, "随安装包", "安装时的指南", 1000, "{}"}, 0));  // another process was first
    const int64_t v2 = s->add_content_version({0, "小杰", "改了第 3 步的说法", 2000, R"({"glossary.json":{"terms":{"a":"b"}}})"}, v1);
    CHECK(v2 == v1 + 1);
    const auto newest = s->content_version(0);
    REQUIRE(newest);
    CHECK(newest->id == v2);
    CHECK(newest->author == "小杰");
    CHECK(newest->created_at == 2000);
    CHECK(newest->files.find("\"a\":\"b\"") != std::string::npos);
    const auto list = s->content_versions(10);
    REQUIRE(list.size() == 2);
    CHECK(list[0].id == v2);
    CHECK(list[0].files.empty());  // lists carry no bodies
    CHECK(list[1].bytes == std::string(R"({"glossary.json":{"terms":{}}})").size());
    // A rollback publishes the old files again: history is kept, the newest is v1's content.
    const auto old = s->content_version(v1);
    REQUIRE(old);
    CHECK_FALSE(s->add_content_version({0, "小美", "从第 1 版改的", 3000, "{}"}, v1));  // v2 came after the draft's v1
    const int64_t v3 = s->add_content_version({0, "小杰", "回到第 1 版", 3000, old->files}, Store::kAnyVersion);
    CHECK(s->content_version(0)->id == v3);
    CHECK(s->content_version(0)->files == old->files);
    CHECK(s->content_versions(10).size() == 3);
    CHECK(s->content_versions(2).size() == 2);
    // Survives a reopen.
    s.reset();
    CHECK(db.open()->content_version(0)->note == "回到第 1 版");
}

// ---- Accounts, the audit log and a person's data

TEST_CASE_TEMPLATE("accounts: disabling one ends all its sessions at once, and its session() is empty while disabled", Db, SqliteDb, PostgresDb) {
    Db db;
    auto store = db.open();
    Store& s = *store;
    const int64_t jie = add_helper(s, "xiaojie"), mei = add_helper(s, "xiaomei");
    s.add_session("jie-1", Session{jie, "c1", 100000});
    s.add_session("jie-2", Session{jie, "c2", 100000});
    s.add_session("mei-1", Session{mei, "c3", 100000});
    CHECK_FALSE(s.helper_by_id(jie)->disabled);
    REQUIRE(s.set_disabled(jie, true));
    CHECK(s.helper_by_id(jie)->disabled);
    CHECK(s.helper_by_username("xiaojie")->disabled);
    CHECK_FALSE(s.session("jie-1", 0));
    CHECK_FALSE(s.session("jie-2", 0));
    CHECK(s.session("mei-1", 0));  // another account is not touched
    // A session added while disabled (a login racing the admin) is not a session either.
    s.add_session("jie-3", Session{jie, "c4", 100000});
    CHECK_FALSE(s.session("jie-3", 0));
    REQUIRE(s.set_disabled(jie, false));
    CHECK_FALSE(s.helper_by_id(jie)->disabled);
    CHECK(s.session("jie-3", 0));
    CHECK_FALSE(s.session("jie-1", 0));  // ended sessions stay ended
    CHECK_FALSE(s.set_disabled(999999, true));  // no such account
}

TEST_CASE_TEMPLATE("accounts: a new password ends the account's other sessions and keeps the named one", Db, SqliteDb, PostgresDb) {
    Db db;
    auto store = db.open();
    Store& s = *store;
    const int64_t jie = add_helper(s, "xiaojie"), mei = add_helper(s, "xiaomei");
    s.add_session("jie-here", Session{jie, "c1", 100000});
    s.add_session("jie-phone", Session{jie, "c2", 100000});
    s.add_session("mei-1", Session{mei, "c3", 100000});
    REQUIRE(s.set_password(jie, "new-hash", "jie-here"));
    CHECK(s.helper_by_id(jie)->password_hash == "new-hash");
    CHECK(s.session("jie-here", 0));
    CHECK_FALSE(s.session("jie-phone", 0));
    CHECK(s.session("mei-1", 0));
    REQUIRE(s.set_password(jie, "reset-hash", ""));  // an admin's reset: every session ends
    CHECK_FALSE(s.session("jie-here", 0));
    CHECK(s.helper_by_id(jie)->password_hash == "reset-hash");
    CHECK_FALSE(s.set_password(999999, "x", ""));
}

TEST_CASE_TEMPLATE("accounts: listed by username, with their state, without password hashes", Db, SqliteDb, PostgresDb) {
    Db db;
    auto store = db.open();
    Store& s = *store;
    add_helper(s, "xiaomei");
    add_helper(s, "anan");
    const int64_t jie = add_helper(s, "xiaojie");
    s.set_disabled(jie, true);
    const auto list = s.helpers();
    REQUIRE(list.size() == 3);
    CHECK(list[0].username == "anan");
    CHECK(list[1].username == "xiaojie");
    CHECK(list[1].disabled);
    CHECK_FALSE(list[2].disabled);
    for (const Helper& h : list) CHECK(h.password_hash.empty());
}

TEST_CASE_TEMPLATE("audit log: newest first, with the helper's display name", Db, SqliteDb, PostgresDb) {
    Db db;
    auto store = db.open();
    Store& s = *store;
    const int64_t jie = add_helper(s, "xiaojie");
    Helper boss;
    boss.username = "laowang";
    boss.display_name = "老王";
    boss.role = "admin";
    boss.password_hash = "x";
    REQUIRE(s.add_helper(boss));
    const int64_t wang = s.helper_by_username("laowang")->id;
    s.add_audit(jie, "看了号码", "13800138000", 1000);
    s.add_audit(wang, "停用了账号", "xiaojie", 3000);
    s.add_audit(wang, "查了号码", "13800138000", 2000);
    const auto log = s.audit_log(10);
    REQUIRE(log.size() == 3);
    CHECK(log[0].at == 3000);
    CHECK(log[0].helper_id == wang);
    CHECK(log[0].helper_name == "老王");
    CHECK(log[0].action == "停用了账号");
    CHECK(log[0].subject == "xiaojie");
    CHECK(log[1].action == "查了号码");
    CHECK(log[2].helper_name == "xiaojie");
    CHECK(log[2].subject == "13800138000");
    CHECK(log[0].id != log[1].id);
    CHECK(s.audit_log(2).size() == 2);
}

TEST_CASE_TEMPLATE("a person's data: their requests are found by phone number and deleted on request", Db, SqliteDb, PostgresDb) {
    Db db;
    auto store = db.open();
    Store& s = *store;
    const int64_t jie = add_helper(s, "xiaojie");
    const int64_t done = s.create_request(body("key-person-00000001"), 0, 1000, 600000).request.id;
    s.claim(done, jie, 1100);
    s.set_status(done, jie, RequestStatus::Done, "教会了", 1200);
    const int64_t open = s.create_request(body("key-person-00000002"), 0, 2000, 600000).request.id;
    const int64_t other = s.create_request(body("key-person-00000003", "13900139000"), 0, 3000, 600000).request.id;
    const auto found = s.requests_by_phone("13800138000");
    REQUIRE(found.size() == 2);
    CHECK(found[0].id == open);  // newest first
    CHECK(found[1].id == done);
    CHECK(found[1].outcome == "教会了");
    CHECK(s.requests_by_phone("13700137000").empty());
    s.add_audit(jie, "看了号码", "13900139000", 1100);  // the claim above recorded 13800138000
    const uint64_t before = s.version();
    CHECK(s.delete_person("13800138000", "138****8000") == 2);
    const auto log = s.audit_log(10);
    REQUIRE(log.size() == 2);
    CHECK((log[0].subject == "138****8000" || log[1].subject == "138****8000"));  // the log no longer holds the number
    CHECK((log[0].subject == "13900139000" || log[1].subject == "13900139000"));
    CHECK(s.version() != before);  // live views show the deletion
    CHECK(s.requests_by_phone("13800138000").empty());
    for (int64_t id : {done, open}) {
        const auto r = s.request_by_id(id);
        REQUIRE(r);
        CHECK(r->phone.empty());
        CHECK(r->context_json == "{}");
        CHECK(r->outcome.empty());
    }
    CHECK(s.request_by_id(open)->status == RequestStatus::Waiting);  // the request itself stays (it may still be answered)
    CHECK(s.request_by_id(other)->phone == "13900139000");
    CHECK(s.delete_person("13800138000", "138****8000") == 0);
}

TEST_CASE("a database at schema 4 gains disabled accounts and the audit log; its accounts stay enabled") {
    SqliteDb db;
    int64_t jie = 0;
    {
        auto s = open(db);
        jie = add_helper(*s, "xiaojie");
        s->add_session("hash", Session{jie, "csrf", 1000000});
    }
    {  // back to schema 4
        sqlite3* raw = nullptr;
        sqlite3_open(db.path.c_str(), &raw);
        const char* old = "PRAGMA foreign_keys=OFF; BEGIN; DROP TABLE audit_log; CREATE TABLE h4 (id INTEGER PRIMARY KEY, "
                          "username TEXT NOT NULL UNIQUE, display_name TEXT NOT NULL, role TEXT NOT NULL, password_hash TEXT NOT NULL, "
                          "created_at INTEGER NOT NULL); INSERT INTO h4 SELECT id, username, display_name, role, password_hash, created_at "
                          "FROM helpers; DROP TABLE helpers; ALTER TABLE h4 RENAME TO helpers; PRAGMA user_version=4; COMMIT;";
        REQUIRE(sqlite3_exec(raw, old, nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(raw);
    }
    auto s = open(db);
    CHECK(s->schema_version() == 7);
    CHECK_FALSE(s->helper_by_id(jie)->disabled);
    CHECK(s->session("hash", 0));
    s->add_audit(jie, "看了号码", "13800138000", 5);
    CHECK(s->audit_log(1).size() == 1);
}

TEST_CASE_TEMPLATE("kiosks: heartbeats and requests are kept for every process; a new day starts a new count; old ones are forgotten", Db, SqliteDb, PostgresDb) {
    Db db;
    auto s = db.open();
    s->kiosk_heartbeat("xixi-1", "西溪社区 1号机", 1000);
    s->kiosk_request("xixi-1", "", 2000, 7);           // no place said: the heartbeat's is kept
    s->kiosk_request("xixi-1", "", 3000, 7);
    s->kiosk_request("zijin-2", "紫金港 2号机", 4000, 7);  // known only from a request
    auto another = db.open();                          // another process on the same database (SQLite: the same file)
    auto list = another->kiosks(0);
    REQUIRE(list.size() == 2);
    CHECK(list[0].id == "xixi-1");
    CHECK(list[0].label == "西溪社区 1号机");
    CHECK(list[0].last_seen == 1000);
    CHECK(list[0].last_heard == 3000);
    CHECK(list[0].requests_today == 2);
    CHECK(list[1].label == "紫金港 2号机");
    CHECK(list[1].last_seen == 0);
    another->kiosk_request("xixi-1", "西溪社区 1号机（大厅）", 90000, 8);  // the next day, through the other process
    list = s->kiosks(0);
    CHECK(list[0].requests_today == 1);
    CHECK(list[0].day == 8);
    CHECK(list[0].label == "西溪社区 1号机（大厅）");
    CHECK(s->kiosks(5000).size() == 1);               // heard from since then: only xixi-1
    CHECK(s->forget_kiosks(5000) == 1);
    CHECK(s->kiosks(0).size() == 1);
}

TEST_CASE("kiosks: a flood of made-up ids stops at the limit; kiosks already known still call in") {
    SqliteDb db;
    auto s = open(db);
    for (int i = 0; i < Store::kMaxKiosks + 10; ++i) s->kiosk_heartbeat("k" + std::to_string(i), "", i + 1);
    CHECK(s->kiosks(0).size() == size_t(Store::kMaxKiosks));
    s->kiosk_heartbeat("k0", "still here", 999999);
    s->kiosk_request("k1", "", 999999, 1);
    auto list = s->kiosks(999999);
    REQUIRE(list.size() == 2);
    CHECK(list[0].label == "still here");
    CHECK(list[1].requests_today == 1);
}

TEST_CASE_TEMPLATE("expired sessions are deleted; live ones stay", Db, SqliteDb, PostgresDb) {
    Db db;
    auto s = db.open();
    const int64_t jie = add_helper(*s, "xiaojie");
    s->add_session("old-session", Session{jie, "csrf1", 1000});
    s->add_session("live-session", Session{jie, "csrf2", 5000});
    CHECK(s->delete_expired_sessions(2000) == 1);
    CHECK(s->delete_expired_sessions(2000) == 0);
    CHECK_FALSE(s->session("old-session", 0));  // gone, not only expired
    CHECK(s->session("live-session", 2000));
}
