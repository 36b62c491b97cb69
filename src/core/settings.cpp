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
    return j.dump();
}

SettingsParse SettingsStore::load() {
    auto stored = storage_.get(kKey);
    if (!stored) return {};
    return settings_from_json(*stored);
}

bool SettingsStore::save(const Settings& s) { return storage_.set(kKey, settings_to_json(s)); }

}  // namespace anxin
