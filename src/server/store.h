// The help desk's records: call-back requests, helpers and their sessions, and
// reports about guides. sqlite_store.h is the default (one file, no set-up);
// pg_store.h puts it on PostgreSQL for a city, with several server processes.
//
// Every method is one transaction: when it returns, the change is on disk.
#pragma once
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/help_request.h"

namespace anxin::server {

using Millis = int64_t;  // milliseconds since the Unix epoch

enum class RequestStatus { Waiting, Accepted, Calling, Done };
const char* status_name(RequestStatus s);  // "waiting", "accepted", "calling", "done"
bool status_from(const std::string& name, RequestStatus& out);

struct HelpRequest {
    int64_t id = 0;
    std::string public_id;          // what the app holds to read its request's status
    std::string idempotency_key;
    std::string phone;              // empty once personal data is deleted
    std::string context_json;
    RequestStatus status = RequestStatus::Waiting;
    int64_t helper_id = 0;          // who claimed it (0 = nobody)
    std::string helper_name;
    int64_t previous_helper_id = 0; // who helped this phone number last time (continuity)
    std::string previous_helper_name;
    Millis promised_at = 0;         // when we said we would call back by
    std::string outcome;
    bool escalated = false;         // overdue: offered to any free helper
    Millis created_at = 0, updated_at = 0, closed_at = 0;
    int priority = 0;               // senior +1, screen reader +1
};

struct Helper {
    int64_t id = 0;
    std::string username, display_name, role;  // role: "helper", "author" (a helper who also edits guides), "admin" or "volunteer"
    std::string password_hash;
    bool disabled = false;  // an admin stopped this account: it cannot log in and has no sessions
};

struct Session {
    int64_t helper_id = 0;
    std::string csrf;
    Millis expires_at = 0;
};

struct Report {
    int64_t id = 0;
    std::string public_id;
    std::string guide;
    int step = 0;
    std::string kind;     // report_kind_name()
    std::string text;
    std::string source;   // "user" or "helper"
    std::string status;   // "new", "answered", "fixed"
    std::string answer;
    std::string idempotency_key;  // from the app: sending it again returns the same report
    Millis created_at = 0, updated_at = 0;
};

// One published version of the guides (content_bundle.h): the bundle's "files" object as
// text, who published it and why. Versions are never changed; a rollback publishes an old
// version's files again as a new version.
struct ContentVersion {
    int64_t id = 0;
    std::string author;  // display name
    std::string note;    // "改了第 3 步的说法", "回到第 2 版"
    Millis created_at = 0;
    std::string files;   // empty in lists
    size_t bytes = 0;
};

// One line of the audit log: who looked at which phone number, who changed what.
struct AuditEntry {
    int64_t id = 0;
    Millis at = 0;
    int64_t helper_id = 0;
    std::string helper_name;  // display name
    std::string action;       // "看了号码", "停用了账号", …
    std::string subject;      // the phone number or the account's username
};

// A kiosk as the help desk last heard of it (see kiosks.h).
struct KioskSeen {
    std::string id;
    std::string label;      // the place ("西溪社区服务中心 1号机"), or the id when no place is set
    Millis last_seen = 0;   // its last heartbeat; 0 = only known from a request
    Millis last_heard = 0;  // a heartbeat or a request
    int requests_today = 0;
    int64_t day = -1;       // the day requests_today counts (the desk's local date)
};

struct CreateResult {
    HelpRequest request;
    bool created = false;  // false: the idempotency key was seen before; this is that request
};

// Thrown by a store whose database cannot be reached (a PostgreSQL server down or
// restarting). The API answers 503 with Retry-After: the change was not acknowledged,
// and the app's outbox sends it again.
struct StoreUnavailable : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// The queue's order for one helper: overdue promises first, then people who come back to this
// helper, then seniors and screen-reader users (priority), then the oldest. The stores' SQL
// (kQueueWhere in store_rows.h) picks the first ones in this same order.
bool queue_before(const HelpRequest& x, const HelpRequest& y, Millis now, int64_t helper_id);

class Store {
public:
    virtual ~Store() = default;

