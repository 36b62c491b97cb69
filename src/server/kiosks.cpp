#include "server/kiosks.h"

#include <ctime>

namespace anxin::server {

namespace {
// "Today" as the help desk's own clock has it (the server runs in the city's time zone).
long long day_of(Millis t) {
    const std::time_t secs = std::time_t(t / 1000);
    std::tm local{};
    localtime_r(&secs, &local);
    return (local.tm_year + 1900) * 1000LL + local.tm_yday;
}
constexpr size_t kMaxKiosks = 5000;  // a flood of made-up kiosks cannot take all memory
}  // namespace

KioskSeen* KioskRegistry::find_or_add(const std::string& id, Millis now) {
    if (!kiosks_.count(id)) {
        if (kiosks_.size() >= kMaxKiosks)  // make room: kiosks not heard from in a week first
            for (auto it = kiosks_.begin(); it != kiosks_.end();)
                it = now - it->second.last_heard > kForgetMs ? kiosks_.erase(it) : std::next(it);
        if (kiosks_.size() >= kMaxKiosks) return nullptr;
    }
    KioskSeen& k = kiosks_[id];
    k.id = id;
    if (k.label.empty()) k.label = id;
    k.last_heard = now;
    return &k;
}

void KioskRegistry::heartbeat(const std::string& id, const std::string& place, Millis now) {
    std::lock_guard<std::mutex> lock(mu_);
    KioskSeen* k = find_or_add(id, now);
    if (!k) return;
    k->label = place.empty() ? id : place;
    k->last_seen = now;
}

void KioskRegistry::request_from(const std::string& device, Millis now) {
    if (device.rfind("kiosk:", 0) != 0) return;
    const std::string rest = device.substr(6);
    const size_t bar = rest.find('|');
    const std::string id = rest.substr(0, bar);
    std::lock_guard<std::mutex> lock(mu_);
    KioskSeen* k = find_or_add(id, now);
    if (!k) return;
    if (bar != std::string::npos && bar + 1 < rest.size()) k->label = rest.substr(bar + 1);
    if (k->day != day_of(now)) {
        k->day = day_of(now);
        k->requests_today = 0;
    }
    ++k->requests_today;
}

std::vector<KioskSeen> KioskRegistry::list(Millis now) {
    std::lock_guard<std::mutex> lock(mu_);
    std::vector<KioskSeen> out;
    for (auto it = kiosks_.begin(); it != kiosks_.end();) {
        KioskSeen& k = it->second;
        if (now - k.last_heard > kForgetMs) {
            it = kiosks_.erase(it);
            continue;
        }
        if (k.day != day_of(now)) {
            k.day = day_of(now);
            k.requests_today = 0;
        }
        out.push_back(k);
        ++it;
    }
    return out;
}

}  // namespace anxin::server
