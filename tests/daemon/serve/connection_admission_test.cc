#include "daemon/serve/connection_admission.h"

#include <boost/test/unit_test.hpp>
#include <vector>

#include "daemon/serve/peer_address.h"

namespace herald {

namespace {

boost::asio::ip::address ip(const char* text) { return boost::asio::ip::make_address(text); }
using Verdict = ConnectionAdmission::Verdict;

}  // namespace

BOOST_AUTO_TEST_SUITE(connection_admission)

BOOST_AUTO_TEST_CASE(caps_each_address_group) {
  ConnectionAdmission admission(10, 2);
  BOOST_TEST((admission.admit(ip("192.0.2.1")) == Verdict::kAdmitted));
  BOOST_TEST((admission.admit(ip("::ffff:192.0.2.1")) == Verdict::kAdmitted));  // same client
  BOOST_TEST((admission.admit(ip("192.0.2.1")) == Verdict::kAddressFull));
  BOOST_TEST((admission.admit(ip("192.0.2.2")) == Verdict::kAdmitted));
  // One IPv6 /64 is one client, whichever address it picks.
  BOOST_TEST((admission.admit(ip("2001:db8:0:1::a")) == Verdict::kAdmitted));
  BOOST_TEST((admission.admit(ip("2001:db8:0:1::b")) == Verdict::kAdmitted));
  BOOST_TEST((admission.admit(ip("2001:db8:0:1:ffff::1")) == Verdict::kAddressFull));
  BOOST_TEST((admission.admit(ip("2001:db8:0:2::a")) == Verdict::kAdmitted));
  admission.release(ip("192.0.2.1"));
  BOOST_TEST((admission.admit(ip("192.0.2.1")) == Verdict::kAdmitted));
  BOOST_TEST(admission.open() == 6u);
}

BOOST_AUTO_TEST_CASE(a_full_server_evicts_the_oldest_idle_connection) {
  ConnectionAdmission admission(2, 0);
  std::vector<int> evicted;
  BOOST_TEST((admission.admit(ip("192.0.2.1")) == Verdict::kAdmitted));
  BOOST_TEST((admission.admit(ip("192.0.2.1")) == Verdict::kAdmitted));
  BOOST_TEST((admission.admit(ip("192.0.2.9")) == Verdict::kFull));  // none idle
  std::uint64_t first = admission.idle([&] { evicted.push_back(1); });
  admission.idle([&] { evicted.push_back(2); });
  admission.busy(first);  // a request began on it
  BOOST_TEST((admission.admit(ip("192.0.2.9")) == Verdict::kAdmittedEvicting));
  BOOST_TEST(evicted == std::vector<int>{2});
  BOOST_TEST(admission.open() == 3u);  // until the evicted one releases
  admission.busy(first);               // evicted or busy already: ignored
  BOOST_TEST((admission.admit(ip("192.0.2.9")) == Verdict::kFull));
}

BOOST_AUTO_TEST_CASE(pressure_is_more_than_three_quarters) {
  ConnectionAdmission admission(8, 0);
  for (int i = 0; i < 6; ++i) admission.admit(ip("192.0.2.1"));
  BOOST_TEST(!admission.under_pressure());
  admission.admit(ip("192.0.2.1"));
  BOOST_TEST(admission.under_pressure());
}

BOOST_AUTO_TEST_CASE(address_ranges_match_unmapped_addresses) {
  auto ranges = AddressRanges::parse({"10.0.0.0/8", "192.0.2.7", "fd00::/8", "::1"});
  BOOST_REQUIRE(ranges.has_value());
  for (const char* inside : {"10.1.2.3", "::ffff:10.9.9.9", "192.0.2.7", "fd12::1", "::1"}) {
    BOOST_TEST_CONTEXT(inside) { BOOST_TEST(ranges->contains(ip(inside))); }
  }
  for (const char* outside : {"11.0.0.1", "192.0.2.8", "fe80::1", "::2", "127.0.0.1"}) {
    BOOST_TEST_CONTEXT(outside) { BOOST_TEST(!ranges->contains(ip(outside))); }
  }
  BOOST_TEST(!AddressRanges::parse({"10.0.0.0/33"}).has_value());
  BOOST_TEST(!AddressRanges::parse({"example.org"}).has_value());
  BOOST_TEST(AddressRanges::parse({})->empty());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
