#include "daemon/images/published_images.h"
#include "feeds/static_image.h"

#include <boost/test/unit_test.hpp>

#include <filesystem>

#include "daemon/base/file_stamp.h"
#include "tests/support/test_support.h"

namespace herald {
namespace {

BOOST_AUTO_TEST_SUITE(published_images)

BOOST_AUTO_TEST_CASE(a_variant_is_published_under_its_hash_and_swept_when_unused) {
  test::TempDir out;
  PublishedImages images(out.path(), "https://example.org/");
  Result<std::string> first = images.publish("jpeg bytes", ImageFormat::jpeg);
  BOOST_REQUIRE_MESSAGE(first.ok(), first.error());
  const std::string name = content_hash("jpeg bytes") + ".jpg";
  BOOST_TEST(*first == "https://example.org/announce-images/" + name);
  BOOST_TEST(test::read_file(out / ("announce-images/" + name)) == "jpeg bytes");
  Result<std::string> again = images.publish("jpeg bytes", ImageFormat::jpeg);
  BOOST_TEST(*again == *first);
  Result<std::string> other = images.publish("png bytes", ImageFormat::png);
  BOOST_REQUIRE(other.ok());

  Result<std::size_t> swept = images.sweep({*first});
  BOOST_REQUIRE(swept.ok());
  BOOST_TEST(*swept == 1u);
  BOOST_TEST(std::filesystem::exists(out / ("announce-images/" + name)));
  BOOST_TEST(!std::filesystem::exists(out / ("announce-images/" + content_hash("png bytes") + ".png")));
  BOOST_TEST(*images.sweep({}) == 1u);
}

BOOST_AUTO_TEST_CASE(sweeping_before_anything_was_published_removes_nothing) {
  test::TempDir out;
  PublishedImages images(out.path(), "https://example.org/");
  Result<std::size_t> swept = images.sweep({});
  BOOST_REQUIRE_MESSAGE(swept.ok(), swept.error());
  BOOST_TEST(*swept == 0u);
}

BOOST_AUTO_TEST_CASE(a_site_relative_image_is_a_file_under_the_static_dir) {
  const std::string site = "https://example.org/";
  BOOST_TEST(*static_image_path("/uploads/2021/a.png", site, "/srv/www/") == "/srv/www/uploads/2021/a.png");
  BOOST_TEST(*static_image_path("https://example.org/uploads/a.png", site, "/srv/www") == "/srv/www/uploads/a.png");
  BOOST_TEST(*static_image_path("/uploads/caf%C3%A9.png", site, "/srv/www") == "/srv/www/uploads/café.png");
  for (const char* elsewhere : {"https://cdn.example.net/a.png", "//cdn.example.net/a.png", "/uploads/../../etc/passwd",
                                "/uploads/a.png?size=2", "/uploads/a.png#x", "uploads/a.png", "/", "/uploads//a.png"}) {
    BOOST_TEST(!static_image_path(elsewhere, site, "/srv/www").has_value(), elsewhere);
  }
  BOOST_TEST(!static_image_path("/uploads/a.png", site, "").has_value());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
