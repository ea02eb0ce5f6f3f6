#include "daemon/base/malloc_tuning.h"

#include <malloc.h>

#include <spdlog/spdlog.h>

namespace herald {

void tune_malloc() {
  mallopt(M_ARENA_MAX, 2);
  mallopt(M_MMAP_THRESHOLD, 128 * 1024);  // also turns glibc's moving threshold off
}

void release_free_memory() {
  struct mallinfo2 before = mallinfo2();
  malloc_trim(0);
  spdlog::debug("memory in use after the load: {} MiB", before.uordblks >> 20);
}

}  // namespace herald
