// See test_stores.h.
#include "test_stores.h"

#include <doctest/doctest.h>
#include <libpq-fe.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

namespace anxin::test {

namespace {

std::string temp_name(const char* prefix) {
    static std::atomic<int> n{0};
    return std::string(prefix) + std::to_string(::getpid()) + "_" + std::to_string(n++);
}

// Runs a command and returns its first line of output ("" if it failed).
std::string first_line(const std::string& command) {
    std::string out;
    if (FILE* p = ::popen(command.c_str(), "r")) {
        std::array<char, 512> buf{};
        if (std::fgets(buf.data(), int(buf.size()), p)) out = buf.data();
        if (::pclose(p) != 0) out.clear();
    }
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
    return out;
}

// A server started for this test process, when the test command did not start one.
struct OwnServer {
    std::string dir, url;
    OwnServer() {
        dir = (std::filesystem::temp_directory_path() / temp_name("anxin-pg-")).string();
        url = first_line(std::string(ANXIN_SOURCE_DIR) + "/tools/test_postgres.sh start " + dir);
    }
    ~OwnServer() {
        const std::string stop = std::string(ANXIN_SOURCE_DIR) + "/tools/test_postgres.sh stop " + dir;
        if (std::system(stop.c_str()) != 0) std::fprintf(stderr, "could not stop the test PostgreSQL in %s\n", dir.c_str());
    }
};

void run_sql(const std::string& url, const std::string& statement) {
    PGconn* c = PQconnectdb(url.c_str());
    REQUIRE_MESSAGE(PQstatus(c) == CONNECTION_OK, PQerrorMessage(c));
    PGresult* r = PQexec(c, statement.c_str());
    const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
    const std::string why = PQerrorMessage(c);
    PQclear(r);
    PQfinish(c);
    REQUIRE_MESSAGE(ok, statement << ": " << why);
}

}  // namespace

const std::string& postgres_server_url() {
    static const std::string url = [] {
        if (const char* given = std::getenv("ANXIN_TEST_PG"); given && *given) return std::string(given);
        static OwnServer own;  // stopped at exit
        return own.url;
    }();
    return url;
}

SqliteDb::SqliteDb() {
    path = (std::filesystem::temp_directory_path() / (temp_name("anxin-store-test-") + ".db")).string();
    std::filesystem::remove(path);
}

SqliteDb::~SqliteDb() {
    for (const char* ext : {"", "-wal", "-shm"}) std::filesystem::remove(path + ext);
}

std::unique_ptr<server::SqliteStore> SqliteDb::open() {
    std::string err;
    auto s = server::SqliteStore::open(path, err);
    REQUIRE_MESSAGE(s, err);
    return s;
}

PostgresDb::PostgresDb() {
    const std::string& server = postgres_server_url();
    REQUIRE_MESSAGE(!server.empty(), "no PostgreSQL for the tests: set ANXIN_TEST_PG, or install postgresql (tools/setup.sh test)");
    name = temp_name("anxin_test_");
    run_sql(server, "CREATE DATABASE " + name);
    url = server.substr(0, server.rfind('/') + 1) + name;
}

PostgresDb::~PostgresDb() {
    PGconn* c = PQconnectdb(postgres_server_url().c_str());
    PQclear(PQexec(c, ("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)").c_str()));
    PQfinish(c);
}

std::unique_ptr<server::PgStore> PostgresDb::open() {
    std::string err;
    auto s = server::PgStore::open(url, err);
    REQUIRE_MESSAGE(s, err);
    return s;
}

void PostgresDb::sql(const std::string& statement) { run_sql(url, statement); }

}  // namespace anxin::test
