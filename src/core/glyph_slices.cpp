#include "core/glyph_slices.h"

#include <algorithm>
#include <cstdio>

#include "core/help_request.h"  // retry_delay_ms: the same patience as for help requests
#include "nlohmann/json.hpp"

namespace anxin {

using json = nlohmann::json;

std::optional<GlyphSlices> GlyphSlices::parse(std::string_view text, std::string* error) {
    auto fail = [&](const std::string& why) -> std::optional<GlyphSlices> {
        if (error) *error = "slices.json: " + why;
        return std::nullopt;
    };
    const json j = json::parse(std::string(text), nullptr, /*allow_exceptions=*/false);  // the parser the app already has
    if (j.is_discarded() || !j.is_object()) return fail("not a JSON object");
    if (j.value("format", 0) != 2) return fail("unknown format (expected 2)");
    const auto it = j.find("slices");
    if (it == j.end() || !it->is_array()) return fail("no \"slices\" list");

    GlyphSlices out;
    for (size_t i = 0; i < it->size(); ++i) {
        const json& s = (*it)[i];
        const std::string where = "slice " + std::to_string(i) + ": ";
        if (!s.is_array() || s.size() != 3 || !s[0].is_number_unsigned() || !s[1].is_number_unsigned() ||
            !s[2].is_array() || s[2].empty())
            return fail(where + "expected [bytes, fnv1a32, runs]");
        FontSlice slice;
        slice.bytes = s[0].get<size_t>();
        slice.fnv1a = s[1].get<uint32_t>();
        const size_t first_run = out.runs_.size();
        for (const json& r : s[2]) {
            if (!r.is_array() || r.size() != 2 || !r[0].is_number_unsigned() || !r[1].is_number_unsigned())
                return fail(where + "a run is not [first, last]");
            const uint32_t first = r[0].get<uint32_t>(), last = r[1].get<uint32_t>();
            if (first > last || last > 0x10FFFF) return fail(where + "a run is out of order or beyond U+10FFFF");
            out.runs_.push_back({first, last, int(out.slices_.size())});
        }
        char file[32];  // named by its first code point and its hash (fonts/make_slices.py)
        std::snprintf(file, sizeof file, "%05x-%08x.otf", unsigned(out.runs_[first_run].first), unsigned(slice.fnv1a));
        slice.file = file;
        out.slices_.push_back(std::move(slice));
    }
    std::sort(out.runs_.begin(), out.runs_.end(), [](const Run& a, const Run& b) { return a.first < b.first; });
    for (size_t i = 1; i < out.runs_.size(); ++i)
        if (out.runs_[i].first <= out.runs_[i - 1].last) return fail("two runs overlap at " + std::to_string(out.runs_[i].first));
    out.states_.resize(out.slices_.size());
    return out;
}

int GlyphSlices::find(uint32_t cp) const {
    auto it = std::upper_bound(runs_.begin(), runs_.end(), cp, [](uint32_t c, const Run& r) { return c < r.first; });
    if (it == runs_.begin()) return -1;
    --it;
    return cp <= it->last ? it->slice : -1;
}

bool GlyphSlices::want(uint32_t cp, double now_ms) {
    const int i = find(cp);
    if (i < 0) return false;
    Progress& p = states_[size_t(i)];
    if (p.state == SliceState::Absent) {
        p.state = SliceState::Wanted;
        ++stats_.wanted;
        if (stats_.first_wanted_ms < 0) stats_.first_wanted_ms = now_ms;
    }
    return true;
}

std::vector<int> GlyphSlices::start_due(double now_ms) {
    std::vector<int> due;
    for (size_t i = 0; i < states_.size(); ++i) {
        Progress& p = states_[i];
        if (p.state == SliceState::Wanted || (p.state == SliceState::Failed && now_ms >= p.retry_at)) {
            p.state = SliceState::Fetching;
            due.push_back(int(i));
        }
    }
    return due;
}

void GlyphSlices::fail(int slice, double now_ms) {
    Progress& p = states_[size_t(slice)];
    ++p.failures;
    ++stats_.failures;
    p.state = SliceState::Failed;
    p.retry_at = now_ms + retry_delay_ms(p.failures);
}

bool GlyphSlices::arrived(int slice, const std::string& bytes, double now_ms) {
    const FontSlice& s = slices_[size_t(slice)];
    if (bytes.size() != s.bytes || fnv1a32(bytes) != s.fnv1a) {
        fail(slice, now_ms);
        return false;
    }
    stats_.bytes_fetched += bytes.size();
    return true;
}

void GlyphSlices::fetch_failed(int slice, double now_ms) { fail(slice, now_ms); }

void GlyphSlices::loaded(int slice, double now_ms) {
    states_[size_t(slice)].state = SliceState::Loaded;
    ++stats_.loaded;
    stats_.last_loaded_ms = now_ms;
}

void GlyphSlices::unreadable(int slice) { states_[size_t(slice)].state = SliceState::Broken; }

double GlyphSlices::next_retry_ms() const {
    double next = -1;
    for (const Progress& p : states_)
        if (p.state == SliceState::Failed && (next < 0 || p.retry_at < next)) next = p.retry_at;
    return next;
}

}  // namespace anxin
