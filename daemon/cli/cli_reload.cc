// `herald reload`: the daemon re-reads its configuration and rebuilds, and
// this command waits for the outcome (the unit's ExecReload=).
#include <iostream>

#include "daemon/cli/cli_commands.h"
#include "daemon/cli/cli_control.h"

namespace herald {

// Longer than the daemon's own deadline for reload, so the daemon's
// "did not answer" reply arrives before the client gives up.
constexpr std::chrono::seconds kReloadClientTimeout = kReloadDeadline + std::chrono::seconds(5);

int run_reload(const Config& config, bool json) {
  ControlReply reply = ask_daemon(config, "reload", {}, kReloadClientTimeout);
  if (reply.kind == ControlReply::Kind::error) reply.error = "reload failed: " + reply.error;
  if (reply.kind != ControlReply::Kind::ok) return report_failure(config, reply);
  if (json) {
    print_json(reply.result);
    return kCliOk;
  }
  const boost::json::value& posts = member(reply.result, "posts");
  std::cout << "herald: reloaded in " << cell(member(reply.result, "duration_ms")) << " ms ("
            << cell(member(posts, "published")) << " published, " << cell(member(posts, "scheduled"))
            << " scheduled, " << cell(member(posts, "drafts")) << " drafts)\n";
  return kCliOk;
}

}  // namespace herald
