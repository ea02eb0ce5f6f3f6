#include "feeds/shared_urls.h"

#include <boost/test/unit_test.hpp>

namespace herald {
namespace {

Post post(const std::string& path, const std::string& id, const std::string& slug, bool draft = false) {
  Post p;
  p.source_path = path;
  p.id = id;
  p.title = "T" + id;
  p.set_slug(slug);
  p.title_slug = slug;
  p.date = Timestamp{1628612220, -360};
  p.site_offset_minutes = -360;
  p.draft = draft;
  return p;
}

BOOST_AUTO_TEST_SUITE(shared_urls)

BOOST_AUTO_TEST_CASE(each_later_file_is_named_with_the_first) {
  Catalog catalog;
  BOOST_TEST(!catalog.upsert(post("z.md", "1", "obras")));
  BOOST_TEST(!catalog.upsert(post("a.md", "2", "obras")));
  BOOST_TEST(!catalog.upsert(post("m.md", "3", "obras")));
  BOOST_TEST(!catalog.upsert(post("d.md", "4", "obras", true)));  // a draft is never published
  BOOST_TEST(!catalog.upsert(post("b.md", "5", "otra")));
  std::vector<Diagnostic> warnings = shared_url_warnings(catalog, "https://example.org/", "/:year/:slug/", "posts");
  BOOST_TEST_REQUIRE(warnings.size() == 2u);
  BOOST_TEST(warnings[0].to_string() ==
             "posts/m.md: warning: has the URL https://example.org/2021/obras/, as posts/a.md has; give one of "
             "them another slug, title or date (a site built by Jekyll would keep only one of the two pages)");
  BOOST_TEST(warnings[1].path == "posts/z.md");
  BOOST_TEST(shared_url_warnings(catalog, "https://example.org/", "/:id/", "posts").empty());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
