// The Instagram and Threads targets (`type: instagram`, `type: threads`):
// one driver for Meta's media containers, told apart by a MetaNetwork
// description (edges, status fields, text rule, token grant).
//
// payload() stores the post's snapshot; an attempt renders the text
// (Instagram: caption "{title}\n\n{summary}\n\n{url}\n\n{hashtags}", 2,200
// UTF-16 units and at most 30 hashtags, the URL as plain text since
// captions do not link; Threads: the same template, 500 as Threads counts
// (text_length.h count_threads)) and:
//   1. refreshes the long-lived token once it is a day old (meta_token.h):
//      GET {url}/refresh_access_token?grant_type=ig_refresh_token|
//      th_refresh_token; single-flight per account (renewal_gate.h), the
//      new token saved in the outbox before it is used; a refused token
//      (Graph code 190) ends the delivery dead with what the operator must
//      do and stops the target; another failure goes on with the token in
//      hand and tries again an hour later;
//   2. reads the delivery's progress (target_driver.h save_progress): with
//      a container, polls it (3); without one, creates it: POST
//      /{version}/{account}/media, form image_url (the published JPEG
//      variant: DeliveryImage::url), caption, alt_text (Instagram); POST
//      /{version}/{account}/threads, form media_type TEXT or IMAGE,
//      text, image_url and alt_text with an image (Threads). The container
//      id is saved before anything depends on it;
//   3. polls GET /{version}/{container}?fields=status_code,status |
//      status,error_message: IN_PROGRESS again after 2, 4, ... 60 s (for at
//      most 5 minutes, then a retry that keeps the container); ERROR a new
//      container, or dead when Instagram refused the media or caption
//      (meta_answer.h); EXPIRED a new container; PUBLISHED (an earlier
//      publish went out) step 6; FINISHED step 4;
//   4. checks the daily publishing limit: GET /{version}/{account}/
//      content_publishing_limit | threads_publishing_limit?fields=
//      quota_usage,config; at the limit the delivery retries with
//      http_status 429 (the lane waits) once a place is likely free
//      (quota_duration / quota_total), never dropped;
//   5. saves "publishing" in the progress, then POST /{version}/{account}/
//      media_publish | threads_publish, form creation_id: {"id"} is sent;
//      then GET /{version}/{id}?fields=permalink for the remote URL. Any
//      failure (no answer, a 5xx, a refusal) reads the container at once:
//      PUBLISHED, the post went out (step 6); else the failure's outcome
//      (a retry polls the container first again), so it never publishes
//      twice; code 9 / 2207042 (limit) waits as in 4;
//   6. looks for the post: GET /{version}/{account}/media | threads?fields=
//      id,caption|text,permalink,timestamp&limit=25, the one carrying the
//      post's URL is the delivery, sent. When neither the container nor the
//      account can tell whether a publish went out (container gone,
//      listing refused), `after_timeout` decides: retry creates a new
//      container and publishes ("maybe twice"), give_up ends dead.
// Instagram needs an image: a post without one, or whose image was
// refused, is dead with a "skipped:" reason, logged. Errors by Graph code:
// 190 dead (token) and stops the target; throttles (4, 17, 32, 613, 80002)
// retry with 429; permissions (10, 200-299) stop the target; 24 / 2207008
// (container gone) a new container; other 4xx dead; 5xx, -1, -2 retry.
// Only post.published is sent.
#pragma once

#include "daemon/targets/target_driver.h"

namespace herald {

// Failed when the target's template does not compile.
DriverResult make_meta_driver(const TargetConfig& target, const Config& config, TargetStateStore* state,
                              const DriverInputs& inputs);

}  // namespace herald
