#include "core/kiosk.h"

#include <cmath>
#include <cstring>
#include <nlohmann/json.hpp>

#include "core/help_request.h"

namespace anxin {

using nlohmann::json;

Settings KioskConfig::kiosk_defaults() {
    Settings s;
    s.text_size = TextSize::Larger;
    s.voice_on = true;
    s.speech_rate = SpeechRate::Slow;
    return s;
}

KioskConfig kiosk_from_json(const std::string& text, std::vector<std::string>& problems) {
    KioskConfig k;
    const json j = json::parse(text, nullptr, false);
    if (!j.is_object() || !j.contains("kiosk")) return k;
    const json& o = j["kiosk"];
    if (!o.is_object()) {
        problems.push_back("config.json: 'kiosk' must be an object");
        return k;
    }
    k.on = true;
    // Either one is sent as the help request's device ("kiosk:…", 64 bytes at most).
    const size_t max_bytes = HelpLimits::kMaxDevice - std::strlen("kiosk:");
    auto text_of = [&](const char* key, std::string& out, size_t max_chars) {
        if (!o.contains(key)) return;
        if (o[key].is_string() && is_clean_text(o[key].get<std::string>(), max_chars) && o[key].get<std::string>().size() <= max_bytes)
            out = o[key].get<std::string>();
        else
            problems.push_back(std::string("config.json: kiosk: '") + key + "' must be plain text of at most " + std::to_string(max_chars) +
                               " characters (" + std::to_string(max_bytes) + " bytes)");
    };
    text_of("id", k.id, 40);
    text_of("place", k.place, 18);
    auto seconds = [&](const char* key, double& out, double min_s, double max_s) {
        if (!o.contains(key)) return;
        if (o[key].is_number() && o[key].get<double>() >= min_s && o[key].get<double>() <= max_s) out = o[key].get<double>() * 1000;
        else problems.push_back(std::string("config.json: kiosk: '") + key + "' must be a number of seconds from " +
                                std::to_string(int(min_s)) + " to " + std::to_string(int(max_s)));
    };
    seconds("idle_seconds", k.idle_ms, 20, 3600);
    seconds("warning_seconds", k.warning_ms, 30, 300);  // at least 30 s to answer
    // The defaults for each person, in the stored settings' own words.
    json d = {{"version", Settings::kVersion}};
    for (const char* key : {"text_size", "theme", "voice_on", "speech_rate", "voice_lang", "screen_reader"})
        if (o.contains(key)) d[key] = o[key];
    const json defaults = json::parse(settings_to_json(KioskConfig::kiosk_defaults()));
    json merged = defaults;
    for (auto it = d.begin(); it != d.end(); ++it) merged[it.key()] = it.value();
    SettingsParse parsed = settings_from_json(merged.dump());
    for (const auto& p : parsed.problems) problems.push_back("config.json: kiosk: " + p);
    k.defaults = parsed.settings;
    return k;
}

void apply_kiosk_query(const std::string& query, KioskConfig& k) {
    // "kiosk=1&idle=5&warning=3" (a leading '?' is fine); numbers are seconds, within reason.
    size_t i = query.empty() || query[0] != '?' ? 0 : 1;
    while (i < query.size()) {
        size_t amp = query.find('&', i);
        if (amp == std::string::npos) amp = query.size();
        const std::string part = query.substr(i, amp - i);
        const size_t eq = part.find('=');
        const std::string key = part.substr(0, eq), value = eq == std::string::npos ? "" : part.substr(eq + 1);
        char* end = nullptr;
        const double n = std::strtod(value.c_str(), &end);
        const bool number = !value.empty() && end && *end == '\0' && std::isfinite(n);
        if (key == "kiosk") k.on = value != "0";
        else if (key == "idle" && number && n >= 1 && n <= 3600) k.idle_ms = n * 1000;
        else if (key == "warning" && number && n >= 1 && n <= 300) k.warning_ms = n * 1000;
        i = amp + 1;
    }
}

void IdleTimer::input(double now) {
    last_input_ = now;
    armed_ = true;
}

IdlePhase IdleTimer::phase(double now) const {
    if (!armed_) return IdlePhase::Active;
    const double quiet = now - last_input_;
    if (quiet < idle_ms_) return IdlePhase::Active;
    if (quiet < idle_ms_ + warning_ms_) return IdlePhase::Asking;
    return IdlePhase::Expired;
}

int IdleTimer::seconds_left(double now) const {
    return std::max(0, int(std::ceil((last_input_ + idle_ms_ + warning_ms_ - now) / 1000.0)));
}

double IdleTimer::next_change_ms(double now) const {
    if (!armed_) return 1e12;  // nothing to count until someone comes
    switch (phase(now)) {
        case IdlePhase::Active: return last_input_ + idle_ms_ - now;
        case IdlePhase::Asking: {
            const double left = last_input_ + idle_ms_ + warning_ms_ - now;
            return std::fmod(left, 1000.0) + 1;  // the next whole second of the countdown
        }
        case IdlePhase::Expired: return 0;
    }
    return 0;
}

}  // namespace anxin
