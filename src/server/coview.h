// "看着我的屏幕教我": live screen-sharing sessions between a senior's app and a
// viewer (a helper in the console, or family), relayed by the help server.
// Nothing here touches the disk, and an ended session is forgotten: the server
// keeps nothing of a stream after it ends.
//
// A session: the app asks for a one-time 6-digit code (valid 10 minutes, usable
// once) → the senior tells it to the viewer, who enters it → the senior is asked
// and must say 好的 (until then nothing is shared) → the app sends its semantics
// tree as diffs; the hub keeps it whole, so a viewer joining late gets all of it,
// and hands each diff on to the viewer → the viewer may point at a node, which the
// app picks up → either side ends it; it also ends after 30 minutes, or when the
// app stops calling in (the senior closed it).
#pragma once
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "server/store.h"

namespace anxin::server {

enum class CoViewState { Waiting, Asking, Live, Ended };
const char* coview_state_name(CoViewState state);  // "waiting", "asking", "live", "ended"

struct CoViewLimits {
    Millis code_ttl = 10 * 60 * 1000;     // a code not entered by then is void
    Millis max_live = 30 * 60 * 1000;     // a session ends by itself after this long
    Millis app_silence = 20 * 1000;       // no call from the app for this long: it was closed
    size_t max_sessions = 300;            // a flood of requests cannot take all memory
    size_t max_nodes = 1000;              // per tree (a screen has 20–80)
    size_t max_backlog = 32;              // diffs kept for a viewer that falls behind (then: a snapshot)
    size_t max_backlog_bytes = 256 * 1024;
};

// What the app learns when it calls in.
struct CoViewAppView {
    CoViewState state = CoViewState::Ended;
    std::string viewer;        // who wants to see / sees ("小杰")
    uint32_t point_id = 0;     // the node the viewer pointed at last
    uint64_t point_seq = 0;    // bumps with each pointing, so the same node can be pointed at twice
    Millis ends_in = 0;        // live: time left
    std::string why;           // ended: "app", "viewer", "refused", "time", "closed"
};

// What the viewer's stream sends next.
struct CoViewFeed {
    bool found = false;
    CoViewState state = CoViewState::Ended;
    std::string viewer, why;
    uint64_t seq = 0;                 // the tree's version after these events
    std::vector<std::string> events;  // "snapshot" or "update" payloads (JSON), in order
    bool snapshot = false;            // events[0] is a whole tree, not a diff
};

class CoViewHub {
public:
    explicit CoViewHub(CoViewLimits limits = {});

    struct Created { std::string code, app_token; Millis expires_in; };
    std::optional<Created> create(Millis now);  // nullopt when there are too many sessions

    enum class Join { Ok, NoSuchCode, Expired, Used };
    Join join(const std::string& code, const std::string& viewer_name, Millis now, std::string* viewer_token);

    std::optional<CoViewAppView> app_view(const std::string& app_token, Millis now);  // also "the app is alive"
    bool answer(const std::string& app_token, bool accept, Millis now);
    // A diff of the app's tree in tree_update_json's shape, with what the screen is about
    // ({"guide": "…", "step": 2, "steps": 9, "screen": "…", "viewport": [w, h]}). Live only.
    // Only known node fields of bounded size are kept and passed on. `reset`: the diff holds
    // the whole tree (the app lost track of what arrived).
    bool update(const std::string& app_token, const nlohmann::json& diff, const nlohmann::json& context, bool reset, Millis now);
    bool point(const std::string& viewer_token, uint32_t node_id, Millis now);
    bool end_by_app(const std::string& app_token, Millis now);
    bool end_by_viewer(const std::string& viewer_token, Millis now);

    // The viewer's events after `since` (0 = from nothing: a snapshot). Waits up to `wait_ms`
    // for something new. Never blocks other calls for long.
    CoViewFeed feed(const std::string& viewer_token, uint64_t since, Millis now, int wait_ms);
    void expire(Millis now);  // ends what timed out and forgets what ended a while ago
    size_t live_count();
    size_t stored_nodes();    // over all sessions (tests: nothing is kept after the end)
    // One event stream per viewer: false if one is open already.
    bool open_stream(const std::string& viewer_token);
    void close_stream(const std::string& viewer_token);

private:
    struct Session {
        std::string code, app_token, viewer_token, viewer;
        CoViewState state = CoViewState::Waiting;
        std::string why;
        Millis created = 0, code_expires = 0, asked = 0, started = 0, app_seen = 0, ended_at = 0;
        bool code_used = false;
        bool streaming = false;                    // a viewer's event stream is open
        std::map<uint32_t, nlohmann::json> nodes;  // the app's tree, kept whole
        std::vector<uint32_t> order;               // nodes in the order they came
        nlohmann::json context = nlohmann::json::object();
        uint64_t seq = 0;                          // bumps with every diff and state change
        std::deque<std::pair<uint64_t, std::string>> backlog;
        uint32_t point_id = 0;
        uint64_t point_seq = 0;
    };
    Session* by_app(const std::string& token);
    Session* by_viewer(const std::string& token);
    void end(Session& s, const char* why, Millis now);
    void expire_locked(Millis now);
    std::string snapshot_json(const Session& s) const;

    CoViewLimits limits_;
    std::mutex mu_;
    std::condition_variable changed_;
    std::map<std::string, Session> sessions_;  // by app token
};

}  // namespace anxin::server
