#include "feeds/safe_url.h"

#include <array>

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

// Parses `text` as a URI reference, percent-encoding it first (in place)
// if needed. The view points into `text`.
std::optional<urls::url_view> parse_reference(std::string& text) {
  if (auto parsed = urls::parse_uri_reference(text)) return *parsed;
  text = encode_invalid(text);
  if (auto parsed = urls::parse_uri_reference(text)) return *parsed;
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
  std::string out(trim_spaces(value));
  std::erase_if(out, [](char c) { return c == '\t' || c == '\n' || c == '\r'; });
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

// A path that resolving against any base copies as it is: absolute
// ("/..."), no query or fragment, no dot segment.
bool is_plain_absolute_path(urls::url_view reference) {
  if (reference.has_scheme() || reference.has_authority() || reference.has_query() ||
      reference.has_fragment()) {
    return false;
  }
  std::string_view path = reference.encoded_path();
  if (!path.starts_with('/')) return false;
  // Resolving rewrites escapes: lower-case hex in upper case, and it decodes
  // those of ASCII characters a path may hold ("%2F" too, which changes the
  // segments). Only upper-case escapes of non-ASCII bytes pass as they are.
  for (std::size_t i = path.find('%'); i != std::string_view::npos; i = path.find('%', i + 1)) {
    auto upper_hex = [](char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'); };
    if (i + 2 >= path.size() || path[i + 1] < '8' || !upper_hex(path[i + 1]) || !upper_hex(path[i + 2])) {
      return false;
    }
  }
  for (std::size_t start = 1; start <= path.size();) {
    std::size_t end = std::min(path.find('/', start), path.size());
    std::string_view segment = path.substr(start, end - start);
    if (segment == "." || segment == "..") return false;
    start = end + 1;
  }
  return true;
}

// A base parsed (a view into `text`), and what precedes an absolute path
// resolved against it: "https://host:8080" for "https://host:8080/a/b",
// "urn:" for "urn:isbn:1".
struct ParsedBase {
  std::string text;
  urls::url_view uri;
  std::string_view origin;  // into `text`
};

// `base` parsed, from a thread's last two: most calls resolve against the
// site's URL or the current post's, again and again. Null when `base` is
// no absolute URI.
const ParsedBase* parsed_base(std::string_view base) {
  thread_local std::array<std::optional<ParsedBase>, 2> recent;  // never moved: views stay valid
  thread_local std::size_t next = 0;
  for (const std::optional<ParsedBase>& b : recent) {
    if (b && b->text == base) return &*b;
  }
  std::optional<ParsedBase>& slot = recent[next];
  slot.emplace();
  slot->text = std::string(base);
  auto parsed = urls::parse_uri(slot->text);
  if (!parsed) {
    slot.reset();
    return nullptr;
  }
  next = (next + 1) % recent.size();
  slot->uri = *parsed;
  std::string_view text = slot->text;
  slot->origin = parsed->has_authority()
                     ? text.substr(0, static_cast<std::size_t>(parsed->encoded_authority().end() - text.data()))
                     : text.substr(0, parsed->scheme().size() + 1);
  return &*slot;
}

// `reference` (parsed) against `base`; nullopt when `base` is no absolute
// URI or the resolution fails.
std::optional<std::string> resolve_reference(std::string_view base, urls::url_view reference) {
  const ParsedBase* parsed = parsed_base(base);
  if (!parsed) return std::nullopt;
  // What urls::resolve would give, without its path editing.
  if (is_plain_absolute_path(reference)) {
    std::string out(parsed->origin);
    out += reference.encoded_path();
    return out;
  }
  urls::url resolved;
  if (!urls::resolve(parsed->uri, reference, resolved)) return std::nullopt;
  return std::string(resolved.buffer());
}

}  // namespace

// Declared in html_sanitizer.h. Before parsing, the reference is trimmed and
// cleaned as browsers do and what cannot appear in a URI is percent-encoded
// ("a b.png" -> "a%20b.png"); "does not parse" means even after that.
std::string resolve_url(std::string_view base, std::string_view reference) {
  std::string text = clean(reference);
  std::optional<urls::url_view> parsed = parse_reference(text);
  if (!parsed) return std::string(reference);
  std::optional<std::string> resolved = resolve_reference(base, *parsed);
  return resolved ? std::move(*resolved) : std::string(reference);
}

std::optional<std::string> safe_url(std::string_view value, std::string_view base_url, UrlUse use) {
  std::string cleaned = clean(value);
  if (!scheme_allowed(obfuscated_scheme(cleaned), cleaned, use)) return std::nullopt;
  std::optional<urls::url_view> parsed = parse_reference(cleaned);
  if (!parsed) return std::nullopt;
  if (parsed->has_scheme()) {
    std::string scheme(parsed->scheme());
    for (char& c : scheme) c = ascii_lower(c);
    if (!scheme_allowed(scheme, cleaned, use)) return std::nullopt;
    return cleaned;
  }
  // Parsed once: resolved here rather than by resolve_url, which would
  // clean and parse the reference again.
  std::optional<std::string> resolved = resolve_reference(base_url, *parsed);
  return resolved ? std::move(*resolved) : std::move(cleaned);
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
