// The real seed post (shared/seed) parsed the way the test sites configure
// it: identity from `news_id`, dates without offset in America/Chihuahua.
// Header-only so any test binary may use it without build changes.
#pragma once

#include <boost/test/unit_test.hpp>

#include "feeds/post.h"
#include "feeds/post_parser.h"
#include "feeds/post_rules.h"
#include "feeds/time_zone.h"
#include "tests/support/test_support.h"

namespace herald::test {

// The seed parsed with `rules` (their fields.id should be "news_id").
// REQUIRES (checked): the seed parses.
inline Post parse_seed_post(const PostRules& rules) {
  PostParseResult r = parse_post("000_cd72f1639913488c.txt", read_file(seed_post_path()), rules,
                                 *TimeZone::load("America/Chihuahua"));
  BOOST_TEST_REQUIRE(r.post.has_value());
  return *r.post;
}

}  // namespace herald::test
