// Facebook Pages and X end to end: a real `herald run` posting to the
// loopback fakes of tests/support/loopback (graph_fake.h, x_fake.h). Per
// network: the request sequence of the seed post (golden), a lost answer
// (the fake makes the post, then resets the connection) followed by the
// look-up and no second post, a throttle or 429 waited out and the post
// sent once, a refused token dead with the instructions `herald status`
// shows; for X also the image uploaded with its alt text before the post,
// and a kill -9 after the rotated refresh token was stored and the image
// uploaded and before the post went, then a restart that goes on with the
// chain and the same media.
#include <chrono>
#include <csignal>
#include <optional>
#include <string>
#include <thread>

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include "tests/e2e/daemon_process.h"
#include "tests/e2e/network_posts.h"
#include "tests/e2e/site_fixture.h"
#include "tests/support/loopback/form_fields.h"
#include "tests/support/loopback/graph_fake.h"
#include "tests/support/loopback/x_fake.h"
#include "tests/support/images/test_images.h"
#include "tests/support/test_support.h"

namespace herald {
namespace {

using namespace std::chrono_literals;
using test::DaemonProcess;
using test::GraphFake;
using test::ReceivedRequest;
using test::Site;
using test::add_post;
using test::add_seed;
using test::contains;
using test::count_of;
using test::form_field;
using test::XFake;

constexpr auto kDelivery = 20s;

const std::string kDeliverySection =
    "delivery:\n"
    "  backoff_initial: 200ms\n"
    "  backoff_max: 1s\n"
    "  max_attempts: 5\n"
    "  timeout: 3s\n"
    "  lease: 10s\n";

// The seed post's URL on the test site and its text as the networks get it.
const std::string kSeedUrl = "https://noticias.example.org/noticias/2021/08/10/capacita-imm-a-su-personal-sobre-violencia-extrema/";
const std::string kSeedTitle = "Capacita IMM a su personal sobre violencia extrema";

std::string facebook_target(const std::string& name, const GraphFake& fake) {
  return "  - name: " + name + "\n"
         "    type: facebook\n"
         "    url: \"" + fake.url() + "\"\n"
         "    page_id: \"104612345678901\"\n"
         "    token: \"EAAPageToken123\"\n";
}

std::string x_target(const std::string& name, const XFake& fake, const std::string& seed) {
  return "  - name: " + name + "\n"
         "    type: x\n"
         "    url: \"" + fake.url() + "\"\n"
         "    client_id: \"client-1\"\n"
         "    refresh_token: \"" + seed + "\"\n";
}

// A site whose static_dir holds the images of the seed post and of posts
// 2001 to 2003 (1200x900 PNGs, made into JPEGs for X).
struct XSite {
  Site site;
  explicit XSite(const std::string& targets) : site(3, "targets:\n" + targets + kDeliverySection) {
    std::string config = test::read_file(site.config_path());
    const std::string zone = "  timezone: America/Chihuahua\n";
    config.replace(config.find(zone), zone.size(), zone + "  static_dir: static\n");
    test::write_file(site.config_path(), config);
    test::write_file(site.dir / "static/uploads/2021/images-unnamed.png", test::photo(1200, 900, "png"));
    for (int id : {2001, 2002, 2003}) {
      test::write_file(site.dir / ("static/uploads/" + std::to_string(id) + ".png"), test::photo(1200, 900, "png"));
    }
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(networks)

BOOST_AUTO_TEST_CASE(facebook_posts_links_looks_up_lost_answers_waits_throttles_and_stops_on_a_revoked_token) {
  GraphFake fake;
  Site site(3, "targets:\n" + facebook_target("fb", fake) + kDeliverySection);
  DaemonProcess daemon(site.config_path());
  test::require_started(daemon);

  // Golden: the seed post is one POST /feed with its message and link.
  add_seed(site);
  BOOST_TEST_REQUIRE(test::wait_until([&] { return count_of(site, "fb", "sent") == 1; }, kDelivery), daemon.log());
  std::vector<ReceivedRequest> requests = fake.receiver().requests();
  BOOST_TEST_REQUIRE(requests.size() == 1u, daemon.log());
  const ReceivedRequest& feed = requests[0];
  BOOST_TEST(feed.method == "POST");
  BOOST_TEST(feed.target == "/v25.0/104612345678901/feed");
  BOOST_TEST(feed.header("authorization") == "Bearer EAAPageToken123");
  BOOST_TEST(feed.header("content-type") == "application/x-www-form-urlencoded");
  BOOST_TEST(form_field(feed.body, "link") == kSeedUrl);
  std::string message = form_field(feed.body, "message");
  BOOST_TEST(message.rfind(kSeedTitle + "\n\nEl diplomado tiene como objetivo", 0) == 0, message);
  BOOST_TEST(contains(message, "\n\n#Local #IMM #capacitación"), message);
  BOOST_TEST(fake.posts().size() == 1u);
  test::CommandResult list = test::herald_cli(site, {"list", "--target", "fb"});
  BOOST_TEST(contains(list.out, "https://www.facebook.com/104612345678901_1000"), list.out);

  // A lost answer: the post was made; the retry finds it on the Page.
  fake.lose_feed_answers(1);
  add_post(site, 2001, "Bacheo en la avenida Juárez");
  BOOST_TEST_REQUIRE(test::wait_until([&] { return count_of(site, "fb", "sent") == 2; }, kDelivery), daemon.log());
  // (libcurl may send the request again on a fresh connection at once: then
  // Facebook's duplicate answer leads to the same look-up.)
  BOOST_TEST(fake.posts().size() == 2u);
  BOOST_TEST(fake.requests_to("/posts").size() == 1u);
  std::size_t feeds = fake.requests_to("/feed").size();

  // The Page's calls limited: waited, then sent once.
  fake.throttle_feed(1, 0);
  add_post(site, 2002, "Feria del libro en la plaza");
  BOOST_TEST_REQUIRE(test::wait_until([&] { return count_of(site, "fb", "sent") == 3; }, kDelivery), daemon.log());
  BOOST_TEST(fake.posts().size() == 3u);
  BOOST_TEST(fake.requests_to("/feed").size() == feeds + 2);

  // The dry run: the request as sent, the token hidden.
  test::CommandResult dry = test::herald_cli(site, {"resend", "2001", "--target", "fb", "--dry-run", "--json"});
  BOOST_TEST_REQUIRE(dry.exit_code == 0, dry.err);
  BOOST_TEST(contains(dry.out, fake.url() + "/v25.0/104612345678901/feed"), dry.out);
  BOOST_TEST(!contains(dry.out, "EAAPageToken123"), dry.out);

  // A revoked token: dead with what to do, the target stopped.
  fake.revoke_token();
  add_post(site, 2003, "Cierre vial por desfile");
  BOOST_TEST_REQUIRE(test::wait_until([&] { return count_of(site, "fb", "dead") == 1; }, kDelivery), daemon.log());
  test::CommandResult status = test::herald_cli(site, {"status"});
  BOOST_TEST(contains(status.out, "Facebook refused the Page token (code 190, subcode 460"), status.out);
  std::string reason(test::target_status(site, "fb").at("last_error").as_string());
  BOOST_TEST(contains(reason, "get a new Page token (docs/targets.md, Facebook), put it in token or token_file, "
                              "run herald reload, then herald retry --target fb"), reason);
  BOOST_TEST(fake.posts().size() == 3u);
  BOOST_TEST(!contains(daemon.log(), "EAAPageToken123"));
}

BOOST_AUTO_TEST_CASE(x_rotates_tokens_looks_up_lost_answers_waits_for_the_reset_and_stops_on_a_refused_chain) {
  XFake fake("seed-refresh");
  XFake broken("another-seed");  // the configured seed is not the account's: refused
  XSite s(x_target("equis", fake, "seed-refresh") + x_target("rota", broken, "seed-refresh"));
  const Site& site = s.site;
  DaemonProcess daemon(site.config_path());
  test::require_started(daemon);

  // Golden: the seed post is a refresh, the image's upload and alt text,
  // then one POST /2/tweets with the new token and the media.
  add_seed(site);
  BOOST_TEST_REQUIRE(test::wait_until([&] { return count_of(site, "equis", "sent") == 1; }, kDelivery),
                     daemon.log());
  std::vector<ReceivedRequest> requests = fake.receiver().requests();
  BOOST_TEST_REQUIRE(requests.size() == 4u, daemon.log());
  BOOST_TEST(requests[0].method == "POST");
  BOOST_TEST(requests[0].target == "/2/oauth2/token");
  BOOST_TEST(requests[0].body == "grant_type=refresh_token&refresh_token=seed-refresh&client_id=client-1");
  BOOST_TEST(requests[1].target == "/2/media/upload");
  BOOST_TEST(requests[1].header("authorization") == "Bearer access-2");
  BOOST_TEST(contains(requests[1].body, "Content-Disposition: form-data; name=\"media\"; filename=\"image.jpg\"\r\n"
                                        "Content-Type: image/jpeg\r\n\r\n\xff\xd8\xff"));
  BOOST_TEST(requests[2].target == "/2/media/metadata");
  BOOST_TEST(requests[2].header("authorization") == "Bearer access-2");
  const std::string media_id = "1880000000000000000";
  BOOST_TEST(boost::json::parse(requests[2].body) ==
             boost::json::parse(R"({"id":")" + media_id + R"(","metadata":{"alt_text":{"text":")" + kSeedTitle +
                                R"("}}})"));
  BOOST_TEST(requests[3].target == "/2/tweets");
  BOOST_TEST(requests[3].header("authorization") == "Bearer access-2");
  BOOST_TEST(boost::json::parse(requests[3].body) ==
             boost::json::parse(boost::json::serialize(boost::json::object{
                 {"text", kSeedTitle + "\n\n" + kSeedUrl + "\n\n#Local #IMM #capacitación"},
                 {"media", {{"media_ids", boost::json::array{boost::json::value(media_id)}}}}})));
  BOOST_TEST_REQUIRE(fake.posts().size() == 1u);
  BOOST_TEST(fake.posts()[0].media_ids == std::vector<std::string>{media_id});
  BOOST_TEST(fake.media().at(0).alt_text == kSeedTitle);

