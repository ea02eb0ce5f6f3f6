#include "feeds/safe_url.h"

#include <boost/url.hpp>

#include "feeds/html_sanitizer.h"

namespace herald {
namespace {

namespace urls = boost::urls;

// Characters allowed unescaped anywhere in a URI reference ('%' is handled
// apart: kept when it starts a valid escape).
constexpr urls::grammar::lut_chars kUriChars =
    urls::unreserved_chars + urls::gen_delim_chars + urls::sub_delim_chars;

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool is_space_or_control(char c) {
  auto byte = static_cast<unsigned char>(c);
  return byte <= 0x20 || byte == 0x7F;
}

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Percent-encodes what cannot appear in a URI, keeping valid escapes.
std::string encode_invalid(std::string_view text) {
  std::string out;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') continue;
    out += urls::encode(text.substr(start, i - start), kUriChars);
    bool escape = i + 2 < text.size() && is_hex(text[i + 1]) && is_hex(text[i + 2]);
    out += escape ? "%" : "%25";
    start = i + 1;
  }
  out += urls::encode(text.substr(start), kUriChars);
  return out;
}

// Parses `text` as a URI reference, percent-encoding it first if needed.
std::optional<std::string> to_uri_reference(std::string_view text) {
  if (urls::parse_uri_reference(text)) return std::string(text);
  std::string encoded = encode_invalid(text);
  if (urls::parse_uri_reference(encoded)) return encoded;
  return std::nullopt;
}

std::string_view trim_spaces(std::string_view text) {
  while (!text.empty() && is_space_or_control(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space_or_control(text.back())) text.remove_suffix(1);
  return text;
}

// WHATWG URL pre-processing: strip leading and trailing C0 controls and
// spaces, remove every tab and newline.
std::string clean(std::string_view value) {
  std::string out;
  for (char c : trim_spaces(value)) {
    if (c != '\t' && c != '\n' && c != '\r') out += c;
  }
  return out;
}

// The lower-case scheme `value` would have once every whitespace and control
// character is removed, or "" when it would have none.
std::string obfuscated_scheme(std::string_view value) {
  std::string scheme;
  for (char c : value) {
    if (is_space_or_control(c)) continue;
    if (c == ':') return scheme;
    bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    bool other = (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
    if (!letter && !(other && !scheme.empty())) return "";
    scheme += ascii_lower(c);
  }
  return "";
}

bool is_data_image(std::string_view value) {
  std::string head;
  for (char c : value) {
    if (head.size() == 11) break;
    if (!is_space_or_control(c)) head += ascii_lower(c);
  }
  return head == "data:image/";
}

bool scheme_allowed(std::string_view scheme, std::string_view value, UrlUse use) {
  if (scheme.empty() || scheme == "http" || scheme == "https") return true;
  if (use == UrlUse::kFeedImage) return false;
  if (scheme == "mailto" || scheme == "tel") return true;
  return scheme == "data" && use == UrlUse::kImageSource && is_data_image(value);
}

// `reference` (parsed) against `base`; nullopt when `base` is no absolute
// URI or the resolution fails.
std::optional<std::string> resolve_reference(std::string_view base, urls::url_view reference) {
  auto base_uri = urls::parse_uri(base);
  urls::url resolved;
  if (!base_uri || !urls::resolve(*base_uri, reference, resolved)) return std::nullopt;
  return std::string(resolved.buffer());
}

}  // namespace

// Declared in html_sanitizer.h. Before parsing, the reference is trimmed and
// cleaned as browsers do and what cannot appear in a URI is percent-encoded
// ("a b.png" -> "a%20b.png"); "does not parse" means even after that.
std::string resolve_url(std::string_view base, std::string_view reference) {
  std::optional<std::string> ref = to_uri_reference(clean(reference));
  if (!ref) return std::string(reference);
  std::optional<std::string> resolved = resolve_reference(base, *urls::parse_uri_reference(*ref));
  return resolved ? std::move(*resolved) : std::string(reference);
}

std::optional<std::string> safe_url(std::string_view value, std::string_view base_url, UrlUse use) {
  std::string cleaned = clean(value);
  if (!scheme_allowed(obfuscated_scheme(cleaned), cleaned, use)) return std::nullopt;
  std::optional<std::string> ref = to_uri_reference(cleaned);
  if (!ref) return std::nullopt;
  auto parsed = urls::parse_uri_reference(*ref);
  if (parsed->has_scheme()) {
    std::string scheme(parsed->scheme());
    for (char& c : scheme) c = ascii_lower(c);
    if (!scheme_allowed(scheme, *ref, use)) return std::nullopt;
    return ref;
  }
  // Parsed once: resolved here rather than by resolve_url, which would
  // clean and parse the reference again.
  std::optional<std::string> resolved = resolve_reference(base_url, *parsed);
  return resolved ? std::move(*resolved) : std::move(*ref);
}

// Candidates follow the HTML srcset microsyntax: a URL (a run of
// non-whitespace, trailing commas end the candidate), then optional
// descriptors up to the next comma.
std::optional<std::string> safe_srcset(std::string_view value, std::string_view base_url) {
  std::string out;
  std::size_t i = 0;
  while (true) {
    while (i < value.size() && (is_space_or_control(value[i]) || value[i] == ',')) ++i;
    if (i == value.size()) break;
    std::size_t url_end = i;
    while (url_end < value.size() && !is_space_or_control(value[url_end])) ++url_end;
    std::string_view url = value.substr(i, url_end - i);
    std::string_view descriptor;
    if (url.back() == ',') {
      while (!url.empty() && url.back() == ',') url.remove_suffix(1);
      i = url_end;
    } else {
      std::size_t comma = value.find(',', url_end);
      if (comma == std::string_view::npos) comma = value.size();
      descriptor = trim_spaces(value.substr(url_end, comma - url_end));
      i = comma;
    }
    std::optional<std::string> safe = safe_url(url, base_url, UrlUse::kLink);
    if (!safe) return std::nullopt;
    if (!out.empty()) out += ", ";
    out += *safe;
    if (!descriptor.empty()) (out += ' ') += descriptor;
  }
  if (out.empty()) return std::nullopt;
  return out;
}

}  // namespace herald
