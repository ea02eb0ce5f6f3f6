// TargetType: the kinds of announcement target, and their names as the
// configuration's `type:` and `herald status` write them. A `targets:` item
// names one of the configurable types; websub is internal: the daemon makes
// one such target per feeds.hubs entry (daemon/targets/webhook/websub.h).
// indexnow is configured but announces no post: it submits the URLs of
// each change in batches (daemon/targets/indexnow/indexnow_driver.h).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace herald {

enum class TargetType {
  webhook, mastodon, bluesky, discord, slack, telegram, matrix, facebook, x, instagram, threads, linkedin,
  websub, indexnow
};

// "webhook", "mastodon", "bluesky", "discord", "slack", "telegram", "matrix",
// "facebook", "x", "instagram", "threads", "linkedin", "websub", "indexnow".
const char* target_type_name(TargetType type);
// The type named `name` exactly (websub included); nullopt for any other text.
std::optional<TargetType> parse_target_type(std::string_view name);

// A `targets:` item may name it: every type but websub.
bool is_configurable(TargetType type);
// The names of the configurable types, in declaration order (for messages).
std::vector<std::string> configurable_target_type_names();

}  // namespace herald
