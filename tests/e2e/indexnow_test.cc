// IndexNow end to end: `herald build` writes the key file and submits
// nothing; a real `herald run` with an indexnow target pointed
// at a fake endpoint (tests/support/loopback/indexnow_fake.h) that checks
// the key the way the real service does, by fetching the key file herald
// writes into its output from herald's own server. The first start submits
// nothing; a new post, an edited post and a deleted post are each submitted
// once, in their own batch; a 429 waits for its Retry-After; a key the
// endpoint refuses (403) ends dead naming the key file, the key never
// logged; a batch pending when herald is killed (-9) is submitted once
// after the restart.
#include <csignal>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <boost/url/parse.hpp>

#include "tests/e2e/daemon_process.h"
#include "tests/e2e/site_fixture.h"
#include "tests/support/loopback/indexnow_fake.h"
#include "tests/support/test_support.h"

namespace herald {
namespace {

using namespace std::chrono_literals;
using test::DaemonProcess;
using test::IndexNowFake;
using test::Site;

constexpr auto kDelivery = 15s;
const std::string kKey = "a1b2c3d4e5f6-InDeXnOwKeY";
const std::string kSite = "https://noticias.example.org";
const std::string kNew = kSite + "/noticias/2024/03/01/nueva-ciclovia-en-el-centro/";
const std::string kFirst = kSite + "/noticias/2024/01/10/n1000/";
const std::string kSecond = kSite + "/noticias/2024/01/11/n1001/";

// The key file as the search engines read it: from herald's server, by the
// path of keyLocation (the site's host is not resolvable here).
IndexNowFake::KeyFetch from_herald(const Site& site) {
  return [port = site.port](const std::string& location) -> std::optional<std::string> {
    auto url = boost::urls::parse_uri(location);
    if (!url) return std::nullopt;
    test::HttpReply reply = test::http_request(port, "GET", std::string(url->encoded_path()));
    if (reply.status != 200) return std::nullopt;
    return reply.body;
  };
}

std::string target(const IndexNowFake& fake, const std::string& extra = "") {
  return "targets:\n"
         "  - {name: search, type: indexnow, endpoint: \"" + fake.endpoint() + "\", key: \"" + kKey + "\"" +
         extra + "}\n"
         "delivery: {backoff_initial: 200ms, backoff_max: 1s, max_attempts: 4}\n";
}

void add_post(const Site& site) {
  test::write_file(site.content("nuevas/n2000.md"),
                   test::post(2000, "Nueva ciclovía en el centro", "2024-03-01T10:00:00-06:00"));
}

std::int64_t count_of(const Site& site, const std::string& what) {
  std::optional<boost::json::object> found = test::find_target_status(site, "search");
  return found ? found->at(what).as_int64() : -1;
}

bool settled(const Site& site, std::int64_t sent) {
  return count_of(site, "sent") == sent && count_of(site, "pending") == 0 && count_of(site, "in_flight") == 0;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(indexnow)

BOOST_AUTO_TEST_CASE(new_edited_and_deleted_posts_are_submitted_once_each) {
  Site site(3, "");
  auto fake = std::make_unique<IndexNowFake>(from_herald(site));
  test::write_file(site.config_path(), test::site_config(site.port, "Noticias de prueba", target(*fake)));
  DaemonProcess daemon(site.config_path());
  test::require_started(daemon);
  BOOST_TEST(site.feed(kKey + ".txt") == kKey);
  BOOST_TEST(test::http_request(site.port, "GET", "/" + kKey + ".txt").body == kKey);

  add_post(site);
  BOOST_TEST_REQUIRE(test::wait_until([&] { return fake->accepted().size() == 1; }, kDelivery), daemon.log());
  BOOST_TEST(fake->accepted().at(0) == std::vector<std::string>{kNew}, boost::test_tools::per_element());

  test::write_file(site.content(Site::post_file(1000)),
                   test::post(1000, "Noticia 1000", "2024-01-10T10:00:00-06:00") + "Una corrección.\n");
  BOOST_TEST_REQUIRE(test::wait_until([&] { return fake->accepted().size() == 2; }, kDelivery), daemon.log());
  BOOST_TEST(fake->accepted().at(1) == std::vector<std::string>{kFirst}, boost::test_tools::per_element());

  std::filesystem::remove(site.content(Site::post_file(1001)));
  BOOST_TEST_REQUIRE(test::wait_until([&] { return fake->accepted().size() == 3; }, kDelivery), daemon.log());
  BOOST_TEST(fake->accepted().at(2) == std::vector<std::string>{kSecond}, boost::test_tools::per_element());

  BOOST_TEST_REQUIRE(test::wait_until([&] { return settled(site, 3); }, kDelivery), daemon.log());
  BOOST_TEST(fake->accepted().size() == 3u);
  BOOST_TEST(fake->receiver().count() == 3u);
  const test::ReceivedRequest request = fake->receiver().requests().at(0);
  BOOST_TEST(request.header("content-type") == "application/json; charset=utf-8");
  boost::json::object body = boost::json::parse(request.body).as_object();
  BOOST_TEST(body.at("host").as_string() == "noticias.example.org");
  BOOST_TEST(body.at("key").as_string() == kKey);
  BOOST_TEST(body.at("keyLocation").as_string() == kSite + "/" + kKey + ".txt");
  BOOST_TEST(daemon.log().find(kKey) == std::string::npos, daemon.log());
  // The key file survives the rebuilds the changes made.
  BOOST_TEST(site.feed(kKey + ".txt") == kKey);
}

BOOST_AUTO_TEST_CASE(herald_build_writes_the_key_file_and_submits_nothing) {
  Site site(3, "");
  IndexNowFake fake(from_herald(site));
  test::write_file(site.config_path(), test::site_config(site.port, "Noticias de prueba", target(fake)));
  test::CommandResult built = test::herald_cli(site, {"build"});
  BOOST_TEST_REQUIRE(built.exit_code == 0, built.err);
  BOOST_TEST(site.feed(kKey + ".txt") == kKey);
  BOOST_TEST(built.out.find(kKey) == std::string::npos, built.out);
  BOOST_TEST(fake.receiver().count() == 0u);
  // A key published elsewhere is the operator's: herald writes no file.
  std::filesystem::remove(site.dir / ("public/" + kKey + ".txt"));
  test::write_file(site.config_path(), test::site_config(site.port, "Noticias de prueba",
                                                         target(fake, ", key_location: 'https://cdn.example.org/k.txt'")));
  BOOST_TEST_REQUIRE(test::herald_cli(site, {"build"}).exit_code == 0);
  BOOST_TEST(!std::filesystem::exists(site.dir / ("public/" + kKey + ".txt")));
}

BOOST_AUTO_TEST_CASE(a_429_waits_for_its_retry_after) {
  Site site(3, "");
  IndexNowFake fake(from_herald(site));
  test::write_file(site.config_path(), test::site_config(site.port, "Noticias de prueba", target(fake)));
  fake.rate_limit(1, 1);
  DaemonProcess daemon(site.config_path());
  test::require_started(daemon);
  add_post(site);
  BOOST_TEST_REQUIRE(test::wait_until([&] { return settled(site, 1); }, kDelivery), daemon.log());
  BOOST_TEST(fake.receiver().count() == 2u);
  BOOST_TEST_REQUIRE(fake.accepted().size() == 1u);
  BOOST_TEST(fake.accepted().at(0) == std::vector<std::string>{kNew}, boost::test_tools::per_element());
  std::vector<test::ReceivedRequest> requests = fake.receiver().requests();
  BOOST_TEST((requests.at(1).arrival - requests.at(0).arrival >= 1s));
}

BOOST_AUTO_TEST_CASE(a_refused_key_is_dead_naming_the_key_file) {
  Site site(3, "");
  IndexNowFake fake([](const std::string&) { return std::optional<std::string>("another-key-entirely"); });
  test::write_file(site.config_path(), test::site_config(site.port, "Noticias de prueba", target(fake)));
  DaemonProcess daemon(site.config_path());
  test::require_started(daemon);
  add_post(site);
  BOOST_TEST_REQUIRE(test::wait_until([&] { return count_of(site, "dead") == 1; }, kDelivery), daemon.log());
  BOOST_TEST(fake.receiver().count() == 1u);
  boost::json::object status = test::target_status(site, "search");
  std::string error(status.at("last_error").as_string());
  BOOST_TEST(error.find("HTTP 403: IndexNow did not accept the key: the key file at " + kSite + "/[redacted].txt") == 0,
             error);
  BOOST_TEST(error.find("public/[redacted].txt") != std::string::npos, error);
  BOOST_TEST(error.find(kKey) == std::string::npos, error);
  BOOST_TEST(daemon.log().find(kKey) == std::string::npos, daemon.log());
}

BOOST_AUTO_TEST_CASE(a_batch_pending_at_a_kill_is_submitted_once_after_the_restart) {
  Site site(3, "");
  IndexNowFake fake(from_herald(site));
  test::write_file(site.config_path(), test::site_config(site.port, "Noticias de prueba", target(fake, ", delay: 3s")));
  auto daemon = std::make_unique<DaemonProcess>(site.config_path());
  test::require_started(*daemon);
  add_post(site);
  BOOST_TEST_REQUIRE(test::wait_until([&] { return count_of(site, "pending") == 1; }, kDelivery), daemon->log());
  daemon->signal(SIGKILL);
  BOOST_TEST_REQUIRE(daemon->wait_exit(10s) == -1, daemon->log());
  BOOST_TEST(fake.receiver().count() == 0u);
  daemon = std::make_unique<DaemonProcess>(site.config_path());
  test::require_started(*daemon);
  BOOST_TEST_REQUIRE(test::wait_until([&] { return settled(site, 1); }, kDelivery), daemon->log());
  BOOST_TEST_REQUIRE(fake.accepted().size() == 1u);
  BOOST_TEST(fake.accepted().at(0) == std::vector<std::string>{kNew}, boost::test_tools::per_element());
  BOOST_TEST(fake.receiver().count() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
