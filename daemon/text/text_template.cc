#include "daemon/text/text_template.h"

#include <unicode/datefmt.h>
#include <unicode/locid.h>
#include <unicode/messagepattern.h>
#include <unicode/msgfmt.h>
#include <unicode/parseerr.h>
#include <unicode/simpletz.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <utility>

#include "daemon/text/text_facets.h"
#include "feeds/text.h"
#include "feeds/time_zone.h"
#include "feeds/timestamp.h"

namespace herald {

struct TextTemplate::Impl {
  icu::MessageFormat format;
  std::vector<icu::UnicodeString> names;  // names_ in UTF-16
};

namespace {

std::string to_utf8(const icu::UnicodeString& text) {
  std::string out;
  text.toUTF8String(out);
  return out;
}

icu::UnicodeString to_unicode(std::string_view text) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
}

// The error for UTF-16 offset `offset16` of `text`: byte offset, line, column.
TemplateError error_at(std::string_view text, int32_t offset16, std::string message) {
  TemplateError error;
  error.message = std::move(message);
  int32_t i = 0;
  int32_t units = 0;
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  auto length = static_cast<int32_t>(text.size());
  while (i < length && units < offset16) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    units += U16_LENGTH(c < 0 ? 0xFFFD : c);
    if (c == '\n') {
      ++error.line;
      error.column = 1;
    } else {
      ++error.column;
    }
  }
  error.offset = static_cast<std::size_t>(i);
  return error;
}

// The UTF-16 offset of the outermost '{' of `pattern` never closed, for
// U_UNMATCHED_BRACES (ICU reports offset 0). Apostrophe quoting as ICU's
// default mode: '' is an apostrophe, ' before { } | # quotes up to the next '.
int32_t unclosed_brace(const icu::UnicodeString& pattern) {
  std::vector<int32_t> open;
  for (int32_t i = 0; i < pattern.length(); ++i) {
    char16_t c = pattern.charAt(i);
    char16_t next = i + 1 < pattern.length() ? pattern.charAt(i + 1) : u'\0';
    if (c == u'\'' && next == u'\'') {
      ++i;
    } else if (c == u'\'' && (next == u'{' || next == u'}' || next == u'|' || next == u'#')) {
      int32_t close = pattern.indexOf(u'\'', i + 2);
      i = close < 0 ? pattern.length() : close;
    } else if (c == u'{') {
      open.push_back(i);
    } else if (c == u'}' && !open.empty()) {
      open.pop_back();
    }
  }
  return open.empty() ? 0 : open.front();
}

std::string syntax_message(UErrorCode status) {
  switch (status) {
    case U_UNMATCHED_BRACES:
      return "unmatched '{': close every argument with '}'";
    case U_PATTERN_SYNTAX_ERROR:
      return "bad argument: write {name} or {name, select, ...}";
    case U_ARGUMENT_TYPE_MISMATCH:
      return "arguments must be names such as {title}, not numbers";
    case U_INDEX_OUTOFBOUNDS_ERROR:
      return "template too long";
    default:
      return std::string("invalid template (") + u_errorName(status) + ")";
  }
}

// Checks the arguments of `pattern`; collects their names in first-use order.
bool collect_names(const icu::MessagePattern& pattern, std::string_view text,
                   std::vector<std::string>* names, TemplateError* error) {
  for (int32_t i = 0; i < pattern.countParts(); ++i) {
    const icu::MessagePattern::Part& part = pattern.getPart(i);
    if (part.getType() != UMSGPAT_PART_TYPE_ARG_START) continue;
    const icu::MessagePattern::Part& id = pattern.getPart(i + 1);
    std::string name = to_utf8(pattern.getSubstring(id));
    if (id.getType() == UMSGPAT_PART_TYPE_ARG_NUMBER) {
      *error = error_at(text, id.getIndex(),
                        "argument {" + name + "}: use a name such as {title}");
      return false;
    }
    UMessagePatternArgType type = part.getArgType();
    if (type != UMSGPAT_ARG_TYPE_NONE && type != UMSGPAT_ARG_TYPE_SELECT) {
      *error = error_at(text, id.getIndex(),
                        "argument {" + name + "}: only {" + name + "} and {" + name +
                            ", select, ...} are supported");
      return false;
    }
    if (std::find(names->begin(), names->end(), name) == names->end()) names->push_back(name);
  }
  return true;
}

const std::string& value_of(const TemplateInput& input, const std::string& joined_hashtags,
                            const std::string& name) {
  static const std::string kEmpty;
  if (name == "title") return input.title;
  if (name == "url") return input.url;
  if (name == "summary") return input.summary;
  if (name == "section") return input.section;
  if (name == "hashtags") return joined_hashtags;
  if (name == "date") return input.date;
  if (name == "tags") return input.tags;
  if (name == "image_alt") return input.image_alt;
  auto it = input.fields.find(name);
  return it == input.fields.end() ? kEmpty : it->second;
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const std::string& part : parts) {
    if (!out.empty()) out += separator;
    out += part;
  }
  return out;
}

std::string escape_chars(std::string_view text, bool quotes) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"':
        out += quotes ? "&quot;" : "\"";
        break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

std::string escape_none(std::string_view text) { return std::string(text); }
std::string escape_html(std::string_view text) { return escape_chars(text, true); }
std::string escape_slack(std::string_view text) { return escape_chars(text, false); }

