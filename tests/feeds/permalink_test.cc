// Permalinks as Jekyll makes them (expected URLs printed by Debian's
// Jekyll 4.3.1 for the same posts; tests/e2e/jekyll_test.cc compares a
// whole site with the real Jekyll).
#include <boost/test/unit_test.hpp>

#include <string>

#include "feeds/entry_builder.h"
#include "feeds/post_parser.h"
#include "feeds/time_zone.h"

namespace herald {
namespace {

const char* const kSite = "https://example.org/";

Post parse(std::string_view path, std::string_view bytes, const char* zone = "America/Los_Angeles") {
  PostRules rules;
  PostParseResult r = parse_post(path, bytes, rules, *TimeZone::load(zone));
  BOOST_TEST_REQUIRE(r.post.has_value(), (r.error ? r.error->to_string() : "no post"));
  return *r.post;
}

BOOST_AUTO_TEST_SUITE(permalink)

BOOST_AUTO_TEST_CASE(dates_are_the_sites_day_not_the_written_offsets) {
  // Written at +0200; on a Los Angeles site that instant is still May 5.
  Post post = parse("_posts/2013-05-06-hello.md", "---\ntitle: Hi\ndate: 2013-05-06 02:12:52 +0200\n---\n");
  BOOST_TEST(post_url(post, kSite, "/:year/:month/:day/:slug/") == "https://example.org/2013/05/05/hello/");
  BOOST_TEST(post_url(post, kSite, "/:short_year/:i_month/:i_day/:hour:minute:second/") ==
             "https://example.org/13/5/5/171252/");
  // The feed still shows the date as written.
  BOOST_TEST(post.date.rfc3339() == "2013-05-06T02:12:52+02:00");
}

// An entry's image is resolved against the post's URL: a site-relative one
// lands on the post's origin, a relative one under the post.
BOOST_AUTO_TEST_CASE(images_resolve_against_the_posts_url) {
  SiteConfig site;
  site.url = kSite;
  FeedsConfig feeds;
  auto image_of = [&](const std::string& image, const std::string& permalink) {
    Post post = parse("_posts/2013-05-06-hello.md",
                      "---\ntitle: Hi\ndate: 2013-05-06 02:12:52 +0200\nimage: " + image + "\n---\n");
    PostRules rules;
    rules.permalink = permalink;
    return build_entry(post, site, rules, feeds, false).image_url;
  };
  BOOST_TEST(image_of("/uploads/a.png", "/:slug/") == "https://example.org/uploads/a.png");
  BOOST_TEST(image_of("/uploads/../b.png", "/:slug/") == "https://example.org/b.png");
  BOOST_TEST(image_of("a.png", "/:year/:slug/") == "https://example.org/2013/hello/a.png");
  BOOST_TEST(image_of("/uploads/a.png", "https://cdn.example.net/:slug/") == "https://cdn.example.net/uploads/a.png");
  BOOST_TEST(image_of("//img.example.net/a.png", "/:slug/") == "https://img.example.net/a.png");
}

BOOST_AUTO_TEST_CASE(title_keeps_case_and_dots_slug_does_not) {
  Post post = parse("_posts/2015-11-15-Storage.markdown", "---\ntitle: x\n---\n");
  BOOST_TEST(post_url(post, kSite, "/:title/") == "https://example.org/Storage/");
  BOOST_TEST(post_url(post, kSite, "/:slug/") == "https://example.org/storage/");
  Post release = parse("_posts/2016-10-06-Jekyll 3.0 (beta).md", "---\ntitle: x\n---\n");
  BOOST_TEST(post_url(release, kSite, "/:title:output_ext") == "https://example.org/Jekyll-3.0-(beta).html");
  BOOST_TEST(post_url(release, kSite, "/:slug:output_ext") == "https://example.org/jekyll-3-0-beta.html");
}

BOOST_AUTO_TEST_CASE(letters_of_any_script_are_kept_and_percent_encoded) {
  Post post = parse("_posts/2021-08-10-Nueva-Ciclovía.md",
                    "---\ntitle: x\ncategories: Movilidad\ndate: 2021-08-10 09:00 -0600\n---\n",
                    "America/Mexico_City");
  BOOST_TEST(post_url(post, kSite, "/:year/:month/:day/:title/") ==
             "https://example.org/2021/08/10/Nueva-Ciclov%C3%ADa/");
  BOOST_TEST(post_url(post, kSite, "/:slug/") == "https://example.org/nueva-ciclov%C3%ADa/");
}

BOOST_AUTO_TEST_CASE(sections_as_categories_and_as_slugs) {
  PostRules rules;
  rules.fields.section = "category";
  PostParseResult r = parse_post("_posts/2021-08-10-a.md", "---\ntitle: x\ncategory: Economía Local\n---\n", rules,
                                 *TimeZone::load("America/Mexico_City"));
  BOOST_TEST_REQUIRE(r.post.has_value());
  BOOST_TEST(post_url(*r.post, kSite, "/:categories/:slug/") == "https://example.org/econom%C3%ADa%20local/a/");
  BOOST_TEST(post_url(*r.post, kSite, "/:section/:slug/") == "https://example.org/economia-local/a/");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
