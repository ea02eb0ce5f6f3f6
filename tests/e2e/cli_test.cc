// The editor commands of the real `herald` binary: without a daemon (status
// and list read the outbox; write commands say the daemon is down), and
// against a stand-in daemon (a ControlServer in this process) for the
// answers' human output and the exit codes.
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <thread>

#include "daemon/control/control_commands.h"
#include "daemon/control/control_server.h"
#include "daemon/outbox/outbox.h"
#include "tests/support/test_support.h"

namespace herald {

using boost::json::object;
using test::CommandResult;
using test::TempDir;

namespace {

// 2026-11-29T12:00:00Z
constexpr std::int64_t kNoon = 1795953600000;

struct Site {
  TempDir dir;
  std::string config = dir / "herald.yaml";
  std::string state = dir / "state";
  std::string socket = state + "/control.sock";
  std::string not_running = "herald: herald is not running (nothing listens on " + socket +
                            "); start it with `systemctl start herald`\n";
  // `more`: further top-level sections (targets, ...).
  explicit Site(const std::string& more = "") {
    std::filesystem::create_directories(dir / "content");
    std::filesystem::create_directories(state);
    test::write_file(config, R"(site:
  title: "Noticias"
  url: "https://example.org/"
  author: "Municipio"
content:
  dir: content
output:
  dir: public
state:
  dir: state
)" + more);
  }
  CommandResult herald(std::vector<std::string> args) const {
    args.insert(args.begin(), test::herald_binary());
    args.insert(args.end(), {"--config", config});
    return test::run_command(args);
  }
};

// Records two posts: 1001 sent to hook, 1002 dead on hook and pending on other.
void fill_outbox(const Site& site) {
  Result<std::unique_ptr<Outbox>> opened =
      Outbox::open(site.state + "/outbox.db", Outbox::Mode::read_write);
  BOOST_REQUIRE_MESSAGE(opened.ok(), opened.error());
  std::unique_ptr<Outbox> outbox = *std::move(opened);
  std::vector<OutboxPost> posts = {
      {"1001", "Inauguración del parque", "https://example.org/p/1001/", "parque.md", kNoon - 7200000},
      {"1002", "Obras en la calle Mayor", "https://example.org/p/1002/", "obras.md", kNoon}};
  std::vector<NewDelivery> deliveries = {
      {"1001", "hook", "post.published", "msg_1", "{}", kNoon - 7200000, kNoon, "", {}, false},
      {"1002", "hook", "post.published", "msg_2", "{}", kNoon, kNoon, "", {}, false},
      {"1002", "other", "post.published", "msg_3", "{}", kNoon, kNoon, "", {}, false}};
  BOOST_REQUIRE(outbox->record(posts, deliveries).ok());
  std::vector<Delivery> claimed;
  BOOST_REQUIRE(outbox->claim("hook", kNoon, 60000, 10, &claimed).ok());
  BOOST_REQUIRE_EQUAL(claimed.size(), 2u);
  std::vector<DeliveryOutcome> outcomes;
  for (const Delivery& d : claimed) {
    DeliveryOutcome o;
    o.id = d.id;
    o.at_ms = kNoon + 1000;
    if (d.post_id == "1001") {
      o.kind = DeliveryOutcome::Kind::sent;
      o.http_status = 200;
      o.remote_url = "https://hook.example/r/1";
    } else {
      o.kind = DeliveryOutcome::Kind::dead;
      o.http_status = 410;
      o.error = "HTTP 410: Gone";
    }
    outcomes.push_back(o);
  }
  BOOST_REQUIRE(outbox->finish(outcomes).ok());
}

// A stand-in daemon: answers each command with the canned value (or
// control_error) in `answers`.
struct FakeDaemon {
  boost::asio::io_context io;
  std::unique_ptr<ControlServer> server;
  std::thread thread;
  std::vector<std::string> commands;  // what arrived, "command args-json"

