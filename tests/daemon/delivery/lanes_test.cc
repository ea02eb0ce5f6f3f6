#include "daemon/delivery/lanes.h"

#include <boost/test/unit_test.hpp>

namespace herald {
namespace {

Config hub_config() {
  Config config;
  config.site.url = "https://noticias.example.gov/";
  config.feeds.hubs = {"https://pubsubhubbub.appspot.com/", "https://hub.example.org/publish?key=s3cret",
                       "https://hub.example.org/other"};
  TargetConfig hook;
  hook.name = "hook";
  hook.type = TargetType::webhook;
  config.targets.push_back(hook);
  return config;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(lanes)

BOOST_AUTO_TEST_CASE(each_hub_is_a_target_of_its_own_after_the_configured_ones) {
  std::vector<TargetConfig> targets = delivery_targets(hub_config());
  BOOST_REQUIRE(targets.size() == 4u);
  BOOST_TEST(targets[0].name == "hook");
  BOOST_TEST(targets[1].name == "websub-pubsubhubbub.appspot.com");
  BOOST_TEST((targets[1].type == TargetType::websub));
  BOOST_TEST(targets[1].url == "https://pubsubhubbub.appspot.com/");
  BOOST_TEST(targets[2].name == "websub-hub.example.org");
  BOOST_TEST(targets[3].name == "websub-hub.example.org-2");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
