// Timestamp parsing and formatting. Dates are read by Howard Hinnant's
// date::parse (Debian's libhowardhinnant-date-dev) in a list of forms;
// civil <-> instant conversions go through std::chrono calendar types;
// offsets for dates written without one come from the site's TimeZone.
#include "feeds/timestamp.h"

#include <cstdio>
#include <regex>
#include <sstream>
#include <vector>

// g++ 12 at -O2 takes date.h's seconds field (from_stream's `S`, set on
// every path that reads it) for maybe uninitialized: a false positive.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <date/date.h>
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

#include "feeds/time_zone.h"

namespace herald {
namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;

constexpr std::int64_t kSecondsPerDay = 86400;
// No form is longer ("Tue, 10 Aug 2021 16:17:00.123456 2021 -06:00" is 44):
// a longer text is refused before any try, bounding the cost.
constexpr std::size_t kLongestDate = 64;
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

// The written forms a date is read in, most common first (the seed's and
// Jekyll's, so a typical post costs one or two tries). Each is a format of
// Howard Hinnant's date::parse, where a blank matches any run of blanks,
// none included: `%Ez` reads -06, -06:00; `%z` reads -06, -0600. Then every
// combination of a date (ISO, slashes, RFC 2822), a time (T or a blank,
// with or without seconds and a fraction), a repeated year (Ruby's
// `Time#to_s` of old Jekyll sites: "2023-01-29 18:30:22 2023 -0800") and a
// zone (an offset, Z, UTC, GMT, or none: the site's zone). Not read, as
// the library reads them wrongly or ambiguously: 12-hour times with AM/PM
// (date.h ignores %p when parsing), zone abbreviations other than
// UTC/GMT (CST is three different offsets), fractions finer than a
// microsecond.
struct DateForm {
  std::string format;
  bool zoned = false;      // an offset or Z/UTC/GMT is written
  bool with_time = false;
};

std::vector<DateForm> date_forms() {
  static const char* const kDates[] = {"%Y-%m-%d", "%Y/%m/%d", "%a, %d %b %Y", "%d %b %Y"};
  static const char* const kTimes[] = {"T%H:%M:%S", " %H:%M:%S", "T%H:%M", " %H:%M", "t%H:%M:%S", "t%H:%M"};
  static const char* const kYears[] = {"", " %Y"};
  struct Zone {
    const char* format;
    bool zoned;
  };
  static const Zone kZones[] = {{" %Ez", true}, {" %z", true}, {" Z", true}, {" z", true},
                                {" UTC", true}, {" GMT", true}, {"", false}};
  std::vector<DateForm> forms = {{"%Y-%m-%dT%H:%M:%S %Ez", true, true},
                                 {"%Y-%m-%d %H:%M:%S %z", true, true},
                                 {"%Y-%m-%dT%H:%M:%S Z", true, true},
                                 {"%Y-%m-%d", false, false}};
  auto add = [&forms](DateForm form) {
    for (const DateForm& known : forms) {
      if (known.format == form.format) return;
    }
    forms.push_back(std::move(form));
  };
  for (const char* date : kDates) {
    for (const char* time : kTimes) {
      for (const char* year : kYears) {
        for (const Zone& zone : kZones) {
          add({std::string(date) + time + year + zone.format, zone.zoned, true});
        }
      }
    }
    add({date, false, false});
  }
  return forms;
}

// The form nearly every post writes ("2021-08-10T16:17:00.000-06:00", or
// with a space, without the fraction or the offset, with Z): a shape the
// expression below accepts, checked without it (std::regex costs more than
// the rest of the date's reading).
bool has_common_date_shape(std::string_view text) {
  auto digits = [&text](std::size_t at, std::size_t count) {
    if (at + count > text.size()) return false;
    for (std::size_t i = at; i < at + count; ++i) {
      if (text[i] < '0' || text[i] > '9') return false;
    }
    return true;
  };
  auto is = [&text](std::size_t at, std::string_view chars) {
    return at < text.size() && chars.find(text[at]) != std::string_view::npos;
  };
  if (!(digits(0, 4) && is(4, "-") && digits(5, 2) && is(7, "-") && digits(8, 2) && is(10, "T ") &&
        digits(11, 2) && is(13, ":") && digits(14, 2) && is(16, ":") && digits(17, 2))) {
    return false;
  }
  std::size_t at = 19;
  if (is(at, ".")) {
    std::size_t first = ++at;
    while (digits(at, 1)) ++at;
    if (at == first || at - first > 6) return false;
  }
  if (at == text.size()) return true;
  if (is(at, "Z")) return at + 1 == text.size();
  return is(at, "+-") && digits(at + 1, 2) && is(at + 3, ":") && digits(at + 4, 2) && at + 6 == text.size();
}

// Whether `text` has the shape of one of the forms (std::regex, ECMAScript),
// before date::parse reads it. Guards defects of date.h 3.0.1 found by
// tests/fuzz/post_fuzz, undefined behaviour on malformed input: %z or %Ez
// where an offset's digits are missing or broken ("-:0600", "-0*:00")
// negates the minimum long, and %S without digits ("01:30:z04") converts a
// NaN to an integer. Only texts of a known shape reach the library.
bool has_date_shape(std::string_view text) {
  if (has_common_date_shape(text)) return true;
  static const std::regex kShape(
      "(\\d{4}[-/]\\d{1,2}[-/]\\d{1,2}|([A-Za-z]{3},[ \\t]*)?\\d{1,2}[ \\t]+[A-Za-z]{3}[ \\t]+\\d{4})"
      "([Tt \\t][ \\t]*\\d{1,2}:\\d{2}(:\\d{2}(\\.\\d{1,6})?)?"
      "([ \\t]+\\d{4})?"
      "([ \\t]*([+-]\\d{1,2}(:?\\d{2})?|[Zz]|UTC|GMT))?)?",
      std::regex::ECMAScript | std::regex::optimize);
  return std::regex_match(text.begin(), text.end(), kShape);
}

// Reads the whole of `text` in one of the forms; `offset` stays empty when
// none is written.
bool read_timestamp(std::string_view text, std::int64_t* local_seconds, std::optional<int>* offset) {
  static const std::vector<DateForm> kForms = date_forms();
  if (!has_date_shape(text)) return false;
  std::istringstream in;
  for (const DateForm& form : kForms) {
    in.clear();
    in.str(std::string(text));
    date::local_time<std::chrono::microseconds> local{};
    std::chrono::minutes written_offset{0};
    in >> date::parse(form.format, local, written_offset);
    if (in.fail() || !(in >> std::ws).eof()) continue;
    auto day = date::floor<date::days>(local);
    int year = static_cast<int>(date::year_month_day{day}.year());
    if (year < 1000 || year > 9999) continue;  // "21-08-05" is no year 21
    *local_seconds = date::floor<std::chrono::seconds>(local).time_since_epoch().count();
    if (form.zoned) *offset = static_cast<int>(written_offset.count());
    return true;
  }
  return false;
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
  const int year = static_cast<int>(c.date.year());
  const int off = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  char buf[64];
  if (year < 0 || year > 9999 || off / 60 > 99) {  // the rare shapes, by printf
    int n = std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d", year,
                          static_cast<unsigned>(c.date.month()), static_cast<unsigned>(c.date.day()),
                          c.hour, c.minute, c.second);
    std::snprintf(buf + n, sizeof buf - n, "%c%02d:%02d", offset_minutes < 0 ? '-' : '+', off / 60, off % 60);
    return offset_minutes == 0 ? std::string(buf, n) + "Z" : buf;
  }
  // Every feed entry has two: written digit by digit (snprintf was a
  // noticeable part of rendering a whole archive).
  auto put = [&buf](std::size_t at, int value, std::size_t width) {
    for (std::size_t i = width; i-- > 0; value /= 10) buf[at + i] = static_cast<char>('0' + value % 10);
  };
  std::string_view shape = "0000-00-00T00:00:00+00:00";
  shape.copy(buf, shape.size());
  put(0, year, 4);
  put(5, static_cast<int>(static_cast<unsigned>(c.date.month())), 2);
  put(8, static_cast<int>(static_cast<unsigned>(c.date.day())), 2);
  put(11, c.hour, 2);
  put(14, c.minute, 2);
  put(17, c.second, 2);
  if (offset_minutes == 0) {
    buf[19] = 'Z';
    return std::string(buf, 20);
  }
  buf[19] = offset_minutes < 0 ? '-' : '+';
  put(20, off / 60, 2);
  put(23, off % 60, 2);
  return std::string(buf, shape.size());
}

int Timestamp::year() const { return static_cast<int>(local_civil(*this).date.year()); }
int Timestamp::month() const {
  return static_cast<int>(static_cast<unsigned>(local_civil(*this).date.month()));
}
int Timestamp::day() const {
  return static_cast<int>(static_cast<unsigned>(local_civil(*this).date.day()));
}

int Timestamp::hour() const { return local_civil(*this).hour; }
int Timestamp::minute() const { return local_civil(*this).minute; }
int Timestamp::second() const { return local_civil(*this).second; }

std::optional<Timestamp> parse_timestamp(std::string_view text, const TimeZone& zone,
                                         std::string* error) {
  std::string_view trimmed = trim_blanks(text);
  std::int64_t local = 0;
  std::optional<int> offset;
  if (trimmed.size() > kLongestDate || !read_timestamp(trimmed, &local, &offset)) {
    if (error != nullptr) *error = "'" + std::string(trimmed) + "' is not a date; " + kAcceptedForms;
    return std::nullopt;
  }
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
