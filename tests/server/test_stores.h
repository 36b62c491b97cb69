// The stores that store tests run against, each new and empty for one test:
//   SqliteDb   — a SQLite file in the temporary folder;
//   PostgresDb — a new database on a real PostgreSQL server: the one ANXIN_TEST_PG names
//                (run_tests.sh starts one for the whole run), or else one started here by
//                tools/test_postgres.sh for this test process and stopped when it ends.
// Use with TEST_CASE_TEMPLATE("...", Db, SqliteDb, PostgresDb) { Db db; auto s = db.open(); ... }
#pragma once
#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "server/pg_store.h"
#include "server/sqlite_store.h"

namespace anxin::test {

struct SqliteDb {
    static constexpr const char* kName = "SQLite";
    std::string path;
    SqliteDb();
    ~SqliteDb();
    std::unique_ptr<server::SqliteStore> open();
};

struct PostgresDb {
    static constexpr const char* kName = "PostgreSQL";
    std::string url;   // postgresql://…/<a database of its own>
    std::string name;  // that database
    PostgresDb();
    ~PostgresDb();     // drops the database
    std::unique_ptr<server::PgStore> open();
    // Runs SQL on the test's database directly (to set up what a store would not write).
    void sql(const std::string& statement);
};

// The server's URL (its maintenance database), starting one if needed.
const std::string& postgres_server_url();

// A call-back request from the bus guide's step 3, with this idempotency key.
inline HelpRequestBody body(const std::string& key, const std::string& phone = "13800138000") {
    HelpRequestBody b;
    b.idempotency_key = key;
    b.phone = phone;
    b.context.guide = "bus-qr";
    b.context.step = 3;
    return b;
}

// A helper account called `name`; its id.
inline int64_t add_helper(server::Store& s, const std::string& name) {
    server::Helper h;
    h.username = name;
    h.display_name = name;
    h.role = "helper";
    h.password_hash = "x";
    REQUIRE(s.add_helper(h));
    return s.helper_by_username(name)->id;
}

}  // namespace anxin::test

// Test names say which store: "… <SqliteDb>", "… <PostgresDb>".
TYPE_TO_STRING(anxin::test::SqliteDb);
TYPE_TO_STRING(anxin::test::PostgresDb);
