#include "daemon/base/malloc_tuning.h"

#include <malloc.h>

#include <chrono>

#include <spdlog/spdlog.h>

namespace herald {

void tune_malloc() {
  mallopt(M_ARENA_MAX, 2);
  mallopt(M_MMAP_THRESHOLD, 128 * 1024);  // also turns glibc's moving threshold off
}

void release_free_memory() {
  auto started = std::chrono::steady_clock::now();
  malloc_trim(0);
  std::chrono::duration<double, std::milli> took = std::chrono::steady_clock::now() - started;
  spdlog::debug("free memory released in {:.1f} ms; {} MiB in use", took.count(), mallinfo2().uordblks >> 20);
}

}  // namespace herald
