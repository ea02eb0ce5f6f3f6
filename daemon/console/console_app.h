// The console's requests and answers, without sockets (console_server.h
// carries them): login and logout with rate limiting (login_limiter.h),
// sessions in HttpOnly, SameSite=Strict (and Secure) cookies
// (console_sessions.h), the session's CSRF token checked on every POST,
// roles (a viewer reads; an editor or an admin decides), the pages
// (console_pages.h) and the notices after an action in the site's language
// (console_text.h), their live updates (live_updates.h: /console.js, and
// GET /live<page>?since=<version> for any session, 204 when unchanged, 401
// without a session), and the actions through the ConsoleBackend.
//
// Every POST without a live session or with a CSRF token other than its
// session's is refused (403) before anything else is read; a GET without a
// session goes to the login page. A trusted reverse proxy's user
// (`proxy_user`, which the server fills only for requests from
// console.trusted_proxy.from) logs in without a password, as the account
// of that name. Passwords are never logged, shown or kept.
//
// Belongs to the loop's thread. Random tokens come from `tokens` (the
// system's random numbers in production) and the time from each request.
// A login's password is checked through `check_password`, which may answer
// later (production: a PasswordChecker's thread, its answer posted back to
// the loop) or refuse at once when too many wait (the login is answered
// 503, busy); by default it checks inline.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "daemon/console/console_backend.h"
#include "daemon/console/console_pages.h"
#include "daemon/console/console_sessions.h"
#include "daemon/console/console_text.h"
#include "daemon/console/console_users.h"
#include "daemon/console/login_limiter.h"
#include "feeds/time_zone.h"

namespace herald {

struct ConsoleRequest {
  std::string method;         // "GET", "POST", ...
  std::string target;         // "/posts/1001"
  std::string cookie;         // the Cookie header
  std::string body;           // a form
  std::string address;        // the client's IP address
  std::string proxy_user;     // the trusted proxy's user header ("" none or not trusted)
  std::int64_t now_ms = 0;
};

struct ConsoleResponse {
  unsigned status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
  std::string location;                 // a redirect's target
  std::vector<std::string> set_cookies;
  std::chrono::milliseconds delay{0};   // answer after this long (a failed login)
};

struct ConsoleSettings {
  bool spanish = false;
  TimeZone zone = TimeZone::utc();
  bool secure_cookies = true;
  std::int64_t session_lifetime_ms = 12 * 3600 * 1000;
  std::vector<ConsoleUser> users;
  std::vector<ConsoleTarget> targets;   // the configured targets (resend, text limits)
  LoginLimits login_limits;
};

class ConsoleApp {
 public:
  using Reply = std::function<void(ConsoleResponse)>;
  using Tokens = std::function<Result<std::string>()>;
  // Checks `password` against `hash` and calls `done` on the app's thread,
  // now or later; false (and `done` never called) when it cannot take it.
  using PasswordCheck =
      std::function<bool(std::string hash, std::string password, std::function<void(bool matches)> done)>;
  static PasswordCheck inline_password_check();
  // `backend` must outlive the app.
  ConsoleApp(ConsoleSettings settings, ConsoleBackend& backend, Tokens tokens,
             PasswordCheck check_password = inline_password_check());

  // Answers `request` through `reply`, at once or later (a resend).
  void handle(const ConsoleRequest& request, Reply reply);
  // New accounts (a reload): sessions of removed accounts or changed roles end.
  void set_users(std::vector<ConsoleUser> users);

 private:
  struct Visit;
  void get(const Visit& visit, const std::string& path, Reply& reply);
  void live(const Visit& visit, const std::string& path, Reply& reply);
  void render(const PageContext& page, const std::string& path, Reply& reply);
  void post(const Visit& visit, const std::string& path, const std::multimap<std::string, std::string>& form,
            Reply& reply);
  ConsoleResponse decide(const Visit& visit, std::int64_t id, EditorAction action,
                         const std::optional<std::string>& text);
  void resend(const Visit& visit, const std::string& post_id, const std::vector<std::string>& targets, Reply& reply);
  void preview_text(const Visit& visit, std::int64_t id, const std::string& text, Reply& reply);
  std::optional<Delivery> awaiting(const Visit& visit, std::int64_t id, ConsoleResponse& answer);
  void login(const ConsoleRequest& request, Reply reply);
  ConsoleResponse finish_login(const std::string& address, const std::string& name, const std::string& checked_hash,
                               bool matches, std::int64_t now_ms);
  ConsoleResponse logout(const Visit& visit);
  std::optional<ConsoleSession> session_of(const ConsoleRequest& request, ConsoleResponse& response);
  PageContext context(const Visit& visit) const;
  ConsoleResponse back_to(const Visit& visit, const std::string& path, const std::string& notice);
  ConsoleResponse refused(unsigned status, const std::string& message) const;
  std::vector<ConsoleTarget> targets_now();

  ConsoleSettings settings_;
  ConsoleBackend& backend_;
  Tokens tokens_;
  PasswordCheck check_password_;
  // Answers that come back after the app is gone find this expired.
  std::shared_ptr<int> alive_ = std::make_shared<int>(0);
  ConsoleSessions sessions_;
  LoginLimiter limiter_;
  std::map<std::string, std::string> notices_;  // by session id: the last action's outcome
};

}  // namespace herald
