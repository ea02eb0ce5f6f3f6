#include "daemon/cli/cli_time.h"

#include "daemon/cli/cli_control.h"
#include "daemon/control/control_commands.h"
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

ShownTime ShownTime::on(std::int64_t now_ms) const {
  ShownTime shown = *this;
  shown.now_ms_ = now_ms;
  return shown;
}

std::string ShownTime::scheduled(const boost::json::value& scheduled) const {
  const boost::json::object* s = scheduled.if_object();
  std::string local, offset;
  if (!s || !s->contains("at") || !split(s->at("at"), &local, &offset)) return "";
  std::string text = "scheduled at " + local.substr(11, 5) + (utc() ? " UTC" : "");
  std::string today, today_offset;
  if (now_ms_ < 0 || !split(boost::json::value(json_time(now_ms_)), &today, &today_offset) ||
      today.substr(0, 10) != local.substr(0, 10)) {
    text += " on " + local.substr(0, 10);
  }
  return text + " (" + cell(s->contains("reason") ? s->at("reason") : boost::json::value()) + ")";
}

std::string ShownTime::minutes(const boost::json::value& json_time) const {
  std::string local, offset;
  if (!split(json_time, &local, &offset)) return cell(json_time);
  return local.substr(0, 16) + (utc() ? "" : " " + offset);
}

}  // namespace herald
