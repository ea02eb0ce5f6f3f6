#include "daemon/control/control_commands.h"

#include <algorithm>
#include <boost/json/array.hpp>
#include <boost/json/value.hpp>
#include <cmath>
#include <set>

#include "feeds/timestamp.h"

namespace herald {
namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

value time_or_null(std::int64_t unix_ms) {
  return unix_ms == 0 ? value(nullptr) : value(json_time(unix_ms));
}
value text_or_null(const std::string& text) { return text.empty() ? value(nullptr) : value(text); }

// {"at", "reason"} of a time pacing holds something until, or null.
value scheduled_json(std::int64_t at_ms, const std::string& reason) {
  if (at_ms == 0) return value(nullptr);
  return object{{"at", json_time(at_ms)}, {"reason", reason}};
}

// {"<instance>": sent, ...}; {} in SQLite.
object senders_json(const std::map<std::string, std::int64_t>& sent_by) {
  object out;
  for (const auto& [instance, sent] : sent_by) out[instance] = sent;
  return out;
}

object target_json(const std::string& name, const TargetType* type, const TargetCounts* counts) {
  TargetCounts none;
  const TargetCounts& c = counts ? *counts : none;
  return object{{"name", name},
                {"type", type ? value(target_type_name(*type)) : value(nullptr)},
                {"pending", c.pending},
                {"in_flight", c.in_flight},
                {"sent", c.sent},
                {"dead", c.dead},
                {"awaiting_approval", c.awaiting_approval},
                {"rejected", c.rejected},
                {"next_attempt", c.next_attempt_ms ? time_or_null(*c.next_attempt_ms) : value(nullptr)},
                {"last_error", text_or_null(c.last_error)},
                {"last_error_at", c.last_error.empty() ? value(nullptr) : time_or_null(c.last_error_ms)},
                {"scheduled", scheduled_json(c.scheduled_ms, c.pace_reason)},
                {"sent_by", senders_json(c.sent_by)}};
}

}  // namespace

TargetTypes target_types_of(const std::vector<TargetConfig>& targets) {
  TargetTypes types;
  for (const TargetConfig& target : targets) types.emplace_back(target.name, target.type);
  return types;
}

namespace {

array targets_json(const std::vector<TargetCounts>& counts, const TargetTypes& target_types) {
  auto counts_of = [&](const std::string& name) -> const TargetCounts* {
    auto it = std::find_if(counts.begin(), counts.end(),
                           [&](const TargetCounts& c) { return c.target == name; });
    return it == counts.end() ? nullptr : &*it;
  };
  array out;
  std::set<std::string> configured;
  for (const auto& [name, type] : target_types) {
    configured.insert(name);
    out.push_back(target_json(name, &type, counts_of(name)));
  }
  std::vector<const TargetCounts*> others;
  for (const TargetCounts& c : counts) {
    if (!configured.count(c.target)) others.push_back(&c);
  }
  std::sort(others.begin(), others.end(),
            [](const TargetCounts* a, const TargetCounts* b) { return a->target < b->target; });
  for (const TargetCounts* c : others) out.push_back(target_json(c->target, nullptr, c));
  return out;
}

// Whole milliseconds: Boost.JSON writes doubles as 1.25E1, not for people.
std::int64_t duration_ms(const DaemonSnapshot& s) { return std::llround(s.last_rebuild_duration_ms); }

object posts_json(const DaemonSnapshot& s) {
  return object{{"published", s.published}, {"scheduled", s.scheduled}, {"drafts", s.drafts}};
}

// A pending first attempt that its target's pace holds past its own time.
value paced_json(const Delivery& d, const std::map<std::string, TargetPace>& paces) {
  auto pace = paces.find(d.target);
  bool first = d.state == DeliveryState::pending && d.attempts == 0 && d.last_error.empty() && !d.jump_queue;
  if (!first || pace == paces.end() || pace->second.scheduled_ms <= d.not_before_ms) return value(nullptr);
  return scheduled_json(pace->second.scheduled_ms, pace->second.reason);
}

object delivery_json(const Delivery& d, const std::map<std::string, TargetPace>& paces) {
  bool finished = d.state == DeliveryState::sent || d.state == DeliveryState::dead ||
                  d.state == DeliveryState::rejected;
  bool awaiting = d.state == DeliveryState::awaiting_approval;
  return object{{"id", d.id},
                {"target", d.target},
                {"event", d.resent_by.empty() ? d.event : std::string("resend")},
                {"message_id", d.message_id},
                {"state", delivery_state_name(d.state)},
                {"attempts", d.attempts},
                {"created", time_or_null(d.created_ms)},
                {"next_attempt", d.state == DeliveryState::pending ? time_or_null(d.not_before_ms)
                                                                    : value(nullptr)},
                {"finished", finished ? time_or_null(d.finished_ms) : value(nullptr)},
                {"last_status", d.last_status == 0 ? value(nullptr) : value(d.last_status)},
                {"last_error", text_or_null(d.last_error)},
                {"remote_id", text_or_null(d.remote_id)},
                {"remote_url", text_or_null(d.remote_url)},
                {"scheduled", paced_json(d, paces)},
                {"resent_by", text_or_null(d.resent_by)},
                {"sent_by", text_or_null(d.sent_by)},
                {"approval_deadline", awaiting ? time_or_null(d.approval_deadline_ms) : value(nullptr)}};
}

object post_json(const OutboxPost& p) {
  return object{{"id", p.id},
                {"title", p.title},
                {"url", p.url},
                {"source_path", p.source_path},
                {"date", time_or_null(p.date_ms)}};
}

// Argument readers: each fails on an unknown key or a wrong type.
Status check_keys(const object& args, std::initializer_list<std::string_view> known) {
  for (const auto& member : args) {
    if (std::find(known.begin(), known.end(), member.key()) == known.end()) {
      return Status::failed("unknown argument \"" + std::string(member.key()) + "\"");
    }
  }
  return {};
}

Status read_string(const object& args, std::string_view key, std::string* out) {
  const value* v = args.if_contains(key);
  if (!v || v->is_null()) return {};
  if (!v->is_string()) return Status::failed("\"" + std::string(key) + "\" must be a string");
  *out = std::string(v->get_string());
  return {};
}

// `args` has only the keys `known`, and each of `strings` is a string or absent.
Status read_strings(const object& args, std::initializer_list<std::string_view> known,
                    std::initializer_list<std::pair<std::string_view, std::string*>> strings) {
  Status s = check_keys(args, known);
  for (const auto& [key, out] : strings) {
    if (s.ok()) s = read_string(args, key, out);
  }
  return s;
}

}  // namespace

