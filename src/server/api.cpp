// The help server's HTTP interface. See api.h.
//
// [SECTION] Helpers: JSON replies, client address, rate limits, sessions
// [SECTION] Public: call-back requests and reports
// [SECTION] Console: login and session
// [SECTION] Console: queue, claim, promise, outcome
// [SECTION] Console: live events, reports
// [SECTION] Kiosks
// [SECTION] Screen sharing ("看着我的屏幕教我")
// [SECTION] Published content: the guides every app fetches, and authors' versions
// [SECTION] Workshop classes
// [SECTION] Static pages and errors

#include "server/api.h"

#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "core/content_bundle.h"
#include "core/guide.h"
#include "core/kiosk.h"
#include "core/settings.h"
#include "server/api_util.h"
#include "server/secrets.h"

namespace anxin::server {

using nlohmann::json;

Millis system_now() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

//-----------------------------------------------------------------------------
// [SECTION] Helpers: JSON replies, client address, rate limits, sessions
//-----------------------------------------------------------------------------

// A token bucket per client address: `per_minute` requests, refilled evenly.
class RateLimiter {
public:
    explicit RateLimiter(int per_minute) : per_minute_(per_minute) {}
    bool allow(const std::string& who, Millis now) {
        if (per_minute_ <= 0) return true;
        std::lock_guard<std::mutex> lock(mu_);
        if (buckets_.size() > 10000) buckets_.clear();  // bounded memory under a flood of addresses
        Bucket& b = buckets_.try_emplace(who, Bucket{double(per_minute_), now}).first->second;
        b.tokens = std::min(double(per_minute_), b.tokens + double(now - b.at) * per_minute_ / 60000.0);
        b.at = now;
        if (b.tokens < 1.0) return false;
        b.tokens -= 1.0;
        return true;
    }
    // Gives back what allow() took, for a try that turned out right.
    void refund(const std::string& who) {
        std::lock_guard<std::mutex> lock(mu_);
        if (auto it = buckets_.find(who); it != buckets_.end()) it->second.tokens = std::min(double(per_minute_), it->second.tokens + 1.0);
    }

private:
    struct Bucket { double tokens; Millis at; };
    int per_minute_;
    std::mutex mu_;
    std::map<std::string, Bucket> buckets_;
};

// How busy the desk is (open requests, helpers logged in), for the time promised to a new
// request. It changes slowly: read at most once a second, not twice for every request.
class DeskLoad {
public:
    std::pair<int, int> get(Store& store, Millis now) {
        std::lock_guard<std::mutex> lock(mu_);
        if (read_at_ == 0 || now - read_at_ >= 1000 || now < read_at_) {
            open_ = store.open_count();
            helpers_ = store.active_helpers(now);
            read_at_ = now;
        }
        return {open_, helpers_};
    }

private:
    std::mutex mu_;
    Millis read_at_ = 0;
    int open_ = 0, helpers_ = 0;
};

namespace {

constexpr const char* kCookie = "anxin_session";
constexpr Millis kSessionMs = 12LL * 60 * 60 * 1000;
constexpr size_t kMaxReportText = 500;
constexpr size_t kMaxOutcome = 500;
constexpr int kQueuePage = 50;      // open requests a queue read lists, unless it asks for more
constexpr int kMaxQueuePage = 500;
constexpr size_t kMaxScreenBytes = 256 * 1024;  // one screen's semantics tree, sent whole when sharing starts

}  // namespace

void reply(httplib::Response& res, int status, const json& body) {
    res.status = status;
    res.set_content(body.dump(), "application/json; charset=utf-8");
}

void error(httplib::Response& res, int status, const std::string& message) { reply(res, status, json{{"error", message}}); }

namespace {

// Bodies are small (8 KB) everywhere but where the app sends its screen (screen sharing).
bool too_large(const httplib::Request& req, httplib::Response& res, size_t max = HelpLimits::kMaxBodyBytes) {
    if (req.body.size() <= max) return false;
    error(res, 413, max == HelpLimits::kMaxBodyBytes ? "the request is larger than 8 KB" : "the request is too large");
    return true;
}

// How deeply arrays and objects nest (outside strings): JSON values are copied, printed
// and freed recursively, so a body nested thousands deep would exhaust a thread's stack.
int nesting_depth(const std::string& text) {
    int depth = 0, deepest = 0;
    bool in_string = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\') ++i;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            deepest = std::max(deepest, ++depth);
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return deepest;
}
constexpr int kMaxJsonDepth = 8;

}  // namespace

json parse_body(const httplib::Request& req, httplib::Response& res) {
    if (too_large(req, res)) return json(json::value_t::discarded);
    if (nesting_depth(req.body) > kMaxJsonDepth) {
        error(res, 400, "the body nests too deeply");
        return json(json::value_t::discarded);
    }
    json j = json::parse(req.body, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object()) error(res, 400, "the body must be a JSON object");
    return j;
}

std::string text_field(const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::optional<uint64_t> whole_number(const std::string& digits, size_t max_digits) {
    if (digits.empty() || digits.size() > max_digits || digits.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
    return std::stoull(digits);
}

std::string cookie_token(const httplib::Request& req) {
    const std::string cookies = req.get_header_value("Cookie");
    const std::string key = std::string(kCookie) + "=";
    for (size_t pos = 0; pos < cookies.size();) {
        size_t end = cookies.find(';', pos);
        if (end == std::string::npos) end = cookies.size();
        std::string part = cookies.substr(pos, end - pos);
        part.erase(0, part.find_first_not_of(' '));
        if (part.rfind(key, 0) == 0) return part.substr(key.size());
        pos = end + 1;
    }
    return {};
}

namespace {

// A state change from another site (a form or script elsewhere) is refused. The
// scheme must be the request's own: an http:// page cannot act on the HTTPS site.
bool same_origin(const httplib::Request& req, const Transport& transport) {
    const std::string origin = req.get_header_value("Origin");
    if (origin.empty()) return true;  // not sent by browsers for same-origin GET/HEAD; fetch() POSTs send it
    return origin == (is_https(req, transport) ? "https://" : "http://") + req.get_header_value("Host");
}

// The session cookie's attributes: Secure whenever the page is HTTPS.
std::string cookie_attributes(const httplib::Request& req, const Transport& transport) {
    return std::string("; HttpOnly; SameSite=Strict; Path=/") + (is_https(req, transport) ? "; Secure" : "");
}

// The guide step a report is about, what kind of problem, and what was said; "" or why not.
std::string read_report(const json& j, const std::vector<std::string>& known_guides, Report& r) {
    r.guide = text_field(j, "guide");
    if (std::find(known_guides.begin(), known_guides.end(), r.guide) == known_guides.end()) return "guide must be a known guide id";
    auto step = j.find("step");
    if (step == j.end() || !step->is_number_integer() || step->get<long long>() < 1 || step->get<long long>() > HelpLimits::kMaxStep)
        return "step must be a step number from 1";
    r.step = step->get<int>();
    ReportKind kind;
    r.kind = text_field(j, "kind");
    if (!report_kind_from(r.kind, kind)) return "kind must be step_wrong, does_not_match, screen_reader or other";
    r.text = text_field(j, "text");
    if (char_count(r.text) > kMaxReportText) return "text is longer than 500 characters";
    return {};
}

int priority_of(const HelpContext& c) { return (c.senior ? 1 : 0) + (c.screen_reader ? 1 : 0); }


}  // namespace

// What a helper sees of a number that is not theirs: "138****8000". The full number comes
// with the claim, which the audit log records.
std::string masked_phone(const std::string& phone) {
    // A mobile number keeps its first 3 and last 4 digits; anything shorter only its last 2.
    if (phone.size() >= 11) return phone.substr(0, 3) + "****" + phone.substr(phone.size() - 4);
    if (phone.size() <= 2) return std::string(phone.size(), '*');
    return std::string(phone.size() - 2, '*') + phone.substr(phone.size() - 2);
}

HelpApi::HelpApi(Store& store, ApiConfig config, const Content& guides, std::function<Millis()> clock)
    : store_(store), config_(std::move(config)), now_(std::move(clock)),
      public_limit_(std::make_unique<RateLimiter>(config_.public_rate_per_minute)),
      login_limit_(std::make_unique<RateLimiter>(config_.login_rate_per_minute)),
      code_limit_(std::make_unique<RateLimiter>(config_.code_rate_per_minute)),
      all_codes_limit_(std::make_unique<RateLimiter>(config_.code_rate_per_minute * 30)),
      coview_(std::make_unique<CoViewHub>(config_.coview)), kiosks_(std::make_unique<KioskRegistry>(store)),
      classes_(std::make_unique<ClassHub>(config_.classes)), desk_load_(std::make_unique<DeskLoad>()) {
    catalog_.set(guides);
}

HelpApi::~HelpApi() = default;

void HelpApi::housekeeping(Millis now) {
    coview_->expire(now);
    classes_->expire(now);
    follow_published_content();  // may throw StoreUnavailable: after the rest
}

// Another server process on the same database may have published: once the store has
// changed, the newest version is read again, and requests may name its guides.
void HelpApi::follow_published_content() {
    const uint64_t changes = store_.version();
    if (changes == content_checked_at_) return;
    std::lock_guard<std::mutex> lock(publishing_);
    const auto list = store_.content_versions(1);
    if (!list.empty() && !(newest_content_ && newest_content_->id >= list[0].id)) {
        auto full = store_.content_version(list[0].id);
        if (!full) return;
        const LoadedBundle b = load_content_bundle(content_bundle(full->id, full->files), config_.assets_dir);
        if (b.ok) catalog_.set(b.content);
        newest_content_ = std::make_shared<const ContentVersion>(std::move(*full));
    }
    content_checked_at_ = changes;  // only once read: a read the database refused is tried again
}

void HelpApi::stop() {
    stopping_ = true;
    classes_->stop();
}

std::optional<std::pair<Helper, Session>> HelpApi::signed_in(const httplib::Request& req, httplib::Response& res, bool state_change,
                                                              bool desk) {
    const std::string token = cookie_token(req);
    auto session = token.empty() ? std::nullopt : store_.session(hash_token(token), now_());
    if (!session) { error(res, 401, "please log in"); return std::nullopt; }
    if (state_change && (req.get_header_value("X-CSRF-Token") != session->csrf || !same_origin(req, config_.transport))) {
        error(res, 403, "missing or wrong X-CSRF-Token");
        return std::nullopt;
    }
    auto helper = store_.helper_by_id(session->helper_id);
    if (!helper || helper->disabled) { error(res, 401, "please log in"); return std::nullopt; }
    if (desk && helper->role == "volunteer") { error(res, 403, "volunteers teach classes; the help desk is for helpers"); return std::nullopt; }
    return std::make_pair(*helper, *session);
}

void HelpApi::install(httplib::Server& svr) {
    Store& store = store_;
    const ApiConfig& cfg = config_;
    auto& now = now_;
    RateLimiter& public_limit = *public_limit_;
    RateLimiter& login_limit = *login_limit_;
    KioskRegistry& kiosks = *kiosks_;
    DeskLoad& desk_load = *desk_load_;
    GuideCatalog& catalog = catalog_;
    std::mutex& publishing = publishing_;
    std::atomic<bool>& stopping = stopping_;

    const Transport& transport = cfg.transport;
    auto authed = [this](const httplib::Request& req, httplib::Response& res, bool state_change, bool desk = true) {
        return signed_in(req, res, state_change, desk);
    };

    // What a senior's app sees of its request.
    auto public_view = [&store, now](const HelpRequest& r) {
        const Millis t = now();
        const bool overdue = r.status != RequestStatus::Done && t > r.promised_at;
        json j{{"id", r.public_id},
               {"status", status_name(r.status)},
               {"helper", r.helper_name.empty() ? json(nullptr) : json(r.helper_name)},
               {"promised_at", r.promised_at},
               {"promise_minutes", std::max<Millis>(0, (r.promised_at - t + 59999) / 60000)},
               {"promise_ms", std::max<Millis>(0, r.promised_at - t)},  // the app shows it as a time of day
               {"overdue", overdue},
               {"escalated", r.escalated}};
        if (r.status == RequestStatus::Waiting) j["position"] = store.waiting_ahead(r.id) + 1;
        return j;
    };

    //-----------------------------------------------------------------------------
    // [SECTION] Public: call-back requests and reports
    //-----------------------------------------------------------------------------

    svr.Post("/api/help-requests", [&, public_view](const httplib::Request& req, httplib::Response& res) {
        if (!public_limit.allow(client_address(req, transport), now())) return error(res, 429, "too many requests; please wait a minute");
        if (too_large(req, res)) return;
        HelpRequestBody body;
        std::string why;
        if (!help_request_from_json(req.body, catalog.ids(), body, why)) return error(res, 400, why);
        const Millis t = now();
        const auto [ahead, logged_in] = desk_load.get(store, t);
        const int helpers = std::max(1, logged_in);
        const int minutes = std::clamp(cfg.minutes_per_request * (1 + ahead / helpers), 10, 120);
        const CreateResult r = store.create_request(body, priority_of(body.context), t, Millis(minutes) * 60000);
        if (r.request.id == 0) return error(res, 503, "the request could not be saved; please try again");
        if (r.created) kiosks.request_from(body.context.device, t);
        reply(res, r.created ? 201 : 200, public_view(r.request));
    });

    svr.Get(R"(/api/help-requests/([0-9a-f]{32}))", [&, public_view](const httplib::Request& req, httplib::Response& res) {
        auto r = store.request_by_public_id(req.matches[1]);
        if (!r) return error(res, 404, "no such request");
        reply(res, 200, public_view(*r));
    });
    svr.Get(R"(/api/help-requests/(.*))", [](const httplib::Request&, httplib::Response& res) { error(res, 404, "no such request"); });

    svr.Get("/api/guides", [&catalog](const httplib::Request&, httplib::Response& res) {
        res.set_content(catalog.json(), "application/json; charset=utf-8");
    });

    svr.Post("/api/reports", [&](const httplib::Request& req, httplib::Response& res) {
        if (!public_limit.allow(client_address(req, transport), now())) return error(res, 429, "too many requests; please wait a minute");
        const json j = parse_body(req, res);
        if (j.is_discarded() || !j.is_object()) return;
        Report r;
        if (const std::string why = read_report(j, catalog.ids(), r); !why.empty()) return error(res, 400, why);
        r.idempotency_key = text_field(j, "idempotency_key");
        if (!is_valid_idempotency_key(r.idempotency_key)) return error(res, 400, "idempotency_key must be 16 to 64 letters, digits or '-'");
        r.source = "user";
        r.created_at = now();
        const Report saved = store.add_report(r);
        if (saved.id == 0) return error(res, 503, "the report could not be saved; please try again");
        reply(res, 201, json{{"id", saved.public_id}, {"status", saved.status}});
    });

    svr.Get(R"(/api/reports/([0-9a-f]{32}))", [&](const httplib::Request& req, httplib::Response& res) {
        auto r = store.report_by_public_id(req.matches[1]);
        if (!r) return error(res, 404, "no such report");
        reply(res, 200, json{{"id", r->public_id}, {"status", r->status}, {"answer", r->answer}});
    });

    //-----------------------------------------------------------------------------
    // [SECTION] Console: login and session
    //-----------------------------------------------------------------------------

    svr.Post("/api/console/login", [&](const httplib::Request& req, httplib::Response& res) {
        if (!same_origin(req, transport)) return error(res, 403, "cross-site login refused");
        if (!login_limit.allow(client_address(req, transport), now())) return error(res, 429, "too many attempts; please wait a minute");
        const json j = parse_body(req, res);
        if (j.is_discarded() || !j.is_object()) return;
        auto helper = store.helper_by_username(text_field(j, "username"));
        // Verify even for an unknown name, so timing does not tell which names exist.
        static const std::string kDummy = hash_password("not a real password");
        const bool ok = verify_password(helper ? helper->password_hash : kDummy, text_field(j, "password"));
        if (!helper || !ok) return error(res, 401, "wrong name or password");
        if (helper->disabled) return error(res, 403, "这个账号已停用，请找管理员");
        const std::string token = random_hex(32);
        const Session session{helper->id, random_hex(16), now() + kSessionMs};
        store.add_session(hash_token(token), session);
        res.set_header("Set-Cookie", std::string(kCookie) + "=" + token + cookie_attributes(req, transport) + "; Max-Age=" +
                                         std::to_string(kSessionMs / 1000));
        reply(res, 200, json{{"id", helper->id}, {"username", helper->username}, {"name", helper->display_name}, {"role", helper->role},
                             {"csrf", session.csrf}});
    });

    svr.Post("/api/console/logout", [&, authed](const httplib::Request& req, httplib::Response& res) {
        if (!authed(req, res, true, false)) return;
        store.remove_session(hash_token(cookie_token(req)));
        res.set_header("Set-Cookie", std::string(kCookie) + "=" + cookie_attributes(req, transport) + "; Max-Age=0");
        reply(res, 200, json{{"ok", true}});
    });

    svr.Get("/api/console/me", [&, authed](const httplib::Request& req, httplib::Response& res) {
        auto a = authed(req, res, false, false);
        if (!a) return;
        reply(res, 200, json{{"id", a->first.id}, {"username", a->first.username}, {"name", a->first.display_name}, {"role", a->first.role},
                             {"csrf", a->second.csrf}});
    });

    //-----------------------------------------------------------------------------
    // [SECTION] Console: queue, claim, promise, outcome
    //-----------------------------------------------------------------------------

    // Everything a helper needs so the senior never repeats themselves.
    auto console_view = [now](const HelpRequest& r, int64_t me) {
        const Millis t = now();
        json ctx = json::parse(r.context_json, nullptr, false);
        const bool mine = r.helper_id == me && me != 0;
        return json{{"id", r.id},
                    {"phone", mine ? r.phone : masked_phone(r.phone)},
                    {"phone_hidden", !mine && !r.phone.empty()},
                    {"context", ctx.is_discarded() ? json::object() : ctx},
                    {"status", status_name(r.status)},
                    {"helper", r.helper_name},
                    {"mine", mine},
                    {"previous_helper", r.previous_helper_name},
                    {"returning_to_me", r.previous_helper_id == me && me != 0},
                    {"promised_at", r.promised_at},
                    {"overdue", r.status != RequestStatus::Done && t > r.promised_at},
                    {"escalated", r.escalated},
                    {"priority", r.priority},
                    {"outcome", r.outcome},
                    {"created_at", r.created_at},
                    {"closed_at", r.closed_at}};
    };

    // The first `limit` (50; 1 to 500) in queue order, and the helper's own claimed ones:
    // a busy city's queue can hold thousands, and every console reads it on every change.
    // `total` is how many are open in all.
    svr.Get("/api/console/queue", [&, authed, console_view](const httplib::Request& req, httplib::Response& res) {
        auto a = authed(req, res, false);
        if (!a) return;
        int limit = kQueuePage;
        if (req.has_param("limit")) {
            const auto n = whole_number(req.get_param_value("limit"), 3);
            if (!n || *n < 1 || *n > kMaxQueuePage) return error(res, 400, "limit must be a whole number from 1 to " + std::to_string(kMaxQueuePage));
            limit = int(*n);
        }
        const int64_t me = a->first.id;
        const Millis t = now();
        auto list = store.open_requests(t, me, limit);
        const int total = store.open_count();
        std::stable_sort(list.begin(), list.end(), [&](const HelpRequest& x, const HelpRequest& y) { return queue_before(x, y, t, me); });
        json out = json::array();
        for (const auto& r : list) out.push_back(console_view(r, me));
        reply(res, 200, json{{"requests", out}, {"total", std::max<int>(total, int(list.size()))}});
    });

    svr.Get("/api/console/history", [&, authed, console_view](const httplib::Request& req, httplib::Response& res) {
        auto a = authed(req, res, false);
        if (!a) return;
        json out = json::array();
        for (const auto& r : store.history(a->first.id, 100)) out.push_back(console_view(r, a->first.id));
        reply(res, 200, json{{"requests", out}});
    });

    svr.Post(R"(/api/console/requests/(\d{1,18})/claim)", [&, authed](const httplib::Request& req, httplib::Response& res) {
        auto a = authed(req, res, true);
        if (!a) return;
        const int64_t id = std::stoll(req.matches[1]);
        // The helper now sees the whole number (to call back): the claim records who saw which.
        if (!store.claim(id, a->first.id, now())) return error(res, 409, "someone else has this request, or it is finished");
        reply(res, 200, json{{"ok", true}});
    });

    svr.Post(R"(/api/console/requests/(\d{1,18})/promise)", [&, authed](const httplib::Request& req, httplib::Response& res) {
        auto a = authed(req, res, true);
        if (!a) return;
        const json j = parse_body(req, res);
        if (j.is_discarded() || !j.is_object()) return;
        auto m = j.find("minutes");
        if (m == j.end() || !m->is_number_integer() || m->get<long long>() < 1 || m->get<long long>() > 24 * 60)
            return error(res, 400, "minutes must be a whole number from 1 to 1440");
        if (!store.set_promise(std::stoll(req.matches[1]), a->first.id, now() + Millis(m->get<int>()) * 60000, now()))
            return error(res, 409, "claim the request first");
        reply(res, 200, json{{"ok", true}});
    });

    svr.Post(R"(/api/console/requests/(\d{1,18})/status)", [&, authed](const httplib::Request& req, httplib::Response& res) {
        auto a = authed(req, res, true);
        if (!a) return;
        const json j = parse_body(req, res);
        if (j.is_discarded() || !j.is_object()) return;
        RequestStatus status;
        if (!status_from(text_field(j, "status"), status) || status == RequestStatus::Waiting || status == RequestStatus::Accepted)
            return error(res, 400, "status must be calling or done");
        const std::string outcome = text_field(j, "outcome");
        if (char_count(outcome) > kMaxOutcome) return error(res, 400, "outcome is longer than 500 characters");
        if (status == RequestStatus::Done && outcome.empty()) return error(res, 400, "say what happened (outcome) before closing");
        if (!store.set_status(std::stoll(req.matches[1]), a->first.id, status, outcome, now()))
            return error(res, 409, "claim the request first");
        reply(res, 200, json{{"ok", true}});
    });

    //-----------------------------------------------------------------------------
    // [SECTION] Console: live events, reports
    //-----------------------------------------------------------------------------

    // Server-sent events: "change" whenever anything in the store changes, a comment every 15 s.
    // The stream ends within 3 s of its session ending (logged out elsewhere, disabled, new password).
    svr.Get("/api/console/events", [&, authed](const httplib::Request& req, httplib::Response& res) {
        if (!authed(req, res, false)) return;
        res.set_header("Cache-Control", "no-store");
        auto last = std::make_shared<uint64_t>(~0ULL);
        const std::string token_hash = hash_token(cookie_token(req));
        auto checked = std::make_shared<std::chrono::steady_clock::time_point>(std::chrono::steady_clock::now());
        res.set_chunked_content_provider("text/event-stream", [&store, &stopping, &now, last, token_hash, checked](size_t, httplib::DataSink& sink) {
            for (int waited = 0; !stopping; waited += 200) {
                const uint64_t v = store.version();
                const auto t = std::chrono::steady_clock::now();
                // A change may be this session's end; checked at most once a second, as a busy
                // desk changes many times a second and every console would read its session each time.
                if ((v != *last && t - *checked >= std::chrono::seconds(1)) || t - *checked >= std::chrono::seconds(3)) {
                    *checked = t;
                    try {
                        if (!store.session(token_hash, now())) break;
                    } catch (const StoreUnavailable&) {  // the database is away: the session has not ended
                    }
                }
                if (v != *last) {
                    *last = v;
                    const std::string msg = "event: change\ndata: " + std::to_string(v) + "\n\n";
                    return sink.write(msg.data(), msg.size());
                }
                if (waited >= 15000) return sink.write(": still here\n\n", 14);
                if (!sink.is_writable()) return false;
                std::this_thread::sleep_for(std::chrono::milliseconds(200));
            }
            sink.done();
            return true;
        });
    });

    svr.Get("/api/console/reports", [&, authed](const httplib::Request& req, httplib::Response& res) {
        if (!authed(req, res, false)) return;
        json out = json::array();
        for (const auto& r : store.reports())
            out.push_back(json{{"id", r.id}, {"guide", r.guide}, {"step", r.step}, {"kind", r.kind}, {"text", r.text},
                               {"source", r.source}, {"status", r.status}, {"answer", r.answer}, {"created_at", r.created_at}});
        reply(res, 200, json{{"reports", out}});
    });

    // Any helper can answer; only an admin (who edits the guides) can say a step is fixed.
    svr.Post(R"(/api/console/reports/(\d{1,18})/answer)", [&, authed](const httplib::Request& req, httplib::Response& res) {
        auto a = authed(req, res, true);
        if (!a) return;
        const json j = parse_body(req, res);
        if (j.is_discarded() || !j.is_object()) return;
        const std::string answer = text_field(j, "answer"), status = text_field(j, "status");
        if (answer.empty() || char_count(answer) > kMaxReportText) return error(res, 400, "answer must be 1 to 500 characters");
        if (status != "answered" && status != "fixed") return error(res, 400, "status must be answered or fixed");
        if (status == "fixed" && a->first.role != "admin" && a->first.role != "author")
            return error(res, 403, "only an author or an admin can mark a guide fixed");
        if (!store.answer_report(std::stoll(req.matches[1]), answer, status, now())) return error(res, 404, "no such report");
        reply(res, 200, json{{"ok", true}});
    });

    // A helper reports a step from the console (what a senior told them on the phone).
    svr.Post("/api/console/reports", [&, authed](const httplib::Request& req, httplib::Response& res) {
        if (!authed(req, res, true)) return;
        const json j = parse_body(req, res);
        if (j.is_discarded() || !j.is_object()) return;
        Report r;
        if (const std::string why = read_report(j, catalog.ids(), r); !why.empty()) return error(res, 400, why);
        r.source = "helper";
        r.created_at = now();
        const Report saved = store.add_report(r);
        if (saved.id == 0) return error(res, 503, "the report could not be saved; please try again");
        reply(res, 201, json{{"id", saved.public_id}});
    });

    //-----------------------------------------------------------------------------
    // [SECTION] Kiosks
    //-----------------------------------------------------------------------------

    svr.Post("/api/kiosks/heartbeat", [&](const httplib::Request& req, httplib::Response& res) {
        if (!public_limit.allow(client_address(req, transport), now())) return error(res, 429, "too many requests; please wait a minute");
        const json j = parse_body(req, res);
        if (j.is_discarded() || !j.is_object()) return;
        const std::string id = text_field(j, "id"), place = text_field(j, "place");
        if (!is_kiosk_id(id)) return error(res, 400, "id must be 1 to 24 letters, digits, '-', '_' or '.'");
        if (!place.empty() && !is_clean_text(place, 18)) return error(res, 400, "place must be short plain text");
        kiosks.heartbeat(id, place, now());
        reply(res, 200, json{{"ok", true}});
    });
    svr.Get("/api/console/kiosks", [&, authed](const httplib::Request& req, httplib::Response& res) {
        if (!authed(req, res, false)) return;
        const Millis t = now();
        json list = json::array();
        for (const KioskSeen& k : kiosks.list(t))
            list.push_back({{"place", k.label}, {"id", k.id}, {"last_seen", k.last_seen}, {"online", KioskRegistry::online(k, t)},
                            {"requests_today", k.requests_today}});
        reply(res, 200, json{{"kiosks", list}});
    });

    //-----------------------------------------------------------------------------
    // [SECTION] Screen sharing ("看着我的屏幕教我")
    //-----------------------------------------------------------------------------
    // The app's side is addressed by its secret token, the viewer's by theirs; the
    // 6-digit code only brings them together once. See server/coview.h.

    CoViewHub& hub = *coview_;
    RateLimiter& code_limit = *code_limit_;
    RateLimiter& all_codes_limit = *all_codes_limit_;
    svr.Post("/api/coview", [&](const httplib::Request& req, httplib::Response& res) {
        if (!public_limit.allow(client_address(req, transport), now())) return error(res, 429, "too many requests; please wait a minute");
        auto made = hub.create(now());
        if (!made) return error(res, 503, "too many screens are shared right now; please try again later");
        reply(res, 201, json{{"code", made->code}, {"token", made->app_token}, {"expires_in_ms", made->expires_in}});
    });
    auto app_state = [&hub, now](const std::string& token, httplib::Response& res) {
        auto v = hub.app_view(token, now());
        if (!v) return error(res, 404, "no such screen sharing");
        reply(res, 200, json{{"state", coview_state_name(v->state)}, {"viewer", v->viewer}, {"point", v->point_id},
                             {"point_seq", v->point_seq}, {"ends_in_ms", v->ends_in}, {"why", v->why}});
    };
    svr.Get(R"(/api/coview/([0-9a-f]{32}))", [&, app_state](const httplib::Request& req, httplib::Response& res) {
        app_state(req.matches[1], res);
    });
    svr.Post(R"(/api/coview/([0-9a-f]{32})/answer)", [&, app_state](const httplib::Request& req, httplib::Response& res) {
        const json j = parse_body(req, res);
        if (j.is_discarded() || !j.is_object()) return;
        if (!j.value("accept", json()).is_boolean()) return error(res, 400, "accept must be true or false");
        if (!hub.answer(req.matches[1], j["accept"].get<bool>(), now())) return error(res, 409, "nobody is asking to see this screen");
        app_state(req.matches[1], res);
    });
    svr.Post(R"(/api/coview/([0-9a-f]{32})/screen)", [&](const httplib::Request& req, httplib::Response& res) {
        if (too_large(req, res, kMaxScreenBytes)) return;
        if (nesting_depth(req.body) > kMaxJsonDepth) return error(res, 400, "the body nests too deeply");
        const json j = json::parse(req.body, nullptr, /*allow_exceptions=*/false);
        if (!j.is_object() || !j.contains("diff") || !j["diff"].is_object()) return error(res, 400, "the body must be {\"diff\": …, \"context\": …}");
        static const json no_context = json::object();
        const json& context = j.contains("context") ? j["context"] : no_context;
        const bool reset = j.contains("reset") && j["reset"].is_boolean() && j["reset"].get<bool>();
        if (!hub.update(req.matches[1], j["diff"], context, reset, now())) return error(res, 409, "this screen is not being shared");
        reply(res, 200, json{{"ok", true}});
    });
    svr.Post(R"(/api/coview/([0-9a-f]{32})/end)", [&](const httplib::Request& req, httplib::Response& res) {
        if (!hub.end_by_app(req.matches[1], now())) return error(res, 404, "no such screen sharing");
        reply(res, 200, json{{"ok", true}});
    });

    // The viewer: a helper in the console (named by their account) or family (who give a name).
    svr.Post("/api/coview/join", [&](const httplib::Request& req, httplib::Response& res) {
        // Every try takes a token, per address and overall; a right code gives it back, so
        // guessing is slowed down and a busy desk behind one address is not.
        const Millis t = now();
        const std::string who = client_address(req, transport);
        if (!code_limit.allow(who, t) || !all_codes_limit.allow("*", t)) {
            std::fprintf(stderr, "anxin_server: screen-sharing codes: too many wrong tries (from %s)\n", who.c_str());
            return error(res, 429, "too many tries; please wait a minute");
        }
        const json j = parse_body(req, res);
        if (j.is_discarded() || !j.is_object()) return;
        const std::string code = text_field(j, "code");
        std::string name = text_field(j, "name");
        bool helper_account = false;
        const std::string token = cookie_token(req);
        if (auto session = token.empty() ? std::nullopt : store.session(hash_token(token), t))
            if (auto helper = store.helper_by_id(session->helper_id); helper && helper->role != "volunteer") {
                name = helper->display_name;
                helper_account = true;
            }
        if (code.size() != 6 || code.find_first_not_of("0123456789") != std::string::npos) return error(res, 400, "the code is 6 digits");
        if (!is_clean_text(name, 12)) return error(res, 400, "say who you are (a name of up to 12 characters)");
        // The senior is told who asks; only a helper's account is named as the help desk.
        if (!helper_account && name.find("帮忙台") != std::string::npos) return error(res, 400, "that name is kept for the help desk");
        const std::string shown = helper_account ? "帮忙台的" + name : name;
        std::string viewer;
        const CoViewHub::Join joined = hub.join(code, shown, t, &viewer);
        if (joined == CoViewHub::Join::Ok) {
            code_limit.refund(who);
            all_codes_limit.refund("*");
            return reply(res, 201, json{{"viewer", viewer}});
        }
        std::fprintf(stderr, "anxin_server: screen-sharing code refused (%s, from %s)\n",
                     joined == CoViewHub::Join::NoSuchCode ? "not found" : "used or expired", who.c_str());
        if (joined == CoViewHub::Join::NoSuchCode) return error(res, 404, "no screen is waiting with this code");
        error(res, 410, "this code has expired or was used; ask for a new one");
    });
    // Server-sent events: "state" (waiting for the senior, live, ended) and the screen:
    // "snapshot" (the whole tree) then "update" (diffs), each with what the screen is about.
    svr.Get(R"(/api/coview/view/([0-9a-f]{32})/events)", [&](const httplib::Request& req, httplib::Response& res) {
        const std::string viewer = req.matches[1];
        if (!hub.open_stream(viewer)) return error(res, 409, "no such screen sharing, or it is already being watched");
        res.set_header("Cache-Control", "no-store");
        auto since = std::make_shared<uint64_t>(0);
        auto told = std::make_shared<std::string>();
        res.set_chunked_content_provider("text/event-stream", [&hub, &stopping, now, viewer, since, told](size_t, httplib::DataSink& sink) {
            for (int waited = 0; !stopping; waited += 250) {
                const CoViewFeed f = hub.feed(viewer, *since, now(), 250);
                std::string out;
                const std::string state = f.found ? coview_state_name(f.state) : "ended";
                if (state != *told) {
                    *told = state;
                    out += "event: state\ndata: " + json{{"state", state}, {"viewer", f.viewer}, {"why", f.why}}.dump() + "\n\n";
                }
                for (size_t i = 0; i < f.events.size(); ++i)
                    out += std::string("event: ") + (f.snapshot && i == 0 ? "snapshot" : "update") + "\ndata: " + f.events[i] + "\n\n";
                *since = f.seq;
                if (!out.empty()) {
                    if (!sink.write(out.data(), out.size())) return false;
                    if (state == "ended") { sink.done(); return true; }
                    return true;
                }
                if (waited >= 15000) return sink.write(": still here\n\n", 14);
                if (!sink.is_writable()) return false;
            }
            sink.done();
            return true;
        }, [&hub, viewer](bool) { hub.close_stream(viewer); });
    });
    svr.Post(R"(/api/coview/view/([0-9a-f]{32})/point)", [&](const httplib::Request& req, httplib::Response& res) {
        const json j = parse_body(req, res);
        if (j.is_discarded() || !j.is_object()) return;
        if (!j.value("id", json()).is_number_unsigned()) return error(res, 400, "id must be a node id");
        if (!hub.point(req.matches[1], j["id"].get<uint32_t>(), now())) return error(res, 409, "not on the screen being shared");
        reply(res, 200, json{{"ok", true}});
    });
    svr.Post(R"(/api/coview/view/([0-9a-f]{32})/end)", [&](const httplib::Request& req, httplib::Response& res) {
        if (!hub.end_by_viewer(req.matches[1], now())) return error(res, 404, "no such screen sharing");
        reply(res, 200, json{{"ok", true}});
    });

    //-----------------------------------------------------------------------------
    // [SECTION] Published content: the guides every app fetches, and authors' versions
    //-----------------------------------------------------------------------------

    // The newest version as the app takes it. ETag is the version; the app, whose fetch cannot
    // set headers, says the version it has as ?have=N. Either way, the same version is a 304.
    // The newest version stays in memory: a check is answered without reading the store.
    auto newest = [&]() -> std::shared_ptr<const ContentVersion> {
        std::lock_guard<std::mutex> lock(publishing);
        if (!newest_content_)
            if (auto v = store.content_version(0)) newest_content_ = std::make_shared<const ContentVersion>(std::move(*v));
        return newest_content_;
    };
    svr.Get("/api/content", [&, newest](const httplib::Request& req, httplib::Response& res) {
        auto v = newest();
        if (!v) return error(res, 404, "no content is published");
        const std::string etag = "\"" + std::to_string(v->id) + "\"";
        res.set_header("ETag", etag);
        res.set_header("Cache-Control", "no-cache");
        if (req.get_header_value("If-None-Match") == etag || req.get_param_value("have") == std::to_string(v->id)) {
            res.status = 304;
            return;
        }
        res.status = 200;
        res.set_content(content_bundle(v->id, v->files), "application/json; charset=utf-8");
    });

    // Authors (and admins) read the versions, publish, and roll back.
    auto author = [&, authed](const httplib::Request& req, httplib::Response& res, bool state_change) -> std::optional<Helper> {
        auto a = authed(req, res, state_change, false);
        if (!a) return std::nullopt;
        if (a->first.role != "author" && a->first.role != "admin") { error(res, 403, "only authors and admins change guides"); return std::nullopt; }
        return a->first;
    };
    auto version_json = [](const ContentVersion& v) {
        return json{{"version", v.id}, {"author", v.author}, {"note", v.note}, {"created_at", v.created_at}, {"bytes", v.bytes}};
    };
    // Checks files with the app's own validator; publishes them, or answers 422 with its messages.
    // Reports the version fixes are marked fixed, and their senders' apps say so.
    auto publish = [&, version_json](httplib::Response& res, const Helper& who, const std::string& note, const std::string& files,
                                     int64_t base, const std::vector<int64_t>& fixes = {}) {
        const LoadedBundle b = load_content_bundle(content_bundle(1, files), cfg.assets_dir);
        if (!b.ok) return reply(res, 422, json{{"error", "the guides have problems; nothing was published"}, {"problems", b.problems}});
        std::lock_guard<std::mutex> lock(publishing);  // the newest version and the catalog change together
        ContentVersion v{0, who.display_name, note, now(), files};
        // Saved only if no one published meanwhile, through this process or another.
        v.id = store.add_content_version(v, base > 0 ? base : Store::kAnyVersion);
        if (!v.id) {
            auto last = store.content_version(0);
            if (base > 0 && last && last->id != base)
                return reply(res, 409, json{{"error", "version " + std::to_string(last->id) + " was published after the one this draft started from"},
                                            {"newest", last->id}});
            return error(res, 500, "could not save the version");
        }
        v.bytes = files.size();
        catalog.set(b.content);  // requests and reports may name its guides from now on
        newest_content_ = std::make_shared<const ContentVersion>(v);
        json fixed = json::array();
        if (!fixes.empty())
            for (const Report& r : store.reports())
                if (std::find(fixes.begin(), fixes.end(), r.id) != fixes.end() &&
                    store.answer_report(r.id, "您说的第 " + std::to_string(r.step) + " 步已经改好了。", "fixed", now()))
                    fixed.push_back(r.id);
        json out = version_json(v);
        out["fixed_reports"] = fixed;
        reply(res, 201, out);
    };
    // The body of a publish or a check: {"files": {...}} (and a note, and reports it fixes).
    auto content_body = [](const httplib::Request& req, httplib::Response& res) -> json {
        if (too_large(req, res, BundleLimits::kMaxBytes)) return json(json::value_t::discarded);
        if (nesting_depth(req.body) > 16) { error(res, 400, "the body nests too deeply"); return json(json::value_t::discarded); }
        json j = json::parse(req.body, nullptr, false);
        if (j.is_discarded() || !j.is_object() || !j.contains("files") || !j["files"].is_object()) {
            error(res, 400, "the body must be {\"note\": \"what changed\", \"files\": {...}}");
            return json(json::value_t::discarded);
        }
        return j;
    };
    // The editor's live check: the validator's messages, nothing stored.
    svr.Post("/api/console/content/check", [&, author, content_body](const httplib::Request& req, httplib::Response& res) {
        if (!author(req, res, true)) return;
        const json j = content_body(req, res);
        if (j.is_discarded()) return;
        const LoadedBundle b = load_content_bundle(content_bundle(1, j["files"].dump()), cfg.assets_dir);
        reply(res, 200, json{{"ok", b.ok}, {"problems", b.problems}});
    });

    svr.Get("/api/console/content", [&, author, version_json](const httplib::Request& req, httplib::Response& res) {
        if (!author(req, res, false)) return;
        json list = json::array();
        for (const ContentVersion& v : store.content_versions(100)) list.push_back(version_json(v));
        reply(res, 200, json{{"versions", list}});
    });
    svr.Get(R"(/api/console/content/(\d{1,9}))", [&, author](const httplib::Request& req, httplib::Response& res) {
        if (!author(req, res, false)) return;
        auto v = store.content_version(std::stoll(req.matches[1]));
        if (!v) return error(res, 404, "no such version");
        res.status = 200;
        res.set_content(content_bundle(v->id, v->files), "application/json; charset=utf-8");
    });
    svr.Post("/api/console/content", [&, author, publish, content_body](const httplib::Request& req, httplib::Response& res) {
        auto who = author(req, res, true);
        if (!who) return;
        const json j = content_body(req, res);
        if (j.is_discarded()) return;
        const std::string note = text_field(j, "note");
        if (!is_clean_text(note, 80)) return error(res, 400, "note: say in 1 to 80 characters what changed");
        std::vector<int64_t> fixes;
        if (auto f = j.find("fixes"); f != j.end() && f->is_array())
            for (const json& id : *f)
                if (id.is_number_integer() && fixes.size() < 50) fixes.push_back(id.get<int64_t>());
        // The version the draft started from: publishing over someone else's newer version is refused (409).
        const int64_t base = j.value("base", json()).is_number_integer() ? j["base"].get<int64_t>() : 0;
        publish(res, *who, note, j["files"].dump(), base, fixes);
    });
    svr.Post("/api/console/content/rollback", [&, author, publish](const httplib::Request& req, httplib::Response& res) {
        auto who = author(req, res, true);
        if (!who) return;
        const json j = parse_body(req, res);
        if (j.is_discarded() || !j.is_object()) return;
        if (!j.value("version", json()).is_number_integer()) return error(res, 400, "version: the number of the version to go back to");
        auto old = store.content_version(std::max<int64_t>(1, j["version"].get<int64_t>()));
        if (!old) return error(res, 404, "no such version");
        publish(res, *who, "回到第 " + std::to_string(old->id) + " 版", old->files, 0);
    });

    //-----------------------------------------------------------------------------
    // [SECTION] Workshop classes
    //-----------------------------------------------------------------------------
    // The volunteer starts and leads a class from the console (or the projector, which
    // holds the class's secret id); seniors join with its 6-digit code and are addressed
    // by their own token after that. See server/classes.h.

    ClassHub& classes = *classes_;
    constexpr int kWaitMs = 20000;  // a follower's call waits this long for a change
    auto since_of = [](const httplib::Request& req) -> uint64_t {
        return whole_number(req.get_param_value("since"), 18).value_or(0);
    };
    auto class_json = [](const ClassView& v) {
        return json{{"guide", v.guide}, {"step", v.step}, {"steps", v.steps}, {"version", v.version},
                    {"ended", v.ended}, {"volunteer", v.volunteer}, {"hand", v.hand_up}};
    };
    // A volunteer's (or an admin's) own class, or an error reply.
    auto teacher = [&, authed](const httplib::Request& req, httplib::Response& res, bool state_change) -> std::optional<Helper> {
        auto a = authed(req, res, state_change, false);
        if (!a) return std::nullopt;
        if (a->first.role != "volunteer" && a->first.role != "admin") { error(res, 403, "only volunteers and admins run classes"); return std::nullopt; }
        return a->first;
    };
    auto own_class = [&, teacher](const httplib::Request& req, httplib::Response& res, bool state_change) -> bool {
        auto t = teacher(req, res, state_change);
        if (!t) return false;
        if (!classes.owned_by(req.matches[1], t->id) && t->role != "admin") { error(res, 404, "no such class"); return false; }
        return true;
    };
    auto step_of = [](const json& j, int* step) {
        if (!j.is_object() || !j.value("step", json()).is_number_integer()) return false;
        *step = int(std::clamp<int64_t>(j["step"].get<int64_t>(), -1, 1000));
        return true;
    };

    svr.Post("/api/console/classes", [&, teacher](const httplib::Request& req, httplib::Response& res) {
        auto t = teacher(req, res, true);
        if (!t) return;
        const json j = parse_body(req, res);
        if (j.is_discarded() || !j.is_object()) return;
        const std::string guide = text_field(j, "guide");
        const int steps = catalog.steps(guide);
        if (!steps) return error(res, 400, "guide must be one of the app's guides");
        auto started = classes.start(t->id, t->display_name, guide, steps, now());
        if (!started) return error(res, 503, "too many classes right now; please try again later");
        reply(res, 201, json{{"id", started->id}, {"code", started->code}, {"guide", guide}, {"steps", steps}});
    });
    svr.Get("/api/console/classes", [&, teacher](const httplib::Request& req, httplib::Response& res) {
        auto t = teacher(req, res, false);
        if (!t) return;
        reply(res, 200, json{{"classes", classes.classes_of(t->id, now())}});
    });
    svr.Get(R"(/api/console/classes/([0-9a-f]{32}))", [&, own_class, since_of](const httplib::Request& req, httplib::Response& res) {
        if (!own_class(req, res, false)) return;
        auto d = classes.dashboard(req.matches[1], since_of(req), now(), kWaitMs);
        if (!d) return error(res, 404, "no such class");
        res.set_header("Cache-Control", "no-store");
        reply(res, 200, *d);
    });
    svr.Post(R"(/api/console/classes/([0-9a-f]{32})/step)", [&, own_class, step_of](const httplib::Request& req, httplib::Response& res) {
        if (!own_class(req, res, true)) return;
        int step = 0;
        if (!step_of(parse_body(req, res), &step)) return res.body.empty() ? error(res, 400, "step must be a step number") : void();
        if (!classes.set_step(req.matches[1], step, now())) return error(res, 409, "no such step, or the class has ended");
        reply(res, 200, json{{"ok", true}, {"step", step}});
    });
    svr.Post(R"(/api/console/classes/([0-9a-f]{32})/end)", [&, own_class](const httplib::Request& req, httplib::Response& res) {
        if (!own_class(req, res, true)) return;
        if (!classes.end(req.matches[1], now())) return error(res, 409, "the class has ended already");
        reply(res, 200, json{{"ok", true}});
    });
    svr.Post(R"(/api/console/classes/([0-9a-f]{32})/handled)", [&, own_class](const httplib::Request& req, httplib::Response& res) {
        if (!own_class(req, res, true)) return;
        const json j = parse_body(req, res);
        if (j.is_discarded()) return;
        if (!j.is_object() || !j.value("number", json()).is_number_integer()) return error(res, 400, "number must be a participant's number");
        if (!classes.handled(req.matches[1], int(std::clamp<int64_t>(j["number"].get<int64_t>(), 0, 100000)), now()))
            return error(res, 404, "no such participant");
        reply(res, 200, json{{"ok", true}});
    });

    // The projector: the class's secret id is its address (/#present=<id>), like a key.
    svr.Get(R"(/api/classes/present/([0-9a-f]{32}))", [&, since_of, class_json](const httplib::Request& req, httplib::Response& res) {
        auto v = classes.present(req.matches[1], since_of(req), now(), kWaitMs);
        if (!v) return error(res, 404, "no such class");
        json j = class_json(*v);
        j["code"] = v->code;
        res.set_header("Cache-Control", "no-store");
        reply(res, 200, j);
    });
    svr.Post(R"(/api/classes/present/([0-9a-f]{32})/step)", [&, step_of](const httplib::Request& req, httplib::Response& res) {
        int step = 0;
        if (!step_of(parse_body(req, res), &step)) return res.body.empty() ? error(res, 400, "step must be a step number") : void();
        if (!classes.set_step(req.matches[1], step, now())) return error(res, 409, "no such step, or the class has ended");
        reply(res, 200, json{{"ok", true}, {"step", step}});
    });

    // Seniors: the code once (wrong ones rate-limited like screen-sharing codes), then their token.
    svr.Post("/api/classes/join", [&, class_json](const httplib::Request& req, httplib::Response& res) {
        const Millis t = now();
        const std::string who = client_address(req, transport);
        if (!code_limit.allow(who, t) || !all_codes_limit.allow("*", t)) return error(res, 429, "too many tries; please wait a minute");
        const json j = parse_body(req, res);
        if (j.is_discarded() || !j.is_object()) return;
        const std::string code = text_field(j, "code"), nickname = text_field(j, "nickname");
        if (code.size() != 6 || code.find_first_not_of("0123456789") != std::string::npos) return error(res, 400, "the code is 6 digits");
        std::string token;
        ClassView v;
        switch (classes.join(code, nickname, t, &token, &v)) {
            case ClassHub::Join::Ok: {
                code_limit.refund(who);
                all_codes_limit.refund("*");
                json out = class_json(v);
                out["token"] = token;
                return reply(res, 201, out);
            }
            case ClassHub::Join::NoSuchCode: return error(res, 404, "no class has this code");
            case ClassHub::Join::Ended: return error(res, 410, "this class has ended");
            case ClassHub::Join::Full: return error(res, 409, "this class is full");
            case ClassHub::Join::BadNickname: return error(res, 400, "a nickname is plain text of up to 8 characters");
        }
    });
    svr.Get(R"(/api/classes/([0-9a-f]{32}))", [&, since_of, class_json](const httplib::Request& req, httplib::Response& res) {
        auto v = classes.follow(req.matches[1], since_of(req), now(), kWaitMs);
        if (!v) return error(res, 404, "no such class member");
        res.set_header("Cache-Control", "no-store");
        reply(res, 200, class_json(*v));
    });
    svr.Post(R"(/api/classes/([0-9a-f]{32})/progress)", [&](const httplib::Request& req, httplib::Response& res) {
        const json j = parse_body(req, res);
        if (j.is_discarded() || !j.is_object()) return;
        auto integer = [&](const char* key) { return j.value(key, json()).is_number_integer() ? int(std::clamp<int64_t>(j[key].get<int64_t>(), 0, 1000)) : 0; };
        auto flag = [&](const char* key, bool def) { return j.value(key, json()).is_boolean() ? j[key].get<bool>() : def; };
        if (!classes.progress(req.matches[1], integer("step"), integer("misses"), flag("finished", false), flag("following", true), now()))
            return error(res, 404, "no such class member, or the class has ended");
        reply(res, 200, json{{"ok", true}});
    });
    svr.Post(R"(/api/classes/([0-9a-f]{32})/hand)", [&](const httplib::Request& req, httplib::Response& res) {
        const json j = parse_body(req, res);
        if (j.is_discarded() || !j.is_object()) return;
        if (!j.value("up", json()).is_boolean()) return error(res, 400, "up must be true or false");
        if (!classes.hand(req.matches[1], j["up"].get<bool>(), now())) return error(res, 404, "no such class member, or the class has ended");
        reply(res, 200, json{{"ok", true}});
    });
    svr.Post(R"(/api/classes/([0-9a-f]{32})/leave)", [&](const httplib::Request& req, httplib::Response& res) {
        if (!classes.leave(req.matches[1], now())) return error(res, 404, "no such class member");
        reply(res, 200, json{{"ok", true}});
    });

    install_accounts(svr);  // accounts_api.cpp

    //-----------------------------------------------------------------------------
    // [SECTION] Static pages and errors
    //-----------------------------------------------------------------------------

    if (!cfg.console_dir.empty()) svr.set_mount_point("/console", cfg.console_dir);
    if (!cfg.dist_dir.empty()) svr.set_mount_point("/", cfg.dist_dir);
    svr.set_file_extension_and_mimetype_mapping("wasm", "application/wasm");
    svr.set_file_extension_and_mimetype_mapping("data", "application/octet-stream");
    svr.set_default_headers({{"X-Content-Type-Options", "nosniff"}, {"Referrer-Policy", "no-referrer"}});
    // An HTTPS site tells browsers to keep to HTTPS (every answer: pages, files, errors, streams).
    svr.set_post_routing_handler([&transport](const httplib::Request& req, httplib::Response& res) {
        if (is_https(req, transport)) res.set_header("Strict-Transport-Security", "max-age=31536000");
    });
    // Only an author's published guides may be large; anything else over a screen's size is refused
    // before its body is read. Each endpoint then holds its own, smaller limit.
    svr.set_payload_max_length(BundleLimits::kMaxBytes);
    svr.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
        const bool content = req.path.rfind("/api/console/content", 0) == 0;
        if (content || req.get_header_value<uint64_t>("Content-Length") <= kMaxScreenBytes) return httplib::Server::HandlerResponse::Unhandled;
        error(res, 413, "the request is too large");
        res.set_header("Connection", "close");  // its body was not read: the connection cannot carry another request
        return httplib::Server::HandlerResponse::Handled;
    });
    // The database cannot be reached (PostgreSQL down or restarting): nothing was acknowledged,
    // so the app's outbox and the console try again after Retry-After.
    svr.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
        try {
            std::rethrow_exception(ep);
        } catch (const StoreUnavailable& e) {
            std::fprintf(stderr, "anxin_server: %s %s: %s\n", req.method.c_str(), req.path.c_str(), e.what());
            res.set_header("Retry-After", "2");
            error(res, 503, "the help desk's database is not reachable; please try again in a moment");
        } catch (const std::exception& e) {
            std::fprintf(stderr, "anxin_server: %s %s: %s\n", req.method.c_str(), req.path.c_str(), e.what());
            error(res, 500, "the request could not be handled");
        } catch (...) {
            error(res, 500, "the request could not be handled");
        }
    });
    svr.set_error_handler([](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) return;
        if (res.status == 413) return error(res, 413, "the request is larger than 8 KB");
        if (res.status == 404) return error(res, 404, "not found");
        error(res, res.status, "the request could not be handled");
    });
}

}  // namespace anxin::server
