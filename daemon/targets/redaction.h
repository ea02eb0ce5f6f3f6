// Redactor: removes a target's secrets from text shown to people (log
// lines, errors kept in the outbox, `herald status`, --dry-run output).
//
// It knows two kinds of things to hide:
// - secrets (tokens, passwords, webhook secrets): every occurrence becomes
//   "[redacted]";
// - URLs that may embed a token (webhook URLs, Telegram's /bot<token>/): an
//   occurrence of the whole URL becomes "scheme://host[:port]/…" (shown_url),
//   then every secret part of it found alone (path, query, long segments and
//   values; http_error_text.h redact_url) becomes "[redacted]".
// Longer secrets are replaced first, so one inside another never leaves a
// piece behind.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"

namespace herald {

class Redactor {
 public:
  // Empty strings are ignored.
  void add_secret(std::string_view secret);
  void add_url(std::string_view url);

  std::string apply(std::string_view text) const;

 private:
  std::vector<std::string> urls_;
  std::vector<std::string> secrets_;  // longest first
};

// A Redactor that hides every secret of `target`'s settings
// (target_secrets: token, password, webhook secret); a driver adds its URLs.
Redactor target_redactor(const TargetConfig& target);

// The shown form of `url`: "scheme://host[:port]/" when it is no more than
// that, else "scheme://host[:port]/…" (userinfo, path, query and fragment
// hidden); "…" when it does not parse as an absolute URL.
std::string shown_url(std::string_view url);

}  // namespace herald
