#include "daemon/console/console_sessions.h"

#include <algorithm>

#include "daemon/console/password_hash.h"

namespace herald {

const ConsoleSession& ConsoleSessions::open(std::string id, std::string csrf, const ConsoleUser& user,
                                            std::int64_t now_ms) {
  drop_expired(now_ms);
  if (sessions_.size() >= kMaxSessions) {
    auto oldest = std::min_element(sessions_.begin(), sessions_.end(), [](const auto& a, const auto& b) {
      return a.second.expires_ms < b.second.expires_ms;
    });
    sessions_.erase(oldest);
  }
  ConsoleSession session{id, user.name, user.role, std::move(csrf), now_ms + lifetime_ms_};
  return sessions_.insert_or_assign(std::move(id), std::move(session)).first->second;
}

std::optional<ConsoleSession> ConsoleSessions::find(const std::string& id, std::int64_t now_ms) const {
  if (id.empty()) return std::nullopt;
  auto found = sessions_.lower_bound(id);
  // The map finds the candidate; the id is then compared in constant time.
  if (found == sessions_.end() || !same_secret(found->first, id)) return std::nullopt;
  if (found->second.expires_ms <= now_ms) return std::nullopt;
  return found->second;
}

void ConsoleSessions::close(const std::string& id) { sessions_.erase(id); }

void ConsoleSessions::close_user(const std::string& user) {
  std::erase_if(sessions_, [&](const auto& entry) { return entry.second.user == user; });
}

void ConsoleSessions::drop_expired(std::int64_t now_ms) {
  std::erase_if(sessions_, [now_ms](const auto& entry) { return entry.second.expires_ms <= now_ms; });
}

}  // namespace herald
