#include "daemon/announce/hub_pings.h"

#include <boost/test/unit_test.hpp>

#include "daemon/base/file_io.h"
#include "tests/daemon/announce/announce_fixture.h"
#include "tests/support/postgres/outbox_engines.h"
#include "tests/support/postgres/postgres_server.h"

namespace herald {

using namespace announce_test;

namespace {

Config hub_site() {
  Config config = make_config({make_target("hook")});
  config.feeds.hubs = {"https://hub.example.org/", "https://pubsubhubbub.appspot.com/"};
  return config;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(hub_pings)

BOOST_AUTO_TEST_CASE(each_hub_hears_of_each_changed_feed_once_until_attempted) {
  Config config = hub_site();
  Store store;
  int ids = 0;
  MessageIdSource message_id = [&ids] { return "ping-" + std::to_string(++ids); };
  HubPings pings = record_hub_pings(config, {"rss.xml", "feed.xsl", "secciones/obras/atom.xml"}, *store,
                                    kNowMs, message_id);
  BOOST_REQUIRE_MESSAGE(pings.status.ok(), pings.status.message);
  BOOST_TEST(pings.hubs == (std::vector<std::string>{"websub-hub.example.org",
                                                     "websub-pubsubhubbub.appspot.com"}),
             boost::test_tools::per_element());
  std::vector<Delivery> first = claim_all(*store, "websub-hub.example.org", kNowMs);
  BOOST_REQUIRE(first.size() == 2u);
  BOOST_TEST(first[0].post_id == "https://example.org/rss.xml");
  BOOST_TEST(first[1].post_id == "https://example.org/secciones/obras/atom.xml");
  BOOST_TEST(first[0].event == "websub.publish");
  BOOST_TEST(first[0].payload == first[0].post_id);  // the topic
  BOOST_TEST(ids == 4);

  // The same feed again: the hub that has not attempted its ping yet gets
  // none; the one whose ping is under way gets a new one.
  pings = record_hub_pings(config, {"rss.xml"}, *store, kNowMs + 1, message_id);
  BOOST_REQUIRE_MESSAGE(pings.status.ok(), pings.status.message);
  BOOST_TEST(pings.hubs.size() == 2u);
  BOOST_TEST(ids == 5);
  BOOST_TEST(claim_all(*store, "websub-hub.example.org", kNowMs + 1).size() == 1u);
  BOOST_TEST(claim_all(*store, "websub-pubsubhubbub.appspot.com", kNowMs + 1).size() == 2u);
}

BOOST_AUTO_TEST_CASE(nothing_to_ping_without_hubs_or_changed_feeds) {
  Store store;
  MessageIdSource message_id = [] { return std::string("never"); };
  Config config = hub_site();
  HubPings pings = record_hub_pings(config, {"feed.xsl", "index.html"}, *store, kNowMs, message_id);
  BOOST_TEST(pings.status.ok());
  BOOST_TEST(pings.hubs.empty());
  config.feeds.hubs.clear();
  pings = record_hub_pings(config, {"rss.xml"}, *store, kNowMs, message_id);
  BOOST_TEST(pings.hubs.empty());
  BOOST_TEST((*store).counts().empty());
}

// Instances sharing an outbox that rebuild a feed alike ping each hub once;
// the feed's next version is pinged again, by whoever writes it first.
BOOST_AUTO_TEST_CASE(instances_writing_the_same_feed_ping_the_hubs_once,
                     *boost::unit_test::precondition(test::postgres_installed)) {
  TempDir out1, out2;
  Config web1 = hub_site(), web2 = hub_site();
  web1.output.dir = out1.path();
  web2.output.dir = out2.path();
  test::TestOutbox a(test::OutboxEngine::postgres, "web1");
  std::unique_ptr<Outbox> b = a.another("web2");
  int ids = 0;
  MessageIdSource message_id = [&ids] { return "ping-" + std::to_string(++ids); };
  auto pinged = [&](Outbox& outbox, std::int64_t now) {
    std::vector<std::string> topics;
    for (const Delivery& d : claim_all(outbox, "websub-hub.example.org", now)) topics.push_back(d.post_id);
    return topics;
  };
  auto write_both = [&](const std::string& bytes) {
    BOOST_REQUIRE(write_file_atomically(out1 / "rss.xml", bytes).ok());
    BOOST_REQUIRE(write_file_atomically(out2 / "rss.xml", bytes).ok());
  };
  write_both("<rss>1</rss>");
  BOOST_TEST(record_hub_pings(web1, {"rss.xml"}, *a, kNowMs, message_id).status.ok());
  BOOST_TEST(pinged(*a, kNowMs) == (Strings{"https://example.org/rss.xml"}), boost::test_tools::per_element());
  // web1's ping is under way (attempted): web2's rebuild of the same bytes adds none.
  BOOST_TEST(record_hub_pings(web2, {"rss.xml"}, *b, kNowMs + 1, message_id).status.ok());
  BOOST_TEST(pinged(*b, kNowMs + 1).empty());
  write_both("<rss>2</rss>");
  BOOST_TEST(record_hub_pings(web2, {"rss.xml"}, *b, kNowMs + 2, message_id).status.ok());
  BOOST_TEST(pinged(*b, kNowMs + 2) == (Strings{"https://example.org/rss.xml"}), boost::test_tools::per_element());
  BOOST_TEST(record_hub_pings(web1, {"rss.xml"}, *a, kNowMs + 3, message_id).status.ok());
  BOOST_TEST(pinged(*a, kNowMs + 3).empty());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
