#include "daemon/site/ordered_work.h"

#include <atomic>
#include <chrono>
#include <cstddef>
#include <thread>
#include <vector>

#include <boost/test/unit_test.hpp>

namespace herald {
namespace {

// Runs `count` indices through run_ordered, each producing its own number
// into its slot; checks every consume against its slot and the order, and
// that no produce starts a window ahead of the consumer.
void check_run(std::size_t count, unsigned threads, std::size_t window, bool slow_consumer) {
  std::vector<std::size_t> slots(window, static_cast<std::size_t>(-1));
  std::vector<std::atomic<int>> produced(count);
  std::atomic<std::size_t> consumed{0};
  std::atomic<bool> ahead{false};
  std::atomic<bool> twice{false};
  std::vector<std::size_t> order;
  const std::thread::id caller = std::this_thread::get_id();
  bool consumed_elsewhere = false;
  run_ordered(
      count, threads, window,
      [&](std::size_t i) {
        if (i >= consumed.load() + window) ahead = true;
        if (produced[i].fetch_add(1) != 0) twice = true;
        slots[i % window] = i;
      },
      [&](std::size_t i) {
        if (std::this_thread::get_id() != caller) consumed_elsewhere = true;
        BOOST_TEST(slots[i % window] == i);
        order.push_back(i);
        if (slow_consumer && i % 97 == 0) std::this_thread::sleep_for(std::chrono::microseconds(200));
        consumed = i + 1;
      });
  BOOST_TEST(!ahead.load());
  BOOST_TEST(!twice.load());
  BOOST_TEST(!consumed_elsewhere);
  BOOST_REQUIRE_EQUAL(order.size(), count);
  for (std::size_t i = 0; i < count; ++i) BOOST_REQUIRE_EQUAL(order[i], i);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ordered_work)

BOOST_AUTO_TEST_CASE(every_index_is_produced_once_and_consumed_in_order_on_the_caller) {
  check_run(20000, 8, 4096, false);
  check_run(5000, 2, 16, false);
}

BOOST_AUTO_TEST_CASE(producers_wait_for_a_slow_consumer_within_the_window) {
  check_run(3000, 8, 7, true);
  check_run(1000, 3, 1, true);
}

BOOST_AUTO_TEST_CASE(one_thread_and_empty_runs) {
  check_run(1000, 1, 10, false);
  check_run(1000, 0, 10, false);
  check_run(0, 4, 10, false);
  check_run(3, 16, 64, false);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
