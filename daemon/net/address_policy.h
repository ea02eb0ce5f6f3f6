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

#include <boost/asio/ip/address.hpp>

#include "daemon/base/address_ranges.h"

namespace herald {

// True when `address` is public, or inside `allowed`.
bool reachable_from_post(const boost::asio::ip::address& address, const AddressRanges& allowed);

}  // namespace herald
