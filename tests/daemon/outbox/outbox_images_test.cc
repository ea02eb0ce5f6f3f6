#include <boost/test/unit_test.hpp>

#include <memory>
#include <string>

#include "daemon/outbox/outbox.h"
#include "tests/support/test_support.h"

namespace herald {
namespace {

std::unique_ptr<Outbox> open_at(const std::string& path) {
  Result<std::unique_ptr<Outbox>> opened = Outbox::open(path, Outbox::Mode::read_write);
  BOOST_REQUIRE_MESSAGE(opened.ok(), opened.error());
  return std::move(*opened);
}

NewDelivery with_image(const std::string& target, std::optional<DeliveryImage> image) {
  NewDelivery d;
  d.post_id = "p1";
  d.target = target;
  d.event = "post.published";
  d.message_id = "msg_" + target;
  d.payload = "{}";
  d.image = std::move(image);
  return d;
}

DeliveryImage variant(const std::string& url = {}) {
  return DeliveryImage{"image/jpeg", std::string("\xff\xd8\x00jpeg", 7), 640, 480, "Un puente", "", url};
}

BOOST_AUTO_TEST_SUITE(outbox_images)

BOOST_AUTO_TEST_CASE(every_claim_and_every_restart_sees_the_same_variant) {
  test::TempDir dir;
  const std::string path = dir / "outbox.db";
  DeliveryImage refused;
  refused.alt = "Un puente";
  refused.note = "the image /uploads/a.png was refused: it has no pixels";
  {
    std::unique_ptr<Outbox> outbox = open_at(path);
    BOOST_REQUIRE(outbox->record({OutboxPost{"p1", "T", "https://e.org/p1/", "p1.md", 1}},
                                 {with_image("sky", variant()), with_image("toot", refused),
                                  with_image("hook", std::nullopt)})
                      .ok());
  }
  std::unique_ptr<Outbox> outbox = open_at(path);
  std::vector<Delivery> claimed;
  BOOST_REQUIRE(outbox->claim_many({{"sky", 1}, {"toot", 1}, {"hook", 1}}, 10, 1000, &claimed).ok());
  BOOST_REQUIRE(claimed.size() == 3u);
  BOOST_REQUIRE(claimed[0].image.has_value());
  BOOST_TEST(claimed[0].image->bytes == variant().bytes);
  BOOST_TEST(claimed[0].image->media_type == "image/jpeg");
  BOOST_TEST(claimed[0].image->width == 640);
  BOOST_TEST(claimed[0].image->height == 480);
  BOOST_TEST(claimed[0].image->alt == "Un puente");
  BOOST_REQUIRE(claimed[1].image.has_value());
  BOOST_TEST(!claimed[1].image->has_variant());
  BOOST_TEST(claimed[1].image->note == refused.note);
  BOOST_TEST(!claimed[2].image.has_value());
}

BOOST_AUTO_TEST_CASE(a_sent_delivery_no_longer_keeps_its_published_variant_in_use) {
  test::TempDir dir;
  std::unique_ptr<Outbox> outbox = open_at(dir / "outbox.db");
  BOOST_REQUIRE(outbox->record({OutboxPost{"p1", "T", "https://e.org/p1/", "p1.md", 1}},
                               {with_image("gram", variant("https://e.org/announce-images/a.jpg")),
                                with_image("threads", variant("https://e.org/announce-images/b.jpg"))})
                    .ok());
  BOOST_TEST((*outbox->image_urls_in_use() ==
              std::set<std::string>{"https://e.org/announce-images/a.jpg", "https://e.org/announce-images/b.jpg"}));
  std::vector<Delivery> claimed;
  BOOST_REQUIRE(outbox->claim("gram", 10, 1000, 1, &claimed).ok());
  DeliveryOutcome sent;
  sent.id = claimed.at(0).id;
  sent.at_ms = 20;
  BOOST_REQUIRE(outbox->finish({sent}).ok());
  BOOST_TEST((*outbox->image_urls_in_use() == std::set<std::string>{"https://e.org/announce-images/b.jpg"}));
}

// The progress of a multi-step publish (schema version 5): kept across
// reopening, replaced by each save, dropped once the delivery is sent.
BOOST_AUTO_TEST_CASE(a_deliverys_progress_survives_reopening_and_goes_when_it_is_sent) {
  test::TempDir dir;
  std::vector<Delivery> claimed;
  {
    std::unique_ptr<Outbox> outbox = open_at(dir / "outbox.db");
    BOOST_REQUIRE(outbox->record({OutboxPost{"p1", "T", "https://e.org/p1/", "p1.md", 1}},
                                 {with_image("gram", variant("https://e.org/announce-images/a.jpg"))})
                      .ok());
    BOOST_REQUIRE(outbox->claim("gram", 10, 1000, 1, &claimed).ok());
    BOOST_REQUIRE(outbox->save_delivery_progress(claimed.at(0).id, R"({"container":"c1"})", 11).ok());
    BOOST_REQUIRE(outbox->save_delivery_progress(claimed.at(0).id, R"({"container":"c2"})", 12).ok());
  }
  std::unique_ptr<Outbox> outbox = open_at(dir / "outbox.db");
  Result<std::optional<std::string>> progress = outbox->delivery_progress(claimed.at(0).id);
  BOOST_REQUIRE_MESSAGE(progress.ok(), progress.error());
  BOOST_TEST(progress->value_or("") == R"({"container":"c2"})");
  BOOST_TEST(!outbox->delivery_progress(claimed.at(0).id + 1)->has_value());
  DeliveryOutcome sent;
  sent.id = claimed.at(0).id;
  sent.at_ms = 20;
  BOOST_REQUIRE(outbox->finish({sent}).ok());
  BOOST_TEST(!outbox->delivery_progress(claimed.at(0).id)->has_value());
}

BOOST_AUTO_TEST_CASE(a_delivery_sent_without_its_image_keeps_why) {
  test::TempDir dir;
  std::unique_ptr<Outbox> outbox = open_at(dir / "outbox.db");
  BOOST_REQUIRE(outbox->record({OutboxPost{"p1", "T", "https://e.org/p1/", "p1.md", 1}},
                               {with_image("sky", variant()), with_image("toot", variant())})
                    .ok());
  std::vector<Delivery> claimed;
  BOOST_REQUIRE(outbox->claim_many({{"sky", 1}, {"toot", 1}}, 10, 1000, &claimed).ok());
  DeliveryOutcome without;
  without.id = claimed.at(0).id;
  without.at_ms = 20;
  without.error = "posted without the image: the image /a.png was refused: it has no pixels";
  DeliveryOutcome with = without;
  with.id = claimed.at(1).id;
  with.error = "";
  BOOST_REQUIRE(outbox->finish({without, with}).ok());
  std::vector<PostDeliveries> list = outbox->list(ListFilter{});
  BOOST_REQUIRE(list.size() == 1u);
  BOOST_REQUIRE(list[0].deliveries.size() == 2u);
  BOOST_TEST(list[0].deliveries[0].last_error == without.error);
  BOOST_TEST(list[0].deliveries[1].last_error == "");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
