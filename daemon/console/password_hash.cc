#include "daemon/console/password_hash.h"

#include <sodium.h>

#include <vector>

namespace herald {
namespace {

bool sodium_ready() {
  static const bool ready = ::sodium_init() >= 0;
  return ready;
}

}  // namespace

Result<std::string> hash_password(std::string_view password) {
  if (!sodium_ready()) return Status::failed("libsodium could not start");
  char out[crypto_pwhash_STRBYTES];
  if (::crypto_pwhash_str_alg(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Status::failed("hashing the password failed (out of memory?)");
  }
  return std::string(out);
}

bool password_matches(const std::string& hash, std::string_view password) {
  if (!sodium_ready() || hash.rfind("$argon2id$", 0) != 0) return false;
  return ::crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

bool same_secret(std::string_view a, std::string_view b) {
  if (a.size() != b.size() || !sodium_ready()) return false;
  return a.empty() || ::sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

Result<std::string> random_token(std::size_t bytes) {
  if (!sodium_ready()) return Status::failed("libsodium could not start");
  std::vector<unsigned char> raw(bytes);
  ::randombytes_buf(raw.data(), raw.size());
  std::string hex(bytes * 2 + 1, '\0');
  ::sodium_bin2hex(hex.data(), hex.size(), raw.data(), raw.size());
  hex.pop_back();
  return hex;
}

}  // namespace herald
