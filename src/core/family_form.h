// The family page's form: what a family member typed, kept exactly as typed (so
// nothing is lost while a field is still wrong), and the check that turns it into a
// Setup for a link, with a message for each field that is not right yet.
#pragma once
#include <array>
#include <string>
#include <vector>

#include "core/setup_link.h"

namespace anxin {

struct FamilyForm {
    std::string from;                       // the family member's own name
    Settings settings = suggested();        // the choices made with buttons
    std::string hotline, hotline_name, note;
    std::array<std::string, kMaxFamilyContacts> contact_name, contact_number;

    // Where a family member starts: bigger text and a slower voice than the app's defaults.
    static Settings suggested();
};

struct FamilyCheck {
    Setup setup;  // complete only when `ok`
    // String keys of what is wrong, per field ("" = right).
    std::string from, hotline, hotline_name, note;
    std::array<std::string, kMaxFamilyContacts> contact_name, contact_number;
    int problems = 0;
    bool ok() const { return problems == 0; }
};

FamilyCheck check_family_form(const FamilyForm& form);

// The form kept on the family member's device between visits (JSON); bad input gives defaults.
std::string family_form_to_json(const FamilyForm& form);
FamilyForm family_form_from_json(const std::string& text);

}  // namespace anxin
