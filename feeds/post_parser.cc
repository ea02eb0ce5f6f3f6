// parse_post: byte checks (source_text.h), front matter split
// (front_matter.h), guarded YAML (front_matter_yaml.h), field mapping
// (post_fields.h). Each step returns its problem as a value; this file only
// sequences them and stamps the path on the diagnostic.
#include "feeds/post_parser.h"

#include <exception>
#include <string>

#include "feeds/front_matter.h"
#include "feeds/front_matter_yaml.h"
#include "feeds/liquid.h"
#include "feeds/markdown.h"
#include "feeds/markdown_limits.h"
#include "feeds/post_fields.h"
#include "feeds/source_text.h"

namespace herald {
namespace {

// A warning at `offset` of the body, which starts on line `body_line`; the
// column counts characters (UTF-8 code points), 1-based.
Diagnostic located_in_body(std::string_view body, int body_line, std::size_t offset,
                           std::string message) {
  Diagnostic warning{"", body_line, 1, std::move(message), true};
  for (std::size_t at = 0; at < offset && at < body.size(); ++at) {
    if (body[at] == '\n') {
      ++warning.line;
      warning.column = 1;
    } else if ((static_cast<unsigned char>(body[at]) & 0xC0) != 0x80) {
      ++warning.column;
    }
  }
  return warning;
}

std::optional<Diagnostic> parse_into(std::string_view path, std::string_view bytes,
                                     const PostRules& rules, const TimeZone& zone, Post* post,
                                     std::vector<Diagnostic>* warnings) {
  if (auto error = check_source_bytes(bytes, rules.max_bytes)) return error;
  std::string storage;
  std::string_view text = normalise_source(bytes, &storage);
  Diagnostic error;
  std::optional<FrontMatter> fm = split_front_matter(text, &error);
  if (!fm) return error;
  std::optional<YamlTree> root = load_front_matter(*fm, rules, &error);
  if (!root) return error;
  post->source_path = std::string(path);  // before the fields: set_slug reads it
  if (auto field_error = read_post_fields(*root, *fm, path, rules, zone, post, warnings)) return field_error;
  if (auto body_error = check_markdown_limits(fm->body, fm->body_line, rules.markdown)) {
    return body_error;
  }
  post->body = std::string(fm->body);
  post->body_line = fm->body_line;
  if (rules.liquid) {
    for (const LiquidProblem& problem : check_liquid(post->body)) {
      warnings->push_back(located_in_body(fm->body, fm->body_line, problem.offset, problem.message));
    }
  }
  if (post->summary.empty()) {
    // Jekyll's excerpt, so readers that ignore the content show something;
    // a post's own excerpt_separator wins over the site's. Its Liquid is
    // rendered without the site (links stay as written).
    std::optional<std::string_view> own = post->fields.find("excerpt_separator");
    std::string source = rules.liquid ? render_liquid(post->body, LiquidContext{"", rules.permalink, post, nullptr})
                                      : post->body.str();
    post->summary = markdown_excerpt(source, own ? *own : std::string_view(rules.excerpt_separator));
  }
  return std::nullopt;
}

}  // namespace

PostParseResult parse_post(std::string_view path, std::string_view bytes, const PostRules& rules,
                           const TimeZone& zone) {
  PostParseResult result;
  Post post;
  std::optional<Diagnostic> error;
  try {
    error = parse_into(path, bytes, rules, zone, &post, &result.warnings);
  } catch (const std::exception& e) {
    // Allocation can still throw; never let it escape.
    error = Diagnostic{"", 0, 0, std::string("could not read the post: ") + e.what() +
                                     "; check the front matter"};
  }
  if (error) {
    result.warnings.clear();
    error->path = std::string(path);
    result.error = std::move(error);
  } else {
    result.post = std::move(post);
    for (Diagnostic& warning : result.warnings) warning.path = std::string(path);
  }
  return result;
}

}  // namespace herald
