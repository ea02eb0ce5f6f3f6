// RenewalGate: single-flight renewal of one account's credentials (a
// Bluesky session, an X access token). When several attempts of a target
// find the token expired or refused at once, the first renews it and the
// others wait for that renewal instead of making their own: one
// refreshSession or login per account, however many deliveries are in
// flight (Bluesky allows 30 logins per 5 minutes; a lane may run 256).
//
// An attempt that must wait returns AttemptStep::wait(gate); the engine
// calls the attempt's resume() once the renewal under way has ended,
// whether it succeeded or not (the driver keeps what it ended with).
// Ending is explicit (end()) or by destroying the RenewalTicket that
// began it, so an attempt abandoned mid-renewal never strands its waiters.
//
// Threading: a gate belongs to its driver's thread; wake-ups run there.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

namespace herald {

class RenewalGate {
 public:
  // Whether a renewal is under way.
  bool busy() const { return busy_; }
  // How many renewals have ended: an attempt that read the credentials at
  // generation N knows they were renewed since when generation() > N.
  std::uint64_t generation() const { return generation_; }

  // Starts a renewal. REQUIRES: !busy().
  void begin() { busy_ = true; }
  // Ends the renewal under way and runs every waiter's wake-up, in the
  // order they came. No-op when none is under way.
  void end();
  // `wake` runs when the renewal under way ends. REQUIRES: busy().
  void wait(std::function<void()> wake) { waiters_.push_back(std::move(wake)); }

 private:
  bool busy_ = false;
  std::uint64_t generation_ = 0;
  std::vector<std::function<void()>> waiters_;
};

// The renewal an attempt began, ended when the attempt ends it or is
// destroyed without doing so.
class RenewalTicket {
 public:
  RenewalTicket() = default;
  ~RenewalTicket() { end(); }
  RenewalTicket(const RenewalTicket&) = delete;
  RenewalTicket& operator=(const RenewalTicket&) = delete;

  // Begins a renewal of `gate`. REQUIRES: !gate.busy(), no renewal held.
  void begin(RenewalGate& gate) {
    gate.begin();
    gate_ = &gate;
  }
  bool held() const { return gate_ != nullptr; }
  // Ends the renewal held (no-op when none).
  void end() {
    if (gate_ == nullptr) return;
    RenewalGate* gate = gate_;
    gate_ = nullptr;
    gate->end();
  }

 private:
  RenewalGate* gate_ = nullptr;
};

}  // namespace herald
