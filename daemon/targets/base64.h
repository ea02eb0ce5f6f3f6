// Standard base64 (RFC 4648 section 4) through OpenSSL's EVP block coder:
// webhook signatures and secrets, HTTP Basic credentials.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace herald {

std::string base64_encode(std::string_view bytes);
// The bytes `text` encodes (padding optional); nullopt when it is not base64.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace herald
