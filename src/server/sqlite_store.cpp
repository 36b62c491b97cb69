// SQLite implementation of the help desk's Store. See sqlite_store.h.
//
// [SECTION] Statements and transactions
// [SECTION] Opening and migrations
// [SECTION] Requests
// [SECTION] Helpers and sessions
// [SECTION] Accounts and the audit log
// [SECTION] Reports
// [SECTION] Kiosks
// [SECTION] Published content

#include "server/sqlite_store.h"

#include <sqlite3.h>

#include <condition_variable>
#include <stdexcept>
#include <vector>

#include "server/secrets.h"
#include "server/store_rows.h"

namespace anxin::server {

//-----------------------------------------------------------------------------
// [SECTION] Statements and transactions
//-----------------------------------------------------------------------------

// A prepared statement: values are always bound, never spliced into SQL.
class Stmt {
public:
    Stmt(sqlite3* db, const char* sql) { sqlite3_prepare_v2(db, sql, -1, &s_, nullptr); }
    ~Stmt() { sqlite3_finalize(s_); }
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;

    Stmt& bind(int i, int64_t v) { sqlite3_bind_int64(s_, i, v); return *this; }
    Stmt& bind(int i, const std::string& v) { sqlite3_bind_text(s_, i, v.data(), int(v.size()), SQLITE_TRANSIENT); return *this; }
    bool step() { return sqlite3_step(s_) == SQLITE_ROW; }
    Stmt& reset() { sqlite3_reset(s_); sqlite3_clear_bindings(s_); return *this; }  // to run it again
    bool run() { const int rc = sqlite3_step(s_); return rc == SQLITE_DONE || rc == SQLITE_ROW; }
    int64_t i64(int col) { return sqlite3_column_int64(s_, col); }
    std::string text(int col) {
        const unsigned char* t = sqlite3_column_text(s_, col);
        return t ? reinterpret_cast<const char*>(t) : "";
    }

private:
    sqlite3_stmt* s_ = nullptr;
};

namespace {

// The shared SQL (store_rows.h) is written with PostgreSQL's $1; SQLite reads ?1 the same way.
std::string numbered(const char* pg_sql) {
    std::string s = pg_sql;
    for (char& ch : s) if (ch == '$') ch = '?';
    return s;
}

bool exec(sqlite3* db, const char* sql) { return sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK; }

// BEGIN IMMEDIATE ... COMMIT, rolled back unless commit() is reached.
class Transaction {
public:
    explicit Transaction(sqlite3* db) : db_(db), began_(exec(db_, "BEGIN IMMEDIATE")) {}
    ~Transaction() { if (began_ && !done_) exec(db_, "ROLLBACK"); }
    bool began() const { return began_; }  // false: busy past the timeout; nothing may be written
    bool commit() { done_ = began_ && exec(db_, "COMMIT"); return done_; }

private:
    sqlite3* db_;
    bool began_;
    bool done_ = false;
};

}  // namespace

// Read-only connections to the same file, up to kMax, opened when first needed. In WAL
// mode they read the last committed state while the writer commits.
class SqliteReaders {
public:
    explicit SqliteReaders(std::string path) : path_(std::move(path)) {}
    ~SqliteReaders() {
        for (sqlite3* db : idle_) sqlite3_close(db);
    }
    sqlite3* acquire() {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [&] { return !idle_.empty() || open_ < kMax; });
        if (!idle_.empty()) {
            sqlite3* db = idle_.back();
            idle_.pop_back();
            return db;
        }
        ++open_;
        lock.unlock();
        sqlite3* db = nullptr;
        if (sqlite3_open_v2(path_.c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
            const std::string why = db ? sqlite3_errmsg(db) : "out of memory";
            sqlite3_close(db);
            std::lock_guard<std::mutex> relock(mu_);
            --open_;
            cv_.notify_one();
            throw std::runtime_error("cannot open the database for reading: " + why);  // answered 500; never pooled
        }
        sqlite3_busy_timeout(db, 5000);
        return db;
    }
    void release(sqlite3* db) {
        std::lock_guard<std::mutex> lock(mu_);
        idle_.push_back(db);
        cv_.notify_one();
    }

private:
    static constexpr int kMax = 8;
    std::string path_;
    std::mutex mu_;
    std::condition_variable cv_;
    std::vector<sqlite3*> idle_;
    int open_ = 0;
};

namespace {

// One read-only connection for the length of a method.
class Reader {
public:
    explicit Reader(SqliteReaders& pool) : pool_(pool), db_(pool.acquire()) {}
    ~Reader() { pool_.release(db_); }
    Reader(const Reader&) = delete;
    sqlite3* db() { return db_; }

private:
    SqliteReaders& pool_;
    sqlite3* db_;
};

// Migrations, in order; each runs once, in a transaction with the version bump.
const char* const kMigrations[] = {
    // 1: requests, helpers, sessions, reports
    R"(CREATE TABLE helpers (
         id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE, display_name TEXT NOT NULL,
         role TEXT NOT NULL CHECK (role IN ('helper', 'admin')), password_hash TEXT NOT NULL, created_at INTEGER NOT NULL);
       CREATE TABLE sessions (
         token_hash TEXT PRIMARY KEY, helper_id INTEGER NOT NULL REFERENCES helpers(id),
         csrf TEXT NOT NULL, expires_at INTEGER NOT NULL);
       CREATE TABLE requests (
         id INTEGER PRIMARY KEY, public_id TEXT NOT NULL UNIQUE, idempotency_key TEXT NOT NULL UNIQUE,
         phone TEXT, context TEXT NOT NULL, priority INTEGER NOT NULL,
         status TEXT NOT NULL, helper_id INTEGER REFERENCES helpers(id), previous_helper_id INTEGER,
         promised_at INTEGER NOT NULL, outcome TEXT NOT NULL DEFAULT '', escalated INTEGER NOT NULL DEFAULT 0,
         created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, closed_at INTEGER NOT NULL DEFAULT 0);
       CREATE INDEX requests_open ON requests(status, created_at);
       CREATE INDEX requests_phone ON requests(phone);
       CREATE TABLE reports (
         id INTEGER PRIMARY KEY, public_id TEXT NOT NULL UNIQUE, guide TEXT NOT NULL, step INTEGER NOT NULL,
         kind TEXT NOT NULL, text TEXT NOT NULL, source TEXT NOT NULL, status TEXT NOT NULL,
         answer TEXT NOT NULL DEFAULT '', created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);)",
    // 2: a report sent twice (a retry after a lost answer) is one report
    R"(ALTER TABLE reports ADD COLUMN idempotency_key TEXT;
       CREATE UNIQUE INDEX reports_idempotency ON reports(idempotency_key);)",
    // 3: volunteers (they run workshop classes; they do not see the help desk's queue).
    // SQLite cannot change a CHECK: the table is rebuilt (foreign keys are off meanwhile).
    R"(CREATE TABLE helpers_new (
         id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE, display_name TEXT NOT NULL,
         role TEXT NOT NULL CHECK (role IN ('helper', 'admin', 'volunteer')), password_hash TEXT NOT NULL, created_at INTEGER NOT NULL);
       INSERT INTO helpers_new SELECT id, username, display_name, role, password_hash, created_at FROM helpers;
       DROP TABLE helpers;
       ALTER TABLE helpers_new RENAME TO helpers;)",
    // 4: authors (helpers who also fix guides) and published versions of the guides
    R"(CREATE TABLE helpers_new (
         id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE, display_name TEXT NOT NULL,
         role TEXT NOT NULL CHECK (role IN ('helper', 'admin', 'volunteer', 'author')), password_hash TEXT NOT NULL, created_at INTEGER NOT NULL);
       INSERT INTO helpers_new SELECT id, username, display_name, role, password_hash, created_at FROM helpers;
       DROP TABLE helpers;
       ALTER TABLE helpers_new RENAME TO helpers;
       CREATE TABLE IF NOT EXISTS content_versions (
         id INTEGER PRIMARY KEY, author TEXT NOT NULL, note TEXT NOT NULL, created_at INTEGER NOT NULL, files TEXT NOT NULL);)",
    // 5: accounts an admin stopped, and the audit log (who looked at which phone number, who changed what)
    R"(ALTER TABLE helpers ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
       CREATE TABLE IF NOT EXISTS audit_log (
         id INTEGER PRIMARY KEY, at INTEGER NOT NULL, helper_id INTEGER NOT NULL REFERENCES helpers(id),
         action TEXT NOT NULL, subject TEXT NOT NULL);
       CREATE INDEX IF NOT EXISTS audit_log_at ON audit_log(at);)",
    // 6: open requests, and a helper's closed ones, indexed apart: reading the queue or a status
    // costs the same with 100,000 closed requests in the file as with none
    R"(DROP INDEX IF EXISTS requests_open;
       CREATE INDEX IF NOT EXISTS requests_open_only ON requests(id) WHERE status != 'done';
       CREATE INDEX IF NOT EXISTS requests_helper_closed ON requests(helper_id, closed_at) WHERE status = 'done';
       CREATE INDEX IF NOT EXISTS requests_personal ON requests(closed_at) WHERE status = 'done' AND (phone IS NOT NULL OR context != '{}');)",
    // 7: kiosks, kept in the file (they were in memory, and came back only with their next heartbeat)
    R"(CREATE TABLE IF NOT EXISTS kiosks (
         id TEXT PRIMARY KEY, label TEXT NOT NULL, last_seen INTEGER NOT NULL, last_heard INTEGER NOT NULL,
         requests_today INTEGER NOT NULL, day INTEGER NOT NULL);
       CREATE INDEX IF NOT EXISTS kiosks_heard ON kiosks(last_heard);)",
};


}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Opening and migrations
//-----------------------------------------------------------------------------

