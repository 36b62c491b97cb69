// Reports from the app that a guide step is wrong, does not match the user's phone,
// or does not work with a screen reader. Kept on the device first and sent when the
// server can be reached (each with its own idempotency key, so a retry is one
// report); the answers are fetched when the user looks at their reports.
#pragma once
#include <string>
#include <vector>

#include "core/help_request.h"
#include "core/platform.h"

namespace anxin {

struct SentReport {
    std::string key;          // idempotency key
    std::string guide;
    int step = 0;             // 1-based
    std::string kind;         // report_kind_name()
    std::string id;           // the server's id once it has it ("" = not sent yet)
    std::string status;       // "new", "answered", "fixed" ("" = not sent yet)
    std::string answer;
    bool hidden = false;      // a kiosk's earlier person sent it: still sent, never shown
};

class ReportClient {
public:
    static constexpr const char* kKey = "anxin.reports";
    static constexpr size_t kMaxKept = 20;

    ReportClient(Storage& storage, Network& network, Clock& clock);
    void send(const std::string& guide, int step, ReportKind kind);
    void refresh();  // ask the server for the answers (when the user opens their reports)
    // A kiosk's next person: forget the list; reports not yet sent are hidden and still sent.
    void clear();
    void tick();     // each frame
    std::vector<SentReport> reports() const;  // the ones this person may see, newest first
    bool sending() const;

private:
    void save();
    void next();

    Storage& storage_;
    Network& network_;
    Clock& clock_;
    std::vector<SentReport> reports_;
    int in_flight_ = 0;
    std::string in_flight_key_;   // the report the answer belongs to (the list may change meanwhile)
    bool in_flight_is_send_ = false;
    std::vector<size_t> to_refresh_;
    int failures_ = 0;
    double next_at_ = 0;
};

}  // namespace anxin
