#include "daemon/base/malloc_tuning.h"

#include <chrono>

#include <spdlog/spdlog.h>

#ifdef HERALD_TCMALLOC
#include <gperftools/malloc_extension_c.h>
#else
#include <malloc.h>
#endif

namespace herald {

void tune_malloc() {
#ifndef HERALD_TCMALLOC
  mallopt(M_ARENA_MAX, 2);
  mallopt(M_MMAP_THRESHOLD, 128 * 1024);  // also turns glibc's moving threshold off
#endif
}

void release_free_memory() {
  auto started = std::chrono::steady_clock::now();
#ifdef HERALD_TCMALLOC
  MallocExtension_ReleaseFreeMemory();
#else
  malloc_trim(0);
#endif
  std::chrono::duration<double, std::milli> took = std::chrono::steady_clock::now() - started;
  spdlog::debug("free memory released in {:.1f} ms; {} MiB in use", took.count(), heap_bytes_in_use() >> 20);
}

std::size_t heap_bytes_in_use() {
#ifdef HERALD_TCMALLOC
  std::size_t bytes = 0;
  MallocExtension_GetNumericProperty("generic.current_allocated_bytes", &bytes);
  return bytes;
#else
  return mallinfo2().uordblks;
#endif
}

const char* allocator_name() {
#ifdef HERALD_TCMALLOC
  return "tcmalloc";
#else
  return "glibc";
#endif
}

}  // namespace herald
