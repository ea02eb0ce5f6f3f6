#include "daemon/service/service_notifier.h"

#include <systemd/sd-daemon.h>

#include <cstdint>

namespace herald {
namespace {

// One line for STATUS= (systemctl status shows a single line).
std::string one_line(std::string text) {
  for (char& c : text) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return text;
}

}  // namespace

void ServiceNotifier::send(const std::string& message) const {
  sd_notify(0, message.c_str());
}

void ServiceNotifier::ready(const std::string& status) const {
  send("READY=1\nSTATUS=" + one_line(status));
}

void ServiceNotifier::reloading(const std::string& status) const {
  send("RELOADING=1\nSTATUS=" + one_line(status));
}

void ServiceNotifier::stopping(const std::string& status) const {
  send("STOPPING=1\nSTATUS=" + one_line(status));
}

void ServiceNotifier::status(const std::string& status) const {
  send("STATUS=" + one_line(status));
}

void ServiceNotifier::watchdog() const { send("WATCHDOG=1"); }

std::optional<std::chrono::microseconds> ServiceNotifier::watchdog_period() const {
  std::uint64_t usec = 0;
  if (sd_watchdog_enabled(0, &usec) <= 0 || usec == 0) return std::nullopt;
  return std::chrono::microseconds(usec / 2);
}

}  // namespace herald
