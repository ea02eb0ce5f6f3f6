#include "daemon/targets/webhook/webhook_signature.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <array>

#include "daemon/targets/base64.h"

namespace herald {
namespace {

constexpr std::string_view kSecretPrefix = "whsec_";
constexpr std::string_view kSignatureVersion = "v1,";

using Mac = std::array<unsigned char, 32>;  // SHA-256

Mac hmac_sha256(std::string_view key, std::string_view message) {
  Mac mac{};
  unsigned int length = 0;
  // OpenSSL wants a non-null key pointer even for an empty key.
  HMAC(EVP_sha256(), key.empty() ? "" : key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac.data(),
       &length);
  return mac;
}

std::string base64(const Mac& mac) {
  return base64_encode(std::string_view(reinterpret_cast<const char*>(mac.data()), mac.size()));
}

// The HMAC key of a "whsec_<base64>" secret, or an error.
Result<std::string> signing_key(std::string_view secret) {
  if (secret.substr(0, kSecretPrefix.size()) == kSecretPrefix) {
    secret.remove_prefix(kSecretPrefix.size());
  }
  std::optional<std::string> key = secret.empty() ? std::nullopt : base64_decode(secret);
  if (!key || key->empty()) {
    return Result<std::string>::failed(
        "the secret is not a Standard Webhooks secret (\"whsec_\" followed by base64)");
  }
  return std::move(*key);
}

std::string signed_content(std::string_view msg_id, std::int64_t unix_seconds,
                           std::string_view body) {
  std::string content;
  content.reserve(msg_id.size() + body.size() + 24);
  content.append(msg_id).append(".").append(std::to_string(unix_seconds)).append(".").append(body);
  return content;
}

}  // namespace

Result<std::string> standard_webhook_signature(std::string_view secret, std::string_view msg_id,
                                               std::int64_t unix_seconds, std::string_view body) {
  Result<std::string> key = signing_key(secret);
  if (!key.ok()) return key;
  return std::string(kSignatureVersion) +
         base64(hmac_sha256(*key, signed_content(msg_id, unix_seconds, body)));
}

bool verify_standard_webhook(std::string_view secret, std::string_view msg_id,
                             std::int64_t unix_seconds, std::string_view body,
                             std::string_view header) {
  Result<std::string> expected = standard_webhook_signature(secret, msg_id, unix_seconds, body);
  if (!expected.ok()) return false;
  bool valid = false;
  while (!header.empty()) {
    std::size_t space = header.find(' ');
    std::string_view entry = header.substr(0, space);
    header = space == std::string_view::npos ? std::string_view{} : header.substr(space + 1);
    if (entry.size() == expected->size() &&
        CRYPTO_memcmp(entry.data(), expected->data(), entry.size()) == 0) {
      valid = true;  // keep going: the time taken does not tell which entry matched
    }
  }
  return valid;
}

std::string hub_signature_256(std::string_view secret, std::string_view body) {
  static constexpr char kHex[] = "0123456789abcdef";
  Mac mac = hmac_sha256(secret, body);
  std::string out = "sha256=";
  for (unsigned char byte : mac) {
    out += kHex[byte >> 4];
    out += kHex[byte & 0xf];
  }
  return out;
}

std::optional<std::string> new_message_id() {
  static constexpr char kBase32[] = "abcdefghijklmnopqrstuvwxyz234567";
  constexpr int kChars = 26;  // 130 bits
  std::array<unsigned char, (kChars * 5 + 7) / 8> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) return std::nullopt;
  std::string id = "msg_";
  for (int i = 0; i < kChars; ++i) {
    // Five bits starting at bit 5*i, most significant first.
    int bit = 5 * i;
    unsigned pair = static_cast<unsigned>(bytes[bit / 8]) << 8;
    if (bit / 8 + 1 < static_cast<int>(bytes.size())) pair |= bytes[bit / 8 + 1];
    id += kBase32[(pair >> (11 - bit % 8)) & 0x1f];
  }
  return id;
}

}  // namespace herald
