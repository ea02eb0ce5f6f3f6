#include "daemon/console/login_limiter.h"

#include <algorithm>

namespace herald {

int LoginLimiter::live_count(const std::map<std::string, Failures>& table, const std::string& key,
                             std::int64_t now_ms) const {
  auto found = table.find(key);
  if (found == table.end() || now_ms - found->second.last_ms >= limits_.window_ms) return 0;
  return found->second.count;
}

void LoginLimiter::note(std::map<std::string, Failures>& table, const std::string& key, std::int64_t now_ms) {
  if (table.size() >= kMaxTracked) {  // a flood of addresses: forget the stale ones
    std::erase_if(table, [&](const auto& entry) { return now_ms - entry.second.last_ms >= limits_.window_ms; });
  }
  Failures& f = table[key];
  if (now_ms - f.last_ms >= limits_.window_ms) f.count = 0;
  ++f.count;
  f.last_ms = now_ms;
}

std::int64_t LoginLimiter::refused_until(const std::string& address, const std::string& account,
                                         std::int64_t now_ms) const {
  std::int64_t until = 0;
  for (auto [table, key] : {std::pair{&by_address_, &address}, std::pair{&by_account_, &account}}) {
    if (live_count(*table, *key, now_ms) >= limits_.max_failures) {
      until = std::max(until, table->at(*key).last_ms + limits_.window_ms);
    }
  }
  return until;
}

std::chrono::milliseconds LoginLimiter::failed(const std::string& address, const std::string& account,
                                               std::int64_t now_ms) {
  note(by_address_, address, now_ms);
  note(by_account_, account, now_ms);
  int worst = std::max(by_address_[address].count, by_account_[account].count);
  std::int64_t over = std::max(0, worst - limits_.free_failures);
  return std::chrono::milliseconds(std::min(over * limits_.delay_step_ms, limits_.max_delay_ms));
}

void LoginLimiter::succeeded(const std::string& address, const std::string& account) {
  by_address_.erase(address);
  by_account_.erase(account);
}

}  // namespace herald
