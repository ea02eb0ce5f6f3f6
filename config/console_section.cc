// `console:` (config.h ConsoleConfig, docs/console.md): off unless `listen`
// is given; accounts in `users` (each {name, role, password_hash}) and/or
// the users file `herald passwd` writes.
#include "config/config_paths.h"
#include "config/config_sections.h"
#include "config/section_values.h"
#include "config/value_rules.h"

namespace herald {
namespace {

void read_accounts(const SectionReader& console, std::vector<ConsoleAccount>& users) {
  std::vector<SectionReader> items = console.items(
      "users", "each with name, role and password_hash (herald passwd --print makes one)",
      [](const YAML::Node&) { return std::vector<std::string>{"name", "role", "password_hash"}; });
  for (const SectionReader& item : items) {
    ConsoleAccount account;
    account.line = item.line();
    read_required(item, "name", "the account's name, e.g. ana", account.name);
    if (read_required(item, "role", "viewer, editor or admin", account.role) && account.role != "viewer" &&
        account.role != "editor" && account.role != "admin") {
      item.error("role", "must be viewer, editor or admin, got '" + account.role + "'");
    }
    if (read_required(item, "password_hash", "the argon2id hash herald passwd --print writes",
                      account.password_hash) &&
        account.password_hash.rfind("$argon2id$", 0) != 0) {
      item.error("password_hash", "must be an argon2id hash ($argon2id$...): run herald passwd --print NAME");
    }
    users.push_back(std::move(account));
  }
}

void read_proxy(const SectionReader& console, ConsoleConfig& out) {
  SectionReader proxy = console.section("trusted_proxy", {"header", "from"});
  if (!console.has("trusted_proxy")) return;
  read_required(proxy, "header", "the request header holding the user the proxy authenticated, e.g. X-Remote-User",
                out.proxy_user_header);
  std::optional<std::vector<ScalarValue>> from = proxy.list("from");
  if (!from || from->empty()) {
    proxy.missing("from", "the proxy's addresses, e.g. [127.0.0.1/32]");
    return;
  }
  for (const ScalarValue& item : *from) {
    std::string error = check_cidr(item.text);
    if (!error.empty()) proxy.error_at(item.mark, "from", error);
    out.trusted_proxies.push_back(item.text);
  }
}

}  // namespace

void read_console_section(const SectionReader& top, const std::string& base_dir, const std::string& state_dir,
                          ConsoleConfig& console) {
  console.users_file = resolve_directory(state_dir, "console-users");
  if (!top.has("console")) return;
  SectionReader section = top.section(
      "console", {"listen", "users_file", "users", "secure_cookies", "session_lifetime", "trusted_proxy"});
  console.enabled = read_checked(section, "listen", check_listen_address, console.listen);
  if (!console.enabled && !section.has("listen")) {
    section.missing("listen", "the console's own address, e.g. 127.0.0.1:8081 (behind a reverse proxy)");
  }
  std::string users_file;
  if (read_string(section, "users_file", users_file) && !users_file.empty()) {
    console.users_file = resolve_directory(base_dir, users_file);
  }
  read_accounts(section, console.users);
  if (auto secure = section.boolean("secure_cookies")) console.secure_cookies = *secure;
  read_duration(section, "session_lifetime", std::chrono::minutes(1), false, console.session_lifetime);
  read_proxy(section, console);
}

}  // namespace herald
