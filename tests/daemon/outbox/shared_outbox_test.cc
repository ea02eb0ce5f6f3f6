// The shared outbox's turns: first come, first served, so a thread that
// gives the outbox back and asks again at once (the delivery thread retrying
// a claim after waiting out a lock held elsewhere) cannot starve the loop.
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <future>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "daemon/outbox/outbox.h"
#include "daemon/outbox/shared_outbox.h"
#include "tests/support/test_support.h"

namespace herald {
namespace {

std::unique_ptr<Outbox> open_outbox(const std::string& path) {
  Result<std::unique_ptr<Outbox>> outbox = Outbox::open(path, Outbox::Mode::read_write);
  BOOST_REQUIRE_MESSAGE(outbox.ok(), outbox.error());
  return *std::move(outbox);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(shared_outbox_turns)

BOOST_AUTO_TEST_CASE(a_thread_asking_again_waits_behind_those_already_waiting) {
  test::TempDir dir;
  SharedOutbox shared(open_outbox(dir / "outbox.db"));
  std::vector<std::string> order;  // written only in a turn
  std::promise<void> inside;
  std::promise<void> go;
  std::shared_future<void> gone = go.get_future().share();

  std::thread first([&] {
    shared.with([&](Outbox&) {
      order.push_back("first");
      inside.set_value();
      gone.wait();
      return 0;
    });
    shared.with([&](Outbox&) {
      order.push_back("first again");
      return 0;
    });
  });
  inside.get_future().wait();
  BOOST_TEST(shared.waiting() == 0u);
  std::thread second([&] {
    shared.with([&](Outbox&) {
      order.push_back("second");
      return 0;
    });
  });
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (shared.waiting() != 1u && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  BOOST_TEST_REQUIRE(shared.waiting() == 1u);  // `second` has its ticket
  go.set_value();
  first.join();
  second.join();
  BOOST_TEST(order == (std::vector<std::string>{"first", "second", "first again"}), boost::test_tools::per_element());
  BOOST_TEST(shared.waiting() == 0u);
}

BOOST_AUTO_TEST_CASE(a_use_that_throws_gives_the_turn_back) {
  test::TempDir dir;
  SharedOutbox shared(open_outbox(dir / "outbox.db"));
  BOOST_CHECK_THROW(shared.with([](Outbox&) -> int { throw std::runtime_error("boom"); }), std::runtime_error);
  BOOST_TEST(shared.with([](Outbox&) { return 7; }) == 7);
  BOOST_TEST(shared.waiting() == 0u);
}

// The loop's sweeps skip a round rather than queue: while another thread
// is in the outbox (or waits for it), try_with runs nothing and returns at
// once; once the outbox is free it runs like with().
BOOST_AUTO_TEST_CASE(try_with_never_waits_for_a_turn) {
  test::TempDir dir;
  SharedOutbox shared(open_outbox(dir / "outbox.db"));
  std::promise<void> inside;
  std::promise<void> go;
  std::thread holder([&] {
    shared.with([&](Outbox&) {
      inside.set_value();
      go.get_future().wait();
      return 0;
    });
  });
  inside.get_future().wait();
  auto started = std::chrono::steady_clock::now();
  bool ran = false;
  BOOST_TEST(!shared.try_with([&](Outbox&) { return ran = true; }).has_value());
  BOOST_TEST(!ran);
  BOOST_TEST((std::chrono::steady_clock::now() - started < std::chrono::seconds(1)));
  go.set_value();
  holder.join();
  std::optional<int> seven = shared.try_with([](Outbox&) { return 7; });
  BOOST_TEST((seven && *seven == 7));
  BOOST_TEST(shared.waiting() == 0u);
  BOOST_TEST(shared.with([](Outbox&) { return 8; }) == 8);  // the turn was given back
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
