// `herald status`: the daemon's own view, or the outbox's when it is down.
#include <boost/json/array.hpp>
#include <ctime>
#include <iomanip>
#include <iostream>
#include <sstream>

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

constexpr std::size_t kErrorWidth = 60;

// The status from the database, or why it cannot be read.
Result<object> offline_status(const Config& config) {
  Result<std::unique_ptr<Outbox>> outbox = open_outbox_read_only(config);
  if (!outbox.ok()) return outbox.status();
  return offline_status_json(*outbox ? (*outbox)->path() : outbox_path(config), *outbox != nullptr,
                             *outbox ? (*outbox)->counts() : std::vector<TargetCounts>{},
                             target_types_of(config.targets));
}

// "3d 4h", "2h 13m", "5m 3s", "12s"
std::string duration_text(std::int64_t ms) {
  std::int64_t s = std::max<std::int64_t>(ms / 1000, 0);
  auto two = [](std::int64_t a, const char* ua, std::int64_t b, const char* ub) {
    return std::to_string(a) + ua + " " + std::to_string(b) + ub;
  };
  if (s >= 86400) return two(s / 86400, "d", s % 86400 / 3600, "h");
  if (s >= 3600) return two(s / 3600, "h", s % 3600 / 60, "m");
  if (s >= 60) return two(s / 60, "m", s % 60, "s");
  return std::to_string(s) + "s";
}

std::int64_t parse_json_time_ms(const value& time) {
  std::string text = cell(time);
  std::tm tm{};
  std::istringstream in(text);
  in >> std::get_time(&tm, "%Y-%m-%dT%H:%M:%SZ");
  return in.fail() ? 0 : static_cast<std::int64_t>(timegm(&tm)) * 1000;
}

// What /healthz reports, every post file that fails now, and each post whose deletion is held.
void render_problems(const value& status, const ShownTime& shown, std::ostream& out) {
  const boost::json::array* problems = member(status, "problems").if_array();
  if (problems && !problems->empty()) {
    out << "problems (/healthz answers 503):\n";
    for (const value& p : *problems) {
      out << "  " << cell(member(p, "reason")) << " since " << shown.seconds(member(p, "since"))
          << ": " << cell(member(p, "detail")) << '\n';
    }
  }
  const boost::json::array* broken = member(status, "broken_posts").if_array();
  if (broken && !broken->empty()) {
    out << "posts that fail (" << broken->size() << "):\n";
    for (const value& b : *broken) out << "  " << cell(b) << '\n';
  }
  const boost::json::array* held = member(status, "held_deletions").if_array();
  if (held && !held->empty()) {
    out << "deletions held (" << held->size() << "; `herald confirm-deletions` applies them):\n";
    for (const value& h : *held) {
      out << "  " << cell(member(h, "path"));
      if (member(h, "id").is_string()) out << "  " << cell(member(h, "id")) << "  " << cell(member(h, "title"));
      out << '\n';
    }
  }
}

void render_daemon(const value& status, std::int64_t now_ms, const std::string& socket,
                   const ShownTime& shown, std::ostream& out) {
  const value& daemon = member(status, "daemon");
  if (!member(daemon, "running").is_bool() || !member(daemon, "running").get_bool()) {
    out << not_running_message(socket) << '\n';
    const value& outbox = member(status, "outbox");
    bool found = member(outbox, "found").is_bool() && member(outbox, "found").get_bool();
    out << "outbox: " << cell(member(outbox, "path"))
        << (found ? "" : " does not exist yet (herald has not run with this state directory)")
        << '\n';
    return;
  }
  const value& started = member(daemon, "started");
  out << "herald " << cell(member(daemon, "version")) << " is running (pid "
      << cell(member(daemon, "pid")) << "), up since " << shown.seconds(started) << " ("
      << duration_text(now_ms - parse_json_time_ms(started)) << ")\n";
  if (!member(daemon, "instance").is_null()) {
    out << "instance: " << cell(member(daemon, "instance")) << ", sharing the outbox in "
        << cell(member(daemon, "outbox")) << '\n';
  }
  const value& posts = member(status, "posts");
  if (!member(daemon, "loading").is_null() || posts.is_null()) {
    out << "posts: loading (" << cell(member(daemon, "loading")) << ")\n";
  } else {
    out << "posts: " << cell(member(posts, "published")) << " published, "
        << cell(member(posts, "scheduled")) << " scheduled, " << cell(member(posts, "drafts"))
        << " drafts\n";
  }
  if (const boost::json::array* problems = member(status, "problems").if_array()) {
    for (const value& p : *problems) {
      out << "problem: " << cell(member(p, "reason")) << " since " << shown.seconds(member(p, "since"))
          << ": " << cell(member(p, "detail")) << '\n';
    }
  }
  const value& rebuild = member(status, "last_rebuild");
  if (member(rebuild, "at").is_null()) {
    out << "last rebuild: none yet\n";
    return;
  }
  bool ok = member(rebuild, "ok").is_bool() && member(rebuild, "ok").get_bool();
  out << "last rebuild: " << shown.seconds(member(rebuild, "at")) << ", "
      << cell(member(rebuild, "duration_ms")) << " ms, " << (ok ? "ok" : "failed") << '\n';
  if (const boost::json::array* errors = member(rebuild, "errors").if_array()) {
    for (const value& e : *errors) out << "  " << cell(e) << '\n';
  }
  render_problems(status, shown, out);
}

