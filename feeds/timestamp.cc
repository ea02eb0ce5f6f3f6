// Timestamp parsing and formatting. Civil <-> instant conversions go through
// std::chrono calendar types; offsets for dates written without one come
// from the site's TimeZone.
#include "feeds/timestamp.h"

#include <cstdio>

#include "feeds/time_zone.h"

namespace herald {
namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;

constexpr std::int64_t kSecondsPerDay = 86400;
constexpr const char* kAcceptedForms =
    "write 2021-08-10T16:17:00-06:00, 2021-08-10 16:17:00 -0600, 2021-08-10 16:17 or 2021-08-10";

struct CivilTime {
  year_month_day date;
  int hour = 0;
  int minute = 0;
  int second = 0;
};

CivilTime local_civil(const Timestamp& t) {
  std::int64_t local = t.unix_seconds + std::int64_t{t.offset_minutes} * 60;
  std::int64_t day = local / kSecondsPerDay;
  std::int64_t rest = local % kSecondsPerDay;
  if (rest < 0) {
    rest += kSecondsPerDay;
    --day;
  }
  CivilTime c;
  c.date = year_month_day{sys_days{days{day}}};
  c.hour = static_cast<int>(rest / 3600);
  c.minute = static_cast<int>(rest / 60 % 60);
  c.second = static_cast<int>(rest % 60);
  return c;
}

std::int64_t local_seconds_of(const year_month_day& date, int hour, int minute, int second) {
  std::int64_t day = sys_days{date}.time_since_epoch().count();
  return day * kSecondsPerDay + hour * 3600 + minute * 60 + second;
}

// A cursor over the text being parsed; every reader returns false when the
// expected piece is not there.
class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {}
  bool done() const { return pos_ == text_.size(); }
  char peek() const { return done() ? '\0' : text_[pos_]; }
  bool accept(char c) {
    if (peek() != c) return false;
    ++pos_;
    return true;
  }
  bool accept_any(std::string_view chars) {
    if (done() || chars.find(peek()) == std::string_view::npos) return false;
    ++pos_;
    return true;
  }
  // Exactly `min`..`max` decimal digits.
  bool number(int min, int max, int* out) {
    int n = 0;
    int value = 0;
    while (n < max && peek() >= '0' && peek() <= '9') {
      value = value * 10 + (text_[pos_++] - '0');
      ++n;
    }
    *out = value;
    return n >= min;
  }
  void skip_digits() {
    while (peek() >= '0' && peek() <= '9') ++pos_;
  }
  bool skip_blanks() {
    std::size_t start = pos_;
    while (peek() == ' ' || peek() == '\t') ++pos_;
    return pos_ > start;
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

// hh:mm[:ss[.fraction]]
bool read_time(Reader& r, CivilTime* c) {
  if (!r.number(1, 2, &c->hour) || !r.accept(':') || !r.number(2, 2, &c->minute)) return false;
  if (r.accept(':')) {
    if (!r.number(2, 2, &c->second)) return false;
    if (r.accept('.')) {
      int ignored = 0;
      if (!r.number(1, 1, &ignored)) return false;
      r.skip_digits();
    }
  }
  return c->hour < 24 && c->minute < 60 && c->second < 60;
}

// Z, ±hh:mm, ±hhmm or ±hh. Returns false on a malformed zone.
bool read_offset(Reader& r, int* minutes) {
  if (r.accept_any("Zz")) {
    *minutes = 0;
    return true;
  }
  int sign = r.peek() == '-' ? -1 : 1;
  if (!r.accept_any("+-")) return false;
  int hours = 0;
  int mins = 0;
  if (!r.number(1, 2, &hours)) return false;
  if (r.accept(':')) {
    if (!r.number(2, 2, &mins)) return false;
  } else if (!r.done()) {
    if (!r.number(2, 2, &mins)) return false;
  }
  *minutes = sign * (hours * 60 + mins);
  return hours < 24 && mins < 60;
}

bool read_date(Reader& r, CivilTime* c) {
  int y = 0;
  int m = 0;
  int d = 0;
  if (!r.number(4, 4, &y) || !r.accept('-') || !r.number(1, 2, &m) || !r.accept('-') ||
      !r.number(1, 2, &d)) {
    return false;
  }
  c->date = year_month_day{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                           std::chrono::day{static_cast<unsigned>(d)}};
  return c->date.ok();
}

// Parses the whole of `text`; `offset` stays empty when none is written.
bool read_timestamp(std::string_view text, CivilTime* c, std::optional<int>* offset) {
  Reader r(text);
  if (!read_date(r, c)) return false;
  if (r.done()) return true;
  if (!r.accept_any("Tt") && !r.skip_blanks()) return false;
  if (!read_time(r, c)) return false;
  r.skip_blanks();
  if (r.done()) return true;
  int minutes = 0;
  if (!read_offset(r, &minutes)) return false;
  *offset = minutes;
  return r.done();
}

std::string_view trim_blanks(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

std::string Timestamp::rfc822() const {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  CivilTime c = local_civil(*this);
  std::chrono::weekday wd{sys_days{c.date}};
  int off = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02u %s %04d %02d:%02d:%02d %c%02d%02d",
                kDays[wd.c_encoding()], static_cast<unsigned>(c.date.day()),
                kMonths[static_cast<unsigned>(c.date.month()) - 1],
                static_cast<int>(c.date.year()), c.hour, c.minute, c.second,
                offset_minutes < 0 ? '-' : '+', off / 60, off % 60);
  return buf;
}

std::string Timestamp::rfc3339() const {
  CivilTime c = local_civil(*this);
  char buf[64];
  int n = std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d",
                        static_cast<int>(c.date.year()), static_cast<unsigned>(c.date.month()),
                        static_cast<unsigned>(c.date.day()), c.hour, c.minute, c.second);
  int off = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  if (offset_minutes == 0) {
    std::snprintf(buf + n, sizeof buf - n, "Z");
  } else {
    std::snprintf(buf + n, sizeof buf - n, "%c%02d:%02d", offset_minutes < 0 ? '-' : '+',
                  off / 60, off % 60);
  }
  return buf;
}

int Timestamp::year() const { return static_cast<int>(local_civil(*this).date.year()); }
int Timestamp::month() const {
  return static_cast<int>(static_cast<unsigned>(local_civil(*this).date.month()));
}
int Timestamp::day() const {
  return static_cast<int>(static_cast<unsigned>(local_civil(*this).date.day()));
}

std::optional<Timestamp> parse_timestamp(std::string_view text, const TimeZone& zone,
                                         std::string* error) {
  std::string_view trimmed = trim_blanks(text);
  CivilTime c;
  std::optional<int> offset;
  if (!read_timestamp(trimmed, &c, &offset)) {
    if (error != nullptr) *error = "'" + std::string(trimmed) + "' is not a date; " + kAcceptedForms;
    return std::nullopt;
  }
  std::int64_t local = local_seconds_of(c.date, c.hour, c.minute, c.second);
  int minutes = offset ? *offset : zone.offset_minutes_at_local(local);
  return Timestamp{local - std::int64_t{minutes} * 60, minutes};
}

Timestamp civil_to_timestamp(int year, int month, int day, int hour, int minute, int second,
                             const TimeZone& zone) {
  year_month_day date{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                      std::chrono::day{static_cast<unsigned>(day)}};
  std::int64_t local = local_seconds_of(date, hour, minute, second);
  int minutes = zone.offset_minutes_at_local(local);
  return Timestamp{local - std::int64_t{minutes} * 60, minutes};
}

}  // namespace herald
