#include "ui/qr_view.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "qrcodegen.h"

namespace anxin {
namespace {

struct Encoded {
    std::string text;
    std::vector<uint8_t> code = std::vector<uint8_t>(qrcodegen_BUFFER_LEN_MAX);
    bool ok = false;
};

const Encoded& encode(const std::string& text) {
    static Encoded cache;  // the family page draws the same link every frame
    if (cache.text != text || !cache.ok) {
        // Medium error correction, raised by the library when the version allows it (a screen
        // photographed at an angle); byte mode for any text.
        std::vector<uint8_t> scratch(qrcodegen_BUFFER_LEN_MAX);
        cache.ok = qrcodegen_encodeText(text.c_str(), scratch.data(), cache.code.data(), qrcodegen_Ecc_MEDIUM,
                                        qrcodegen_VERSION_MIN, qrcodegen_VERSION_MAX, qrcodegen_Mask_AUTO, /*boostEcl=*/true);
        cache.text = text;
    }
    return cache;
}

}  // namespace

QrInfo qr_code(Ui& ui, const char* id, const std::string& text, float max_side, const std::string& name) {
    const Encoded& qr = encode(text);
    if (!qr.ok) return {};  // longer than any QR code holds: the caller keeps links far shorter
    const uint8_t* code = qr.code.data();
    const int n = qrcodegen_getSize(code);
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
            if (!qrcodegen_getModule(code, x, y)) { ++x; continue; }
            int end = x;
            while (end < n && qrcodegen_getModule(code, end, y)) ++end;
            const ImVec2 a(pos.x + module * float(x + quiet), pos.y + module * float(y + quiet));
            dl->AddRectFilled(a, a + ImVec2(module * float(end - x), module), IM_COL32_BLACK);
            x = end;
        }
    ImGui::ItemSize(bb);
    ImGui::ItemAdd(bb, ImGui::GetID(id));
    QrInfo info{(n - 17) / 4, n};
    ui.record(ImGui::GetID(id), Role::Image, name, bb, 0, 0, 0, 0, "QR version " + std::to_string(info.version));
    return info;
}

}  // namespace anxin
