// Which addresses a URL taken from a post may reach (server-side request
// forgery): only public unicast ones. Refused: loopback, unspecified,
// link-local, private (RFC 1918, RFC 4193), shared (RFC 6598), multicast,
// broadcast, reserved and documentation ranges, and IPv6 forms of IPv4
// ones (mapped, NAT64 well-known) — unless an operator listed the network
// (a site served from a private network).
//
// Judged on the address curl is about to connect to, after resolution,
// so a name that resolves (or re-resolves, DNS rebinding) to a private
// address does not get through.
#pragma once

#include <string>
#include <vector>

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/network_v4.hpp>
#include <boost/asio/ip/network_v6.hpp>

#include "feeds/status.h"

namespace herald {

struct AllowedNetworks {
  std::vector<boost::asio::ip::network_v4> v4;
  std::vector<boost::asio::ip::network_v6> v6;
};

// CIDRs such as "10.20.0.0/16" or "fd00::/8"; fails naming the first bad one.
Result<AllowedNetworks> parse_allowed_networks(const std::vector<std::string>& cidrs);

// True when `address` is public, or inside one of `allowed`.
bool reachable_from_post(const boost::asio::ip::address& address, const AllowedNetworks& allowed);

}  // namespace herald