  FakeDaemon(const std::string& socket, std::map<std::string, boost::json::value> answers) {
    Result<std::unique_ptr<ControlServer>> started = ControlServer::start(
        io, socket,
        [this, answers](const std::string& command, const object& args, const std::string&,
                        ControlServer::Respond respond) {
          commands.push_back(command + " " + boost::json::serialize(args));
          respond(answers.at(command));
        });
    BOOST_REQUIRE_MESSAGE(started.ok(), started.error());
    server = *std::move(started);
    thread = std::thread([this] { io.run(); });
  }
  ~FakeDaemon() {
    boost::asio::post(io, [this] {
      server.reset();
      io.stop();
    });
    thread.join();
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(cli)

BOOST_AUTO_TEST_CASE(every_editor_command_has_help) {
  Site site;
  for (const char* command : {"status", "list", "resend", "retry", "reload"}) {
    CommandResult r = test::run_command({test::herald_binary(), command, "--help"});
    BOOST_TEST(r.exit_code == 0, command);
    BOOST_TEST(r.out.find("--config") != std::string::npos, command);
    BOOST_TEST(r.out.find("--json") != std::string::npos, command);
  }
}

BOOST_AUTO_TEST_CASE(usage_errors_exit_2) {
  Site site;
  BOOST_TEST(site.herald({"list", "--limit", "0"}).exit_code == 2);
  BOOST_TEST(site.herald({"list", "--state", "done"}).exit_code == 2);
  BOOST_TEST(site.herald({"resend"}).exit_code == 2);
  CommandResult r = test::run_command({test::herald_binary(), "status", "--config", site.dir / "missing.yaml"});
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(r.err.find("nothing was done") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(write_commands_say_the_daemon_is_down_and_exit_3) {
  Site site;
  for (std::vector<std::string> args :
       {std::vector<std::string>{"resend", "1001"}, {"resend", "1001", "--dry-run"}, {"retry"},
        {"retry", "--target", "hook", "1001"}, {"reload"}}) {
    CommandResult r = site.herald(args);
    BOOST_TEST(r.exit_code == 3, args[0]);
    BOOST_TEST(r.err == site.not_running);
    BOOST_TEST(r.out == "");
  }
}

BOOST_AUTO_TEST_CASE(status_without_daemon_or_outbox) {
  Site site;
  CommandResult r = site.herald({"status"});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.out == site.not_running.substr(8) + "outbox: " + site.state +
                          "/outbox.db does not exist yet (herald has not run with this state "
                          "directory)\n\nno targets configured, and no deliveries recorded\n");
  r = site.herald({"status", "--json"});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.out == R"({"daemon":{"running":false},"outbox":{"path":")" + site.state +
                          R"(/outbox.db","found":false},"posts":null,"last_rebuild":null,"targets":[]})"
                          "\n");
  r = site.herald({"list", "--json"});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.out == "{\"posts\":[]}\n");
  BOOST_TEST(r.err == site.not_running + "herald: no outbox yet at " + site.state + "/outbox.db\n");
}

BOOST_AUTO_TEST_CASE(status_and_list_read_the_outbox_when_the_daemon_is_down) {
  Site site;
  fill_outbox(site);
  CommandResult r = site.herald({"status"});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.out == site.not_running.substr(8) + "outbox: " + site.state + "/outbox.db\n\n" +
                          "TARGET  TYPE  PENDING  IN FLIGHT  SENT  DEAD  NEXT ATTEMPT             LAST ERROR\n"
                          "hook    -           0          0     1     1  -                        2026-11-29 12:00:01 UTC  HTTP 410: Gone\n"
                          "other   -           1          0     0     0  2026-11-29 12:00:00 UTC  -\n");
  r = site.herald({"list"});
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(r.out ==
             "DATE (UTC)        POST  TITLE                    TARGET  STATE    TRIES  REMOTE URL / ERROR\n"
             "2026-11-29 12:00  1002  Obras en la calle Mayor  hook    dead         1  HTTP 410: Gone\n"
             "                                                 other   pending      0  next 2026-11-29 12:00\n"
             "2026-11-29 10:00  1001  Inauguración del parque  hook    sent         1  https://hook.example/r/1\n");
  r = site.herald({"list", "--state", "dead", "--json"});
  BOOST_TEST(r.exit_code == 0);
  boost::json::value list = boost::json::parse(r.out);
  BOOST_TEST(list.at("posts").as_array().size() == 1u);
  BOOST_TEST(list.at("posts").at(0).at("id").as_string() == "1002");
}

