// Signatures of outgoing webhooks, and the message ids they sign.
//
// Standard Webhooks (standardwebhooks.com): the signed content is
// "{msg_id}.{unix_seconds}.{body}" (the raw body bytes), the key is the
// secret's base64 part decoded (the secret is "whsec_" + base64), the MAC is
// HMAC-SHA256 and the header value "v1,<base64 MAC>". A receiver recomputes
// it with the same inputs and compares in constant time.
//
// GitHub style (X-Hub-Signature-256): "sha256=<lower-case hex HMAC-SHA256>"
// of the raw body, keyed with the secret string exactly as configured,
// "whsec_" prefix included (GitHub keys with the text the user typed; a
// receiver configured with the same string verifies it).
//
// Pure functions over OpenSSL; errors are values, nothing throws.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "feeds/status.h"

namespace herald {

// The `webhook-signature` value for one attempt ("v1,<base64>"); failed
// when the secret is unusable (the message never contains the secret).
Result<std::string> standard_webhook_signature(std::string_view secret, std::string_view msg_id,
                                               std::int64_t unix_seconds, std::string_view body);

// Receiver side: whether `header` (one or more space-separated
// "v1,<base64>" entries, as sent while secrets rotate) holds a valid
// signature of (msg_id, unix_seconds, body) under `secret`. Constant-time
// comparison. Used by tests and the loopback receiver.
bool verify_standard_webhook(std::string_view secret, std::string_view msg_id,
                             std::int64_t unix_seconds, std::string_view body,
                             std::string_view header);

// The `X-Hub-Signature-256` value: "sha256=<64 hex digits>".
std::string hub_signature_256(std::string_view secret, std::string_view body);

// A fresh message id: "msg_" + 26 characters of base32 (RFC 4648 alphabet,
// lower case) from 130 bits of OpenSSL RAND_bytes. Unique per delivery;
// the webhook-id of every attempt of that delivery. Returns nullopt only
// when the random generator fails.
std::optional<std::string> new_message_id();

}  // namespace herald
