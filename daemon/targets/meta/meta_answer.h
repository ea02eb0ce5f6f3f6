// What an answer of the Instagram or Threads API says about a media
// container, the account's publishing limit and its recent posts
// (shared/docs/networks.md, Instagram and Threads). Errors are Graph's
// envelope (graph_answer.h).
//
//   container:  GET /{container-id}?fields=status_code,status (Instagram) or
//               ?fields=status,error_message (Threads): IN_PROGRESS,
//               FINISHED, ERROR (the detail says why), EXPIRED (not
//               published within 24 h), PUBLISHED.
//   limit:      GET /{user-id}/content_publishing_limit (Instagram) or
//               threads_publishing_limit (Threads), fields quota_usage,config:
//               {"data": [{"quota_usage": N, "config": {"quota_total": T,
//               "quota_duration": seconds}}]}.
//   recent:     GET /{user-id}/media (Instagram) or /threads (Threads),
//               fields id,caption|text,permalink,timestamp: the post whose
//               caption or text carries the post's URL.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace herald {

enum class ContainerState { in_progress, finished, error, expired, published, unknown };

struct ContainerStatus {
  ContainerState state = ContainerState::unknown;
  std::string detail;  // ERROR: the network's reason (Instagram: the error subcode)
};

// The container's state in `body`, read from `state_field` ("status_code"
// or "status") and `detail_field` ("status" or "error_message").
ContainerStatus read_container_status(std::string_view body, std::string_view state_field,
                                      std::string_view detail_field);

// Whether an Instagram container error names a refusal of the media or the
// caption that a new container would meet again (2207004 too large,
// 2207005 format, 2207009 aspect ratio, 2207010 caption, 2207040 @-tags).
bool is_permanent_container_error(std::string_view detail);

struct PublishingQuota {
  bool known = false;            // the answer held the figures
  std::int64_t usage = 0;
  std::int64_t total = 0;
  std::int64_t duration_ms = 0;  // the moving window (86,400 s)

  bool reached() const { return known && total > 0 && usage >= total; }
  // How long until a post of the window is likely to leave it: the window
  // over its quota (a post at the limit frees a place every so often),
  // at least a second.
  std::int64_t place_frees_in_ms() const;
};

PublishingQuota read_publishing_quota(std::string_view body);

struct MetaMedia {
  std::string id;
  std::string permalink;
};

// The first post in `body`'s data whose `text_field` carries `url`; id ""
// when none.
MetaMedia find_meta_media(std::string_view body, std::string_view text_field, std::string_view url);

}  // namespace herald
