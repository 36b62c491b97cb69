// The help server's HTTP interface: the app's public endpoints (send a
// call-back request, read its status, report a problem with a guide), the
// helpers' console API (login, live queue, claim, promise, outcome, reports),
// and the static app and console pages.
//
// Public:   POST /api/help-requests            GET /api/help-requests/{id}     GET /api/guides
//           POST /api/reports                  GET /api/reports/{id}
// Kiosks:   POST /api/kiosks/heartbeat           GET /api/console/kiosks
// Sharing:  POST /api/coview → code + app token   GET /api/coview/{token}   POST …/{token}/answer | screen | end
//           POST /api/coview/join (code → viewer token)   GET /api/coview/view/{viewer}/events (SSE)
//           POST /api/coview/view/{viewer}/point | end
// Classes:  POST /api/classes/join (code → member token)   GET /api/classes/{token}?since=  POST …/{token}/progress | hand | leave
//           GET /api/classes/present/{id}?since=   POST …/present/{id}/step   (the projector, by the class's secret id)
//           POST|GET /api/console/classes   GET /api/console/classes/{id}?since=   POST …/{id}/step | end | handled
// Content:  GET /api/content[?have=N] (ETag / If-None-Match: 304 when unchanged)
//           GET|POST /api/console/content   GET /api/console/content/{n}   POST /api/console/content/check | rollback (authors)
// Console:  POST /api/console/login | logout | password (own: old, new)   GET  /api/console/me
//           GET  /api/console/queue | history | reports | events (server-sent events)
//           (the queue: ?limit= the first 50 in order, and the viewer's own, with `total`; it shows a
//           phone number in full only on the viewer's own requests; a claim is audited)
//           POST /api/console/requests/{id}/claim | promise | status
//           POST /api/console/reports/{id}/answer
// Admins:   GET|POST /api/console/accounts   POST /api/console/accounts/{id}/disable | enable | password
//           GET /api/console/audit?limit=     GET /api/console/people?phone=   POST /api/console/people/delete
// Every error is JSON {"error": "..."} with a 4xx status; nothing is stored on error.
// Console state changes need the session cookie and the X-CSRF-Token header.
#pragma once
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "server/catalog.h"
#include "server/classes.h"
#include "server/coview.h"
#include "server/kiosks.h"
#include "server/store.h"
#include "server/transport.h"

namespace httplib { class Server; struct Request; struct Response; }

namespace anxin::server {

struct ApiConfig {
    std::string dist_dir;                 // the built app, served at /
    std::string console_dir;              // the helpers' console, served at /console/
    std::string assets_dir = "assets";    // the app's strings and config, to check published guides against
    int public_rate_per_minute = 30;      // per client address, for the public POST endpoints (0 = no limit)
    int login_rate_per_minute = 10;       // per client address
    int minutes_per_request = 10;         // a helper's average time per call, for promises
    int code_rate_per_minute = 10;        // screen-sharing codes tried per client address (30× that overall); right ones are given back
    CoViewLimits coview;                  // screen sharing: code life, session length, …
    ClassLimits classes;
    Transport transport;                  // TLS, trusted proxies: which requests are HTTPS, and whose address
};

class RateLimiter;
class DeskLoad;

class HelpApi {
public:
    // `guides`: what requests may name at start (the newest published version, or the shipped guides).
    HelpApi(Store& store, ApiConfig config, const Content& guides, std::function<Millis()> clock);
    ~HelpApi();
    void install(httplib::Server& server);
    void stop();                          // live event streams and waiting calls end
    void housekeeping(Millis now);        // about once a second: ends and forgets timed-out sharing and classes,
                                          // and follows guides published through another server process

private:
    void follow_published_content();
    void install_accounts(httplib::Server& server);  // accounts_api.cpp: passwords, accounts, the audit log, a person's data
    // The logged-in helper and their session, or an error reply (401/403) and nullopt.
    // `state_change`: also needs the X-CSRF-Token header and the same origin.
    // `desk`: the help desk's work (phone numbers): helpers and admins, not volunteers.
    std::optional<std::pair<Helper, Session>> signed_in(const httplib::Request& req, httplib::Response& res, bool state_change,
                                                        bool desk = true);

    Store& store_;
    ApiConfig config_;
    std::function<Millis()> now_;
    std::unique_ptr<RateLimiter> public_limit_, login_limit_, code_limit_, all_codes_limit_;
    std::unique_ptr<CoViewHub> coview_;
    std::unique_ptr<KioskRegistry> kiosks_;
    std::unique_ptr<ClassHub> classes_;
    std::unique_ptr<DeskLoad> desk_load_;
    GuideCatalog catalog_;
    std::mutex publishing_;                                    // guards the two below
    std::shared_ptr<const ContentVersion> newest_content_;    // the newest published version (loaded on first use)
    uint64_t content_checked_at_ = ~0ULL;                      // the store's version when it was last looked for
    std::atomic<bool> stopping_{false};
};

// Milliseconds since the Unix epoch, from the system clock.
Millis system_now();

}  // namespace anxin::server