std::string escape_little_text(std::string_view text) {
  constexpr std::string_view kReserved = "\\|{}@[]()<>#*_~";
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  std::size_t done = 0;
  auto escape_up_to = [&](std::size_t end) {
    for (; done < end; ++done) {
      if (kReserved.find(text[done]) != std::string_view::npos) out += '\\';
      out += text[done];
    }
  };
  for (const TextFacet& facet : find_facets(text)) {
    escape_up_to(facet.byte_start);
    out.append(text.substr(facet.byte_start, facet.byte_end - facet.byte_start));
    done = facet.byte_end;
  }
  escape_up_to(text.size());
  return out;
}

std::string TemplateError::to_string() const {
  return "line " + std::to_string(line) + ", column " + std::to_string(column) + ": " + message;
}

std::string long_date(const std::string& rfc3339, const std::string& language) {
  std::string ignored;
  std::optional<Timestamp> date = parse_timestamp(rfc3339, TimeZone::utc(), &ignored);
  if (!date) return "";
  UErrorCode status = U_ZERO_ERROR;
  icu::Locale locale = icu::Locale::forLanguageTag(language.empty() ? "es" : language, status);
  if (U_FAILURE(status)) {
    status = U_ZERO_ERROR;
    locale = icu::Locale("es");
  }
  std::unique_ptr<icu::DateFormat> format(
      icu::DateFormat::createDateInstance(icu::DateFormat::kLong, locale));
  if (!format) return "";
  format->adoptTimeZone(new icu::SimpleTimeZone(date->offset_minutes * 60 * 1000, "post"));
  icu::UnicodeString out;
  format->format(static_cast<UDate>(date->unix_seconds) * 1000.0, out);
  return to_utf8(out);
}

TemplateInput template_input(const SnapshotFields& post, std::vector<std::string> hashtags,
                             const std::string& language) {
  TemplateInput input;
  input.title = post.title;
  input.url = post.url;
  input.summary = post.summary;
  input.section = post.section_name.empty() ? post.section : post.section_name;
  input.date = long_date(post.date, language);
  input.tags = join(post.tags, ", ");
  input.image_alt = post.image_alt;
  input.hashtags = std::move(hashtags);
  input.fields = post.fields;
  return input;
}

std::optional<TextTemplate> TextTemplate::compile(std::string_view text, TemplateError* error) {
  icu::UnicodeString pattern_text = to_unicode(text);
  UParseError parse_error{};
  UErrorCode status = U_ZERO_ERROR;
  icu::MessagePattern pattern(pattern_text, &parse_error, status);
  if (U_FAILURE(status)) {
    int32_t offset = status == U_UNMATCHED_BRACES ? unclosed_brace(pattern_text)
                                                  : std::max(parse_error.offset, 0);
    *error = error_at(text, offset, syntax_message(status));
    return std::nullopt;
  }
  std::vector<std::string> names;
  if (!collect_names(pattern, text, &names, error)) return std::nullopt;
  icu::MessageFormat format(pattern_text, icu::Locale::getRoot(), parse_error, status);
  if (U_FAILURE(status)) {
    *error = error_at(text, std::max(parse_error.offset, 0), syntax_message(status));
    return std::nullopt;
  }
  auto impl = std::make_unique<Impl>(Impl{std::move(format), {}});
  for (const std::string& name : names) impl->names.push_back(to_unicode(name));
  return TextTemplate(std::move(impl), std::move(names));
}

TextTemplate::TextTemplate(std::unique_ptr<Impl> impl, std::vector<std::string> names)
    : impl_(std::move(impl)), names_(std::move(names)) {}
TextTemplate::TextTemplate(const TextTemplate& other)
    : impl_(std::make_unique<Impl>(*other.impl_)), names_(other.names_) {}
TextTemplate& TextTemplate::operator=(const TextTemplate& other) {
  if (this != &other) {
    impl_ = std::make_unique<Impl>(*other.impl_);
    names_ = other.names_;
  }
  return *this;
}
TextTemplate::TextTemplate(TextTemplate&&) noexcept = default;
TextTemplate& TextTemplate::operator=(TextTemplate&&) noexcept = default;
TextTemplate::~TextTemplate() = default;

bool TextTemplate::uses(std::string_view name) const {
  return std::find(names_.begin(), names_.end(), name) != names_.end();
}

std::string TextTemplate::render(const TemplateInput& input, const TextEscaper& escape) const {
  std::string hashtags = join(input.hashtags, " ");
  std::vector<icu::Formattable> values;
  values.reserve(names_.size());
  for (const std::string& name : names_) {
    values.emplace_back(to_unicode(escape(value_of(input, hashtags, name))));
  }
  icu::UnicodeString out;
  UErrorCode status = U_ZERO_ERROR;
  impl_->format.format(impl_->names.data(), values.data(), static_cast<int32_t>(values.size()),
                       out, status);
  if (U_FAILURE(status)) return "";
  return tidy_rendered_text(to_utf8(out));
}

std::string tidy_rendered_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool blank_pending = false;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    std::size_t last = line.find_last_not_of(" \t\r");
    line = last == std::string_view::npos ? std::string_view() : line.substr(0, last + 1);
    if (line.empty()) {
      blank_pending = !out.empty();
    } else {
      if (!out.empty()) out += blank_pending ? "\n\n" : "\n";
      out += line;
      blank_pending = false;
    }
    start = end + 1;
  }
  return trim(out);
}

Result<TextTemplate> target_template(const TargetConfig& target, std::string_view default_template) {
  const SocialText* social = target.text();
  std::string_view text = social == nullptr || social->text_template.empty()
                              ? default_template
                              : std::string_view(social->text_template);
  TemplateError problem;
  std::optional<TextTemplate> tmpl = TextTemplate::compile(text, &problem);
  if (!tmpl) return Result<TextTemplate>::failed("target " + target.name + ": template: " + problem.to_string());
  return std::move(*tmpl);
}

}  // namespace herald
