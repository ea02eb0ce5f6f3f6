// `herald resend`: announce a post again on purpose (new deliveries, new
// idempotency keys), or show exactly what would be sent (--dry-run).
#include <boost/json/array.hpp>
#include <iostream>

#include "daemon/cli/cli_commands.h"
#include "daemon/cli/cli_control.h"

namespace herald {
namespace {

using boost::json::object;
using boost::json::value;

void render_request(const value& delivery, std::string& out) {
  const value& request = member(delivery, "request");
  out += "\n--- " + cell(member(delivery, "target")) + " (message " +
         cell(member(delivery, "message_id")) + ")\n";
  out += cell(member(request, "method")) + " " + cell(member(request, "url")) + "\n";
  if (const boost::json::array* headers = member(request, "headers").if_array()) {
    for (const value& header : *headers) {
      const boost::json::array* pair = header.if_array();
      if (pair && pair->size() == 2) out += cell((*pair)[0]) + ": " + cell((*pair)[1]) + "\n";
    }
  }
  const value& body = member(request, "body");
  out += "\n" + (body.is_string() ? std::string(body.get_string()) : std::string()) + "\n";
}

}  // namespace

std::string render_resend(const object& resend) {
  value whole(resend);
  const value& post = member(whole, "post");
  bool dry_run = member(whole, "dry_run").is_bool() && member(whole, "dry_run").get_bool();
  const boost::json::array* deliveries = member(whole, "deliveries").if_array();
  std::size_t count = deliveries ? deliveries->size() : 0;
  std::string out = "post " + cell(member(post, "id")) + " \"" + cell(member(post, "title")) +
                    "\" " + cell(member(post, "url")) + "\n";
  if (count == 0) return out + "no target announces this post: nothing " +
                         (dry_run ? "would be sent\n" : "was queued\n");
  std::string n = std::to_string(count) + (count == 1 ? " request" : " requests");
  out += dry_run ? "dry run: nothing was sent; herald would send " + n + ":\n"
                 : "queued " + n + " (new deliveries; `herald list` shows how they go):\n";
  for (const value& delivery : *deliveries) render_request(delivery, out);
  return out;
}

int run_resend(const Config& config, const ResendOptions& options) {
  boost::json::array targets;
  for (const std::string& t : options.targets) targets.emplace_back(t);
  object args{{"post", options.post}, {"targets", std::move(targets)}, {"dry_run", options.dry_run}};
  if (options.now) args["now"] = true;
  ControlReply reply = ask_daemon(config, "resend", args, std::chrono::seconds(30));
  if (reply.kind != ControlReply::Kind::ok) return report_failure(config, reply);
  if (options.json) {
    print_json(reply.result);
  } else if (const object* resend = reply.result.if_object()) {
    std::cout << render_resend(*resend);
  }
  return kCliOk;
}

}  // namespace herald
