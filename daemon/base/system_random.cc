#include "daemon/base/system_random.h"

#include <random>

namespace herald {

std::function<double()> system_random() {
  return [] {
    thread_local std::mt19937_64 engine{std::random_device{}()};
    return std::uniform_real_distribution<double>(0.0, 1.0)(engine);
  };
}

}  // namespace herald