std::unique_ptr<SqliteStore> SqliteStore::open(const std::string& path, std::string& error) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr) != SQLITE_OK) {
        error = "cannot open database " + path + ": " + (db ? sqlite3_errmsg(db) : "out of memory");
        sqlite3_close(db);
        return nullptr;
    }
    std::unique_ptr<SqliteStore> store(new SqliteStore(db, path));
    sqlite3_busy_timeout(db, 5000);
    if (!exec(db, "PRAGMA journal_mode=WAL") || !exec(db, "PRAGMA synchronous=FULL") || !exec(db, "PRAGMA foreign_keys=ON")) {
        error = std::string("cannot set up database ") + path + ": " + sqlite3_errmsg(db);
        return nullptr;
    }
    if (!store->migrate(error)) return nullptr;
    return store;
}

SqliteStore::SqliteStore(sqlite3* db, const std::string& path) : db_(db), readers_(std::make_unique<SqliteReaders>(path)) {}

SqliteStore::~SqliteStore() {
    readers_.reset();
    sqlite3_close(db_);
}

int SqliteStore::schema_version() {
    Stmt s(db_, "PRAGMA user_version");
    return s.step() ? int(s.i64(0)) : 0;
}

bool SqliteStore::migrate(std::string& error) {
    const int have = schema_version();
    const int want = int(std::size(kMigrations));
    if (have > want) {
        error = "the database is from a newer version (schema " + std::to_string(have) + "; this server knows " + std::to_string(want) + ")";
        return false;
    }
    // Foreign keys are off while tables are rebuilt (SQLite's own procedure), and checked after.
    if (have < want) exec(db_, "PRAGMA foreign_keys=OFF");
    for (int v = have; v < want; ++v) {
        Transaction tx(db_);
        if (!exec(db_, kMigrations[v]) || !exec(db_, ("PRAGMA user_version=" + std::to_string(v + 1)).c_str()) || !tx.commit()) {
            error = "migration " + std::to_string(v + 1) + " failed: " + sqlite3_errmsg(db_);
            exec(db_, "PRAGMA foreign_keys=ON");
            return false;
        }
    }
    Stmt broken(db_, "PRAGMA foreign_key_check");
    const bool fk_ok = !broken.step();
    exec(db_, "PRAGMA foreign_keys=ON");
    if (!fk_ok) {
        error = "the database's references are broken after migrating";
        return false;
    }
    return true;
}

