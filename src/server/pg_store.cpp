// PostgreSQL implementation of the help desk's Store. See pg_store.h.
//
// [SECTION] Connections, queries and transactions
// [SECTION] Schema and migrations
// [SECTION] Opening, and listening for changes from other processes
// [SECTION] Requests
// [SECTION] Helpers and sessions
// [SECTION] Accounts and the audit log
// [SECTION] Reports
// [SECTION] Kiosks
// [SECTION] Published content

#include "server/pg_store.h"

#include <libpq-fe.h>
#include <poll.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <vector>

#include "server/secrets.h"
#include "server/store_rows.h"

namespace anxin::server {

//-----------------------------------------------------------------------------
// [SECTION] Connections, queries and transactions
//-----------------------------------------------------------------------------

namespace {

constexpr const char* kChannel = "anxin_changes";

// A query's value, always sent as a parameter (never spliced into SQL). Null for SQL NULL.
struct Param {
    std::string text;
    bool null = false;
    Param(const std::string& s) : text(s) {}
    Param(const char* s) : text(s) {}
    Param(int64_t v) : text(std::to_string(v)) {}
    Param(int v) : text(std::to_string(v)) {}
    static Param Null() { Param p(""); p.null = true; return p; }
};

// A connection that failed (not a statement that was refused): the database is down,
// restarting or unreachable.
bool connection_lost(PGconn* c, PGresult* r) {
    if (PQstatus(c) != CONNECTION_OK) return true;
    const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
    if (!state) return r == nullptr;
    const std::string s = state;
    return s.rfind("08", 0) == 0 || s == "57P01" || s == "57P02" || s == "57P03";  // connection exception, shutdown
}

// libpq's messages span lines ("…failed: Connection refused\n\tIs the server running…"): one line for logs.
std::string one_line(std::string m) {
    for (char& ch : m) if (ch == '\n' || ch == '\t') ch = ' ';
    while (!m.empty() && m.back() == ' ') m.pop_back();
    std::string out;
    for (char ch : m) if (!(ch == ' ' && !out.empty() && out.back() == ' ')) out += ch;
    return out;
}

// Connects with limits that keep a lost database from holding a thread for minutes: a
// connection attempt gives up after 5 s, a silent peer is noticed within about 20 s
// (keepalives, tcp_user_timeout), a statement stops after 15 s. The URL may override each.
PGconn* connect(const std::string& url) {
    const char* keys[] = {"connect_timeout", "keepalives_idle", "keepalives_interval", "keepalives_count", "tcp_user_timeout",
                          "options", "dbname", nullptr};
    const char* values[] = {"5", "10", "5", "2", "20000", "-c statement_timeout=15000", url.c_str(), nullptr};
    return PQconnectdbParams(keys, values, /*expand_dbname=*/1);
}

class Result {
public:
    explicit Result(PGresult* r) : r_(r) {}
    ~Result() { PQclear(r_); }
    Result(Result&& o) noexcept : r_(o.r_) { o.r_ = nullptr; }
    Result(const Result&) = delete;

    bool ok() const {
        const auto s = PQresultStatus(r_);
        return s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK;
    }
    int rows() const { return ok() ? PQntuples(r_) : 0; }
    std::string text(int row, int col) const { return PQgetvalue(r_, row, col); }
    int64_t i64(int row, int col) const { return std::strtoll(PQgetvalue(r_, row, col), nullptr, 10); }
    int changed() const { return ok() ? std::atoi(PQcmdTuples(r_)) : 0; }
    std::string status() const { return PQcmdStatus(r_); }  // "COMMIT", "ROLLBACK", "UPDATE 1"…

private:
    PGresult* r_;
};

}  // namespace

// Up to `size` connections, opened when first needed. A lost connection is closed
// and StoreUnavailable thrown; the next lease opens a new one.
class PgPool {
public:
    PgPool(std::string url, int size) : url_(std::move(url)), size_(size) {}
    ~PgPool() {
        for (PGconn* c : idle_) PQfinish(c);
    }

    PGconn* acquire() {
        std::unique_lock<std::mutex> lock(mu_);
        if (!cv_.wait_for(lock, std::chrono::seconds(10), [&] { return !idle_.empty() || open_ < size_; }))
            throw StoreUnavailable("every database connection stayed busy for 10 s");
        if (!idle_.empty()) {
            PGconn* c = idle_.back();
            idle_.pop_back();
            return c;
        }
        ++open_;
        lock.unlock();
        PGconn* c = connect(url_);
        if (PQstatus(c) != CONNECTION_OK) {
            const std::string why = PQerrorMessage(c);
            PQfinish(c);
            release_slot();
            throw StoreUnavailable(one_line("cannot reach the database: " + why));
        }
        PQsetNoticeProcessor(c, [](void*, const char*) {}, nullptr);  // "relation exists, skipping" and the like
        return c;
    }

