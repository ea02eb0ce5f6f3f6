// Approval before posting, end to end: a real `herald run` with a Mastodon
// target that has `approval: required` (the fake of
// tests/support/loopback/mastodon_fake.h). A new post waits for an editor,
// across a restart; `herald approve --text` refuses a text over the limit
// as Mastodon counts it and posts one within it, exactly once; `herald
// reject` means never sent; a resend is listed as a resend by the Unix
// user who asked; the state database's audit names who decided what. A
// second test: an approval timeout takes its default (approve).
#include <pwd.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <string>

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include "daemon/base/sqlite_db.h"
#include "tests/e2e/console_site.h"
#include "tests/e2e/daemon_process.h"
#include "tests/e2e/site_fixture.h"
#include "tests/support/loopback/mastodon_fake.h"
#include "tests/support/test_support.h"

namespace herald {
namespace {

using namespace std::chrono_literals;
using test::DaemonProcess;
using test::MastodonFake;
using test::Site;

constexpr auto kDelivery = 20s;

void write_config(const Site& site, const MastodonFake& fake, const std::string& approval) {
  test::write_approval_site(site, fake, approval);
}

void add_post(const Site& site, int id, const std::string& title) {
  test::write_file(site.content("nuevas/n" + std::to_string(id) + ".md"),
                   test::post(id, title, "2024-03-01T10:00:00-06:00"));
}

std::int64_t count_of(const Site& site, const char* state) { return test::deliveries_in(site, "toot", state); }

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string me() {
  struct passwd* entry = ::getpwuid(::getuid());
  return entry ? entry->pw_name : "uid " + std::to_string(::getuid());
}

// The audit as "actor action post target" lines, oldest first.
std::vector<std::string> audit_lines(const Site& site) {
  SqliteDb db;
  BOOST_REQUIRE(db.open(site.dir / "state/outbox.db", SqliteOptions{.read_only = true}).ok());
  SqliteStatement stmt;
  BOOST_REQUIRE(db.prepare("SELECT actor, action, post_id, target FROM audit ORDER BY id", &stmt).ok());
  std::vector<std::string> lines;
  while (stmt.step()) {
    lines.push_back(std::string(stmt.column_text(0)) + " " + std::string(stmt.column_text(1)) + " " +
                    std::string(stmt.column_text(2)) + " " + std::string(stmt.column_text(3)));
  }
  return lines;
}

std::string status_text(const MastodonFake& fake, std::size_t i) {
  return std::string(boost::json::parse(fake.statuses().at(i).body).at("status").as_string());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(approval)

BOOST_AUTO_TEST_CASE(an_editor_approves_edits_and_rejects_and_nothing_goes_twice) {
  MastodonFake fake("fake-token", 500);
  Site site(3);
  write_config(site, fake, "required");
  std::optional<DaemonProcess> daemon(std::in_place, site.config_path());
  test::require_started(*daemon);

  add_post(site, 2000, "Corte de agua en el centro");
  BOOST_TEST_REQUIRE(test::wait_until([&] { return count_of(site, "awaiting_approval") == 1; }, kDelivery),
                     daemon->log());
  test::CommandResult waiting = test::herald_cli(site, {"list", "--state", "awaiting_approval"});
  BOOST_TEST(waiting.exit_code == 0, waiting.err);
  BOOST_TEST(contains(waiting.out, "awaiting_approval"), waiting.out);
  BOOST_TEST(contains(waiting.out, "herald approve or reject it"), waiting.out);
  test::CommandResult status = test::herald_cli(site, {"status"});
  BOOST_TEST(contains(status.out, "awaiting approval: toot 1"), status.out);

  // A restart keeps it waiting, and sends nothing.
  daemon->signal(SIGTERM);
  BOOST_TEST(daemon->wait_exit(10s) == 0);
  daemon.emplace(site.config_path());
  test::require_started(*daemon);
  BOOST_TEST(count_of(site, "awaiting_approval") == 1);
  BOOST_TEST(fake.statuses().empty());

  // A text over 500 characters as Mastodon counts them is refused whole.
  test::CommandResult too_long = test::herald_cli(site, {"approve", "2000", "--text", std::string(501, 'a')});
  BOOST_TEST(too_long.exit_code == 1);
  BOOST_TEST(contains(too_long.err, "toot: the text is 501 characters as mastodon counts them; the limit is 500; "
                                    "nothing was approved"), too_long.err);
  BOOST_TEST(count_of(site, "awaiting_approval") == 1);

  // A URL counts 23 however long it is: this one fits.
  const std::string text = "Corte de agua mañana de 9 a 14 h: https://example.org/" + std::string(600, 'x');
  test::CommandResult approved = test::herald_cli(site, {"approve", "2000", "--text", text});
  BOOST_TEST_REQUIRE(approved.exit_code == 0, approved.err);
  BOOST_TEST(contains(approved.out, "herald: approved delivery"), approved.out);
  BOOST_TEST_REQUIRE(test::wait_until([&] { return count_of(site, "sent") == 1; }, kDelivery), daemon->log());
  BOOST_REQUIRE_EQUAL(fake.statuses().size(), 1u);
  BOOST_TEST(status_text(fake, 0) == text);
  test::CommandResult again = test::herald_cli(site, {"approve", "2000"});
  BOOST_TEST(again.exit_code == 1);
  BOOST_TEST(contains(again.err, "post 2000 has no delivery awaiting approval"), again.err);

  // Rejected: never sent. The next post, approved, is the second status.
  add_post(site, 2001, "Aviso que no se publica");
  BOOST_TEST_REQUIRE(test::wait_until([&] { return count_of(site, "awaiting_approval") == 1; }, kDelivery));
  test::CommandResult rejected = test::herald_cli(site, {"reject", "2001", "--target", "toot"});
  BOOST_TEST(rejected.exit_code == 0, rejected.err);
  BOOST_TEST(count_of(site, "rejected") == 1);
  add_post(site, 2002, "Aviso que sí se publica");
  BOOST_TEST_REQUIRE(test::wait_until([&] { return count_of(site, "awaiting_approval") == 1; }, kDelivery));
  BOOST_TEST(test::herald_cli(site, {"approve", "2002"}).exit_code == 0);
  BOOST_TEST_REQUIRE(test::wait_until([&] { return count_of(site, "sent") == 2; }, kDelivery), daemon->log());
  BOOST_REQUIRE_EQUAL(fake.statuses().size(), 2u);
  BOOST_TEST(contains(status_text(fake, 1), "Aviso que sí se publica"));

  // A resend is not held, and is listed as a resend by whoever asked.
  test::CommandResult resend = test::herald_cli(site, {"resend", "2002", "--target", "toot"});
  BOOST_TEST_REQUIRE(resend.exit_code == 0, resend.err);
  BOOST_TEST_REQUIRE(test::wait_until([&] { return count_of(site, "sent") == 3; }, kDelivery), daemon->log());
  test::CommandResult listed = test::herald_cli(site, {"list", "--json", "--target", "toot"});
  boost::json::value list = boost::json::parse(listed.out);
  const boost::json::array& deliveries = list.at("posts").at(0).at("deliveries").as_array();
  BOOST_REQUIRE_EQUAL(deliveries.size(), 2u);
  BOOST_TEST(deliveries[0].at("event").as_string() == "post.published");
  BOOST_TEST(deliveries[0].at("resent_by").is_null());
  BOOST_TEST(deliveries[1].at("event").as_string() == "resend");
  BOOST_TEST(deliveries[1].at("resent_by").as_string() == me());
  test::CommandResult table = test::herald_cli(site, {"list", "--target", "toot"});
  BOOST_TEST(contains(table.out, "sent (resend by " + me() + ")"), table.out);

  BOOST_TEST(audit_lines(site) == (std::vector<std::string>{me() + " approve 2000 toot", me() + " reject 2001 toot",
                                                            me() + " approve 2002 toot", me() + " resend 2002 toot"}));
  BOOST_TEST(fake.statuses().size() == 3u);
}

BOOST_AUTO_TEST_CASE(an_approval_timeout_takes_its_default) {
  MastodonFake fake("fake-token", 500);
  Site site(3);
  write_config(site, fake, "{required: true, timeout: 1s, on_timeout: approve}");
  DaemonProcess daemon(site.config_path());
  test::require_started(daemon);
  add_post(site, 2000, "Aviso con plazo");
  BOOST_TEST_REQUIRE(test::wait_until([&] { return fake.statuses().size() == 1; }, kDelivery), daemon.log());
  BOOST_TEST(contains(status_text(fake, 0), "Aviso con plazo"));
  BOOST_TEST(audit_lines(site) == std::vector<std::string>{"timeout approve 2000 toot"});
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
