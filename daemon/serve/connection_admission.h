// Which connections the HTTP server takes, and which it lets go to make room:
// at most max_connections open, at most max_per_address from one address
// group (daemon/serve/peer_address.h; 0: no such cap), and when every place
// is taken the connection idle longest (waiting for a request, the first one
// included) is closed so that a new client gets in. One client holding many
// keep-alive connections thus cannot lock the others out. Under pressure
// (more than three quarters of the places taken) idle connections are told to
// wait less (see HttpConnection). Thread-safe: the accept loop admits, the io
// threads mark their connections idle or busy and release them.
#pragma once

#include <boost/asio/ip/address.hpp>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <unordered_map>

namespace herald {

class ConnectionAdmission {
 public:
  enum class Verdict {
    kAdmitted,         // counted open
    kAdmittedEvicting, // counted open; the oldest idle connection was told to close
    kFull,             // max_connections open and none idle: refuse
    kAddressFull,      // max_per_address open from this address group: refuse
  };

  ConnectionAdmission(std::size_t max_connections, std::size_t max_per_address);

  Verdict admit(const boost::asio::ip::address& peer);
  // A connection admitted for `peer` has ended.
  void release(const boost::asio::ip::address& peer);

  // Marks a connection idle; `close` is called (under no lock of this
  // object's callers, but possibly on the accept thread) when it is evicted.
  // Returns a ticket for busy().
  std::uint64_t idle(std::function<void()> close);
  // The connection is no longer idle (a request began, or it closed). A
  // ticket already evicted or 0 is ignored.
  void busy(std::uint64_t ticket);

  std::size_t open() const;
  bool under_pressure() const;

 private:
  mutable std::mutex mutex_;
  const std::size_t max_connections_;
  const std::size_t max_per_address_;
  std::size_t open_ = 0;                                     // GUARDED_BY(mutex_)
  std::unordered_map<boost::asio::ip::address, std::size_t> per_address_;  // GUARDED_BY(mutex_)
  std::map<std::uint64_t, std::function<void()>> idle_;      // GUARDED_BY(mutex_), oldest first
  std::uint64_t next_ticket_ = 1;                            // GUARDED_BY(mutex_)
};

}  // namespace herald
