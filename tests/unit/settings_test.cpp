#include <doctest/doctest.h>

#include "core/settings.h"
#include "fakes.h"

using namespace anxin;

TEST_CASE("settings round-trip through JSON unchanged") {
    Settings s;
    s.text_size = TextSize::Larger;
    s.theme = ThemeId::DarkHighContrast;
    s.voice_on = false;
    s.speech_rate = SpeechRate::Normal;
    s.hotline = "010-12345678";
    const SettingsParse back = settings_from_json(settings_to_json(s));
    CHECK(back.problems.empty());
    CHECK(back.settings == s);
}

TEST_CASE("defaults suit a senior: standard size, light theme, voice on, slow speech") {
    Settings s;
    CHECK(s.text_size == TextSize::Standard);
    CHECK(s.theme == ThemeId::Light);
    CHECK(s.voice_on);
    CHECK(speech_rate_value(s.speech_rate) < 1.0f);
}

TEST_CASE("one bad field falls back alone; the other fields are kept") {
    const auto r = settings_from_json(
        R"({"version":1,"text_size":"gigantic","theme":"dark","voice_on":"yes","speech_rate":"normal","hotline":"call me"})");
    CHECK(r.settings.text_size == TextSize::Standard);
    CHECK(r.settings.theme == ThemeId::DarkHighContrast);
    CHECK(r.settings.voice_on == true);
    CHECK(r.settings.speech_rate == SpeechRate::Normal);
    CHECK(r.settings.hotline.empty());
    CHECK(r.problems.size() == 3);
}

TEST_CASE("unreadable or unknown-version settings give defaults and a reason") {
    for (const char* text : {"", "{", "[1,2]", "42", R"({"version":2,"theme":"dark"})", R"({"theme":"dark"})"}) {
        CAPTURE(text);
        const auto r = settings_from_json(text);
        CHECK(r.settings == Settings{});
        CHECK(r.problems.size() == 1);
    }
}

TEST_CASE("the store reads what it wrote, and reports a refused write") {
    test::MemoryStorage storage;
    SettingsStore store(storage);
    CHECK(store.load().problems.empty());  // nothing stored yet: defaults, no complaint
    Settings s;
    s.text_size = TextSize::Large;
    CHECK(store.save(s));
    CHECK(store.load().settings == s);
    storage.refuse_writes = true;
    CHECK_FALSE(store.save(Settings{}));
}

TEST_CASE("phone numbers: digits with an optional leading + and - or spaces") {
    CHECK(is_valid_phone_number("12345"));
    CHECK(is_valid_phone_number("+86 138 0013 8000"));
    CHECK(is_valid_phone_number("010-12345678"));
    CHECK_FALSE(is_valid_phone_number("12"));
    CHECK_FALSE(is_valid_phone_number("1234a"));
    CHECK_FALSE(is_valid_phone_number("12+345"));
    CHECK_FALSE(is_valid_phone_number("123456789012345678901"));
    CHECK_FALSE(is_valid_phone_number("'; DROP TABLE x"));
}
