#include "daemon/base/address_ranges.h"

#include <algorithm>

namespace herald {

namespace ip = boost::asio::ip;

ip::address unmapped(const ip::address& address) {
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    return ip::make_address_v4(ip::v4_mapped, address.to_v6());
  }
  return address;
}

std::optional<AddressRanges> AddressRanges::parse(const std::vector<std::string>& cidrs) {
  AddressRanges ranges;
  for (const std::string& text : cidrs) {
    std::string cidr = text;
    boost::system::error_code ec;
    if (cidr.find('/') == std::string::npos) {
      ip::address single = ip::make_address(cidr, ec);
      if (ec) return std::nullopt;
      cidr += single.is_v4() ? "/32" : "/128";
    }
    if (cidr.find(':') == std::string::npos) {
      ranges.v4_.push_back(ip::make_network_v4(cidr, ec).canonical());
    } else {
      ranges.v6_.push_back(ip::make_network_v6(cidr, ec).canonical());
    }
    if (ec) return std::nullopt;
  }
  return ranges;
}

bool AddressRanges::contains(const ip::address& address) const {
  ip::address plain = unmapped(address);
  if (plain.is_v4()) {
    ip::network_v4 host(plain.to_v4(), 32);
    return std::any_of(v4_.begin(), v4_.end(), [&](const ip::network_v4& range) {
      return host == range || host.is_subnet_of(range);
    });
  }
  ip::network_v6 host(plain.to_v6(), 128);
  return std::any_of(v6_.begin(), v6_.end(), [&](const ip::network_v6& range) {
    return host == range || host.is_subnet_of(range);
  });
}

}  // namespace herald
