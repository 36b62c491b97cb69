// The kiosks a help desk looks after: each calls in every few minutes (a heartbeat)
// and names itself in its help requests ("kiosk:<id>|<place>"), so the console can list
// them by id with their place, when each was last seen and today's requests (the
// server's local day). In memory: the next heartbeats fill it again after a restart;
// a kiosk not heard from in 7 days is dropped from the list.
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
    Millis last_heard = 0;  // a heartbeat or a request
    int requests_today = 0;
    long long day = -1;     // the day requests_today counts (the server's local date)
};

class KioskRegistry {
public:
    static constexpr Millis kHeartbeatMs = 3 * 60 * 1000;  // the app's interval; two missed = offline
    static constexpr Millis kForgetMs = 7LL * 24 * 60 * 60 * 1000;
    void heartbeat(const std::string& id, const std::string& place, Millis now);
    void request_from(const std::string& device, Millis now);  // a help request's context.device
    std::vector<KioskSeen> list(Millis now);
    static bool online(const KioskSeen& k, Millis now) { return k.last_seen > 0 && now - k.last_seen <= 2 * kHeartbeatMs + 30000; }

private:
    std::mutex mu_;
    KioskSeen* find_or_add(const std::string& id, Millis now);
    std::map<std::string, KioskSeen> kiosks_;  // by id
};

}  // namespace anxin::server
