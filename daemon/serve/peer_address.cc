#include "daemon/serve/peer_address.h"

namespace herald {

namespace ip = boost::asio::ip;

ip::address address_group(const ip::address& address) {
  ip::address plain = unmapped(address);
  if (plain.is_v4()) return plain;
  return ip::network_v6(plain.to_v6(), 64).network();
}

}  // namespace herald
