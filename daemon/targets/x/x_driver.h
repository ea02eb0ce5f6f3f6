// The X target (`type: x`): a post on the account through the X API v2
// (`url`, default https://api.x.com) with an OAuth 2.0 user token.
//
// payload() stores the post's snapshot; an attempt fits the text by X's
// weighted count (280, every URL 23: text_length.h) with the template
// (default "{title}\n\n{url}\n\n{hashtags}") and:
//   1. renews the access token when it has expired or is missing
//      (x_oauth.h): single-flight per account (renewal_gate.h), the
//      rotated refresh token saved in the outbox before the new access
//      token is used; a refused refresh token (HTTP 400 invalid_grant)
//      ends the delivery dead with what the operator must do, and stops
//      the target;
//   2. after an earlier attempt of the delivery that may have posted (no
//      answer, or 5xx), looks for the post on the account: GET
//      /2/users/me (once; the id is kept), then GET
//      /2/users/{id}/tweets?max_results=10&tweet.fields=entities; a post
//      whose entities.urls carry the post's URL is the delivery, sent.
//      A 401 there renews the token once; when the look-up still fails
//      (a 4xx), `after_timeout` decides: retry
//      posts again ("maybe twice"), give_up ends dead ("maybe never");
//   3. POST /2/tweets {"text"}: 201 data.id is sent, with remote URL
//      https://x.com/i/status/<id>; 401 renews the token once; 429 waits
//      until x-rate-limit-reset (epoch seconds; http_status 429 pauses the
//      account's lane); 403 "duplicate content" looks for the post as in
//      2 (a lost answer resent by libcurl on a fresh connection): found,
//      sent; else dead; 5xx and no answer retry; other 4xx are dead.
// Not yet: the image (media upload with alt text) is not sent; the post
// carries the link, whose card X builds from the article's Open Graph tags.
// Only post.published is sent.
#pragma once

#include "daemon/targets/target_driver.h"

namespace herald {

// Failed when the target's template does not compile.
DriverResult make_x_driver(const TargetConfig& target, const Config& config, TargetStateStore* state,
                           const DriverInputs& inputs);

}  // namespace herald