bool SqliteStore::applied_one(Stmt& s) {
    if (!s.run() || sqlite3_changes(db_) != 1) return false;
    ++version_;
    return true;
}

int SqliteStore::applied_many(Stmt& s) {
    s.run();
    const int n = sqlite3_changes(db_);
    if (n > 0) ++version_;
    return n;
}

uint64_t SqliteStore::version() { return version_.load(); }

//-----------------------------------------------------------------------------
// [SECTION] Requests
//-----------------------------------------------------------------------------

// Requests from many apps at once share one commit, and so one fsync: the first caller
// to find no commit under way leads, taking every request waiting into one transaction.
// Each caller still returns only once its request is on disk.
struct SqliteStore::PendingCreate {
    const HelpRequestBody& body;
    int priority;
    Millis now, promise_ms;
    CreateResult result;
    bool done = false;
};

CreateResult SqliteStore::create_request(const HelpRequestBody& body, int priority, Millis now, Millis promise_ms) {
    PendingCreate me{body, priority, now, promise_ms};
    std::unique_lock<std::mutex> lock(batch_mu_);
    batch_.push_back(&me);
    while (!me.done) {
        if (batch_leading_) {
            batch_cv_.wait(lock);
            continue;
        }
        batch_leading_ = true;
        std::vector<PendingCreate*> batch;
        batch.swap(batch_);
        lock.unlock();
        std::exception_ptr failed;
        try {
            create_batch(batch);
        } catch (...) {  // nobody is left waiting: each gets "not saved", the leader the error
            for (PendingCreate* p : batch) p->result = CreateResult{};
            failed = std::current_exception();
        }
        lock.lock();
        batch_leading_ = false;
        for (PendingCreate* p : batch) p->done = true;
        batch_cv_.notify_all();
        if (failed) std::rethrow_exception(failed);
    }
    return me.result;
}

