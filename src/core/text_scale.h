// Text sizes for elder mode. Sizes are CSS pixels of the font's em (what CSS
// calls font-size), so "32 px body text" means the same here as on a web page.
// Our floor is above China's MIIT elder-mode spec (18 pt) and WeChat's care
// mode (23.8 px): body text >= 32 px on screens >= 768 px wide, >= 28 px on phones.
#pragma once
#include "core/settings.h"

namespace anxin {

enum class DeviceClass { Phone, Wide };
constexpr float kPhoneMaxWidth = 768.0f;  // CSS px; narrower viewports use phone sizes
DeviceClass device_class_for_width(float css_width);

struct TypeScale {
    float body;     // paragraphs, button labels
    float heading;  // screen headings
    float huge;     // the hotline number
};
TypeScale type_scale(DeviceClass device, TextSize size);
const char* text_size_key(TextSize size);  // string key of its label: "settings.text_size.standard"

// Spacing and target sizes in CSS px. Targets are never below 72x72 with >= 8 px
// between them (WCAG 2.5.5 AAA asks 44; seniors' fingers and tremor ask more).
struct LayoutMetrics {
    float min_target;  // smallest width/height of anything pressable
    float gap;         // space between targets
    float pad;         // inner padding of buttons and the screen edge
    float border;      // outline thickness of buttons
};
LayoutMetrics layout_metrics(DeviceClass device, const TypeScale& type);

}  // namespace anxin
