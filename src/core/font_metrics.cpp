#include "core/font_metrics.h"

#include <cstring>

namespace anxin {
namespace {

uint16_t be16(const uint8_t* p) { return uint16_t(p[0] << 8 | p[1]); }
uint32_t be32(const uint8_t* p) { return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | p[3]; }

}  // namespace

std::optional<FontMetrics> read_font_metrics(const uint8_t* data, size_t size) {
    if (!data || size < 12) return std::nullopt;
    const uint32_t tag = be32(data);
    if (tag != 0x00010000 && tag != 0x4F54544F /* OTTO */ && tag != 0x74727565 /* true */) return std::nullopt;
    const uint16_t num_tables = be16(data + 4);
    if (size < 12 + size_t(num_tables) * 16) return std::nullopt;
    const uint8_t* head = nullptr;
    const uint8_t* hhea = nullptr;
    for (uint16_t t = 0; t < num_tables; ++t) {
        const uint8_t* rec = data + 12 + t * 16;
        const uint32_t offset = be32(rec + 8), length = be32(rec + 12);
        if (size_t(offset) + length > size) return std::nullopt;
        if (std::memcmp(rec, "head", 4) == 0 && length >= 54) head = data + offset;
        if (std::memcmp(rec, "hhea", 4) == 0 && length >= 36) hhea = data + offset;
    }
    if (!head || !hhea) return std::nullopt;
    FontMetrics m;
    m.units_per_em = be16(head + 18);
    m.ascender = int16_t(be16(hhea + 4));
    m.descender = int16_t(be16(hhea + 6));
    if (m.units_per_em <= 0 || m.ascender <= m.descender) return std::nullopt;
    return m;
}

}  // namespace anxin