// One transaction for all of `batch`. A request whose key was seen (before, or earlier in
// this batch) is that request again; if the commit fails, none is acknowledged.
void SqliteStore::create_batch(const std::vector<PendingCreate*>& batch) {
    std::lock_guard<std::mutex> lock(mu_);
    Transaction tx(db_);
    if (!tx.began()) return;  // each is answered "not saved"; the app sends it again
    Stmt seen(db_, (std::string("SELECT ") + kRequestColumns + "WHERE r.idempotency_key = ?").c_str());
    Stmt last(db_, "SELECT helper_id FROM requests WHERE phone = ? AND helper_id IS NOT NULL ORDER BY id DESC LIMIT 1");
    Stmt ins(db_, "INSERT INTO requests (public_id, idempotency_key, phone, context, priority, status, previous_helper_id, "
                  "promised_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'waiting', NULLIF(?, 0), ?, ?, ?)");
    Stmt read(db_, (std::string("SELECT ") + kRequestColumns + "WHERE r.id = ?").c_str());
    bool any_new = false;
    for (PendingCreate* p : batch) {
        seen.reset().bind(1, p->body.idempotency_key);
        if (seen.step()) {
            p->result.request = request_from_row(seen);  // the same request sent again: nothing new
            continue;
        }
        int64_t previous = 0;
        last.reset().bind(1, p->body.phone);
        if (last.step()) previous = last.i64(0);
        ins.reset().bind(1, random_hex(16)).bind(2, p->body.idempotency_key).bind(3, p->body.phone);
        ins.bind(4, help_context_to_json(p->body.context)).bind(5, p->priority).bind(6, previous);
        ins.bind(7, p->now + p->promise_ms).bind(8, p->now).bind(9, p->now);
        if (!ins.run()) continue;
        read.reset().bind(1, sqlite3_last_insert_rowid(db_));
        if (read.step()) p->result.request = request_from_row(read);
        p->result.created = true;
        any_new = true;
    }
    if (!tx.commit()) {
        for (PendingCreate* p : batch) p->result = CreateResult{};
        return;
    }
    if (any_new) ++version_;
}

std::vector<HelpRequest> SqliteStore::query_requests(sqlite3* db, const char* where_sql, int64_t arg, int limit) {
    std::vector<HelpRequest> out;
    Stmt s(db, (std::string("SELECT ") + kRequestColumns + where_sql).c_str());
    if (std::string(where_sql).find('?') != std::string::npos) s.bind(1, arg);
    while (s.step() && int(out.size()) < limit) out.push_back(request_from_row(s));
    return out;
}

std::optional<HelpRequest> SqliteStore::request_by_public_id(const std::string& public_id) {
    Reader reader(*readers_);
    Stmt s(reader.db(), (std::string("SELECT ") + kRequestColumns + "WHERE r.public_id = ?").c_str());
    s.bind(1, public_id);
    if (!s.step()) return std::nullopt;
    return request_from_row(s);
}

std::optional<HelpRequest> SqliteStore::request_by_id(int64_t id) {
    Reader reader(*readers_);
    auto list = query_requests(reader.db(), "WHERE r.id = ?", id, 1);
    if (list.empty()) return std::nullopt;
    return list[0];
}

std::vector<HelpRequest> SqliteStore::open_requests(Millis now, int64_t helper_id, int limit) {
    Reader reader(*readers_);
    std::vector<HelpRequest> out;
    Stmt s(reader.db(), (std::string("SELECT ") + kRequestColumns + numbered(kQueueWhere)).c_str());
    s.bind(1, now).bind(2, helper_id).bind(3, int64_t(limit));
    while (s.step()) out.push_back(request_from_row(s));
    return out;
}

