// The app's side of "让对方看我的屏幕": asks the help server for a one-time code,
// learns who wants to see (the senior must say 好的 first), sends the screen's
// semantics tree while it is shared (never pixels; typed phone numbers masked),
// and picks up where the viewer points. Nothing is kept on the device.
// The server side is src/server/coview.h.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "core/platform.h"
#include "core/semantics.h"

namespace anxin {

enum class CoViewPhase {
    None,      // not sharing
    Starting,  // asking the server for a code
    Code,      // the code is shown: the senior tells it to the person on the phone
    Asking,    // someone entered the code: the senior is asked
    Live,      // the screen is being shared
    Ended,     // it ended (see `why`)
    Failed,    // no code: the server could not be reached or refused
};

struct CoViewStatus {
    CoViewPhase phase = CoViewPhase::None;
    std::string code;    // "382910"
    std::string viewer;  // "小杰"
    std::string why;     // ended: "app", "viewer", "refused", "time", "closed", "lost"; failed: "offline", "busy"
    bool offline = false;  // the last call did not reach the server (live: the viewer may see an old screen)
    bool operator==(const CoViewStatus& o) const {
        return phase == o.phase && code == o.code && viewer == o.viewer && why == o.why && offline == o.offline;
    }
    bool operator!=(const CoViewStatus& o) const { return !(*this == o); }
};

class CoViewClient {
public:
    static constexpr double kPollMs = 1000;  // how often the app calls in while sharing (pointing arrives this fast)

    CoViewClient(Network& network, Clock& clock);
    void start();               // ask for a code
    void answer(bool accept);   // the senior's 好的 / 不要
    void end();                 // the senior's 结束
    void forget();              // back to None (after Ended / Failed was shown)
    void tick();                // each frame: collect answers, call in
    const CoViewStatus& status() const { return status_; }
    bool active() const { return status_.phase != CoViewPhase::None; }
    bool live() const { return status_.phase == CoViewPhase::Live; }

    // Live: true when the screen may be sent now (the last one arrived). The app then
    // diffs its tree against what it sent and sends the difference.
    bool ready_for_screen() const { return live() && screen_call_ == 0; }
    bool screen_restarted();  // true once after sharing (re)starts: send the whole tree
    void send_screen(const std::string& body_json);
    size_t bytes_sent() const { return bytes_sent_; }
    // A node the viewer pointed at since the last call (each pointing once).
    std::optional<uint32_t> take_point();

private:
    void call_in();
    void on_state(const HttpResponse& r);

    Network& network_;
    Clock& clock_;
    CoViewStatus status_;
    std::string token_;
    int start_call_ = 0, poll_call_ = 0, screen_call_ = 0, action_call_ = 0;
    double next_poll_ = 0;
    uint64_t point_seq_ = 0;
    std::optional<uint32_t> point_;
    bool restart_ = false;
    size_t bytes_sent_ = 0;
};

// A copy of the tree for sharing: digits in nodes marked private (a phone number being
// typed) become "•", so the viewer sees that a number is there, not what it is; and no
// node is marked focused.
SemanticsTree shareable_tree(const SemanticsTree& tree);

}  // namespace anxin
