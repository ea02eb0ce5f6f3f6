#include "feeds/status.h"

#include <boost/test/unit_test.hpp>

#include <memory>
#include <string>

namespace herald {
namespace {

BOOST_AUTO_TEST_SUITE(status)

BOOST_AUTO_TEST_CASE(status_is_ok_only_without_a_message) {
  BOOST_TEST(Status{}.ok());
  BOOST_TEST(!Status::failed("outbox.db: locked").ok());
  BOOST_TEST(Status::failed("").message == "unknown error");
}

BOOST_AUTO_TEST_CASE(result_holds_a_value_or_the_reason) {
  Result<std::string> good = std::string("plan");
  BOOST_REQUIRE(good.ok());
  BOOST_TEST(*good == "plan");
  BOOST_TEST(good->size() == 4u);

  Result<std::string> bad = Result<std::string>::failed("no such target \"x\"");
  BOOST_TEST(!bad.ok());
  BOOST_TEST(bad.error() == "no such target \"x\"");
  BOOST_TEST(bad.status().message == "no such target \"x\"");
}

BOOST_AUTO_TEST_CASE(result_from_an_ok_status_still_fails) {
  Result<int> r = Status{};
  BOOST_TEST(!r.ok());
  BOOST_TEST(r.error() == "unknown error");
}

BOOST_AUTO_TEST_CASE(result_moves_a_move_only_value_out) {
  Result<std::unique_ptr<int>> r = std::make_unique<int>(7);
  std::unique_ptr<int> p = *std::move(r);
  BOOST_TEST(*p == 7);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
