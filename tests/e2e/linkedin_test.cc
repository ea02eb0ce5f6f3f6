// LinkedIn end to end: a real `herald run` posting to the loopback
// LinkedInFake (tests/support/loopback/linkedin_fake.h). The request
// sequence of the seed post (golden: the image uploaded, then the article
// post with its thumbnail); a lost answer (the fake makes the post, then
// resets the connection) followed by the look-up and no second post; a
// 429 waited out and the post sent once; the dry run with the token
// hidden; an expired token dead with the instructions `herald status`
// shows.
#include <chrono>
#include <string>

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include "tests/e2e/daemon_process.h"
#include "tests/e2e/network_posts.h"
#include "tests/e2e/site_fixture.h"
#include "tests/support/images/test_images.h"
#include "tests/support/loopback/linkedin_fake.h"
#include "tests/support/test_support.h"

namespace herald {
namespace {

using namespace std::chrono_literals;
using test::DaemonProcess;
using test::LinkedInFake;
using test::ReceivedRequest;
using test::Site;
using test::add_post;
using test::add_seed;
using test::contains;
using test::count_of;

constexpr auto kDelivery = 30s;
const std::string kSeedUrl =
    "https://noticias.example.org/noticias/2021/08/10/capacita-imm-a-su-personal-sobre-violencia-extrema/";
const std::string kSeedTitle = "Capacita IMM a su personal sobre violencia extrema";
const std::string kToken = "AQVtoken123";

const std::string kDeliverySection =
    "delivery:\n"
    "  backoff_initial: 200ms\n"
    "  backoff_max: 1s\n"
    "  max_attempts: 5\n"
    "  timeout: 3s\n"
    "  lease: 10s\n";

std::string linkedin_target(const std::string& name, const LinkedInFake& fake) {
  return "  - name: " + name + "\n"
         "    type: linkedin\n"
         "    url: \"" + fake.url() + "\"\n"
         "    author: \"urn:li:organization:2414183\"\n"
         "    access_token: \"" + kToken + "\"\n"
         "    api_version: \"202601\"\n";
}

// A site whose static_dir holds the posts' images (PNG photos).
struct LinkedInSite {
  Site site;
  explicit LinkedInSite(const std::string& targets) : site(3, "targets:\n" + targets + kDeliverySection) {
    std::string config = test::read_file(site.config_path());
    const std::string zone = "  timezone: America/Chihuahua\n";
    config.replace(config.find(zone), zone.size(), zone + "  static_dir: static\n");
    test::write_file(site.config_path(), config);
    test::write_file(site.dir / "static/uploads/2021/images-unnamed.png", test::photo(1200, 900, "png"));
    for (int id : {2001, 2002, 2003}) {
      test::write_file(site.dir / ("static/uploads/" + std::to_string(id) + ".png"), test::photo(600, 400, "png"));
    }
  }
};

// The requests with `method` whose path (query left out) is `path`.
std::size_t count_requests(const LinkedInFake& fake, const std::string& method, const std::string& path) {
  std::size_t n = 0;
  for (const ReceivedRequest& request : fake.requests_to(path)) n += request.method == method ? 1 : 0;
  return n;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(linkedin)

BOOST_AUTO_TEST_CASE(posts_articles_looks_up_lost_answers_waits_out_a_429_and_stops_on_an_expired_token) {
  LinkedInFake fake("urn:li:organization:2414183", kToken);
  LinkedInSite s(linkedin_target("li", fake));
  DaemonProcess daemon(s.site.config_path());
  test::require_started(daemon);

  // Golden: initializeUpload, the PUT of the image, the article post.
  add_seed(s.site);
  BOOST_TEST_REQUIRE(test::wait_until([&] { return count_of(s.site, "li", "sent") == 1; }, kDelivery),
                     daemon.log());
  std::vector<ReceivedRequest> requests = fake.receiver().requests();
  BOOST_TEST_REQUIRE(requests.size() == 3u, daemon.log());
  BOOST_TEST(requests[0].method == "POST");
  BOOST_TEST(requests[0].target == "/rest/images?action=initializeUpload");
  BOOST_TEST(requests[0].body == R"({"initializeUploadRequest":{"owner":"urn:li:organization:2414183"}})");
  BOOST_TEST(requests[1].method == "PUT");
  BOOST_TEST(requests[1].target == "/dms-uploads/1");
  BOOST_TEST(requests[1].header("content-type").rfind("image/", 0) == 0u);
  BOOST_TEST(requests[2].method == "POST");
  BOOST_TEST(requests[2].target == "/rest/posts");
  for (const ReceivedRequest& request : requests) {
    BOOST_TEST(request.header("authorization") == "Bearer " + kToken);
  }
  BOOST_TEST(requests[2].header("linkedin-version") == "202601");
  BOOST_TEST(requests[2].header("x-restli-protocol-version") == "2.0.0");
  BOOST_TEST(requests[2].header("content-type") == "application/json");
  boost::json::object body = boost::json::parse(requests[2].body).as_object();
  BOOST_TEST(body.at("author").as_string() == "urn:li:organization:2414183");
  BOOST_TEST(body.at("visibility").as_string() == "PUBLIC");
  BOOST_TEST(body.at("lifecycleState").as_string() == "PUBLISHED");
  const boost::json::object& article = body.at("content").at("article").as_object();
  BOOST_TEST(article.at("source").as_string() == kSeedUrl);
  BOOST_TEST(article.at("title").as_string() == kSeedTitle);
  BOOST_TEST(article.at("thumbnail").as_string() == "urn:li:image:D4E10AQ1");
  BOOST_TEST(article.at("thumbnailAltText").as_string() == kSeedTitle);
  std::string commentary(body.at("commentary").as_string());
  BOOST_TEST(commentary.rfind(kSeedTitle + "\n\nEl diplomado tiene como objetivo", 0) == 0u, commentary);
  BOOST_TEST(contains(commentary, "\n\n#Local #IMM #capacitación"), commentary);
  BOOST_TEST_REQUIRE(fake.images().size() == 1u);
  BOOST_TEST(!fake.images()[0].empty());
  BOOST_TEST_REQUIRE(fake.posts().size() == 1u);
  test::CommandResult list = test::herald_cli(s.site, {"list", "--target", "li"});
  BOOST_TEST(contains(list.out, "https://www.linkedin.com/feed/update/" + fake.posts()[0].urn + "/"), list.out);

  // A lost answer: the post was made; the retry finds it on the page.
  fake.lose_post_answers(1);
  add_post(s.site, 2001, "Bacheo en la avenida Juárez");
  BOOST_TEST_REQUIRE(test::wait_until([&] { return count_of(s.site, "li", "sent") == 2; }, kDelivery),
                     daemon.log());
  // (libcurl may send the request again on a fresh connection at once: then
  // LinkedIn's DUPLICATE_POST names the post, and no look-up is needed.)
  BOOST_TEST(fake.posts().size() == 2u);
  BOOST_TEST(count_requests(fake, "GET", "/rest/posts") <= 1u);
  std::size_t posts = count_requests(fake, "POST", "/rest/posts");

  // A 429 (here with Retry-After): waited, then sent once.
  fake.rate_limit_posts(1, 2);
  add_post(s.site, 2002, "Feria del libro en la plaza");
  BOOST_TEST_REQUIRE(test::wait_until([&] { return count_of(s.site, "li", "sent") == 3; }, kDelivery),
                     daemon.log());
  std::vector<ReceivedRequest> creates;
  for (ReceivedRequest& request : fake.requests_to("/rest/posts")) {
    if (request.method == "POST") creates.push_back(std::move(request));
  }
  BOOST_TEST_REQUIRE(creates.size() == posts + 2);
  BOOST_TEST((creates[posts + 1].arrival - creates[posts].arrival) >= 1s);
  BOOST_TEST(fake.posts().size() == 3u);

  // The dry run: the requests as sent, the token hidden.
  test::CommandResult dry = test::herald_cli(s.site, {"resend", "2001", "--target", "li", "--dry-run", "--json"});
  BOOST_TEST_REQUIRE(dry.exit_code == 0, dry.err);
  BOOST_TEST(contains(dry.out, fake.url() + "/rest/posts"), dry.out);
  BOOST_TEST(!contains(dry.out, kToken), dry.out);

  // An expired token: dead with what to do, the target stopped.
  fake.expire_token();
  add_post(s.site, 2003, "Cierre vial por desfile");
  BOOST_TEST_REQUIRE(test::wait_until([&] { return count_of(s.site, "li", "dead") == 1; }, kDelivery),
                     daemon.log());
  test::CommandResult status = test::herald_cli(s.site, {"status"});
  // (The post has an image: the first request refused is the upload's.)
  BOOST_TEST(contains(status.out, "POST /rest/images: LinkedIn refused the access token (HTTP"), status.out);
  std::string reason(test::target_status(s.site, "li").at("last_error").as_string());
  BOOST_TEST(contains(reason, "LinkedIn refused the access token (HTTP 401, EXPIRED_ACCESS_TOKEN, serviceErrorCode "
                              "65601: The token used in the request has expired): it expired (tokens last 60 days)"),
             reason);
  BOOST_TEST(contains(reason, "put the new token in access_token or access_token_file, run herald reload, then "
                              "herald retry --target li"),
             reason);
  BOOST_TEST(fake.posts().size() == 3u);
  BOOST_TEST(!contains(daemon.log(), kToken));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