std::vector<HelpRequest> SqliteStore::history(int64_t helper_id, int limit) {
    Reader reader(*readers_);
    return query_requests(reader.db(), "WHERE r.helper_id = ? AND r.status = 'done' ORDER BY r.closed_at DESC", helper_id, limit);
}

int SqliteStore::waiting_ahead(int64_t id) {
    Reader reader(*readers_);
    Stmt s(reader.db(), "SELECT COUNT(*) FROM requests WHERE status != 'done' AND id < ?");
    s.bind(1, id);
    return s.step() ? int(s.i64(0)) : 0;
}

int SqliteStore::open_count() {
    Reader reader(*readers_);
    Stmt s(reader.db(), "SELECT COUNT(*) FROM requests WHERE status != 'done'");
    return s.step() ? int(s.i64(0)) : 0;
}

bool SqliteStore::claim(int64_t id, int64_t helper_id, Millis now) {
    std::lock_guard<std::mutex> lock(mu_);
    Transaction tx(db_);
    Stmt s(db_, "UPDATE requests SET helper_id = ?, status = CASE WHEN status = 'waiting' THEN 'accepted' ELSE status END, "
                "escalated = 0, updated_at = ? WHERE id = ? AND status != 'done' AND (helper_id IS NULL OR helper_id = ? OR escalated = 1)");
    s.bind(1, helper_id).bind(2, now).bind(3, id).bind(4, helper_id);
    if (!s.run() || sqlite3_changes(db_) != 1) return false;
    Stmt seen(db_, "INSERT INTO audit_log (at, helper_id, action, subject) SELECT ?, ?, '看了号码', phone FROM requests "
                   "WHERE id = ? AND phone IS NOT NULL AND phone != ''");  // the claimer now sees the whole number
    seen.bind(1, now).bind(2, helper_id).bind(3, id);
    if (!seen.run() || !tx.commit()) return false;
    ++version_;
    return true;
}

bool SqliteStore::set_promise(int64_t id, int64_t helper_id, Millis promised_at, Millis now) {
    std::lock_guard<std::mutex> lock(mu_);
    Stmt s(db_, "UPDATE requests SET promised_at = ?, escalated = 0, updated_at = ? WHERE id = ? AND helper_id = ? AND status != 'done'");
    s.bind(1, promised_at).bind(2, now).bind(3, id).bind(4, helper_id);
    return applied_one(s);
}

bool SqliteStore::set_status(int64_t id, int64_t helper_id, RequestStatus status, const std::string& outcome, Millis now) {
    std::lock_guard<std::mutex> lock(mu_);
    Stmt s(db_, "UPDATE requests SET status = ?, outcome = ?, updated_at = ?, closed_at = ? WHERE id = ? AND helper_id = ? AND status != 'done'");
    s.bind(1, std::string(status_name(status))).bind(2, outcome).bind(3, now).bind(4, status == RequestStatus::Done ? now : 0);
    s.bind(5, id).bind(6, helper_id);
    return applied_one(s);
}

int SqliteStore::escalate_overdue(Millis now) {
    std::lock_guard<std::mutex> lock(mu_);
    Stmt s(db_, "UPDATE requests SET escalated = 1 WHERE status != 'done' AND escalated = 0 AND promised_at < ?");
    s.bind(1, now);
    return applied_many(s);
}

int SqliteStore::delete_personal_data(Millis closed_before) {
    std::lock_guard<std::mutex> lock(mu_);
    Stmt s(db_, "UPDATE requests SET phone = NULL, context = '{}', outcome = '' "
                "WHERE status = 'done' AND closed_at < ? AND (phone IS NOT NULL OR context != '{}')");
    s.bind(1, closed_before);
    const int n = applied_many(s);
    // The audit log keeps who looked, not the number: masked as masked_phone does (138****8000).
    Stmt audit(db_, "UPDATE audit_log SET subject = CASE WHEN length(subject) >= 11 THEN substr(subject, 1, 3) || '****' || substr(subject, -4) "
                    "ELSE substr('**************', 1, length(subject) - 2) || substr(subject, -2) END "
                    "WHERE at < ? AND action IN ('看了号码', '查了号码') AND instr(subject, '*') = 0");
    audit.bind(1, closed_before);
    audit.run();
    return n;
}

//-----------------------------------------------------------------------------
// [SECTION] Helpers and sessions
//-----------------------------------------------------------------------------

