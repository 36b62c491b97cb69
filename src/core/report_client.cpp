#include "core/report_client.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace anxin {

using nlohmann::json;

ReportClient::ReportClient(Storage& storage, Network& network, Clock& clock) : storage_(storage), network_(network), clock_(clock) {
    auto text = storage_.get(kKey);
    if (!text) return;
    const json j = json::parse(*text, nullptr, false);
    if (!j.is_array()) return;  // unreadable: start clean
    for (const auto& r : j) {
        if (!r.is_object()) continue;
        reports_.push_back({r.value("key", ""), r.value("guide", ""), r.value("step", 0), r.value("kind", ""), r.value("id", ""),
                            r.value("status", ""), r.value("answer", ""),
                            r.contains("hidden") && r["hidden"].is_boolean() && r["hidden"].get<bool>()});
    }
}

void ReportClient::save() {
    json j = json::array();
    for (const auto& r : reports_)
        j.push_back({{"key", r.key}, {"guide", r.guide}, {"step", r.step}, {"kind", r.kind}, {"id", r.id}, {"status", r.status}, {"answer", r.answer}, {"hidden", r.hidden}});
    storage_.set(kKey, j.dump());
}

void ReportClient::send(const std::string& guide, int step, ReportKind kind) {
    reports_.insert(reports_.begin(), {new_idempotency_key(), guide, step, report_kind_name(kind), "", "", ""});
    // Too many: the oldest already sent go first; one not yet sent is never dropped.
    for (size_t i = reports_.size(); reports_.size() > kMaxKept && i-- > 0;)
        if (!reports_[i].id.empty()) reports_.erase(reports_.begin() + long(i));
    save();
    next_at_ = 0;
    failures_ = 0;
}

std::vector<SentReport> ReportClient::reports() const {
    std::vector<SentReport> shown;
    for (const auto& r : reports_)
        if (!r.hidden) shown.push_back(r);
    return shown;
}

bool ReportClient::sending() const {
    return std::any_of(reports_.begin(), reports_.end(), [](const SentReport& r) { return r.id.empty(); });
}

void ReportClient::refresh() {
    to_refresh_.clear();
    for (size_t i = 0; i < reports_.size(); ++i)
        if (!reports_[i].id.empty() && reports_[i].status != "fixed") to_refresh_.push_back(i);
}

void ReportClient::next() {
    for (size_t i = reports_.size(); i-- > 0;) {  // oldest unsent first
        if (!reports_[i].id.empty()) continue;
        const SentReport& r = reports_[i];
        const json body{{"idempotency_key", r.key}, {"guide", r.guide}, {"step", r.step}, {"kind", r.kind}, {"text", ""}};
        in_flight_ = network_.start("POST", "/api/reports", body.dump());
        in_flight_key_ = r.key;
        in_flight_is_send_ = true;
        return;
    }
    if (!to_refresh_.empty()) {
        const size_t i = to_refresh_.back();
        to_refresh_.pop_back();
        if (i >= reports_.size()) return;
        in_flight_key_ = reports_[i].key;
        in_flight_ = network_.start("GET", "/api/reports/" + reports_[i].id, "");
        in_flight_is_send_ = false;
    }
}

void ReportClient::tick() {
    if (in_flight_) {
        auto r = network_.poll(in_flight_);
        if (!r) return;
        in_flight_ = 0;
        auto found = std::find_if(reports_.begin(), reports_.end(), [&](const SentReport& x) { return x.key == in_flight_key_; });
        SentReport* rep = found == reports_.end() ? nullptr : &*found;
        const json j = json::parse(r->body, nullptr, false);
        if (rep && (r->status == 200 || r->status == 201) && j.is_object()) {
            if (in_flight_is_send_) rep->id = j.value("id", "");
            rep->status = j.value("status", rep->status);
            rep->answer = j.value("answer", rep->answer);
            if (rep->hidden) reports_.erase(found);  // delivered; nobody here to show it to
            failures_ = 0;
            save();
        } else if (rep && in_flight_is_send_ && r->status >= 400 && r->status < 500 && r->status != 429) {
            reports_.erase(found);  // refused: sending it again would not help
            save();
        } else if (in_flight_is_send_) {  // unreachable: try again later, waiting longer each time
            ++failures_;
            next_at_ = clock_.now_ms() + retry_delay_ms(failures_ + 1);
        }
    }
    if (!sending() && to_refresh_.empty()) return;
    const double now = clock_.now_ms();
    if (now >= next_at_) next();
    else clock_.wake_after(next_at_ - now);
}

void ReportClient::clear() {
    std::vector<SentReport> unsent;
    for (auto r : reports_)
        if (r.id.empty()) {
            r.hidden = true;
            unsent.push_back(r);
        }
    reports_ = unsent;
    to_refresh_.clear();
    save();
}

}  // namespace anxin
