#include "core/kiosk.h"

#include <algorithm>
#include <cctype>
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
    if (o.contains("id")) {
        if (o["id"].is_string() && is_kiosk_id(o["id"].get<std::string>())) k.id = o["id"].get<std::string>();
        else problems.push_back("config.json: kiosk: 'id' must be 1 to 24 letters, digits, '-', '_' or '.'");
    }
    if (o.contains("place")) {
        if (o["place"].is_string() && is_clean_text(o["place"].get<std::string>(), 18)) k.place = o["place"].get<std::string>();
        else problems.push_back("config.json: kiosk: 'place' must be plain text of at most 18 characters");
    }
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

bool is_kiosk_id(const std::string& id) {
    if (id.empty() || id.size() > 24) return false;
    return std::all_of(id.begin(), id.end(), [](char c) { return std::isalnum((unsigned char)c) || c == '-' || c == '_' || c == '.'; });
}

std::string kiosk_device(const KioskConfig& k) { return "kiosk:" + k.id + (k.place.empty() ? "" : "|" + k.place); }

namespace {
// "%E8%A5%BF+1" -> "西 1" (bad escapes are kept as they are, then refused as not plain text).
std::string url_decode(const std::string& in) {
    std::string out;
    for (size_t i = 0; i < in.size(); ++i) {
        if (in[i] == '+') out += ' ';
        else if (in[i] == '%' && i + 2 < in.size() && std::isxdigit((unsigned char)in[i + 1]) && std::isxdigit((unsigned char)in[i + 2])) {
            out += char(std::stoi(in.substr(i + 1, 2), nullptr, 16));
            i += 2;
        } else out += in[i];
    }
    return out;
}
}  // namespace

void apply_kiosk_query(const std::string& query, KioskConfig& k, std::vector<std::string>& problems) {
    size_t i = query.empty() || query[0] != '?' ? 0 : 1;
    double idle = 0, warning = 0;
    bool trying = false;
    while (i < query.size()) {
        size_t amp = query.find('&', i);
        if (amp == std::string::npos) amp = query.size();
        const std::string part = query.substr(i, amp - i);
        const size_t eq = part.find('=');
        const std::string key = part.substr(0, eq), value = eq == std::string::npos ? "" : url_decode(part.substr(eq + 1));
        char* end = nullptr;
        const double n = std::strtod(value.c_str(), &end);
        const bool number = !value.empty() && end && *end == '\0' && std::isfinite(n);
        if (key == "kiosk") k.on = value != "0";
        else if (key == "try") trying = value == "1";
        else if (key == "id") {
            if (is_kiosk_id(value)) k.id = value;
            else problems.push_back("address: kiosk id must be 1 to 24 letters, digits, '-', '_' or '.'");
        } else if (key == "place") {
            if (is_clean_text(value, 18)) k.place = value;
            else problems.push_back("address: kiosk place must be plain text of at most 18 characters");
        } else if (key == "idle" && number && n >= 1 && n <= 3600) idle = n;
        else if (key == "warning" && number && n >= 1 && n <= 300) warning = n;
        i = amp + 1;
    }
    // A real kiosk keeps the minimums (20 s idle, a 30 s countdown); shorter only to try it out.
    if (idle > 0) {
        if (idle >= 20 || trying) k.idle_ms = idle * 1000;
        else problems.push_back("address: idle below 20 s needs try=1");
    }
    if (warning > 0) {
        if (warning >= 30 || trying) k.warning_ms = warning * 1000;
        else problems.push_back("address: warning below 30 s needs try=1");
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