bool SqliteStore::add_helper(const Helper& h) {
    std::lock_guard<std::mutex> lock(mu_);
    Stmt s(db_, "INSERT INTO helpers (username, display_name, role, password_hash, created_at) VALUES (?, ?, ?, ?, strftime('%s','now'))");
    s.bind(1, h.username).bind(2, h.display_name).bind(3, h.role).bind(4, h.password_hash);
    return s.run() && sqlite3_changes(db_) == 1;
}

namespace {
std::optional<Helper> read_helper(Stmt& s) {
    if (!s.step()) return std::nullopt;
    return helper_from_row(s);
}
}  // namespace

std::optional<Helper> SqliteStore::helper_by_username(const std::string& username) {
    Reader reader(*readers_);
    Stmt s(reader.db(), (std::string("SELECT ") + kHelperColumns + "WHERE username = ?").c_str());
    s.bind(1, username);
    return read_helper(s);
}

std::optional<Helper> SqliteStore::helper_by_id(int64_t id) {
    Reader reader(*readers_);
    Stmt s(reader.db(), (std::string("SELECT ") + kHelperColumns + "WHERE id = ?").c_str());
    s.bind(1, id);
    return read_helper(s);
}

void SqliteStore::add_session(const std::string& token_hash, const Session& session) {
    std::lock_guard<std::mutex> lock(mu_);
    Stmt s(db_, "INSERT INTO sessions (token_hash, helper_id, csrf, expires_at) VALUES (?, ?, ?, ?)");
    s.bind(1, token_hash).bind(2, session.helper_id).bind(3, session.csrf).bind(4, session.expires_at);
    s.run();
}

std::optional<Session> SqliteStore::session(const std::string& token_hash, Millis now) {
    Reader reader(*readers_);
    Stmt s(reader.db(), "SELECT s.helper_id, s.csrf, s.expires_at FROM sessions s JOIN helpers h ON h.id = s.helper_id "
                            "WHERE s.token_hash = ? AND s.expires_at > ? AND h.disabled = 0");
    s.bind(1, token_hash).bind(2, now);
    if (!s.step()) return std::nullopt;
    return Session{s.i64(0), s.text(1), s.i64(2)};
}

void SqliteStore::remove_session(const std::string& token_hash) {
    std::lock_guard<std::mutex> lock(mu_);
    Stmt s(db_, "DELETE FROM sessions WHERE token_hash = ?");
    s.bind(1, token_hash);
    s.run();
}

int SqliteStore::delete_expired_sessions(Millis now) {
    std::lock_guard<std::mutex> lock(mu_);
    Stmt s(db_, "DELETE FROM sessions WHERE expires_at <= ?");
    s.bind(1, now);
    s.run();
    return sqlite3_changes(db_);
}

int SqliteStore::active_helpers(Millis since) {
    Reader reader(*readers_);
    Stmt s(reader.db(), "SELECT COUNT(DISTINCT helper_id) FROM sessions WHERE expires_at > ?");
    s.bind(1, since);
    return s.step() ? int(s.i64(0)) : 0;
}

//-----------------------------------------------------------------------------
// [SECTION] Accounts and the audit log
//-----------------------------------------------------------------------------

std::vector<Helper> SqliteStore::helpers() {
    Reader reader(*readers_);
    std::vector<Helper> out;
    Stmt s(reader.db(), (std::string("SELECT ") + kHelperListColumns + "ORDER BY username").c_str());
    while (auto h = read_helper(s)) out.push_back(*h);
    return out;
}

bool SqliteStore::set_password(int64_t helper_id, const std::string& password_hash, const std::string& keep_token_hash) {
    std::lock_guard<std::mutex> lock(mu_);
    Transaction tx(db_);
    Stmt s(db_, "UPDATE helpers SET password_hash = ? WHERE id = ?");
    s.bind(1, password_hash).bind(2, helper_id);
    if (!s.run() || sqlite3_changes(db_) != 1) return false;
    Stmt end(db_, "DELETE FROM sessions WHERE helper_id = ? AND token_hash != ?");
    end.bind(1, helper_id).bind(2, keep_token_hash);
    if (!end.run() || !tx.commit()) return false;
    ++version_;
    return true;
}

