#include "daemon/targets/webhook/websub.h"
#include "tests/daemon/targets/fixed_driver_inputs.h"

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

BOOST_AUTO_TEST_SUITE(websub)

BOOST_AUTO_TEST_CASE(topics_are_the_feed_files_urls) {
  Config config = hub_config();
  std::vector<std::string> topics =
      websub_topics(config, {"rss.xml", "atom.xml", "feed.json", "secciones/obras/rss.xml", "feed.xsl",
                             "index.html", "other.xml"});
  BOOST_TEST(topics == (std::vector<std::string>{"https://noticias.example.gov/rss.xml",
                                                 "https://noticias.example.gov/atom.xml",
                                                 "https://noticias.example.gov/feed.json",
                                                 "https://noticias.example.gov/secciones/obras/rss.xml"}),
             boost::test_tools::per_element());
  config.feeds.rss_file = "feed.xml";
  BOOST_TEST(websub_topics(config, {"rss.xml", "tags/obras/feed.xml"}) ==
                 (std::vector<std::string>{"https://noticias.example.gov/tags/obras/feed.xml"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_publish_ping_is_a_form_post) {
  HttpRequest request =
      websub_publish_request("https://hub.example.org/", "https://noticias.example.gov/tags/año nuevo&más/feed.xml");
  BOOST_TEST(request.method == "POST");
  BOOST_TEST(request.url == "https://hub.example.org/");
  BOOST_TEST(request.headers.at(0).first == "Content-Type");
  BOOST_TEST(request.headers.at(0).second == "application/x-www-form-urlencoded");
  BOOST_TEST(request.body ==
             "hub.mode=publish&hub.url=https://noticias.example.gov/tags/a%C3%B1o%20nuevo%26m%C3%A1s/feed.xml");
}

BOOST_AUTO_TEST_CASE(the_driver_pings_the_stored_topic_and_hides_the_hubs_key) {
  Config config = hub_config();
  TargetConfig hub = websub_targets(config).at(1);
  DriverResult made = make_target_driver(hub, config, nullptr, test::fixed_driver_inputs());
  BOOST_REQUIRE(made.ok());
  std::unique_ptr<TargetDriver> driver = std::move(*made);
  Delivery delivery;
  delivery.id = 7;
  delivery.attempts = 1;
  delivery.payload = "https://noticias.example.gov/feed.xml";
  std::unique_ptr<DeliveryAttempt> attempt = driver->attempt(delivery);
  AttemptStep first = attempt->first(1000);
  BOOST_REQUIRE((first.kind == AttemptStep::Kind::send));
  BOOST_TEST(first.request.body == "hub.mode=publish&hub.url=https://noticias.example.gov/feed.xml");
  HttpResponse accepted;
  accepted.status = 204;
  AttemptStep done = attempt->next(accepted, 2000);
  BOOST_REQUIRE((done.kind == AttemptStep::Kind::done));
  BOOST_TEST((done.outcome.kind == DeliveryOutcome::Kind::sent));
  BOOST_TEST(driver->redact("POST https://hub.example.org/publish?key=s3cret failed").find("s3cret") ==
             std::string::npos);
  HttpResponse gone;
  gone.status = 410;
  BOOST_TEST((driver->attempt(delivery)->next(gone, 3000).outcome.kind == DeliveryOutcome::Kind::dead));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
