#include "ui/fonts.h"

#include <cstring>

#include "core/content.h"
#include "core/font_metrics.h"

namespace anxin {

AppFont load_app_font(const std::string& path, std::string* error) {
    AppFont out;
    auto bytes = read_text_file(path);
    if (!bytes || bytes->empty()) {
        if (error) *error = path + ": font file is missing";
        return out;
    }
    auto metrics = read_font_metrics(reinterpret_cast<const uint8_t*>(bytes->data()), bytes->size());
    if (!metrics) {
        if (error) *error = path + ": not an OpenType font";
        return out;
    }
    // The atlas takes ownership of memory allocated with ImGui's allocator.
    void* data = ImGui::MemAlloc(bytes->size());
    std::memcpy(data, bytes->data(), bytes->size());
    ImFontConfig cfg;
    cfg.FontDataOwnedByAtlas = true;
    cfg.Flags |= ImFontFlags_NoLoadError;
    // Our smallest text is 22 px and most is 32 px or more: oversampling buys nothing
    // visible at these sizes but doubles the work of rasterising every new glyph.
    cfg.OversampleH = 1;
    cfg.OversampleV = 1;
    std::strncpy(cfg.Name, "Noto Sans CJK SC (subset)", sizeof(cfg.Name) - 1);
    out.font = ImGui::GetIO().Fonts->AddFontFromMemoryTTF(data, int(bytes->size()), 32.0f, &cfg);
    if (!out.font) {
        if (error) *error = path + ": ImGui could not read the font";
        return out;
    }
    out.line_per_em = metrics->line_height_per_em();
    return out;
}

}  // namespace anxin
