// `herald confirm-deletions`: the deletions herald held (watch.max_deletions,
// or content.dir unlistable) are applied: the posts leave the feeds and the
// targets that listen for post.deleted are told.
#include <iostream>

#include "daemon/cli/cli_commands.h"
#include "daemon/cli/cli_control.h"

namespace herald {

int run_confirm_deletions(const Config& config, bool json) {
  ControlReply reply = ask_daemon(config, "confirm-deletions", {}, std::chrono::seconds(120));
  if (reply.kind != ControlReply::Kind::ok) return report_failure(config, reply);
  if (json) {
    print_json(reply.result);
    return kCliOk;
  }
  std::string held = cell(member(reply.result, "held"));
  std::string removed = cell(member(reply.result, "removed"));
  if (held == "0") {
    std::cout << "herald: no deletions are held\n";
  } else {
    std::cout << "herald: confirmed; " << removed << " of " << held
              << " held posts removed from the feeds (the others came back)\n";
  }
  return kCliOk;
}

}  // namespace herald
