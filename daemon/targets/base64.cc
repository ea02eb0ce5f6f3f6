#include "daemon/targets/base64.h"

#include <openssl/evp.h>

namespace herald {

std::string base64_encode(std::string_view bytes) {
  // 4 output characters per 3 input bytes, plus the NUL EVP_EncodeBlock writes.
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  int length = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                               reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(length));
  return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
  std::string padded(text);
  if (padded.size() % 4 == 1) return std::nullopt;
  while (padded.size() % 4 != 0) padded += '=';
  std::string out(padded.size() / 4 * 3, '\0');
  int length = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                               reinterpret_cast<const unsigned char*>(padded.data()),
                               static_cast<int>(padded.size()));
  if (length < 0) return std::nullopt;
  // EVP_DecodeBlock counts the bytes the '=' padding stands for.
  std::size_t pad = 0;
  for (auto it = padded.rbegin(); it != padded.rend() && *it == '=' && pad < 2; ++it) ++pad;
  out.resize(static_cast<std::size_t>(length) - pad);
  return out;
}

}  // namespace herald
