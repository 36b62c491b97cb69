#include <doctest/doctest.h>

#include "core/family_form.h"

using namespace anxin;

TEST_CASE("an empty family form is already a valid setup, with the suggested senior defaults") {
    const FamilyCheck c = check_family_form(FamilyForm{});
    CHECK(c.ok());
    CHECK(c.setup.settings.text_size == TextSize::Larger);
    CHECK(c.setup.settings.contacts.empty());
}

TEST_CASE("each wrong field is named, and only right contacts go into the setup") {
    FamilyForm f;
    f.from = "<script>";
    f.hotline = "abc";
    f.note = std::string(41, 'x');
    f.contact_name[0] = "小芳";
    f.contact_number[0] = "138 0013 8000";
    f.contact_name[1] = "大伟";           // a name without a number
    f.contact_number[2] = "13900139000";  // a number without a name
    const FamilyCheck c = check_family_form(f);
    CHECK_FALSE(c.ok());
    CHECK(c.problems == 5);
    CHECK(c.from == "family.error.name");
    CHECK(c.hotline == "family.error.number");
    CHECK(c.note == "family.error.note");
    CHECK(c.contact_name[0].empty());
    CHECK(c.contact_number[1] == "family.error.number");
    CHECK(c.contact_name[2] == "family.error.name");
    REQUIRE(c.setup.settings.contacts.size() == 1);
    CHECK(c.setup.settings.contacts[0] == FamilyContact{"小芳", "138 0013 8000"});
}

TEST_CASE("a hotline name needs a hotline number") {
    FamilyForm f;
    f.hotline_name = "社区服务中心";
    CHECK(check_family_form(f).hotline == "family.error.hotline_missing");
    f.hotline = "12345";
    CHECK(check_family_form(f).ok());
}

TEST_CASE("the form is kept between visits exactly as typed, even while a field is wrong") {
    FamilyForm f;
    f.from = "小芳";
    f.settings.theme = ThemeId::DarkHighContrast;
    f.settings.guide_order = {"hospital"};
    f.hotline = "12a";  // still being typed
    f.note = "妈，有事先打给我";
    f.contact_name[1] = "大伟";
    f.contact_number[1] = "13900139000";
    const FamilyForm back = family_form_from_json(family_form_to_json(f));
    CHECK(back.from == f.from);
    CHECK(back.settings == f.settings);
    CHECK(back.hotline == "12a");
    CHECK(back.note == f.note);
    CHECK(back.contact_name == f.contact_name);
    CHECK(back.contact_number == f.contact_number);
    CHECK(family_form_from_json("{broken").settings == FamilyForm::suggested());
}
