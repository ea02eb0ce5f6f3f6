// Malloc tuning: the allocator herald links (tcmalloc, gperftools; glibc's
// in a sanitizer build), how it is asked to lay out a catalog that worker
// threads fill and that then lives for months, and to hand back what a load
// or a full render freed. Figures: docs/benchmarks.md.
#pragma once

#include <cstddef>

namespace herald {

// Once, before any thread starts (`herald run` and `herald build`). With
// tcmalloc, nothing: its per-size free lists keep the catalog dense and it
// maps no block for itself. With glibc's allocator:
// - two arenas: per-thread arenas (glibc's default, 8 per core) keep more
//   of the catalog as fragmentation; one arena makes the loader's threads
//   queue on its lock;
// - blocks of 128 KiB and more (a feed being written, an archive page, a
//   batch of them) mapped for themselves and unmapped when freed. glibc
//   otherwise raises that threshold to the largest block freed, so the
//   feeds of a full render land among the catalog's records and the heap
//   keeps their pages after they are written.
void tune_malloc();

// Hands the free pages the allocator holds back to the kernel; logs (debug)
// how long it took and how much is in use. After a full load, so that the
// resident size is the catalog's and not the load's peak, and after a
// change that rendered a lot (SiteState).
void release_free_memory();

// Bytes the program has allocated and not freed, as the allocator counts.
std::size_t heap_bytes_in_use();

// "tcmalloc" or "glibc": the allocator this build links.
const char* allocator_name();

}  // namespace herald
