// The Mastodon target (`type: mastodon`). One attempt of a delivery:
//   1. the server's limits (mastodon_limits.h): GET /api/v2/instance (or
//      /api/v1/instance when v2 is 404), kept a day in the driver and in
//      the target's state; skipped while fresh;
//   2. when the post has an image and `image` is on: the image fetched from
//      the site (at most the server's image_size_limit), uploaded with its
//      alt text (POST /api/v2/media), polled while the server processes it
//      (GET /api/v1/media/:id, after 1 s, then longer waits, up to about a
//      minute); an image that cannot be fetched, is too large, has a type
//      the server does not take or is refused goes out as a text-only
//      status, logged with the post and the reason;
//   3. the status (mastodon_status.h) with Idempotency-Key = the delivery's
//      message id, so a retry after a timeout or a 5xx never posts twice.
// What each answer means: mastodon_response.h. The payload stored at
// announce time is the post snapshot (post_snapshot.h). Only post.published
// is announced; other events end dead with a reason.
#pragma once

#include <memory>
#include <string>

#include "daemon/targets/target_driver.h"

namespace herald {

// nullptr and *error when the target's template does not compile.
DriverResult make_mastodon_driver(const TargetConfig& target, const Config& config,
                                TargetStateStore* state, const DriverInputs& inputs);

}  // namespace herald
