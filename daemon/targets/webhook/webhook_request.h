// The HTTP request of one webhook delivery attempt (Standard Webhooks),
// and the redaction of a webhook target's secrets in text shown to people.
//
// POST <target.url> with the delivery's payload as body and, in order:
//   content-type: application/json
//   webhook-id: <delivery.message_id>        stable across retries
//   webhook-timestamp: <attempt unix seconds>
//   webhook-signature: v1,<base64>            webhook_signature.h
//   x-hub-signature-256: sha256=<hex>        when hub_signature
//   user-agent: herald/<version>             unless a custom header sets it
//   <headers...>                             as configured, in order
// Header names are lower case (HTTP/2 style; HTTP/1.1 names are
// case-insensitive). A custom header herald sets itself (target_rules.h
// reserved_header_names: the signed ones, content-length, host) is not
// sent, though the config loader already refuses them.
// Timeouts and the CA bundle are the target's, else the delivery section's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "config/config.h"
#include "daemon/targets/delivery.h"
#include "daemon/targets/http_exchange.h"
#include "daemon/targets/redaction.h"
#include "feeds/status.h"

namespace herald {

// Failed when the secret is unusable: "target \"news\": the secret is not
// ..." (never the secret).
Result<HttpRequest> build_webhook_request(const TargetConfig& target,
                                          const DeliveryConfig& delivery_config,
                                          const Delivery& delivery,
                                          std::int64_t attempt_unix_seconds);

// The Redactor of `target`: its secret (with and without "whsec_"), the
// values of its custom headers (they usually carry tokens) and its URL.
Redactor webhook_redactor(const TargetConfig& target);

// `text` with `target`'s URL path/query and secrets hidden (webhook_redactor).
std::string redact(const TargetConfig& target, std::string_view text);

}  // namespace herald
