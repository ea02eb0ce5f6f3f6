#include "daemon/text/text_facets.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <boost/url/parse.hpp>

#include "daemon/text/hashtags.h"
#include "daemon/text/text_length.h"

namespace herald {
namespace {

constexpr std::size_t kMaxTagGraphemes = 64;

const uint8_t* bytes_of(std::string_view text) {
  return reinterpret_cast<const uint8_t*>(text.data());
}

// The code point before byte `pos` of `text`; 0 at the start.
UChar32 code_point_before(std::string_view text, std::size_t pos) {
  if (pos == 0) return 0;
  auto i = static_cast<int32_t>(pos);
  UChar32 c;
  U8_PREV(bytes_of(text), 0, i, c);
  return c;
}

bool is_whitespace(UChar32 c) { return u_isUWhiteSpace(c) != 0; }

// Characters that end a URL: whitespace and the ASCII that no URI holds.
bool ends_url(UChar32 c) {
  static constexpr std::string_view kStops = "<>\"|`\\^{}";
  return is_whitespace(c) || (c < 0x80 && kStops.find(static_cast<char>(c)) != std::string_view::npos);
}

bool starts_url_at(std::string_view text, std::size_t pos) {
  auto prefix = [&](std::string_view scheme) {
    if (text.size() - pos < scheme.size()) return false;
    for (std::size_t i = 0; i < scheme.size(); ++i) {
      char c = text[pos + i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c != scheme[i]) return false;
    }
    return true;
  };
  if (!prefix("http://") && !prefix("https://")) return false;
  UChar32 before = code_point_before(text, pos);
  return before == 0 || !is_hashtag_char(static_cast<char32_t>(before));
}

// The end of the URL starting at `pos`: the next stop character, then
// without trailing punctuation (closing brackets kept while balanced).
std::size_t url_end(std::string_view text, std::size_t pos) {
  auto length = static_cast<int32_t>(text.size());
  auto end = static_cast<int32_t>(pos);
  while (end < length) {
    int32_t next = end;
    UChar32 c;
    U8_NEXT(bytes_of(text), next, length, c);
    if (ends_url(c)) break;
    end = next;
  }
  static constexpr std::string_view kTrailing = ".,;:!?'\"";
  while (end > static_cast<int32_t>(pos)) {
    int32_t prev = end;
    UChar32 c;
    U8_PREV(bytes_of(text), static_cast<int32_t>(pos), prev, c);
    std::string_view url = text.substr(pos, static_cast<std::size_t>(end) - pos);
    bool strip = (c < 0x80 && kTrailing.find(static_cast<char>(c)) != std::string_view::npos) ||
                 c == 0x00BB || c == 0x201D || c == 0x2019 || c == 0x2026 ||
                 (c == ')' && std::count(url.begin(), url.end(), '(') <
                                  std::count(url.begin(), url.end(), ')')) ||
                 (c == ']' && std::count(url.begin(), url.end(), '[') <
                                  std::count(url.begin(), url.end(), ']'));
    if (!strip) break;
    end = prev;
  }
  return static_cast<std::size_t>(end);
}

// Whether `url` is a URI with a host, non-ASCII bytes taken percent-encoded.
bool valid_url(std::string_view url) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string ascii;
  for (char c : url) {
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80) {
      ascii += c;
    } else {
      ascii += '%';
      ascii += kHex[byte >> 4];
      ascii += kHex[byte & 0xF];
    }
  }
  auto parsed = boost::urls::parse_uri(ascii);
  return parsed.has_value() && !parsed->encoded_host().empty();
}

bool inside(const std::vector<TextSpan>& spans, std::size_t pos) {
  return std::any_of(spans.begin(), spans.end(), [pos](const TextSpan& span) {
    return pos >= span.byte_start && pos < span.byte_end;
  });
}

// The end of the hashtag whose '#' is at `pos`, or `pos` when none is there.
std::size_t tag_end(std::string_view text, std::size_t pos) {
  auto length = static_cast<int32_t>(text.size());
  auto end = static_cast<int32_t>(pos + 1);
  bool letter = false;
  while (end < length) {
    int32_t next = end;
    UChar32 c;
    U8_NEXT(bytes_of(text), next, length, c);
    if (c < 0 || !is_hashtag_char(static_cast<char32_t>(c))) break;
    letter = letter || u_isalpha(c);
    end = next;
  }
  std::string_view tag = text.substr(pos + 1, static_cast<std::size_t>(end) - pos - 1);
  if (!letter || count_graphemes(tag) > kMaxTagGraphemes) return pos;
  return static_cast<std::size_t>(end);
}

}  // namespace

std::vector<TextSpan> find_urls(std::string_view text) {
  std::vector<TextSpan> urls;
  std::size_t pos = 0;
  while ((pos = text.find_first_of("hH", pos)) != std::string_view::npos) {
    if (!starts_url_at(text, pos)) {
      ++pos;
      continue;
    }
    std::size_t end = url_end(text, pos);
    if (valid_url(text.substr(pos, end - pos))) urls.push_back({pos, end});
    pos = std::max(end, pos + 1);
  }
  return urls;
}

std::vector<TextFacet> find_facets(std::string_view text) {
  std::vector<TextSpan> urls = find_urls(text);
  std::vector<TextFacet> facets;
  for (const TextSpan& url : urls) {
    facets.push_back({TextFacet::Kind::link, url.byte_start, url.byte_end,
                      std::string(text.substr(url.byte_start, url.byte_end - url.byte_start))});
  }
  for (std::size_t pos = text.find('#'); pos != std::string_view::npos;
       pos = text.find('#', pos + 1)) {
    UChar32 before = code_point_before(text, pos);
    if ((before != 0 && !is_whitespace(before)) || inside(urls, pos)) continue;
    std::size_t end = tag_end(text, pos);
    if (end == pos) continue;
    facets.push_back({TextFacet::Kind::tag, pos, end,
                      std::string(text.substr(pos + 1, end - pos - 1))});
  }
  std::sort(facets.begin(), facets.end(), [](const TextFacet& a, const TextFacet& b) {
    return a.byte_start < b.byte_start;
  });
  return facets;
}

}  // namespace herald
