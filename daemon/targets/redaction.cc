#include "daemon/targets/redaction.h"

#include <algorithm>
#include <boost/url/parse.hpp>

#include "daemon/targets/http_error_text.h"
#include "feeds/string_util.h"

namespace herald {

namespace {

constexpr std::string_view kRedactedSecret = "[redacted]";
constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // U+2026

}  // namespace

std::string shown_url(std::string_view url) {
  auto parsed = boost::urls::parse_absolute_uri(url);
  if (!parsed) return std::string(kEllipsis);
  std::string shown =
      std::string(parsed->scheme()) + "://" + std::string(parsed->encoded_host_and_port()) + "/";
  bool bare = !parsed->has_userinfo() && !parsed->has_query() && !parsed->has_fragment() &&
              (parsed->encoded_path().empty() || parsed->encoded_path() == "/");
  return bare ? shown : shown + std::string(kEllipsis);
}

void Redactor::add_secret(std::string_view secret) {
  if (secret.empty()) return;
  auto longer = [](const std::string& a, const std::string& b) { return a.size() > b.size(); };
  std::string value(secret);
  secrets_.insert(std::upper_bound(secrets_.begin(), secrets_.end(), value, longer),
                  std::move(value));
}

void Redactor::add_url(std::string_view url) {
  if (!url.empty()) urls_.emplace_back(url);
}

std::string Redactor::apply(std::string_view text) const {
  std::string out(text);
  for (const std::string& url : urls_) {
    replace_all(out, url, shown_url(url));
    out = redact_url(std::move(out), url);
  }
  for (const std::string& secret : secrets_) replace_all(out, secret, kRedactedSecret);
  return out;
}

Redactor target_redactor(const TargetConfig& target) {
  Redactor redactor;
  for (const std::string& secret : target_secrets(target.settings)) redactor.add_secret(secret);
  return redactor;
}

}  // namespace herald
