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
//   3. with the image variant the image step made for X (image_limits.h;
//      `image: true`, the default, and a post with an image): POST
//      /2/media/upload, then POST /2/media/metadata with its alt text
//      (x_media.h). The media id and whether its alt text is set are kept
//      in the delivery's progress (x_progress.h) as soon as X answers, so a
//      retry or a restart posts the same media instead of uploading it
//      again, unless it has expired (or expires within 15 minutes). 401
//      renews the token once; 401 again or 403 is dead and stops the target
//      (the authorization lacks media.write); 429 waits as below; 5xx and
//      no answer retry; another refusal of the image posts without it, of
//      its alt text posts the image without one (logged; the sent
//      outcome's note says so). An image the image step refused goes
//      without, with its reason;
//   4. POST /2/tweets {"text", "media": {"media_ids": [id]}}: 201 data.id is
//      sent, with remote URL
//      https://x.com/i/status/<id>; 401 renews the token once; 429 waits
//      until x-rate-limit-reset (epoch seconds; http_status 429 pauses the
//      account's lane); 403 "duplicate content" looks for the post as in
//      2 (a lost answer resent by libcurl on a fresh connection): found,
//      sent; else dead; 5xx and no answer retry; other 4xx are dead (a 400
//      with an image forgets its media, so `herald retry` uploads anew).
// Only post.published is sent.
#pragma once

#include "daemon/targets/target_driver.h"

namespace herald {

// Failed when the target's template does not compile.
DriverResult make_x_driver(const TargetConfig& target, const Config& config, TargetStateStore* state,
                           const DriverInputs& inputs);

}  // namespace herald
