// The Mastodon status of a post: its text and the JSON body of
// POST /api/v1/statuses. Pure.
//
// Text: the target's template (default kMastodonTemplate) rendered from the
// stored post snapshot with the post's hashtags (hashtags.h: the section
// first, then the tags; at most `hashtags` of them, none when 0), fitted
// (text_fit.h) to the server's max_characters counted the Mastodon way:
// grapheme clusters, every http(s) URL as characters_reserved_per_url, the
// spoiler text (content warning) included.
//
// Body: {"status", "visibility", "language", "spoiler_text" (only when
// set), "sensitive" (only when true), "media_ids" (only when there are
// some)}. The language is the target's, else the site's, reduced to its
// primary ISO 639 subtag ("es-MX" -> "es"), as Mastodon wants it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "daemon/targets/mastodon/mastodon_limits.h"
#include "daemon/text/post_snapshot.h"
#include "daemon/text/text_template.h"
#include "feeds/status.h"

namespace herald {

// The maximum length of a media description (alt text), in graphemes.
inline constexpr std::size_t kMastodonMaxAltText = 1500;

// The ISO 639 language of statuses of `target` ("es").
std::string mastodon_language(const TargetConfig& target, const Config& config);

// The fitted text; failed (text_fit.h's message) when nothing fits.
Result<std::string> mastodon_status_text(const TextTemplate& tmpl, const SnapshotFields& post,
                                         const TargetConfig& target, const MastodonLimits& limits,
                                         const std::string& language);

// The JSON body of the status.
std::string mastodon_status_body(const std::string& text, const TargetConfig& target,
                                 const std::string& language,
                                 const std::vector<std::string>& media_ids);

// `alt` cut to kMastodonMaxAltText graphemes (at a grapheme boundary).
std::string mastodon_alt_text(std::string_view alt);

}  // namespace herald
