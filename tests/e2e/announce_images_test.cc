// Image variants published for networks that fetch by URL (Instagram,
// Threads: issue 16): what PublishedImages writes under the output
// directory is served by `herald run` at the URL it returns, with its
// media type, and is gone once swept.
#include <boost/test/unit_test.hpp>

#include "daemon/images/published_images.h"
#include "tests/e2e/daemon_process.h"
#include "tests/e2e/site_fixture.h"
#include "tests/support/images/test_images.h"
#include "tests/support/test_support.h"

namespace herald::test {
namespace {

BOOST_AUTO_TEST_SUITE(announce_images)

BOOST_AUTO_TEST_CASE(a_published_variant_is_served_at_its_url) {
  Site site;
  DaemonProcess daemon(site.config_path());
  require_started(daemon);

  std::string jpeg = photo(320, 240, "jpeg");
  PublishedImages published(site.dir / "public", "https://noticias.example.org/");
  Result<std::string> url = published.publish(jpeg, ImageFormat::jpeg);
  BOOST_REQUIRE_MESSAGE(url.ok(), url.error());
  const std::string prefix = "https://noticias.example.org/";
  BOOST_REQUIRE(url->rfind(prefix + "announce-images/", 0) == 0);
  std::string path = "/" + url->substr(prefix.size());

  auto served = http_request(site.port, "GET", path);
  BOOST_TEST(served.status == 200);
  BOOST_TEST(served.headers["content-type"] == "image/jpeg");
  BOOST_TEST(served.body == jpeg);

  BOOST_REQUIRE(published.sweep({}).ok());
  BOOST_TEST(http_request(site.port, "GET", path).status == 404);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald::test
