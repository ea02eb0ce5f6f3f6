#include "feeds/http_date.h"

#include <locale.h>

namespace herald {
namespace {

locale_t c_locale() {
  static locale_t locale = ::newlocale(LC_ALL_MASK, "C", static_cast<locale_t>(0));
  return locale;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string format_http_date(std::time_t when) {
  std::tm tm{};
  ::gmtime_r(&when, &tm);
  char buf[64];
  std::size_t n = ::strftime_l(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm, c_locale());
  return std::string(buf, n);
}

std::optional<std::time_t> parse_http_date(std::string_view text) {
  std::string copy(trim(text));
  for (const char* format : {"%a, %d %b %Y %H:%M:%S GMT", "%A, %d-%b-%y %H:%M:%S GMT",
                             "%a %b %e %H:%M:%S %Y"}) {
    std::tm tm{};
    const char* end = ::strptime_l(copy.c_str(), format, &tm, c_locale());
    if (end != nullptr && *end == '\0') return ::timegm(&tm);
  }
  return std::nullopt;
}

}  // namespace herald
