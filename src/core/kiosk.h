// Kiosk mode: the app on a self-service machine used by one stranger after another.
// Its configuration (from assets/config.json "kiosk", or the address for testing) and
// the idle timer: after a while without input the screen asks "还在用吗？" with a
// countdown the person can stop, then everything personal is wiped for the next one.
#pragma once
#include <string>
#include <vector>

#include "core/settings.h"

namespace anxin {

struct KioskConfig {
    bool on = false;
    std::string id;                 // "xixi-1": letters, digits, '-', '_' or '.', up to 24; each kiosk its own
    std::string place;              // "西溪社区服务中心 1号机" (up to 18 characters): shown to helpers
    double idle_ms = 90 * 1000;     // without input, then the question
    double warning_ms = 30 * 1000;  // the countdown (WCAG 2.2.1: long enough to say "还要用")
    Settings defaults = kiosk_defaults();  // what each new person starts with

    static Settings kiosk_defaults();  // read from a metre away: larger text, voice on
};

// "kiosk": {"id": "…", "place": "…", "idle_seconds": 90, "warning_seconds": 30,
//           "text_size": "larger", "voice_on": true, "voice_lang": "mandarin"}
// Unknown or bad values keep their defaults and are reported.
KioskConfig kiosk_from_json(const std::string& config_json, std::vector<std::string>& problems);
// The address's query: each machine's own id and place, e.g.
// "?kiosk=1&id=xixi-1&place=%E8%A5%BF%E6%BA%AA…" (one config.json serves many kiosks).
// "idle" and "warning" (seconds) below their minimums only with "try=1", for trying it out.
void apply_kiosk_query(const std::string& query, KioskConfig& config, std::vector<std::string>& problems);
bool is_kiosk_id(const std::string& id);
// What a help request says of the device: "kiosk:<id>|<place>".
std::string kiosk_device(const KioskConfig& config);

enum class IdlePhase { Active, Asking, Expired };

class IdleTimer {
public:
    void configure(double idle_ms, double warning_ms) { idle_ms_ = idle_ms; warning_ms_ = warning_ms; }
    // Any touch, key or screen-reader action. The timer runs only after someone has used
    // the kiosk: an empty kiosk is never asked "还在用吗？".
    void input(double now_ms);
    void stop() { armed_ = false; }          // a new person: wait for their first input
    bool armed() const { return armed_; }
    IdlePhase phase(double now_ms) const;
    int seconds_left(double now_ms) const;   // while asking
    double next_change_ms(double now_ms) const;  // when to look again (to draw the countdown)

private:
    double last_input_ = 0;
    bool armed_ = false;
    double idle_ms_ = 90000, warning_ms_ = 30000;
};

}  // namespace anxin
