#include "feeds/recently_used.h"

#include <boost/test/unit_test.hpp>

#include <string>

namespace herald {
namespace {

BOOST_AUTO_TEST_SUITE(recently_used)

BOOST_AUTO_TEST_CASE(trim_keeps_the_most_recently_used_values) {
  RecentlyUsed<int, std::string> months(2);
  months.use(202401) = "enero";
  months.use(202402) = "febrero";
  months.use(202403) = "marzo";
  BOOST_TEST(months.size() == 3u);  // until trim()
  BOOST_TEST(months.use(202401) == "enero");  // used again: now the newest
  months.trim();
  BOOST_TEST(months.size() == 2u);
  BOOST_TEST(months.use(202403) == "marzo");
  BOOST_TEST(months.use(202401) == "enero");
  BOOST_TEST(months.use(202402).empty());  // dropped: made again, empty
  months.trim();
  BOOST_TEST(months.use(202403).empty());  // the least recently used of the three
  months.clear();
  BOOST_TEST(months.size() == 0u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
