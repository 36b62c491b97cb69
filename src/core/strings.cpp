#include "core/strings.h"

#include <cctype>
#include <cstring>

#include <nlohmann/json.hpp>

namespace anxin {

std::vector<std::string> Strings::load(const std::string& json_text, const std::string& file_name) {
    std::vector<std::string> problems;
    const auto j = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object()) {
        problems.push_back(file_name + ": not a JSON object of \"key\": \"text\"");
        return problems;
    }
    std::map<std::string, std::string> table;
    for (auto it = j.begin(); it != j.end(); ++it) {
        if (!it.value().is_string()) {
            problems.push_back(file_name + ": key '" + it.key() + "' is not a string");
            continue;
        }
        if (it.key() == "lang") lang_ = it.value().get<std::string>();
        table[it.key()] = it.value().get<std::string>();
    }
    table_ = std::move(table);
    return problems;
}

const std::string& Strings::get(const std::string& key) const {
    auto it = table_.find(key);
    if (it != table_.end()) return it->second;
    auto& slot = missing_[key];
    if (slot.empty()) slot = "\u27E6" + key + "\u27E7";
    return slot;
}

std::string Strings::format(const std::string& key,
                            const std::vector<std::pair<std::string, std::string>>& args) const {
    std::string out = get(key);
    for (const auto& [name, value] : args) {
        const std::string token = "{" + name + "}";
        for (size_t pos = out.find(token); pos != std::string::npos; pos = out.find(token, pos + value.size()))
            out.replace(pos, token.size(), value);
    }
    return out;
}

std::string digits_one_by_one(const std::string& text) {
    // Measure words after which a number is an amount, a date or a count, not a phone number.
    static const char* const kMeasures[] = {"年", "月", "日", "号", "元", "块", "岁", "步", "个", "分", "秒", "次", "天", "米", "%", "字", "位", "人"};
    std::string out;
    size_t i = 0;
    while (i < text.size()) {
        if (!std::isdigit((unsigned char)text[i])) {
            out += text[i++];
            continue;
        }
        size_t end = i;
        while (end < text.size() && std::isdigit((unsigned char)text[end])) ++end;
        const std::string run = text.substr(i, end - i);
        size_t after = end;
        while (after < text.size() && text[after] == ' ') ++after;
        bool amount = (i > 0 && (text[i - 1] == '.' || text[i - 1] == ':')) ||
                      (end < text.size() && (text[end] == '.' || text[end] == ':') && end + 1 < text.size() &&
                       std::isdigit((unsigned char)text[end + 1]));
        for (const char* m : kMeasures) amount = amount || text.compare(after, std::strlen(m), m) == 0;
        if (run.size() < 3 || amount) {
            out += run;
        } else {
            for (size_t k = 0; k < run.size(); ++k) {
                if (k) out += ' ';
                out += run[k];
            }
        }
        i = end;
    }
    return out;
}

}  // namespace anxin
