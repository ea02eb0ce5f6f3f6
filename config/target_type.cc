#include "config/target_type.h"

#include <array>

#include "config/enum_names.h"

namespace herald {
namespace {

// Indexed by TargetType.
constexpr std::array<const char*, 14> kNames = {"webhook",  "mastodon", "bluesky",  "discord",   "slack",
                                                "telegram", "matrix",   "facebook", "x",         "instagram",
                                                "threads",  "linkedin", "websub", "indexnow"};

}  // namespace

const char* target_type_name(TargetType type) { return enum_name(kNames, type); }

std::optional<TargetType> parse_target_type(std::string_view name) {
  return enum_by_name<TargetType>(kNames, name);
}

bool is_configurable(TargetType type) { return type != TargetType::websub; }

std::vector<std::string> configurable_target_type_names() {
  return enum_names_where(kNames, is_configurable);
}

}  // namespace herald
