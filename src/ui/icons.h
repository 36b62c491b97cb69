// Simple line icons drawn with ImGui's draw list: no image files to download,
// crisp at any size. Icons always sit beside a text label (never alone).
#pragma once
#include <string>

#include "imgui.h"

namespace anxin {

enum class Icon { None, Bus, Hospital, HealthCode, Payment, Shield, Back, Speaker, Phone, Gear, Check,
                  Video, Car, Money, Pension, TextSize, Pill, Wifi, Food, Mobile };
Icon icon_from_name(const std::string& name);  // content's "icon" field; None if unknown
void draw_icon(ImDrawList* dl, Icon icon, ImVec2 min, float size, ImU32 col);

}  // namespace anxin
