// The kiosks a help desk looks after: each calls in every few minutes (a heartbeat)
// and names itself in its help requests ("kiosk:<id>|<place>"), so the console can list
// them by id with their place, when each was last seen and today's requests (the
// server's local day). Kept in the store, so every server process sees every kiosk and
// a restart forgets none; a kiosk not heard from in 7 days is dropped from the list (and
// deleted by the server's housekeeping).
#pragma once
#include <string>
#include <vector>

#include "server/store.h"

namespace anxin::server {

class KioskRegistry {
public:
    static constexpr Millis kHeartbeatMs = 3 * 60 * 1000;  // the app's interval; two missed = offline
    static constexpr Millis kForgetMs = 7LL * 24 * 60 * 60 * 1000;
    explicit KioskRegistry(Store& store) : store_(store) {}
    void heartbeat(const std::string& id, const std::string& place, Millis now);
    void request_from(const std::string& device, Millis now);  // a help request's context.device
    std::vector<KioskSeen> list(Millis now);                   // heard from in the last 7 days, by id
    static bool online(const KioskSeen& k, Millis now) { return k.last_seen > 0 && now - k.last_seen <= 2 * kHeartbeatMs + 30000; }

private:
    Store& store_;
};

}  // namespace anxin::server
