// User settings: what a senior (or a family member, later by a setup link)
// chooses. Stored as versioned JSON; anything unreadable falls back to the
// default for that field and is reported, never a crash.
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/platform.h"

namespace anxin {

enum class TextSize { Standard = 0, Large = 1, Larger = 2, Largest = 3 };
constexpr int kTextSizeCount = 4;
enum class ThemeId { Light = 0, DarkHighContrast = 1 };
enum class SpeechRate { VerySlow = 0, Slow = 1, Normal = 2 };
enum class VoiceLang { Mandarin = 0, Cantonese = 1 };

// A family member the help screen offers to call first ("打给 小芳").
struct FamilyContact {
    std::string name;
    std::string number;
    bool operator==(const FamilyContact& o) const { return name == o.name && number == o.number; }
};
constexpr size_t kMaxFamilyContacts = 3;
constexpr size_t kMaxNameChars = 12;   // a name on a big button must fit on one line
constexpr size_t kMaxNoteChars = 40;   // the note on the senior's home screen
constexpr size_t kMaxGuideOrder = 20;

struct Settings {
    static constexpr int kVersion = 1;
    TextSize text_size = TextSize::Standard;
    ThemeId theme = ThemeId::Light;
    bool voice_on = true;
    SpeechRate speech_rate = SpeechRate::Slow;  // calm and slow suits seniors (语调沉稳)
    VoiceLang voice_lang = VoiceLang::Mandarin;
    bool screen_reader = false;  // the user has a screen reader: the app does not speak by itself
    std::string hotline;  // empty = the deployment's hotline (assets/config.json)
    std::string hotline_name;  // who answers the hotline set here ("社区服务中心"); empty with the default
    std::string my_phone;  // the user's own number, for call-backs (typed once, or set by family)
    // Set by family (see core/setup_link.h):
    std::vector<FamilyContact> contacts;   // shown on the help screen above the hotline
    std::vector<std::string> guide_order;  // guide ids shown on home, in order; empty = all
    std::string home_note;                 // "妈，有事先打给我", on top of the home screen

    bool operator==(const Settings& o) const {
        return text_size == o.text_size && theme == o.theme && voice_on == o.voice_on &&
               speech_rate == o.speech_rate && voice_lang == o.voice_lang &&
               screen_reader == o.screen_reader && hotline == o.hotline && hotline_name == o.hotline_name &&
               my_phone == o.my_phone && contacts == o.contacts && guide_order == o.guide_order &&
               home_note == o.home_note;
    }
    bool operator!=(const Settings& o) const { return !(*this == o); }
};

float speech_rate_value(SpeechRate rate);  // Web Speech API rate
const char* voice_lang_tag(VoiceLang lang);  // BCP 47: "zh-CN", "zh-HK"
const char* text_size_name(TextSize size);   // as stored and sent: "standard", "large", "larger", "largest"
// Splits text into sentence-sized pieces for speech engines that cut long utterances.
std::vector<std::string> split_for_speech(const std::string& text, size_t max_chars = 60);
bool is_valid_phone_number(const std::string& number);  // digits, optional +, '-' or spaces; 3..20 chars
// Text other people typed, shown to the senior: valid UTF-8, 1..max_chars characters, no
// control or invisible formatting characters, no markup (< > &).
bool is_clean_text(const std::string& text, size_t max_chars);
bool is_valid_guide_id(const std::string& id);  // a-z, 0-9 and '-', 1..40 characters

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

    // The settings from before a family setup was taken, kept for 7 days so the senior
    // can go back. Times are Clock::epoch_ms (UTC).
    static constexpr const char* kBackupKey = "anxin.settings.before_setup";
    static constexpr double kBackupDays = 7;
    bool save_backup(const Settings& before, double now_ms);
    // The backup and when it stops being offered; nullopt when none or too old.
    std::optional<std::pair<Settings, double>> backup(double now_ms);
    void drop_backup();

private:
    Storage& storage_;
};

}  // namespace anxin
