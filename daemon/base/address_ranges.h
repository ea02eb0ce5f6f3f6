// Ranges of IP addresses in CIDR notation ("10.0.0.0/8", "::1/128"; a bare
// address is its own range), as the configuration lists them: who may read
// /metrics (serve.metrics_allow), which private networks a post's image may
// come from (delivery.image_networks). An IPv4 address reaching an IPv6
// socket ("::ffff:192.0.2.7") is its IPv4 address.
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

class AddressRanges {
 public:
  // nullopt when an entry is not a CIDR range (the configuration checks them
  // first, with a message: config/value_rules.h check_cidr).
  static std::optional<AddressRanges> parse(const std::vector<std::string>& cidrs);
  bool empty() const { return v4_.empty() && v6_.empty(); }
  // Whether unmapped(address) lies in one of the ranges.
  bool contains(const boost::asio::ip::address& address) const;

 private:
  std::vector<boost::asio::ip::network_v4> v4_;
  std::vector<boost::asio::ip::network_v6> v6_;
};

}  // namespace herald
