#include "server/kiosks.h"

#include <ctime>

namespace anxin::server {

namespace {
// "Today" as the help desk's own clock has it (the server runs in the city's time zone).
int64_t day_of(Millis t) {
    const std::time_t secs = std::time_t(t / 1000);
    std::tm local{};
    localtime_r(&secs, &local);
    return (local.tm_year + 1900) * 1000LL + local.tm_yday;
}
}  // namespace

void KioskRegistry::heartbeat(const std::string& id, const std::string& place, Millis now) {
    store_.kiosk_heartbeat(id, place.empty() ? id : place, now);
}

void KioskRegistry::request_from(const std::string& device, Millis now) {
    if (device.rfind("kiosk:", 0) != 0) return;
    const std::string rest = device.substr(6);
    const size_t bar = rest.find('|');
    const std::string id = rest.substr(0, bar);
    const std::string place = bar != std::string::npos ? rest.substr(bar + 1) : "";
    store_.kiosk_request(id, place, now, day_of(now));
}

std::vector<KioskSeen> KioskRegistry::list(Millis now) {
    std::vector<KioskSeen> out = store_.kiosks(now - kForgetMs);
    for (KioskSeen& k : out)
        if (k.day != day_of(now)) k.requests_today = 0;  // counted on an earlier day
    return out;
}

}  // namespace anxin::server
