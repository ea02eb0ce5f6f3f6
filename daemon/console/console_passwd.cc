#include "daemon/console/console_passwd.h"

#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <iostream>

#include "daemon/base/file_io.h"
#include "daemon/console/console_users.h"
#include "daemon/console/password_hash.h"

namespace herald {
namespace {

constexpr std::size_t kMaxUsersFile = 1024 * 1024;

// One line from stdin; with echo off when it is a terminal.
std::string read_secret_line(const char* prompt) {
  const bool tty = ::isatty(STDIN_FILENO) != 0;
  termios before{};
  if (tty) {
    std::cerr << prompt << std::flush;
    ::tcgetattr(STDIN_FILENO, &before);
    termios quiet = before;
    quiet.c_lflag &= static_cast<tcflag_t>(~ECHO);
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  std::string line;
  std::getline(std::cin, line);
  if (tty) {
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &before);
    std::cerr << '\n';
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

Result<std::string> read_new_password() {
  std::string first = read_secret_line("new password: ");
  if (::isatty(STDIN_FILENO) != 0 && read_secret_line("again: ") != first) {
    return Status::failed("the two passwords differ; nothing was changed");
  }
  if (first.size() < 8) return Status::failed("a password has at least 8 characters; nothing was changed");
  return first;
}

Result<std::vector<ConsoleUser>> read_users(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return std::vector<ConsoleUser>{};
  ReadResult read = read_whole_file(path, kMaxUsersFile);
  if (!read.status.ok()) return Status::failed(path + ": " + read.status.message);
  Result<std::vector<ConsoleUser>> users = parse_users_file(read.bytes);
  if (!users.ok()) return Status::failed(path + ": " + users.error());
  return users;
}

}  // namespace

int run_passwd(const Config& config, const PasswdOptions& options) {
  if (std::string why = check_user_name(options.user); !why.empty()) {
    std::cerr << "herald: " << why << '\n';
    return 2;
  }
  if (!options.role.empty() && !parse_console_role(options.role)) {
    std::cerr << "herald: the role is viewer, editor or admin, not '" << options.role << "'\n";
    return 2;
  }
  const std::string& path = config.console.users_file;
  Result<std::vector<ConsoleUser>> users = options.print ? std::vector<ConsoleUser>{} : read_users(path);
  if (!users.ok()) {
    std::cerr << "herald: " << users.error() << '\n';
    return 1;
  }
  const ConsoleUser* existing = find_user(*users, options.user);
  ConsoleRole role = options.role.empty() ? (existing ? existing->role : ConsoleRole::editor)
                                          : *parse_console_role(options.role);
  Result<std::string> password = read_new_password();
  Result<std::string> hash = password.ok() ? hash_password(*password) : Result<std::string>(password.status());
  if (!hash.ok()) {
    std::cerr << "herald: " << hash.error() << '\n';
    return 1;
  }
  if (options.print) {
    std::cout << "    - {name: " << options.user << ", role: " << console_role_name(role) << ", password_hash: \""
              << *hash << "\"}\n";
    return 0;
  }
  set_user(*users, ConsoleUser{options.user, role, *hash});
  ::mode_t old_mask = ::umask(077);  // the file is the owner's only from its first byte
  WriteResult written = write_file_atomically(path, format_users_file(*users));
  ::umask(old_mask);
  if (!written.ok()) {
    std::cerr << "herald: " << written.error() << '\n';
    return 1;
  }
  ::chmod(path.c_str(), 0600);
  std::cout << "herald: " << (existing ? "changed the password of " : "added ") << options.user << " ("
            << console_role_name(role) << ") in " << path << "; `herald reload` makes the console use it\n";
  return 0;
}

}  // namespace herald
