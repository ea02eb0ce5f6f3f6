// The editor commands of the `herald` CLI (docs/cli.md): each talks to the
// running daemon over the control socket; status and list fall back to
// reading the outbox when the daemon is down. run_* print on stdout/stderr
// and return the exit code (daemon/cli/cli_control.h); render_* build the human
// output from the JSON the daemon answers (pure, for tests).
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "daemon/cli/cli_time.h"

namespace herald {

// Times in the site's zone, or in UTC when `utc` (cli_time.h).
int run_status(const Config& config, bool json, bool utc);
std::string render_status(const boost::json::object& status, std::int64_t now_ms,
                          const std::string& socket, const ShownTime& shown);

struct ListOptions {
  std::string target;   // empty: all
  std::string state;    // empty: any
  int limit = 20;
  bool json = false;
  bool utc = false;     // times in UTC, not the site's zone
};
int run_list(const Config& config, const ListOptions& options);
std::string render_list(const boost::json::object& list, const ShownTime& shown);

struct ResendOptions {
  std::string post;     // id, file path or public URL
  std::vector<std::string> targets;
  bool dry_run = false;
  bool now = false;     // jump the queue: not paced
  bool json = false;
};
int run_resend(const Config& config, const ResendOptions& options);
std::string render_resend(const boost::json::object& resend);

struct RetryOptions {
  std::string target;
  std::string post;
  bool json = false;
};
int run_retry(const Config& config, const RetryOptions& options);

// `herald approve` / `herald reject`: one delivery (`delivery`) or every
// delivery of `post` (to `target`) awaiting approval.
struct DecisionOptions {
  bool approve = true;              // false: reject
  std::int64_t delivery = 0;
  std::string post;
  std::string target;
  std::optional<std::string> text;  // approve: the editor's text
  bool json = false;
};
int run_decision(const Config& config, const DecisionOptions& options);
std::string render_decision(const boost::json::object& answer, bool approved);

int run_reload(const Config& config, bool json);

int run_confirm_deletions(const Config& config, bool json);

}  // namespace herald
