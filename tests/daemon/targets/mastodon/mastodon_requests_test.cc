#include "daemon/targets/mastodon/mastodon_requests.h"

#include <boost/test/unit_test.hpp>

#include <string>

namespace herald {
namespace {

TargetConfig mastodon_target(std::string url = "https://mastodon.example") {
  TargetConfig target;
  target.name = "toot";
  target.type = TargetType::mastodon;
  target.settings = MastodonSettings{};
  target.url = std::move(url);
  target.as<MastodonSettings>().token = "tok";
  return target;
}

using Headers = std::vector<std::pair<std::string, std::string>>;

BOOST_AUTO_TEST_SUITE(mastodon_requests)

BOOST_AUTO_TEST_CASE(endpoints_join_the_servers_path) {
  BOOST_TEST(mastodon_endpoint("https://mastodon.example", "/api/v1/statuses") ==
             "https://mastodon.example/api/v1/statuses");
  BOOST_TEST(mastodon_endpoint("https://mastodon.example/", "/api/v1/statuses") ==
             "https://mastodon.example/api/v1/statuses");
  BOOST_TEST(mastodon_endpoint("http://127.0.0.1:8080/social/?x=1#f", "/api/v2/media") ==
             "http://127.0.0.1:8080/social/api/v2/media");
}

BOOST_AUTO_TEST_CASE(the_status_request_is_authorized_and_idempotent) {
  HttpRequest request = mastodon_status_request(mastodon_target(), R"({"status":"x"})", "msg_abc");
  BOOST_TEST(request.method == "POST");
  BOOST_TEST(request.url == "https://mastodon.example/api/v1/statuses");
  BOOST_TEST((request.headers == Headers{{"authorization", "Bearer tok"},
                                         {"content-type", "application/json"},
                                         {"idempotency-key", "msg_abc"}}));
  BOOST_TEST(request.body == R"({"status":"x"})");
}

BOOST_AUTO_TEST_CASE(instance_and_poll_requests) {
  HttpRequest v2 = mastodon_instance_request(mastodon_target(), 2);
  BOOST_TEST(v2.method == "GET");
  BOOST_TEST(v2.url == "https://mastodon.example/api/v2/instance");
  BOOST_TEST(mastodon_instance_request(mastodon_target(), 1).url == "https://mastodon.example/api/v1/instance");
  HttpRequest poll = mastodon_media_poll_request(mastodon_target(), "42");
  BOOST_TEST(poll.method == "GET");
  BOOST_TEST(poll.url == "https://mastodon.example/api/v1/media/42");
  BOOST_TEST((poll.headers == Headers{{"authorization", "Bearer tok"}}));
}

BOOST_AUTO_TEST_CASE(the_media_upload_is_a_form_with_the_alt_text) {
  MastodonImage image{"PNGDATA", "image/png", "2000.png"};
  HttpRequest request = mastodon_media_request(mastodon_target(), image, "Imagen del cabildo");
  BOOST_TEST(request.url == "https://mastodon.example/api/v2/media");
  BOOST_TEST_REQUIRE(request.form.size() == 2u);
  BOOST_TEST(request.form[0].name == "file");
  BOOST_TEST(request.form[0].data == "PNGDATA");
  BOOST_TEST(request.form[0].filename == "2000.png");
  BOOST_TEST(request.form[0].content_type == "image/png");
  BOOST_TEST(request.form[1].name == "description");
  BOOST_TEST(request.form[1].data == "Imagen del cabildo");
  BOOST_TEST(mastodon_media_request(mastodon_target(), image, "").form.size() == 1u);
}

BOOST_AUTO_TEST_CASE(image_file_names) {
  BOOST_TEST(mastodon_image_filename("https://noticias.example/uploads/2021/a%20b.png?x=1") == "a%20b.png");
  BOOST_TEST(mastodon_image_filename("https://noticias.example/") == "image");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
