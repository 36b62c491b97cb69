#include "ui/icons.h"

#include <cmath>

namespace anxin {

Icon icon_from_name(const std::string& name) {
    if (name == "bus") return Icon::Bus;
    if (name == "hospital") return Icon::Hospital;
    if (name == "health_code") return Icon::HealthCode;
    if (name == "payment") return Icon::Payment;
    if (name == "shield") return Icon::Shield;
    if (name == "phone") return Icon::Phone;
    if (name == "video") return Icon::Video;
    if (name == "car") return Icon::Car;
    if (name == "money") return Icon::Money;
    if (name == "pension") return Icon::Pension;
    if (name == "text_size") return Icon::TextSize;
    if (name == "pill") return Icon::Pill;
    if (name == "wifi") return Icon::Wifi;
    if (name == "food") return Icon::Food;
    if (name == "mobile") return Icon::Mobile;
    return Icon::None;
}

void draw_icon(ImDrawList* dl, Icon icon, ImVec2 p, float s, ImU32 col) {
    const float t = s * 0.08f;  // stroke
    auto at = [&](float fx, float fy) { return ImVec2(p.x + fx * s, p.y + fy * s); };
    switch (icon) {
        case Icon::None: break;
        case Icon::Bus:
            dl->AddRect(at(0.15f, 0.1f), at(0.85f, 0.78f), col, s * 0.1f, 0, t);
            dl->AddLine(at(0.15f, 0.5f), at(0.85f, 0.5f), col, t);
            dl->AddLine(at(0.5f, 0.1f), at(0.5f, 0.5f), col, t);
            dl->AddCircleFilled(at(0.3f, 0.87f), s * 0.08f, col);
            dl->AddCircleFilled(at(0.7f, 0.87f), s * 0.08f, col);
            break;
        case Icon::Hospital:
            dl->AddRect(at(0.1f, 0.1f), at(0.9f, 0.9f), col, s * 0.1f, 0, t);
            dl->AddRectFilled(at(0.42f, 0.25f), at(0.58f, 0.75f), col);
            dl->AddRectFilled(at(0.25f, 0.42f), at(0.75f, 0.58f), col);
            break;
        case Icon::HealthCode: {  // a QR-like square
            dl->AddRect(at(0.1f, 0.1f), at(0.9f, 0.9f), col, 0, 0, t);
            const float c = 0.22f;
            dl->AddRectFilled(at(0.2f, 0.2f), at(0.2f + c, 0.2f + c), col);
            dl->AddRectFilled(at(0.58f, 0.2f), at(0.58f + c, 0.2f + c), col);
            dl->AddRectFilled(at(0.2f, 0.58f), at(0.2f + c, 0.58f + c), col);
            dl->AddRectFilled(at(0.6f, 0.6f), at(0.7f, 0.7f), col);
            dl->AddRectFilled(at(0.7f, 0.7f), at(0.8f, 0.8f), col);
            break;
        }
        case Icon::Payment:
            dl->AddRect(at(0.08f, 0.22f), at(0.92f, 0.78f), col, s * 0.08f, 0, t);
            dl->AddRectFilled(at(0.08f, 0.34f), at(0.92f, 0.46f), col);
            dl->AddLine(at(0.2f, 0.64f), at(0.45f, 0.64f), col, t);
            break;
        case Icon::Shield:
            dl->PathLineTo(at(0.5f, 0.08f));
            dl->PathLineTo(at(0.88f, 0.22f));
            dl->PathBezierCubicCurveTo(at(0.88f, 0.6f), at(0.7f, 0.82f), at(0.5f, 0.94f));
            dl->PathBezierCubicCurveTo(at(0.3f, 0.82f), at(0.12f, 0.6f), at(0.12f, 0.22f));
            dl->PathStroke(col, ImDrawFlags_Closed, t);
            dl->AddRectFilled(at(0.45f, 0.28f), at(0.55f, 0.6f), col);
            dl->AddCircleFilled(at(0.5f, 0.72f), s * 0.06f, col);
            break;
        case Icon::Back:
            dl->AddLine(at(0.15f, 0.5f), at(0.85f, 0.5f), col, t * 1.3f);
            dl->AddLine(at(0.15f, 0.5f), at(0.45f, 0.2f), col, t * 1.3f);
            dl->AddLine(at(0.15f, 0.5f), at(0.45f, 0.8f), col, t * 1.3f);
            break;
        case Icon::Speaker:
            dl->AddQuadFilled(at(0.1f, 0.38f), at(0.3f, 0.38f), at(0.3f, 0.62f), at(0.1f, 0.62f), col);
            dl->AddTriangleFilled(at(0.3f, 0.38f), at(0.55f, 0.15f), at(0.55f, 0.85f), col);
            dl->AddTriangleFilled(at(0.3f, 0.38f), at(0.55f, 0.85f), at(0.3f, 0.62f), col);
            dl->PathArcTo(at(0.55f, 0.5f), s * 0.2f, -0.9f, 0.9f);
            dl->PathStroke(col, 0, t);
            dl->PathArcTo(at(0.55f, 0.5f), s * 0.36f, -0.9f, 0.9f);
            dl->PathStroke(col, 0, t);
            break;
        case Icon::Phone: {  // a handset, tilted as on phone keypads: ear and mouth pieces joined by a grip
            const ImVec2 ear0 = at(0.08f, 0.22f), ear1 = at(0.36f, 0.08f);
            const ImVec2 mouth0 = at(0.64f, 0.92f), mouth1 = at(0.92f, 0.78f);
            dl->AddQuadFilled(ear0, ear1, at(0.44f, 0.3f), at(0.2f, 0.44f), col);
            dl->AddQuadFilled(at(0.56f, 0.7f), at(0.8f, 0.56f), mouth1, mouth0, col);
            dl->AddBezierCubic(at(0.2f, 0.3f), at(0.2f, 0.62f), at(0.38f, 0.8f), at(0.7f, 0.8f), col, t * 2.2f);
            break;
        }
        case Icon::Gear:
            dl->AddCircle(at(0.5f, 0.5f), s * 0.28f, col, 0, t * 1.5f);
            for (int k = 0; k < 8; ++k) {
                const float a = k * 3.14159265f / 4.0f;
                const ImVec2 c = at(0.5f, 0.5f);
                dl->AddLine(ImVec2(c.x + std::cos(a) * s * 0.3f, c.y + std::sin(a) * s * 0.3f),
                            ImVec2(c.x + std::cos(a) * s * 0.45f, c.y + std::sin(a) * s * 0.45f), col, t * 1.5f);
            }
            break;
        case Icon::Check:
            dl->AddLine(at(0.12f, 0.52f), at(0.4f, 0.8f), col, t * 1.6f);
            dl->AddLine(at(0.4f, 0.8f), at(0.9f, 0.2f), col, t * 1.6f);
            break;
        case Icon::Video:  // a camera body and its lens
            dl->AddRect(at(0.06f, 0.26f), at(0.66f, 0.74f), col, s * 0.08f, 0, t);
            dl->AddTriangleFilled(at(0.7f, 0.5f), at(0.94f, 0.3f), at(0.94f, 0.7f), col);
            break;
        case Icon::Car:
            dl->PathLineTo(at(0.08f, 0.66f));
            dl->PathLineTo(at(0.08f, 0.48f));
            dl->PathLineTo(at(0.24f, 0.44f));
            dl->PathLineTo(at(0.34f, 0.24f));
            dl->PathLineTo(at(0.66f, 0.24f));
            dl->PathLineTo(at(0.76f, 0.44f));
            dl->PathLineTo(at(0.92f, 0.48f));
            dl->PathLineTo(at(0.92f, 0.66f));
            dl->PathStroke(col, ImDrawFlags_Closed, t);
            dl->AddCircleFilled(at(0.28f, 0.72f), s * 0.09f, col);
            dl->AddCircleFilled(at(0.72f, 0.72f), s * 0.09f, col);
            break;
        case Icon::Money: {  // a coin with the yuan sign
            dl->AddCircle(at(0.5f, 0.5f), s * 0.42f, col, 0, t);
            dl->AddLine(at(0.34f, 0.28f), at(0.5f, 0.5f), col, t);
            dl->AddLine(at(0.66f, 0.28f), at(0.5f, 0.5f), col, t);
            dl->AddLine(at(0.5f, 0.5f), at(0.5f, 0.76f), col, t);
            dl->AddLine(at(0.36f, 0.52f), at(0.64f, 0.52f), col, t);
            dl->AddLine(at(0.36f, 0.64f), at(0.64f, 0.64f), col, t);
            break;
        }
        case Icon::Pension:  // a card with a face on it: proving it is you
            dl->AddRect(at(0.06f, 0.2f), at(0.94f, 0.8f), col, s * 0.08f, 0, t);
            dl->AddCircle(at(0.32f, 0.42f), s * 0.09f, col, 0, t);
            dl->PathArcTo(at(0.32f, 0.7f), s * 0.15f, 3.3f, 6.1f);
            dl->PathStroke(col, 0, t);
            dl->AddLine(at(0.56f, 0.4f), at(0.84f, 0.4f), col, t);
            dl->AddLine(at(0.56f, 0.58f), at(0.78f, 0.58f), col, t);
            break;
        case Icon::TextSize:  // a small and a large letter A
            dl->AddLine(at(0.06f, 0.86f), at(0.22f, 0.46f), col, t);
            dl->AddLine(at(0.22f, 0.46f), at(0.38f, 0.86f), col, t);
            dl->AddLine(at(0.12f, 0.72f), at(0.32f, 0.72f), col, t);
            dl->AddLine(at(0.42f, 0.86f), at(0.67f, 0.12f), col, t * 1.4f);
            dl->AddLine(at(0.67f, 0.12f), at(0.92f, 0.86f), col, t * 1.4f);
            dl->AddLine(at(0.52f, 0.6f), at(0.82f, 0.6f), col, t * 1.4f);
            break;
        case Icon::Pill: {  // a capsule, tilted: one half filled, one half outlined
            const float r = 0.17f, k = 0.7071f;
            const ImVec2 mid = at(0.5f, 0.5f), n(k * r * s, k * r * s);
            dl->PathArcTo(at(0.29f, 0.71f), r * s, 0.785f, 3.927f);  // the lower end, round
            dl->PathLineTo(ImVec2(mid.x + n.x, mid.y + n.y));
            dl->PathLineTo(ImVec2(mid.x - n.x, mid.y - n.y));
            dl->PathFillConvex(col);
            dl->PathLineTo(ImVec2(mid.x + n.x, mid.y + n.y));
            dl->PathArcTo(at(0.71f, 0.29f), r * s, 0.785f, -2.356f);  // the upper end, round
            dl->PathLineTo(ImVec2(mid.x - n.x, mid.y - n.y));
            dl->PathStroke(col, ImDrawFlags_Closed, t);
            break;
        }
        case Icon::Wifi:
            for (int k = 1; k <= 3; ++k) {
                dl->PathArcTo(at(0.5f, 0.84f), s * 0.2f * float(k), -2.36f, -0.79f);
                dl->PathStroke(col, 0, t * 1.2f);
            }
            dl->AddCircleFilled(at(0.5f, 0.84f), s * 0.08f, col);
            break;
        case Icon::Mobile:  // a smartphone: the handset icon means "call" (找人帮忙)
            dl->AddRect(at(0.24f, 0.04f), at(0.76f, 0.96f), col, s * 0.1f, 0, t);
            dl->AddLine(at(0.42f, 0.14f), at(0.58f, 0.14f), col, t);
            dl->AddCircleFilled(at(0.5f, 0.84f), s * 0.06f, col);
            break;
        case Icon::Food:  // a bowl and chopsticks
            dl->PathArcTo(at(0.5f, 0.5f), s * 0.42f, 0.0f, 3.14159265f);
            dl->PathStroke(col, ImDrawFlags_Closed, t);
            dl->AddLine(at(0.36f, 0.08f), at(0.56f, 0.44f), col, t);
            dl->AddLine(at(0.6f, 0.06f), at(0.66f, 0.44f), col, t);
            break;
    }
}

}  // namespace anxin
