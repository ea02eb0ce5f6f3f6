// TaskRunner: how the pure feeds core hands independent work to a caller
// that may run it on several threads, without starting any itself.
//
// A runner is called with a count and a task, and must call task(i) exactly
// once for every i in [0, count), in any order, on any threads, and return
// only when every call has returned. Code that takes a runner promises that
// the calls of one batch touch disjoint state (each i writes only its own
// slot) and read only shared state that nothing writes during the batch.
// Tasks do not throw.
//
// run_serially runs them one after the other on the calling thread; the
// daemon supplies a threaded runner (daemon/site/site_build.h).
#pragma once

#include <cstddef>
#include <functional>

namespace herald {

using Task = std::function<void(std::size_t index)>;
using TaskRunner = std::function<void(std::size_t count, const Task& task)>;

inline void run_serially(std::size_t count, const Task& task) {
  for (std::size_t i = 0; i < count; ++i) task(i);
}

}  // namespace herald
