// Per-target text templates: ICU MessageFormat with named arguments, e.g.
//   "{title}\n\n{summary}\n\n{url}\n\n{hashtags}"
//
// Names: title, url, summary, section (the section's display name),
// hashtags (the hashtags joined with one space), date (the post's date as
// a long date in the language, "10 de agosto de 2021" for es), tags (the
// tags joined with ", "), image_alt, and any other name: the front-matter
// field of that name (Post::fields), "" when the post has none.
// Arguments are `{name}` or `{name, select, value {...} other {...}}`;
// numbered arguments and typed ones (number, date, plural, ...) are
// refused by compile(). ICU quoting applies: '' is one apostrophe and a
// single apostrophe before { or } quotes it.
//
// The template text is trusted operator text and is kept as written; only
// the values go through the escaper (escape_html for Telegram and Matrix
// formatted bodies, escape_slack for Slack). After rendering, trailing
// spaces and tabs of every line are removed, runs of blank lines become one
// blank line and the text is trimmed, so an empty value leaves no hole.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "daemon/text/post_snapshot.h"
#include "feeds/status.h"

namespace herald {

// Spanish-reading defaults per network.
inline constexpr std::string_view kDefaultTemplate = "{title}\n\n{summary}\n\n{url}\n\n{hashtags}";
inline constexpr std::string_view kMastodonTemplate = kDefaultTemplate;
inline constexpr std::string_view kBlueskyTemplate = "{title}\n\n{url}\n\n{hashtags}";
inline constexpr std::string_view kDiscordTemplate = "**{title}**\n\n{summary}\n\n{url}";
inline constexpr std::string_view kSlackTemplate = "*{title}*\n\n{summary}\n\n{url}";
// HTML (parse_mode HTML / Matrix formatted_body): use with escape_html.
inline constexpr std::string_view kTelegramTemplate =
    "<b>{title}</b>\n\n{summary}\n\n{url}\n\n{hashtags}";
inline constexpr std::string_view kMatrixTemplate = "{title}\n\n{summary}\n\n{url}";
inline constexpr std::string_view kXTemplate = kBlueskyTemplate;

// Escapers applied to every value.
using TextEscaper = std::function<std::string(std::string_view)>;
std::string escape_none(std::string_view text);   // identity
std::string escape_html(std::string_view text);   // & < > " as &amp; &lt; &gt; &quot;
std::string escape_slack(std::string_view text);  // only & < > (Slack mrkdwn)
// LinkedIn's "little text" (Posts API commentary): a backslash before each
// reserved character \ | { } @ [ ] ( ) < > # * _ ~ (an unescaped one makes
// LinkedIn cut the post there), except inside URLs and hashtags
// (text_facets.h), which stay as written so they stay links and tags.
std::string escape_little_text(std::string_view text);

// What is wrong with a template. Line and column are 1-based, counted in
// code points within the template text; offset is the UTF-8 byte offset.
struct TemplateError {
  std::size_t offset = 0;
  int line = 1;
  int column = 1;
  std::string message;  // e.g. "unmatched '{'" or "argument {0}: use a name such as {title}"
  // "line 2, column 5: unmatched '{'"
  std::string to_string() const;
};

// The values of one rendering. template_input() fills it from a snapshot;
// text_fit.h shortens summary and title and drops hashtags in it.
struct TemplateInput {
  std::string title;
  std::string url;
  std::string summary;
  std::string section;
  std::string date;                   // already formatted
  std::string tags;                   // already joined
  std::string image_alt;
  std::vector<std::string> hashtags;  // each with its '#'
  std::map<std::string, std::string> fields;
};

// The input for `post` with `hashtags` (hashtags.h) and the date spelled in
// `language` (BCP 47, "" means "es").
TemplateInput template_input(const SnapshotFields& post, std::vector<std::string> hashtags,
                             const std::string& language = "es");

// `rfc3339` as ICU's long date in `language` in the date's own offset
// ("2021-08-10T16:17:00-06:00", "es" -> "10 de agosto de 2021"); "" when
// it does not parse.
std::string long_date(const std::string& rfc3339, const std::string& language = "es");

class TextTemplate {
 public:
  // nullopt and *error when `text` is not a valid template.
  static std::optional<TextTemplate> compile(std::string_view text, TemplateError* error);

  // The argument names the template uses, in order of first use.
  const std::vector<std::string>& names() const { return names_; }
  bool uses(std::string_view name) const;

  // The text for `input`, every value passed through `escape`.
  std::string render(const TemplateInput& input, const TextEscaper& escape = escape_none) const;

  TextTemplate(const TextTemplate&);
  TextTemplate& operator=(const TextTemplate&);
  TextTemplate(TextTemplate&&) noexcept;
  TextTemplate& operator=(TextTemplate&&) noexcept;
  ~TextTemplate();

 private:
  struct Impl;
  explicit TextTemplate(std::unique_ptr<Impl> impl, std::vector<std::string> names);
  std::unique_ptr<Impl> impl_;
  std::vector<std::string> names_;
};

// Trailing spaces/tabs of lines removed, blank-line runs made one, trimmed.
std::string tidy_rendered_text(std::string_view text);

// The template of `target`: its `template`, or `default_template` when it
// has none. Failed with "target NAME: template: <what is wrong>" when it
// does not compile (the daemon reports it as a config error).
Result<TextTemplate> target_template(const TargetConfig& target, std::string_view default_template);

}  // namespace herald
