#include "config/value_rules.h"

#include <algorithm>
#include <charconv>
#include <limits>

#include <boost/asio/ip/address.hpp>

#include <boost/url/parse.hpp>
#include <unicode/locid.h>

#include "config/suggestion.h"

namespace herald {
namespace {

std::string got(std::string_view value) { return ", got '" + std::string(value) + "'"; }

bool is_placeholder_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool is_well_formed_language(const std::string& tag) {
  UErrorCode status = U_ZERO_ERROR;
  icu::Locale locale = icu::Locale::forLanguageTag(tag, status);
  // An unknown language has no ISO 639-2 code in ICU.
  return U_SUCCESS(status) && !locale.isBogus() && *locale.getISO3Language() != '\0';
}

// The ":name" placeholders of a permalink, after the scheme of an absolute URL.
std::string check_colon_placeholders(std::string_view text) {
  static const std::vector<std::string> kAllowed = {
      ":year", ":month", ":day",   ":slug",       ":id",         ":section",   ":title",     ":i_month",
      ":i_day", ":short_year", ":hour", ":minute", ":second", ":categories", ":output_ext"};
  std::size_t start = text.find("://");
  std::size_t i = start == std::string_view::npos ? 0 : start + 3;
  for (; i < text.size(); ++i) {
    if (text[i] != ':') continue;
    std::size_t end = i + 1;
    while (end < text.size() && is_placeholder_char(text[end])) ++end;
    if (end == i + 1) continue;  // e.g. a port number
    std::string name(text.substr(i, end - i));
    if (std::find(kAllowed.begin(), kAllowed.end(), name) == kAllowed.end()) {
      return "has " + unknown_name_message("placeholder", name, "", kAllowed);
    }
  }
  return "";
}

bool has_dot_dot_segment(std::string_view path) {
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    if (path.substr(start, end - start) == "..") return true;
    start = end + 1;
  }
  return false;
}

}  // namespace

std::string check_http_url(std::string_view url) {
  auto parsed = boost::urls::parse_absolute_uri(url);
  if (!parsed || (parsed->scheme() != "http" && parsed->scheme() != "https") ||
      parsed->encoded_host().empty()) {
    return "must be an absolute http or https URL with a host, e.g. https://example.org/" +
           got(url);
  }
  return "";
}

std::string check_origin(std::string_view origin) {
  auto parsed = boost::urls::parse_absolute_uri(origin);
  if (!parsed || (parsed->scheme() != "http" && parsed->scheme() != "https") ||
      parsed->encoded_host().empty() || parsed->has_userinfo() || parsed->has_query() ||
      (!parsed->encoded_path().empty() && parsed->encoded_path() != "/")) {
    return "must be an http or https origin (scheme, host, optional port), e.g. "
           "https://cdn.example.org" +
           got(origin);
  }
  return "";
}

std::string check_site_url(std::string_view url) {
  // parse_absolute_uri refuses a fragment; parse_uri tells it apart.
  auto parsed = boost::urls::parse_uri(url);
  if (parsed && (parsed->has_query() || parsed->has_fragment())) {
    return "must not have a query ('?') or fragment ('#')" + got(url);
  }
  return check_http_url(url);
}

std::string with_trailing_slash(std::string url) {
  if (url.empty() || url.back() != '/') url += '/';
  return url;
}

std::string check_language(std::string_view tag) {
  std::string text(tag);
  if (is_well_formed_language(text)) return "";
  std::string hyphenated = text;
  std::replace(hyphenated.begin(), hyphenated.end(), '_', '-');
  if (hyphenated != text && is_well_formed_language(hyphenated)) {
    return "must be a BCP 47 language tag: use '" + hyphenated + "' (BCP 47 uses '-')" +
           got(tag);
  }
  return "must be a BCP 47 language tag such as en, es or es-MX" + got(tag);
}

std::string check_permalink(std::string_view permalink) {
  bool absolute = permalink.starts_with("http://") || permalink.starts_with("https://");
  if (absolute ? !check_http_url(permalink).empty() : !permalink.starts_with('/')) {
    return "must start with '/' or be an absolute http or https URL, e.g. "
           "/:year/:month/:day/:slug/" + got(permalink);
  }
  return check_colon_placeholders(permalink);
}

std::string check_excerpt_separator(std::string_view separator) {
  if (separator.empty()) return "must not be empty; write the text that ends a post's excerpt, e.g. \"<!--more-->\"";
  if (separator.size() > 200) return "must be at most 200 bytes" + got(separator.substr(0, 40));
  return "";
}

std::string check_entry_id(std::string_view entry_id) {
  std::string error = check_brace_placeholders(entry_id, {"{host}", "{id}"});
  if (!error.empty()) return error;
  if (entry_id.find("{id}") == std::string_view::npos) {
    return "must contain {id}, the post's identity, e.g. tag:{host},2000:{id}" + got(entry_id);
  }
  return "";
}

