#include "core/help_client.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace anxin {

using nlohmann::json;

bool HelpStatus::operator==(const HelpStatus& o) const {
    return phase == o.phase && helper == o.helper && promise_minutes == o.promise_minutes &&
           promise_clock == o.promise_clock && position == o.position &&
           overdue == o.overdue && offline == o.offline && attempts == o.attempts && error == o.error && phone == o.phone;
}

namespace {
// No connection, or a proxy in front of the help server that cannot reach it.
bool unreachable(int status) { return status == 0 || status == 502 || status == 503 || status == 504; }
}  // namespace

HelpClient::HelpClient(Storage& storage, Network& network, Clock& clock) : storage_(storage), network_(network), clock_(clock) {
    load();
}

void HelpClient::load() {
    auto text = storage_.get(kKey);
    if (!text) return;
    const json j = json::parse(*text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return;  // unreadable: start clean rather than crash
    body_json_ = j.value("outbox", std::string());
    public_id_ = j.value("id", std::string());
    status_.phone = j.value("phone", std::string());
    status_.attempts = j.value("attempts", 0);
    if (j.contains("aside") && j["aside"].is_array())
        for (const auto& b : j["aside"])
            if (b.is_string() && aside_.size() < kMaxSetAside) aside_.push_back(b.get<std::string>());
    aside_next_at_ = clock_.now_ms();
    if (!body_json_.empty()) status_.phase = HelpPhase::Sending;
    else if (!public_id_.empty()) status_.phase = HelpPhase::Waiting;
    next_at_ = clock_.now_ms();  // try or check at once after a reload
}

void HelpClient::save() {
    if (status_.phase == HelpPhase::None && aside_.empty()) { storage_.remove(kKey); return; }
    json j{{"outbox", body_json_}, {"id", public_id_}, {"phone", status_.phone}, {"attempts", status_.attempts}, {"aside", aside_}};
    storage_.set(kKey, j.dump());
}

void HelpClient::send(const HelpRequestBody& body) {
    body_json_ = help_request_to_json(body);
    public_id_.clear();
    status_ = HelpStatus{};
    status_.phase = HelpPhase::Sending;
    status_.phone = body.phone;
    save();  // kept before anything goes on the network
    in_flight_ = 0;
    start_send();
}

void HelpClient::set_aside() {
    if (status_.phase == HelpPhase::Sending && !body_json_.empty()) {
        if (aside_.size() >= kMaxSetAside) {  // days offline with a queue this long: keep the newest
            std::fprintf(stderr, "anxin: %zu call-backs waiting to be sent; the oldest is dropped\n", aside_.size());
            aside_.erase(aside_.begin() + (aside_in_flight_ ? 1 : 0));
        }
        aside_.push_back(body_json_);
        // An answer still on its way for this request now belongs to the queue: the server
        // keeps one per idempotency key, so sending it again is harmless.
        in_flight_ = 0;
        aside_next_at_ = std::min(aside_next_at_, clock_.now_ms());
    }
    forget();
}

void HelpClient::forget() {
    status_ = HelpStatus{};
    body_json_.clear();
    public_id_.clear();
    in_flight_ = 0;
    save();
}

void HelpClient::start_send() {
    ++status_.attempts;
    save();
    in_flight_ = network_.start("POST", "/api/help-requests", body_json_);
    in_flight_is_send_ = true;
}

void HelpClient::start_poll() {
    in_flight_ = network_.start("GET", "/api/help-requests/" + public_id_, "");
    in_flight_is_send_ = false;
}

bool HelpClient::read_public_status(const std::string& body) {
    const json j = json::parse(body, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("status")) return false;
    const std::string s = j.value("status", std::string());
    status_.phase = s == "accepted" ? HelpPhase::Accepted : s == "calling" ? HelpPhase::Calling : s == "done" ? HelpPhase::Done : HelpPhase::Waiting;
    status_.helper = j.contains("helper") && j["helper"].is_string() ? j["helper"].get<std::string>() : std::string();
    status_.promise_minutes = j.value("promise_minutes", 0);
    // The promise as a time of day on the device's own clock, so it does not drift as minutes
    // pass. From the time left as the server counts it (its clock may differ from ours),
    // rounded up: a call promised by 15:39:30 is promised "15:40 前".
    const double left_ms = j.value("promise_ms", status_.promise_minutes * 60000.0);
    const double at_minute = std::ceil((clock_.local_time_ms() + std::max(0.0, left_ms)) / 60000.0);
    status_.promise_clock = int(std::fmod(at_minute, 1440.0));
    status_.position = j.value("position", 0);
    status_.overdue = j.value("overdue", false);
    if (j.contains("id") && j["id"].is_string()) public_id_ = j["id"].get<std::string>();
    return true;
}

std::string HelpClient::clock_text(int minute_of_day) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d:%02d", (minute_of_day / 60) % 24, minute_of_day % 60);
    return buf;
}

