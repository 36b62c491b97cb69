// Every character of text we ship has a glyph in the font subset we ship:
// no boxes (tofu) for any string in assets/ or on any screen.
#include <doctest/doctest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/content.h"
#include "core/utf8.h"
#include "ui/ui_harness.h"

using namespace anxin;
using anxin::test::UiHarness;

namespace {

void collect_strings(const nlohmann::json& j, std::vector<std::string>& out) {
    if (j.is_string()) out.push_back(j.get<std::string>());
    else if (j.is_object() || j.is_array())
        for (const auto& v : j) collect_strings(v, out);
}

std::string missing_glyphs(ImFont* font, const std::string& text) {
    std::string missing;
    for (uint32_t cp : utf8_decode(text))
        if (cp >= 0x20 && !font->IsGlyphInFont(ImWchar(cp))) missing += "U+" + std::to_string(cp) + " ";
    return missing;
}

}  // namespace

TEST_CASE("the font subset has a glyph for every character in every shipped content file") {
    UiHarness ui;  // loads the shipped font into ImGui
    ImFont* font = ImGui::GetIO().Fonts->Fonts[0];
    int files = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(std::string(ANXIN_SOURCE_DIR) + "/assets")) {
        if (entry.path().extension() != ".json") continue;
        ++files;
        auto text = read_text_file(entry.path().string());
        REQUIRE(text);
        auto j = nlohmann::json::parse(*text, nullptr, false);
        REQUIRE_MESSAGE(!j.is_discarded(), entry.path().string());
        std::vector<std::string> strings;
        collect_strings(j, strings);
        for (const auto& s : strings) {
            CAPTURE(entry.path().string());
            CAPTURE(s);
            CHECK(missing_glyphs(font, s) == "");
        }
    }
    CHECK(files >= 3);
}

TEST_CASE("every text on every screen renders with real glyphs") {
    UiHarness ui;
    ImFont* font = ImGui::GetIO().Fonts->Fonts[0];
    auto check_all = [&] {
        for (const auto& n : ui.tree().nodes()) {
            CAPTURE(n.name);
            CHECK(missing_glyphs(font, n.name + n.value) == "");
            CHECK(n.name.find("\u27E6") == std::string::npos);  // no ⟦missing.key⟧
        }
    };
    check_all();
    ui.press(Role::Button, "钱和安全");
    check_all();
    ui.press(Role::Button, "防骗子");
    check_all();
    ui.press(Role::Button, "返回");
    ui.press(Role::Button, "返回");
    ui.press(Role::Button, "设置");
    check_all();
    ui.press(Role::Button, "找人帮忙");
    check_all();
}
