#include "core/help_request.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <random>

namespace anxin {

using nlohmann::json;

namespace {

const char* const kLangs[] = {"zh-CN", "zh-HK"};
const char* const kTextSizes[] = {"standard", "large", "larger", "largest"};
const char* const kReportKinds[] = {"step_wrong", "does_not_match", "screen_reader", "other"};

bool read_int(const json& j, const char* key, int lo, int hi, int& out, std::string& error) {
    auto it = j.find(key);
    if (it == j.end()) return true;
    if (!it->is_number_integer() || it->get<long long>() < lo || it->get<long long>() > hi) {
        error = std::string("context.") + key + " must be a whole number from " + std::to_string(lo) + " to " + std::to_string(hi);
        return false;
    }
    out = it->get<int>();
    return true;
}

bool read_bool(const json& j, const char* key, bool& out, std::string& error) {
    auto it = j.find(key);
    if (it == j.end()) return true;
    if (!it->is_boolean()) { error = std::string("context.") + key + " must be true or false"; return false; }
    out = it->get<bool>();
    return true;
}

template <size_t N>
bool read_choice(const json& j, const char* key, const char* const (&choices)[N], std::string& out, std::string& error) {
    auto it = j.find(key);
    if (it == j.end()) return true;
    if (it->is_string())
        for (const char* c : choices)
            if (it->get_ref<const std::string&>() == c) { out = c; return true; }
    error = std::string("context.") + key + " must be one of";
    for (const char* c : choices) error += std::string(" ") + c;
    return false;
}

}  // namespace

bool HelpContext::operator==(const HelpContext& o) const {
    return guide == o.guide && step == o.step && lang == o.lang && text_size == o.text_size && screen_reader == o.screen_reader &&
           senior == o.senior && device == o.device && steps_done == o.steps_done && practice_misses == o.practice_misses;
}

std::string normalise_phone(const std::string& phone) {
    std::string out;
    for (size_t i = 0; i < phone.size(); ++i) {
        const char c = phone[i];
        if ((c >= '0' && c <= '9') || (c == '+' && out.empty())) out += c;
        else if (c != ' ' && c != '-') return {};  // anything else: not a phone number
    }
    return out;
}

bool is_valid_callback_number(const std::string& phone) {
    if (phone.size() > 24) return false;
    const std::string n = normalise_phone(phone);
    const size_t digits = n.size() - (n.rfind('+', 0) == 0 ? 1 : 0);
    return !n.empty() && digits >= 7 && digits <= 15;
}

bool is_valid_idempotency_key(const std::string& key) {
    if (key.size() < 16 || key.size() > 64) return false;
    return std::all_of(key.begin(), key.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    });
}

std::string new_idempotency_key() {
    std::random_device rd;  // the browser's crypto.getRandomValues in the web build
    static const char* hex = "0123456789abcdef";
    std::string key;
    for (int i = 0; i < 32; ++i) key += hex[rd() % 16];
    return key;
}

double retry_delay_ms(int tries) { return std::min(60000.0, 2000.0 * double(1 << std::clamp(tries - 1, 0, 5))); }

std::string help_context_to_json(const HelpContext& c) {
    json j;
    j["guide"] = c.guide;
    j["step"] = c.step;
    j["lang"] = c.lang;
    j["text_size"] = c.text_size;
    j["screen_reader"] = c.screen_reader;
    j["senior"] = c.senior;
    j["device"] = c.device;
    j["steps_done"] = c.steps_done;
    j["practice_misses"] = c.practice_misses;
    return j.dump();
}

std::string help_request_to_json(const HelpRequestBody& b) {
    json j;
    j["idempotency_key"] = b.idempotency_key;
    j["phone"] = b.phone;
    j["context"] = json::parse(help_context_to_json(b.context));
    return j.dump();
}

bool help_request_from_json(const std::string& text, const std::vector<std::string>& known_guides, HelpRequestBody& out,
                            std::string& error) {
    if (text.size() > HelpLimits::kMaxBodyBytes) { error = "the request is larger than 8 KB"; return false; }
    const json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object()) { error = "the body is not a JSON object"; return false; }
    auto key = j.find("idempotency_key");
    if (key == j.end() || !key->is_string() || !is_valid_idempotency_key(key->get<std::string>())) {
        error = "idempotency_key must be 16 to 64 letters, digits or '-'";
        return false;
    }
    out.idempotency_key = key->get<std::string>();
    auto phone = j.find("phone");
    if (phone == j.end() || !phone->is_string() || !is_valid_callback_number(phone->get<std::string>())) {
        error = "phone must be a phone number of 7 to 15 digits";
        return false;
    }
    out.phone = normalise_phone(phone->get<std::string>());
    out.context = HelpContext{};
    auto ctx = j.find("context");
    if (ctx == j.end()) return true;
    if (!ctx->is_object()) { error = "context must be an object"; return false; }
    HelpContext& c = out.context;
    if (auto g = ctx->find("guide"); g != ctx->end()) {
        if (!g->is_string()) { error = "context.guide must be a guide id"; return false; }
        c.guide = g->get<std::string>();
        if (!c.guide.empty() && !known_guides.empty() &&
            std::find(known_guides.begin(), known_guides.end(), c.guide) == known_guides.end()) {
            error = "context.guide '" + c.guide.substr(0, 40) + "' is not a known guide";
            return false;
        }
    }
    if (auto d = ctx->find("device"); d != ctx->end()) {
        if (!d->is_string() || d->get_ref<const std::string&>().size() > HelpLimits::kMaxDevice) {
            error = "context.device must be text of at most 112 bytes";
            return false;
        }
        c.device = d->get<std::string>();
    }
    return read_int(*ctx, "step", 0, HelpLimits::kMaxStep, c.step, error) &&
           read_int(*ctx, "steps_done", 0, HelpLimits::kMaxCount, c.steps_done, error) &&
           read_int(*ctx, "practice_misses", 0, HelpLimits::kMaxCount, c.practice_misses, error) &&
           read_bool(*ctx, "screen_reader", c.screen_reader, error) && read_bool(*ctx, "senior", c.senior, error) &&
           read_choice(*ctx, "lang", kLangs, c.lang, error) && read_choice(*ctx, "text_size", kTextSizes, c.text_size, error);
}

const char* report_kind_name(ReportKind kind) { return kReportKinds[int(kind)]; }

bool report_kind_from(const std::string& name, ReportKind& out) {
    for (size_t i = 0; i < std::size(kReportKinds); ++i)
        if (name == kReportKinds[i]) { out = ReportKind(i); return true; }
    return false;
}

}  // namespace anxin