std::string last_error_cell(const value& target, const ShownTime& shown) {
  const value& error = member(target, "last_error");
  if (error.is_null()) return "-";
  return shown.seconds(member(target, "last_error_at")) + "  " + fit_width(cell(error), kErrorWidth);
}

// When the next delivery goes: pacing's time and reason when it holds one.
std::string next_attempt_cell(const value& target, const ShownTime& shown) {
  std::string scheduled = shown.scheduled(member(target, "scheduled"));
  return scheduled.empty() ? shown.seconds(member(target, "next_attempt")) : scheduled;
}

// The targets with deliveries awaiting an editor's approval, when any.
void render_awaiting(const boost::json::array& targets, std::ostream& out) {
  std::string waiting;
  for (const value& t : targets) {
    const value& n = member(t, "awaiting_approval");
    if (!n.is_int64() || n.get_int64() == 0) continue;
    waiting += (waiting.empty() ? "" : ", ") + cell(member(t, "name")) + " " + cell(n);
  }
  if (waiting.empty()) return;
  out << "awaiting approval: " << waiting << " (herald list --state awaiting_approval; herald approve or reject)\n";
}

// Several instances sharing the outbox: who sent each target's deliveries.
void render_senders(const boost::json::array& targets, std::ostream& out) {
  for (const value& t : targets) {
    const object* senders = member(t, "sent_by").if_object();
    if (!senders || senders->empty()) continue;
    out << "sent by instance, " << cell(member(t, "name")) << ":";
    const char* separator = " ";
    for (const auto& [instance, sent] : *senders) {
      out << separator << std::string(instance) << " " << cell(sent);
      separator = ", ";
    }
    out << '\n';
  }
}

void render_targets(const value& status, const ShownTime& shown, std::ostream& out) {
  const boost::json::array* targets = member(status, "targets").if_array();
  if (!targets || targets->empty()) {
    out << "\nno targets configured, and no deliveries recorded\n";
    return;
  }
  TextTable table({"TARGET", "TYPE", "PENDING", "IN FLIGHT", "SENT", "DEAD", "NEXT ATTEMPT",
                   "LAST ERROR"});
  for (std::size_t column = 2; column <= 5; ++column) table.align_right(column);
  for (const value& t : *targets) {
    table.add_row({cell(member(t, "name")), cell(member(t, "type")), cell(member(t, "pending")),
                   cell(member(t, "in_flight")), cell(member(t, "sent")), cell(member(t, "dead")),
                   next_attempt_cell(t, shown), last_error_cell(t, shown)});
  }
  out << '\n' << table.render();
  render_awaiting(*targets, out);
  render_senders(*targets, out);
}

}  // namespace

std::string render_status(const object& status, std::int64_t now_ms, const std::string& socket,
                          const ShownTime& shown) {
  std::ostringstream out;
  value whole(status);
  render_daemon(whole, now_ms, socket, shown, out);
  render_targets(whole, shown, out);
  return out.str();
}

int run_status(const Config& config, bool json, bool utc) {
  std::string socket = control_socket_path(config);
  ShownTime shown = ShownTime::of(config, utc).on(wall_clock_ms());
  return run_read_only(
      config, "status", {}, [&] { return offline_status(config); },
      [&](const object& status) { return render_status(status, wall_clock_ms(), socket, shown); },
      json);
}

}  // namespace herald
