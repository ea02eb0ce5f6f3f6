#include "daemon/targets/mastodon/mastodon_status.h"

#include <unicode/brkiter.h>
#include <unicode/unistr.h>

#include <boost/json.hpp>

#include <memory>

#include "daemon/targets/post_text.h"
#include "daemon/text/hashtags.h"
#include "daemon/text/text_fit.h"
#include "daemon/text/text_length.h"

namespace herald {

std::string mastodon_language(const TargetConfig& target, const Config& config) {
  const std::string& own = target.as<MastodonSettings>().text.language;
  const std::string& tag = own.empty() ? config.site.language : own;
  return tag.substr(0, tag.find_first_of("-_"));
}

Result<std::string> mastodon_status_text(const TextTemplate& tmpl, const SnapshotFields& post,
                                         const TargetConfig& target, const MastodonLimits& limits,
                                         const std::string& language) {
  const MastodonSettings& mastodon = target.as<MastodonSettings>();
  std::vector<std::string> tags;
  if (mastodon.text.max_hashtags > 0) {
    HashtagRules rules = kMastodonHashtags;
    rules.max_count = static_cast<std::size_t>(mastodon.text.max_hashtags);
    tags = hashtags(post.section, post.tags, rules);
  }
  TemplateInput input = template_input(post, std::move(tags), language);
  TextLimits fit;
  fit.max_length = limits.max_characters;
  std::string spoiler = mastodon.spoiler_text;
  std::size_t url_length = limits.characters_reserved_per_url;
  fit.count = [spoiler, url_length](std::string_view text) {
    return count_mastodon(text, spoiler, url_length);
  };
  if (!post.text.empty()) return editor_text_within(post.text, fit);
  Result<FittedText> fitted = fit_text(tmpl, input, fit, escape_none);
  if (!fitted.ok()) return fitted.status();
  return std::move(fitted->text);
}

std::string mastodon_status_body(const std::string& text, const TargetConfig& target,
                                 const std::string& language,
                                 const std::vector<std::string>& media_ids) {
  boost::json::object body;
  body["status"] = text;
  const MastodonSettings& mastodon = target.as<MastodonSettings>();
  body["visibility"] = mastodon.visibility.empty() ? "public" : mastodon.visibility;
  if (!language.empty()) body["language"] = language;
  if (!mastodon.spoiler_text.empty()) body["spoiler_text"] = mastodon.spoiler_text;
  if (mastodon.sensitive) body["sensitive"] = true;
  if (!media_ids.empty()) {
    boost::json::array ids;
    for (const std::string& id : media_ids) ids.emplace_back(id);
    body["media_ids"] = std::move(ids);
  }
  return boost::json::serialize(body);
}

std::string mastodon_alt_text(std::string_view alt) {
  if (count_graphemes(alt) <= kMastodonMaxAltText) return std::string(alt);
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(alt.data(), static_cast<int32_t>(alt.size())));
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> graphemes(
      icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), status));
  if (U_FAILURE(status)) return {};
  graphemes->setText(text);
  int32_t end = graphemes->first();
  for (std::size_t i = 0; i < kMastodonMaxAltText; ++i) {
    int32_t next = graphemes->next();
    if (next == icu::BreakIterator::DONE) break;
    end = next;
  }
  std::string out;
  text.tempSubString(0, end).toUTF8String(out);
  return out;
}

}  // namespace herald
