// A client's address as the server's limits see it: an IPv4 client reaching
// an IPv6 socket ("::ffff:192.0.2.7") is the IPv4 address; IPv6 clients are
// grouped by their /64 (one subscriber's network, whose addresses are free to
// pick); and ranges of addresses, such as the metrics allow-list, match them.
#pragma once

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/network_v4.hpp>
#include <boost/asio/ip/network_v6.hpp>
#include <optional>
#include <string>
#include <vector>

namespace herald {

// `address` with a v4-mapped IPv6 address turned into its IPv4 address.
boost::asio::ip::address unmapped(const boost::asio::ip::address& address);

// The key per-address limits count under: unmapped(address), and for IPv6
// its /64 network address.
boost::asio::ip::address address_group(const boost::asio::ip::address& address);

// A list of CIDR ranges ("10.0.0.0/8", "::1/128"; a bare address is its own
// range).
class AddressRanges {
 public:
  // nullopt when an entry is not a CIDR range (the configuration checks them
  // first, with a message).
  static std::optional<AddressRanges> parse(const std::vector<std::string>& cidrs);
  bool empty() const { return v4_.empty() && v6_.empty(); }
  // Whether unmapped(address) lies in one of the ranges.
  bool contains(const boost::asio::ip::address& address) const;

 private:
  std::vector<boost::asio::ip::network_v4> v4_;
  std::vector<boost::asio::ip::network_v6> v6_;
};

}  // namespace herald
