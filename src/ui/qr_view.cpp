#include "ui/qr_view.h"

#include <algorithm>
#include <cmath>
#include <memory>

#include "qrcodegen.hpp"

namespace anxin {
namespace {

struct Cached {
    std::string text;
    std::unique_ptr<qrcodegen::QrCode> code;
};

const qrcodegen::QrCode& encode(const std::string& text) {
    static Cached cache;  // the family page draws the same link every frame
    if (!cache.code || cache.text != text) {
        // Medium error correction, raised by the library when the version allows (a screen
        // photographed at an angle). Callers keep the text far below the 2,331-byte limit of
        // version 40-M, where the library would throw.
        cache.code = std::make_unique<qrcodegen::QrCode>(qrcodegen::QrCode::encodeText(text.c_str(), qrcodegen::QrCode::Ecc::MEDIUM));
        cache.text = text;
    }
    return *cache.code;
}

char ecc_letter(qrcodegen::QrCode::Ecc e) {
    switch (e) {
        case qrcodegen::QrCode::Ecc::LOW: return 'L';
        case qrcodegen::QrCode::Ecc::MEDIUM: return 'M';
        case qrcodegen::QrCode::Ecc::QUARTILE: return 'Q';
        case qrcodegen::QrCode::Ecc::HIGH: return 'H';
    }
    return '?';
}

}  // namespace

QrInfo qr_code(Ui& ui, const char* id, const std::string& text, float max_side, const std::string& name) {
    const qrcodegen::QrCode& qr = encode(text);
    const int n = qr.getSize();
    const int quiet = 4;  // modules of white around, as the standard asks
    const float module = std::max(2.0f, std::floor(max_side / float(n + 2 * quiet)));
    const float side = module * float(n + 2 * quiet);
    ImGuiWindow* w = ImGui::GetCurrentWindow();
    const ImVec2 pos(std::round(w->DC.CursorPos.x), std::round(w->DC.CursorPos.y));
    const ImRect bb(pos, pos + ImVec2(side, side));
    ImDrawList* dl = w->DrawList;
    dl->AddRectFilled(bb.Min, bb.Max, IM_COL32_WHITE);
    for (int y = 0; y < n; ++y)
        for (int x = 0; x < n;) {  // one rectangle per run of dark modules in a row
            if (!qr.getModule(x, y)) { ++x; continue; }
            int end = x;
            while (end < n && qr.getModule(end, y)) ++end;
            const ImVec2 a(pos.x + module * float(x + quiet), pos.y + module * float(y + quiet));
            dl->AddRectFilled(a, a + ImVec2(module * float(end - x), module), IM_COL32_BLACK);
            x = end;
        }
    ImGui::ItemSize(bb);
    ImGui::ItemAdd(bb, ImGui::GetID(id));
    QrInfo info{qr.getVersion(), n, ecc_letter(qr.getErrorCorrectionLevel())};
    ui.record(ImGui::GetID(id), Role::Image, name, bb, 0, 0, 0, 0,
              "QR " + std::to_string(info.version) + "-" + std::string(1, info.ecc));
    return info;
}

}  // namespace anxin
