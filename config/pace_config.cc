#include "config/pace_config.h"

#include <cstdio>

namespace herald {
namespace {

// "HH:MM" as minutes of the day; -1 when it is not one.
int minute_of_day(std::string_view text) {
  if (text.size() != 5 || text[2] != ':') return -1;
  for (std::size_t i : {0, 1, 3, 4}) {
    if (text[i] < '0' || text[i] > '9') return -1;
  }
  int hours = (text[0] - '0') * 10 + (text[1] - '0');
  int minutes = (text[3] - '0') * 10 + (text[4] - '0');
  if (hours > 23 || minutes > 59) return -1;
  return hours * 60 + minutes;
}

std::string clock_text(int minute) {
  char text[16];
  std::snprintf(text, sizeof text, "%02d:%02d", minute / 60 % 24, minute % 60);
  return text;
}

}  // namespace

Result<QuietHours> parse_quiet_hours(std::string_view text) {
  const std::string got = ", got '" + std::string(text) + "'";
  std::size_t dash = text.find('-');
  int start = dash == std::string_view::npos ? -1 : minute_of_day(text.substr(0, dash));
  int end = dash == std::string_view::npos ? -1 : minute_of_day(text.substr(dash + 1));
  if (start < 0 || end < 0) {
    return Result<QuietHours>::failed("must be \"HH:MM-HH:MM\" (24-hour clock, site.timezone), e.g. "
                                      "\"23:00-07:00\"" + got);
  }
  if (start == end) {
    return Result<QuietHours>::failed("starts and ends at the same time; give a period, e.g. "
                                      "\"23:00-07:00\", or remove the key" + got);
  }
  return QuietHours{start, end};
}

std::string format_quiet_hours(const QuietHours& quiet) {
  return clock_text(quiet.start_minute) + "-" + clock_text(quiet.end_minute);
}

}  // namespace herald