    void release(PGconn* c) {
        if (PQstatus(c) != CONNECTION_OK || PQtransactionStatus(c) != PQTRANS_IDLE) {
            PQfinish(c);
            // The others were opened to the same server: if it went away, they are gone too.
            std::lock_guard<std::mutex> lock(mu_);
            for (PGconn* other : idle_) PQfinish(other);
            open_ -= int(idle_.size()) + 1;
            idle_.clear();
            cv_.notify_all();
            return;
        }
        std::lock_guard<std::mutex> lock(mu_);
        idle_.push_back(c);
        cv_.notify_one();
    }

private:
    void release_slot() {
        std::lock_guard<std::mutex> lock(mu_);
        --open_;
        cv_.notify_one();
    }

    std::string url_;
    int size_;
    std::mutex mu_;
    std::condition_variable cv_;
    std::vector<PGconn*> idle_;
    int open_ = 0;
};

namespace {

// A statement the database did not run. Refused by a constraint (a username taken, an unknown
// role): the caller is told by a Result that is not ok(). Too busy (a timeout, a deadlock, out of
// resources): StoreUnavailable, answered 503. Anything else is a fault: answered 500.
void refused_or_throw(PGresult* r) {
    const char* state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    const std::string s = state ? state : "";
    if (s.rfind("23", 0) == 0) return;
    const std::string why = one_line(PQresultErrorMessage(r));
    if (s.rfind("57", 0) == 0 || s.rfind("40", 0) == 0 || s.rfind("53", 0) == 0 || s == "55P03")
        throw StoreUnavailable("the database is too busy: " + why);
    throw std::runtime_error("database error: " + why);
}

// One connection from the pool for the length of a method.
class Conn {
public:
    explicit Conn(PgPool& pool) : pool_(pool), c_(pool.acquire()) {}
    ~Conn() { pool_.release(c_); }
    Conn(const Conn&) = delete;

