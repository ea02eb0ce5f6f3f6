#include "daemon/serve/http_request_path.h"

#include <boost/test/unit_test.hpp>

namespace herald {

BOOST_AUTO_TEST_SUITE(http_request_path)

BOOST_AUTO_TEST_CASE(decodes_segments) {
  RequestPath path = parse_request_path("/secciones/obras%20p%C3%BAblicas/rss.xml?page=2");
  BOOST_TEST(path.status == 0u);
  BOOST_TEST(path.relative() == "secciones/obras públicas/rss.xml");
  BOOST_TEST(!path.trailing_slash);
  BOOST_TEST(parse_request_path("/").segments.empty());
  BOOST_TEST(parse_request_path("/a//b/").relative() == "a/b");
  BOOST_TEST(parse_request_path("/a//b/").trailing_slash);
  BOOST_TEST(parse_request_path("http://example.org/a.xml").relative() == "a.xml");
}

BOOST_AUTO_TEST_CASE(refuses_traversal_and_hidden_names) {
  for (const char* target : {"/..", "/a/../b", "/%2e%2E/x", "/a%2fb", "/a%5cb", "/a\\b", "/a%00b",
                             "/a/./b", "x", "*", "", "/a#f", "/%", "http://h/../x"}) {
    BOOST_TEST_CONTEXT(target) { BOOST_TEST(parse_request_path(target).status == 400u); }
  }
  for (const char* target : {"/.rss.xml.tmp", "/a/.git/config", "/%2ehidden"}) {
    BOOST_TEST_CONTEXT(target) { BOOST_TEST(parse_request_path(target).status == 404u); }
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
