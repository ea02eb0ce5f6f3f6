#include "daemon/net/address_policy.h"

namespace herald {
namespace {

namespace ip = boost::asio::ip;

// Special-purpose ranges (IANA's registries) no post may point at.
const AddressRanges& special_purpose() {
  static const AddressRanges ranges = *AddressRanges::parse({
      "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16",
      "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16",
      "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
      "::/128", "::1/128", "100::/64", "2001:db8::/32", "fc00::/7", "fe80::/10", "fec0::/10",
      "ff00::/8"});
  return ranges;
}

const AddressRanges& nat64() {
  static const AddressRanges ranges = *AddressRanges::parse({"64:ff9b::/96"});
  return ranges;
}

}  // namespace

bool reachable_from_post(const ip::address& address, const AddressRanges& allowed) {
  if (allowed.contains(address)) return true;
  // An IPv4 address in IPv6 clothing (mapped, or NAT64's well-known prefix)
  // is judged as the IPv4 address.
  if (address.is_v6() && nat64().contains(address)) {
    const auto bytes = address.to_v6().to_bytes();
    return reachable_from_post(ip::address_v4({bytes[12], bytes[13], bytes[14], bytes[15]}), allowed);
  }
  return !special_purpose().contains(address);
}

}  // namespace herald
