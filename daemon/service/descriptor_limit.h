// The process's limit on open descriptors (RLIMIT_NOFILE).
//
// herald waits with epoll and poll only, never select(), so at start it
// raises its soft limit to the hard one, as systemd advises such programs
// (the unit's default is 1024 soft, 524288 hard). The HTTP server needs one
// descriptor per connection plus those the file cache keeps open; when the
// configured connections cannot fit, the daemon says so and how to fix it
// instead of failing accepts later.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

namespace herald {

struct DescriptorLimit {
  std::size_t soft = 0;
  std::size_t hard = 0;
};

// The current limit (soft 0 if it cannot be read).
DescriptorLimit descriptor_limit();

// Raises the soft limit to the hard limit, capped at kMaxRaisedDescriptors;
// returns the limit in force afterwards.
inline constexpr std::size_t kMaxRaisedDescriptors = 1u << 20;
DescriptorLimit raise_descriptor_limit();

// Descriptors kept for the daemon itself (watcher, state, control socket,
// delivery connections) besides the server's.
inline constexpr std::size_t kDaemonDescriptorReserve = 128;

// A warning naming the numbers and the fix when `max_connections` plus
// `cache_files` plus the daemon's reserve exceed `soft`; nothing when they fit.
std::optional<std::string> descriptor_shortfall(std::size_t max_connections,
                                                std::size_t cache_files, std::size_t soft);

}  // namespace herald
