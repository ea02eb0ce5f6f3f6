#include "daemon/serve/http_request_path.h"

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

namespace herald {
namespace {

RequestPath refused(unsigned status) {
  RequestPath path;
  path.status = status;
  return path;
}

// 0 when the decoded segment may name a file; else the status to answer.
unsigned check_segment(const std::string& segment) {
  if (segment == "." || segment == "..") return 400;
  if (segment.find_first_of(std::string_view("/\\\0", 3)) != std::string::npos) return 400;
  if (segment.front() == '.') return 404;
  return 0;
}

}  // namespace

std::string RequestPath::relative() const {
  std::string out;
  for (const std::string& segment : segments) {
    if (!out.empty()) out += '/';
    out += segment;
  }
  return out;
}

RequestPath parse_request_path(std::string_view target) {
  if (target.empty() || target.find('\\') != std::string_view::npos) return refused(400);
  auto parsed = target.front() == '/' ? boost::urls::parse_origin_form(target)
                                      : boost::urls::parse_absolute_uri(target);
  if (!parsed) return refused(400);
  boost::urls::url_view url = *parsed;
  if (!url.is_path_absolute() && !url.encoded_path().empty()) return refused(400);
  RequestPath path;
  for (const std::string& segment : url.segments()) {
    if (segment.empty()) continue;
    if (unsigned status = check_segment(segment)) return refused(status);
    path.segments.push_back(segment);
  }
  path.trailing_slash = url.encoded_path().ends_with('/');
  return path;
}

}  // namespace herald