std::string json_time(std::int64_t unix_ms) {
  std::int64_t seconds = unix_ms / 1000 - (unix_ms % 1000 < 0 ? 1 : 0);
  return Timestamp{seconds, 0}.rfc3339();
}

Status check_no_args(const object& args) { return check_keys(args, {}); }

object confirm_deletions_json(std::size_t held, std::size_t removed) {
  return object{{"held", held}, {"removed", removed}};
}

array problems_json(const std::vector<HealthProblem>& problems) {
  array out;
  for (const HealthProblem& p : problems) {
    out.push_back(object{{"reason", p.reason}, {"detail", p.detail}, {"since", json_time(p.since_ms)}});
  }
  return out;
}

namespace {

array held_json(const std::vector<HeldPost>& held) {
  array out;
  for (const HeldPost& post : held) {
    out.push_back(object{{"path", post.path}, {"id", text_or_null(post.id)}, {"title", text_or_null(post.title)}});
  }
  return out;
}

}  // namespace

object status_json(const DaemonSnapshot& s, const std::vector<TargetCounts>& counts,
                   const TargetTypes& target_types) {
  array errors;
  for (const std::string& e : s.last_errors) errors.push_back(value(e));
  object rebuild{{"at", time_or_null(s.last_rebuild_ms)},
                 {"duration_ms", duration_ms(s)},
                 {"ok", s.last_rebuild_ok},
                 {"errors", std::move(errors)}};
  return object{{"daemon", object{{"running", true},
                                  {"pid", s.pid},
                                  {"version", s.version},
                                  {"started", time_or_null(s.started_ms)},
                                  {"instance", text_or_null(s.instance)},
                                  {"outbox", s.outbox},
                                  {"loading", text_or_null(s.loading)}}},
                {"posts", s.loading.empty() ? value(posts_json(s)) : value(nullptr)},
                {"last_rebuild", std::move(rebuild)},
                {"problems", problems_json(s.problems)},
                {"broken_posts", array(s.broken_posts.begin(), s.broken_posts.end())},
                {"held_deletions", held_json(s.held_deletions)},
                {"targets", targets_json(counts, target_types)}};
}

object offline_status_json(const std::string& outbox_path, bool outbox_found,
                           const std::vector<TargetCounts>& counts,
                           const TargetTypes& target_types) {
  return object{{"daemon", object{{"running", false}}},
                {"outbox", object{{"path", outbox_path}, {"found", outbox_found}}},
                {"posts", nullptr},
                {"last_rebuild", nullptr},
                {"targets", targets_json(counts, target_types)}};
}

object list_json(const std::vector<PostDeliveries>& posts, const std::map<std::string, TargetPace>& paces) {
  array out;
  for (const PostDeliveries& p : posts) {
    object post = post_json(p.post);
    array deliveries;
    for (const Delivery& d : p.deliveries) deliveries.push_back(delivery_json(d, paces));
    post["deliveries"] = std::move(deliveries);
    out.push_back(std::move(post));
  }
  return object{{"posts", std::move(out)}};
}