BOOST_AUTO_TEST_CASE(status_of_a_running_daemon) {
  Site site;
  DaemonSnapshot s;
  s.started_ms = 1;  // long ago
  s.pid = 4242;
  s.version = "0.1.0";
  s.published = 190000;
  s.last_rebuild_ms = kNoon;
  s.last_rebuild_duration_ms = 12;
  TargetCounts hook;
  hook.target = "hook";
  hook.sent = 5;
  FakeDaemon daemon(site.socket, {{"status", status_json(s, {hook}, {{"hook", TargetType::webhook}})}});
  CommandResult r = site.herald({"status"});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.out.rfind("herald 0.1.0 is running (pid 4242), up since 1970-01-01 00:00:00 UTC (", 0) == 0);
  BOOST_TEST(r.out.find("posts: 190000 published, 0 scheduled, 0 drafts\n"
                        "last rebuild: 2026-11-29 12:00:00 UTC, 12 ms, ok\n\n"
                        "TARGET  TYPE     PENDING  IN FLIGHT  SENT  DEAD  NEXT ATTEMPT  LAST ERROR\n"
                        "hook    webhook        0          0     5     0  -             -\n") !=
             std::string::npos);
  r = site.herald({"status", "--json"});
  BOOST_TEST(boost::json::parse(r.out) == status_json(s, {hook}, {{"hook", TargetType::webhook}}));
}

BOOST_AUTO_TEST_CASE(resend_prints_the_requests_exactly) {
  Site site;
  ShownRequest request{"hook", "msg_9", "POST", "https://hook.example/in",
                        {{"content-type", "application/json"}, {"webhook-id", "msg_9"}},
                        "{\"type\":\"post.published\"}"};
  OutboxPost post{"1001", "Inauguración", "https://example.org/p/1001/", "p.md", kNoon};
  FakeDaemon daemon(site.socket, {{"resend", resend_json(post, {request}, true)}});
  CommandResult r = site.herald({"resend", "1001", "--target", "hook", "-t", "other", "--dry-run"});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.out ==
             "post 1001 \"Inauguración\" https://example.org/p/1001/\n"
             "dry run: nothing was sent; herald would send 1 request:\n"
             "\n--- hook (message msg_9)\n"
             "POST https://hook.example/in\n"
             "content-type: application/json\n"
             "webhook-id: msg_9\n"
             "\n{\"type\":\"post.published\"}\n");
  BOOST_TEST(daemon.commands ==
             std::vector<std::string>{R"(resend {"post":"1001","targets":["hook","other"],"dry_run":true})"});
}

BOOST_AUTO_TEST_CASE(retry_prints_how_many) {
  Site site;
  FakeDaemon daemon(site.socket, {{"retry", retry_json(3)}});
  CommandResult r = site.herald({"retry", "--target", "hook"});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.out == "herald: requeued 3 dead deliveries; they are sent now\n");
  r = site.herald({"retry", "1001", "--json"});
  BOOST_TEST(r.out == "{\"requeued\":3}\n");
  BOOST_TEST(daemon.commands ==
             (std::vector<std::string>{R"(retry {"target":"hook"})", R"(retry {"post":"1001"})"}));
}

BOOST_AUTO_TEST_CASE(reload_exits_with_the_daemons_outcome) {
  Site site;
  DaemonSnapshot s;
  s.published = 20;
  s.last_rebuild_duration_ms = 31;
  {
    FakeDaemon daemon(site.socket, {{"reload", reload_json(s)}});
    CommandResult r = site.herald({"reload"});
    BOOST_TEST(r.exit_code == 0);
    BOOST_TEST(r.out == "herald: reloaded in 31 ms (20 published, 0 scheduled, 0 drafts)\n");
  }
  FakeDaemon failing(site.socket,
                     {{"reload", control_error("herald.yaml:3:1: site.url: expected an http(s) URL; "
                                               "the previous configuration stays in force")}});
  CommandResult r = site.herald({"reload"});
  BOOST_TEST(r.exit_code == 1);
  BOOST_TEST(r.err == "herald: reload failed: herald.yaml:3:1: site.url: expected an http(s) URL; "
                      "the previous configuration stays in force\n");
}

BOOST_AUTO_TEST_CASE(config_before_or_after_the_command) {
  Site site;
  fill_outbox(site);
  std::string expected = site.herald({"list"}).out;
  BOOST_TEST(expected.find("Obras en la calle Mayor") != std::string::npos);
  for (std::vector<std::string> args :
       {std::vector<std::string>{"-c", site.config, "list"}, {"--config", site.config, "list"},
        {"list", "-c", site.config}, {"--config=" + site.config, "list"}}) {
    args.insert(args.begin(), test::herald_binary());
    CommandResult r = test::run_command(args);
    BOOST_TEST(r.exit_code == 0, args[1]);
    BOOST_TEST(r.out == expected, args[1]);
  }
  CommandResult r = test::run_command({test::herald_binary(), "-c", site.config, "check"});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.out.find("herald: no problems found\n") != std::string::npos);
}

