#include "core/text_scale.h"

#include <algorithm>

namespace anxin {

DeviceClass device_class_for_width(float css_width) {
    return css_width < kPhoneMaxWidth ? DeviceClass::Phone : DeviceClass::Wide;
}

TypeScale type_scale(DeviceClass device, TextSize size) {
    static const float kWideBody[kTextSizeCount] = {32, 40, 52, 64};
    static const float kPhoneBody[kTextSizeCount] = {28, 34, 40, 48};
    const int i = std::clamp(static_cast<int>(size), 0, kTextSizeCount - 1);
    const float body = device == DeviceClass::Phone ? kPhoneBody[i] : kWideBody[i];
    // Phones have little height: headings and the hotline number grow less there, so
    // that the number and its call button fit above the fold at the largest size.
    if (device == DeviceClass::Phone) return TypeScale{body, body * 1.2f, body * 1.6f};
    return TypeScale{body, body * 1.25f, body * 2.0f};
}

const char* text_size_key(TextSize size) {
    switch (size) {
        case TextSize::Standard: return "settings.text_size.standard";
        case TextSize::Large: return "settings.text_size.large";
        case TextSize::Larger: return "settings.text_size.larger";
        case TextSize::Largest: return "settings.text_size.largest";
    }
    return "settings.text_size.standard";
}

LayoutMetrics layout_metrics(DeviceClass device, const TypeScale& type) {
    LayoutMetrics m;
    m.min_target = 72.0f;
    m.gap = std::max(16.0f, type.body * 0.5f);
    m.pad = device == DeviceClass::Phone ? std::max(12.0f, type.body * 0.4f) : std::max(20.0f, type.body * 0.6f);
    m.border = std::max(3.0f, type.body / 10.0f);
    return m;
}

}  // namespace anxin
