// The sizes of posts' images under site.static_dir, for the feeds' enclosures.
#include <boost/test/unit_test.hpp>

#include "daemon/site/image_sizes.h"
#include "tests/daemon/site/fake_site_files.h"

namespace herald {

BOOST_AUTO_TEST_SUITE(static_image_sizes)

BOOST_AUTO_TEST_CASE(an_image_under_static_dir_has_its_file_size) {
  test::FakeSiteFiles files;
  files.put("/srv/www/uploads/2021/a.png", std::string(1234, 'x'));
  files.put("/srv/www/uploads/empty.png", "");
  SiteConfig site;
  site.url = "https://example.org/";
  BOOST_TEST(!image_sizes(site, files));  // no static_dir: no sizes at all
  site.static_dir = "/srv/www";
  ImageSizeSource sizes = image_sizes(site, files);
  BOOST_REQUIRE(sizes);
  BOOST_TEST(sizes(Image{"/uploads/2021/a.png", ""}).value_or(0) == 1234u);
  BOOST_TEST(sizes(Image{"https://example.org/uploads/2021/a.png", ""}).value_or(0) == 1234u);
  BOOST_TEST(!sizes(Image{"https://cdn.example.net/uploads/2021/a.png", ""}));  // elsewhere
  BOOST_TEST(!sizes(Image{"/uploads/2021/missing.png", ""}));
  BOOST_TEST(!sizes(Image{"/uploads/../../etc/passwd", ""}));  // never outside static_dir
  BOOST_TEST(!sizes(Image{"/uploads/empty.png", ""}));        // RSS wants a length: none for 0
  BOOST_TEST(!sizes(Image{"/uploads", ""}));                  // a directory
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
