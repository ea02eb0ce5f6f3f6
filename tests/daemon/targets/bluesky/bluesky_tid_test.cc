#include "daemon/targets/bluesky/bluesky_tid.h"

#include <boost/test/unit_test.hpp>

namespace herald {
namespace {

BOOST_AUTO_TEST_SUITE(bluesky_tid)

// Vectors from @atproto/common-web's TID.fromTime(micros, clockId).
BOOST_AUTO_TEST_CASE(matches_the_reference_implementation) {
  BOOST_TEST(make_tid(1700000000123456, 0) == "3ke6kg42cm222");
  BOOST_TEST(make_tid(1700000000123456, 1023) == "3ke6kg42cm2zz");
  BOOST_TEST(make_tid(1795966569000000, 42) == "3n3hkapzf423e");
  BOOST_TEST(make_tid(kTidMaxMicros, kTidMaxClockId) == "bzzzzzzzzzzzz");
  BOOST_TEST(make_tid(0, 0) == "2222222222222");
}

BOOST_AUTO_TEST_CASE(recognises_tids) {
  BOOST_TEST(is_tid("3ke6kg42cm222"));
  BOOST_TEST(is_tid("bzzzzzzzzzzzz"));
  BOOST_TEST(!is_tid("kzzzzzzzzzzzz"));  // top bit set
  BOOST_TEST(!is_tid("3ke6kg42cm22"));
  BOOST_TEST(!is_tid("3ke6kg42cm221"));  // '1' is not in the alphabet
  BOOST_TEST(!is_tid("3KE6KG42CM222"));
}

BOOST_AUTO_TEST_CASE(generator_only_grows_and_keeps_its_clock_id) {
  TidGenerator tids(5);
  std::string a = tids.next(1700000000123456);
  std::string b = tids.next(1700000000123456);  // the clock stood still
  std::string c = tids.next(1600000000000000);  // and stepped back
  BOOST_TEST(a == make_tid(1700000000123456, 5));
  BOOST_TEST(b == make_tid(1700000000123457, 5));
  BOOST_TEST(c == make_tid(1700000000123458, 5));
  BOOST_TEST((a < b && b < c));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
