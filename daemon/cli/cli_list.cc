// `herald list`: recent posts and their deliveries, from the daemon or,
// when it is down, from the outbox.
#include <boost/json/array.hpp>
#include <iostream>

#include "daemon/base/wall_clock.h"
#include "daemon/cli/cli_commands.h"
#include "daemon/cli/cli_control.h"
#include "daemon/cli/cli_table.h"
#include "daemon/cli/cli_time.h"
#include "daemon/control/control_commands.h"

namespace herald {
namespace {

using boost::json::object;
using boost::json::value;

constexpr std::size_t kTitleWidth = 40;
constexpr std::size_t kDetailWidth = 70;

object list_args(const ListOptions& options) {
  object args{{"limit", options.limit}};
  if (!options.target.empty()) args["target"] = options.target;
  if (!options.state.empty()) args["state"] = options.state;
  return args;
}

// The list from the database, or why it cannot be read.
Result<object> offline_list(const Config& config, const ListOptions& options) {
  Result<ListFilter> filter = parse_list_args(list_args(options));
  if (!filter.ok()) return filter.status();
  Result<std::unique_ptr<Outbox>> outbox = open_outbox_read_only(config);
  if (!outbox.ok()) return outbox.status();
  std::cerr << "herald: " << not_running_message(control_socket_path(config)) << '\n'
            << (*outbox ? "herald: read from " : "herald: no outbox yet at ")
            << (*outbox ? (*outbox)->path() : outbox_path(config)) << '\n';
  if (!*outbox) return list_json({});
  return list_json((*outbox)->list(*filter), (*outbox)->paces());
}

// Where a delivery stands beyond its state: remote URL, error or next try.
std::string detail_cell(const value& d, const ShownTime& shown) {
  std::string state = cell(member(d, "state"));
  if (state == "sent") {
    const value& url = member(d, "remote_url");
    return url.is_null() ? cell(member(d, "remote_id")) : cell(url);
  }
  if (state == "awaiting_approval") {
    const value& deadline = member(d, "approval_deadline");
    return deadline.is_null() ? "herald approve or reject it"
                              : "herald approve or reject it before " + shown.minutes(deadline);
  }
  std::string detail;
  if (!member(d, "last_error").is_null()) detail = fit_width(cell(member(d, "last_error")), kDetailWidth);
  std::string scheduled = shown.scheduled(member(d, "scheduled"));
  if (!scheduled.empty()) {
    detail = scheduled + (detail.empty() ? "" : "; " + detail);
  } else if (state == "pending" && !member(d, "next_attempt").is_null()) {
    detail = "next " + shown.minutes(member(d, "next_attempt")) + (detail.empty() ? "" : "; " + detail);
  }
  return detail.empty() ? "-" : detail;
}

// The state, who asked when it is a resend, and which instance sent it
// when several share the outbox.
std::string state_cell(const value& d) {
  const value& by = member(d, "resent_by");
  const value& sender = member(d, "sent_by");
  return cell(member(d, "state")) + (sender.is_null() ? "" : " by " + cell(sender)) +
         (by.is_null() ? "" : " (resend by " + cell(by) + ")");
}

}  // namespace

std::string render_list(const object& list, const ShownTime& shown) {
  value whole(list);
  const boost::json::array* posts = member(whole, "posts").if_array();
  if (!posts || posts->empty()) return "no posts\n";
  TextTable table({shown.utc() ? "DATE (UTC)" : "DATE", "POST", "TITLE", "TARGET", "STATE", "TRIES", "REMOTE URL / ERROR"});
  table.align_right(5);
  for (const value& p : *posts) {
    std::vector<std::string> post{shown.minutes(member(p, "date")), cell(member(p, "id")),
                                  fit_width(cell(member(p, "title")), kTitleWidth)};
    const boost::json::array* deliveries = member(p, "deliveries").if_array();
    if (!deliveries || deliveries->empty()) {
      post.insert(post.end(), {"-", "-", "-", "-"});
      table.add_row(post);
      continue;
    }
    for (const value& d : *deliveries) {
      std::vector<std::string> row = post;
      row.insert(row.end(), {cell(member(d, "target")), state_cell(d),
                             cell(member(d, "attempts")), detail_cell(d, shown)});
      table.add_row(std::move(row));
      post = {"", "", ""};  // the post's cells only on its first line
    }
  }
  return table.render();
}

int run_list(const Config& config, const ListOptions& options) {
  return run_read_only(
      config, "list", list_args(options),
      [&] { return offline_list(config, options); },
      [shown = ShownTime::of(config, options.utc).on(wall_clock_ms())](const object& list) { return render_list(list, shown); },
      options.json);
}

}  // namespace herald
