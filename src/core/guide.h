// Step-by-step guides: the content model, loaded from assets/guides/<id>.json,
// and its validation. Every problem names the file, the step and the field, so
// a volunteer who writes a guide can fix it without reading code.
//
// A step may describe a simulated phone screen (a list of elements drawn by the
// app) and which element the user taps; the app highlights it, and in practice
// mode the user taps it to go on.
#pragma once
#include <map>
#include <string>
#include <vector>

namespace anxin {

enum class ElementType { TitleBar, Search, IconGrid, Button, ListRow, Qr, Text, Toggle, TabBar, Card };
const char* element_type_name(ElementType t);

// One thing on the simulated screen. Grids and tab bars hold `items`.
struct ScreenElement {
    ElementType type = ElementType::Text;
    std::string id;       // needed to be a tap target
    std::string text;     // label / title
    std::string detail;   // second line (list rows, cards)
    std::string icon;     // for grid / tab items
    bool on = false;      // toggles
    std::vector<ScreenElement> items;
};

// What an element on the simulated screen is called when read out or pressed by name:
// its text ("搜索框：…" for a search box, "二维码" for an unlabelled code).
std::string element_label(const ScreenElement& e);

struct PhoneScreen {
    std::string title;      // what the app shows in its title bar
    std::vector<ScreenElement> elements;
    std::string target;     // id of the element to tap; empty = nothing to tap on this step
    // The element with id `target`, searching grid items too; nullptr if none.
    const ScreenElement* find(const std::string& id) const;
};

struct GuideStep {
    std::string title;                 // short: "打开支付宝"
    std::string text;                  // what to do, shown
    std::string speak;                 // what is read aloud (defaults to text)
    std::vector<std::string> tips;     // helpful notes
    std::string warning;               // a safety warning, shown boxed
    std::vector<std::string> terms;    // jargon used in text, explained from the glossary
    std::string see;                   // another guide this step points to ("bus-qr"); checked once all are loaded
    bool has_screen = false;
    PhoneScreen screen;
};

struct Guide {
    std::string id, title, subtitle, icon, summary;
    std::string app;       // which app the steps describe: "支付宝"
    std::string written;   // the month the steps were written from public how-tos: "2026-11"
    // A check of every step on a real phone, only when someone did one and recorded it.
    struct RealPhoneCheck {
        std::string by, date, phone, app_version;  // "小杰", "2026-12-03", "华为 nova 9", "10.6.20"
    } verified;
    std::string done;      // what the user achieved, for the finish screen
    std::vector<GuideStep> steps;
};

using Glossary = std::map<std::string, std::string>;  // term -> plain explanation

// Limits that keep a step readable at the largest text size on a phone.
struct GuideLimits {
    static constexpr size_t kTitleChars = 16;
    static constexpr size_t kTextChars = 120;
    static constexpr size_t kSpeakChars = 240;
    static constexpr size_t kTipChars = 80;
    static constexpr size_t kMinSteps = 3;
    static constexpr size_t kMaxSteps = 12;
};

// Parses and validates one guide file. `file` names it in messages. Returns false
// (and adds problems) if the guide must not be shown.
bool parse_guide(const std::string& text, const std::string& file, const Glossary& glossary,
                 const std::vector<std::string>& known_icons, Guide& out, std::vector<std::string>& problems);
Glossary parse_glossary(const std::string& text, const std::string& file, std::vector<std::string>& problems);

size_t char_count(const std::string& utf8);  // code points

}  // namespace anxin
