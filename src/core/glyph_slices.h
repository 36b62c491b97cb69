// Glyphs on demand: which slice of the full font holds a character, and where each
// slice stands (wanted, on its way, loaded, failed and waiting for a retry).
//
// The app ships a small font subset that draws its own text. Text from other people
// (a helper's name, an answer, a note from family) may need any Chinese character,
// so the whole font is also cut into slices of ~64 KB (fonts/make_slices.py) and
// the index of those slices (slices.json) ships with the app. When a character
// must be drawn that no loaded font has, its slice is fetched once and added to
// the font; until then a box of the same width stands in its place.
//
// No ImGui and no browser here: the UI layer reports missing characters and adds
// arrived slices to its font; the platform fetches the bytes.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/checksum.h"

namespace anxin {

struct FontSlice {
    std::string file;  // under fonts/slices/: "<first code point>-<fnv1a>.otf", in hex
    size_t bytes = 0;
    uint32_t fnv1a = 0;  // FNV-1a 32 of the file: a truncated or wrong file is never used
};

enum class SliceState {
    Absent,    // nothing asked for
    Wanted,    // a character in it must be drawn; not yet asked for
    Fetching,  // asked for, not yet here
    Loaded,    // in the font
    Failed,    // the fetch failed or the bytes were wrong; retried later
    Broken,    // the right bytes, but the font could not be read: never retried
};

struct GlyphStats {
    int wanted = 0;            // slices ever wanted
    int loaded = 0;
    int failures = 0;          // failed fetches and rejected files, retries included
    size_t bytes_fetched = 0;  // bytes of slices that arrived intact
    double first_wanted_ms = -1;  // when a character was first missing
    double last_loaded_ms = -1;   // when the last slice went into the font
};

class GlyphSlices {
public:
    // Reads slices.json. On failure returns nullopt and says why in `error`.
    static std::optional<GlyphSlices> parse(std::string_view json, std::string* error);

    int find(uint32_t cp) const;  // the slice holding `cp`, or -1 (no slice: a placeholder for good)
    // A character had to be drawn and no loaded font has it. False if no slice has it.
    bool want(uint32_t cp, double now_ms);
    // Slices to fetch now (wanted, or failed and due for a retry); marks them Fetching.
    std::vector<int> start_due(double now_ms);
    // A fetch ended. The bytes are checked (size and FNV-1a); false = rejected, retried later.
    bool arrived(int slice, const std::string& bytes, double now_ms);
    void fetch_failed(int slice, double now_ms);    // no connection or an HTTP error
    void loaded(int slice, double now_ms);          // the font took it
    void unreadable(int slice);                     // the font refused intact bytes: Broken
    double next_retry_ms() const;                   // earliest pending retry, or -1

    int size() const { return int(slices_.size()); }
    const FontSlice& slice(int i) const { return slices_[size_t(i)]; }
    SliceState state(int i) const { return states_[size_t(i)].state; }
    const GlyphStats& stats() const { return stats_; }

private:
    struct Progress {
        SliceState state = SliceState::Absent;
        int failures = 0;
        double retry_at = 0;
    };
    void fail(int slice, double now_ms);

    std::vector<FontSlice> slices_;
    struct Run {
        uint32_t first, last;
        int slice;
    };
    std::vector<Run> runs_;  // every slice's runs, sorted by first code point: find() searches these
    std::vector<Progress> states_;
    GlyphStats stats_;
};

}  // namespace anxin
