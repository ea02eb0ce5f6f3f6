// The promise of feeds/html_sanitizer.h, checked the way a feed reader
// would meet the HTML: parsed as HTML5 by gumbo (not matched by pattern).
// Aborts (fuzz_check.h) when the markup holds a `script` element (in any
// namespace), an attribute whose name starts with "on", or a URL attribute
// whose value a browser resolves to a javascript: or vbscript: URL
// (control characters and spaces around it and tabs and newlines inside it
// ignored, scheme compared without case; srcset candidates one by one).
#pragma once

#include <string_view>

namespace herald::fuzz {

void check_sanitised_html(std::string_view html);

}  // namespace herald::fuzz
