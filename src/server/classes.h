// Workshop classes: a volunteer teaches one guide to a room of seniors, each on
// their own phone. The volunteer starts a class in the console and gets a 6-digit
// code; the presenter view (the app on the projector) and each senior's app follow
// the class's current step; seniors may raise a hand, and the volunteer's dashboard
// shows each one's step, practice misses and who finished.
//
// Kept in memory only: nicknames, never phone numbers; a class ends when the
// volunteer ends it (or after 4 hours), and everything about it is deleted a day
// after it ended. Waiting calls ("tell me when the step changes") return as soon as
// something changes, so a step change reaches the room in one round trip.
#pragma once
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "server/store.h"

namespace anxin::server {

struct ClassLimits {
    Millis max_live = 4LL * 60 * 60 * 1000;        // a class nobody ended ends by itself
    Millis keep_after_end = 24LL * 60 * 60 * 1000; // then everything about it is deleted
    size_t max_classes = 200;                      // live at once, over the server
    size_t max_per_volunteer = 5;                  // live at once, per volunteer
    size_t max_kept = 1000;                        // live and ended; beyond it the oldest ended go early
    size_t max_participants = 80;                  // per class (a room of 10–40)
    size_t max_waiting = 128;                      // waiting calls held at once (the server has 256 threads)
    size_t max_nickname_chars = 8;                 // "王阿姨"
};

// What a senior's app (or the presenter view) learns when it asks.
struct ClassView {
    bool ended = false;
    std::string guide, volunteer;  // "hospital", "小杰"
    int step = 0;                  // 0-based: the class's current step
    int steps = 0;
    uint64_t version = 0;          // bumps with every step change and the end
    bool hand_up = false;          // this participant's hand (participants only)
    std::string code;              // the presenter view shows it on the projector
};

class ClassHub {
public:
    explicit ClassHub(ClassLimits limits = {});

    struct Started { std::string id, code; };  // id: the presenter's secret (the projector's address)
    // nullopt when there are too many classes.
    std::optional<Started> start(int64_t volunteer_id, const std::string& volunteer, const std::string& guide, int steps, Millis now);

    enum class Join { Ok, NoSuchCode, Ended, Full, BadNickname };
    Join join(const std::string& code, const std::string& nickname, Millis now, std::string* participant_token, ClassView* view);

    // A participant's or the presenter's view; waits up to `wait_ms` while the class's
    // version is still `since` (0: answer at once). nullopt: no such participant or class.
    std::optional<ClassView> follow(const std::string& participant_token, uint64_t since, Millis now, int wait_ms);
    std::optional<ClassView> present(const std::string& class_id, uint64_t since, Millis now, int wait_ms);

    // The participant's own progress, for the dashboard.
    bool progress(const std::string& participant_token, int step, int misses, bool finished, bool following, Millis now);
    bool hand(const std::string& participant_token, bool up, Millis now);
    bool leave(const std::string& participant_token, Millis now);

    // The volunteer who started it (or the projector, which holds the class id).
    bool set_step(const std::string& class_id, int step, Millis now);
    bool owned_by(const std::string& class_id, int64_t volunteer_id);
    bool end(const std::string& class_id, Millis now);
    bool handled(const std::string& class_id, int participant_number, Millis now);
    // The dashboard: the class and each participant; waits while nothing changed since `since`.
    std::optional<nlohmann::json> dashboard(const std::string& class_id, uint64_t since, Millis now, int wait_ms);
    nlohmann::json classes_of(int64_t volunteer_id, Millis now);  // the volunteer's live classes

    void expire(Millis now);  // ends what ran too long; deletes what ended over a day ago
    void stop();              // the server is stopping: waiting calls return now
    size_t class_count();     // tests: deleted means gone

private:
    struct Participant {
        int number = 0;        // 1, 2, 3… in the order they came: the dashboard's handle
        std::string nickname;  // may be empty: "学员 3"
        int step = 0, misses = 0;
        bool finished = false, following = true;
        Millis joined = 0, seen = 0, hand_at = 0;  // hand_at 0: no hand up
        uint64_t told = 0;     // changes made for them by the volunteer (a hand put down): wakes their wait
        uint64_t waits = 0;    // their waiting calls so far: a newer one ends an older one (one thread each)
        int waiting = 0;       // their calls waiting now
    };
    struct Class {
        std::string id, code, guide, volunteer;
        int64_t volunteer_id = 0;
        int step = 0, steps = 0;
        Millis started = 0, ended_at = 0;
        uint64_t version = 1;    // step and end: what followers wait on
        uint64_t activity = 1;   // anything at all: what the dashboard waits on
        int next_number = 1;
        size_t joins = 0;        // seats taken, ever: leaving and joining again is bounded too
        std::map<std::string, Participant> participants;  // by token
    };
    Class* by_id(const std::string& id);
    std::pair<Class*, Participant*> by_participant(const std::string& token);
    ClassView view_of(const Class& c) const;
    nlohmann::json dashboard_of(const Class& c, Millis now) const;
    void end_locked(Class& c, Millis now);
    void expire_locked(Millis now);
    void erase_locked(const std::string& id);  // the class and everything about it
    void touch(Class& c);  // something changed: wake the waiting calls

    ClassLimits limits_;
    std::mutex mu_;
    std::condition_variable changed_;
    bool stopping_ = false;
    size_t waiting_ = 0;  // follow calls waiting now
    std::map<std::string, Class> classes_;            // by id
    std::map<std::string, std::string> by_code_;      // live classes' codes → id
    std::map<std::string, std::string> by_token_;     // participant token → class id
};

}  // namespace anxin::server