    // ---- Requests
    virtual CreateResult create_request(const HelpRequestBody& body, int priority, Millis now, Millis promise_ms) = 0;
    virtual std::optional<HelpRequest> request_by_public_id(const std::string& public_id) = 0;
    virtual std::optional<HelpRequest> request_by_id(int64_t id) = 0;
    // The queue as one helper sees it: the first `limit` open requests in queue order (see
    // queue_before), and every open request that helper has claimed, in no particular order.
    virtual std::vector<HelpRequest> open_requests(Millis now, int64_t helper_id, int limit) = 0;
    virtual std::vector<HelpRequest> history(int64_t helper_id, int limit) = 0;
    virtual int waiting_ahead(int64_t id) = 0;                     // open requests created before it
    virtual int open_count() = 0;                                  // requests not done
    // Claim: only if unclaimed, or overdue (escalated) — or by the same helper. The claimer
    // now sees the whole phone number: "看了号码" goes into the audit log in the same transaction.
    virtual bool claim(int64_t id, int64_t helper_id, Millis now) = 0;
    virtual bool set_promise(int64_t id, int64_t helper_id, Millis promised_at, Millis now) = 0;
    virtual bool set_status(int64_t id, int64_t helper_id, RequestStatus status, const std::string& outcome, Millis now) = 0;
    virtual int escalate_overdue(Millis now) = 0;                    // marks overdue open requests; returns how many
    // Clears phone, context and outcome of requests closed before then, and masks the phone
    // numbers in audit entries written before then; returns how many requests were cleared.
    virtual int delete_personal_data(Millis closed_before) = 0;

    // ---- Helpers and sessions
    virtual bool add_helper(const Helper& helper) = 0;               // false if the username is taken
    virtual std::optional<Helper> helper_by_username(const std::string& username) = 0;
    virtual std::optional<Helper> helper_by_id(int64_t id) = 0;
    virtual void add_session(const std::string& token_hash, const Session& session) = 0;
    virtual std::optional<Session> session(const std::string& token_hash, Millis now) = 0;
    virtual void remove_session(const std::string& token_hash) = 0;
    virtual int delete_expired_sessions(Millis now) = 0;             // returns how many
    virtual int active_helpers(Millis since) = 0;                    // helpers with a live session

    // ---- Accounts (admins, from the console)
    virtual std::vector<Helper> helpers() = 0;                       // every account, by username (password_hash left empty)
    // Ends that account's other sessions (all but keep_token_hash; "" = all). False if no such account.
    virtual bool set_password(int64_t helper_id, const std::string& password_hash, const std::string& keep_token_hash) = 0;
    // Disabling ends every session of that account in the same transaction. False if no such account.
    virtual bool set_disabled(int64_t helper_id, bool disabled) = 0;

    // ---- Audit log: who looked at which phone number, who changed what
    virtual void add_audit(int64_t helper_id, const std::string& action, const std::string& subject, Millis at) = 0;  // not a change live views wait on
    virtual std::vector<AuditEntry> audit_log(int limit) = 0;        // newest first, with the helper's display name

    // ---- A person's data, found and deleted on their request
    virtual std::vector<HelpRequest> requests_by_phone(const std::string& phone) = 0;  // newest first
    // Clears phone, context and outcome of every request with that number, and puts `masked`
    // ("138****8000") for the number in the audit log, in one transaction; returns how many requests.
    virtual int delete_person(const std::string& phone, const std::string& masked) = 0;

    // ---- Reports
    virtual Report add_report(const Report& report) = 0;
    virtual std::optional<Report> report_by_public_id(const std::string& public_id) = 0;
    virtual std::vector<Report> reports() = 0;
    virtual bool answer_report(int64_t id, const std::string& answer, const std::string& status, Millis now) = 0;

    // ---- Kiosks: kept here so that every process sees every kiosk. At most kMaxKiosks: a
    // flood of made-up ids cannot fill the table (kiosks already known still call in).
    static constexpr int kMaxKiosks = 5000;
    virtual void kiosk_heartbeat(const std::string& id, const std::string& label, Millis now) = 0;
    // A help request from the kiosk, on `day`: counted, and its place kept when it said one.
    virtual void kiosk_request(const std::string& id, const std::string& label, Millis now, int64_t day) = 0;
    virtual std::vector<KioskSeen> kiosks(Millis heard_since) = 0;  // by id
    virtual int forget_kiosks(Millis heard_before) = 0;

    // Published content, newest last. content_version(0) is the newest.
    // Returns its id, or 0 if not saved. With after_id ≥ 0 it is saved only if the newest version
    // is after_id (0: there is none yet), checked and saved at once over every process: two
    // publishing at the same moment from the same version cannot both succeed.
    static constexpr int64_t kAnyVersion = -1;
    virtual int64_t add_content_version(const ContentVersion& version, int64_t after_id) = 0;
    virtual std::optional<ContentVersion> content_version(int64_t id) = 0;
    virtual std::vector<ContentVersion> content_versions(int limit) = 0;       // newest first, without files

    // Bumped by every change: live views wait on it.
    virtual uint64_t version() = 0;
};

}  // namespace anxin::server
