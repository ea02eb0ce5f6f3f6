// Reading one post file of the content directory: the bytes, then the
// parser. Both `herald build` (every file) and the incremental catalog loader
// (only the files whose stamp changed) go through here, so a file is judged
// the same way in both.
//
// A file that cannot be read becomes a Diagnostic naming the file relative to
// the content directory ("cannot read the file: ..." or the parser's
// file_too_large), exactly as a parse error does.
#pragma once

#include <optional>
#include <string>

#include "config/config.h"
#include "daemon/base/file_io.h"
#include "daemon/site/site_files.h"
#include "feeds/post_parser.h"
#include "feeds/post_rules.h"
#include "feeds/time_zone.h"

namespace herald {

// The zone posts are read in: site.timezone, or UTC when it cannot be
// loaded (the configuration's validation says so).
TimeZone site_zone(const SiteConfig& site);

// Reads `content_dir`/`relative` (at most rules.max_bytes) through `files`
// and parses it.
PostParseResult read_post(SiteFiles& files, const std::string& content_dir, const std::string& relative,
                          const PostRules& rules, const TimeZone& zone);

// The Markdown body of `post`, read again from its file, for catalogs that
// keep posts without bodies (feeds/site_renderer.h BodySource): nullopt when
// the file no longer holds that post (it changed, vanished or broke since).
std::optional<std::string> read_body(SiteFiles& files, const std::string& content_dir, const Post& post,
                                     const PostRules& rules, const TimeZone& zone);

// `diagnostic` (of a file named relative to the content directory, as
// read_post's are) naming the file as the user finds it: under content.dir.
Diagnostic in_content_dir(Diagnostic diagnostic, const std::string& content_dir);

// Parses what read_whole_file() returned for `relative`: the post, or the
// diagnostic for a file that could not be read or is too large.
PostParseResult parse_read_result(const std::string& relative, const ReadResult& file,
                                  const PostRules& rules, const TimeZone& zone);

}  // namespace herald
