// The console's accounts (docs/console.md): a name, a role and an argon2id
// password hash (password_hash.h), from the configuration (`console.users`)
// or the users file `herald passwd` writes (`console.users_file`), one
// account a line:
//
//   name:role:$argon2id$v=19$m=65536,t=2,p=1$...
//
// Roles: a viewer reads; an editor also approves, rejects, edits, resends
// and retries; an admin may do all of it (and is who `herald passwd`
// makes by default for the first account). Pure: text in, text out.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "feeds/status.h"

namespace herald {

enum class ConsoleRole { viewer, editor, admin };
const char* console_role_name(ConsoleRole role);  // "viewer", "editor", "admin"
std::optional<ConsoleRole> parse_console_role(std::string_view name);
// Whether `role` may change what is announced (approve, reject, resend, retry).
inline bool may_decide(ConsoleRole role) { return role != ConsoleRole::viewer; }

struct ConsoleUser {
  std::string name;           // letters, digits, '.', '_', '-', '@'; 1 to 64
  ConsoleRole role = ConsoleRole::viewer;
  std::string password_hash;  // crypto_pwhash_str's "$argon2id$..."; "" for a proxy-authenticated user
  bool operator==(const ConsoleUser&) const = default;
};

// Whether `name` is a valid account name ("" when it is, else why not).
std::string check_user_name(std::string_view name);

// The accounts of a users file; failed ("line 3: unknown role 'boss'
// (viewer, editor or admin)") at the first malformed line. Blank lines and
// lines starting with '#' are skipped.
Result<std::vector<ConsoleUser>> parse_users_file(std::string_view text);
// The users file of `users`, one line each, in order.
std::string format_users_file(const std::vector<ConsoleUser>& users);

// `users` with `user` replacing the account of the same name, or appended.
void set_user(std::vector<ConsoleUser>& users, ConsoleUser user);
// The account named `name`, or nullptr.
const ConsoleUser* find_user(const std::vector<ConsoleUser>& users, std::string_view name);

}  // namespace herald
