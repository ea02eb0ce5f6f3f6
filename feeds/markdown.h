// Markdown to HTML with cmark-gfm (CommonMark plus GFM tables,
// strikethrough and autolinks; a bare URL followed by a period links
// without the period). Raw HTML is passed through here: html_sanitizer.h
// removes what is dangerous and makes URLs absolute.
#pragma once

#include <string>
#include <string_view>

namespace herald {

std::string markdown_to_html(std::string_view markdown);

}  // namespace herald
