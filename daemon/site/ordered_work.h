// Ordered work: a pipeline of independent producing and in-order consuming,
// as a load reads posts on several threads but puts them into the catalog
// one after the other, in path order, on the calling thread.
//
// run_ordered calls produce(i) exactly once for every i in [0, count), on
// `threads` threads (the calling one among them; 1 or less: all on the
// calling thread), and consume(i) on the calling thread in index order, each
// as soon as produce(i) has returned: the caller consumes while the others
// still produce, with no pause between batches. No produce(i) starts before
// consume(i - window) has returned, so a caller keeps the results waiting in
// `window` slots (index i in slot i % window) and never holds more.
// produce calls touch only their own slot and state nothing writes during
// the run; neither function throws. Starts the threads at every call.
#pragma once

#include <cstddef>

#include "feeds/task_runner.h"

namespace herald {

void run_ordered(std::size_t count, unsigned threads, std::size_t window, const Task& produce,
                 const Task& consume);

}  // namespace herald