bool SqliteStore::set_disabled(int64_t helper_id, bool disabled) {
    std::lock_guard<std::mutex> lock(mu_);
    Transaction tx(db_);
    Stmt s(db_, "UPDATE helpers SET disabled = ? WHERE id = ?");
    s.bind(1, int64_t(disabled ? 1 : 0)).bind(2, helper_id);
    if (!s.run() || sqlite3_changes(db_) != 1) return false;
    if (disabled) {
        Stmt end(db_, "DELETE FROM sessions WHERE helper_id = ?");
        end.bind(1, helper_id);
        if (!end.run()) return false;
    }
    if (!tx.commit()) return false;
    ++version_;
    return true;
}

// Not a change the live views wait on: a console that looks something up must not wake every console.
void SqliteStore::add_audit(int64_t helper_id, const std::string& action, const std::string& subject, Millis at) {
    std::lock_guard<std::mutex> lock(mu_);
    Stmt s(db_, "INSERT INTO audit_log (at, helper_id, action, subject) VALUES (?, ?, ?, ?)");
    s.bind(1, at).bind(2, helper_id).bind(3, action).bind(4, subject);
    s.run();
}

std::vector<AuditEntry> SqliteStore::audit_log(int limit) {
    Reader reader(*readers_);
    std::vector<AuditEntry> out;
    Stmt s(reader.db(), "SELECT a.id, a.at, a.helper_id, COALESCE(h.display_name, ''), a.action, a.subject "
                "FROM audit_log a LEFT JOIN helpers h ON h.id = a.helper_id ORDER BY a.at DESC, a.id DESC LIMIT ?");
    s.bind(1, int64_t(limit));
    while (s.step()) out.push_back({s.i64(0), s.i64(1), s.i64(2), s.text(3), s.text(4), s.text(5)});
    return out;
}

std::vector<HelpRequest> SqliteStore::requests_by_phone(const std::string& phone) {
    Reader reader(*readers_);
    std::vector<HelpRequest> out;
    Stmt s(reader.db(), (std::string("SELECT ") + kRequestColumns + "WHERE r.phone = ? ORDER BY r.created_at DESC, r.id DESC").c_str());
    s.bind(1, phone);
    while (s.step()) out.push_back(request_from_row(s));
    return out;
}

int SqliteStore::delete_person(const std::string& phone, const std::string& masked) {
    std::lock_guard<std::mutex> lock(mu_);
    Transaction tx(db_);
    Stmt s(db_, "UPDATE requests SET phone = NULL, context = '{}', outcome = '' WHERE phone = ?");
    s.bind(1, phone);
    if (!s.run()) return 0;
    const int n = sqlite3_changes(db_);
    Stmt log(db_, "UPDATE audit_log SET subject = ? WHERE subject = ? AND action IN ('看了号码', '查了号码')");
    log.bind(1, masked).bind(2, phone);
    if (!log.run() || !tx.commit()) return 0;
    if (n > 0) ++version_;
    return n;
}

//-----------------------------------------------------------------------------
// [SECTION] Reports
//-----------------------------------------------------------------------------

Report SqliteStore::add_report(const Report& r) {
    std::lock_guard<std::mutex> lock(mu_);
    if (!r.idempotency_key.empty()) {
        Stmt seen(db_, (std::string("SELECT ") + kReportColumns + "WHERE idempotency_key = ?").c_str());
        seen.bind(1, r.idempotency_key);
        if (seen.step()) return report_from_row(seen);
    }
    Report out = r;
    out.public_id = random_hex(16);
    out.status = "new";
    Stmt s(db_, "INSERT INTO reports (public_id, guide, step, kind, text, source, status, created_at, updated_at, idempotency_key) "
                "VALUES (?, ?, ?, ?, ?, ?, 'new', ?, ?, NULLIF(?, ''))");
    s.bind(1, out.public_id).bind(2, r.guide).bind(3, r.step).bind(4, r.kind).bind(5, r.text).bind(6, r.source);
    s.bind(7, r.created_at).bind(8, r.created_at).bind(9, r.idempotency_key);
    if (!s.run()) return Report{};
    out.id = sqlite3_last_insert_rowid(db_);
    ++version_;
    return out;
}

std::optional<Report> SqliteStore::report_by_public_id(const std::string& public_id) {
    Reader reader(*readers_);
    Stmt s(reader.db(), (std::string("SELECT ") + kReportColumns + "WHERE public_id = ?").c_str());
    s.bind(1, public_id);
    if (!s.step()) return std::nullopt;
    return report_from_row(s);
}

