// What an answer of Facebook's Graph API says beyond its HTTP status
// (shared/docs/networks.md, Facebook): the error envelope, its class, the
// usage headers, and a post of the Page carrying a given link.
//
// Errors: {"error": {"message", "type", "code", "error_subcode",
// "fbtrace_id"}}. The HTTP status is not a reliable class (most errors are
// 400), so an error is classed by code and subcode:
//   190, 102                    token: expired, revoked or invalidated
//   4 17 32 341 613 80001       throttled: wait, never drop the post
//   10, 200-299, 3              permission: missing or removed
//   100                         invalid: a parameter Facebook refuses
//   506                         duplicate: the Page's last post is identical
//   1609005                     link: the article could not be scraped yet
//   1 2 368, anything else      other: decided by the HTTP status
//
// Usage headers (JSON, every figure a percentage, throttling at 100):
// X-App-Usage and X-Page-Usage {"call_count", "total_cputime",
// "total_time"}; X-Business-Use-Case-Usage {"<id>": [{"type", "call_count",
// ..., "estimated_time_to_regain_access": minutes}]}.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "daemon/targets/retry_hints.h"

namespace herald {

enum class GraphErrorClass { none, token, throttled, permission, invalid, duplicate, link, other };

struct GraphError {
  int code = 0;
  int subcode = 0;
  std::string message;
  std::string fbtrace_id;
  GraphErrorClass kind = GraphErrorClass::none;  // none: the body holds no error

  // "code 190, subcode 460: Error validating access token: ..."
  std::string describe() const;
};

// The error in `body`; kind none when there is none.
GraphError read_graph_error(std::string_view body);

// What a token error's subcode means for the operator ("the password of
// the person who granted it changed"); "" for none or an unknown one.
std::string graph_token_reason(int subcode);

struct GraphUsage {
  int max_percent = 0;            // the highest figure of the three headers
  std::int64_t regain_ms = 0;     // estimated_time_to_regain_access, the longest; 0: none given
  bool limited() const { return max_percent >= 100 || regain_ms > 0; }
};

// The usage the headers of `response` report (headers absent or not JSON
// count as 0).
GraphUsage read_graph_usage(const HttpHeaders& headers);

// A post of the Page in a `GET /{page-id}/posts` answer that carries
// `url`: as an attachment's url or unshimmed_url, or in its message.
struct GraphPost {
  std::string id;
  std::string permalink_url;
};
// The first such post; id "" when none.
GraphPost find_graph_post(std::string_view body, std::string_view url);

}  // namespace herald
