#include "ui/glyph_supply.h"

#include <cstdio>
#include <cstring>

#include "imgui_internal.h"  // ImFontLoader, ImFontAtlasFontDiscardBakes

namespace anxin {

namespace {

// ---- The font source that owns no glyphs and notes what was missing ---------------------

GlyphSupply* g_adding = nullptr;  // the supply being attached while ImGui initialises its source

bool missing_src_init(ImFontAtlas*, ImFontConfig* src) {
    src->FontLoaderData = g_adding;
    return true;
}
void missing_src_destroy(ImFontAtlas*, ImFontConfig* src) { src->FontLoaderData = nullptr; }
bool missing_load_glyph(ImFontAtlas*, ImFontConfig* src, ImFontBaked*, void*, ImWchar cp, ImFontGlyph*, float*) {
    if (auto* supply = static_cast<GlyphSupply*>(src->FontLoaderData)) supply->note_missing(uint32_t(cp));
    return false;  // a slice merged later (a later source), or the fallback box, draws it
}
const ImFontLoader& missing_loader() {
    static ImFontLoader loader = [] {
        ImFontLoader l;
        l.Name = "anxin: note missing glyphs";
        l.FontSrcInit = missing_src_init;
        l.FontSrcDestroy = missing_src_destroy;
        l.FontBakedLoadGlyph = missing_load_glyph;
        return l;
    }();
    return loader;
}
ImFontConfig* missing_source(ImFont* font) {
    for (ImFontConfig* src : font->Sources)
        if (src->FontLoader == &missing_loader()) return src;
    return nullptr;
}

}  // namespace

GlyphSupply::GlyphSupply(ImFont* font, GlyphSlices index, std::string base_url, Files& files, Clock& clock)
    : font_(font), index_(std::move(index)), base_url_(std::move(base_url)), files_(files), clock_(clock) {
    font_->FallbackChar = kPlaceholderChar;
    if (ImFontConfig* src = missing_source(font_)) {
        src->FontLoaderData = this;  // a new app on the same font (a reload in tests)
    } else {
        ImFontConfig cfg;
        cfg.MergeMode = true;
        cfg.DstFont = font_;
        cfg.FontLoader = &missing_loader();
        std::strncpy(cfg.Name, "missing glyphs", sizeof(cfg.Name) - 1);
        g_adding = this;
        font_->ContainerAtlas->AddFont(&cfg);
        g_adding = nullptr;
    }
    ImFontAtlasFontDiscardBakes(font_->ContainerAtlas, font_, 0);  // sizes baked with another fallback
}

GlyphSupply::~GlyphSupply() {
    if (ImFontConfig* src = missing_source(font_))
        if (src->FontLoaderData == this) src->FontLoaderData = nullptr;
}

bool GlyphSupply::before_frame() {
    bool changed = false;
    for (auto it = fetching_.begin(); it != fetching_.end();) {
        auto answer = files_.poll(it->first);
        if (!answer) {
            ++it;
            continue;
        }
        const int slice = it->second;
        it = fetching_.erase(it);
        const double now = clock_.now_ms();
        const std::string path = base_url_ + index_.slice(slice).file;
        if (!answer->ok) {
            std::fprintf(stderr, "anxin: font slice %s: %s; trying again later\n", path.c_str(), answer->error.c_str());
            index_.fetch_failed(slice, now);
            continue;
        }
        if (!index_.arrived(slice, answer->bytes, now)) {
            std::fprintf(stderr, "anxin: font slice %s: wrong size or checksum; trying again later\n", path.c_str());
            files_.discard(path);
            continue;
        }
        // The atlas owns (and frees) font data allocated with ImGui's allocator.
        void* data = ImGui::MemAlloc(answer->bytes.size());
        std::memcpy(data, answer->bytes.data(), answer->bytes.size());
        ImFontConfig cfg;
        cfg.MergeMode = true;
        cfg.DstFont = font_;
        cfg.FontData = data;
        cfg.FontDataSize = int(answer->bytes.size());
        cfg.FontDataOwnedByAtlas = true;
        cfg.SizePixels = font_->Sources[0]->SizePixels;
        cfg.OversampleH = cfg.OversampleV = 1;
        cfg.Flags |= ImFontFlags_NoLoadError;
        std::snprintf(cfg.Name, sizeof(cfg.Name), "slice %s", index_.slice(slice).file.c_str());
        if (!font_->ContainerAtlas->AddFont(&cfg)) {
            std::fprintf(stderr, "anxin: font slice %s: not a font ImGui can read\n", path.c_str());
            index_.unreadable(slice);
            files_.discard(path);
            continue;
        }
        index_.loaded(slice, now);
        files_.keep(path);  // for offline use
        changed = true;
    }
    // Every size baked so far remembers its missing characters as missing: bake again.
    if (changed) ImFontAtlasFontDiscardBakes(font_->ContainerAtlas, font_, 0);
    return changed;
}

void GlyphSupply::after_frame() {
    const double now = clock_.now_ms();
    for (uint32_t cp : missing_) index_.want(cp, now);
    missing_.clear();
    for (int slice : index_.start_due(now)) fetching_[files_.start(base_url_ + index_.slice(slice).file)] = slice;
    const double retry = index_.next_retry_ms();
    if (retry >= 0) clock_.wake_after(std::max(0.0, retry - now));
}

}  // namespace anxin
