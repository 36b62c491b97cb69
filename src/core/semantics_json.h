// One semantics node as JSON: what the browser tests read (anxin_semantics_json)
// and what the DOM mirror is sent (tree_update_json), in the same shape.
#pragma once
#include <nlohmann/json.hpp>

#include "core/semantics.h"

namespace anxin {

nlohmann::json semantics_node_json(const SemanticsNode& node);

}  // namespace anxin
