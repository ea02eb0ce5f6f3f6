// Target types: the names round-trip, and websub (internal) is the one type
// a `targets:` item may not name.
#include "config/target_type.h"

#include <boost/test/unit_test.hpp>

namespace herald {

BOOST_AUTO_TEST_SUITE(target_type)

BOOST_AUTO_TEST_CASE(type_names_round_trip) {
  const std::vector<std::string> names = {"webhook", "mastodon", "bluesky",  "discord", "slack",
                                          "telegram", "matrix", "facebook", "x",       "instagram",
                                          "threads",  "linkedin", "websub", "indexnow"};
  for (const std::string& name : names) {
    std::optional<TargetType> type = parse_target_type(name);
    BOOST_TEST_REQUIRE(type.has_value(), name);
    BOOST_TEST(target_type_name(*type) == name);
  }
  BOOST_TEST((parse_target_type("discord") == TargetType::discord));
  BOOST_TEST(!parse_target_type("Webhook").has_value());
  BOOST_TEST(!parse_target_type("").has_value());
}

BOOST_AUTO_TEST_CASE(websub_is_not_configurable) {
  BOOST_TEST(!is_configurable(TargetType::websub));
  BOOST_TEST(is_configurable(TargetType::webhook));
  BOOST_TEST(configurable_target_type_names() ==
                 (std::vector<std::string>{"webhook", "mastodon", "bluesky", "discord", "slack",
                                           "telegram", "matrix", "facebook", "x", "instagram",
                                           "threads", "linkedin", "indexnow"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
