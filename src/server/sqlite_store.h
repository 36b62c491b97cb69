// The default Store: one SQLite file in WAL mode. Every change is one
// transaction, committed with synchronous=FULL before the caller is answered,
// so a request the server acknowledged survives a crash (kill -9) at any moment.
// Changes go through one connection, one at a time, and call-back requests that
// arrive together share one commit; reads use read-only connections of their
// own, so a status check never waits for a change's fsync.
// Schema migrations are numbered and applied in order at open.
#pragma once
#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "server/store.h"

struct sqlite3;

namespace anxin::server {

class Stmt;
class SqliteReaders;

class SqliteStore : public Store {
public:
    // Opens (creating if needed) and migrates. On failure, `error` says why and the store is unusable.
    static std::unique_ptr<SqliteStore> open(const std::string& path, std::string& error);
    ~SqliteStore() override;
    int schema_version();

    CreateResult create_request(const HelpRequestBody& body, int priority, Millis now, Millis promise_ms) override;
    std::optional<HelpRequest> request_by_public_id(const std::string& public_id) override;
    std::optional<HelpRequest> request_by_id(int64_t id) override;
    std::vector<HelpRequest> open_requests(Millis now, int64_t helper_id, int limit) override;
    std::vector<HelpRequest> history(int64_t helper_id, int limit) override;
    int waiting_ahead(int64_t id) override;
    int open_count() override;
    bool claim(int64_t id, int64_t helper_id, Millis now) override;
    bool set_promise(int64_t id, int64_t helper_id, Millis promised_at, Millis now) override;
    bool set_status(int64_t id, int64_t helper_id, RequestStatus status, const std::string& outcome, Millis now) override;
    int escalate_overdue(Millis now) override;
    int delete_personal_data(Millis closed_before) override;

    bool add_helper(const Helper& helper) override;
    std::optional<Helper> helper_by_username(const std::string& username) override;
    std::optional<Helper> helper_by_id(int64_t id) override;
    void add_session(const std::string& token_hash, const Session& session) override;
    std::optional<Session> session(const std::string& token_hash, Millis now) override;
    void remove_session(const std::string& token_hash) override;
    int delete_expired_sessions(Millis now) override;
    int active_helpers(Millis since) override;

    std::vector<Helper> helpers() override;
    bool set_password(int64_t helper_id, const std::string& password_hash, const std::string& keep_token_hash) override;
    bool set_disabled(int64_t helper_id, bool disabled) override;
    void add_audit(int64_t helper_id, const std::string& action, const std::string& subject, Millis at) override;
    std::vector<AuditEntry> audit_log(int limit) override;
    std::vector<HelpRequest> requests_by_phone(const std::string& phone) override;
    int delete_person(const std::string& phone, const std::string& masked) override;

    Report add_report(const Report& report) override;
    std::optional<Report> report_by_public_id(const std::string& public_id) override;
    std::vector<Report> reports() override;
    bool answer_report(int64_t id, const std::string& answer, const std::string& status, Millis now) override;

    void kiosk_heartbeat(const std::string& id, const std::string& label, Millis now) override;
    void kiosk_request(const std::string& id, const std::string& label, Millis now, int64_t day) override;
    std::vector<KioskSeen> kiosks(Millis heard_since) override;
    int forget_kiosks(Millis heard_before) override;

    int64_t add_content_version(const ContentVersion& version, int64_t after_id) override;
    std::optional<ContentVersion> content_version(int64_t id) override;
    std::vector<ContentVersion> content_versions(int limit) override;

    uint64_t version() override;

private:
    struct PendingCreate;
    SqliteStore(sqlite3* db, const std::string& path);
    void create_batch(const std::vector<PendingCreate*>& batch);
    bool migrate(std::string& error);
    std::vector<HelpRequest> query_requests(sqlite3* db, const char* where_sql, int64_t arg, int limit);
    bool applied_one(Stmt& s);   // ran and changed exactly one row (then: a new version)
    int applied_many(Stmt& s);   // ran; how many rows changed

    sqlite3* db_;                             // the one connection that writes
    std::mutex mu_;                           // guards db_: SQLite serialises writers anyway
    std::unique_ptr<SqliteReaders> readers_;  // read-only connections, opened as needed
    std::atomic<uint64_t> version_{0};
    // Creates waiting for the next commit (group commit; see create_request).
    std::mutex batch_mu_;
    std::condition_variable batch_cv_;
    std::vector<PendingCreate*> batch_;
    bool batch_leading_ = false;
};

}  // namespace anxin::server