    // Runs one statement. A refused statement (a unique key taken) gives a Result that is
    // not ok(); a lost connection throws StoreUnavailable.
    Result run(const char* sql, std::initializer_list<Param> params = {}) {
        std::vector<const char*> values;
        for (const Param& p : params) values.push_back(p.null ? nullptr : p.text.c_str());
        PGresult* r = PQexecParams(c_, sql, int(values.size()), nullptr, values.data(), nullptr, nullptr, 0);
        if (connection_lost(c_, r)) {
            PQclear(r);
            throw StoreUnavailable(one_line(std::string("the database connection was lost: ") + PQerrorMessage(c_)));
        }
        Result out(r);
        if (!out.ok()) refused_or_throw(r);
        return out;
    }
    PGconn* raw() { return c_; }

private:
    PgPool& pool_;
    PGconn* c_;
};

// BEGIN ... COMMIT; rolled back unless commit() is reached.
class Tx {
public:
    explicit Tx(Conn& c) : c_(c) { c_.run("BEGIN"); }
    ~Tx() {
        if (done_) return;
        try { c_.run("ROLLBACK"); } catch (...) {}  // the pool closes a connection left in a transaction
    }
    // True only if COMMIT committed: in a transaction a statement broke, COMMIT answers ROLLBACK.
    bool commit() {
        Result r = c_.run("COMMIT");
        done_ = true;
        return r.ok() && r.status() == "COMMIT";
    }

private:
    Conn& c_;
    bool done_ = false;
};

// One statement that changes rows (autocommit). `sql` ends with RETURNING 1; the result is
// how many rows changed.
int write(Conn& c, const char* sql, std::initializer_list<Param> params) {
    return c.run(sql, params).rows();
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Schema and migrations
//-----------------------------------------------------------------------------

namespace {

// Migrations, in order; each runs once. The tables match SQLite's, with open requests,
// a phone number's history and a helper's history indexed so that reading the queue or a
// status does not slow down as closed requests pile up.
const char* const kMigrations[] = {
    // 1: requests, helpers, sessions, reports, published content
    R"(CREATE TABLE helpers (
         id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, username TEXT NOT NULL UNIQUE, display_name TEXT NOT NULL,
         role TEXT NOT NULL CHECK (role IN ('helper', 'admin', 'volunteer', 'author')), password_hash TEXT NOT NULL,
         created_at BIGINT NOT NULL);
       CREATE TABLE sessions (
         token_hash TEXT PRIMARY KEY, helper_id BIGINT NOT NULL REFERENCES helpers(id),
         csrf TEXT NOT NULL, expires_at BIGINT NOT NULL);
       CREATE INDEX sessions_helper ON sessions(helper_id);
       CREATE TABLE requests (
         id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, public_id TEXT NOT NULL UNIQUE,
         idempotency_key TEXT NOT NULL UNIQUE, phone TEXT, context TEXT NOT NULL, priority INTEGER NOT NULL,
         status TEXT NOT NULL, helper_id BIGINT REFERENCES helpers(id), previous_helper_id BIGINT,
         promised_at BIGINT NOT NULL, outcome TEXT NOT NULL DEFAULT '', escalated INTEGER NOT NULL DEFAULT 0,
         created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, closed_at BIGINT NOT NULL DEFAULT 0);
       CREATE INDEX requests_open ON requests(id) WHERE status <> 'done';
       CREATE INDEX requests_phone ON requests(phone, id);
       CREATE INDEX requests_helper_closed ON requests(helper_id, closed_at) WHERE status = 'done';
       CREATE INDEX requests_personal ON requests(closed_at) WHERE status = 'done' AND (phone IS NOT NULL OR context <> '{}');
       CREATE TABLE reports (
         id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, public_id TEXT NOT NULL UNIQUE, guide TEXT NOT NULL,
         step INTEGER NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL, source TEXT NOT NULL, status TEXT NOT NULL,
         answer TEXT NOT NULL DEFAULT '', created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL,
         idempotency_key TEXT UNIQUE);
       CREATE TABLE content_versions (
         id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, author TEXT NOT NULL, note TEXT NOT NULL,
         created_at BIGINT NOT NULL, files TEXT NOT NULL);)",
    // 2: accounts an admin stopped, and the audit log (who looked at which phone number, who changed what)
    R"(ALTER TABLE helpers ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
       CREATE TABLE audit_log (
         id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, at BIGINT NOT NULL, helper_id BIGINT NOT NULL REFERENCES helpers(id),
         action TEXT NOT NULL, subject TEXT NOT NULL);
       CREATE INDEX audit_log_at ON audit_log(at);)",
    // 3: kiosks, shared by every process (they were in one process's memory)
    R"(CREATE TABLE kiosks (
         id TEXT PRIMARY KEY, label TEXT NOT NULL, last_seen BIGINT NOT NULL, last_heard BIGINT NOT NULL,
         requests_today INTEGER NOT NULL, day BIGINT NOT NULL);
       CREATE INDEX kiosks_heard ON kiosks(last_heard);)",
};

// Serialises migrations between processes starting at once.
constexpr const char* kMigrationLock = "SELECT pg_advisory_xact_lock(770301)";

// One row of a result, read as store_rows.h reads a row.
struct Row {
    const Result& result;
    int row;
    int64_t i64(int col) const { return result.i64(row, col); }
    std::string text(int col) const { return result.text(row, col); }
};

HelpRequest read_request(const Result& s, int row) {
    Row r{s, row};
    return request_from_row(r);
}

std::vector<HelpRequest> read_requests(const Result& s) {
    std::vector<HelpRequest> out;
    for (int i = 0; i < s.rows(); ++i) out.push_back(read_request(s, i));
    return out;
}

std::optional<HelpRequest> first_request(const Result& s) {
    if (s.rows() == 0) return std::nullopt;
    return read_request(s, 0);
}

Report read_report(const Result& s, int row) {
    Row r{s, row};
    return report_from_row(r);
}

std::string sql(const char* a, const char* b) { return std::string(a) + b; }

}  // namespace

int PgStore::schema_version() {
    Conn c(*pool_);
    Result r = c.run("SELECT version FROM anxin_schema");
    return r.rows() == 1 ? int(r.i64(0, 0)) : 0;
}

bool PgStore::migrate(std::string& error) {
    Conn c(*pool_);
    Tx tx(c);
    c.run(kMigrationLock);
    if (!c.run("CREATE TABLE IF NOT EXISTS anxin_schema (version INTEGER NOT NULL)").ok()) {
        error = std::string("cannot create the schema table: ") + PQerrorMessage(c.raw());
        return false;
    }
    Result have_r = c.run("SELECT version FROM anxin_schema");
    if (have_r.rows() == 0) c.run("INSERT INTO anxin_schema (version) VALUES (0)");
    const int have = have_r.rows() == 1 ? int(have_r.i64(0, 0)) : 0;
    const int want = int(std::size(kMigrations));
    if (have > want) {
        error = "the database is from a newer version (schema " + std::to_string(have) + "; this server knows " + std::to_string(want) + ")";
        return false;
    }
    for (int v = have; v < want; ++v) {
        // Several statements in one string: the simple protocol (no parameters) allows that.
        PGresult* r = PQexec(c.raw(), kMigrations[v]);
        const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
        PQclear(r);
        if (!ok) {
            error = "migration " + std::to_string(v + 1) + " failed: " + PQerrorMessage(c.raw());
            return false;
        }
    }
    c.run("UPDATE anxin_schema SET version = $1", {want});
    if (!tx.commit()) {
        error = std::string("the migration could not be committed: ") + PQerrorMessage(c.raw());
        return false;
    }
    return true;
}

