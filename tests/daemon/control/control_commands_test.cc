#include "daemon/control/control_commands.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>

namespace herald {

using boost::json::object;

namespace {

// 2026-11-29T12:00:00Z
constexpr std::int64_t kNoon = 1795953600000;

std::string json(const object& o) { return boost::json::serialize(o); }
object parse(const std::string& text) { return boost::json::parse(text).as_object(); }

DaemonSnapshot snapshot() {
  DaemonSnapshot s;
  s.started_ms = kNoon - 3600 * 1000;
  s.pid = 4242;
  s.version = "0.1.0";
  s.published = 190000;
  s.scheduled = 12;
  s.drafts = 3;
  s.last_rebuild_ms = kNoon + 999;
  s.last_rebuild_duration_ms = 12.5;
  s.last_rebuild_ok = false;
  s.last_errors = {"content/a.md:3:1: date: not a date"};
  return s;
}

TargetCounts hook_counts() {
  TargetCounts c;
  c.target = "hook";
  c.pending = 2;
  c.in_flight = 1;
  c.sent = 1200;
  c.dead = 4;
  c.next_attempt_ms = kNoon + 60000;
  c.last_error = "HTTP 410: Gone";
  c.last_error_ms = kNoon - 5000;
  return c;
}

Delivery delivery(DeliveryState state) {
  Delivery d;
  d.id = 7;
  d.post_id = "1001";
  d.target = "hook";
  d.event = "post.published";
  d.message_id = "msg_abc";
  d.state = state;
  d.attempts = 3;
  d.created_ms = kNoon;
  d.not_before_ms = kNoon + 30000;
  d.finished_ms = kNoon + 1000;
  return d;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(control_commands)

BOOST_AUTO_TEST_CASE(times_are_rfc3339_utc_seconds) {
  BOOST_TEST(json_time(kNoon) == "2026-11-29T12:00:00Z");
  BOOST_TEST(json_time(kNoon + 999) == "2026-11-29T12:00:00Z");
  BOOST_TEST(json_time(-1) == "1969-12-31T23:59:59Z");
}

BOOST_AUTO_TEST_CASE(status_of_a_running_daemon) {
  TargetCounts gone;
  gone.target = "old-hook";
  gone.dead = 1;
  DaemonSnapshot s = snapshot();
  s.problems = {HealthProblem{"content_held", "2 posts vanished", kNoon - 60000}};
  s.broken_posts = {"content/a.md:3:1: date: not a date"};
  s.held_deletions = {{"_posts/a.md", "1001", "Corte de agua"}, {"_posts/roto.md", "", ""}};
  s.instance = "web1";
  s.outbox = "postgresql://herald:***@db.example.org/herald";
  TargetCounts hook = hook_counts();
  hook.sent_by = {{"web1", 700}, {"web2", 500}};
  object status = status_json(s, {gone, hook},
                              {{"hook", TargetType::webhook}, {"quiet", TargetType::webhook}});
  BOOST_TEST(json(status) ==
             R"({"daemon":{"running":true,"pid":4242,"version":"0.1.0","started":"2026-11-29T11:00:00Z",)"
             R"("instance":"web1","outbox":"postgresql://herald:***@db.example.org/herald","loading":null},)"
             R"("posts":{"published":190000,"scheduled":12,"drafts":3},)"
             R"("last_rebuild":{"at":"2026-11-29T12:00:00Z","duration_ms":13,"ok":false,)"
             R"("errors":["content/a.md:3:1: date: not a date"]},)"
             R"("problems":[{"reason":"content_held","detail":"2 posts vanished","since":"2026-11-29T11:59:00Z"}],)"
             R"("broken_posts":["content/a.md:3:1: date: not a date"],)"
             R"("held_deletions":[{"path":"_posts/a.md","id":"1001","title":"Corte de agua"},)"
             R"({"path":"_posts/roto.md","id":null,"title":null}],)"
             R"("targets":[)"
             R"({"name":"hook","type":"webhook","pending":2,"in_flight":1,"sent":1200,"dead":4,)" R"("awaiting_approval":0,"rejected":0,)"
             R"("next_attempt":"2026-11-29T12:01:00Z","last_error":"HTTP 410: Gone","last_error_at":"2026-11-29T11:59:55Z","scheduled":null,)"
             R"("sent_by":{"web1":700,"web2":500}},)"
             R"({"name":"quiet","type":"webhook","pending":0,"in_flight":0,"sent":0,"dead":0,)" R"("awaiting_approval":0,"rejected":0,)"
             R"("next_attempt":null,"last_error":null,"last_error_at":null,"scheduled":null,"sent_by":{}},)"
             R"({"name":"old-hook","type":null,"pending":0,"in_flight":0,"sent":0,"dead":1,)" R"("awaiting_approval":0,"rejected":0,)"
             R"("next_attempt":null,"last_error":null,"last_error_at":null,"scheduled":null,"sent_by":{}}]})");
}

BOOST_AUTO_TEST_CASE(status_lists_the_problems_with_their_start) {
  DaemonSnapshot s = snapshot();
  s.problems.push_back(HealthProblem{"outbox", "outbox: cannot write: disk I/O error", kNoon});
  BOOST_TEST(boost::json::serialize(status_json(s, {}, {}).at("problems")) ==
             R"([{"reason":"outbox","detail":"outbox: cannot write: disk I/O error","since":"2026-11-29T12:00:00Z"}])");
}

BOOST_AUTO_TEST_CASE(status_before_the_first_rebuild_has_null_times) {
  DaemonSnapshot s;
  s.pid = 1;
  s.version = "0.1.0";
  object status = status_json(s, {}, {});
  BOOST_TEST(json(status.at("daemon").as_object()) ==
             R"({"running":true,"pid":1,"version":"0.1.0","started":null,"instance":null,"outbox":"","loading":null})");
  BOOST_TEST(json(status.at("last_rebuild").as_object()) ==
             R"({"at":null,"duration_ms":0,"ok":true,"errors":[]})");
  BOOST_TEST(status.at("targets").as_array().empty());
}

// Issue 18: a start the last clean stop vouched for is ready before its
// catalog is loaded; until then it has no counts to give, and says why.
BOOST_AUTO_TEST_CASE(status_while_the_catalog_loads_has_no_counts) {
  DaemonSnapshot s = snapshot();
  s.loading = "the feeds served are those of the last clean stop, unchanged since";
  object status = status_json(s, {}, {});
  BOOST_TEST(boost::json::serialize(status.at("daemon").at("loading")) ==
             R"("the feeds served are those of the last clean stop, unchanged since")");
  BOOST_TEST(status.at("posts").is_null());
}

BOOST_AUTO_TEST_CASE(offline_status_names_the_outbox) {
  BOOST_TEST(json(offline_status_json("/var/lib/herald/outbox.db", false, {}, {{"hook", TargetType::webhook}})) ==
             R"({"daemon":{"running":false},"outbox":{"path":"/var/lib/herald/outbox.db","found":false},)"
             R"("posts":null,"last_rebuild":null,"targets":[{"name":"hook","type":"webhook","pending":0,)"
             R"("in_flight":0,"sent":0,"dead":0,"awaiting_approval":0,"rejected":0,"next_attempt":null,"last_error":null,"last_error_at":null,"scheduled":null,)"
             R"("sent_by":{}}]})");
}

BOOST_AUTO_TEST_CASE(list_shows_each_post_with_its_deliveries) {
  PostDeliveries p;
  p.post = OutboxPost{"1001", "Inauguración del parque", "https://example.org/p/1001/",
                      "2026/parque.md", kNoon};
  Delivery sent = delivery(DeliveryState::sent);
  sent.remote_id = "r1";
  sent.remote_url = "https://social.example/@city/1";
  sent.last_status = 200;
  sent.sent_by = "web2";
  Delivery pending = delivery(DeliveryState::pending);
  pending.target = "other";
  pending.last_error = "connection refused";
  p.deliveries = {sent, pending};
  BOOST_TEST(json(list_json({p})) ==
             R"({"posts":[{"id":"1001","title":"Inauguración del parque","url":"https://example.org/p/1001/",)"
             R"("source_path":"2026/parque.md","date":"2026-11-29T12:00:00Z","deliveries":[)"
             R"({"id":7,"target":"hook","event":"post.published","message_id":"msg_abc","state":"sent",)"
             R"("attempts":3,"created":"2026-11-29T12:00:00Z","next_attempt":null,"finished":"2026-11-29T12:00:01Z",)"
             R"("last_status":200,"last_error":null,"remote_id":"r1","remote_url":"https://social.example/@city/1","scheduled":null,"resent_by":null,"sent_by":"web2","approval_deadline":null},)"
             R"({"id":7,"target":"other","event":"post.published","message_id":"msg_abc","state":"pending",)"
             R"("attempts":3,"created":"2026-11-29T12:00:00Z","next_attempt":"2026-11-29T12:00:30Z","finished":null,)"
             R"("last_status":null,"last_error":"connection refused","remote_id":null,"remote_url":null,"scheduled":null,"resent_by":null,"sent_by":null,"approval_deadline":null}]}]})");
  BOOST_TEST(json(list_json({})) == R"({"posts":[]})");
}

BOOST_AUTO_TEST_CASE(list_args) {
  Result<ListFilter> filter = parse_list_args({});
  BOOST_REQUIRE(filter.ok());
  BOOST_TEST(filter->target.empty());
  BOOST_TEST(!filter->state);
  BOOST_TEST(filter->limit == 20);
  filter = parse_list_args(parse(R"({"target":"hook","state":"dead","limit":5})"));
  BOOST_REQUIRE(filter.ok());
  BOOST_TEST(filter->target == "hook");
  BOOST_TEST((filter->state == DeliveryState::dead));
  BOOST_TEST(filter->limit == 5);

  const std::vector<std::pair<std::string, std::string>> bad = {
      {R"({"state":"done"})", R"("state" must be pending, in_flight, sent, dead, awaiting_approval or rejected, not "done")"},
      {R"({"limit":0})", R"("limit" must be an integer from 1 to 1000)"},
      {R"({"limit":"5"})", R"("limit" must be an integer from 1 to 1000)"},
      {R"({"target":5})", R"("target" must be a string)"},
      {R"({"tagret":"hook"})", R"(unknown argument "tagret")"},
  };
  for (const auto& [args, message] : bad) {
    Result<ListFilter> refused = parse_list_args(parse(args));
    BOOST_TEST(!refused.ok(), args);
    BOOST_TEST(refused.error() == message);
  }
}

BOOST_AUTO_TEST_CASE(retry_args_and_answer) {
  Result<RetryArgs> retry = parse_retry_args(parse(R"({"target":"hook","post":"1001"})"));
  BOOST_REQUIRE(retry.ok());
  BOOST_TEST(retry->target == "hook");
  BOOST_TEST(retry->post == "1001");
  retry = parse_retry_args({});
  BOOST_REQUIRE(retry.ok());
  BOOST_TEST(retry->target.empty());
  retry = parse_retry_args(parse(R"({"post":1001})"));
  BOOST_TEST(!retry.ok());
  BOOST_TEST(retry.error() == R"("post" must be a string)");
  BOOST_TEST(json(retry_json(3)) == R"({"requeued":3})");
}

BOOST_AUTO_TEST_CASE(resend_args) {
  Result<ResendArgs> resend =
      parse_resend_args(parse(R"({"post":"1001","targets":["a","b"],"dry_run":true})"));
  BOOST_REQUIRE(resend.ok());
  BOOST_TEST(resend->post == "1001");
  BOOST_TEST(resend->targets == (std::vector<std::string>{"a", "b"}));
  BOOST_TEST(resend->dry_run);
  resend = parse_resend_args(parse(R"({"post":"1001"})"));
  BOOST_REQUIRE(resend.ok());
  BOOST_TEST(resend->targets.empty());
  BOOST_TEST(!resend->dry_run);
  BOOST_TEST(!resend->now);
  resend = parse_resend_args(parse(R"({"post":"1001","now":true})"));
  BOOST_REQUIRE(resend.ok());
  BOOST_TEST(resend->now);

  const std::vector<std::pair<std::string, std::string>> bad = {
      {R"({})", R"("post" is required: the post's id, file path or public URL)"},
      {R"({"post":"1","targets":"a"})", R"("targets" must be a list of target names)"},
      {R"({"post":"1","targets":[1]})", R"("targets" must be a list of target names)"},
      {R"({"post":"1","dry_run":"yes"})", R"("dry_run" must be true or false)"},
      {R"({"post":"1","now":1})", R"("now" must be true or false)"},
  };
  for (const auto& [args, message] : bad) {
    Result<ResendArgs> refused = parse_resend_args(parse(args));
    BOOST_TEST(!refused.ok(), args);
    BOOST_TEST(refused.error() == message);
  }
}

BOOST_AUTO_TEST_CASE(resend_answer_carries_the_exact_requests) {
  ShownRequest r{"hook", "msg_1", "POST", "https://example.org/hook",
                  {{"content-type", "application/json"}, {"webhook-id", "msg_1"}},
                  R"({"type":"post.published"})"};
  OutboxPost post{"1001", "Título", "https://example.org/p/1001/", "p.md", kNoon};
  BOOST_TEST(json(resend_json(post, {r}, true)) ==
             R"({"dry_run":true,"post":{"id":"1001","title":"Título","url":"https://example.org/p/1001/",)"
             R"("source_path":"p.md","date":"2026-11-29T12:00:00Z"},"deliveries":[{"target":"hook",)"
             R"("message_id":"msg_1","request":{"method":"POST","url":"https://example.org/hook",)"
             R"("headers":[["content-type","application/json"],["webhook-id","msg_1"]],)"
             R"("body":"{\"type\":\"post.published\"}"}}]})");
}

BOOST_AUTO_TEST_CASE(reload_answer) {
  BOOST_TEST(json(reload_json(snapshot())) ==
             R"({"reloaded_at":"2026-11-29T12:00:00Z","duration_ms":13,)"
             R"("posts":{"published":190000,"scheduled":12,"drafts":3}})");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
