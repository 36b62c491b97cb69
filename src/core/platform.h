// The small interfaces the app uses to reach the outside world. Each has a web
// implementation (src/web/) and a test implementation (tests/), so core and UI
// code runs the same natively and in the browser.
#pragma once
#include <optional>
#include <string>

#include "core/semantics_diff.h"

namespace anxin {

// Key-value storage that survives reloads (localStorage on the web).
class Storage {
public:
    virtual ~Storage() = default;
    virtual std::optional<std::string> get(const std::string& key) = 0;
    virtual bool set(const std::string& key, const std::string& value) = 0;  // false if it could not be kept
    virtual void remove(const std::string& key) = 0;
};

// Text to speech. `lang` is a BCP 47 tag ("zh-CN"); `rate` 1.0 is the engine's normal pace.
class Speech {
public:
    virtual ~Speech() = default;
    virtual void speak(const std::string& text, const std::string& lang, float rate) = 0;
    virtual void stop() = 0;
    // False when the device has no voice for `lang`: the app then says so on screen.
    virtual bool has_voice(const std::string& lang) = 0;
};

// Milliseconds from an arbitrary start; monotonic. The app draws only when something
// happens, so work that must happen later (a retry, a status check) asks for a wake-up.
class Clock {
public:
    virtual ~Clock() = default;
    virtual double now_ms() = 0;
    virtual void wake_after(double ms) = 0;  // draw a frame again in `ms` at the latest
    // The device's wall clock in its own time zone: ms since 1970-01-01 00:00 local time.
    // For telling people a time of day ("15:40 前"), never for measuring durations.
    virtual double local_time_ms() = 0;
    // Milliseconds since 1970-01-01 00:00 UTC: for dates kept across reloads (a 7-day undo),
    // unmoved by time zones and summer time.
    virtual double epoch_ms() = 0;
};

// HTTP to the help server (same origin). Requests are asynchronous: start() returns an
// id, and the response is collected by poll() on a later frame. Status 0 = no connection.
struct HttpResponse {
    int status = 0;
    std::string body;
};
class Network {
public:
    virtual ~Network() = default;
    virtual int start(const std::string& method, const std::string& path, const std::string& body) = 0;
    virtual std::optional<HttpResponse> poll(int id) = 0;  // nullopt while still under way
};

// Static files beside the app, as bytes (font slices): fetched from the app's own
// folder; the ones the app found right are kept for offline use (the browser's Cache
// Storage), so a device that loses its network keeps what it had. Asynchronous like Network.
struct FileResponse {
    bool ok = false;
    std::string bytes;
    std::string error;  // why it failed, for the log
};
class Files {
public:
    virtual ~Files() = default;
    virtual int start(const std::string& path) = 0;
    virtual std::optional<FileResponse> poll(int id) = 0;  // nullopt while still under way
    virtual void keep(const std::string& path) = 0;        // the bytes were right: keep them for offline use
    virtual void discard(const std::string& path) = 0;     // the bytes were wrong: do not keep them
};

// Links out of the app ("tel:12345" dials on phones), and the app's own address.
class Links {
public:
    virtual ~Links() = default;
    virtual void open(const std::string& url) = 0;
    // This page's address without its fragment ("https://anxin.example/"): setup links start with it.
    virtual std::string app_address() = 0;
    // Removes "#…" from the address bar without reloading (a setup link, once answered).
    virtual void clear_fragment() = 0;
    virtual bool copy(const std::string& text) = 0;  // to the clipboard; false if the device refused
    virtual bool can_share() = 0;                    // the device has a share sheet (phones)
    virtual void share(const std::string& title, const std::string& url) = 0;
};

// Assistive technology: the semantics tree mirrored where screen readers reach it
// (real DOM elements in the browser), and messages read out without moving focus.
class Accessibility {
public:
    virtual ~Accessibility() = default;
    virtual void update(const TreeUpdate& update) = 0;  // never called with an empty update
    virtual void announce(const Announcement& message) = 0;
};

struct Services {
    Storage& storage;
    Speech& speech;
    Clock& clock;
    Links& links;
    Accessibility& a11y;
    Network& network;
    Files& files;
};

}  // namespace anxin
