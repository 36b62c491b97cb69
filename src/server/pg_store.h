// The Store on PostgreSQL, for a city's help desk: several anxin_server processes
// share one database (anxin_server --db postgresql://user@host:port/db).
//
// - Every change is one transaction, committed before the caller is answered. Within
//   20 ms a NOTIFY 'anxin_changes' follows (one for all changes of those 20 ms). Every
//   process LISTENs, so a helper's live queue on any process sees a request created
//   through any other.
// - Claiming is one conditional UPDATE: PostgreSQL locks the row and re-checks the
//   condition, so of two helpers claiming at once on two processes exactly one wins.
// - A pool of connections serves requests in parallel (PostgreSQL commits them in groups).
// - If the database cannot be reached, a method throws StoreUnavailable (the API
//   answers 503 with Retry-After) and the next call connects again.
// Schema migrations are numbered and applied in order at open, one process at a time.
#pragma once
#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "server/store.h"

namespace anxin::server {

class PgPool;

class PgStore : public Store {
public:
    // Connects and migrates. On failure, `error` says why.
    static std::unique_ptr<PgStore> open(const std::string& url, std::string& error, int pool_size = 20);
    ~PgStore() override;
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

    uint64_t version() override { return version_.load(); }

private:
    PgStore(const std::string& url, int pool_size);
    bool migrate(std::string& error);
    void listen_for_changes();    // the listener thread: NOTIFYs from every process bump version_
    void note_change();           // bumps version_ and asks the teller to tell the others
    void tell_other_processes();  // the teller thread: NOTIFYs, at most one per 20 ms

    std::unique_ptr<PgPool> pool_;
    std::string url_;
    std::atomic<uint64_t> version_{0};
    std::atomic<bool> stopping_{false};
    std::thread listener_;
    std::mutex tell_mu_;  // guards tell_pending_
    std::condition_variable tell_cv_;
    bool tell_pending_ = false;
    std::thread teller_;
};

}  // namespace anxin::server
