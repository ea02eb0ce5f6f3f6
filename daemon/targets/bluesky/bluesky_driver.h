// The Bluesky target (`type: bluesky`): posts to the account's PDS (`url`,
// default https://bsky.social) as `identifier` with an app password.
//
// payload() fixes the record at announce time (bluesky_record.h): its key
// (a TID made from the clock now, with a clock id drawn per driver), its
// createdAt (the announcement time, not the article's date: an old
// createdAt shows as "Archived from" in the app), text, facets and langs.
//
// One attempt of a delivery (bluesky_xrpc.h for the requests and answers):
//   1. when the post has an image (and `image` is on): the image fetched
//      from the site; past 1,000,000 bytes, unreachable or refused by
//      uploadBlob it is skipped with a log line (a card without thumb, or a
//      post without images embed);
//   2. a session: the saved one (the target's state, kept across
//      restarts), else createSession; an expired access token (HTTP 400
//      ExpiredToken) is refreshed with refreshSession, a refused refresh
//      creates a new session; every new session is saved;
//   3. uploadBlob of the image;
//   4. putRecord with the stored rkey, swapRecord null and the stored
//      record plus its embed: a retry of a post that went through (a lost
//      answer, a crash) is a no-op, or InvalidSwap when the embed differs:
//      both mean the post exists and the delivery is sent.
// Outcomes: sent with remote id "at://did/app.bsky.feed.post/rkey" and
// remote URL https://bsky.app/profile/<handle>/post/<rkey>; a refused
// identifier or app password (401) and a refused record are dead with the
// PDS's error and message; 429 waits for RateLimit-Reset (http_status 429
// pauses the account's lane); no answer and 5xx retry. Only post.published
// is sent; other events end dead with a reason.
#pragma once

#include <memory>
#include <string>

#include "daemon/targets/target_driver.h"

namespace herald {

// nullptr and *error when the target's template does not compile.
DriverResult make_bluesky_driver(const TargetConfig& target, const Config& config,
                                TargetStateStore* state, const DriverInputs& inputs);

}  // namespace herald
