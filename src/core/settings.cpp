#include "core/settings.h"

#include <nlohmann/json.hpp>

#include "core/help_request.h"
#include "core/utf8.h"

namespace anxin {
namespace {

using nlohmann::json;

const char* const kTextSizeNames[] = {"standard", "large", "larger", "largest"};
const char* const kThemeNames[] = {"light", "dark"};
const char* const kRateNames[] = {"very_slow", "slow", "normal"};
const char* const kVoiceNames[] = {"mandarin", "cantonese"};

// Reads j[key] as one of `names`; leaves `out` unchanged and notes a problem otherwise.
template <typename Enum, size_t N>
void read_enum(const json& j, const char* key, const char* const (&names)[N], Enum& out,
               std::vector<std::string>& problems) {
    auto it = j.find(key);
    if (it == j.end()) return;
    if (it->is_string()) {
        const std::string& v = it->get_ref<const std::string&>();
        for (size_t i = 0; i < N; ++i)
            if (v == names[i]) { out = static_cast<Enum>(i); return; }
    }
    problems.push_back(std::string("'") + key + "' has an unknown value; using the default");
}

}  // namespace

float speech_rate_value(SpeechRate rate) {
    switch (rate) {
        case SpeechRate::VerySlow: return 0.7f;
        case SpeechRate::Slow: return 0.85f;
        case SpeechRate::Normal: return 1.0f;
    }
    return 0.85f;
}

const char* text_size_name(TextSize size) { return kTextSizeNames[static_cast<int>(size)]; }

const char* voice_lang_tag(VoiceLang lang) { return lang == VoiceLang::Cantonese ? "zh-HK" : "zh-CN"; }

std::vector<std::string> split_for_speech(const std::string& text, size_t max_chars) {
    // Break after sentence ends (。！？；) and, in a long sentence, after commas.
    std::vector<std::string> pieces;
    std::string cur;
    size_t cur_chars = 0;
    auto flush = [&] {
        if (!cur.empty()) pieces.push_back(cur);
        cur.clear();
        cur_chars = 0;
    };
    for (size_t i = 0; i < text.size();) {
        const size_t b = i;
        const uint32_t cp = utf8_next(text, i);
        cur.append(text, b, i - b);
        ++cur_chars;
        const bool sentence_end = cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == 0xFF1B || cp == '\n';
        const bool comma = cp == 0xFF0C || cp == 0x3001;
        if (sentence_end || (comma && cur_chars >= max_chars / 2) || cur_chars >= max_chars) flush();
    }
    flush();
    return pieces;
}

bool is_valid_phone_number(const std::string& number) {
    if (number.size() < 3 || number.size() > 20) return false;
    int digits = 0;
    for (size_t i = 0; i < number.size(); ++i) {
        const char c = number[i];
        if (c >= '0' && c <= '9') ++digits;
        else if (c == '+' && i == 0) continue;
        else if (c != '-' && c != ' ') return false;
    }
    return digits >= 3;
}

namespace {
// Characters that show nothing or reorder text: a name made of them looks blank or
// misleading on a big button (Unicode format characters and soft hyphens).
bool invisible(uint32_t cp) {
    return cp == 0xAD || cp == 0x61C || cp == 0x180E || (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202E) ||
           (cp >= 0x2060 && cp <= 0x206F) || cp == 0xFEFF || (cp >= 0xFFF9 && cp <= 0xFFFB) || (cp >= 0xE0000 && cp <= 0xE007F);
}
bool space(uint32_t cp) { return cp == ' ' || cp == 0xA0 || cp == 0x3000 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F; }
}  // namespace

bool is_clean_text(const std::string& text, size_t max_chars) {
    size_t chars = 0;
    bool seen = false;  // something other than spaces
    for (size_t i = 0; i < text.size();) {
        const size_t at = i;
        const uint32_t cp = utf8_next(text, i);
        const size_t shortest = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        if (cp == 0xFFFD || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF || i - at != shortest) return false;  // broken UTF-8
        const bool control = cp < 0x20 || (cp >= 0x7F && cp < 0xA0);
        if (control || invisible(cp) || cp == '<' || cp == '>' || cp == '&') return false;
        if (++chars > max_chars) return false;
        seen = seen || !space(cp);
    }
    return seen;
}

bool is_valid_guide_id(const std::string& id) {
    if (id.empty() || id.size() > 40) return false;
    for (char c : id)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    return true;
}

namespace {
// The fields family can set, read leniently for stored settings: a bad entry is dropped.
void read_family_fields(const json& j, Settings& s, std::vector<std::string>& problems) {
    if (auto it = j.find("hotline_name"); it != j.end()) {
        if (it->is_string() && (it->get_ref<const std::string&>().empty() || is_clean_text(it->get<std::string>(), kMaxNameChars)))
            s.hotline_name = it->get<std::string>();
        else
            problems.push_back("'hotline_name' is not a short name; left empty");
    }
    if (auto it = j.find("contacts"); it != j.end() && it->is_array()) {
        for (const json& c : *it) {
            if (c.is_object() && c.value("name", json()).is_string() && c.value("number", json()).is_string() &&
                is_clean_text(c["name"].get<std::string>(), kMaxNameChars) && is_valid_phone_number(c["number"].get<std::string>()) &&
                s.contacts.size() < kMaxFamilyContacts)
                s.contacts.push_back({c["name"].get<std::string>(), c["number"].get<std::string>()});
            else
                problems.push_back("a family contact is not a name and a phone number; left out");
        }
    }
    if (auto it = j.find("guide_order"); it != j.end() && it->is_array()) {
        for (const json& g : *it) {
            if (g.is_string() && is_valid_guide_id(g.get<std::string>()) && s.guide_order.size() < kMaxGuideOrder)
                s.guide_order.push_back(g.get<std::string>());
            else
                problems.push_back("'guide_order' has an entry that is not a guide id; left out");
        }
    }
    if (auto it = j.find("home_note"); it != j.end()) {
        if (it->is_string() && (it->get_ref<const std::string&>().empty() || is_clean_text(it->get<std::string>(), kMaxNoteChars)))
            s.home_note = it->get<std::string>();
        else
            problems.push_back("'home_note' is not a short note; left empty");
    }
}
}  // namespace

SettingsParse settings_from_json(const std::string& text) {
    SettingsParse out;
    const json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object()) {
        out.problems.push_back("stored settings are not a JSON object; using defaults");
        return out;
    }
    auto version = j.find("version");
    if (version == j.end() || !version->is_number_integer() || version->get<int>() != Settings::kVersion) {
        // Only version 1 exists; an unknown version may mean anything, so trust none of it.
        out.problems.push_back("stored settings have an unknown version; using defaults");
        return out;
    }
    Settings& s = out.settings;
    read_enum(j, "text_size", kTextSizeNames, s.text_size, out.problems);
    read_enum(j, "theme", kThemeNames, s.theme, out.problems);
    read_enum(j, "speech_rate", kRateNames, s.speech_rate, out.problems);
    read_enum(j, "voice_lang", kVoiceNames, s.voice_lang, out.problems);
    if (auto it = j.find("voice_on"); it != j.end()) {
        if (it->is_boolean()) s.voice_on = it->get<bool>();
        else out.problems.push_back("'voice_on' is not true/false; using the default");
    }
    if (auto it = j.find("screen_reader"); it != j.end()) {
        if (it->is_boolean()) s.screen_reader = it->get<bool>();
        else out.problems.push_back("'screen_reader' is not true/false; using the default");
    }
    if (auto it = j.find("hotline"); it != j.end()) {
        if (it->is_string() && (it->get_ref<const std::string&>().empty() ||
                                is_valid_phone_number(it->get_ref<const std::string&>())))
            s.hotline = it->get<std::string>();
        else
            out.problems.push_back("'hotline' is not a phone number; using the default");
    }
    if (auto it = j.find("my_phone"); it != j.end()) {
        if (it->is_string() && (it->get_ref<const std::string&>().empty() ||
                                is_valid_callback_number(it->get_ref<const std::string&>())))
            s.my_phone = it->get<std::string>();
        else
            out.problems.push_back("'my_phone' is not a phone number; left empty");
    }
    read_family_fields(j, s, out.problems);
    return out;
}

