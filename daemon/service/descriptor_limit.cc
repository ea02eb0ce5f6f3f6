#include "daemon/service/descriptor_limit.h"

#include <sys/resource.h>

#include <algorithm>

namespace herald {
namespace {

std::size_t as_size(rlim_t value) {
  return value == RLIM_INFINITY ? kMaxRaisedDescriptors : static_cast<std::size_t>(value);
}

}  // namespace

DescriptorLimit descriptor_limit() {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return {};
  return {as_size(limit.rlim_cur), as_size(limit.rlim_max)};
}

DescriptorLimit raise_descriptor_limit() {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return {};
  rlim_t wanted = std::min<rlim_t>(limit.rlim_max, kMaxRaisedDescriptors);
  if (limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur < wanted) {
    limit.rlim_cur = wanted;
    ::setrlimit(RLIMIT_NOFILE, &limit);  // on failure the old limit stays, reported below
  }
  return descriptor_limit();
}

std::optional<std::string> descriptor_shortfall(std::size_t max_connections,
                                                std::size_t cache_files, std::size_t soft) {
  std::size_t needed = max_connections + cache_files + kDaemonDescriptorReserve;
  if (soft == 0 || needed <= soft) return std::nullopt;
  return "serve.max_connections is " + std::to_string(max_connections) +
         ", which with the file cache (" + std::to_string(cache_files) +
         ") and the daemon's own descriptors (" + std::to_string(kDaemonDescriptorReserve) +
         ") needs " + std::to_string(needed) + " open files, but the limit is " +
         std::to_string(soft) + "; lower serve.max_connections to " +
         std::to_string(soft > cache_files + kDaemonDescriptorReserve
                            ? soft - cache_files - kDaemonDescriptorReserve
                            : 0) +
         " or raise LimitNOFILE= in the unit (at the limit, new connections wait unaccepted)";
}

}  // namespace herald
