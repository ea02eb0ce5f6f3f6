// A post's image, fetched to be uploaded with an announcement (Mastodon,
// Bluesky). Its URL comes from a post, so the fetch is fenced: only from
// the site's own origin or delivery.image_origins, only to public addresses
// unless delivery.image_networks lists the network (daemon/net judges the
// address actually connected to), at most `max_bytes` (one byte more is
// asked for, so a bigger image shows as too large), within the target's
// timeouts. A refused image is left out of the announcement, with a warning.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "config/config.h"
#include "daemon/targets/http_exchange.h"
#include "feeds/status.h"

namespace herald {

struct PostImagePolicy {
  std::string site_url;
  std::vector<std::string> origins;   // besides the site's
  std::vector<std::string> networks;  // private networks allowed (CIDR)
};

PostImagePolicy post_image_policy(const Config& config);

// The GET of `image_url`, or why the policy refuses it ("not on the site's
// origin nor in delivery.image_origins").
Result<HttpRequest> post_image_request(const std::string& image_url, const PostImagePolicy& policy,
                                       std::size_t max_bytes);

// The image in the answer to that GET, or why there is none ("it could not
// be fetched (HTTP 404)", "it is more than the 20000000 bytes an image may
// have").
Result<std::string> post_image_body(HttpResponse response, std::size_t max_bytes);

}  // namespace herald
