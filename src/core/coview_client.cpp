#include "core/coview_client.h"

#include <nlohmann/json.hpp>

namespace anxin {

using nlohmann::json;

CoViewClient::CoViewClient(Network& network, Clock& clock) : network_(network), clock_(clock) {}

void CoViewClient::start() {
    forget();
    status_.phase = CoViewPhase::Starting;
    start_call_ = network_.start("POST", "/api/coview", "{}");
}

void CoViewClient::answer(bool accept) {
    if (status_.phase != CoViewPhase::Asking) return;
    action_call_ = network_.start("POST", "/api/coview/" + token_ + "/answer", json{{"accept", accept}}.dump());
    if (!accept) {  // nothing was shared; say so at once
        status_.phase = CoViewPhase::Ended;
        status_.why = "refused";
    }
}

void CoViewClient::end() {
    if (!token_.empty() && status_.phase != CoViewPhase::Ended) action_call_ = network_.start("POST", "/api/coview/" + token_ + "/end", "{}");
    status_.phase = CoViewPhase::Ended;
    status_.why = "app";
}

void CoViewClient::forget() {
    status_ = CoViewStatus{};
    token_.clear();
    point_seq_ = 0;
    point_.reset();
    restart_ = false;
    // Answers still on their way belong to the old session: they are never looked at.
    start_call_ = poll_call_ = screen_call_ = action_call_ = 0;
}

void CoViewClient::send_screen(const std::string& body) {
    screen_call_ = network_.start("POST", "/api/coview/" + token_ + "/screen", body);
    bytes_sent_ += body.size();
}

bool CoViewClient::screen_restarted() {
    const bool r = restart_;
    restart_ = false;
    return r;
}

std::optional<uint32_t> CoViewClient::take_point() {
    auto p = point_;
    point_.reset();
    return p;
}

void CoViewClient::call_in() {
    poll_call_ = network_.start("GET", "/api/coview/" + token_, "");
    next_poll_ = clock_.now_ms() + kPollMs;
}

// The server's view of the session: {"state", "viewer", "point", "point_seq", "why"}.
void CoViewClient::on_state(const HttpResponse& r) {
    if (status_.phase == CoViewPhase::Ended || status_.phase == CoViewPhase::None) return;  // ended here first
    if (r.status == 0 || r.status >= 500) {
        status_.offline = true;
        return;
    }
    status_.offline = false;
    if (r.status == 404) {
        status_.phase = CoViewPhase::Ended;
        status_.why = "lost";
        return;
    }
    const json j = json::parse(r.body, nullptr, false);
    if (!j.is_object() || !j.value("state", json()).is_string()) return;
    const std::string state = j["state"].get<std::string>();
    if (j.value("viewer", json()).is_string()) status_.viewer = j["viewer"].get<std::string>();
    if (state == "waiting") status_.phase = CoViewPhase::Code;
    else if (state == "asking") status_.phase = CoViewPhase::Asking;
    else if (state == "live") {
        if (status_.phase != CoViewPhase::Live) restart_ = true;
        status_.phase = CoViewPhase::Live;
    } else {
        status_.phase = CoViewPhase::Ended;
        status_.why = j.value("why", json()).is_string() ? j["why"].get<std::string>() : "";
    }
    if (j.value("point_seq", json()).is_number_unsigned() && j.value("point", json()).is_number_unsigned()) {
        const uint64_t seq = j["point_seq"].get<uint64_t>();
        if (seq > point_seq_ && status_.phase == CoViewPhase::Live) point_ = j["point"].get<uint32_t>();
        point_seq_ = seq;
    }
}

void CoViewClient::tick() {
    if (start_call_) {
        if (auto r = network_.poll(start_call_)) {
            start_call_ = 0;
            const json j = json::parse(r->body, nullptr, false);
            if (status_.phase != CoViewPhase::Starting) {
                // ended before the code came back: nothing to do
            } else if (r->status == 201 && j.is_object() && j.value("code", json()).is_string() && j.value("token", json()).is_string()) {
                status_.phase = CoViewPhase::Code;
                status_.code = j["code"].get<std::string>();
                token_ = j["token"].get<std::string>();
                next_poll_ = clock_.now_ms() + kPollMs;
            } else {
                status_.phase = CoViewPhase::Failed;
                status_.why = r->status == 0 || r->status >= 500 ? "offline" : "busy";
            }
        }
    }
    if (poll_call_)
        if (auto r = network_.poll(poll_call_)) {
            poll_call_ = 0;
            on_state(*r);
        }
    if (action_call_)
        if (auto r = network_.poll(action_call_)) {
            action_call_ = 0;
            if (r->status == 200) on_state(*r);
        }
    if (screen_call_)
        if (auto r = network_.poll(screen_call_)) {
            screen_call_ = 0;
            if (r->status == 409) next_poll_ = 0;          // not live any more: learn why now
            else if (r->status == 413) {}                   // a screen too big to share: its changes still go
            else if (r->status != 200) restart_ = true;     // lost on the way: send the whole screen again
        }
    const bool calling_in = status_.phase == CoViewPhase::Code || status_.phase == CoViewPhase::Asking || status_.phase == CoViewPhase::Live;
    if (calling_in && !token_.empty()) {
        if (!poll_call_ && clock_.now_ms() >= next_poll_) call_in();
        clock_.wake_after(std::max(0.0, next_poll_ - clock_.now_ms()));
    }
}

SemanticsTree shareable_tree(const SemanticsTree& tree) {
    SemanticsTree out;
    for (SemanticsNode n : tree.nodes()) {
        n.states &= ~uint32_t(State_Focused);  // focus moving over the keypad would tell the digits
        if (n.has(State_Private))
            for (std::string* text : {&n.name, &n.value}) {
                std::string masked;
                for (char c : *text) masked += (c >= '0' && c <= '9') ? std::string("•") : std::string(1, c);
                *text = masked;
            }
        out.add(std::move(n));
    }
    return out;
}

}  // namespace anxin
