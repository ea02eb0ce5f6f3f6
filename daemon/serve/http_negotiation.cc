#include "daemon/serve/http_negotiation.h"

#include <boost/beast/http/rfc7230.hpp>
#include <charconv>

namespace herald {
namespace {

namespace http = boost::beast::http;

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

// The q parameter of one list element; 1 when absent, 0 when malformed.
double quality(const http::param_list& params) {
  for (const auto& param : params) {
    if (!iequals(param.first, "q")) continue;
    double q = 0;
    std::string_view v = param.second;
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), q);
    if (ec != std::errc() || end != v.data() + v.size() || q < 0 || q > 1) return 0;
    return q;
  }
  return 1;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

bool accepts_gzip(std::string_view accept_encoding) {
  http::ext_list codings(accept_encoding);
  std::optional<double> gzip_q;
  std::optional<double> any_q;
  for (const auto& coding : codings) {
    if (iequals(coding.first, "gzip") || iequals(coding.first, "x-gzip")) {
      gzip_q = quality(coding.second);
    } else if (coding.first == "*") {
      any_q = quality(coding.second);
    }
  }
  if (gzip_q) return *gzip_q > 0;
  return any_q && *any_q > 0;
}

bool none_match_fails(std::string_view if_none_match, std::string_view etag) {
  // Our entity-tags never contain commas, so a comma split finds them exactly.
  while (!if_none_match.empty()) {
    std::size_t comma = if_none_match.find(',');
    std::string_view tag = trim(if_none_match.substr(0, comma));
    if (tag == "*") return true;
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    if (tag == etag) return true;
    if (comma == std::string_view::npos) break;
    if_none_match.remove_prefix(comma + 1);
  }
  return false;
}


}  // namespace herald
