// The daemon's answers to control commands, built from plain data so the
// daemon's wiring stays thin and the shapes are tested here. Every shape is
// documented in docs/cli.md and stable: fields may be added, never renamed
// or removed. Times are RFC 3339 UTC strings with second precision
// ("2026-11-29T12:32:35Z") or null when there is none.
//
// Pure: no I/O, no clock.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "config/config.h"
#include "daemon/outbox/outbox.h"
#include "daemon/targets/shown_request.h"
#include "daemon/base/health.h"
#include "daemon/base/held_post.h"
#include "feeds/status.h"

namespace herald {

// What `herald run` knows about itself for `herald status`.
struct DaemonSnapshot {
  std::int64_t started_ms = 0;
  int pid = 0;
  std::string version;
  std::size_t published = 0, scheduled = 0, drafts = 0;
  // While the first load runs (the counts mean nothing yet): what is served
  // meanwhile. Empty once loaded.
  std::string loading;
  std::int64_t last_rebuild_ms = 0;        // 0: none yet
  double last_rebuild_duration_ms = 0;    // JSON: whole milliseconds, rounded
  bool last_rebuild_ok = true;
  std::vector<std::string> last_errors;    // of the last rebuild (readable, one per problem)
  std::vector<HealthProblem> problems;     // what is wrong now (base/health.h)
  std::vector<std::string> broken_posts;   // every post file failing now (path:line:col: ...)
  std::vector<HeldPost> held_deletions;    // posts whose deletion is held now, by path
  std::string instance;  // state.instance with a shared outbox (state.database); "" in SQLite
  std::string outbox;    // the outbox's file, or its database's URL (password masked)
};

// (name, type) of each configured target, in configuration order.
using TargetTypes = std::vector<std::pair<std::string, TargetType>>;
// The (name, type) of each of `targets`, in order.
TargetTypes target_types_of(const std::vector<TargetConfig>& targets);

// "2026-11-29T12:32:35Z" (milliseconds dropped, rounding down).
std::string json_time(std::int64_t unix_ms);

// `status` of a running daemon: {"daemon", "posts" (null while
// daemon.loading says why), "last_rebuild",
// "problems", "broken_posts", "held_deletions": [{"path", "id", "title"}]
// (id and title null when no post is known at the path), "targets"}.
// Targets: every configured one (zeros when it has no deliveries), then any
// other target with deliveries (type null: no longer configured), by name;
// a target whose pace holds its next new announcement has "scheduled":
// {"at", "reason" ("interval", "quiet hours", "daily cap", "rate limit")}, else null.
boost::json::object status_json(const DaemonSnapshot& s, const std::vector<TargetCounts>& counts,
                                const TargetTypes& target_types);
// `status` read from the database while the daemon is down (the CLI):
// {"daemon": {"running": false}, "outbox": {"path", "found"}, "posts": null,
//  "last_rebuild": null, "targets"}.
boost::json::object offline_status_json(const std::string& outbox_path, bool outbox_found,
                                        const std::vector<TargetCounts>& counts,
                                        const TargetTypes& target_types);

// `list`: {"posts": [{post fields, "deliveries": [...]}, ...]}. A pending
// first attempt of a paced target held by its pace (`paces`: Outbox::paces)
// has "scheduled": {"at", "reason"}, else null.
boost::json::object list_json(const std::vector<PostDeliveries>& posts,
                              const std::map<std::string, TargetPace>& paces = {});
// `list` args {"target"?: string, "state"?: state name, "limit"?: 1..1000}.
// Each parse_*_args holds the arguments, or the sentence saying which one is
// wrong ("\"limit\" must be an integer from 1 to 1000").
inline constexpr int kMaxListLimit = 1000;
Result<ListFilter> parse_list_args(const boost::json::object& args);

// `retry` args {"target"?: string, "post"?: id, path or URL}; answer
// {"requeued": n}.
struct RetryArgs {
  std::string target;  // empty: every target
  std::string post;    // empty: every post
};
Result<RetryArgs> parse_retry_args(const boost::json::object& args);
boost::json::object retry_json(std::int64_t requeued);

// `approve` args {"delivery"?: id | "post"?: id, path or URL (one of them),
// "target"?: string, "text"?: string (approve only: the editor's text)};
// `reject` the same without "text". Answer {"deliveries": [{"id",
// "post_id", "target", "state"}]}: those decided now.
struct DecisionArgs {
  std::int64_t delivery = 0;        // 0: by post
  std::string post;
  std::string target;               // empty: every target of the post
  std::optional<std::string> text;  // approve: the editor's text
};
Result<DecisionArgs> parse_decision_args(const boost::json::object& args, bool with_text);
boost::json::object decision_json(const std::vector<Delivery>& decided);

// `resend` args {"post": id, path or URL (required), "targets"?: [names],
// "dry_run"?: bool, "now"?: bool (jump the queue: not paced)}.
struct ResendArgs {
  std::string post;
  std::vector<std::string> targets;  // empty: every target that announces the post
  bool dry_run = false;
  bool now = false;
  std::string caller;  // who asked: not an argument, the control peer (audit, resent_by)
};
Result<ResendArgs> parse_resend_args(const boost::json::object& args);
// {"dry_run", "post": {...}, "deliveries": [{"target", "message_id",
//  "request": {"method", "url", "headers": [[name, value], ...], "body"}}]}
boost::json::object resend_json(const OutboxPost& post, const std::vector<ShownRequest>& requests,
                                bool dry_run);

// `reload` answer after a successful reload: {"reloaded_at", "duration_ms",
// "posts": {...}}. A failed reload is answered with control_error(why).
boost::json::object reload_json(const DaemonSnapshot& s);

// `confirm-deletions` takes no args; answer {"held": n (posts held when it
// was asked), "removed": n (posts the confirmation removed)}.
Status check_no_args(const boost::json::object& args);
boost::json::object confirm_deletions_json(std::size_t held, std::size_t removed);

// [{"reason", "detail", "since": RFC 3339}, ...] (status and /healthz).
boost::json::array problems_json(const std::vector<HealthProblem>& problems);

}  // namespace herald
