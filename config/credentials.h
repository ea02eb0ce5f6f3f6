// Credentials: secrets kept out of the configuration file. A `*_file` key
// (webhook `secret_file`, mastodon `token_file`, bluesky
// `password_file`, ...) names a credential that systemd passes in with
// LoadCredential=NAME:/path, i.e. the file $CREDENTIALS_DIRECTORY/NAME; an
// absolute path is read as is. The value is the file's text without its
// trailing newline(s). Messages never include the secret itself.
#pragma once

#include <string>
#include <string_view>

#include "config/env_expansion.h"

namespace herald {

struct Credential {
  std::string value;   // when error is empty; never empty then
  // What went wrong, phrased to follow the quoted key name, e.g.
  // "names the credential 'hook', but $CREDENTIALS_DIRECTORY is not set; ...".
  std::string error;
};

// Larger files are refused: a credential is a short secret.
inline constexpr std::size_t kMaxCredentialBytes = 64 * 1024;

// Reads the credential `name` (a plain file name, or an absolute path);
// `env` gives $CREDENTIALS_DIRECTORY.
Credential read_credential(std::string_view name, const EnvLookup& env);

}  // namespace herald
