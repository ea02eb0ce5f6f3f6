#include "daemon/targets/http_error_text.h"

#include <algorithm>
#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>
#include <vector>

#include "feeds/string_util.h"

namespace herald {

namespace {

constexpr std::string_view kRedacted = "[redacted]";
constexpr std::size_t kTokenLength = 8;  // segments and values this long may be tokens

void redact_all(std::string& text, std::string_view secret) {
  if (!secret.empty()) replace_all(text, secret, kRedacted);
}

// The parts of `u` that may carry a secret, in encoded and decoded form.
std::vector<std::string> secret_parts(const boost::urls::url_view& u) {
  std::vector<std::string> parts;
  auto add = [&parts](auto encoded) {
    if (encoded.size() < 2) return;  // "", "/": nothing secret, and everywhere
    parts.emplace_back(encoded);
    parts.push_back(encoded.decode());
  };
  add(u.encoded_userinfo());
  add(u.encoded_resource());  // path?query#fragment
  add(u.encoded_target());    // path?query
  add(u.encoded_path());
  add(u.encoded_query());
  add(u.encoded_fragment());
  for (auto segment : u.encoded_segments()) {
    if (segment.size() >= kTokenLength) add(segment);
  }
  for (auto param : u.encoded_params()) {
    if (param.has_value && param.value.size() >= kTokenLength) add(param.value);
  }
  // Longest first, so that a part inside another never splits it.
  std::sort(parts.begin(), parts.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  return parts;
}

}  // namespace

std::string redact_url(std::string text, std::string_view url) {
  redact_all(text, url);
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed) return text;
  for (const std::string& part : secret_parts(*parsed)) redact_all(text, part);
  return text;
}

std::string transfer_error_text(std::string_view what, std::string_view detail,
                                std::string_view url) {
  std::string text(what);
  if (detail.empty() || !boost::urls::parse_uri(url)) return text;
  text += ": ";
  text += detail;
  return redact_url(std::move(text), url);
}

}  // namespace herald
