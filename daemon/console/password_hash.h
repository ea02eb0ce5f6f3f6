// Console passwords, never stored: libsodium's argon2id (crypto_pwhash_str,
// memory-hard; its string carries the algorithm, parameters and salt) at
// the "interactive" cost (64 MiB, ~0.1 s), and the constant-time checks of
// secrets the console compares (session ids, CSRF tokens).
#pragma once

#include <string>
#include <string_view>

#include "feeds/status.h"

namespace herald {

// "$argon2id$v=19$m=65536,t=2,p=1$..."; failed when libsodium cannot start
// or the memory cannot be had.
Result<std::string> hash_password(std::string_view password);
// Whether `password` matches `hash` (a hash of another form: false).
bool password_matches(const std::string& hash, std::string_view password);
// Whether `a` and `b` are the same bytes, in time that depends on their
// length only.
bool same_secret(std::string_view a, std::string_view b);
// `bytes` random bytes from the system as lowercase hex (session ids, CSRF
// tokens: 32 bytes); failed when libsodium cannot start.
Result<std::string> random_token(std::size_t bytes = 32);

}  // namespace herald
