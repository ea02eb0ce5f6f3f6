#include "daemon/watch/change_debouncer.h"

#include <boost/test/unit_test.hpp>

namespace herald {
namespace {

using namespace std::chrono_literals;
using Clock = ChangeDebouncer::Clock;
using Change = ChangeDebouncer::Change;

const Clock::time_point t0{};

ChangeDebouncer make() { return ChangeDebouncer(DebounceTiming{10ms, 500ms, 2000ms}); }

}  // namespace

BOOST_AUTO_TEST_SUITE(change_debouncer)

BOOST_AUTO_TEST_CASE(settled_path_is_due_after_quiet) {
  ChangeDebouncer d = make();
  BOOST_TEST(!d.deadline().has_value());
  d.note("b.md", Change::kSettled, t0);
  d.note("a.md", Change::kSettled, t0 + 4ms);
  d.note("a.md", Change::kSettled, t0 + 5ms);
  BOOST_TEST((d.deadline() == t0 + 15ms));
  BOOST_TEST(!d.take_due(t0 + 14ms).has_value());
  std::optional<ChangeBatch> batch = d.take_due(t0 + 15ms);
  BOOST_REQUIRE(batch.has_value());
  BOOST_TEST(batch->paths == (std::vector<std::string>{"a.md", "b.md"}),
             boost::test_tools::per_element());
  BOOST_TEST(!batch->full_rescan);
  BOOST_TEST(batch->reason == "watch");
  BOOST_TEST(d.empty());
  BOOST_TEST(!d.deadline().has_value());
}

BOOST_AUTO_TEST_CASE(cap_bounds_a_steady_stream) {
  ChangeDebouncer d = make();
  d.note("first.md", Change::kSettled, t0);
  for (int ms = 5; ms < 500; ms += 5) d.note("n" + std::to_string(ms), Change::kSettled, t0 + std::chrono::milliseconds(ms));
  BOOST_TEST((d.deadline() == t0 + 500ms));
  std::optional<ChangeBatch> batch = d.take_due(t0 + 500ms);
  BOOST_REQUIRE(batch.has_value());
  BOOST_TEST(batch->paths.size() == 100u);
}

BOOST_AUTO_TEST_CASE(writing_path_is_held_until_closed) {
  ChangeDebouncer d = make();
  d.note("post.md", Change::kWriting, t0);
  d.note("other.md", Change::kSettled, t0);
  d.note("post.md", Change::kTouched, t0 + 1ms);  // chmod while open: still writing
  std::optional<ChangeBatch> batch = d.take_due(t0 + 20ms);
  BOOST_REQUIRE(batch.has_value());
  BOOST_TEST(batch->paths == (std::vector<std::string>{"other.md"}), boost::test_tools::per_element());
  BOOST_TEST((d.deadline() == t0 + 2000ms));
  d.note("post.md", Change::kSettled, t0 + 700ms);
  BOOST_TEST((d.deadline() == t0 + 710ms));
  batch = d.take_due(t0 + 710ms);
  BOOST_REQUIRE(batch.has_value());
  BOOST_TEST(batch->paths == (std::vector<std::string>{"post.md"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(writer_that_never_closes_is_released_after_grace) {
  ChangeDebouncer d = make();
  d.note("post.md", Change::kWriting, t0);
  d.note("post.md", Change::kWriting, t0 + 100ms);
  BOOST_TEST(!d.take_due(t0 + 2099ms).has_value());
  std::optional<ChangeBatch> batch = d.take_due(t0 + 2100ms);
  BOOST_REQUIRE(batch.has_value());
  BOOST_TEST(batch->paths == (std::vector<std::string>{"post.md"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(full_rescan_keeps_the_first_reason) {
  ChangeDebouncer d = make();
  d.request_full_rescan("overflow", t0);
  d.request_full_rescan("periodic", t0 + 1ms);
  d.note("a.md", Change::kSettled, t0 + 2ms);
  std::optional<ChangeBatch> batch = d.take_due(t0 + 12ms);
  BOOST_REQUIRE(batch.has_value());
  BOOST_TEST(batch->full_rescan);
  BOOST_TEST(batch->reason == "overflow");
  BOOST_TEST(batch->paths == (std::vector<std::string>{"a.md"}), boost::test_tools::per_element());
  BOOST_TEST(d.empty());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
