#include "server/coview.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "server/secrets.h"

namespace anxin::server {

using nlohmann::json;

const char* coview_state_name(CoViewState s) {
    switch (s) {
        case CoViewState::Waiting: return "waiting";
        case CoViewState::Asking: return "asking";
        case CoViewState::Live: return "live";
        case CoViewState::Ended: return "ended";
    }
    return "ended";
}

namespace {
// A node id as sent (JSON numbers; ids are 32-bit).
std::optional<uint32_t> node_id(const json& j) {
    if (!j.is_number_integer() || j.get<int64_t>() < 0 || j.get<int64_t>() > int64_t(UINT32_MAX)) return std::nullopt;
    return uint32_t(j.get<int64_t>());
}

// A node rebuilt from the fields a replica needs, each checked and bounded: whatever
// else an app (or anyone) sends is not kept or passed on.
std::optional<json> clean_node(const json& n) {
    if (!n.is_object()) return std::nullopt;
    const auto id = n.contains("id") ? node_id(n["id"]) : std::nullopt;
    if (!id) return std::nullopt;
    json out = {{"id", *id}};
    auto text = [&](const char* key, size_t max_bytes) {
        if (auto it = n.find(key); it != n.end() && it->is_string() && it->get_ref<const std::string&>().size() <= max_bytes) out[key] = *it;
    };
    text("role", 16);
    text("name", 1500);
    text("value", 1500);
    for (const char* key : {"parent", "container", "index", "level"})
        if (auto it = n.find(key); it != n.end() && it->is_number_integer()) out[key] = *it;
    for (const char* key : {"checked", "disabled", "focused", "clipped", "phone", "invalid"})
        if (auto it = n.find(key); it != n.end() && it->is_boolean()) out[key] = *it;
    if (auto it = n.find("fontPx"); it != n.end() && it->is_number()) out["fontPx"] = *it;
    if (auto it = n.find("rect"); it != n.end() && it->is_array() && it->size() == 4 &&
                                  std::all_of(it->begin(), it->end(), [](const json& v) { return v.is_number(); }))
        out["rect"] = *it;
    if (auto it = n.find("actions"); it != n.end() && it->is_array() && it->size() <= 8) {
        json actions = json::array();
        for (const json& a : *it)
            if (a.is_string() && a.get_ref<const std::string&>().size() <= 16) actions.push_back(a);
        out["actions"] = actions;
    }
    return out;
}

json clean_context(const json& c) {
    json out = json::object();
    if (!c.is_object()) return out;
    if (auto it = c.find("guide"); it != c.end() && it->is_string() && it->get_ref<const std::string&>().size() <= 200) out["guide"] = *it;
    if (auto it = c.find("screen"); it != c.end() && it->is_string() && it->get_ref<const std::string&>().size() <= 40) out["screen"] = *it;
    for (const char* key : {"step", "steps"})
        if (auto it = c.find(key); it != c.end() && it->is_number_integer()) out[key] = *it;
    if (auto it = c.find("viewport"); it != c.end() && it->is_array() && it->size() == 2 && (*it)[0].is_number() && (*it)[1].is_number())
        out["viewport"] = *it;
    return out;
}
}  // namespace

CoViewHub::CoViewHub(CoViewLimits limits) : limits_(limits) {}

CoViewHub::Session* CoViewHub::by_app(const std::string& token) {
    auto it = sessions_.find(token);
    return it == sessions_.end() ? nullptr : &it->second;
}

CoViewHub::Session* CoViewHub::by_viewer(const std::string& token) {
    if (token.empty()) return nullptr;
    for (auto& [key, s] : sessions_)
        if (s.viewer_token == token) return &s;
    return nullptr;
}

void CoViewHub::end(Session& s, const char* why, Millis now) {
    if (s.state == CoViewState::Ended) return;
    s.state = CoViewState::Ended;
    s.why = why;
    s.ended_at = now;
    // Nothing of the stream is kept once it ends.
    s.nodes.clear();
    s.order.clear();
    s.backlog.clear();
    s.context = json::object();
    ++s.seq;
    changed_.notify_all();
}

void CoViewHub::expire_locked(Millis now) {
    for (auto it = sessions_.begin(); it != sessions_.end();) {
        Session& s = it->second;
        if (s.state == CoViewState::Waiting && now >= s.code_expires) end(s, "time", now);
        if (s.state == CoViewState::Asking && now - s.asked >= limits_.code_ttl) end(s, "time", now);  // never answered
        if (s.state == CoViewState::Live && now - s.started >= limits_.max_live) end(s, "time", now);
        if (s.state != CoViewState::Ended && now - s.app_seen >= limits_.app_silence) end(s, "closed", now);
        // An ended session is remembered a minute, so both sides can learn how it ended.
        if (s.state == CoViewState::Ended && now - s.ended_at > 60 * 1000) it = sessions_.erase(it);
        else ++it;
    }
}

void CoViewHub::expire(Millis now) {
    std::lock_guard<std::mutex> lock(mu_);
    expire_locked(now);
}

size_t CoViewHub::stored_nodes() {
    std::lock_guard<std::mutex> lock(mu_);
    size_t n = 0;
    for (auto& [k, s] : sessions_) n += s.nodes.size() + s.backlog.size();
    return n;
}

bool CoViewHub::open_stream(const std::string& viewer_token) {
    std::lock_guard<std::mutex> lock(mu_);
    Session* s = by_viewer(viewer_token);
    if (!s || s->streaming) return false;
    s->streaming = true;
    return true;
}

void CoViewHub::close_stream(const std::string& viewer_token) {
    std::lock_guard<std::mutex> lock(mu_);
    if (Session* s = by_viewer(viewer_token)) s->streaming = false;
}

size_t CoViewHub::live_count() {
    std::lock_guard<std::mutex> lock(mu_);
    size_t n = 0;
    for (auto& [k, s] : sessions_) n += s.state == CoViewState::Live;
    return n;
}

std::optional<CoViewHub::Created> CoViewHub::create(Millis now) {
    std::lock_guard<std::mutex> lock(mu_);
    expire_locked(now);
    if (sessions_.size() >= limits_.max_sessions) return std::nullopt;
    std::string code;
    for (bool taken = true; taken;) {  // unique among the codes that could still be entered
        code = std::to_string(std::stoul(random_hex(4), nullptr, 16) % 1000000);
        code.insert(0, 6 - code.size(), '0');
        taken = false;
        for (auto& [k, s] : sessions_) taken = taken || (s.code == code && s.state == CoViewState::Waiting);
    }
    Session s;
    s.code = code;
    s.app_token = random_hex(16);
    s.created = s.app_seen = now;
    s.code_expires = now + limits_.code_ttl;
    const std::string token = s.app_token;
    sessions_.emplace(token, std::move(s));
    return Created{code, token, limits_.code_ttl};
}

CoViewHub::Join CoViewHub::join(const std::string& code, const std::string& viewer_name, Millis now, std::string* viewer_token) {
    std::lock_guard<std::mutex> lock(mu_);
    expire_locked(now);
    // A code is unique among the sessions still waiting for it; an older session with the
    // same digits (used or timed out) only explains why a code no longer works.
    Session* found = nullptr;
    Join otherwise = Join::NoSuchCode;
    for (auto& [k, s] : sessions_) {
        if (s.code != code) continue;
        if (s.state == CoViewState::Waiting && !s.code_used) found = &s;
        else otherwise = s.code_used ? Join::Used : Join::Expired;
    }
    if (!found) return otherwise;
    found->code_used = true;
    found->asked = now;
    found->viewer = viewer_name;
    found->viewer_token = random_hex(16);
    found->state = CoViewState::Asking;
    ++found->seq;
    *viewer_token = found->viewer_token;
    changed_.notify_all();
    return Join::Ok;
}

std::optional<CoViewAppView> CoViewHub::app_view(const std::string& app_token, Millis now) {
    std::lock_guard<std::mutex> lock(mu_);
    expire_locked(now);
    Session* s = by_app(app_token);
    if (!s) return std::nullopt;
    if (s->state != CoViewState::Ended) s->app_seen = now;
    CoViewAppView v;
    v.state = s->state;
    v.viewer = s->viewer;
    v.point_id = s->point_id;
    v.point_seq = s->point_seq;
    v.ends_in = s->state == CoViewState::Live ? limits_.max_live - (now - s->started) : 0;
    v.why = s->why;
    return v;
}

bool CoViewHub::answer(const std::string& app_token, bool accept, Millis now) {
    std::lock_guard<std::mutex> lock(mu_);
    expire_locked(now);
    Session* s = by_app(app_token);
    if (!s || s->state != CoViewState::Asking) return false;
    s->app_seen = now;
    if (!accept) {
        end(*s, "refused", now);
        return true;
    }
    s->state = CoViewState::Live;
    s->started = now;
    ++s->seq;
    changed_.notify_all();
    return true;
}

bool CoViewHub::update(const std::string& app_token, const json& diff, const json& context, bool reset, Millis now) {
    std::lock_guard<std::mutex> lock(mu_);
    Session* s = by_app(app_token);
    if (!s || s->state != CoViewState::Live) return false;
    s->app_seen = now;
    if (!diff.is_object()) return false;
    if (reset) {
        s->nodes.clear();
        s->order.clear();
    }
    // The diff passed on is rebuilt from what was kept, never the bytes as sent.
    json clean = {{"remove", json::array()}, {"add", json::array()}, {"update", json::array()}, {"reset", reset}};
    if (auto r = diff.find("remove"); r != diff.end() && r->is_array())
        for (const json& j : *r)
            if (auto id = node_id(j); id && s->nodes.erase(*id)) {
                s->order.erase(std::find(s->order.begin(), s->order.end(), *id));
                clean["remove"].push_back(*id);
            }
    for (const char* key : {"add", "update"}) {
        auto list = diff.find(key);
        if (list == diff.end() || !list->is_array()) continue;
        for (const json& raw : *list) {
            auto n = clean_node(raw);
            if (!n) continue;
            const uint32_t id = (*n)["id"].get<uint32_t>();
            if (!s->nodes.count(id)) {
                if (s->nodes.size() >= limits_.max_nodes) continue;
                s->order.push_back(id);
            }
            s->nodes[id] = *n;
            clean[key].push_back(std::move(*n));
        }
    }
    s->context = clean_context(context);
    ++s->seq;
    json event = {{"seq", s->seq}, {"diff", clean}, {"context", s->context}};
    s->backlog.emplace_back(s->seq, event.dump(-1, ' ', false, json::error_handler_t::replace));
    size_t bytes = 0;
    for (const auto& [seq, text] : s->backlog) bytes += text.size();
    while (s->backlog.size() > limits_.max_backlog || (bytes > limits_.max_backlog_bytes && s->backlog.size() > 1)) {
        bytes -= s->backlog.front().second.size();
        s->backlog.pop_front();
    }
    changed_.notify_all();
    return true;
}

bool CoViewHub::point(const std::string& viewer_token, uint32_t node_id, Millis now) {
    std::lock_guard<std::mutex> lock(mu_);
    expire_locked(now);
    Session* s = by_viewer(viewer_token);
    if (!s || s->state != CoViewState::Live || !s->nodes.count(node_id)) return false;
    s->point_id = node_id;
    ++s->point_seq;
    return true;
}

bool CoViewHub::end_by_app(const std::string& app_token, Millis now) {
    std::lock_guard<std::mutex> lock(mu_);
    Session* s = by_app(app_token);
    if (!s) return false;
    end(*s, "app", now);
    return true;
}

bool CoViewHub::end_by_viewer(const std::string& viewer_token, Millis now) {
    std::lock_guard<std::mutex> lock(mu_);
    Session* s = by_viewer(viewer_token);
    if (!s) return false;
    end(*s, "viewer", now);
    return true;
}

std::string CoViewHub::snapshot_json(const Session& s) const {
    json nodes = json::array();
    for (uint32_t id : s.order) nodes.push_back(s.nodes.at(id));
    return json{{"seq", s.seq}, {"nodes", nodes}, {"context", s.context}}.dump(-1, ' ', false, json::error_handler_t::replace);
}

CoViewFeed CoViewHub::feed(const std::string& viewer_token, uint64_t since, Millis now, int wait_ms) {
    std::unique_lock<std::mutex> lock(mu_);
    expire_locked(now);
    auto current = [&]() -> Session* { return by_viewer(viewer_token); };
    Session* s = current();
    if (s && s->seq == since && s->state != CoViewState::Ended)
        changed_.wait_for(lock, std::chrono::milliseconds(wait_ms), [&] { Session* x = current(); return !x || x->seq != since; });
    s = current();
    CoViewFeed f;
    if (!s) return f;
    f.found = true;
    f.state = s->state;
    f.viewer = s->viewer;
    f.why = s->why;
    f.seq = s->seq;
    if (s->state != CoViewState::Live || s->seq == since) return f;
    const bool in_backlog = since > 0 && !s->backlog.empty() && s->backlog.front().first <= since + 1;
    if (!in_backlog) {
        f.snapshot = true;
        f.events.push_back(snapshot_json(*s));
        return f;
    }
    for (const auto& [seq, text] : s->backlog)
        if (seq > since) f.events.push_back(text);
    return f;
}

}  // namespace anxin::server
