#include "daemon/net/address_policy.h"

#include <array>
#include <utility>

namespace herald {
namespace {

namespace ip = boost::asio::ip;

bool inside(const ip::address_v4& address, const ip::network_v4& network) {
  return ip::make_network_v4(address, network.prefix_length()).canonical() == network.canonical();
}

bool inside(const ip::address_v6& address, const ip::network_v6& network) {
  return ip::make_network_v6(address, network.prefix_length()).canonical() == network.canonical();
}

bool in(const ip::address_v4& address, const char* cidr) {
  return inside(address, ip::make_network_v4(cidr));
}

bool in(const ip::address_v6& address, const char* cidr) {
  return inside(address, ip::make_network_v6(cidr));
}

// Special-purpose IPv4 ranges (IANA registry) no post may point at.
constexpr std::array kBlockedV4 = {
    "0.0.0.0/8",       "10.0.0.0/8",     "100.64.0.0/10",   "127.0.0.0/8",    "169.254.0.0/16",
    "172.16.0.0/12",   "192.0.0.0/24",   "192.0.2.0/24",    "192.88.99.0/24", "192.168.0.0/16",
    "198.18.0.0/15",   "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4",    "240.0.0.0/4",
};

constexpr std::array kBlockedV6 = {
    "::/128",   "::1/128",      "100::/64",  "2001:db8::/32", "fc00::/7",
    "fe80::/10", "fec0::/10",   "ff00::/8",
};

bool public_v4(const ip::address_v4& address) {
  for (const char* cidr : kBlockedV4) {
    if (in(address, cidr)) return false;
  }
  return true;
}

bool allowed_v4(const ip::address_v4& address, const AllowedNetworks& allowed) {
  for (const ip::network_v4& network : allowed.v4) {
    if (inside(address, network)) return true;
  }
  return false;
}

}  // namespace

Result<AllowedNetworks> parse_allowed_networks(const std::vector<std::string>& cidrs) {
  AllowedNetworks networks;
  for (const std::string& cidr : cidrs) {
    boost::system::error_code error;
    if (cidr.find(':') == std::string::npos) {
      ip::network_v4 network = ip::make_network_v4(cidr, error);
      if (!error) {
        networks.v4.push_back(network.canonical());
        continue;
      }
    } else {
      ip::network_v6 network = ip::make_network_v6(cidr, error);
      if (!error) {
        networks.v6.push_back(network.canonical());
        continue;
      }
    }
    return Result<AllowedNetworks>::failed("'" + cidr +
                                           "' is not a network: write an address and a prefix "
                                           "length, e.g. 10.20.0.0/16 or fd00::/8");
  }
  return networks;
}

bool reachable_from_post(const ip::address& address, const AllowedNetworks& allowed) {
  if (address.is_v4()) {
    const ip::address_v4 v4 = address.to_v4();
    return public_v4(v4) || allowed_v4(v4, allowed);
  }
  const ip::address_v6 v6 = address.to_v6();
  // An IPv4 address in IPv6 clothing is judged as the IPv4 address.
  if (v6.is_v4_mapped()) return reachable_from_post(ip::make_address_v4(ip::v4_mapped, v6), allowed);
  if (in(v6, "64:ff9b::/96")) {
    const auto bytes = v6.to_bytes();
    return reachable_from_post(ip::address_v4({bytes[12], bytes[13], bytes[14], bytes[15]}), allowed);
  }
  for (const ip::network_v6& network : allowed.v6) {
    if (inside(v6, network)) return true;
  }
  for (const char* cidr : kBlockedV6) {
    if (in(v6, cidr)) return false;
  }
  return true;
}

}  // namespace herald
