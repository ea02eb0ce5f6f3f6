// The console's sessions: who is logged in behind which cookie. A session
// has a random id (the cookie's value; password_hash.h random_token), the
// account and role, a CSRF token every form carries back, and an expiry
// (`console.session_lifetime` after the login; a logout ends it at once).
// Kept in memory: a restart logs everyone out. Pure: ids, tokens and the
// time are given. Belongs to one thread.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "daemon/console/console_users.h"

namespace herald {

struct ConsoleSession {
  std::string id;
  std::string user;
  ConsoleRole role = ConsoleRole::viewer;
  std::string csrf;              // the token every form of this session carries
  std::int64_t expires_ms = 0;
};

class ConsoleSessions {
 public:
  explicit ConsoleSessions(std::int64_t lifetime_ms) : lifetime_ms_(lifetime_ms) {}

  // A new session of `user` with `id` and `csrf` at `now_ms`. Expired
  // sessions are dropped on the way. At most kMaxSessions: the oldest goes.
  const ConsoleSession& open(std::string id, std::string csrf, const ConsoleUser& user, std::int64_t now_ms);
  // The live session whose id is `id` (compared in constant time), or nullopt.
  std::optional<ConsoleSession> find(const std::string& id, std::int64_t now_ms) const;
  void close(const std::string& id);
  // Every session of `user` ends (its password or role changed).
  void close_user(const std::string& user);
  std::size_t size() const { return sessions_.size(); }

  static constexpr std::size_t kMaxSessions = 1000;

 private:
  void drop_expired(std::int64_t now_ms);

  std::int64_t lifetime_ms_;
  std::map<std::string, ConsoleSession> sessions_;  // by id
};

}  // namespace herald
