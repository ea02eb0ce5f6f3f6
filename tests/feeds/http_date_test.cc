#include "feeds/http_date.h"

#include <boost/test/unit_test.hpp>

namespace herald {

BOOST_AUTO_TEST_SUITE(http_date)

BOOST_AUTO_TEST_CASE(http_dates) {
  BOOST_TEST(format_http_date(784111777) == "Sun, 06 Nov 1994 08:49:37 GMT");
  BOOST_TEST(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT").value_or(0) == 784111777);
  BOOST_TEST(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT").value_or(0) == 784111777);
  BOOST_TEST(parse_http_date("Sun Nov  6 08:49:37 1994").value_or(0) == 784111777);
  BOOST_TEST(!parse_http_date("yesterday").has_value());
  BOOST_TEST(!parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT junk").has_value());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
