// A client's address as the server's limits see it: an IPv4 client reaching
// an IPv6 socket ("::ffff:192.0.2.7") is the IPv4 address; IPv6 clients are
// grouped by their /64 (one subscriber's network, whose addresses are free to
// pick). Ranges of addresses (the metrics allow-list): base/address_ranges.h.
#pragma once

#include <boost/asio/ip/address.hpp>

#include "daemon/base/address_ranges.h"

namespace herald {

// The key per-address limits count under: unmapped(address), and for IPv6
// its /64 network address.
boost::asio::ip::address address_group(const boost::asio::ip::address& address);

}  // namespace herald
