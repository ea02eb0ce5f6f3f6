// Reading one post file of the content directory: the bytes, then the
// parser. Both `herald build` (every file) and the incremental catalog loader
// (only the files whose stamp changed) go through here, so a file is judged
// the same way in both.
//
// A file that cannot be read becomes a Diagnostic naming the file relative to
// the content directory ("cannot read the file: ..." or the parser's
// file_too_large), exactly as a parse error does.
#pragma once

#include <string>

#include "daemon/base/file_io.h"
#include "daemon/site/site_files.h"
#include "feeds/post_parser.h"
#include "feeds/post_rules.h"
#include "feeds/time_zone.h"

namespace herald {

// Reads `content_dir`/`relative` (at most rules.max_bytes) through `files`
// and parses it.
PostParseResult read_post(SiteFiles& files, const std::string& content_dir, const std::string& relative,
                          const PostRules& rules, const TimeZone& zone);

// Parses what read_whole_file() returned for `relative`: the post, or the
// diagnostic for a file that could not be read or is too large.
PostParseResult parse_read_result(const std::string& relative, const ReadResult& file,
                                  const PostRules& rules, const TimeZone& zone);

}  // namespace herald
