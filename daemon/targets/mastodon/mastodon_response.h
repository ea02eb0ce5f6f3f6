// What a Mastodon server's answers mean for a delivery (pure).
//
// The status (POST /api/v1/statuses):
//   200            sent; remote id and URL from the status's `id` and `url`
//   401 / 403      dead: the token was refused (a new token is needed)
//   404            dead: no Mastodon API at the url (wrong server address)
//   422            dead with the server's `error` text (validation: retrying
//                  the same status cannot help)
//   429            retry at X-RateLimit-Reset (an ISO-8601 instant), with
//                  http_status 429 so the lane (the account) pauses
//   5xx, timeouts  retry with backoff (the same Idempotency-Key)
//   anything else  as retry_policy.h decides
//
// A media upload (POST /api/v2/media) or its polling (GET /api/v1/media/:id):
//   200 ready; 202 (upload) / 206 (poll) processing, with the attachment's id;
//   401 / 403 fail as above; 404 / 413 / 415 / 422 on the upload reject the
//   image (the post goes out as text only); others fail the attempt as
//   retry_policy.h decides (429 pausing the lane).
//
// Every reason passes through the target's Redactor.
#pragma once

#include <cstdint>
#include <string>

#include "daemon/targets/delivery.h"
#include "daemon/targets/http_exchange.h"
#include "daemon/targets/redaction.h"
#include "daemon/targets/retry_policy.h"

namespace herald {

// The situation of one answer: the delivery's attempt number, its policy,
// the time and the redactor.
struct MastodonReplyContext {
  int attempts = 1;
  RetryPolicy policy;
  std::int64_t now_ms = 0;
  UniformRandom random;
  Redactor redactor;
};

// The outcome of the status request.
DeliveryOutcome mastodon_status_outcome(const HttpResponse& response, const MastodonReplyContext& context);

struct MastodonMediaReply {
  enum class Kind { ready, processing, rejected, failed };
  Kind kind = Kind::failed;
  std::string id;           // ready / processing: the attachment's id
  std::string reason;       // rejected: why the image is left out
  DeliveryOutcome outcome;  // failed: how the attempt ends
};

// The meaning of an upload's (`polling` false) or a poll's answer.
MastodonMediaReply mastodon_media_reply(const HttpResponse& response, bool polling,
                                        const MastodonReplyContext& context);

// The server's `error` text in a JSON error body ("Validation failed: Text
// character limit of 500 exceeded"), else a short excerpt of the body.
std::string mastodon_error_text(const std::string& body);

}  // namespace herald
