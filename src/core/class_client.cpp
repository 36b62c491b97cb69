#include "core/class_client.h"

#include <nlohmann/json.hpp>

#include "core/help_request.h"

namespace anxin {

using nlohmann::json;

bool ClassStatus::operator==(const ClassStatus& o) const {
    return phase == o.phase && presenter == o.presenter && guide == o.guide && volunteer == o.volunteer && code == o.code &&
           step == o.step && steps == o.steps && hand_up == o.hand_up && offline == o.offline && error == o.error;
}

namespace {
bool unreachable(int status) { return status == 0 || status >= 500; }
std::string text(const json& j, const char* key) { return j.value(key, json()).is_string() ? j[key].get<std::string>() : std::string(); }
}  // namespace

ClassClient::ClassClient(Storage& storage, Network& network, Clock& clock) : storage_(storage), network_(network), clock_(clock) {
    // A reload in the middle of a class: the same seat, at once.
    auto kept = storage_.get(kKey);
    if (!kept) return;
    const json j = json::parse(*kept, nullptr, false);
    const std::string token = j.is_object() ? text(j, "token") : "";
    if (token.size() != 32 || token.find_first_not_of("0123456789abcdef") != std::string::npos) {
        storage_.remove(kKey);
        return;
    }
    token_ = token;
    status_.phase = ClassPhase::In;
    status_.guide = text(j, "guide");
    status_.offline = true;  // until the server answers
}

std::string ClassClient::base() const { return (status_.presenter ? "/api/classes/present/" : "/api/classes/") + token_; }

void ClassClient::save() {
    if (status_.presenter || token_.empty()) return;  // the projector's id stays in its address
    storage_.set(kKey, json{{"token", token_}, {"guide", status_.guide}}.dump());
}

void ClassClient::join(const std::string& code, const std::string& nickname) {
    forget();
    status_.phase = ClassPhase::Joining;
    join_call_ = network_.start("POST", "/api/classes/join", json{{"code", code}, {"nickname", nickname}}.dump());
}

void ClassClient::present(const std::string& class_id) {
    forget();
    token_ = class_id;
    status_.presenter = true;
    status_.phase = ClassPhase::In;
    status_.offline = true;
    follow();
}

void ClassClient::leave() {
    if (!token_.empty() && !status_.presenter && status_.phase == ClassPhase::In) network_.start("POST", base() + "/leave", "{}");
    forget();
}

void ClassClient::forget() {
    status_ = ClassStatus{};
    token_.clear();
    version_ = 0;
    failures_ = 0;
    sent_progress_.clear();
    wanted_progress_.clear();
    // Answers still on their way belong to the old class: never looked at.
    join_call_ = follow_call_ = progress_call_ = hand_call_ = step_call_ = 0;
    storage_.remove(kKey);
}

void ClassClient::raise_hand(bool up) {
    if (status_.phase != ClassPhase::In || status_.presenter) return;
    if (!hand_call_) hand_before_ = status_.hand_up;
    status_.hand_up = up;
    hand_call_ = network_.start("POST", base() + "/hand", json{{"up", up}}.dump());
}

void ClassClient::report(int step, int misses, bool finished, bool following) {
    if (status_.phase != ClassPhase::In || status_.presenter) return;
    wanted_progress_ = json{{"step", step}, {"misses", misses}, {"finished", finished}, {"following", following}}.dump();
}

void ClassClient::set_step(int step) {
    if (status_.phase != ClassPhase::In || !status_.presenter || step < 0 || step >= status_.steps) return;
    status_.step = step;  // the projector shows it at once; the class hears it from the server
    step_call_ = network_.start("POST", base() + "/step", json{{"step", step}}.dump());
}

void ClassClient::follow() {
    follow_started_ = clock_.now_ms();
    follow_call_ = network_.start("GET", base() + "?since=" + std::to_string(version_), "");
}

// {"guide", "step", "steps", "version", "ended", "volunteer", "hand", "code"?}
bool ClassClient::read_view(const std::string& body) {
    const json j = json::parse(body, nullptr, false);
    if (!j.is_object() || !j.value("step", json()).is_number_integer() || !j.value("steps", json()).is_number_integer() ||
        !j.value("version", json()).is_number_unsigned())
        return false;
    const int steps = j["steps"].get<int>(), step = j["step"].get<int>();
    if (steps <= 0 || steps > 1000 || step < 0 || step >= steps) return false;
    status_.guide = text(j, "guide");
    status_.volunteer = text(j, "volunteer");
    if (status_.presenter) status_.code = text(j, "code");
    status_.steps = steps;
    // A presenter's own move is shown at once; an older answer must not undo it, and is asked
    // again (its version not taken) so a move from the console at the same moment is not missed.
    step_ignored_ = status_.presenter && step_call_;
    if (!step_ignored_) {
        status_.step = step;
        version_ = j["version"].get<unsigned long long>();
    }
    if (j.value("hand", json()).is_boolean() && !hand_call_) status_.hand_up = j["hand"].get<bool>();
    if (j.value("ended", json()).is_boolean() && j["ended"].get<bool>()) {
        status_.phase = ClassPhase::Ended;
        status_.hand_up = false;
        storage_.remove(kKey);
    }
    return true;
}

void ClassClient::on_follow(const HttpResponse& r) {
    const double now = clock_.now_ms();
    const unsigned long long asked = version_;
    if (r.status == 200 && read_view(r.body)) {
        ++round_trips_;
        status_.offline = false;
        failures_ = 0;
        // At once: the next waiting call. But an answer with no news that came straight back
        // (the server was too busy to wait, or the projector's move is still on its way) is
        // asked again a little later, not in a tight loop.
        const bool quick_and_same = version_ == asked && now - follow_started_ < 1000;
        next_follow_ = now + (step_ignored_ ? 200 : quick_and_same ? 2000 : 0);
    } else if (r.status == 404) {
        status_.phase = ClassPhase::Ended;  // deleted, or never known
        status_.hand_up = false;
        storage_.remove(kKey);
    } else {  // no connection or the server is down: keep the step, try again, waiting longer
        status_.offline = unreachable(r.status) || status_.offline;
        next_follow_ = now + retry_delay_ms(++failures_);
    }
}

void ClassClient::tick() {
    if (join_call_)
        if (auto r = network_.poll(join_call_)) {
            join_call_ = 0;
            const json j = json::parse(r->body, nullptr, false);
            if (r->status == 201 && j.is_object() && text(j, "token").size() == 32 && read_view(r->body)) {
                token_ = text(j, "token");
                status_.phase = status_.phase == ClassPhase::Ended ? ClassPhase::Ended : ClassPhase::In;
                status_.error.clear();
                save();
                next_follow_ = clock_.now_ms();
            } else {
                status_.phase = ClassPhase::Refused;
                status_.error = r->status == 404   ? "no_code"
                                : r->status == 410 ? "ended"
                                : r->status == 409 ? "full"
                                : r->status == 429 ? "busy"
                                : r->status == 400 && j.is_object() && text(j, "error").find("nickname") != std::string::npos ? "nickname"
                                : r->status == 400 ? "no_code"
                                                   : "offline";
            }
        }
    if (follow_call_)
        if (auto r = network_.poll(follow_call_)) {
            follow_call_ = 0;
            on_follow(*r);
        }
    if (step_call_ && network_.poll(step_call_)) step_call_ = 0;  // the next waiting call brings the truth
    if (hand_call_)
        if (auto r = network_.poll(hand_call_)) {
            hand_call_ = 0;
            if (r->status != 200) status_.hand_up = hand_before_;  // never reached the volunteer: the button says so
        }
    const double now = clock_.now_ms();
    if (progress_call_)
        if (auto r = network_.poll(progress_call_)) {
            progress_call_ = 0;
            if (r->status != 200 && r->status != 404) {  // sent again a little later
                sent_progress_.clear();
                next_progress_ = now + 3000;
            }
        }
    if (status_.phase != ClassPhase::In) return;
    if (!progress_call_ && !wanted_progress_.empty() && wanted_progress_ != sent_progress_ && !status_.offline && now >= next_progress_) {
        progress_call_ = network_.start("POST", base() + "/progress", wanted_progress_);
        sent_progress_ = wanted_progress_;
    }
    if (!progress_call_ && wanted_progress_ != sent_progress_ && now < next_progress_) clock_.wake_after(next_progress_ - now);
    if (follow_call_) return;
    if (now >= next_follow_) follow();
    else clock_.wake_after(next_follow_ - now);
}

}  // namespace anxin