void HelpClient::on_send_answer(const HttpResponse& r) {
    const double now = clock_.now_ms();
    if ((r.status == 200 || r.status == 201) && read_public_status(r.body)) {
        body_json_.clear();  // acknowledged: the server has it
        status_.offline = false;
        next_at_ = now + kPollMs;
    } else if (r.status >= 400 && r.status < 500 && r.status != 408 && r.status != 429) {
        const json j = json::parse(r.body, nullptr, false);
        status_.phase = HelpPhase::Refused;
        status_.error = j.is_object() ? j.value("error", std::string()) : std::string();
        body_json_.clear();
    } else {  // no connection, server error or busy: try again, waiting longer each time
        status_.offline = unreachable(r.status);
        next_at_ = now + retry_delay_ms(status_.attempts);
    }
    save();
}

void HelpClient::on_poll_answer(const HttpResponse& r) {
    const double now = clock_.now_ms();
    if (r.status == 200 && read_public_status(r.body)) status_.offline = false;
    else if (r.status == 404) status_.phase = HelpPhase::Lost;
    else status_.offline = unreachable(r.status);  // keep what we knew; check again later
    next_at_ = now + kPollMs;
    save();
}

// One set-aside request at a time, oldest first, with the same backoff as the user's own.
void HelpClient::tick_set_aside() {
    if (aside_in_flight_) {
        auto r = network_.poll(aside_in_flight_);
        if (!r) return;
        aside_in_flight_ = 0;
        const bool retry = unreachable(r->status) || r->status >= 500 || r->status == 408 || r->status == 429;
        if (retry) {  // to the back of the queue, so one that keeps failing does not hold up the rest
            std::rotate(aside_.begin(), aside_.begin() + 1, aside_.end());
            aside_next_at_ = clock_.now_ms() + retry_delay_ms(aside_attempts_);
            save();
        } else {  // delivered, or refused: nobody here to tell either way
            aside_.erase(aside_.begin());
            aside_attempts_ = 0;
            aside_next_at_ = clock_.now_ms();
            save();
        }
    }
    if (aside_.empty()) return;
    const double now = clock_.now_ms();
    if (now < aside_next_at_) { clock_.wake_after(aside_next_at_ - now); return; }
    ++aside_attempts_;
    aside_in_flight_ = network_.start("POST", "/api/help-requests", aside_.front());
}

void HelpClient::tick() {
    tick_set_aside();
    if (in_flight_) {
        auto r = network_.poll(in_flight_);
        if (!r) return;  // still under way: its answer will wake us
        const bool was_send = in_flight_is_send_;
        in_flight_ = 0;
        if (was_send) on_send_answer(*r);
        else on_poll_answer(*r);
    }
    const bool sending = status_.phase == HelpPhase::Sending && !body_json_.empty();
    const bool watching = !sending && !public_id_.empty() &&
                          (status_.phase == HelpPhase::Waiting || status_.phase == HelpPhase::Accepted || status_.phase == HelpPhase::Calling);
    if (!sending && !watching) return;
    const double now = clock_.now_ms();
    if (now >= next_at_) {
        if (sending) start_send();
        else start_poll();
        return;
    }
    clock_.wake_after(next_at_ - now);
}

}  // namespace anxin
