#include "feeds/safe_url.h"

#include <boost/test/unit_test.hpp>
#include <boost/url.hpp>

#include <optional>
#include <string>
#include <vector>

#include "feeds/html_sanitizer.h"

namespace herald {
namespace {

constexpr std::string_view kBase = "https://example.org/noticias/2021/08/10/slug/";

std::string link(std::string_view value) {
  return safe_url(value, kBase, UrlUse::kLink).value_or("<dropped>");
}

BOOST_AUTO_TEST_SUITE(safe_url)

BOOST_AUTO_TEST_CASE(relative_references_resolved) {
  BOOST_TEST(link("/x/y") == "https://example.org/x/y");
  BOOST_TEST(link("  img.png\n") == "https://example.org/noticias/2021/08/10/slug/img.png");
  BOOST_TEST(link("#x") == "https://example.org/noticias/2021/08/10/slug/#x");
  BOOST_TEST(link("?page=2") == "https://example.org/noticias/2021/08/10/slug/?page=2");
  BOOST_TEST(link("//cdn.example.org/a.png") == "https://cdn.example.org/a.png");
}

// resolve_url skips Boost.URL's path editing for plain absolute paths:
// the result must be the one urls::resolve gives, for every base shape.
BOOST_AUTO_TEST_CASE(absolute_paths_resolve_as_boost_url_does) {
  const std::vector<std::string> bases{
      "https://example.org/", "https://example.org", "https://u:p@example.org:8443/sub/dir/page?q=1#f",
      "http://[::1]:8080/a/", "HTTPS://EXAMPLE.org/x", "urn:isbn:1234", "file:///srv/site/"};
  const std::vector<std::string> paths{
      "/", "/a", "/a/b/", "/noticias/2020/01/31/invita-obras-44223/", "/a/./b", "/a/../b", "/.", "/..",
      "/a/%2E%2E/b", "/a/%2e/b", "/%c3%a1rbol/%C3%81", "/a:b@c/!$&'()*+,;=/", "/a/.b/..c/...",
      "/a?q", "/a#f", "/a//b", "/~user/", "/a%20b", "/%41%7E%2D%5F", "/%3A%2F%3F%23%25", "/%C3%A1"};
  for (const std::string& base : bases) {
    for (const std::string& path : paths) {
      boost::urls::url expected;
      BOOST_REQUIRE(boost::urls::resolve(*boost::urls::parse_uri(base), *boost::urls::parse_uri_reference(path),
                                         expected));
      // Twice: the second call finds the base parsed already.
      BOOST_TEST(resolve_url(base, path) == expected.buffer(), base << " + " << path);
      BOOST_TEST(resolve_url(base, path) == expected.buffer(), base << " + " << path);
    }
  }
}

BOOST_AUTO_TEST_CASE(allowed_schemes_kept_as_written) {
  BOOST_TEST(link("HTTPS://Example.org/A") == "HTTPS://Example.org/A");
  BOOST_TEST(link("http://example.org/") == "http://example.org/");
  BOOST_TEST(link("mailto:imm@example.org") == "mailto:imm@example.org");
  BOOST_TEST(link("tel:+52-614-410-2305") == "tel:+52-614-410-2305");
}

BOOST_AUTO_TEST_CASE(other_schemes_refused) {
  BOOST_TEST(link("javascript:alert(1)") == "<dropped>");
  BOOST_TEST(link(" JaVaScRiPt:alert(1)") == "<dropped>");
  BOOST_TEST(link("jav\tascript:alert(1)") == "<dropped>");
  BOOST_TEST(link("java script:alert(1)") == "<dropped>");
  BOOST_TEST(link("javascript:alert(\"x y\")") == "<dropped>");
  BOOST_TEST(link("vbscript:x") == "<dropped>");
  BOOST_TEST(link("file:///etc/passwd") == "<dropped>");
  BOOST_TEST(link("ftp://example.org/") == "<dropped>");
  BOOST_TEST(link("data:image/png;base64,AA==") == "<dropped>");
}

BOOST_AUTO_TEST_CASE(data_images_only_as_image_sources) {
  BOOST_TEST(herald::safe_url("data:image/png;base64,AA==", kBase, UrlUse::kImageSource).value() ==
             "data:image/png;base64,AA==");
  BOOST_TEST(!herald::safe_url("data:text/html,<script>", kBase, UrlUse::kImageSource));
}

BOOST_AUTO_TEST_CASE(invalid_characters_percent_encoded) {
  BOOST_TEST(link("/búsqueda?q=a b") == "https://example.org/b%C3%BAsqueda?q=a%20b");
  BOOST_TEST(link("/a%20b c") == "https://example.org/a%20b%20c");
  BOOST_TEST(link("/100% c") == "https://example.org/100%25%20c");
}

BOOST_AUTO_TEST_CASE(srcset_candidates) {
  BOOST_TEST(safe_srcset("a.png 1x, /b.png 2x", kBase).value() ==
             "https://example.org/noticias/2021/08/10/slug/a.png 1x, https://example.org/b.png 2x");
  BOOST_TEST(safe_srcset(" a.png,, b.png  480w ,", kBase).value() ==
             "https://example.org/noticias/2021/08/10/slug/a.png, "
             "https://example.org/noticias/2021/08/10/slug/b.png 480w");
  BOOST_TEST(!safe_srcset("a.png 1x, javascript:alert(1) 2x", kBase));
  BOOST_TEST(!safe_srcset(" , ", kBase));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
