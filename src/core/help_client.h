// The app's side of "请人给我回电": a call-back request is first written to the
// device's storage (the outbox), then sent; sent again with backoff while the
// network or server is down (the same idempotency key, so the server keeps it
// once); and once acknowledged, its status is checked every so often so the
// screen can keep its promise honestly. Nothing is lost across reloads.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/help_request.h"
#include "core/platform.h"

namespace anxin {

enum class HelpPhase {
    None,      // nothing asked
    Sending,   // kept on the device, not yet acknowledged by the server
    Waiting,   // the server has it; nobody has picked it up yet
    Accepted,  // a named helper has it
    Calling,   // the helper is calling now
    Done,      // finished
    Refused,   // the server said the request is wrong (e.g. a bad number): it will not be sent again
    Lost,      // the server no longer knows it (e.g. its data was reset)
};

struct HelpStatus {
    HelpPhase phase = HelpPhase::None;
    std::string helper;          // who is helping, once someone is
    int promise_minutes = 0;     // "大约 N 分钟内回电"
    int promise_clock = -1;      // the same promise as a time of day, in minutes after midnight ("15:40 前"); -1 = none
    int position = 0;            // waiting: place in the queue (1 = next)
    bool overdue = false;        // the promised time has passed: apologise, it was escalated
    bool offline = false;        // the last try did not reach the server
    int attempts = 0;            // tries to send so far
    std::string error;           // why the server refused it
    std::string phone;           // the number to be called back
    bool operator==(const HelpStatus& o) const;
    bool operator!=(const HelpStatus& o) const { return !(*this == o); }
};

class HelpClient {
public:
    static constexpr const char* kKey = "anxin.help";
    static constexpr double kPollMs = 10000;     // status check while someone is waiting

    HelpClient(Storage& storage, Network& network, Clock& clock);  // picks up what was kept
    void send(const HelpRequestBody& body);  // kept at once, sent as soon as possible
    void tick();                             // each frame: collect answers, retry, check status
    void forget();                           // the user is done with it
    // A kiosk's next person must not see this request: one still unsent moves to a queue of its
    // own and is sent in the background (nothing lost, never shown); one the server already has
    // is forgotten now. The screen is then free for the next person's own request.
    void set_aside();
    size_t set_aside_count() const { return aside_.size(); }
    const HelpStatus& status() const { return status_; }
    // "15:40": a time of day given in minutes after midnight.
    static std::string clock_text(int minute_of_day);
    bool active() const { return status_.phase != HelpPhase::None; }
    static constexpr size_t kMaxSetAside = 20;  // bounds storage; a kiosk offline for days

private:
    void save();
    void load();
    void start_send();
    void start_poll();
    void on_send_answer(const HttpResponse& r);
    void on_poll_answer(const HttpResponse& r);
    void tick_set_aside();
    bool read_public_status(const std::string& body);

    Storage& storage_;
    Network& network_;
    Clock& clock_;
    HelpStatus status_;
    std::string body_json_;     // the request as sent (kept until acknowledged)
    std::string public_id_;     // once acknowledged
    int in_flight_ = 0;         // network request id, 0 = none
    bool in_flight_is_send_ = false;
    double next_at_ = 0;        // when to try or check next
    // Set aside (kiosk): requests sent in the background, oldest first, never shown.
    std::vector<std::string> aside_;
    int aside_in_flight_ = 0;
    int aside_attempts_ = 0;
    double aside_next_at_ = 0;
};

}  // namespace anxin
