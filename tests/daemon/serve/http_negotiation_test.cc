#include "daemon/serve/http_negotiation.h"

#include <boost/test/unit_test.hpp>

namespace herald {

BOOST_AUTO_TEST_SUITE(http_negotiation)

BOOST_AUTO_TEST_CASE(gzip_by_q_values) {
  BOOST_TEST(accepts_gzip("gzip"));
  BOOST_TEST(accepts_gzip("GZIP"));
  BOOST_TEST(accepts_gzip("deflate, gzip;q=0.001"));
  BOOST_TEST(accepts_gzip("*"));
  BOOST_TEST(accepts_gzip("br, *;q=0.1"));
  BOOST_TEST(accepts_gzip("gzip ; q=1.0"));
  BOOST_TEST(!accepts_gzip(""));
  BOOST_TEST(!accepts_gzip("identity"));
  BOOST_TEST(!accepts_gzip("gzip;q=0"));
  BOOST_TEST(!accepts_gzip("gzip;q=0.000"));
  BOOST_TEST(!accepts_gzip("*;q=1, gzip;q=0"));
  BOOST_TEST(!accepts_gzip("*;q=0"));
  BOOST_TEST(!accepts_gzip("gzip;q=abc"));
  BOOST_TEST(!accepts_gzip("gzip;q=2"));
}

BOOST_AUTO_TEST_CASE(if_none_match_uses_the_weak_comparison) {
  BOOST_TEST(none_match_fails("\"abc\"", "\"abc\""));
  BOOST_TEST(none_match_fails("W/\"abc\"", "\"abc\""));
  BOOST_TEST(none_match_fails("\"x\" , W/\"abc\",\"y\"", "\"abc\""));
  BOOST_TEST(none_match_fails("*", "\"abc\""));
  BOOST_TEST(!none_match_fails("\"abc-gz\"", "\"abc\""));
  BOOST_TEST(!none_match_fails("abc", "\"abc\""));
  BOOST_TEST(!none_match_fails("", "\"abc\""));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
