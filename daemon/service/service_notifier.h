// The daemon's side of systemd's notify protocol (Type=notify): READY=1
// after the first build, STATUS= with a one-line summary, RELOADING=1 and
// READY=1 around a reload, STOPPING=1 on shutdown, and WATCHDOG=1 pings at
// half of WATCHDOG_USEC. sd_notify() is a no-op without $NOTIFY_SOCKET, so
// a daemon started by hand or by a test without the variable sends nothing.
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace herald {

class ServiceNotifier {
 public:
  void ready(const std::string& status) const;
  void reloading(const std::string& status) const;
  void stopping(const std::string& status) const;
  void status(const std::string& status) const;
  void watchdog() const;

  // How often to call watchdog(): half the interval systemd asked for, or
  // nullopt when the watchdog is off.
  std::optional<std::chrono::microseconds> watchdog_period() const;

 private:
  void send(const std::string& message) const;
};

}  // namespace herald
