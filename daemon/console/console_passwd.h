// `herald passwd USER [--role ROLE] [--print]`: sets a console account's
// password. The password is read from the terminal without echo (twice,
// they must match) or, when stdin is not a terminal, from its first line;
// never from the command line. It is hashed with argon2id
// (password_hash.h) and the account written to console.users_file (0600,
// replaced atomically; other accounts kept), or with --print only the
// users: entry for the configuration is printed. The running daemon reads
// the file again on `herald reload`.
#pragma once

#include <string>

#include "config/config.h"

namespace herald {

struct PasswdOptions {
  std::string user;
  std::string role;       // "" : the account's current role, else editor
  bool print = false;     // print the entry instead of writing the file
};

// The exit code: 0, 1 (the file could not be read or written, the
// passwords differ, hashing failed), 2 (a bad name or role).
int run_passwd(const Config& config, const PasswdOptions& options);

}  // namespace herald
