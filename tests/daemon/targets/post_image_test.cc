#include "daemon/targets/post_image.h"

#include <boost/test/unit_test.hpp>

namespace herald {
namespace {

const PostImagePolicy kPolicy{"https://noticias.example/", {"https://cdn.example.org"}, {"10.20.0.0/16"}};

BOOST_AUTO_TEST_SUITE(post_image)

BOOST_AUTO_TEST_CASE(the_sites_image_is_asked_for_from_public_addresses_with_one_byte_more) {
  Result<HttpRequest> request = post_image_request("https://noticias.example/uploads/a.png", kPolicy, 1000);
  BOOST_REQUIRE(request.ok());
  BOOST_TEST(request->method == "GET");
  BOOST_TEST(request->url == "https://noticias.example/uploads/a.png");
  BOOST_TEST(request->max_response_bytes == 1001u);
  BOOST_TEST(request->headers.empty());
  BOOST_TEST(request->public_addresses_only);
  BOOST_TEST(request->allowed_networks == (std::vector<std::string>{"10.20.0.0/16"}),
             boost::test_tools::per_element());
  // The same origin however it is spelled; a listed origin too.
  BOOST_TEST(post_image_request("HTTPS://Noticias.Example:443/a.png", kPolicy, 1).ok());
  BOOST_TEST(post_image_request("https://cdn.example.org/2021/a.jpg", kPolicy, 1).ok());
}

// `image: http://127.0.0.1:PORT/...` in a post once made herald fetch that
// address and upload the bytes to Mastodon.
BOOST_AUTO_TEST_CASE(other_origins_and_schemes_are_refused) {
  for (const char* url : {"http://127.0.0.1:8080/admin", "http://169.254.169.254/latest/meta-data/",
                          "http://noticias.example/a.png", "https://noticias.example:8443/a.png",
                          "https://evil.example/a.png"}) {
    BOOST_TEST(post_image_request(url, kPolicy, 1).error() ==
                   "not on the site's origin nor in delivery.image_origins",
               url);
  }
  for (const char* url : {"javascript:alert(1)", "file:///etc/passwd", "/relative.png", ""}) {
    BOOST_TEST(post_image_request(url, kPolicy, 1).error() == "not an http(s) URL", url);
  }
}

// What the answer to the fetch gives the image step.
BOOST_AUTO_TEST_CASE(the_answer_gives_the_image_or_why_not) {
  HttpResponse ok;
  ok.status = 200;
  ok.body = "PNG";
  BOOST_TEST(*post_image_body(ok, 3) == "PNG");
  BOOST_TEST(post_image_body(ok, 2).error() == "it is more than the 2 bytes an image may have");
  HttpResponse missing;
  missing.status = 404;
  BOOST_TEST(post_image_body(missing, 3).error() == "it could not be fetched (HTTP 404)");
  HttpResponse refused;
  refused.error = "Couldn't connect to server";
  BOOST_TEST(post_image_body(refused, 3).error() == "it could not be fetched (Couldn't connect to server)");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