// What `herald` says with no --config, no $HERALD_CONFIG and no
// /etc/herald/herald.yaml; `example` is where it says the example is.
std::string no_default_config(const std::string& example) {
  return "herald: no configuration file at /etc/herald/herald.yaml (the default); pass one "
         "with -c/--config PATH, or set $HERALD_CONFIG\n"
         "herald: an annotated example to start from: " + example + "\n";
}

BOOST_AUTO_TEST_CASE(a_missing_default_config_says_how_to_give_one) {
  if (std::filesystem::exists("/etc/herald/herald.yaml")) {
    BOOST_TEST_MESSAGE("skipped: /etc/herald/herald.yaml exists on this machine");
    return;
  }
  const std::string from_source =
      no_default_config("config/herald.example.yaml in herald's source (installed as "
                        "/usr/share/doc/herald/examples/herald.example.yaml); how to install "
                        "and configure herald: docs/operations.md");
  for (const char* command : {"status", "check", "run"}) {
    CommandResult r = test::run_command({test::herald_binary(), command}, "", {"HERALD_CONFIG="});
    BOOST_TEST(r.exit_code == 2, command);
    BOOST_TEST(r.err == from_source, command);
    BOOST_TEST(r.out == "", command);
  }
  // Installed under a prefix: the example and the docs beside the binary.
  TempDir prefix;
  std::filesystem::create_directories(prefix / "bin");
  std::filesystem::copy_file(test::herald_binary(), prefix / "bin/herald");
  std::string docs = prefix / "share/doc/herald";
  test::write_file(docs + "/examples/herald.example.yaml", "site:\n");
  CommandResult r = test::run_command({prefix / "bin/herald", "list"}, "", {"HERALD_CONFIG="});
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(r.err == no_default_config(docs + "/examples/herald.example.yaml; how to install "
                                        "and configure herald: " + docs + "/operations.md"));
}

// Every secret of these targets comes from a variable or a credential that
// an editor's shell does not have.
const std::string kSecretTargets = R"(targets:
  - name: hook
    type: webhook
    url: ${HERALD_TEST_HOOK_URL}
    secret: ${HERALD_TEST_HOOK_SECRET}
    headers:
      Authorization: Bearer ${HERALD_TEST_HOOK_TOKEN}
  - name: toots
    type: mastodon
    url: https://mastodon.example
    token_file: mastodon-token
  - name: chat
    type: discord
    url: ${HERALD_TEST_DISCORD_URL}
)";

BOOST_AUTO_TEST_CASE(editor_commands_need_no_secret) {
  Site site(kSecretTargets);
  fill_outbox(site);
  CommandResult r = site.herald({"status"});
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(r.out.find("TARGET  TYPE      PENDING") != std::string::npos, r.out);
  BOOST_TEST(r.out.find("\nchat    discord         0") != std::string::npos, r.out);
  BOOST_TEST(r.out.find("\ntoots   mastodon        0") != std::string::npos, r.out);
  r = site.herald({"list", "--target", "hook"});
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(r.out.find("HTTP 410: Gone") != std::string::npos);
  for (std::vector<std::string> args :
       {std::vector<std::string>{"resend", "1001"}, {"retry"}, {"reload"}}) {
    r = site.herald(args);
    BOOST_TEST(r.exit_code == 3, args[0]);
    BOOST_TEST(r.err == site.not_running, args[0]);
  }
}

BOOST_AUTO_TEST_CASE(editor_commands_still_check_the_rest) {
  Site site(kSecretTargets + "  - name: hook\n    type: webhok\n");
  CommandResult r = site.herald({"status"});
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(r.err.find("'targets[3].name' repeats 'hook'") != std::string::npos, r.err);
  BOOST_TEST(r.err.find("'targets[3].type' names an unknown target type 'webhok'") !=
                 std::string::npos, r.err);
  BOOST_TEST(r.err.find("HERALD_TEST") == std::string::npos, r.err);
}

BOOST_AUTO_TEST_CASE(check_and_run_still_need_every_secret) {
  Site site(kSecretTargets);
  const std::string unset = "uses ${HERALD_TEST_HOOK_SECRET}, but the environment variable "
                            "HERALD_TEST_HOOK_SECRET is not set";
  for (const char* command : {"check", "build", "run"}) {
    CommandResult r = site.herald({command});
    BOOST_TEST(r.exit_code == 2, command);
    BOOST_TEST(r.err.find(unset) != std::string::npos, command << ": " << r.err);
    BOOST_TEST(r.err.find("'targets[1].token_file' names the credential 'mastodon-token'") !=
                   std::string::npos, command << ": " << r.err);
    BOOST_TEST(r.err.find("HERALD_TEST_DISCORD_URL is not set") != std::string::npos, command);
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