std::vector<Report> SqliteStore::reports() {
    Reader reader(*readers_);
    std::vector<Report> out;
    Stmt s(reader.db(), (std::string("SELECT ") + kReportColumns + "ORDER BY CASE status WHEN 'new' THEN 0 ELSE 1 END, created_at DESC").c_str());
    while (s.step()) out.push_back(report_from_row(s));
    return out;
}

bool SqliteStore::answer_report(int64_t id, const std::string& answer, const std::string& status, Millis now) {
    std::lock_guard<std::mutex> lock(mu_);
    Stmt s(db_, "UPDATE reports SET answer = ?, status = ?, updated_at = ? WHERE id = ?");
    s.bind(1, answer).bind(2, status).bind(3, now).bind(4, id);
    return applied_one(s);
}

//-----------------------------------------------------------------------------
// [SECTION] Kiosks
//-----------------------------------------------------------------------------

// Not changes the live views wait on (a heartbeat every 3 minutes from every kiosk).
void SqliteStore::kiosk_heartbeat(const std::string& id, const std::string& label, Millis now) {
    std::lock_guard<std::mutex> lock(mu_);
    Stmt s(db_, numbered(kKioskHeartbeat).c_str());
    s.bind(1, id).bind(2, label).bind(3, now).bind(4, int64_t(kMaxKiosks));
    s.run();
}

void SqliteStore::kiosk_request(const std::string& id, const std::string& label, Millis now, int64_t day) {
    std::lock_guard<std::mutex> lock(mu_);
    Stmt s(db_, numbered(kKioskRequest).c_str());
    s.bind(1, id).bind(2, label).bind(3, now).bind(4, day).bind(5, int64_t(kMaxKiosks));
    s.run();
}

std::vector<KioskSeen> SqliteStore::kiosks(Millis heard_since) {
    Reader reader(*readers_);
    Stmt s(reader.db(), numbered(kKioskList).c_str());
    s.bind(1, heard_since);
    std::vector<KioskSeen> out;
    while (s.step()) out.push_back(kiosk_from_row(s));
    return out;
}

int SqliteStore::forget_kiosks(Millis heard_before) {
    std::lock_guard<std::mutex> lock(mu_);
    Stmt s(db_, numbered(kKioskForget).c_str());
    s.bind(1, heard_before);
    s.run();
    return sqlite3_changes(db_);
}

//-----------------------------------------------------------------------------
// [SECTION] Published content
//-----------------------------------------------------------------------------

int64_t SqliteStore::add_content_version(const ContentVersion& v, int64_t after_id) {
    std::lock_guard<std::mutex> lock(mu_);
    Transaction tx(db_);  // BEGIN IMMEDIATE: another process on the file waits for the check and the insert
    if (after_id != kAnyVersion) {
        Stmt newest(db_, "SELECT COALESCE(MAX(id), 0) FROM content_versions");
        if (!newest.step() || newest.i64(0) != after_id) return 0;
    }
    Stmt s(db_, "INSERT INTO content_versions (author, note, created_at, files) VALUES (?, ?, ?, ?)");
    s.bind(1, v.author).bind(2, v.note).bind(3, v.created_at).bind(4, v.files);
    if (!s.run()) return 0;
    const int64_t id = sqlite3_last_insert_rowid(db_);
    if (!tx.commit()) return 0;
    ++version_;
    return id;
}

std::optional<ContentVersion> SqliteStore::content_version(int64_t id) {
    Reader reader(*readers_);
    Stmt s(reader.db(), id > 0 ? "SELECT id, author, note, created_at, files FROM content_versions WHERE id = ?"
                       : "SELECT id, author, note, created_at, files FROM content_versions ORDER BY id DESC LIMIT 1");
    if (id > 0) s.bind(1, id);
    if (!s.step()) return std::nullopt;
    ContentVersion v{s.i64(0), s.text(1), s.text(2), s.i64(3), s.text(4)};
    v.bytes = v.files.size();
    return v;
}

std::vector<ContentVersion> SqliteStore::content_versions(int limit) {
    Reader reader(*readers_);
    std::vector<ContentVersion> out;
    Stmt s(reader.db(), "SELECT id, author, note, created_at, length(CAST(files AS BLOB)) FROM content_versions ORDER BY id DESC LIMIT ?");
    s.bind(1, int64_t(limit));
    while (s.step()) out.push_back({s.i64(0), s.text(1), s.text(2), s.i64(3), {}, size_t(s.i64(4))});
    return out;
}

}  // namespace anxin::server
