#include "daemon/delivery/clock_step.h"

#include <boost/test/unit_test.hpp>

namespace herald {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

const steady_clock::time_point kMono{std::chrono::hours(1000)};
constexpr std::int64_t kWall = 1'700'000'000'000;
constexpr std::int64_t kHour = 3'600'000;

}  // namespace

BOOST_AUTO_TEST_SUITE(clock_step)

BOOST_AUTO_TEST_CASE(a_clock_that_keeps_pace_has_not_stepped) {
  ClockStepDetector clock(milliseconds(1000));
  BOOST_TEST(clock.observe(kWall, kMono) == 0);
  BOOST_TEST(clock.observe(kWall + 60'000, kMono + milliseconds(60'000)) == 0);
  // Slewing, or two readings taken a moment apart: under the threshold.
  BOOST_TEST(clock.observe(kWall + 60'999, kMono + milliseconds(60'000)) == 0);
  BOOST_TEST(clock.observe(kWall + 61'500, kMono + milliseconds(61'000)) == 0);  // -499 ms
}

BOOST_AUTO_TEST_CASE(steps_either_way_are_measured_once) {
  ClockStepDetector clock(milliseconds(1000));
  clock.observe(kWall, kMono);
  BOOST_TEST(clock.observe(kWall + kHour + 5'000, kMono + milliseconds(5'000)) == kHour);
  BOOST_TEST(clock.observe(kWall + kHour + 6'000, kMono + milliseconds(6'000)) == 0);
  BOOST_TEST(clock.observe(kWall + 7'000, kMono + milliseconds(7'000)) == -kHour);
  BOOST_TEST(clock.observe(kWall + 5'000, kMono + milliseconds(8'000)) == -3'000);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
