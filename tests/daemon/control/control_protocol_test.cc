#include "daemon/control/control_protocol.h"

#include <boost/test/unit_test.hpp>

namespace herald {

BOOST_AUTO_TEST_SUITE(control_protocol)

// Found by tests/fuzz/control_protocol_fuzz: Boost.JSON reads 1e400 as
// infinity and writes infinity as `Infinity`, which is not JSON, so a value
// read from one line could not be sent on the next.
BOOST_AUTO_TEST_CASE(a_number_beyond_a_double_is_refused_not_read_as_infinity) {
  BOOST_TEST(parse_request(R"({"command":"list","args":{"limit":1e400}})").error() ==
             "invalid request: not JSON (a number out of range)");
  BOOST_TEST(parse_request(R"({"command":"list","args":{"x":[-2.3e500]}})").error() ==
             "invalid request: not JSON (a number out of range)");
  ControlReply reply = parse_reply(R"({"ok":true,"result":{"posts":[1,2.3e500]}})");
  BOOST_TEST((reply.kind == ControlReply::Kind::error));
  BOOST_TEST(reply.error ==
             "the daemon's reply is not a control reply: not JSON (a number out of range)");
}

BOOST_AUTO_TEST_CASE(large_and_small_finite_numbers_are_kept) {
  auto request = parse_request(R"({"command":"list","args":{"a":1e308,"b":-1e-400,"c":1}})");
  BOOST_TEST_REQUIRE(request.ok(), request.error());
  BOOST_TEST(request->args.at("a").as_double() > 0.99e308);  // read to within a rounding
  BOOST_TEST(request->args.at("b").as_double() == 0.0);
  BOOST_TEST(request->args.at("c").as_int64() == 1);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
