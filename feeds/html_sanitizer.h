// Cleans an HTML fragment for feed content: parses it as HTML5 (gumbo),
// keeps an allow-list of elements and attributes, drops `script`, `style`,
// `iframe`, `object`, `embed`, forms and every `on*` attribute together
// with their content where they carry code, removes `javascript:`,
// `vbscript:` and `data:` (except images) URLs, resolves every relative URL
// (`href`, `src`, `srcset`, `poster`, `cite`) against `base_url` (Boost.URL),
// and writes the result back as well-formed markup (pugixml), with XML
// forbidden characters removed.
#pragma once

#include <string>
#include <string_view>

namespace herald {

std::string sanitize_html(std::string_view html, std::string_view base_url);

// Resolves `reference` against `base` (RFC 3986); returns `reference`
// unchanged when either does not parse.
std::string resolve_url(std::string_view base, std::string_view reference);

}  // namespace herald
