// Mastodon targets end to end: a real `herald run` posting to the fake
// Mastodon server of tests/support/loopback/mastodon_fake.h, which also
// serves the site's images (the site's url is the fake's, so the post's
// image URL is fetchable). One status per post with the fitted text, its
// language and visibility, the image (fetched once by the image step, sent
// as its variant) uploaded with its alt text and polled
// while processing; a lost answer is retried with the same Idempotency-Key
// and makes no second status; a refused token is a dead letter shown by
// `herald status`; `herald list` shows the status URL; `herald resend
// --dry-run` shows the requests with the token redacted; a 429 waits for
// the ISO-8601 X-RateLimit-Reset. Two daemon starts in all.
#include <chrono>
#include <string>
#include <thread>

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include "tests/e2e/daemon_process.h"
#include "tests/e2e/site_fixture.h"
#include "tests/support/loopback/mastodon_fake.h"
#include "tests/support/test_support.h"

namespace herald {
namespace {

using namespace std::chrono_literals;
using test::DaemonProcess;
using test::MastodonFake;
using test::ReceivedRequest;
using test::Site;

constexpr auto kDelivery = 20s;  // upload, two polls (1 s + 2 s apart), the status

std::string mastodon_target(const std::string& name, const MastodonFake& fake, const std::string& token,
                            const std::string& extra = "") {
  return "  - name: " + name + "\n"
         "    type: mastodon\n"
         "    url: \"" + fake.url() + "\"\n"
         "    token: \"" + token + "\"\n" + extra;
}

const std::string kDeliverySection =
    "delivery:\n"
    "  backoff_initial: 200ms\n"
    "  backoff_max: 2s\n"
    "  max_attempts: 4\n"
    "  timeout: 2s\n"
    // The site (the fake) is on loopback: its images may be fetched there.
    "  image_networks: [127.0.0.0/8]\n";

// The site of `targets`, published at the fake's address.
void write_config(const Site& site, const MastodonFake& fake, const std::string& targets) {
  std::string config = test::site_config(site.port, "Noticias de prueba", "targets:\n" + targets + kDeliverySection);
  const std::string site_url = "url: https://noticias.example.org/";
  config.replace(config.find(site_url), site_url.size(), "url: " + fake.url() + "/");
  test::write_file(site.config_path(), config);
}

void add_post(const Site& site, int id, const std::string& title) {
  test::write_file(site.content("nuevas/n" + std::to_string(id) + ".md"),
                   test::post(id, title, "2024-03-01T10:00:00-06:00"));
}

std::int64_t count_of(const Site& site, const std::string& target, const char* state) {
  return test::target_status(site, target).at(state).as_int64();
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

BOOST_AUTO_TEST_SUITE(mastodon)

BOOST_AUTO_TEST_CASE(posts_become_one_status_each_with_the_image_and_errors_are_handled) {
  MastodonFake fake("fake-token", 120);
  Site site(3);
  write_config(site, fake,
               mastodon_target("toot", fake, "fake-token", "    visibility: unlisted\n") +
                   mastodon_target("refused", fake, "revoked-token"));
  DaemonProcess daemon(site.config_path());
  test::require_started(daemon);

  // A new post: limits, image, upload (202), polls (206, 200), status.
  add_post(site, 2000, "Inauguran ciclovía en el centro histórico");
  BOOST_TEST_REQUIRE(test::wait_until([&] { return fake.statuses().size() == 1; }, kDelivery), daemon.log());
  test::FakeStatus status = fake.statuses().at(0);
  boost::json::object body = boost::json::parse(status.body).as_object();
  // 41 + 2 + summary + 2 + 23 (the URL) + 2 + 13 <= 120: the summary is cut at a word end.
  BOOST_TEST(body.at("status").as_string() ==
             "Inauguran ciclovía en el centro histórico\n\nResumen de Inauguran ciclovía en el…\n\n" +
                 fake.url() + "/noticias/2024/03/01/inauguran-ciclovia-en-el-centro-historico/\n\n#Local #Obras");
  BOOST_TEST(body.at("visibility").as_string() == "unlisted");
  BOOST_TEST(body.at("language").as_string() == "es");
  BOOST_TEST_REQUIRE(fake.media().size() >= 1u, daemon.log());
  test::FakeMedia media = fake.media().at(0);
  BOOST_TEST(boost::json::serialize(body.at("media_ids")) == "[\"" + media.id + "\"]");
  BOOST_TEST(contains(media.content_type, "multipart/form-data"));
  BOOST_TEST(contains(media.body, "name=\"description\"\r\n\r\nImagen\r\n"), media.body);
  // The image step fetched the site's image once, when the delivery was
  // recorded, and the upload is its variant (an opaque PNG becomes a JPEG,
  // metadata stripped).
  BOOST_TEST(contains(media.body, "filename=\"image.jpeg\""), media.body);
  BOOST_TEST(contains(media.body, "Content-Type: image/jpeg\r\n\r\n\xff\xd8\xff"));
  BOOST_TEST(fake.requests_to("/uploads/2000.png").size() == 1u);
  std::vector<ReceivedRequest> polls = fake.requests_to("/api/v1/media/" + media.id);
  BOOST_TEST_REQUIRE(polls.size() == 2u, daemon.log());
  BOOST_TEST((polls[1].arrival - polls[0].arrival) >= 1500ms);
  BOOST_TEST(!status.idempotency_key.empty());
  BOOST_TEST(test::wait_until([&] { return count_of(site, "toot", "sent") == 1; }, 5s));

  // The refused token: dead, with the reason in `herald status`.
  BOOST_TEST_REQUIRE(test::wait_until([&] { return count_of(site, "refused", "dead") == 1; }, kDelivery),
                     daemon.log());
  std::string reason(test::target_status(site, "refused").at("last_error").as_string());
  BOOST_TEST(contains(reason, "the token was refused (HTTP 401)"), reason);
  test::CommandResult human = test::herald_cli(site, {"status"});
  BOOST_TEST(contains(human.out, "the token was refused (HTTP 401)"), human.out);
  BOOST_TEST(!contains(daemon.log(), "revoked-token"));

  // `herald list` shows the status URL.
  test::CommandResult list = test::herald_cli(site, {"list", "--target", "toot"});
  BOOST_TEST(list.exit_code == 0, list.err);
  BOOST_TEST(contains(list.out, status.url), list.out);

  // A lost answer (500 after the status was made): the retry carries the same key and
  // the server answers the status it made; still one status per post.
  fake.lose_status_answers(1);
  add_post(site, 2001, "Segunda noticia");
  BOOST_TEST_REQUIRE(test::wait_until([&] { return count_of(site, "toot", "sent") == 2; }, kDelivery),
                     daemon.log());
  BOOST_TEST(fake.statuses().size() == 2u);
  std::vector<ReceivedRequest> posts = fake.requests_to("/api/v1/statuses");
  BOOST_TEST_REQUIRE(posts.size() >= 3u, daemon.log());
  std::string key = posts.back().header("idempotency-key");
  BOOST_TEST(key == fake.statuses().at(1).idempotency_key);
  BOOST_TEST(posts[posts.size() - 2].header("idempotency-key") == key);
  // Both attempts sent the variant made once: the image was fetched once.
  BOOST_TEST(fake.requests_to("/uploads/2001.png").size() == 1u);

  // The dry run: every request, the token redacted, a placeholder media id.
  test::CommandResult dry = test::herald_cli(site, {"resend", "2000", "--target", "toot", "--dry-run", "--json"});
  BOOST_TEST_REQUIRE(dry.exit_code == 0, dry.err);
  boost::json::array shown = boost::json::parse(dry.out).at("deliveries").as_array();
  BOOST_TEST_REQUIRE(shown.size() == 4u, dry.out);
  auto url_of = [&](std::size_t i) { return std::string(shown[i].at("request").at("url").as_string()); };
  BOOST_TEST(url_of(0) == fake.url() + "/api/v2/instance");
  BOOST_TEST(url_of(1) == fake.url() + "/uploads/2000.png");
  BOOST_TEST(url_of(2) == fake.url() + "/api/v2/media");
  BOOST_TEST(url_of(3) == fake.url() + "/api/v1/statuses");
  BOOST_TEST(contains(dry.out, "Bearer [redacted]"));
  BOOST_TEST(contains(dry.out, "<media id>"));
  BOOST_TEST(!contains(dry.out, "fake-token"));
  BOOST_TEST(fake.statuses().size() == 2u);
}

BOOST_AUTO_TEST_CASE(a_429_waits_for_the_iso_reset_and_v1_instance_is_read) {
  MastodonFake fake("fake-token", 500);
  fake.without_v2_instance();
  fake.rate_limit_statuses(1, 1500ms);
  Site site(3);
  write_config(site, fake, mastodon_target("toot", fake, "fake-token", "    image: false\n"));
  DaemonProcess daemon(site.config_path());
  test::require_started(daemon);
  add_post(site, 2000, "Noticia con límite");
  // Sent as herald records it: its answer came back, so the fake has logged
  // the request too (it makes the status before it logs the request).
  BOOST_TEST_REQUIRE(test::wait_until([&] { return count_of(site, "toot", "sent") == 1; }, kDelivery),
                     daemon.log());
  BOOST_TEST(fake.statuses().size() == 1u);
  std::vector<ReceivedRequest> posts = fake.requests_to("/api/v1/statuses");
  BOOST_TEST_REQUIRE(posts.size() == 2u, daemon.log());
  BOOST_TEST((posts[1].arrival - posts[0].arrival) >= 1300ms);  // the reset, not the 200 ms backoff
  BOOST_TEST(fake.requests_to("/api/v1/instance").size() == 1u);
  BOOST_TEST(fake.media().empty());
  BOOST_TEST(!boost::json::parse(fake.statuses().at(0).body).as_object().contains("media_ids"));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
