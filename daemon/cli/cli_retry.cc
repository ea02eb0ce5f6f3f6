// `herald retry`: dead deliveries become pending again, due now.
#include <iostream>

#include "daemon/cli/cli_commands.h"
#include "daemon/cli/cli_control.h"

namespace herald {

int run_retry(const Config& config, const RetryOptions& options) {
  boost::json::object args;
  if (!options.target.empty()) args["target"] = options.target;
  if (!options.post.empty()) args["post"] = options.post;
  ControlReply reply = ask_daemon(config, "retry", args, std::chrono::seconds(10));
  if (reply.kind != ControlReply::Kind::ok) return report_failure(config, reply);
  if (options.json) {
    print_json(reply.result);
    return kCliOk;
  }
  std::string requeued = cell(member(reply.result, "requeued"));
  if (requeued == "0") {
    std::cout << "herald: no dead deliveries to retry\n";
  } else {
    std::cout << "herald: requeued " << requeued << " dead "
              << (requeued == "1" ? "delivery" : "deliveries") << "; they are sent now\n";
  }
  return kCliOk;
}

}  // namespace herald
