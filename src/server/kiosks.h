// The kiosks a help desk looks after: each calls in every few minutes (a heartbeat)
// and names itself in its help requests ("kiosk:<place>"), so the console can list
// them with when each was last seen and today's requests. In memory: the next
// heartbeats fill it again after a restart.
#pragma once
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "server/store.h"

namespace anxin::server {

struct KioskSeen {
    std::string label;      // the place ("西溪社区服务中心 1号机"), or the id when no place is set
    std::string id;
    Millis last_seen = 0;   // 0 = only known from a request
    int requests_today = 0;
    long long day = -1;     // the day requests_today counts (days since 1970, server time)
};

class KioskRegistry {
public:
    static constexpr Millis kHeartbeatMs = 3 * 60 * 1000;  // the app's interval; two missed = offline
    void heartbeat(const std::string& id, const std::string& label, Millis now);
    void request_from(const std::string& device, Millis now);  // a help request's context.device
    std::vector<KioskSeen> list(Millis now);
    static bool online(const KioskSeen& k, Millis now) { return k.last_seen > 0 && now - k.last_seen <= 2 * kHeartbeatMs + 30000; }

private:
    std::mutex mu_;
    std::map<std::string, KioskSeen> kiosks_;  // by label
};

}  // namespace anxin::server