  // A lost answer: the post was made; the retry finds it on the account.
  fake.lose_post_answers(1);
  add_post(site, 2001, "Bacheo en la avenida Juárez");
  BOOST_TEST_REQUIRE(test::wait_until([&] { return count_of(site, "equis", "sent") == 2; }, kDelivery),
                     daemon.log());
  // (libcurl may send the request again on a fresh connection at once: then
  // X's "duplicate content" leads to the same look-up.)
  BOOST_TEST(fake.posts().size() == 2u);
  BOOST_TEST(fake.requests_to("/2/users/me").size() == 1u);
  BOOST_TEST(fake.requests_to("/2/users/42/tweets").size() == 1u);
  std::size_t tweets = fake.requests_to("/2/tweets").size();

  // A 429: the retry waits for x-rate-limit-reset, then posts once.
  fake.rate_limit_posts(1, 2s);
  add_post(site, 2002, "Feria del libro en la plaza");
  BOOST_TEST_REQUIRE(test::wait_until([&] { return count_of(site, "equis", "sent") == 3; }, kDelivery),
                     daemon.log());
  std::vector<ReceivedRequest> posts = fake.requests_to("/2/tweets");
  BOOST_TEST_REQUIRE(posts.size() == tweets + 2);
  BOOST_TEST((posts[tweets + 1].arrival - posts[tweets].arrival) >= 1s);
  BOOST_TEST(fake.posts().size() == 3u);
  // The retry after the 429 posted the media uploaded before it: one per post.
  BOOST_TEST(fake.media().size() == 3u);
  BOOST_TEST(fake.posts()[2].media_ids == std::vector<std::string>{fake.media()[2].id});