std::string settings_to_json(const Settings& s) {
    json j;
    j["version"] = Settings::kVersion;
    j["text_size"] = text_size_name(s.text_size);
    j["theme"] = kThemeNames[static_cast<int>(s.theme)];
    j["voice_on"] = s.voice_on;
    j["speech_rate"] = kRateNames[static_cast<int>(s.speech_rate)];
    j["voice_lang"] = kVoiceNames[static_cast<int>(s.voice_lang)];
    j["screen_reader"] = s.screen_reader;
    j["hotline"] = s.hotline;
    j["my_phone"] = s.my_phone;
    j["hotline_name"] = s.hotline_name;
    j["contacts"] = json::array();
    for (const auto& c : s.contacts) j["contacts"].push_back({{"name", c.name}, {"number", c.number}});
    j["guide_order"] = s.guide_order;
    j["home_note"] = s.home_note;
    return j.dump();
}

SettingsParse SettingsStore::load() {
    auto stored = storage_.get(kKey);
    if (!stored) return {};
    return settings_from_json(*stored);
}

bool SettingsStore::save(const Settings& s) { return storage_.set(kKey, settings_to_json(s)); }

bool SettingsStore::save_backup(const Settings& before, double now_ms) {
    json j;
    j["until"] = now_ms + kBackupDays * 24 * 3600 * 1000;
    j["settings"] = settings_to_json(before);
    return storage_.set(kBackupKey, j.dump());
}

std::optional<std::pair<Settings, double>> SettingsStore::backup(double now_ms) {
    auto stored = storage_.get(kBackupKey);
    if (!stored) return std::nullopt;
    const json j = json::parse(*stored, nullptr, /*allow_exceptions=*/false);
    if (!j.is_object() || !j.value("until", json()).is_number() || !j.value("settings", json()).is_string()) return std::nullopt;
    const double until = j["until"].get<double>();
    // Past its days, or from a clock set far back: not offered any more.
    if (now_ms >= until || until - now_ms > kBackupDays * 24 * 3600 * 1000 + 1) return std::nullopt;
    SettingsParse parsed = settings_from_json(j["settings"].get<std::string>());
    if (!parsed.problems.empty()) return std::nullopt;
    return std::make_pair(parsed.settings, until);
}

void SettingsStore::drop_backup() { storage_.remove(kBackupKey); }

}  // namespace anxin
