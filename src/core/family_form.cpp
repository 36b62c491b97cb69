#include "core/family_form.h"

#include <nlohmann/json.hpp>

namespace anxin {

Settings FamilyForm::suggested() {
    Settings s;
    s.text_size = TextSize::Larger;
    s.speech_rate = SpeechRate::Slow;
    return s;
}

FamilyCheck check_family_form(const FamilyForm& f) {
    FamilyCheck c;
    auto bad = [&](std::string& field, const char* key) {
        field = key;
        ++c.problems;
    };
    // Names and notes may be left empty; what is typed must be short, plain text.
    if (!f.from.empty() && !is_clean_text(f.from, kMaxNameChars)) bad(c.from, "family.error.name");
    if (!f.hotline.empty() && !is_valid_phone_number(f.hotline)) bad(c.hotline, "family.error.number");
    if (!f.hotline_name.empty() && !is_clean_text(f.hotline_name, kMaxNameChars)) bad(c.hotline_name, "family.error.name");
    if (!f.hotline_name.empty() && f.hotline.empty()) bad(c.hotline, "family.error.hotline_missing");
    if (!f.note.empty() && !is_clean_text(f.note, kMaxNoteChars)) bad(c.note, "family.error.note");

    // Only what is right goes into the setup (and so into the preview).
    Setup& out = c.setup;
    out.from = c.from.empty() ? f.from : std::string();
    out.settings = f.settings;
    out.settings.my_phone.clear();
    if (c.hotline.empty() && c.hotline_name.empty()) {
        out.settings.hotline = f.hotline;
        out.settings.hotline_name = f.hotline_name;
    }
    if (c.note.empty()) out.settings.home_note = f.note;
    out.settings.contacts.clear();
    for (size_t i = 0; i < kMaxFamilyContacts; ++i) {
        const std::string& name = f.contact_name[i];
        const std::string& number = f.contact_number[i];
        if (name.empty() && number.empty()) continue;  // an unused row
        if (name.empty() || !is_clean_text(name, kMaxNameChars)) bad(c.contact_name[i], "family.error.name");
        if (number.empty() || !is_valid_phone_number(number)) bad(c.contact_number[i], "family.error.number");
        for (const auto& earlier : out.settings.contacts)
            if (c.contact_name[i].empty() && c.contact_number[i].empty() && (earlier.name == name || earlier.number == number))
                bad(c.contact_number[i], "family.error.duplicate");
        if (c.contact_name[i].empty() && c.contact_number[i].empty()) out.settings.contacts.push_back({name, number});
    }
    return c;
}

std::string family_form_to_json(const FamilyForm& f) {
    nlohmann::json j;
    j["setup"] = encode_setup({"", f.settings});  // the choices, in the link's own format
    j["from"] = f.from;
    j["hotline"] = f.hotline;
    j["hotline_name"] = f.hotline_name;
    j["note"] = f.note;
    j["contact_name"] = f.contact_name;
    j["contact_number"] = f.contact_number;
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

FamilyForm family_form_from_json(const std::string& text) {
    FamilyForm f;
    const nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (!j.is_object()) return f;
    auto str = [&](const char* key, std::string& out) {
        if (auto it = j.find(key); it != j.end() && it->is_string()) out = it->get<std::string>();
    };
    std::string setup;
    str("setup", setup);
    if (SetupDecode d = decode_setup(setup); d.ok()) f.settings = d.setup.settings;
    str("from", f.from);
    str("hotline", f.hotline);
    str("hotline_name", f.hotline_name);
    str("note", f.note);
    for (const char* key : {"contact_name", "contact_number"}) {
        auto it = j.find(key);
        if (it == j.end() || !it->is_array()) continue;
        auto& out = std::string(key) == "contact_name" ? f.contact_name : f.contact_number;
        for (size_t i = 0; i < it->size() && i < kMaxFamilyContacts; ++i)
            if ((*it)[i].is_string()) out[i] = (*it)[i].get<std::string>();
    }
    return f;
}

}  // namespace anxin
