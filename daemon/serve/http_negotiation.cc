#include "daemon/serve/http_negotiation.h"

#include <boost/beast/http/rfc7230.hpp>
#include <algorithm>
#include <charconv>
#include <vector>

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

bool is_token(std::string_view s) {
  static constexpr std::string_view kSpecials = "!#$%&'*+-.^_`|~";
  if (s.empty()) return false;
  for (char c : s) {
    bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!alnum && kSpecials.find(c) == std::string_view::npos) return false;
  }
  return true;
}

// One media range of an Accept header with its q.
struct MediaRange {
  std::string_view type;
  std::string_view subtype;
  double q = 1;
};

// The elements of a comma-separated list, split outside quoted strings.
// False when a quoted string is left open.
bool split_list(std::string_view list, std::vector<std::string_view>& out) {
  bool quoted = false;
  std::size_t start = 0;
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (quoted && list[i] == '\\') {
      ++i;
    } else if (list[i] == '"') {
      quoted = !quoted;
    } else if (list[i] == ',' && !quoted) {
      out.push_back(trim(list.substr(start, i - start)));
      start = i + 1;
    }
  }
  out.push_back(trim(list.substr(start)));
  return !quoted;
}

// The ranges of an Accept header (empty elements skipped); nullopt when
// one is malformed. Beast reads the parameters.
std::optional<std::vector<MediaRange>> parse_accept(std::string_view accept) {
  std::vector<std::string_view> elements;
  if (!split_list(accept, elements)) return std::nullopt;
  std::vector<MediaRange> ranges;
  for (std::string_view element : elements) {
    if (element.empty()) continue;
    std::size_t semicolon = element.find(';');
    std::string_view range = trim(element.substr(0, semicolon));
    std::size_t slash = range.find('/');
    if (slash == std::string_view::npos) return std::nullopt;
    MediaRange parsed{range.substr(0, slash), range.substr(slash + 1)};
    if (!is_token(parsed.type) || !is_token(parsed.subtype)) return std::nullopt;
    if (parsed.type == "*" && parsed.subtype != "*") return std::nullopt;
    if (semicolon != std::string_view::npos) {
      parsed.q = quality(http::param_list(element.substr(semicolon)));
    }
    ranges.push_back(parsed);
  }
  return ranges;
}

// The q `ranges` give "type/subtype": from the most specific range that
// covers it (the highest among equals), 0 when none does.
double quality_of(const std::vector<MediaRange>& ranges, std::string_view type,
                  std::string_view subtype) {
  int best = -1;  // 2: exact, 1: type/*, 0: */*
  double q = 0;
  for (const MediaRange& range : ranges) {
    int rank = -1;
    if (range.type == "*") {
      rank = 0;
    } else if (iequals(range.type, type)) {
      rank = range.subtype == "*" ? 1 : iequals(range.subtype, subtype) ? 2 : -1;
    }
    if (rank > best) {
      best = rank;
      q = range.q;
    } else if (rank == best && rank >= 0) {
      q = std::max(q, range.q);
    }
  }
  return q;
}

}  // namespace

bool prefers_html(std::string_view accept, std::string_view feed_type) {
  std::optional<std::vector<MediaRange>> ranges = parse_accept(accept);
  if (!ranges) return false;
  std::string_view own = trim(feed_type.substr(0, feed_type.find(';')));
  std::size_t slash = own.find('/');
  if (slash == std::string_view::npos) return false;
  double feed_q = std::max({quality_of(*ranges, own.substr(0, slash), own.substr(slash + 1)),
                            quality_of(*ranges, "application", "xml"),
                            quality_of(*ranges, "text", "xml")});
  if (own.ends_with("+json")) feed_q = std::max(feed_q, quality_of(*ranges, "application", "json"));
  return quality_of(*ranges, "text", "html") > feed_q;
}

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
