// Single-value rules and path helpers, at their edges.
#include "config/value_rules.h"

#include <boost/test/unit_test.hpp>

#include "config/config_paths.h"

namespace herald {

BOOST_AUTO_TEST_SUITE(value_rules)

BOOST_AUTO_TEST_CASE(site_urls) {
  BOOST_TEST(check_site_url("https://example.org") == "");
  BOOST_TEST(check_site_url("http://example.org:8080/news") == "");
  BOOST_TEST(check_site_url("https:///path") ==
             "must be an absolute http or https URL with a host, e.g. https://example.org/, got "
             "'https:///path'");
  BOOST_TEST(check_site_url("https://example.org/#top") ==
             "must not have a query ('?') or fragment ('#'), got 'https://example.org/#top'");
  BOOST_TEST(with_trailing_slash("https://example.org/a") == "https://example.org/a/");
  BOOST_TEST(with_trailing_slash("https://example.org/") == "https://example.org/");
}

BOOST_AUTO_TEST_CASE(languages) {
  BOOST_TEST(check_language("es-MX") == "");
  BOOST_TEST(check_language("es-419") == "");
  BOOST_TEST(check_language("en") == "");
  BOOST_TEST(check_language("") ==
             "must be a BCP 47 language tag such as en, es or es-MX, got ''");
  BOOST_TEST(check_language("english") ==
             "must be a BCP 47 language tag such as en, es or es-MX, got 'english'");
}

BOOST_AUTO_TEST_CASE(permalinks) {
  BOOST_TEST(check_permalink("/:year/:month/:day/:slug/") == "");
  BOOST_TEST(check_permalink("/:section/:id.html") == "");
  BOOST_TEST(check_permalink("https://example.org:8443/:slug") == "");
  BOOST_TEST(check_permalink("/a:xyzzy/") ==
             "has unknown placeholder ':xyzzy' (expected one of: :year, :month, :day, :slug, :id, "
             ":section, :title, :i_month, :i_day, :short_year, :hour, :minute, :second, :categories, "
             ":output_ext)");
  BOOST_TEST(check_permalink("ftp://example.org/:slug") ==
             "must start with '/' or be an absolute http or https URL, e.g. "
             "/:year/:month/:day/:slug/, got 'ftp://example.org/:slug'");
}

BOOST_AUTO_TEST_CASE(feed_dirs) {
  BOOST_TEST(check_feed_dir("", false) == "");
  BOOST_TEST(check_feed_dir("a..b/{slug}", true) == "");
  BOOST_TEST(check_feed_dir("x/../{slug}", true) ==
             "must stay inside 'output.dir' (no '..'), got 'x/../{slug}'");
  BOOST_TEST(check_feed_dir("", true) ==
             "must contain {slug}, so that each feed gets its own directory, got ''");
}

BOOST_AUTO_TEST_CASE(file_names) {
  BOOST_TEST(check_file_name("index.xml") == "");
  BOOST_TEST(check_file_name("..") ==
             "must be a plain file name such as feed.xml (no '/'), got '..'");
  BOOST_TEST(check_file_name("") == "must be a plain file name such as feed.xml (no '/'), got ''");
}

BOOST_AUTO_TEST_CASE(paths) {
  BOOST_TEST(config_directory("/srv/site/./conf/../herald.yaml") == "/srv/site");
  BOOST_TEST(resolve_directory("/srv/site", "a/./b/../c/") == "/srv/site/a/c");
  BOOST_TEST(resolve_directory("/srv/site", "/") == "/");
  BOOST_TEST(is_same_or_inside("/srv/site/content", "/srv/site/content"));
  BOOST_TEST(is_same_or_inside("/srv/site/content/out", "/srv/site/content"));
  BOOST_TEST(!is_same_or_inside("/srv/site/content-out", "/srv/site/content"));
  BOOST_TEST(!is_same_or_inside("/srv/site", "/srv/site/content"));
  BOOST_TEST(is_same_or_inside("/srv", "/"));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
