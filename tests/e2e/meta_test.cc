// Instagram and Threads end to end: a real `herald run` publishing through
// the loopback MetaFake (tests/support/loopback/meta_fake.h), which fetches
// each image from herald's own server and checks it. Per network: the
// request sequence of the seed post (golden); a kill -9 at each step of the
// container flow, then a restart: exactly one container and one post; a
// lost publish answer looked up, no second post; the publishing limit
// waited out and the post sent once; an expired token dead with the
// instructions `herald status` shows; an Instagram post without an image
// skipped with its reason.
#include <chrono>
#include <csignal>
#include <optional>
#include <string>

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include "tests/e2e/daemon_process.h"
#include "tests/e2e/network_posts.h"
#include "tests/e2e/site_fixture.h"
#include "tests/support/images/test_images.h"
#include "tests/support/loopback/form_fields.h"
#include "tests/support/loopback/meta_fake.h"
#include "tests/support/test_support.h"

namespace herald {
namespace {

using namespace std::chrono_literals;
using test::DaemonProcess;
using test::MetaFake;
using test::ReceivedRequest;
using test::Site;
using test::add_post;
using test::add_seed;
using test::contains;
using test::count_of;
using test::form_field;

constexpr auto kDelivery = 30s;
const std::string kSiteUrl = "https://noticias.example.org/";
const std::string kSeedUrl = kSiteUrl + "noticias/2021/08/10/capacita-imm-a-su-personal-sobre-violencia-extrema/";
const std::string kSeedTitle = "Capacita IMM a su personal sobre violencia extrema";
const std::string kAccount = "17841400008460056";

const std::string kDeliverySection =
    "delivery:\n"
    "  backoff_initial: 200ms\n"
    "  backoff_max: 1s\n"
    "  max_attempts: 5\n"
    "  timeout: 3s\n"
    "  lease: 10s\n";  // the least herald allows: a killed attempt is taken over after it

std::string meta_target(const std::string& name, const std::string& type, const MetaFake& fake) {
  return "  - name: " + name + "\n"
         "    type: " + type + "\n"
         "    url: \"" + fake.url() + "\"\n"
         "    account_id: \"" + kAccount + "\"\n"
         "    token: \"token-1\"\n";
}

// A site whose static_dir holds the seed post's image (a 1200x900 PNG).
struct MetaSite {
  Site site;
  MetaSite(const std::string& targets)
      : site(3, "targets:\n" + targets + kDeliverySection) {
    std::string config = test::read_file(site.config_path());
    const std::string zone = "  timezone: America/Chihuahua\n";
    config.replace(config.find(zone), zone.size(), zone + "  static_dir: static\n");
    test::write_file(site.config_path(), config);
    test::write_file(site.dir / "static/uploads/2021/images-unnamed.png", test::photo(1200, 900, "png"));
  }
};

std::string query_of(const ReceivedRequest& request) {
  std::size_t at = request.target.find('?');
  return at == std::string::npos ? "" : request.target.substr(at + 1);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(meta)

BOOST_AUTO_TEST_CASE(instagram_publishes_the_seed_post_through_a_container) {
  MetaFake fake(MetaFake::Network::instagram);
  MetaSite s(meta_target("ig", "instagram", fake));
  fake.fetch_images_from(kSiteUrl, s.site.port);
  fake.containers_in_progress(1);
  DaemonProcess daemon(s.site.config_path());
  test::require_started(daemon);

  add_seed(s.site);
  BOOST_TEST_REQUIRE(test::wait_until([&] { return count_of(s.site, "ig", "sent") == 1; }, kDelivery),
                     daemon.log());
  BOOST_TEST(fake.image_problems().empty());
  std::vector<ReceivedRequest> requests = fake.receiver().requests();
  BOOST_TEST_REQUIRE(requests.size() == 6u, daemon.log());
  const std::string version = "/v25.0/";
  BOOST_TEST(requests[0].method == "POST");
  BOOST_TEST(requests[0].target == version + kAccount + "/media");
  std::string image_url = form_field(requests[0].body, "image_url");
  BOOST_TEST(image_url.rfind(kSiteUrl + "announce-images/", 0) == 0, image_url);
  BOOST_TEST(image_url.substr(image_url.size() - 4) == ".jpg");
  std::string caption = form_field(requests[0].body, "caption");
  BOOST_TEST(caption.rfind(kSeedTitle + "\n\nEl diplomado tiene como objetivo", 0) == 0, caption);
  BOOST_TEST(contains(caption, "\n\n" + kSeedUrl + "\n\n#Local #IMM #capacitación"), caption);
  BOOST_TEST(form_field(requests[0].body, "access_token") == "token-1");
  const std::string container = fake.containers().at(0).id;
  BOOST_TEST(requests[1].target == version + container + "?fields=status_code,status&access_token=token-1");
  BOOST_TEST(requests[2].target.rfind(version + container + "?", 0) == 0);  // IN_PROGRESS, then FINISHED
  BOOST_TEST(requests[3].target.rfind(version + kAccount + "/content_publishing_limit?", 0) == 0);
  BOOST_TEST(requests[4].target == version + kAccount + "/media_publish");
  BOOST_TEST(requests[4].body == "creation_id=" + container + "&access_token=token-1");
  BOOST_TEST(requests[5].target.rfind(version + fake.posts().at(0).id + "?", 0) == 0);
  BOOST_TEST(contains(query_of(requests[5]), "permalink"));
  BOOST_TEST(fake.posts().size() == 1u);
  test::CommandResult list = test::herald_cli(s.site, {"list", "--target", "ig"});
  BOOST_TEST(contains(list.out, "https://www.instagram.com/p/" + fake.posts().at(0).id), list.out);

  // A post without an image: skipped with the reason.
  add_post(s.site, 2001, "Bacheo en la avenida Juárez");
  BOOST_TEST_REQUIRE(test::wait_until([&] { return count_of(s.site, "ig", "dead") == 1; }, kDelivery),
                     daemon.log());
  test::CommandResult dead = test::herald_cli(s.site, {"list", "--target", "ig", "--state", "dead"});
  BOOST_TEST(contains(dead.out, "skipped: Instagram needs an image"), dead.out);
  BOOST_TEST(contains(daemon.log(), "skipped: Instagram needs an image"));
  BOOST_TEST(fake.posts().size() == 1u);
}

BOOST_AUTO_TEST_CASE(threads_publishes_text_posts_waits_for_the_limit_and_looks_up_a_lost_answer) {
  MetaFake fake(MetaFake::Network::threads);
  MetaSite s(meta_target("hilos", "threads", fake));
  fake.fetch_images_from(kSiteUrl, s.site.port);
  DaemonProcess daemon(s.site.config_path());
  test::require_started(daemon);

  // Golden: a TEXT container (the post has no image), its status, the limit, the publish, the permalink.
  add_post(s.site, 2001, "Bacheo en la avenida Juárez");
  BOOST_TEST_REQUIRE(test::wait_until([&] { return count_of(s.site, "hilos", "sent") == 1; }, kDelivery),
                     daemon.log());
  std::vector<ReceivedRequest> requests = fake.receiver().requests();
  BOOST_TEST_REQUIRE(requests.size() == 5u, daemon.log());
  BOOST_TEST(requests[0].target == "/v1.0/" + kAccount + "/threads");
  BOOST_TEST(form_field(requests[0].body, "media_type") == "TEXT");
  BOOST_TEST(contains(form_field(requests[0].body, "text"), "Bacheo en la avenida Juárez"));
  BOOST_TEST(contains(query_of(requests[1]), "fields=status"));
  BOOST_TEST(requests[2].target.rfind("/v1.0/" + kAccount + "/threads_publishing_limit?", 0) == 0);
  BOOST_TEST(requests[3].target == "/v1.0/" + kAccount + "/threads_publish");

  // The seed post goes with its image, fetched from herald's server.
  add_seed(s.site);
  BOOST_TEST_REQUIRE(test::wait_until([&] { return count_of(s.site, "hilos", "sent") == 2; }, kDelivery),
                     daemon.log());
  BOOST_TEST(fake.posts().at(1).image_url.rfind(kSiteUrl + "announce-images/", 0) == 0);
  BOOST_TEST(fake.image_problems().empty());

  // The publishing limit: waited (a place frees in 2 s here), then published once.
  fake.reach_publishing_limit(2);
  add_post(s.site, 2002, "Feria del libro en la plaza");
  BOOST_TEST_REQUIRE(test::wait_until([&] { return count_of(s.site, "hilos", "sent") == 3; }, kDelivery),
                     daemon.log());
  std::vector<ReceivedRequest> checks = fake.requests_to("/threads_publishing_limit");
  BOOST_TEST_REQUIRE(checks.size() >= 2u);
  BOOST_TEST((checks.back().arrival - checks[checks.size() - 2].arrival) >= 1s);
  BOOST_TEST(fake.posts().size() == 3u);

  // A lost publish answer: the container says PUBLISHED, the post is found.
  fake.lose_publish_answers(1);
  add_post(s.site, 2003, "Cierre vial por desfile");
  BOOST_TEST_REQUIRE(test::wait_until([&] { return count_of(s.site, "hilos", "sent") == 4; }, kDelivery),
                     daemon.log());
  BOOST_TEST(fake.posts().size() == 4u);
  BOOST_TEST(fake.requests_to("/" + kAccount + "/threads").size() >= 5u);  // 4 containers + the look-up

  // An expired token: dead with what to do, the target stopped.
  fake.expire_token();
  add_post(s.site, 2004, "Concierto en el parque central");
  BOOST_TEST_REQUIRE(test::wait_until([&] { return count_of(s.site, "hilos", "dead") == 1; }, kDelivery),
                     daemon.log());
  test::CommandResult status = test::herald_cli(s.site, {"status"});
  BOOST_TEST(contains(status.out, "Threads refused the token (code 190, subcode 463"), status.out);
  std::string reason(test::target_status(s.site, "hilos").at("last_error").as_string());
  BOOST_TEST(contains(reason, "get a new long-lived token (docs/targets.md, Threads), put it in token or "
                              "token_file, run herald reload, then herald retry --target hilos"),
             reason);
  BOOST_TEST(!contains(daemon.log(), "token-1"));
}

// kill -9 while each step of the flow is under way, then a restart: the
// saved container is polled and published, never a second one.
BOOST_AUTO_TEST_CASE(a_kill_at_each_step_of_the_container_flow_still_publishes_exactly_once) {
  struct Step {
    std::string suffix;  // the request that hangs when the daemon is killed
    bool made;           // the publish went out before the kill
  };
  const std::string first_container = "/17900000000000000";
  for (const Step& step : {Step{first_container, false}, Step{"/content_publishing_limit", false},
                           Step{"/media_publish", false}, Step{"/media_publish", true}}) {
    BOOST_TEST_CONTEXT("killed during " << step.suffix << (step.made ? " (made)" : "")) {
      MetaFake fake(MetaFake::Network::instagram);
      MetaSite s(meta_target("ig", "instagram", fake));
      fake.fetch_images_from(kSiteUrl, s.site.port);
      fake.hang(step.suffix, 1, step.made);
      {
        DaemonProcess daemon(s.site.config_path());
        test::require_started(daemon);
        add_seed(s.site);
        BOOST_TEST_REQUIRE(test::wait_until([&] { return !fake.requests_to(step.suffix).empty(); }, kDelivery),
                           daemon.log());
        daemon.signal(SIGKILL);
        daemon.wait_exit(10s);
      }
      DaemonProcess daemon(s.site.config_path());
      test::require_started(daemon);
      BOOST_TEST_REQUIRE(test::wait_until([&] { return count_of(s.site, "ig", "sent") == 1; }, kDelivery),
                         daemon.log());
      BOOST_TEST(fake.containers().size() == 1u);
      BOOST_TEST(fake.posts().size() == 1u);
      std::size_t creations = 0;
      for (const ReceivedRequest& request : fake.requests_to("/" + kAccount + "/media")) {
        creations += request.method == "POST" ? 1 : 0;
      }
      BOOST_TEST(creations == 1u);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
