// What an IndexNow endpoint's answer means for a batch
// (https://www.indexnow.org/documentation, "Response format"):
//
//   200 OK, 202 Accepted (the key's check is pending)   sent
//   400 Bad request                                      dead
//   403 Forbidden: the key is not valid (its file was
//       not found or does not hold it)                   dead, the target stopped:
//                                                        the operator fixes the key file
//   422 Unprocessable: URLs not of the host, or the key
//       not matching the protocol's schema               dead, saying which
//   429 Too many requests                                retry after Retry-After
//   5xx, no answer                                       retry (retry_policy.h)
//
// Reasons pass through the target's Redactor (the key never shows). Pure.
#pragma once

#include <cstdint>
#include <string>

#include "daemon/targets/delivery.h"
#include "daemon/targets/http_exchange.h"
#include "daemon/targets/redaction.h"
#include "daemon/targets/retry_policy.h"

namespace herald {

// Where the key is checked, for the operator: the key location and, when
// herald writes it, the file in output.dir.
struct IndexNowKeyPlace {
  std::string location;     // the URL the engines fetch
  std::string output_file;  // "<output.dir>/<key>.txt", or "" when herald does not write it
  std::string host;         // site.url's host, every URL's
};

DeliveryOutcome indexnow_outcome(const HttpResponse& response, const Delivery& delivery,
                                 const IndexNowKeyPlace& key, const RetryPolicy& policy, std::int64_t now_ms,
                                 const UniformRandom& random, const Redactor& redactor);

}  // namespace herald
