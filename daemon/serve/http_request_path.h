// Turns an HTTP request target into a path relative to the served directory,
// or says why it cannot be served. Decoding is Boost.URL's; this file only
// decides which decoded segments are acceptable.
//
// Accepted: origin-form ("/a/b.xml?x") and absolute-form
// ("http://host/a/b.xml"); the query is ignored. Empty segments ("a//b") are
// skipped. Refused with 400: unparsable targets, "." and ".." segments (also
// percent-encoded), segments that decode to '/', '\\' or NUL, and a literal
// backslash. (A leading "/./" is not a segment for Boost.URL: "/./a" is "/a".)
// Refused with 404: hidden names (a segment starting with '.',
// e.g. temporaries ".rss.xml.tmp").
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace herald {

struct RequestPath {
  unsigned status = 0;                 // 0 = acceptable; else 400 or 404
  std::vector<std::string> segments;   // decoded, none empty; empty = the root
  bool trailing_slash = false;         // the target named a directory
  std::string relative() const;        // segments joined with '/'
};

RequestPath parse_request_path(std::string_view target);

}  // namespace herald