std::string check_feed_dir(std::string_view dir, bool per_item) {
  if (dir.starts_with('/')) {
    return "must be relative to 'output.dir' (no leading '/')" + got(dir);
  }
  if (has_dot_dot_segment(dir)) return "must stay inside 'output.dir' (no '..')" + got(dir);
  std::string error = check_brace_placeholders(dir, {"{slug}"});
  if (!error.empty()) return error;
  bool has_slug = dir.find("{slug}") != std::string_view::npos;
  if (per_item && !has_slug) {
    return "must contain {slug}, so that each feed gets its own directory" + got(dir);
  }
  if (!per_item && has_slug) return "must not contain {slug}: there is one main feed" + got(dir);
  return "";
}

std::string check_file_name(std::string_view name) {
  if (name.empty() || name == "." || name == ".." || name.find('/') != std::string_view::npos) {
    return "must be a plain file name such as feed.xml (no '/')" + got(name);
  }
  return "";
}

std::string check_brace_placeholders(std::string_view text,
                                     const std::vector<std::string>& allowed) {
  for (std::size_t open = text.find('{'); open != std::string_view::npos;
       open = text.find('{', open + 1)) {
    std::size_t close = text.find('}', open);
    if (close == std::string_view::npos) break;
    std::string name(text.substr(open, close - open + 1));
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      return "has " + unknown_name_message("placeholder", name, "", allowed);
    }
  }
  return "";
}

}  // namespace herald

namespace herald {

std::optional<std::chrono::milliseconds> parse_duration(std::string_view text) {
  if (text == "0") return std::chrono::milliseconds(0);
  long long number = 0;
  auto [end, status] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (status != std::errc() || end == text.data() || number < 0) return std::nullopt;
  std::string_view unit(end, static_cast<std::size_t>(text.data() + text.size() - end));
  static const std::pair<std::string_view, long long> kUnits[] = {
      {"ms", 1}, {"s", 1000}, {"m", 60 * 1000}, {"h", 3600 * 1000}};
  for (const auto& [name, factor] : kUnits) {
    if (unit != name) continue;
    if (number > std::numeric_limits<long long>::max() / factor) return std::nullopt;
    return std::chrono::milliseconds(number * factor);
  }
  return std::nullopt;
}

std::string check_duration(std::string_view text) {
  if (parse_duration(text)) return "";
  return "must be a duration with a unit, e.g. 250ms, 10s, 5m or 1h, got '" + std::string(text) +
         "'";
}

std::string format_duration(std::chrono::milliseconds duration) {
  long long count = duration.count();
  if (count == 0) return "0";
  static const std::pair<const char*, long long> kUnits[] = {
      {"h", 3600 * 1000}, {"m", 60 * 1000}, {"s", 1000}};
  for (const auto& [name, factor] : kUnits) {
    if (count % factor == 0) return std::to_string(count / factor) + name;
  }
  return std::to_string(count) + "ms";
}

std::string check_listen_address(std::string_view address) {
  const std::string expected =
      "must be host:port, [IPv6]:port or :port with an IP address or localhost and a port "
      "from 1 to 65535, e.g. 127.0.0.1:8080, got '" +
      std::string(address) + "'";
  std::size_t colon = address.rfind(':');
  if (colon == std::string_view::npos) return expected;
  std::string_view host = address.substr(0, colon);
  std::string_view port = address.substr(colon + 1);
  int number = 0;
  auto [end, status] = std::from_chars(port.data(), port.data() + port.size(), number);
  if (status != std::errc() || end != port.data() + port.size() || number < 1 || number > 65535) {
    return expected;
  }
  if (host.empty() || host == "localhost") return "";
  bool bracketed = host.size() > 2 && host.front() == '[' && host.back() == ']';
  if (bracketed) host = host.substr(1, host.size() - 2);
  boost::system::error_code error;
  boost::asio::ip::address ip = boost::asio::ip::make_address(std::string(host), error);
  if (error || ip.is_v6() != bracketed) return expected;
  return "";
}

std::string check_cidr(std::string_view cidr) {
  const std::string expected = "must be an IP address or a CIDR range such as 10.0.0.0/8 or "
                               "fd00::/8, got '" + std::string(cidr) + "'";
  std::size_t slash = cidr.find('/');
  boost::system::error_code error;
  boost::asio::ip::address ip =
      boost::asio::ip::make_address(std::string(cidr.substr(0, slash)), error);
  if (error) return expected;
  if (slash == std::string_view::npos) return "";
  std::string_view bits = cidr.substr(slash + 1);
  int prefix = -1;
  auto [end, status] = std::from_chars(bits.data(), bits.data() + bits.size(), prefix);
  if (status != std::errc() || end != bits.data() + bits.size() || prefix < 0 ||
      prefix > (ip.is_v4() ? 32 : 128)) {
    return expected;
  }
  return "";
}

}  // namespace herald
