// Browser implementations of the platform interfaces (core/platform.h).
//
//  [X] Storage: localStorage; a refused write (private mode, quota) returns false.
//  [X] Speech: Web Speech API, Mandarin voice preferred; a note is kept when no voice exists.
//  [X] Speech: long text is queued in sentence-sized pieces (browsers cut long utterances).
//  [X] Speech: reports whether the device has a voice for the language (Mandarin, Cantonese).
//  [X] Clock: performance.now(); wake-ups with setTimeout (one pending at a time, the earliest).
//  [X] Network: fetch() to the page's own origin, JSON; no connection = status 0.
//  [X] Files: fetch() of the app's own static files as bytes, kept in Cache Storage for offline use.
//  [ ] Files: on an insecure origin (plain http, not localhost) there is no Cache Storage: only the HTTP cache.
//  [X] Links: tel: and other URLs opened in the same tab.
//  [X] Accessibility: the semantics tree mirrored as real DOM elements (web/mirror.js), changed
//      nodes only; activation and focus sent back as action requests; aria-live announcements.
//  [ ] Accessibility: a screen reader's browse cursor on non-focusable text does not scroll the canvas.
#pragma once
#include <map>

#include "core/platform.h"

namespace anxin {

class WebStorage : public Storage {
public:
    std::optional<std::string> get(const std::string& key) override;
    bool set(const std::string& key, const std::string& value) override;
    void remove(const std::string& key) override;
};

class WebSpeech : public Speech {
public:
    void speak(const std::string& text, const std::string& lang, float rate) override;
    void stop() override;
    bool has_voice(const std::string& lang) override;
};

class WebAccessibility : public Accessibility {
public:
    void update(const TreeUpdate& update) override;
    void announce(const Announcement& message) override;
};

class WebClock : public Clock {
public:
    explicit WebClock(void (*wake)()) : wake_(wake) {}
    double now_ms() override;
    void wake_after(double ms) override;
    double local_time_ms() override;
    double epoch_ms() override;

private:
    void (*wake_)();
    double pending_at_ = -1;  // when the pending wake-up fires (-1 = none)
    static void fire(void* self);
};

class WebNetwork : public Network {
public:
    int start(const std::string& method, const std::string& path, const std::string& body) override;
    std::optional<HttpResponse> poll(int id) override;
    // From JavaScript, when a fetch ends.
    void finished(int id, int status, const char* body);

private:
    int next_id_ = 1;
    std::map<int, HttpResponse> done_;
};

class WebFiles : public Files {
public:
    int start(const std::string& path) override;
    std::optional<FileResponse> poll(int id) override;
    void keep(const std::string& path) override;
    void discard(const std::string& path) override;
    // From JavaScript, when a fetch ends: `size` < 0 means it failed and `error` says why.
    void finished(int id, const uint8_t* data, int size, const char* error);

private:
    int next_id_ = 1;
    std::map<int, FileResponse> done_;
};

class WebLinks : public Links {
public:
    void open(const std::string& url) override;
    std::string app_address() override;
    void clear_fragment() override;
    bool copy(const std::string& text) override;
    bool can_share() override;
    void share(const std::string& title, const std::string& url) override;
};

}  // namespace anxin
