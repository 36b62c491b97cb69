// Test implementations of the platform interfaces (core/platform.h): they
// record what the app asked for, so tests can assert it.
#pragma once
#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/content.h"
#include "core/platform.h"

namespace anxin::test {

class MemoryStorage : public Storage {
public:
    std::map<std::string, std::string> values;
    bool refuse_writes = false;  // like a browser in private mode with no quota
    std::optional<std::string> get(const std::string& key) override {
        auto it = values.find(key);
        if (it == values.end()) return std::nullopt;
        return it->second;
    }
    bool set(const std::string& key, const std::string& value) override {
        if (refuse_writes) return false;
        values[key] = value;
        return true;
    }
    void remove(const std::string& key) override { values.erase(key); }
};

// A mirror kept the way the DOM mirror keeps it — from updates alone — so tests
// can check that applying every update reproduces the app's tree exactly.
class RecordingAccessibility : public Accessibility {
public:
    struct Mirrored { uint32_t container; std::string role, name; uint32_t states; };
    std::map<uint32_t, Mirrored> nodes;
    std::map<uint32_t, std::vector<uint32_t>> children;  // container -> ids in order
    std::vector<Announcement> announced;
    uint32_t focus = 0;
    int updates = 0;
    size_t touched = 0;  // nodes added, updated or removed, over all updates

    void update(const TreeUpdate& u) override {
        ++updates;
        touched += u.removed.size() + u.added.size() + u.updated.size();
        for (uint32_t id : u.removed) {
            auto it = nodes.find(id);
            if (it == nodes.end()) continue;
            auto& list = children[it->second.container];
            list.erase(std::find(list.begin(), list.end(), id));
            nodes.erase(it);
        }
        for (const AddedNode& a : u.added) {
            nodes[a.node->id] = {a.container, role_name(a.node->role), a.node->name, a.node->states};
            auto& list = children[a.container];
            list.insert(list.begin() + std::min<long>(a.index, long(list.size())), a.node->id);
        }
        for (const SemanticsNode* n : u.updated) {
            Mirrored& m = nodes.at(n->id);
            m.role = role_name(n->role);
            m.name = n->name;
            m.states = n->states;
        }
        if (u.focus) focus = u.focus;
    }
    void announce(const Announcement& a) override { announced.push_back(a); }
};

struct Utterance { std::string text, lang; float rate; };

class RecordingSpeech : public Speech {
public:
    std::vector<Utterance> spoken;
    int stops = 0;
    bool voice_available = true;
    bool has_voice(const std::string&) override { return voice_available; }
    void speak(const std::string& text, const std::string& lang, float rate) override { spoken.push_back({text, lang, rate}); }
    void stop() override { ++stops; }
};

class ManualClock : public Clock {
public:
    double ms = 0;
    double wake_at = -1;  // the latest wake-up asked for (-1 = none)
    double now_ms() override { return ms; }
    void wake_after(double after) override { wake_at = ms + after; }
    double local_start_ms = 1795532400000.0;  // 2026-11-24 15:00 local at ms = 0
    double local_time_ms() override { return local_start_ms + ms; }
    double epoch_start_ms = 1795503600000.0;  // the same moment in UTC (the device is at UTC+8)
    double epoch_ms() override { return epoch_start_ms + ms; }
};

// A help server in the test: requests are recorded; answers are given by the test
// (or at once by `auto_answer`). `offline` answers everything with status 0.
class FakeNetwork : public Network {
public:
    struct Call { int id; std::string method, path, body; };
    std::vector<Call> calls;
    std::map<int, HttpResponse> answers;
    std::function<std::optional<HttpResponse>(const Call&)> auto_answer;
    bool offline = false;

    int start(const std::string& method, const std::string& path, const std::string& body) override {
        const int id = int(calls.size()) + 1;
        calls.push_back({id, method, path, body});
        if (offline) answers[id] = HttpResponse{0, ""};
        else if (auto_answer)
            if (auto r = auto_answer(calls.back())) answers[id] = *r;
        return id;
    }
    std::optional<HttpResponse> poll(int id) override {
        auto it = answers.find(id);
        if (it == answers.end()) return std::nullopt;
        HttpResponse r = it->second;
        answers.erase(it);
        return r;
    }
};

// Static files (font slices) read from disk. A test can hold answers back (a slow
// network), fail them (offline), or spoil the bytes (a corrupt download).
class FakeFiles : public Files {
public:
    std::vector<std::string> requested;          // paths, in order
    std::vector<std::string> kept;
    std::vector<std::string> discarded;
    bool hold = false;                           // answers wait for release()
    bool offline = false;                        // every fetch fails
    std::function<void(std::string&)> spoil;     // alters the bytes of each answer

    int start(const std::string& path) override {
        requested.push_back(path);
        const int id = int(requested.size());
        pending_[id] = path;
        if (!hold) release();
        return id;
    }
    std::optional<FileResponse> poll(int id) override {
        auto it = answers_.find(id);
        if (it == answers_.end()) return std::nullopt;
        FileResponse r = std::move(it->second);
        answers_.erase(it);
        return r;
    }
    void keep(const std::string& path) override { kept.push_back(path); }
    void discard(const std::string& path) override { discarded.push_back(path); }
    void release() {  // answers every request made so far
        for (const auto& [id, path] : pending_) {
            FileResponse r;
            auto bytes = offline ? std::nullopt : read_text_file(path);
            r.ok = bytes.has_value();
            if (bytes) r.bytes = *bytes;
            else r.error = offline ? "offline" : "no such file";
            if (r.ok && spoil) spoil(r.bytes);
            answers_[id] = std::move(r);
        }
        pending_.clear();
    }
    bool answered() const { return !answers_.empty(); }
    size_t waiting() const { return pending_.size(); }

private:
    std::map<int, std::string> pending_;
    std::map<int, FileResponse> answers_;
};

class RecordingLinks : public Links {
public:
    std::vector<std::string> opened;
    std::string address = "https://anxin.example/";
    bool fragment_cleared = false;
    std::vector<std::string> copied;
    bool share_sheet = false;
    std::vector<std::string> shared;
    void open(const std::string& url) override { opened.push_back(url); }
    std::string app_address() override { return address; }
    void clear_fragment() override { fragment_cleared = true; }
    bool copy(const std::string& text) override { copied.push_back(text); return true; }
    bool can_share() override { return share_sheet; }
    void share(const std::string&, const std::string& url) override { shared.push_back(url); }
};

}  // namespace anxin::test
