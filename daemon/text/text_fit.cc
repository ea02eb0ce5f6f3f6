#include "daemon/text/text_fit.h"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <utility>
#include <vector>

namespace herald {
namespace {

constexpr std::string_view kEllipsis = "…";
// What a cut never leaves just before the ellipsis.
constexpr std::u32string_view kDroppedBeforeEllipsis = U",;:.-([¿¡«–—";

bool is_space_at(std::string_view text, std::size_t pos, std::size_t* next) {
  auto i = static_cast<int32_t>(pos);
  UChar32 c;
  U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), i, static_cast<int32_t>(text.size()), c);
  *next = static_cast<std::size_t>(i);
  return c >= 0 && u_isUWhiteSpace(c);
}

// Byte positions where a word of `text` ends (before whitespace).
std::vector<std::size_t> word_ends(std::string_view text) {
  std::vector<std::size_t> ends;
  bool in_word = false;
  for (std::size_t pos = 0, next = 0; pos < text.size(); pos = next) {
    bool space = is_space_at(text, pos, &next);
    if (space && in_word) ends.push_back(pos);
    in_word = !space;
  }
  return ends;
}

// Grapheme boundaries of `text` strictly between 0 and `limit`, outside
// every facet.
std::vector<std::size_t> grapheme_cuts(std::string_view text, std::size_t limit,
                                       const std::vector<TextFacet>& facets) {
  std::vector<std::size_t> cuts;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(
      icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), status));
  UText* utext = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  if (U_SUCCESS(status)) it->setText(utext, status);
  for (int32_t b = U_SUCCESS(status) ? it->first() : icu::BreakIterator::DONE;
       b != icu::BreakIterator::DONE; b = it->next()) {
    auto pos = static_cast<std::size_t>(b);
    if (pos == 0) continue;
    if (pos >= limit) break;
    bool in_facet = std::any_of(facets.begin(), facets.end(), [pos](const TextFacet& f) {
      return pos > f.byte_start && pos < f.byte_end;
    });
    if (!in_facet) cuts.push_back(pos);
  }
  if (it) it->setText(icu::UnicodeString());
  utext_close(utext);
  return cuts;
}

// A value and the ways to shorten it, as byte positions: 0 is "", size()
// the whole value, anything between the prefix up to there and "…".
class Shortenings {
 public:
  explicit Shortenings(std::string value) : value_(std::move(value)), facets_(find_facets(value_)) {
    words_ = word_ends(value_);
    std::size_t first_word = words_.empty() ? value_.size() : words_.front();
    graphemes_ = grapheme_cuts(value_, first_word, facets_);
  }

  // Whole words down to the first one, shortest first, then the whole value.
  std::vector<std::size_t> by_words() const {
    std::vector<std::size_t> cuts = words_;
    cuts.push_back(value_.size());
    return cuts;
  }
  // Nothing, then cuts inside the first word, shortest first.
  std::vector<std::size_t> below_first_word() const {
    std::vector<std::size_t> cuts{0};
    cuts.insert(cuts.end(), graphemes_.begin(), graphemes_.end());
    return cuts;
  }
  std::vector<std::size_t> all() const {
    std::vector<std::size_t> cuts = below_first_word();
    for (std::size_t cut : by_words()) cuts.push_back(cut);
    return cuts;
  }

  std::string at(std::size_t cut) const {
    if (cut == 0) return "";
    if (cut >= value_.size()) return value_;
    std::size_t end = end_before_ellipsis(cut);
    if (end == 0) return "";
    bool after_facet = std::any_of(facets_.begin(), facets_.end(), [&](const TextFacet& f) {
      return f.byte_end == end;
    });
    return value_.substr(0, end) + (after_facet ? " " : "") + std::string(kEllipsis);
  }

 private:
  // `cut` moved back over spaces and punctuation that read badly before "…".
  std::size_t end_before_ellipsis(std::size_t cut) const {
    const auto* bytes = reinterpret_cast<const uint8_t*>(value_.data());
    auto end = static_cast<int32_t>(cut);
    while (end > 0) {
      int32_t before = end;
      UChar32 c;
      U8_PREV(bytes, 0, before, c);
      bool dropped = u_isUWhiteSpace(c) ||
                     kDroppedBeforeEllipsis.find(static_cast<char32_t>(c)) != std::u32string_view::npos;
      if (!dropped) break;
      end = before;
    }
    return static_cast<std::size_t>(end);
  }

  std::string value_;
  std::vector<TextFacet> facets_;
  std::vector<std::size_t> words_;
  std::vector<std::size_t> graphemes_;
};

