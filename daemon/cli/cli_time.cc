#include "daemon/cli/cli_time.h"

#include "daemon/cli/cli_control.h"
#include "feeds/timestamp.h"

namespace herald {

ShownTime ShownTime::of(const Config& config, bool utc) {
  std::optional<TimeZone> zone = utc ? std::nullopt : TimeZone::load(config.site.timezone);
  return ShownTime(zone ? *zone : TimeZone::utc());
}

bool ShownTime::split(const boost::json::value& json_time, std::string* local,
                      std::string* offset) const {
  if (!json_time.is_string()) return false;
  std::string error;
  std::optional<Timestamp> t = parse_timestamp(json_time.get_string(), TimeZone::utc(), &error);
  if (!t) return false;
  std::string text = Timestamp{t->unix_seconds, zone_.offset_minutes_at(t->unix_seconds)}.rfc3339();
  if (text.size() < 20 || text[10] != 'T') return false;
  *local = text.substr(0, 10) + ' ' + text.substr(11, 8);
  *offset = text.substr(19) == "Z" ? "+00:00" : text.substr(19);
  return true;
}

std::string ShownTime::seconds(const boost::json::value& json_time) const {
  std::string local, offset;
  if (!split(json_time, &local, &offset)) return cell(json_time);
  return local + (utc() ? " UTC" : " " + offset);
}

std::string ShownTime::minutes(const boost::json::value& json_time) const {
  std::string local, offset;
  if (!split(json_time, &local, &offset)) return cell(json_time);
  return local.substr(0, 16) + (utc() ? "" : " " + offset);
}

}  // namespace herald
