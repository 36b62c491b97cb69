#include "core/strings.h"

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

}  // namespace anxin
