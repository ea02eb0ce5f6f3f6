// Login rate limiting (docs/console.md "Security"): failed logins are
// counted per client address and per account name within a window. Each
// failure past the first few is answered later and later (the server waits
// `delay()` before answering it: a guesser is slowed); past the limit the
// address or the account is refused outright, even with the right
// password, until the window has passed since its last failure. A
// success clears the address's and the account's counts. Pure: the time
// is given. Belongs to one thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>

namespace herald {

struct LoginLimits {
  int free_failures = 5;          // answered at once
  int max_failures = 10;          // then refused for `window`
  std::int64_t window_ms = 15 * 60 * 1000;
  std::int64_t delay_step_ms = 250;  // per failure past the free ones
  std::int64_t max_delay_ms = 2000;
};

class LoginLimiter {
 public:
  explicit LoginLimiter(LoginLimits limits = {}) : limits_(limits) {}

  // 0 when a login from `address` for `account` may be tried at `now_ms`,
  // else the time it may be tried again.
  std::int64_t refused_until(const std::string& address, const std::string& account, std::int64_t now_ms) const;
  // A failed login; returns how long to wait before answering it.
  std::chrono::milliseconds failed(const std::string& address, const std::string& account, std::int64_t now_ms);
  void succeeded(const std::string& address, const std::string& account);

  static constexpr std::size_t kMaxTracked = 100000;  // addresses or accounts with failures

 private:
  struct Failures {
    int count = 0;
    std::int64_t last_ms = 0;
  };
  int live_count(const std::map<std::string, Failures>& table, const std::string& key, std::int64_t now_ms) const;
  void note(std::map<std::string, Failures>& table, const std::string& key, std::int64_t now_ms);

  LoginLimits limits_;
  std::map<std::string, Failures> by_address_;
  std::map<std::string, Failures> by_account_;
};

}  // namespace herald
