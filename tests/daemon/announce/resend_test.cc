#include "daemon/announce/resend.h"

#include <boost/test/unit_test.hpp>

#include "feeds/string_util.h"
#include "tests/daemon/announce/announce_fixture.h"

namespace herald {

using namespace announce_test;

namespace {

// Previews one request whose URL and header carry the target's secret.
class PreviewDriver : public TargetDriver {
 public:
  std::string payload(const Post& post, DeliveryEvent event, const Timestamp&) const override {
    return delivery_event_name(event) + (":" + post.id);
  }
  std::unique_ptr<DeliveryAttempt> attempt(const Delivery&) override { return nullptr; }
  Result<std::vector<HttpRequest>> preview(const Delivery& delivery, std::int64_t) override {
    if (refuse) return Result<std::vector<HttpRequest>>::failed("the template renders an empty text");
    HttpRequest request;
    request.url = "https://hooks.example.net/s3cret";
    request.headers = {{"Authorization", "Bearer s3cret"}};
    request.body = delivery.payload + " " + delivery.message_id;
    return std::vector<HttpRequest>{request};
  }
  std::string redact(std::string text) const override {
    replace_all(text, "s3cret", "[redacted]");
    return text;
  }
  bool refuse = false;
};

struct ResendSite {
  Config config = make_config({make_target("hook"), make_target("obras")});
  Catalog catalog = catalog_of({make_post("a", kNow - 60), make_post("b", kNow - 30, "Obras"),
                                draft(make_post("d", kNow - 10)), make_post("f", kNow + 60)});
  int ids = 0;
  Announcer announcer = make_announcer(config, &ids);
  PreviewDriver hook, obras;
  DriverLookup drivers = [this](const std::string& name) -> TargetDriver* {
    if (name == "hook") return &hook;
    if (name == "obras") return &obras;
    return nullptr;
  };
  Store store;

  ResendSite() {
    config.content.dir = "/srv/content";
    config.targets[1].sections = {"obras"};
  }
  Result<ResendPlan> plan(const std::string& post, const std::vector<std::string>& targets) {
    return plan_resend(post, targets, config, catalog, announcer, drivers, *store, at(kNow), kNowMs + 7);
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(resend)

BOOST_AUTO_TEST_CASE(every_target_that_wants_the_post_gets_a_new_delivery_shown_redacted) {
  ResendSite site;
  Result<ResendPlan> plan = site.plan("b", {});
  BOOST_REQUIRE_MESSAGE(plan.ok(), plan.error());
  BOOST_TEST(plan->post.id == "b");
  BOOST_TEST(plan->targets == (std::vector<std::string>{"hook", "obras"}), boost::test_tools::per_element());
  BOOST_REQUIRE(plan->deliveries.size() == 2u);
  BOOST_TEST(plan->deliveries[0].event == "post.published");
  BOOST_TEST(plan->deliveries[0].message_id == "msg-1");
  BOOST_TEST(plan->deliveries[1].message_id == "msg-2");
  BOOST_TEST(plan->deliveries[0].not_before_ms == kNowMs + 7);  // no delay: on purpose
  BOOST_REQUIRE(plan->requests.size() == 2u);
  const ShownRequest& shown = plan->requests[1];
  BOOST_TEST(shown.target == "obras");
  BOOST_TEST(shown.message_id == "msg-2");
  BOOST_TEST(shown.method == "POST");
  BOOST_TEST(shown.url == "https://hooks.example.net/[redacted]");
  BOOST_TEST(shown.headers.at(0).second == "Bearer [redacted]");
  BOOST_TEST(shown.body == "post.published:b msg-2");
  BOOST_TEST(summary(*site.store).empty());  // a plan records nothing
}

BOOST_AUTO_TEST_CASE(the_post_is_named_by_id_file_or_url_and_targets_by_name) {
  ResendSite site;
  Result<ResendPlan> plan = site.plan("/srv/content/posts/a.md", {"obras"});
  BOOST_REQUIRE_MESSAGE(plan.ok(), plan.error());
  BOOST_TEST(plan->post.id == "a");
  BOOST_TEST(plan->targets == (std::vector<std::string>{"obras"}), boost::test_tools::per_element());
  BOOST_TEST(site.plan("posts/a.md", {})->post.id == "a");
  Status recorded = (*site.store).record({site.announcer.record_of(*site.catalog.find("a"))}, {});
  BOOST_REQUIRE(recorded.ok());
  plan = site.plan(site.announcer.record_of(*site.catalog.find("a")).url, {});
  BOOST_REQUIRE_MESSAGE(plan.ok(), plan.error());
  BOOST_TEST(plan->post.id == "a");
  BOOST_TEST(plan->targets == (std::vector<std::string>{"hook"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(what_cannot_be_resent_is_said) {
  ResendSite site;
  BOOST_TEST(site.plan("zzz", {}).error() == "no post matches \"zzz\": give its id (news_id), its file or its public URL");
  BOOST_TEST(site.plan("d", {}).error() == "post d is not published (a draft or dated in the future)");
  BOOST_TEST(site.plan("f", {}).error() == "post f is not published (a draft or dated in the future)");
  BOOST_TEST(site.plan("a", {"hook", "nadie"}).error() == "no target is named \"nadie\"");
  site.config.targets[0].sections = {"deportes"};
  BOOST_TEST(site.plan("a", {}).error() == "no target announces post a");
  site.obras.refuse = true;
  BOOST_TEST(site.plan("b", {"obras"}).error() == "obras: the template renders an empty text");
  site.drivers = [](const std::string&) -> TargetDriver* { return nullptr; };
  BOOST_TEST(site.plan("b", {"hook"}).error() == "hook: the target cannot be driven (see the log of the last start or reload)");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
