// Fits a rendered post into a network's limit, re-rendering the template
// with shorter values; never cuts a URL or a hashtag (values are cut before
// escaping and rendering, so no escape sequence is split either).
//
// Steps, each taken only while the text is still too long, each finding
// its cut with a binary search (O(log n) renderings):
//   1. the summary is cut at a word end and "…" appended; at worst removed;
//   2. the title is cut the same way, down to its first word and "…";
//   3. hashtags are dropped from the end, down to none;
//   4. the title is cut further, down to nothing.
// A word end is a position before whitespace; a value with no word end that
// fits is cut at a grapheme boundary outside any URL or hashtag it holds.
// If the text does not fit with no summary, no title and no hashtags (a
// template with a huge literal, or a URL longer than the limit), fit_text
// returns nullopt and an error.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "daemon/text/text_facets.h"
#include "daemon/text/text_length.h"
#include "daemon/text/text_template.h"
#include "feeds/status.h"

namespace herald {

using TextCounter = std::function<std::size_t(std::string_view)>;

struct TextLimits {
  std::size_t max_length = 0;  // in `count` units; 0: no limit
  TextCounter count = count_graphemes;
  std::size_t max_bytes = 0;   // UTF-8 bytes; 0: no limit
};

struct FittedText {
  std::string text;
  bool summary_shortened = false;  // cut or removed
  bool title_shortened = false;    // cut or removed
  std::size_t hashtags_dropped = 0;
  bool shortened() const { return summary_shortened || title_shortened || hashtags_dropped > 0; }
};

// The rendering of `input` that fits `limits`; failed when none does:
// "text too long even without title, summary and hashtags: 612, limit 500"
// (or "...: 3100 bytes, limit 3000 bytes").
Result<FittedText> fit_text(const TextTemplate& tmpl, const TemplateInput& input,
                            const TextLimits& limits, const TextEscaper& escape);

}  // namespace herald
