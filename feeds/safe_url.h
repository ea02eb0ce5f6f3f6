// URL policy for feed content: which URLs found in post HTML may stay, and
// their absolute form. Used by html_sanitizer.cc; resolve_url (declared in
// html_sanitizer.h) is implemented here too.
//
// A URL stays when it has no scheme (it is then resolved against the base),
// or its scheme is http, https, mailto or tel, or it is a `data:image/...`
// URL in an image source. Everything else (`javascript:`, `vbscript:`,
// `file:`, other `data:`, unknown schemes) is refused. The scheme is judged
// both as written and after removing every ASCII whitespace and control
// character, so `jav\tascript:` and ` JaVaScRiPt:` are refused too.
// Characters that cannot appear in a URI (spaces, non-ASCII) are
// percent-encoded, as browsers do.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace herald {

enum class UrlUse {
  kLink,         // href, cite, poster, srcset candidates
  kImageSource,  // <img src>: may also be a data:image/... URL
  kFeedImage,    // a post's image in enclosures and JSON `image`: http(s) or relative only
};

// Returns the safe absolute form of `value` (an attribute value, entities
// already decoded), or nullopt when the attribute must be dropped.
std::optional<std::string> safe_url(std::string_view value, std::string_view base_url, UrlUse use);

// The same for a `srcset` value: every candidate URL made safe and absolute,
// descriptors kept ("a.png 1x, b.png 2x"). nullopt when any candidate is
// refused or none is present.
std::optional<std::string> safe_srcset(std::string_view value, std::string_view base_url);

}  // namespace herald
