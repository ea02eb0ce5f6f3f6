// The LinkedIn target (`type: linkedin`): an article post of an
// organization page through the Posts API (`url`, default
// https://api.linkedin.com; headers linkedin_requests.h) with a member's
// access token (60 days, never refreshed by herald).
//
// payload() stores the post's snapshot; an attempt fits the commentary
// (default template "{title}\n\n{summary}\n\n{hashtags}", values in
// LinkedIn's little text: escape_little_text, at most 3,000 UTF-16 units,
// never cutting a URL or hashtag) and:
//   1. after an earlier attempt that may have posted (no answer, or 5xx:
//      json_exchange.h may_have_posted), looks for the post: GET
//      /rest/posts?author=<urn>&q=author&count=10&sortBy=LAST_MODIFIED;
//      the post whose content.article.source is the post's URL is the
//      delivery, sent. When the look-up cannot tell (a 4xx that is neither
//      401 nor 429, e.g. no r_organization_social), `after_timeout`
//      decides: retry posts again, give_up ends dead;
//   2. with the image variant the image step made (delivery.image), POST
//      /rest/images?action=initializeUpload, then PUT the bytes to its
//      uploadUrl; the image's URN becomes the article's thumbnail (alt
//      text beside it). An image refused there, or none made, leaves the
//      article without a thumbnail, said in the sent outcome's note;
//   3. POST /rest/posts {author, commentary, visibility PUBLIC,
//      distribution, content.article {source, title, description,
//      thumbnail}, lifecycleState PUBLISHED}: 201 with the post's URN in
//      x-restli-id is sent, remote URL
//      https://www.linkedin.com/feed/update/<urn>/.
// Errors: 401 (token expired or revoked) is dead with what the operator
// must do, and stops the target; 403 (no page role or permission) and 426
// (LinkedIn-Version sunset) too; 422 DUPLICATE_POST is sent as the URN the
// message names (looked up when it names none); other 422 and 400 are
// dead; 429 waits (pausing the lane, never counted against max_attempts)
// until Retry-After when LinkedIn gives one, else the next 00:00 UTC when
// its daily quotas refill, and later attempts wait until then without
// calling; 5xx and no answer retry. Only post.published is sent.
#pragma once

#include "daemon/targets/target_driver.h"

namespace herald {

// Failed when the target's template does not compile.
DriverResult make_linkedin_driver(const TargetConfig& target, const Config& config, const DriverInputs& inputs);

}  // namespace herald
