// Links and hashtags found in a rendered text, with their UTF-8 byte ranges
// [byte_start, byte_end) (end exclusive): Bluesky facets, Mastodon's URL
// counting, and the shortening that must never cut one.
//
//   URL: "http://" or "https://" (ASCII case-insensitive) at the start of
//     the text or after a character that is not a letter, digit or '_',
//     running to the next whitespace; trailing punctuation (. , ; : ! ? '
//     " » and a ')' with no '(' in the URL, likewise ']' '}') is left out;
//     kept only when boost::urls::parse_uri accepts it and it has a host.
//   hashtag: '#' at the start of the text or after whitespace, followed by
//     letters, combining marks, digits and '_' (at least one not a digit),
//     at most 64 graphemes; '#' inside a URL is not one.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace herald {

struct TextSpan {
  std::size_t byte_start = 0;
  std::size_t byte_end = 0;  // exclusive
};

struct TextFacet {
  enum class Kind { link, tag };
  Kind kind = Kind::link;
  std::size_t byte_start = 0;
  std::size_t byte_end = 0;  // exclusive
  std::string value;         // link: the URL; tag: the tag without '#'
};

// Every http(s) URL of `text`, in order.
std::vector<TextSpan> find_urls(std::string_view text);

// Every URL and hashtag of `text`, in order of byte_start.
std::vector<TextFacet> find_facets(std::string_view text);

}  // namespace herald
