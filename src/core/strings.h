// UI text by key, loaded from assets/i18n/<lang>.json (a flat object of
// "key": "text"). Code never holds user-facing text, so a new language is a
// new file. A missing key shows as ⟦key⟧ so tests and people can spot it.
#pragma once
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace anxin {

class Strings {
public:
    // Replaces the table; returns problems (file, key) — empty if clean.
    std::vector<std::string> load(const std::string& json_text, const std::string& file_name);
    const std::string& get(const std::string& key) const;
    bool has(const std::string& key) const { return table_.count(key) != 0; }
    // get(key) with each {name} replaced by its value.
    std::string format(const std::string& key, const std::vector<std::pair<std::string, std::string>>& args) const;
    const std::string& lang() const { return lang_; }
    const std::map<std::string, std::string>& table() const { return table_; }

private:
    std::map<std::string, std::string> table_;
    std::string lang_ = "zh-CN";
    mutable std::map<std::string, std::string> missing_;  // keeps the ⟦key⟧ strings alive
};

// For the voice: numbers of three or more digits that are not amounts or dates (phone
// numbers, codes: "12345", "96110") are read one digit at a time, "1 2 3 4 5", as people
// say them; "2026 年", "100 元" and "3.5" stay whole.
std::string digits_one_by_one(const std::string& text);

}  // namespace anxin
