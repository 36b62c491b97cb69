// JSON parsing that reports where a file is broken ("line 12, column 5")
// without C++ exceptions (the web build has none).
#pragma once
#include <nlohmann/json.hpp>
#include <string>

namespace anxin {

// Parses `text`; on failure returns a discarded value and sets `error` to
// "line L, column C: <what>".
nlohmann::json parse_json_with_position(const std::string& text, std::string& error);

}  // namespace anxin
