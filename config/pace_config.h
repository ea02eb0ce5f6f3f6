// A target's pacing (`pace:` under a target): how a careful editor spaces
// announcements out. Every field is optional; a default PaceConfig paces
// nothing. The rule that applies it is daemon/targets/pace_rule.h; the
// keys are documented in docs/configuration.md and docs/delivery.md.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "feeds/status.h"

namespace herald {

// "HH:MM-HH:MM" in site.timezone, as minutes of the local day. `start`
// and `end` differ; start > end crosses midnight ("23:00-07:00").
struct QuietHours {
  int start_minute = 0;
  int end_minute = 0;
  bool operator==(const QuietHours&) const = default;
};

// Parses "HH:MM-HH:MM" (00:00 to 23:59 each, ends different). The Result
// holds the hours or the sentence after the key name saying what is wrong.
Result<QuietHours> parse_quiet_hours(std::string_view text);
// "23:00-07:00".
std::string format_quiet_hours(const QuietHours& quiet);

enum class PaceOrder { oldest_first, newest_first };

struct PaceConfig {
  std::chrono::milliseconds min_interval{0};  // 0: none
  std::optional<QuietHours> quiet_hours;
  int max_per_day = 0;                        // 0: no cap
  PaceOrder order = PaceOrder::oldest_first;
  std::chrono::milliseconds max_age{0};       // 0: none

  // Whether new announcements wait for one another (interval, quiet hours
  // or a daily cap); otherwise only `order` and `max_age` apply.
  bool spaces() const { return min_interval.count() > 0 || quiet_hours || max_per_day > 0; }
};

}  // namespace herald