Result<ListFilter> parse_list_args(const object& args) {
  ListFilter filter;
  std::string state;
  Status s = read_strings(args, {"target", "state", "limit"},
                          {{"target", &filter.target}, {"state", &state}});
  if (!s.ok()) return s;
  if (!state.empty()) {
    filter.state = parse_delivery_state(state);
    if (!filter.state) {
      return Status::failed("\"state\" must be pending, in_flight, sent, dead, awaiting_approval or "
                            "rejected, not \"" + state + "\"");
    }
  }
  if (const value* limit = args.if_contains("limit"); limit && !limit->is_null()) {
    if (!limit->is_int64() || limit->get_int64() < 1 || limit->get_int64() > kMaxListLimit) {
      return Status::failed("\"limit\" must be an integer from 1 to " + std::to_string(kMaxListLimit));
    }
    filter.limit = static_cast<int>(limit->get_int64());
  }
  return filter;
}

Result<RetryArgs> parse_retry_args(const object& args) {
  RetryArgs retry;
  Status s = read_strings(args, {"target", "post"}, {{"target", &retry.target}, {"post", &retry.post}});
  if (!s.ok()) return s;
  return retry;
}

object retry_json(std::int64_t requeued) { return object{{"requeued", requeued}}; }

Result<DecisionArgs> parse_decision_args(const object& args, bool with_text) {
  DecisionArgs decision;
  std::string text;
  Status s = with_text ? read_strings(args, {"delivery", "post", "target", "text"},
                                      {{"post", &decision.post}, {"target", &decision.target}, {"text", &text}})
                       : read_strings(args, {"delivery", "post", "target"},
                                      {{"post", &decision.post}, {"target", &decision.target}});
  if (!s.ok()) return s;
  if (const value* id = args.if_contains("delivery"); id && !id->is_null()) {
    if (!id->is_int64() || id->get_int64() < 1) return Status::failed("\"delivery\" must be a delivery id (an integer)");
    decision.delivery = id->get_int64();
  }
  if ((decision.delivery == 0) == decision.post.empty()) {
    return Status::failed("give either \"delivery\" (an id herald list shows) or \"post\" (id, file or URL)");
  }
  if (const value* given = args.if_contains("text"); given && given->is_string()) decision.text = text;
  return decision;
}

object decision_json(const std::vector<Delivery>& decided) {
  array out;
  for (const Delivery& d : decided) {
    out.push_back(object{{"id", d.id}, {"post_id", d.post_id}, {"target", d.target},
                         {"state", delivery_state_name(d.state)}});
  }
  return object{{"deliveries", std::move(out)}};
}

Result<ResendArgs> parse_resend_args(const object& args) {
  ResendArgs resend;
  Status s = read_strings(args, {"post", "targets", "dry_run", "now"}, {{"post", &resend.post}});
  if (!s.ok()) return s;
  if (resend.post.empty()) {
    return Status::failed("\"post\" is required: the post's id, file path or public URL");
  }
  if (const value* targets = args.if_contains("targets"); targets && !targets->is_null()) {
    const array* list = targets->if_array();
    bool strings = list && std::all_of(list->begin(), list->end(),
                                       [](const value& v) { return v.is_string(); });
    if (!strings) return Status::failed("\"targets\" must be a list of target names");
    for (const value& v : *list) resend.targets.emplace_back(v.get_string());
  }
  for (auto [name, flag] : {std::pair{"dry_run", &resend.dry_run}, std::pair{"now", &resend.now}}) {
    const value* given = args.if_contains(name);
    if (!given || given->is_null()) continue;
    if (!given->is_bool()) return Status::failed("\"" + std::string(name) + "\" must be true or false");
    *flag = given->get_bool();
  }
  return resend;
}

object resend_json(const OutboxPost& post, const std::vector<ShownRequest>& requests,
                   bool dry_run) {
  array deliveries;
  for (const ShownRequest& r : requests) {
    array headers;
    for (const auto& [name, header_value] : r.headers) headers.push_back(array{value(name), value(header_value)});
    object request{{"method", r.method}, {"url", r.url}, {"headers", std::move(headers)}, {"body", r.body}};
    deliveries.push_back(object{{"target", r.target}, {"message_id", r.message_id}, {"request", std::move(request)}});
  }
  return object{{"dry_run", dry_run}, {"post", post_json(post)}, {"deliveries", std::move(deliveries)}};
}

object reload_json(const DaemonSnapshot& s) {
  return object{{"reloaded_at", time_or_null(s.last_rebuild_ms)},
                {"duration_ms", duration_ms(s)},
                {"posts", posts_json(s)}};
}

}  // namespace herald
