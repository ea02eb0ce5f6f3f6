// TimeZone against fixed tz rules: Mexico's end of daylight saving time in
// 2022 (which ICU 72's bundled data missed), a DST gap and overlap, times
// past 2037 and names that are not zones.
#include "feeds/time_zone.h"

#include <boost/test/unit_test.hpp>

#include "feeds/timestamp.h"

namespace herald {
namespace {

// Offset in minutes of a local civil time (minute precision) in `name`.
int offset_at(const char* name, int year, int month, int day, int hour, int minute) {
  std::optional<TimeZone> zone = TimeZone::load(name);
  BOOST_TEST_REQUIRE(zone.has_value(), name);
  return civil_to_timestamp(year, month, day, hour, minute, 0, *zone).offset_minutes;
}

BOOST_AUTO_TEST_SUITE(time_zone)

BOOST_AUTO_TEST_CASE(chihuahua_left_mountain_time_in_october_2022) {
  BOOST_TEST(offset_at("America/Chihuahua", 2022, 1, 15, 10, 0) == -420);  // MST
  BOOST_TEST(offset_at("America/Chihuahua", 2022, 7, 15, 10, 0) == -360);  // MDT
  BOOST_TEST(offset_at("America/Chihuahua", 2023, 1, 15, 10, 0) == -360);  // CST, no DST
  BOOST_TEST(offset_at("America/Chihuahua", 2023, 7, 15, 10, 0) == -360);
}

BOOST_AUTO_TEST_CASE(mexico_city_has_no_summer_time_from_2023) {
  BOOST_TEST(offset_at("America/Mexico_City", 2022, 7, 15, 10, 0) == -300);
  BOOST_TEST(offset_at("America/Mexico_City", 2023, 7, 15, 10, 0) == -360);
  BOOST_TEST(offset_at("America/Mexico_City", 2026, 7, 15, 10, 0) == -360);
}

BOOST_AUTO_TEST_CASE(gap_and_overlap_take_the_offset_before_the_change) {
  // 2023-03-12 02:30 never happened in New York: read with EST.
  BOOST_TEST(offset_at("America/New_York", 2023, 3, 12, 1, 59) == -300);
  BOOST_TEST(offset_at("America/New_York", 2023, 3, 12, 2, 30) == -300);
  BOOST_TEST(offset_at("America/New_York", 2023, 3, 12, 3, 0) == -240);
  // 2023-11-05 01:30 happened twice: the first, EDT, wins.
  BOOST_TEST(offset_at("America/New_York", 2023, 11, 5, 1, 30) == -240);
  BOOST_TEST(offset_at("America/New_York", 2023, 11, 5, 2, 0) == -300);
  Timestamp overlap = civil_to_timestamp(2023, 11, 5, 1, 30, 0, *TimeZone::load("America/New_York"));
  BOOST_TEST(overlap.rfc3339() == "2023-11-05T01:30:00-04:00");
}

BOOST_AUTO_TEST_CASE(offset_at_an_instant) {
  TimeZone ny = *TimeZone::load("America/New_York");
  BOOST_TEST(ny.offset_minutes_at(1699162199) == -240);  // 2023-11-05T05:29:59Z
  BOOST_TEST(ny.offset_minutes_at(1699164000) == -300);  // 06:00Z, an hour after the change
  BOOST_TEST(TimeZone::utc().offset_minutes_at(1699164000) == 0);
}

// tzdata's files list changes up to 2037; the rule that follows them must
// still give summer time later (date/tz ignores it: guarded in time_zone.cc).
BOOST_AUTO_TEST_CASE(summer_time_continues_after_2037) {
  BOOST_TEST(offset_at("America/New_York", 2040, 7, 1, 12, 0) == -240);
  BOOST_TEST(offset_at("America/New_York", 2040, 1, 1, 12, 0) == -300);
  BOOST_TEST(offset_at("America/New_York", 2099, 3, 8, 3, 0) == -240);  // 2nd Sunday of March
  BOOST_TEST(offset_at("America/New_York", 2099, 3, 7, 3, 0) == -300);
  BOOST_TEST(offset_at("Europe/Berlin", 2050, 8, 1, 12, 0) == 120);
  TimeZone ny = *TimeZone::load("America/New_York");
  BOOST_TEST(ny.offset_minutes_at(2224756800) == -240);  // 2040-07-01T12:00Z
}

BOOST_AUTO_TEST_CASE(only_zone_names_load) {
  for (const char* name : {"Mars/Olympus", "", "America", "zone.tab", "tzdata.zi",
                           "leapseconds", "../../../etc/passwd", "/usr/share/zoneinfo/UTC",
                           "posix/America/New_York", "America/New_York/"}) {
    BOOST_TEST(!TimeZone::load(name).has_value(), "'" << name << "'");
  }
  BOOST_TEST(TimeZone::load("UTC")->name() == "UTC");
  BOOST_TEST(TimeZone::load("Etc/GMT+5")->offset_minutes_at(0) == -300);
  BOOST_TEST(TimeZone::load("US/Eastern")->offset_minutes_at(1699164000) == -300);  // a link
}

BOOST_AUTO_TEST_CASE(rules_digest_tells_zones_apart) {
  TimeZone ny = *TimeZone::load("America/New_York");
  BOOST_TEST(ny.rules_digest() == TimeZone::load("America/New_York")->rules_digest());
  BOOST_TEST(ny.rules_digest() == TimeZone(ny).rules_digest());
  BOOST_TEST(ny.rules_digest() != TimeZone::load("America/Chicago")->rules_digest());
  BOOST_TEST(TimeZone::load("America/Chihuahua")->rules_digest() !=
             TimeZone::load("America/Mazatlan")->rules_digest());
  BOOST_TEST(TimeZone::utc().rules_digest() == "0");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
