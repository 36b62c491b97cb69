// The app's side of a workshop class (server/classes.h). A senior joins with the
// 6-digit code and an optional nickname; the app then keeps one waiting call open
// ("tell me when the teacher's step changes"), so a step change arrives in one round
// trip; it sends its own progress (step, practice misses, finished, following) and a
// raised hand. The projector's presenter view uses the same client, addressed by the
// class's secret id, and moves the class on.
//
// A network drop keeps the step and the class: the call is made again, waiting longer
// each time, and the screen says it is reconnecting. The member token is kept on the
// device, so a reload rejoins the same class.
#pragma once
#include <string>

#include "core/platform.h"

namespace anxin {

enum class ClassPhase {
    None,     // not in a class
    Joining,  // the code was sent
    In,       // following the class
    Ended,    // the volunteer ended it (or it is gone)
    Refused,  // the code was wrong, the class ended or is full: see `error`
};

struct ClassStatus {
    ClassPhase phase = ClassPhase::None;
    bool presenter = false;     // the projector, not a member
    std::string guide;          // the class's guide
    std::string volunteer;      // "李老师"
    std::string code;           // presenter only: shown on the projector
    int step = 0;               // the class's current step (0-based)
    int steps = 0;
    bool hand_up = false;
    bool offline = false;       // the last call did not reach the server: reconnecting
    std::string error;          // why joining failed: "no_code", "ended", "full", "busy", "offline", "nickname"
    bool operator==(const ClassStatus& o) const;
    bool operator!=(const ClassStatus& o) const { return !(*this == o); }
};

class ClassClient {
public:
    static constexpr const char* kKey = "anxin.class";  // the member token, for a reload

    ClassClient(Storage& storage, Network& network, Clock& clock);
    void join(const std::string& code, const std::string& nickname);
    void present(const std::string& class_id);  // the projector
    void leave();                                // the senior leaves (or a kiosk wipes)
    void forget();                               // after "课堂结束了" was seen, or a refusal
    void raise_hand(bool up);
    // The senior's own place, for the volunteer's dashboard; sent when it changes.
    void report(int step, int misses, bool finished, bool following);
    void set_step(int step);                     // presenter: move the class
    void tick();                                 // each frame
    const ClassStatus& status() const { return status_; }
    bool active() const { return status_.phase == ClassPhase::In || status_.phase == ClassPhase::Joining; }
    int round_trips() const { return round_trips_; }  // tests: how many waiting calls answered

private:
    void follow();
    void on_follow(const HttpResponse& r);
    bool read_view(const std::string& body);
    std::string base() const;
    void save();

    Storage& storage_;
    Network& network_;
    Clock& clock_;
    ClassStatus status_;
    std::string token_;          // member token, or the class id for the presenter
    unsigned long long version_ = 0;
    int join_call_ = 0, follow_call_ = 0, progress_call_ = 0, hand_call_ = 0, step_call_ = 0;
    int failures_ = 0;
    double next_follow_ = 0;
    double follow_started_ = 0;    // when the waiting call went out (a quick answer with no news: wait a little)
    double next_progress_ = 0;     // a report that failed is sent again from then
    bool hand_before_ = false;     // what the hand was before the last 举手/放下手, if the server never hears it
    bool step_ignored_ = false;    // the projector's own move was on its way: that answer's step and version not taken
    std::string sent_progress_, wanted_progress_;  // JSON bodies: the last sent, the latest wanted
    int round_trips_ = 0;
};

}  // namespace anxin
