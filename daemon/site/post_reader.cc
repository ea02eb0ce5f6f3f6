#include "daemon/site/post_reader.h"

#include "feeds/source_text.h"

namespace herald {

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

}  // namespace herald