//-----------------------------------------------------------------------------
// [SECTION] Opening, and listening for changes from other processes
//-----------------------------------------------------------------------------

PgStore::PgStore(const std::string& url, int pool_size) : pool_(std::make_unique<PgPool>(url, pool_size)), url_(url) {}

std::unique_ptr<PgStore> PgStore::open(const std::string& url, std::string& error, int pool_size) {
    std::unique_ptr<PgStore> store(new PgStore(url, pool_size));
    try {
        if (!store->migrate(error)) return nullptr;
    } catch (const std::exception& e) {  // unreachable, or a fault in a migration
        error = e.what();
        return nullptr;
    }
    store->listener_ = std::thread([s = store.get()] { s->listen_for_changes(); });
    store->teller_ = std::thread([s = store.get()] { s->tell_other_processes(); });
    return store;
}

PgStore::~PgStore() {
    {
        std::lock_guard<std::mutex> lock(tell_mu_);
        stopping_ = true;
    }
    tell_cv_.notify_all();
    if (teller_.joinable()) teller_.join();  // a last notice for the last changes
    if (listener_.joinable()) listener_.join();
}

// One connection that LISTENs. Each notification, from this process or any other, bumps
// version_, which live views wait on. When the connection is lost it is opened again; the
// version is bumped then too, since changes may have been missed meanwhile. It is also
// bumped every 30 s: a process killed just after a commit, before it told the others,
// leaves live views behind by 30 s at most.
void PgStore::listen_for_changes() {
    PGconn* c = nullptr;
    auto bumped = std::chrono::steady_clock::now();
    while (!stopping_) {
        if (!c || PQstatus(c) != CONNECTION_OK) {
            if (c) PQfinish(c);
            c = connect(url_);
            PGresult* r = PQstatus(c) == CONNECTION_OK ? PQexec(c, (std::string("LISTEN ") + kChannel).c_str()) : nullptr;
            const bool listening = r && PQresultStatus(r) == PGRES_COMMAND_OK;
            PQclear(r);
            if (!listening) {
                PQfinish(c);
                c = nullptr;
                for (int i = 0; i < 10 && !stopping_; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
                continue;
            }
            ++version_;
        }
        pollfd p{PQsocket(c), POLLIN, 0};
        if (::poll(&p, 1, 200) > 0 && !PQconsumeInput(c)) continue;  // lost: reconnect above
        bool told = false;
        while (PGnotify* n = PQnotifies(c)) {
            told = true;
            PQfreemem(n);
        }
        const auto t = std::chrono::steady_clock::now();
        if (told || t - bumped >= std::chrono::seconds(30)) {
            ++version_;
            bumped = t;
        }
    }
    if (c) PQfinish(c);
}

// A change committed here: live views in this process see it at once, the others when
// tell_other_processes sends its next NOTIFY.
void PgStore::note_change() {
    ++version_;
    {
        std::lock_guard<std::mutex> lock(tell_mu_);
        tell_pending_ = true;
    }
    tell_cv_.notify_one();
}

// The teller thread: one NOTIFY for all the changes of the last 20 ms, in a transaction of
// its own that does not wait for the disk (synchronous_commit off: nothing durable rides on
// a notice). A NOTIFY in each change's own transaction made every commit wait in line for
// PostgreSQL's notify lock: under the load benchmark, creates' p99 was 340 ms with it and
// 16-31 ms without.
void PgStore::tell_other_processes() {
    std::unique_lock<std::mutex> lock(tell_mu_);
    for (;;) {
        tell_cv_.wait(lock, [&] { return tell_pending_ || stopping_; });
        if (!tell_pending_) return;  // stopping, with nothing left to tell
        if (!stopping_) {
            lock.unlock();
            std::this_thread::sleep_for(std::chrono::milliseconds(20));  // changes made meanwhile share this notice
            lock.lock();
        }
        tell_pending_ = false;
        lock.unlock();
        bool sent = false;
        try {
            Conn c(*pool_);
            sent = c.run((std::string("SELECT set_config('synchronous_commit', 'off', true), pg_notify('") + kChannel + "', '')").c_str()).ok();
        } catch (const std::exception&) {  // the database is away: the listeners bump their version when it is back
        }
        lock.lock();
        if (!sent && !stopping_) {
            tell_pending_ = true;
            tell_cv_.wait_for(lock, std::chrono::seconds(1), [&] { return stopping_.load(); });
        }
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Requests
//-----------------------------------------------------------------------------

CreateResult PgStore::create_request(const HelpRequestBody& body, int priority, Millis now, Millis promise_ms) {
    CreateResult out;
    Conn c(*pool_);
    // One statement (one round trip, one commit): the insert and the helper who last helped
    // this number (for continuity). A key seen before inserts nothing; two
    // processes inserting the same key at once: the second waits for the first, then does nothing.
    Result ins = c.run(
        "WITH ins AS (INSERT INTO requests (public_id, idempotency_key, phone, context, priority, status, previous_helper_id, "
        "  promised_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 'waiting', "
        "  (SELECT helper_id FROM requests WHERE phone = $3 AND helper_id IS NOT NULL ORDER BY id DESC LIMIT 1), $6, $7, $7) "
        "  ON CONFLICT (idempotency_key) DO NOTHING RETURNING id) "
        "SELECT id FROM ins",
        {random_hex(16), body.idempotency_key, body.phone, help_context_to_json(body.context), priority, now + promise_ms, now});
    if (!ins.ok()) return out;
    out.created = ins.rows() == 1;
    if (out.created) note_change();
    const std::string by = out.created ? "WHERE r.id = $1" : "WHERE r.idempotency_key = $1";
    const Param key = out.created ? Param(ins.i64(0, 0)) : Param(body.idempotency_key);
    if (auto saved = first_request(c.run(sql("SELECT ", kRequestColumns).append(by).c_str(), {key}))) out.request = *saved;
    else out.created = false;
    return out;
}

std::optional<HelpRequest> PgStore::request_by_public_id(const std::string& public_id) {
    Conn c(*pool_);
    return first_request(c.run(sql("SELECT ", kRequestColumns).append("WHERE r.public_id = $1").c_str(), {public_id}));
}

std::optional<HelpRequest> PgStore::request_by_id(int64_t id) {
    Conn c(*pool_);
    return first_request(c.run(sql("SELECT ", kRequestColumns).append("WHERE r.id = $1").c_str(), {id}));
}

std::vector<HelpRequest> PgStore::open_requests(Millis now, int64_t helper_id, int limit) {
    Conn c(*pool_);
    return read_requests(c.run(sql("SELECT ", kRequestColumns).append(kQueueWhere).c_str(), {now, helper_id, limit}));
}

std::vector<HelpRequest> PgStore::history(int64_t helper_id, int limit) {
    Conn c(*pool_);
    return read_requests(c.run(
        sql("SELECT ", kRequestColumns).append("WHERE r.helper_id = $1 AND r.status = 'done' ORDER BY r.closed_at DESC LIMIT $2").c_str(),
        {helper_id, limit}));
}

int PgStore::waiting_ahead(int64_t id) {
    Conn c(*pool_);
    Result r = c.run("SELECT count(*) FROM requests WHERE status <> 'done' AND id < $1", {id});
    return r.rows() == 1 ? int(r.i64(0, 0)) : 0;
}

int PgStore::open_count() {
    Conn c(*pool_);
    Result r = c.run("SELECT count(*) FROM requests WHERE status <> 'done'");
    return r.rows() == 1 ? int(r.i64(0, 0)) : 0;
}

bool PgStore::claim(int64_t id, int64_t helper_id, Millis now) {
    Conn c(*pool_);
    // One statement: the claim, and the audit entry for the number the claimer now sees.
    Result r = c.run("WITH claimed AS (UPDATE requests SET helper_id = $1, "
                     "  status = CASE WHEN status = 'waiting' THEN 'accepted' ELSE status END, escalated = 0, updated_at = $2 "
                     "  WHERE id = $3 AND status <> 'done' AND (helper_id IS NULL OR helper_id = $1 OR escalated = 1) RETURNING phone), "
                     "seen AS (INSERT INTO audit_log (at, helper_id, action, subject) "
                     "  SELECT $2, $1, '看了号码', phone FROM claimed WHERE phone IS NOT NULL AND phone <> '') "
                     "SELECT count(*) FROM claimed",
                     {helper_id, now, id});
    const bool claimed = r.rows() == 1 && r.i64(0, 0) == 1;
    if (claimed) note_change();
    return claimed;
}

bool PgStore::set_promise(int64_t id, int64_t helper_id, Millis promised_at, Millis now) {
    Conn c(*pool_);
    const int n = write(c,
                        "UPDATE requests SET promised_at = $1, escalated = 0, updated_at = $2 "
                        "WHERE id = $3 AND helper_id = $4 AND status <> 'done' RETURNING 1",
                        {promised_at, now, id, helper_id});
    if (n == 1) note_change();
    return n == 1;
}

bool PgStore::set_status(int64_t id, int64_t helper_id, RequestStatus status, const std::string& outcome, Millis now) {
    Conn c(*pool_);
    const int n = write(c,
                        "UPDATE requests SET status = $1, outcome = $2, updated_at = $3, closed_at = $4 "
                        "WHERE id = $5 AND helper_id = $6 AND status <> 'done' RETURNING 1",
                        {status_name(status), outcome, now, status == RequestStatus::Done ? now : 0, id, helper_id});
    if (n == 1) note_change();
    return n == 1;
}

int PgStore::escalate_overdue(Millis now) {
    Conn c(*pool_);
    const int n = write(c, "UPDATE requests SET escalated = 1 WHERE status <> 'done' AND escalated = 0 AND promised_at < $1 RETURNING 1", {now});
    if (n > 0) note_change();
    return n;
}

int PgStore::delete_personal_data(Millis closed_before) {
    Conn c(*pool_);
    const int n = write(c,
                        "UPDATE requests SET phone = NULL, context = '{}', outcome = '' "
                        "WHERE status = 'done' AND closed_at < $1 AND (phone IS NOT NULL OR context <> '{}') RETURNING 1",
                        {closed_before});
    if (n > 0) note_change();
    // The audit log keeps who looked, not the number: masked as masked_phone does (138****8000).
    c.run("UPDATE audit_log SET subject = CASE WHEN length(subject) >= 11 THEN left(subject, 3) || '****' || right(subject, 4) "
          "ELSE repeat('*', length(subject) - 2) || right(subject, 2) END "
          "WHERE at < $1 AND action IN ('看了号码', '查了号码') AND strpos(subject, '*') = 0",
          {closed_before});
    return n;
}

//-----------------------------------------------------------------------------
// [SECTION] Helpers and sessions
//-----------------------------------------------------------------------------

bool PgStore::add_helper(const Helper& h) {
    Conn c(*pool_);
    // A taken username or an unknown role is refused by the table's constraints.
    Result r = c.run("INSERT INTO helpers (username, display_name, role, password_hash, created_at) "
                     "VALUES ($1, $2, $3, $4, extract(epoch from now())::bigint)",
                     {h.username, h.display_name, h.role, h.password_hash});
    return r.ok() && r.changed() == 1;
}

namespace {
std::optional<Helper> read_helper(const Result& s) {
    if (s.rows() == 0) return std::nullopt;
    Row row{s, 0};
    return helper_from_row(row);
}
}  // namespace

std::optional<Helper> PgStore::helper_by_username(const std::string& username) {
    Conn c(*pool_);
    return read_helper(c.run(sql("SELECT ", kHelperColumns).append("WHERE username = $1").c_str(), {username}));
}

std::optional<Helper> PgStore::helper_by_id(int64_t id) {
    Conn c(*pool_);
    return read_helper(c.run(sql("SELECT ", kHelperColumns).append("WHERE id = $1").c_str(), {id}));
}

void PgStore::add_session(const std::string& token_hash, const Session& session) {
    Conn c(*pool_);
    c.run("INSERT INTO sessions (token_hash, helper_id, csrf, expires_at) VALUES ($1, $2, $3, $4)",
          {token_hash, session.helper_id, session.csrf, session.expires_at});
}

std::optional<Session> PgStore::session(const std::string& token_hash, Millis now) {
    Conn c(*pool_);
    Result r = c.run("SELECT s.helper_id, s.csrf, s.expires_at FROM sessions s JOIN helpers h ON h.id = s.helper_id "
                     "WHERE s.token_hash = $1 AND s.expires_at > $2 AND h.disabled = 0",
                     {token_hash, now});
    if (r.rows() == 0) return std::nullopt;
    return Session{r.i64(0, 0), r.text(0, 1), r.i64(0, 2)};
}

void PgStore::remove_session(const std::string& token_hash) {
    Conn c(*pool_);
    c.run("DELETE FROM sessions WHERE token_hash = $1", {token_hash});
}

int PgStore::delete_expired_sessions(Millis now) {
    Conn c(*pool_);
    return c.run("DELETE FROM sessions WHERE expires_at <= $1", {now}).changed();
}

int PgStore::active_helpers(Millis since) {
    Conn c(*pool_);
    Result r = c.run("SELECT count(DISTINCT helper_id) FROM sessions WHERE expires_at > $1", {since});
    return r.rows() == 1 ? int(r.i64(0, 0)) : 0;
}

//-----------------------------------------------------------------------------
// [SECTION] Accounts and the audit log
//-----------------------------------------------------------------------------

std::vector<Helper> PgStore::helpers() {
    Conn c(*pool_);
    Result r = c.run(sql("SELECT ", kHelperListColumns).append("ORDER BY username").c_str());
    std::vector<Helper> out;
    for (int i = 0; i < r.rows(); ++i) {
        Row row{r, i};
        out.push_back(helper_from_row(row));
    }
    return out;
}

bool PgStore::set_password(int64_t helper_id, const std::string& password_hash, const std::string& keep_token_hash) {
    Conn c(*pool_);
    Tx tx(c);
    if (c.run("UPDATE helpers SET password_hash = $1 WHERE id = $2", {password_hash, helper_id}).changed() != 1) return false;
    c.run("DELETE FROM sessions WHERE helper_id = $1 AND token_hash <> $2", {helper_id, keep_token_hash});
    if (!tx.commit()) return false;
    note_change();
    return true;
}

bool PgStore::set_disabled(int64_t helper_id, bool disabled) {
    Conn c(*pool_);
    Tx tx(c);
    if (c.run("UPDATE helpers SET disabled = $1 WHERE id = $2", {disabled ? 1 : 0, helper_id}).changed() != 1) return false;
    if (disabled) c.run("DELETE FROM sessions WHERE helper_id = $1", {helper_id});  // in every process at once: sessions live here
    if (!tx.commit()) return false;
    note_change();
    return true;
}

// Not a change the live views wait on: a console that looks something up must not wake every console.
void PgStore::add_audit(int64_t helper_id, const std::string& action, const std::string& subject, Millis at) {
    Conn c(*pool_);
    c.run("INSERT INTO audit_log (at, helper_id, action, subject) VALUES ($1, $2, $3, $4)", {at, helper_id, action, subject});
}

std::vector<AuditEntry> PgStore::audit_log(int limit) {
    Conn c(*pool_);
    Result r = c.run("SELECT a.id, a.at, a.helper_id, COALESCE(h.display_name, ''), a.action, a.subject "
                     "FROM audit_log a LEFT JOIN helpers h ON h.id = a.helper_id ORDER BY a.at DESC, a.id DESC LIMIT $1",
                     {limit});
    std::vector<AuditEntry> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back({r.i64(i, 0), r.i64(i, 1), r.i64(i, 2), r.text(i, 3), r.text(i, 4), r.text(i, 5)});
    return out;
}

std::vector<HelpRequest> PgStore::requests_by_phone(const std::string& phone) {
    Conn c(*pool_);
    return read_requests(c.run(sql("SELECT ", kRequestColumns).append("WHERE r.phone = $1 ORDER BY r.created_at DESC, r.id DESC").c_str(), {phone}));
}

int PgStore::delete_person(const std::string& phone, const std::string& masked) {
    Conn c(*pool_);
    Tx tx(c);
    const int n = c.run("UPDATE requests SET phone = NULL, context = '{}', outcome = '' WHERE phone = $1", {phone}).changed();
    c.run("UPDATE audit_log SET subject = $1 WHERE subject = $2 AND action IN ('看了号码', '查了号码')", {masked, phone});
    if (!tx.commit()) return 0;
    if (n > 0) note_change();
    return n;
}

//-----------------------------------------------------------------------------
// [SECTION] Reports
// [SECTION] Kiosks
//-----------------------------------------------------------------------------

Report PgStore::add_report(const Report& r) {
    Conn c(*pool_);
    const std::string by_key = sql("SELECT ", kReportColumns) + "WHERE idempotency_key = $1";
    if (!r.idempotency_key.empty()) {
        Result seen = c.run(by_key.c_str(), {r.idempotency_key});
        if (seen.rows() == 1) return read_report(seen, 0);
    }
    Report out = r;
    out.public_id = random_hex(16);
    out.status = "new";
    Tx tx(c);
    Result ins = c.run("INSERT INTO reports (public_id, guide, step, kind, text, source, status, created_at, updated_at, idempotency_key) "
                       "VALUES ($1, $2, $3, $4, $5, $6, 'new', $7, $7, $8) ON CONFLICT (idempotency_key) DO NOTHING RETURNING id",
                       {out.public_id, r.guide, r.step, r.kind, r.text, r.source, r.created_at,
                        r.idempotency_key.empty() ? Param::Null() : Param(r.idempotency_key)});
    const bool inserted = ins.rows() == 1;
    if (!ins.ok() || !tx.commit()) return Report{};
    if (!inserted) {  // sent twice at once through two processes: the first one's report
        Result seen = c.run(by_key.c_str(), {r.idempotency_key});
        return seen.rows() == 1 ? read_report(seen, 0) : Report{};
    }
    note_change();
    out.id = ins.i64(0, 0);
    return out;
}

std::optional<Report> PgStore::report_by_public_id(const std::string& public_id) {
    Conn c(*pool_);
    Result r = c.run(sql("SELECT ", kReportColumns).append("WHERE public_id = $1").c_str(), {public_id});
    if (r.rows() == 0) return std::nullopt;
    return read_report(r, 0);
}

std::vector<Report> PgStore::reports() {
    Conn c(*pool_);
    Result r = c.run(sql("SELECT ", kReportColumns).append("ORDER BY CASE status WHEN 'new' THEN 0 ELSE 1 END, created_at DESC, id DESC").c_str());
    std::vector<Report> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(read_report(r, i));
    return out;
}

bool PgStore::answer_report(int64_t id, const std::string& answer, const std::string& status, Millis now) {
    Conn c(*pool_);
    const int n = write(c, "UPDATE reports SET answer = $1, status = $2, updated_at = $3 WHERE id = $4 RETURNING 1", {answer, status, now, id});
    if (n == 1) note_change();
    return n == 1;
}

//-----------------------------------------------------------------------------
// [SECTION] Kiosks
//-----------------------------------------------------------------------------

// Not changes the live views wait on: a heartbeat every 3 minutes from every kiosk would
// wake every console.
void PgStore::kiosk_heartbeat(const std::string& id, const std::string& label, Millis now) {
    Conn c(*pool_);
    c.run(kKioskHeartbeat, {id, label, now, kMaxKiosks});
}

void PgStore::kiosk_request(const std::string& id, const std::string& label, Millis now, int64_t day) {
    Conn c(*pool_);
    c.run(kKioskRequest, {id, label, now, day, kMaxKiosks});
}

std::vector<KioskSeen> PgStore::kiosks(Millis heard_since) {
    Conn c(*pool_);
    Result r = c.run(kKioskList, {heard_since});
    std::vector<KioskSeen> out;
    for (int i = 0; i < r.rows(); ++i) {
        Row row{r, i};
        out.push_back(kiosk_from_row(row));
    }
    return out;
}

int PgStore::forget_kiosks(Millis heard_before) {
    Conn c(*pool_);
    return c.run(kKioskForget, {heard_before}).changed();
}

//-----------------------------------------------------------------------------
// [SECTION] Published content
//-----------------------------------------------------------------------------

int64_t PgStore::add_content_version(const ContentVersion& v, int64_t after_id) {
    Conn c(*pool_);
    Tx tx(c);
    if (after_id != kAnyVersion) {
        // Publishers wait for each other here (the lock conflicts with itself); readers do not.
        c.run("LOCK TABLE content_versions IN SHARE ROW EXCLUSIVE MODE");
        Result newest = c.run("SELECT COALESCE(MAX(id), 0) FROM content_versions");
        if (newest.rows() != 1 || newest.i64(0, 0) != after_id) return 0;
    }
    Result r = c.run("INSERT INTO content_versions (author, note, created_at, files) VALUES ($1, $2, $3, $4) RETURNING id",
                     {v.author, v.note, v.created_at, v.files});
    if (r.rows() != 1 || !tx.commit()) return 0;
    note_change();
    return r.i64(0, 0);
}

std::optional<ContentVersion> PgStore::content_version(int64_t id) {
    Conn c(*pool_);
    Result r = id > 0 ? c.run("SELECT id, author, note, created_at, files FROM content_versions WHERE id = $1", {id})
                      : c.run("SELECT id, author, note, created_at, files FROM content_versions ORDER BY id DESC LIMIT 1");
    if (r.rows() == 0) return std::nullopt;
    ContentVersion v{r.i64(0, 0), r.text(0, 1), r.text(0, 2), r.i64(0, 3), r.text(0, 4)};
    v.bytes = v.files.size();
    return v;
}

std::vector<ContentVersion> PgStore::content_versions(int limit) {
    Conn c(*pool_);
    Result r = c.run("SELECT id, author, note, created_at, octet_length(files) FROM content_versions ORDER BY id DESC LIMIT $1", {limit});
    std::vector<ContentVersion> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back({r.i64(i, 0), r.text(i, 1), r.text(i, 2), r.i64(i, 3), {}, size_t(r.i64(i, 4))});
    return out;
}

}  // namespace anxin::server
