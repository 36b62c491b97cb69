// User settings: what a senior (or a family member, later by a setup link)
// chooses. Stored as versioned JSON; anything unreadable falls back to the
// default for that field and is reported, never a crash.
#pragma once
#include <string>
#include <vector>

#include "core/platform.h"

namespace anxin {

enum class TextSize { Standard = 0, Large = 1, Larger = 2, Largest = 3 };
constexpr int kTextSizeCount = 4;
enum class ThemeId { Light = 0, DarkHighContrast = 1 };
enum class SpeechRate { VerySlow = 0, Slow = 1, Normal = 2 };
enum class VoiceLang { Mandarin = 0, Cantonese = 1 };

struct Settings {
    static constexpr int kVersion = 1;
    TextSize text_size = TextSize::Standard;
    ThemeId theme = ThemeId::Light;
    bool voice_on = true;
    SpeechRate speech_rate = SpeechRate::Slow;  // calm and slow suits seniors (语调沉稳)
    VoiceLang voice_lang = VoiceLang::Mandarin;
    bool screen_reader = false;  // the user has a screen reader: the app does not speak by itself
    std::string hotline;  // empty = the deployment's hotline (assets/config.json)
    std::string my_phone;  // the user's own number, for call-backs (typed once, or set by family)

    bool operator==(const Settings& o) const {
        return text_size == o.text_size && theme == o.theme && voice_on == o.voice_on &&
               speech_rate == o.speech_rate && voice_lang == o.voice_lang &&
               screen_reader == o.screen_reader && hotline == o.hotline && my_phone == o.my_phone;
    }
    bool operator!=(const Settings& o) const { return !(*this == o); }
};

float speech_rate_value(SpeechRate rate);  // Web Speech API rate
const char* voice_lang_tag(VoiceLang lang);  // BCP 47: "zh-CN", "zh-HK"
const char* text_size_name(TextSize size);   // as stored and sent: "standard", "large", "larger", "largest"
// Splits text into sentence-sized pieces for speech engines that cut long utterances.
std::vector<std::string> split_for_speech(const std::string& text, size_t max_chars = 60);
bool is_valid_phone_number(const std::string& number);  // digits, optional +, '-' or spaces; 3..20 chars

struct SettingsParse {
    Settings settings;
    std::vector<std::string> problems;  // empty = read cleanly
};
SettingsParse settings_from_json(const std::string& text);
std::string settings_to_json(const Settings& settings);

// Loads and saves settings under one storage key.
class SettingsStore {
public:
    static constexpr const char* kKey = "anxin.settings";
    explicit SettingsStore(Storage& storage) : storage_(storage) {}
    SettingsParse load();          // missing value -> defaults, no problems
    bool save(const Settings& s);  // false if storage refused (e.g. private mode quota)

private:
    Storage& storage_;
};

}  // namespace anxin
