// A QR code drawn by the app (Nayuki's QR Code generator, C version, built into the wasm),
// as black squares on a white quiet zone, each module a whole number of pixels so
// a phone camera, or a test's decoder, reads it from a screenshot.
#pragma once
#include <string>

#include "ui/ui.h"

namespace anxin {

struct QrInfo {
    int version = 0;  // 1..40: how many modules (17 + 4 × version) a side has
    int size = 0;     // modules per side (0: the text was too long for any QR code)
};

// Encodes `text` (cached while it stays the same) and draws it at the cursor, at most
// `max_side` px wide. Records an image node named `name`; returns what was drawn.
QrInfo qr_code(Ui& ui, const char* id, const std::string& text, float max_side, const std::string& name);

}  // namespace anxin
