// The text of an announcement on a network that writes text (the chat
// family, Facebook, X): the target's template (or the network's default
// from text_template.h), its language and hashtags (hashtags.h, at most
// max_hashtags; none when 0), rendered from a stored post snapshot and
// fitted to a limit (text_fit.h).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "config/config.h"
#include "daemon/text/post_snapshot.h"
#include "daemon/text/text_fit.h"
#include "daemon/text/text_template.h"
#include "feeds/status.h"

namespace herald {

class PostText {
 public:
  // The text of `target`; failed ("target NAME: template: line 1, column
  // 3: unmatched '{'") when its template does not compile.
  static Result<PostText> make(const TargetConfig& target, const Config& config,
                               std::string_view default_template);
  // Another text of `target` (Discord's `thread_name`) from `text`, with its
  // language and hashtags; failed ("target NAME: <key>: line 1, ...") when
  // it does not compile.
  static Result<PostText> make_from(const TargetConfig& target, const Config& config, std::string_view key,
                                    std::string_view text);

  // The template's values for `post`.
  TemplateInput input(const SnapshotFields& post) const;

  // The rendering of `post` within `limits`, values through `escape`;
  // failed when even the shortest rendering is too long. An editor's text
  // (SnapshotFields::text) is sent instead, escaped, when it fits.
  Result<std::string> fit(const SnapshotFields& post, const TextLimits& limits,
                          const TextEscaper& escape) const;

 private:
  PostText(TextTemplate tmpl, std::string language, int max_hashtags)
      : template_(std::move(tmpl)), language_(std::move(language)), max_hashtags_(max_hashtags) {}

  TextTemplate template_;
  std::string language_;
  int max_hashtags_ = 0;
};

// An editor's `text` (already escaped) when it keeps `limits`; failed
// ("the editor's text is 612 long as the network counts it, over its limit
// of 500") when it does not: it is never cut.
Result<std::string> editor_text_within(std::string text, const TextLimits& limits);

// `value` shortened at a word end with "…" to at most `max_length` units of
// `count` (text_fit.h rules: never inside a URL); "" when nothing fits.
std::string shorten_value(std::string_view value, std::size_t max_length, const TextCounter& count);

}  // namespace herald
