// What the social network e2e tests (networks_test.cc, meta_test.cc) do to
// a test site and read back: the seed post or a short post saved in the
// content directory, a target's count of deliveries in a state.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <boost/json.hpp>

#include "tests/e2e/site_fixture.h"
#include "tests/support/test_support.h"

namespace herald::test {

// The seed post (shared/seed) saved as content/nuevas/seed.txt.
inline void add_seed(const Site& site) {
  write_file(site.content("nuevas/seed.txt"), read_file(seed_post_path()));
}

// A short post `id` titled `title`, dated 2024-03-01.
inline void add_post(const Site& site, int id, const std::string& title) {
  write_file(site.content("nuevas/n" + std::to_string(id) + ".md"), post(id, title, "2024-03-01T10:00:00-06:00"));
}

// How many of `target`'s deliveries are in `state` ("sent", "dead", ...); 0 when unknown.
inline std::int64_t count_of(const Site& site, const std::string& target, const char* state) {
  std::optional<boost::json::object> status = find_target_status(site, target);
  return status ? status->at(state).as_int64() : 0;
}

inline bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace herald::test
