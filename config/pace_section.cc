// A target's `pace:` mapping (config/pace_config.h).
#include "config/config_sections.h"
#include "config/pace_config.h"
#include "config/section_values.h"

namespace herald {

void read_pace_section(const SectionReader& target, PaceConfig& pace) {
  using std::chrono::milliseconds;
  SectionReader section =
      target.section("pace", {"min_interval", "quiet_hours", "max_per_day", "order", "max_age"});
  read_duration(section, "min_interval", milliseconds(1000), true, pace.min_interval);
  if (std::optional<ScalarValue> text = section.string("quiet_hours")) {
    Result<QuietHours> quiet = parse_quiet_hours(text->text);
    if (quiet.ok()) {
      pace.quiet_hours = *quiet;
    } else {
      section.error("quiet_hours", quiet.error());
    }
  }
  if (auto value = section.integer("max_per_day", 1, 100000)) pace.max_per_day = static_cast<int>(*value);
  if (std::optional<ScalarValue> order = section.string("order")) {
    if (order->text == "oldest_first" || order->text == "newest_first") {
      pace.order = order->text == "newest_first" ? PaceOrder::newest_first : PaceOrder::oldest_first;
    } else {
      section.error("order", "must be oldest_first or newest_first, got '" + order->text + "'");
    }
  }
  read_duration(section, "max_age", milliseconds(60 * 1000), true, pace.max_age);
}

}  // namespace herald
