#include "daemon/site/post_reader.h"

#include "feeds/source_text.h"

namespace herald {

TimeZone site_zone(const SiteConfig& site) {
  std::optional<TimeZone> zone = TimeZone::load(site.timezone);
  return zone ? *zone : TimeZone::utc();
}

PostParseResult parse_read_result(const std::string& relative, const ReadResult& file,
                                  const PostRules& rules, const TimeZone& zone) {
  if (file.status.ok()) return parse_post(relative, file.bytes, rules, zone);
  PostParseResult result;
  if (file.too_large) {
    result.error = file_too_large(file.size, rules.max_bytes);
    result.error->path = relative;
  } else {
    result.error = Diagnostic{relative, 0, 0,
                              "cannot read the file: " + file.status.message +
                                  "; check that it exists and herald may read it"};
  }
  return result;
}

PostParseResult read_post(SiteFiles& files, const std::string& content_dir,
                          const std::string& relative, const PostRules& rules,
                          const TimeZone& zone) {
  return parse_read_result(relative, files.read(content_dir + "/" + relative, rules.max_bytes),
                           rules, zone);
}

std::optional<std::string> read_body(SiteFiles& files, const std::string& content_dir, const Post& post,
                                     const PostRules& rules, const TimeZone& zone) {
  PostParseResult parsed = read_post(files, content_dir, post.source_path, rules, zone);
  if (!parsed.post || parsed.post->id != post.id) return std::nullopt;
  return parsed.post->body.take();
}

Diagnostic in_content_dir(Diagnostic diagnostic, const std::string& content_dir) {
  diagnostic.path = content_dir + "/" + diagnostic.path;
  return diagnostic;
}

}  // namespace herald
