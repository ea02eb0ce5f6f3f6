// The Facebook target (`type: facebook`): a link post on a Page through the
// Graph API (`url`, default https://graph.facebook.com; `api_version`,
// default v25.0) with a Page access token, sent as a Bearer header.
//
// payload() stores the post's snapshot; an attempt renders the message
// (default template "{title}\n\n{summary}\n\n{hashtags}", fitted to 63,206
// UTF-16 units) and:
//   1. after an earlier attempt of the delivery that may have posted (no
//      answer, or 5xx: json_exchange.h may_have_posted), looks for the post
//      on the Page: GET /{version}/{page-id}/posts?fields=id,permalink_url,
//      message,created_time,attachments{url,unshimmed_url}&limit=25; a post
//      carrying the post's URL (graph_answer.h) is the delivery, sent. When
//      the look-up itself cannot tell (a 4xx that is no throttle or token
//      error), `after_timeout` decides: retry posts again, give_up ends dead;
//   2. POST /{version}/{page-id}/feed, form message and link (Facebook
//      scrapes the article's Open Graph tags for the card and its image):
//      {"id": "<page>_<post>"} is sent, remote URL
//      https://www.facebook.com/<page>_<post>.
// Errors by their Graph code (graph_answer.h): a token error (190) is dead
// with what the operator must do, and stops the target; a throttle (4, 17,
// 32, 341, 613, 80001) retries with http_status 429 (the engine pauses the
// target's lane) no sooner than the usage headers'
// estimated_time_to_regain_access, and until then new attempts wait
// without calling; a missing permission stops the target; 100 is dead; 506
// (a duplicate of the Page's last post) looks for the post and is sent
// when found, dead when not; 1609005 (link not scrapable yet), 5xx and no
// answer retry. Only post.published is sent; the image is the card's.
#pragma once

#include "daemon/targets/target_driver.h"

namespace herald {

// Failed when the target's template does not compile.
DriverResult make_facebook_driver(const TargetConfig& target, const Config& config, const DriverInputs& inputs);

}  // namespace herald
