// `herald approve` and `herald reject`: an editor's decision on deliveries
// awaiting approval (docs/cli.md), made by the daemon.
#include <boost/json/array.hpp>
#include <iostream>

#include "daemon/cli/cli_commands.h"
#include "daemon/cli/cli_control.h"

namespace herald {

std::string render_decision(const boost::json::object& answer, bool approved) {
  boost::json::value whole(answer);
  const boost::json::array* deliveries = member(whole, "deliveries").if_array();
  if (deliveries == nullptr || deliveries->empty()) {
    return "herald: nothing was awaiting approval (decided meanwhile)\n";
  }
  std::string out;
  for (const boost::json::value& d : *deliveries) {
    out += "herald: " + std::string(approved ? "approved" : "rejected") + " delivery " +
           cell(member(d, "id")) + " of post " + cell(member(d, "post_id")) + " to " +
           cell(member(d, "target")) + (approved ? "; it is sent in its turn\n" : "; it is never sent\n");
  }
  return out;
}

int run_decision(const Config& config, const DecisionOptions& options) {
  boost::json::object args;
  if (options.delivery > 0) args["delivery"] = options.delivery;
  if (!options.post.empty()) args["post"] = options.post;
  if (!options.target.empty()) args["target"] = options.target;
  if (options.text) args["text"] = *options.text;
  const char* command = options.approve ? "approve" : "reject";
  ControlReply reply = ask_daemon(config, command, args, std::chrono::seconds(10));
  if (reply.kind != ControlReply::Kind::ok) return report_failure(config, reply);
  if (options.json) {
    print_json(reply.result);
  } else if (const boost::json::object* answer = reply.result.if_object()) {
    std::cout << render_decision(*answer, options.approve);
  }
  return kCliOk;
}

}  // namespace herald
