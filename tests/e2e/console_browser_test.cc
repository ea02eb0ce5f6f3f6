// The console in a real headless Chromium (tests/e2e/console_browser.py,
// Selenium with Debian's chromium-driver) against a real `herald run` and
// the loopback Mastodon fake: log in, see the new post, edit the text past
// the limit (refused) and within it, approve (one status at the fake, with
// that text), reject another post, resend, retry a dead letter (a target
// whose token the fake refuses), log out; with JavaScript, first live
// updates: a new post appears on the open list and an approval made with
// `herald approve` on the open post page, neither reloaded;
// then the same with JavaScript disabled. Skipped, saying why, only when
// chromium, chromedriver or python3-selenium is absent (.ci/packages-test
// installs them). HERALD_CONSOLE_SHOTS=DIR keeps a screenshot of each page.
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <filesystem>
#include <string>

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
const std::string kPassword = "clave-del-navegador-2026";

// Why the browser cannot run here, or "".
std::string missing_browser() {
  for (const char* path : {"/usr/bin/chromium", "/usr/bin/chromedriver", "/usr/bin/python3"}) {
    if (!std::filesystem::exists(path)) return std::string(path) + " is not installed";
  }
  test::CommandResult selenium = test::run_command({"/usr/bin/python3", "-c", "import selenium"});
  return selenium.exit_code == 0 ? "" : "python3-selenium is not installed";
}

std::int64_t count_of(const Site& site, const char* state) { return test::deliveries_in(site, "toot", state); }

std::string statuses_text(const MastodonFake& fake, std::size_t i) {
  return std::string(boost::json::parse(fake.statuses().at(i).body).at("status").as_string());
}

void browse(const Site& site, const DaemonProcess& daemon, int console_port, bool javascript, const std::string& edited,
            int first, int second) {
  const char* shots = std::getenv("HERALD_CONSOLE_SHOTS");
  std::vector<std::string> argv{"timeout", "-k", "5", "180", "/usr/bin/python3",
                                test::source_dir() + "/tests/e2e/console_browser.py",
                                "--port", std::to_string(console_port), "--user", "ana", "--password", kPassword,
                                "--first-post", std::to_string(first), "--first-title", "Noticia " + std::to_string(first),
                                "--second-post", std::to_string(second), "--edited-text", edited,
                                "--dead-post", std::to_string(first),
                                "--profile", site.dir / (javascript ? "chrome-js" : "chrome-nojs")};
  if (!javascript) argv.push_back("--no-javascript");
  if (javascript) {  // a post the browser moves into the content directory while it watches the list
    const int live = first + 5;
    const std::string from = site.dir / "live-post.md";
    test::write_file(from, test::post(live, "Noticia en vivo " + std::to_string(live), "2024-03-01T10:00:00-06:00"));
    argv.insert(argv.end(), {"--live-post", std::to_string(live), "--live-title", "Noticia en vivo " + std::to_string(live),
                             "--live-from", from, "--live-to", site.content("nuevas/n" + std::to_string(live) + ".md"),
                             "--herald", test::herald_binary(), "--config", site.config_path()});
  }
  if (shots != nullptr && javascript) argv.insert(argv.end(), {"--shots", shots});
  test::CommandResult run = test::run_command(argv);
  BOOST_TEST_REQUIRE(run.exit_code == 0, run.out + run.err + "\n--- herald's log:\n" + daemon.log());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(console_browser)

BOOST_AUTO_TEST_CASE(an_editor_works_in_a_real_browser_with_and_without_javascript) {
  if (std::string why = missing_browser(); !why.empty()) {
    BOOST_TEST_MESSAGE("skipped: " + why + " (.ci/packages-test installs chromium, chromium-driver, python3-selenium)");
    return;
  }
  MastodonFake fake("fake-token", 500);
  Site site(3);
  const int console_port = test::free_port();
  // "refused" is refused at once: a dead letter for each post, to retry.
  test::write_approval_site(site, fake, "required", console_port,
                            "  - name: refused\n"
                            "    type: mastodon\n"
                            "    url: \"" + fake.url() + "\"\n"
                            "    token: \"revoked-token\"\n"
                            "    image: false\n");
  test::set_console_password(site, "ana", "editor", kPassword);
  DaemonProcess daemon(site.config_path());
  test::require_started(daemon);

  int sent = 0;
  for (bool javascript : {true, false}) {
    const int first = javascript ? 2000 : 2010;
    const int second = first + 1;
    for (int id : {first, second}) {
      test::write_file(site.content("nuevas/n" + std::to_string(id) + ".md"),
                       test::post(id, "Noticia " + std::to_string(id), "2024-03-01T10:00:00-06:00"));
    }
    BOOST_TEST_REQUIRE(test::wait_until([&] { return count_of(site, "awaiting_approval") == 2; }, kDelivery),
                       daemon.log());
    const std::int64_t dead = javascript ? 2 : 5;  // the live post's too
    BOOST_TEST_REQUIRE(test::wait_until([&] {
      return test::deliveries_in(site, "refused", "dead") == dead;
    }, kDelivery), daemon.log());
    const std::string edited = std::string("Texto del navegador ") + (javascript ? "con" : "sin") + " JavaScript";
    browse(site, daemon, console_port, javascript, edited, first, second);
    sent += javascript ? 3 : 2;  // the live post's approval, the editor's approval, the resend
    BOOST_TEST_REQUIRE(test::wait_until([&] { return fake.statuses().size() == static_cast<std::size_t>(sent); },
                                        kDelivery), daemon.log());
    BOOST_TEST(statuses_text(fake, sent - 2) == edited);
    BOOST_TEST(count_of(site, "awaiting_approval") == 0);
  }
  BOOST_TEST(count_of(site, "rejected") == 2);
  BOOST_TEST(fake.statuses().size() == 5u);  // two approvals and a resend with JavaScript, one of each without
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
