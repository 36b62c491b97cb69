#include "server/kiosks.h"

namespace anxin::server {

namespace {
long long day_of(Millis t) { return t / (24LL * 3600 * 1000); }
constexpr size_t kMaxKiosks = 5000;  // a flood of made-up kiosks cannot take all memory
}  // namespace

void KioskRegistry::heartbeat(const std::string& id, const std::string& label, Millis now) {
    std::lock_guard<std::mutex> lock(mu_);
    if (!kiosks_.count(label) && kiosks_.size() >= kMaxKiosks) return;
    KioskSeen& k = kiosks_[label];
    k.label = label;
    k.id = id;
    k.last_seen = now;
}

void KioskRegistry::request_from(const std::string& device, Millis now) {
    if (device.rfind("kiosk:", 0) != 0) return;
    const std::string label = device.substr(6);
    std::lock_guard<std::mutex> lock(mu_);
    if (!kiosks_.count(label) && kiosks_.size() >= kMaxKiosks) return;
    KioskSeen& k = kiosks_[label];
    k.label = label;
    if (k.day != day_of(now)) {
        k.day = day_of(now);
        k.requests_today = 0;
    }
    ++k.requests_today;
}

std::vector<KioskSeen> KioskRegistry::list(Millis now) {
    std::lock_guard<std::mutex> lock(mu_);
    std::vector<KioskSeen> out;
    for (auto& [label, k] : kiosks_) {
        if (k.day != day_of(now)) {
            k.day = day_of(now);
            k.requests_today = 0;
        }
        out.push_back(k);
    }
    return out;
}

}  // namespace anxin::server
