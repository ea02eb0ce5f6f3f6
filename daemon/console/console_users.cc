#include "daemon/console/console_users.h"

#include <algorithm>

namespace herald {

const char* console_role_name(ConsoleRole role) {
  switch (role) {
    case ConsoleRole::viewer:
      return "viewer";
    case ConsoleRole::editor:
      return "editor";
    case ConsoleRole::admin:
      break;
  }
  return "admin";
}

std::optional<ConsoleRole> parse_console_role(std::string_view name) {
  for (ConsoleRole role : {ConsoleRole::viewer, ConsoleRole::editor, ConsoleRole::admin}) {
    if (name == console_role_name(role)) return role;
  }
  return std::nullopt;
}

std::string check_user_name(std::string_view name) {
  if (name.empty() || name.size() > 64) return "an account name has 1 to 64 characters";
  bool allowed = std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-' || c == '@';
  });
  return allowed ? "" : "an account name has letters, digits, '.', '_', '-' and '@' only";
}

Result<std::vector<ConsoleUser>> parse_users_file(std::string_view text) {
  std::vector<ConsoleUser> users;
  int number = 0;
  while (!text.empty()) {
    std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    ++number;
    if (line.empty() || line.front() == '#') continue;
    auto fail = [number](const std::string& why) {
      return Status::failed("line " + std::to_string(number) + ": " + why);
    };
    std::size_t first = line.find(':');
    std::size_t second = first == std::string_view::npos ? first : line.find(':', first + 1);
    if (second == std::string_view::npos) return fail("expected name:role:hash");
    ConsoleUser user{std::string(line.substr(0, first)), ConsoleRole::viewer, std::string(line.substr(second + 1))};
    if (std::string why = check_user_name(user.name); !why.empty()) return fail(why);
    std::string_view role = line.substr(first + 1, second - first - 1);
    std::optional<ConsoleRole> parsed = parse_console_role(role);
    if (!parsed) return fail("unknown role '" + std::string(role) + "' (viewer, editor or admin)");
    user.role = *parsed;
    if (user.password_hash.rfind("$argon2id$", 0) != 0) return fail("the password hash is not argon2id (herald passwd writes one)");
    if (find_user(users, user.name) != nullptr) return fail("repeats the account '" + user.name + "'");
    users.push_back(std::move(user));
  }
  return users;
}

std::string format_users_file(const std::vector<ConsoleUser>& users) {
  std::string text = "# herald console accounts: name:role:argon2id hash (herald passwd writes this file)\n";
  for (const ConsoleUser& user : users) {
    text += user.name + ":" + console_role_name(user.role) + ":" + user.password_hash + "\n";
  }
  return text;
}

void set_user(std::vector<ConsoleUser>& users, ConsoleUser user) {
  for (ConsoleUser& existing : users) {
    if (existing.name == user.name) {
      existing = std::move(user);
      return;
    }
  }
  users.push_back(std::move(user));
}

const ConsoleUser* find_user(const std::vector<ConsoleUser>& users, std::string_view name) {
  auto found = std::find_if(users.begin(), users.end(), [&](const ConsoleUser& u) { return u.name == name; });
  return found == users.end() ? nullptr : &*found;
}

}  // namespace herald
