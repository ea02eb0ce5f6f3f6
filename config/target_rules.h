// Value rules of announcement targets: pure checks on single, already
// environment-expanded values, phrased like value_rules.h ("" when the
// value is acceptable, else what is wrong, to follow the quoted key name).
// Values that may hold a secret (webhook URLs, secrets, header values) are
// never repeated in a message: it says what is wrong, not what was given.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace herald {

// 1 to 64 characters among a-z, 0-9, '_' and '-'.
std::string check_target_name(std::string_view name);

// An absolute http or https URL with a host and no fragment (Boost.URL).
// The value is not repeated (a webhook URL often embeds a token).
std::string check_target_url(std::string_view url);

// `url` of the target `name`, whose configuration holds a credential (its
// `credential`: "token", "password", "secret"): https, or http to a loopback
// host (127.0.0.0/8, ::1, localhost). Plain http to any other host would
// show the credential, or what it signs, to everyone on the path.
// REQUIRES: check_target_url(url) is "".
std::string check_credential_url(std::string_view url, std::string_view name,
                                 std::string_view credential);

// An IndexNow key (https://www.indexnow.org/documentation): 8 to 128
// characters among a-z, A-Z, 0-9 and '-'. The value is not repeated.
std::string check_indexnow_key(std::string_view key);

// Standard Webhooks secret: "whsec_" and the padded base64 of 24 to 64 bytes.
inline constexpr std::size_t kMinWebhookKeyBytes = 24;
inline constexpr std::size_t kMaxWebhookKeyBytes = 64;
std::string check_webhook_secret(std::string_view secret);

// Request headers herald sets itself, in lower case; a target may not set them.
const std::vector<std::string>& reserved_header_names();
// An HTTP field name (RFC 9110 token) not among reserved_header_names(),
// compared case-insensitively.
std::string check_header_name(std::string_view name);
// No CR, LF or NUL in the value of header `name` (they would split or end
// the header). The value is not repeated.
std::string check_header_value(std::string_view name, std::string_view value);

}  // namespace herald
