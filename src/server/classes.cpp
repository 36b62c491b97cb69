#include "server/classes.h"

#include <algorithm>
#include <chrono>

#include "core/settings.h"
#include "server/secrets.h"

namespace anxin::server {

using nlohmann::json;

ClassHub::ClassHub(ClassLimits limits) : limits_(limits) {}

ClassHub::Class* ClassHub::by_id(const std::string& id) {
    auto it = classes_.find(id);
    return it == classes_.end() ? nullptr : &it->second;
}

std::pair<ClassHub::Class*, ClassHub::Participant*> ClassHub::by_participant(const std::string& token) {
    auto it = by_token_.find(token);
    if (it == by_token_.end()) return {nullptr, nullptr};
    Class* c = by_id(it->second);
    if (!c) return {nullptr, nullptr};
    auto p = c->participants.find(token);
    if (p == c->participants.end()) return {nullptr, nullptr};
    return {c, &p->second};
}

void ClassHub::touch(Class& c) {
    ++c.activity;
    changed_.notify_all();
}

ClassView ClassHub::view_of(const Class& c) const {
    ClassView v;
    v.ended = c.ended_at != 0;
    v.guide = c.guide;
    v.volunteer = c.volunteer;
    v.step = c.step;
    v.steps = c.steps;
    v.version = c.version;
    v.code = c.code;
    return v;
}

std::optional<ClassHub::Started> ClassHub::start(int64_t volunteer_id, const std::string& volunteer, const std::string& guide, int steps,
                                                 Millis now) {
    std::lock_guard<std::mutex> lock(mu_);
    expire_locked(now);
    size_t live = 0, mine = 0;
    const Class* oldest_ended = nullptr;
    for (const auto& [id, x] : classes_) {
        if (!x.ended_at) {
            ++live;
            mine += x.volunteer_id == volunteer_id;
        } else if (!oldest_ended || x.ended_at < oldest_ended->ended_at) {
            oldest_ended = &x;
        }
    }
    if (live >= limits_.max_classes || mine >= limits_.max_per_volunteer || steps <= 0) return std::nullopt;
    if (classes_.size() >= limits_.max_kept) {
        if (!oldest_ended) return std::nullopt;
        erase_locked(oldest_ended->id);
    }
    std::string code;
    do {  // unique among live classes
        code = std::to_string(std::stoul(random_hex(4), nullptr, 16) % 1000000);
        code.insert(0, 6 - code.size(), '0');
    } while (by_code_.count(code));
    Class c;
    c.id = random_hex(16);
    c.code = code;
    c.guide = guide;
    c.volunteer = volunteer;
    c.volunteer_id = volunteer_id;
    c.steps = steps;
    c.started = now;
    by_code_[code] = c.id;
    const Started started{c.id, code};
    classes_.emplace(c.id, std::move(c));
    return started;
}

ClassHub::Join ClassHub::join(const std::string& code, const std::string& nickname, Millis now, std::string* token, ClassView* view) {
    std::lock_guard<std::mutex> lock(mu_);
    expire_locked(now);
    if (!nickname.empty() && !is_clean_text(nickname, limits_.max_nickname_chars)) return Join::BadNickname;
    auto it = by_code_.find(code);
    if (it == by_code_.end()) {
        // An ended class keeps its code until it is deleted, only to say why it no longer works.
        for (const auto& [id, c] : classes_)
            if (c.code == code && c.ended_at) return Join::Ended;
        return Join::NoSuchCode;
    }
    Class& c = classes_.at(it->second);
    if (c.participants.size() >= limits_.max_participants || c.joins >= 3 * limits_.max_participants) return Join::Full;
    ++c.joins;
    Participant p;
    p.number = c.next_number++;
    p.nickname = nickname;
    p.joined = p.seen = now;
    p.step = c.step;
    *token = random_hex(16);
    c.participants.emplace(*token, p);
    by_token_[*token] = c.id;
    touch(c);
    *view = view_of(c);
    return Join::Ok;
}

std::optional<ClassView> ClassHub::follow(const std::string& token, uint64_t since, Millis now, int wait_ms) {
    std::unique_lock<std::mutex> lock(mu_);
    auto [c, p] = by_participant(token);
    if (!c) return std::nullopt;
    p->seen = now;
    // What a participant waits on: the class's step and end, and their hand put down by the volunteer
    // (both only grow, so their sum does too).
    // One waiting call per participant (a newer one ends an older), and a bounded number in
    // all: beyond it the answer comes at once, and the app asks again a little later.
    auto version_of = [](const Class& x, const Participant& y) { return x.version + y.told; };
    if (since == version_of(*c, *p) && !c->ended_at && wait_ms > 0 && (p->waiting > 0 || waiting_ < limits_.max_waiting)) {
        const uint64_t mine = ++p->waits;
        ++p->waiting;
        ++waiting_;
        changed_.notify_all();  // an older call of theirs returns now
        changed_.wait_for(lock, std::chrono::milliseconds(wait_ms), [&] {
            auto [x, y] = by_participant(token);
            return stopping_ || !x || version_of(*x, *y) != since || y->waits != mine;
        });
        --waiting_;
        std::tie(c, p) = by_participant(token);
        if (!c) return std::nullopt;
        --p->waiting;
    }
    ClassView v = view_of(*c);
    v.version = version_of(*c, *p);
    v.hand_up = p->hand_at != 0;
    return v;
}

std::optional<ClassView> ClassHub::present(const std::string& id, uint64_t since, Millis now, int wait_ms) {
    std::unique_lock<std::mutex> lock(mu_);
    expire_locked(now);
    Class* c = by_id(id);
    if (!c) return std::nullopt;
    if (since == c->version && !c->ended_at && wait_ms > 0) {
        changed_.wait_for(lock, std::chrono::milliseconds(wait_ms), [&] {
            Class* x = by_id(id);
            return stopping_ || !x || x->version != since;
        });
        c = by_id(id);
        if (!c) return std::nullopt;
    }
    return view_of(*c);
}

bool ClassHub::progress(const std::string& token, int step, int misses, bool finished, bool following, Millis now) {
    std::lock_guard<std::mutex> lock(mu_);
    auto [c, p] = by_participant(token);
    if (!c || c->ended_at) return false;
    p->step = std::clamp(step, 0, c->steps - 1);
    p->misses = std::clamp(misses, 0, 999);
    p->finished = finished;
    p->following = following;
    p->seen = now;
    touch(*c);
    return true;
}

bool ClassHub::hand(const std::string& token, bool up, Millis now) {
    std::lock_guard<std::mutex> lock(mu_);
    auto [c, p] = by_participant(token);
    if (!c || c->ended_at) return false;
    if (up && !p->hand_at) p->hand_at = now;  // raised twice: still the first time counts
    if (!up) p->hand_at = 0;
    p->seen = now;
    touch(*c);
    return true;
}

bool ClassHub::leave(const std::string& token, Millis now) {
    std::lock_guard<std::mutex> lock(mu_);
    auto [c, p] = by_participant(token);
    if (!c) return false;
    (void)now;
    c->participants.erase(token);  // the seat is free again; nothing of them is kept
    by_token_.erase(token);
    touch(*c);
    return true;
}

bool ClassHub::owned_by(const std::string& id, int64_t volunteer_id) {
    std::lock_guard<std::mutex> lock(mu_);
    Class* c = by_id(id);
    return c && c->volunteer_id == volunteer_id;
}

bool ClassHub::set_step(const std::string& id, int step, Millis now) {
    std::lock_guard<std::mutex> lock(mu_);
    Class* c = by_id(id);
    if (!c || c->ended_at || step < 0 || step >= c->steps) return false;
    if (c->step != step) {
        c->step = step;
        ++c->version;
    }
    (void)now;
    touch(*c);
    return true;
}

void ClassHub::end_locked(Class& c, Millis now) {
    if (c.ended_at) return;
    c.ended_at = now;
    ++c.version;
    by_code_.erase(c.code);
    for (auto& [t, p] : c.participants) p.hand_at = 0;
    touch(c);
}

bool ClassHub::end(const std::string& id, Millis now) {
    std::lock_guard<std::mutex> lock(mu_);
    Class* c = by_id(id);
    if (!c || c->ended_at) return false;
    end_locked(*c, now);
    return true;
}

bool ClassHub::handled(const std::string& id, int number, Millis now) {
    std::lock_guard<std::mutex> lock(mu_);
    Class* c = by_id(id);
    if (!c) return false;
    for (auto& [t, p] : c->participants)
        if (p.number == number) {
            if (p.hand_at) ++p.told;
            p.hand_at = 0;
            (void)now;
            touch(*c);
            return true;
        }
    return false;
}

json ClassHub::dashboard_of(const Class& c, Millis now) const {
    json people = json::array();
    std::vector<const Participant*> list;
    for (const auto& [t, p] : c.participants)
        list.push_back(&p);
    std::sort(list.begin(), list.end(), [](const Participant* a, const Participant* b) { return a->number < b->number; });
    for (const Participant* p : list)
        people.push_back({{"number", p->number},
                          {"nickname", p->nickname},
                          {"step", p->step},
                          {"misses", p->misses},
                          {"finished", p->finished},
                          {"following", p->following},
                          {"hand_ms", p->hand_at ? json(now - p->hand_at) : json(nullptr)},
                          {"seen_ms", now - p->seen}});
    return json{{"id", c.id},           {"code", c.code},         {"guide", c.guide},
                {"step", c.step},       {"steps", c.steps},       {"ended", c.ended_at != 0},
                {"activity", c.activity}, {"participants", people}};
}

std::optional<json> ClassHub::dashboard(const std::string& id, uint64_t since, Millis now, int wait_ms) {
    std::unique_lock<std::mutex> lock(mu_);
    expire_locked(now);
    Class* c = by_id(id);
    if (!c) return std::nullopt;
    if (since == c->activity && wait_ms > 0) {
        const auto t0 = std::chrono::steady_clock::now();
        changed_.wait_for(lock, std::chrono::milliseconds(wait_ms), [&] {
            Class* x = by_id(id);
            return stopping_ || !x || x->activity != since;
        });
        // Hands are timed from the clock now, not from when the call came in.
        now += std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
        c = by_id(id);
        if (!c) return std::nullopt;
    }
    return dashboard_of(*c, now);
}

json ClassHub::classes_of(int64_t volunteer_id, Millis now) {
    std::lock_guard<std::mutex> lock(mu_);
    expire_locked(now);
    json out = json::array();
    for (const auto& [id, c] : classes_)
        if (c.volunteer_id == volunteer_id && !c.ended_at)
            out.push_back({{"id", c.id}, {"code", c.code}, {"guide", c.guide}, {"step", c.step}, {"steps", c.steps}});
    return out;
}

void ClassHub::expire_locked(Millis now) {
    for (auto it = classes_.begin(); it != classes_.end();) {
        Class& c = it->second;
        if (!c.ended_at && now - c.started > limits_.max_live) end_locked(c, now);
        ++it;  // before erasing what it points at
        if (c.ended_at && now - c.ended_at > limits_.keep_after_end) erase_locked(c.id);
    }
}

void ClassHub::erase_locked(const std::string& id) {
    auto it = classes_.find(id);
    if (it == classes_.end()) return;
    for (const auto& [t, p] : it->second.participants) by_token_.erase(t);
    if (!it->second.ended_at) by_code_.erase(it->second.code);
    classes_.erase(it);
    changed_.notify_all();  // their waiting calls return: the class is gone
}

void ClassHub::expire(Millis now) {
    std::lock_guard<std::mutex> lock(mu_);
    expire_locked(now);
}

void ClassHub::stop() {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
    changed_.notify_all();
}

size_t ClassHub::class_count() {
    std::lock_guard<std::mutex> lock(mu_);
    return classes_.size();
}

}  // namespace anxin::server