  // The dry run: the upload, the alt text and the post, no token shown.
  test::CommandResult dry = test::herald_cli(site, {"resend", "2001", "--target", "equis", "--dry-run", "--json"});
  BOOST_TEST_REQUIRE(dry.exit_code == 0, dry.err);
  BOOST_TEST(contains(dry.out, fake.url() + "/2/media/upload"), dry.out);
  BOOST_TEST(contains(dry.out, "bytes of image/jpeg>"), dry.out);
  BOOST_TEST(contains(dry.out, fake.url() + "/2/media/metadata"), dry.out);
  BOOST_TEST(contains(dry.out, "<media id from the upload>"), dry.out);
  BOOST_TEST(!contains(dry.out, "access-2"), dry.out);

  // An image X refuses: the post goes without it, and says so.
  fake.refuse_uploads(1);
  add_post(site, 2003, "Cierre vial por desfile");
  BOOST_TEST_REQUIRE(test::wait_until([&] { return count_of(site, "equis", "sent") == 4; }, kDelivery),
                     daemon.log());
  BOOST_TEST(fake.posts().at(3).media_ids.empty());
  BOOST_TEST(contains(daemon.log(), "posting without the image: X refused the image (HTTP 400: media type "
                                    "unrecognized.)"));

  // The refused chain: dead with what to do.
  BOOST_TEST_REQUIRE(test::wait_until([&] { return count_of(site, "rota", "dead") >= 1; }, kDelivery),
                     daemon.log());
  test::CommandResult status = test::herald_cli(site, {"status"});
  BOOST_TEST(contains(status.out, "X refused the refresh token (HTTP 400 invalid_grant"), status.out);
  std::string reason(test::target_status(site, "rota").at("last_error").as_string());
  BOOST_TEST(contains(reason, "authorize herald again for the account (docs/targets.md, X)"), reason);
  BOOST_TEST(broken.posts().empty());
  BOOST_TEST(!contains(daemon.log(), "access-2"));
  BOOST_TEST(!contains(daemon.log(), "refresh-2"));
}

BOOST_AUTO_TEST_CASE(x_killed_after_storing_the_rotated_token_goes_on_with_it) {
  XFake fake("seed-refresh");
  XSite s(x_target("equis", fake, "seed-refresh"));
  const Site& site = s.site;
  {
    // The refresh is answered and stored, the image uploaded and
    // described; the post that would use them hangs.
    fake.hang_posts(1);
    DaemonProcess daemon(site.config_path());
    test::require_started(daemon);
    add_post(site, 2001, "Bacheo en la avenida Juárez");
    BOOST_TEST_REQUIRE(test::wait_until([&] { return fake.requests_to("/2/tweets").size() == 1; }, kDelivery),
                       daemon.log());
    daemon.signal(SIGKILL);
    daemon.wait_exit(10s);
  }
  // The seed is spent: only the stored link of the chain works now, and
  // the access token it came with has expired meanwhile.
  BOOST_TEST(fake.refresh_token() == "refresh-2");
  fake.expire_access_token();
  DaemonProcess daemon(site.config_path());
  test::require_started(daemon);
  BOOST_TEST_REQUIRE(test::wait_until([&] { return count_of(site, "equis", "sent") == 1; }, 30s), daemon.log());
  BOOST_TEST(fake.posts().size() == 1u);
  std::vector<ReceivedRequest> refreshes = fake.requests_to("/2/oauth2/token");
  BOOST_TEST_REQUIRE(refreshes.size() == 2u, daemon.log());
  BOOST_TEST(contains(refreshes[1].body, "refresh_token=refresh-2"), refreshes[1].body);
  BOOST_TEST(fake.posts().at(0).token == "access-3");
  // The media uploaded before the kill is the one posted: no second upload.
  BOOST_TEST_REQUIRE(fake.media().size() == 1u);
  BOOST_TEST(fake.requests_to("/2/media/metadata").size() == 1u);
  BOOST_TEST(fake.posts().at(0).media_ids == std::vector<std::string>{fake.media()[0].id});
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
