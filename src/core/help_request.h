// A request for a person to call back, as the app sends it and the help server
// checks it: the phone number and the context that spares the senior from
// explaining everything again (which guide and step, what they already tried,
// how they use the app). One model and one validator on both sides.
#pragma once
#include <string>
#include <vector>

namespace anxin {

struct HelpContext {
    std::string guide;            // guide id, or empty (help from home/settings)
    int step = 0;                 // 1-based step within the guide; 0 = not in a step
    std::string lang = "zh-CN";   // voice/language: "zh-CN" Mandarin, "zh-HK" Cantonese
    std::string text_size = "standard";
    bool screen_reader = false;
    bool senior = true;           // the app is set up for an older person (65+): served first
    std::string device;           // "phone", "tablet", "kiosk:<id>"
    int steps_done = 0;           // steps of the guide the user went through
    int practice_misses = 0;      // wrong taps in practice on this guide
    bool operator==(const HelpContext& o) const;
};

struct HelpRequestBody {
    std::string idempotency_key;  // the same key sent twice is one request
    std::string phone;            // where to call back
    HelpContext context;
};

// Limits, shared by the app (so it never sends what the server refuses) and the server.
struct HelpLimits {
    static constexpr size_t kMaxBodyBytes = 8 * 1024;
    static constexpr size_t kMaxDevice = 112;  // "kiosk:<id>|<place>"
    static constexpr int kMaxStep = 50;
    static constexpr int kMaxCount = 1000;
};

// Digits only once spaces and dashes are gone, an optional leading +, 7 to 15 digits.
bool is_valid_callback_number(const std::string& phone);
std::string normalise_phone(const std::string& phone);  // "138 0013-8000" -> "13800138000"
bool is_valid_idempotency_key(const std::string& key);  // 16..64 of [A-Za-z0-9-]
std::string new_idempotency_key();                      // 32 random hex digits
// How long the app waits before trying the server again after `tries` failed tries:
// 2 s, 4 s, 8 s … at most 60 s.
double retry_delay_ms(int tries);

std::string help_request_to_json(const HelpRequestBody& body);
// Parses and validates. `known_guides` empty = any guide id accepted. On failure returns
// false and `error` says which field and why, in words a developer can act on.
bool help_request_from_json(const std::string& text, const std::vector<std::string>& known_guides,
                            HelpRequestBody& out, std::string& error);
std::string help_context_to_json(const HelpContext& context);

// Reports that a guide step is wrong / doesn't match the phone / doesn't work with a screen reader.
enum class ReportKind { StepWrong, DoesNotMatch, ScreenReader, Other };
const char* report_kind_name(ReportKind kind);  // "step_wrong", "does_not_match", "screen_reader", "other"
bool report_kind_from(const std::string& name, ReportKind& out);

}  // namespace anxin
