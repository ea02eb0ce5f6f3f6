#include "daemon/serve/connection_admission.h"

#include "daemon/serve/peer_address.h"

namespace herald {

ConnectionAdmission::ConnectionAdmission(std::size_t max_connections, std::size_t max_per_address)
    : max_connections_(max_connections), max_per_address_(max_per_address) {}

ConnectionAdmission::Verdict ConnectionAdmission::admit(const boost::asio::ip::address& peer) {
  boost::asio::ip::address group = address_group(peer);
  std::function<void()> evict;
  {
    std::lock_guard lock(mutex_);
    auto found = per_address_.find(group);
    std::size_t from_peer = found == per_address_.end() ? 0 : found->second;
    if (max_per_address_ > 0 && from_peer >= max_per_address_) return Verdict::kAddressFull;
    if (open_ >= max_connections_) {
      if (idle_.empty()) return Verdict::kFull;
      evict = std::move(idle_.begin()->second);
      idle_.erase(idle_.begin());
    }
    ++per_address_[group];
    ++open_;
  }
  if (!evict) return Verdict::kAdmitted;
  evict();
  return Verdict::kAdmittedEvicting;
}

void ConnectionAdmission::release(const boost::asio::ip::address& peer) {
  std::lock_guard lock(mutex_);
  --open_;
  auto it = per_address_.find(address_group(peer));
  if (it != per_address_.end() && --it->second == 0) per_address_.erase(it);
}

std::uint64_t ConnectionAdmission::idle(std::function<void()> close) {
  std::lock_guard lock(mutex_);
  std::uint64_t ticket = next_ticket_++;
  idle_.emplace(ticket, std::move(close));
  return ticket;
}

void ConnectionAdmission::busy(std::uint64_t ticket) {
  std::lock_guard lock(mutex_);
  idle_.erase(ticket);
}

std::size_t ConnectionAdmission::open() const {
  std::lock_guard lock(mutex_);
  return open_;
}

bool ConnectionAdmission::under_pressure() const {
  std::lock_guard lock(mutex_);
  return open_ * 4 > max_connections_ * 3;
}

}  // namespace herald
