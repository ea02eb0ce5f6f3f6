#include "daemon/net/address_policy.h"

#include <boost/test/unit_test.hpp>
#include <string>

namespace herald {
namespace {

bool reachable(const std::string& address, const AddressRanges& allowed = {}) {
  return reachable_from_post(boost::asio::ip::make_address(address), allowed);
}

BOOST_AUTO_TEST_SUITE(address_policy)

BOOST_AUTO_TEST_CASE(public_addresses_are_reachable) {
  for (const char* a : {"93.184.216.34", "8.8.8.8", "1.1.1.1", "2606:4700:4700::1111",
                        "2a00:1450:4001:80b::200e", "::ffff:8.8.8.8"}) {
    BOOST_TEST(reachable(a), a);
  }
}

// The addresses a post's `image:` once made herald fetch and upload:
// cloud metadata, local admin ports, the intranet.
BOOST_AUTO_TEST_CASE(loopback_private_link_local_and_multicast_are_not) {
  for (const char* a :
       {"127.0.0.1", "127.1.2.3", "0.0.0.0", "10.0.0.1", "172.16.5.4", "172.31.255.255",
        "192.168.1.1", "169.254.169.254", "100.64.0.1", "224.0.0.1", "239.255.255.250",
        "255.255.255.255", "192.0.2.7", "198.18.0.1", "::1", "::", "fe80::1", "fc00::1",
        "fd12:3456::1", "ff02::1", "2001:db8::1", "::ffff:127.0.0.1", "::ffff:169.254.169.254",
        "64:ff9b::a9fe:a9fe", "64:ff9b::7f00:1"}) {
    BOOST_TEST(!reachable(a), a);
  }
  // The neighbours of the private ranges are public.
  BOOST_TEST(reachable("172.32.0.1"));
  BOOST_TEST(reachable("11.0.0.1"));
  BOOST_TEST(reachable("64:ff9b::808:808"));  // NAT64 of 8.8.8.8
}

BOOST_AUTO_TEST_CASE(listed_networks_are_allowed) {
  std::optional<AddressRanges> allowed = AddressRanges::parse({"10.20.0.0/16", "fd00::/8", "127.0.0.1/32"});
  BOOST_REQUIRE(allowed.has_value());
  BOOST_TEST(reachable("10.20.3.4", *allowed));
  BOOST_TEST(!reachable("10.21.0.1", *allowed));
  BOOST_TEST(reachable("fd00::5", *allowed));
  BOOST_TEST(reachable("127.0.0.1", *allowed));
  BOOST_TEST(reachable("::ffff:127.0.0.1", *allowed));
  BOOST_TEST(!reachable("127.0.0.2", *allowed));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