class Fitter {
 public:
  // Renders `*input` (which the caller changes between renderings).
  Fitter(const TextTemplate& tmpl, const TextLimits& limits, const TextEscaper& escape,
         const TemplateInput* input)
      : tmpl_(tmpl), limits_(limits), escape_(escape), input_(input) {}

  // The rendering of `input` when it fits.
  std::optional<std::string> render(const TemplateInput& input) const {
    std::string text = tmpl_.render(input, escape_);
    if (limits_.max_bytes != 0 && text.size() > limits_.max_bytes) return std::nullopt;
    if (limits_.max_length != 0 && limits_.count(text) > limits_.max_length) return std::nullopt;
    return text;
  }

  // Sets input->*member to the longest of `cuts` (ascending) of `value` that
  // fits and returns the text; leaves it at cuts.front() when none does.
  std::optional<std::string> longest(TemplateInput* input, std::string TemplateInput::*member,
                                     const Shortenings& value,
                                     const std::vector<std::size_t>& cuts) const {
    return search(cuts.size(), [&](std::size_t i) {
      input->*member = value.at(cuts[i]);
    });
  }

  // Keeps the first `count` hashtags of `all`, the most that fit.
  std::optional<std::string> most_hashtags(TemplateInput* input,
                                           const std::vector<std::string>& all) const {
    return search(all.size() + 1, [&](std::size_t i) {
      input->hashtags.assign(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(i));
    });
  }

  std::string error(const TemplateInput& input) const {
    std::string text = tmpl_.render(input, escape_);
    std::string head = "text too long even without title, summary and hashtags: ";
    if (limits_.max_length != 0 && limits_.count(text) > limits_.max_length) {
      return head + std::to_string(limits_.count(text)) + ", limit " +
             std::to_string(limits_.max_length);
    }
    return head + std::to_string(text.size()) + " bytes, limit " +
           std::to_string(limits_.max_bytes) + " bytes";
  }

 private:
  // Binary search for the largest i < n such that, after set(i), the
  // rendering fits (fitting is monotone in i); leaves set(best) applied, or
  // set(0) when nothing fits.
  template <typename Set>
  std::optional<std::string> search(std::size_t n, Set set) const {
    std::optional<std::string> best_text;
    std::size_t best = 0;
    std::size_t lo = 0;
    std::size_t hi = n;  // candidates in [lo, hi)
    while (lo < hi) {
      std::size_t mid = lo + (hi - lo) / 2;
      set(mid);
      if (std::optional<std::string> text = render_current()) {
        best_text = std::move(text);
        best = mid;
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    set(best);
    return best_text;
  }
  std::optional<std::string> render_current() const { return render(*input_); }

  const TextTemplate& tmpl_;
  const TextLimits& limits_;
  const TextEscaper& escape_;
  const TemplateInput* input_;
};

}  // namespace

Result<FittedText> fit_text(const TextTemplate& tmpl, const TemplateInput& original,
                            const TextLimits& limits, const TextEscaper& escape) {
  TemplateInput input = original;
  Fitter fitter(tmpl, limits, escape, &input);
  FittedText result;
  if (std::optional<std::string> text = fitter.render(input)) {
    result.text = std::move(*text);
    return result;
  }
  auto done = [&](std::string text) {
    result.text = std::move(text);
    result.hashtags_dropped = original.hashtags.size() - input.hashtags.size();
    return result;
  };
  // 1. The summary.
  Shortenings summary(original.summary);
  result.summary_shortened = !original.summary.empty();
  if (auto text = fitter.longest(&input, &TemplateInput::summary, summary, summary.all())) {
    return done(std::move(*text));
  }
  input.summary.clear();
  // 2. The title, down to its first word.
  Shortenings title(original.title);
  std::vector<std::size_t> title_words = title.by_words();
  if (auto text = fitter.longest(&input, &TemplateInput::title, title, title_words)) {
    result.title_shortened = true;
    return done(std::move(*text));
  }
  // 3. Hashtags from the end, with the shortest title of step 2, which then
  // grows back as far as it fits.
  if (fitter.most_hashtags(&input, original.hashtags)) {
    std::optional<std::string> text =
        fitter.longest(&input, &TemplateInput::title, title, title_words);
    result.title_shortened = input.title != original.title;
    return done(std::move(*text));
  }
  // 4. The title down to nothing.
  input.hashtags.clear();
  result.title_shortened = true;
  if (auto text = fitter.longest(&input, &TemplateInput::title, title, title.below_first_word())) {
    return done(std::move(*text));
  }
  input.title.clear();
  return Result<FittedText>::failed(fitter.error(input));
}

}  // namespace herald
