// The link card and the image with its alt text a preview shows, read from
// the requests the drivers themselves make: Mastodon's and Discord's
// drivers' previews, and the request builders of Bluesky, LinkedIn and X.
#include "daemon/targets/announced_attachments.h"

#include <boost/test/unit_test.hpp>

#include "daemon/targets/bluesky/bluesky_record.h"
#include "daemon/targets/bluesky/bluesky_xrpc.h"
#include "daemon/targets/chat/discord_driver.h"
#include "daemon/targets/linkedin/linkedin_requests.h"
#include "daemon/targets/mastodon/mastodon_driver.h"
#include "daemon/targets/x/x_media.h"
#include "tests/daemon/targets/chat/chat_seed.h"
#include "tests/daemon/targets/fixed_driver_inputs.h"

namespace herald {
namespace {

// A request as preview_requests shows it (nothing to redact here).
ShownRequest shown(const HttpRequest& request) {
  ShownRequest one{"t", "m", request.method, request.url, {}, shown_body(request), {}};
  for (const FormPart& part : request.form) one.fields.emplace_back(part.name, shown_part(part));
  return one;
}

std::vector<ShownRequest> previewed(TargetDriver& driver, const Delivery& delivery) {
  Result<std::vector<ShownRequest>> requests = preview_requests(driver, delivery, 0);
  BOOST_TEST_REQUIRE(requests.ok(), requests.error());
  return *requests;
}

Delivery delivery_of(TargetDriver& driver) {
  Delivery delivery;
  delivery.id = 7;
  delivery.target = "t";
  delivery.event = "post.published";
  delivery.attempts = 1;
  delivery.payload = driver.payload(test::seed_post(test::chat_config()), DeliveryEvent::published, Timestamp{});
  return delivery;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(announced_attachments_suite)

BOOST_AUTO_TEST_CASE(mastodon_uploads_the_posts_image_with_its_alt_text) {
  TargetConfig target = test::chat_target(TargetType::mastodon, "https://mastodon.example");
  target.as<MastodonSettings>().token = "s3cr3t";
  DriverResult made = make_mastodon_driver(target, test::chat_config(), nullptr, test::fixed_driver_inputs());
  BOOST_TEST_REQUIRE(made.ok(), made.error());
  AnnouncedAttachments got = announced_attachments(previewed(**made, delivery_of(**made)));
  BOOST_TEST(!got.card.has_value());  // Mastodon makes the card itself from the page
  BOOST_REQUIRE(got.image.has_value());
  BOOST_TEST(got.image->source == test::kSeedImage);
  BOOST_TEST(got.image->alt == test::kSeedTitle);  // the seed has no alt: its title
}

BOOST_AUTO_TEST_CASE(discord_sends_a_card_with_the_absolute_image) {
  TargetConfig target = test::chat_target(TargetType::discord, "https://discord.com/api/webhooks/1/x");
  DriverResult made = make_discord_driver(target, test::chat_config(), nullptr, test::fixed_driver_inputs());
  BOOST_TEST_REQUIRE(made.ok(), made.error());
  AnnouncedAttachments got = announced_attachments(previewed(**made, delivery_of(**made)));
  BOOST_REQUIRE(got.card.has_value());
  BOOST_TEST((*got.card == PreviewCard{test::kSeedUrl, test::kSeedTitle, test::kSeedSummary, test::kSeedImage, ""}));
  BOOST_TEST(!got.image.has_value());
}

BOOST_AUTO_TEST_CASE(bluesky_sends_a_card_with_the_fetched_thumb_or_images_with_alt) {
  BlueskyPayload payload;
  payload.record = {{"$type", "app.bsky.feed.post"}, {"text", "Hola"}};
  payload.link_uri = test::kSeedUrl;
  payload.link_title = test::kSeedTitle;
  payload.link_description = "Resumen";
  payload.image_url = test::kSeedImage;
  payload.image_alt = "Personal del IMM";
  boost::json::object blob{{"$type", "blob"}, {"mimeType", "image/png"}};
  HttpRequest fetch;
  fetch.method = "GET";
  fetch.url = test::kSeedImage;
  auto requests = [&] {
    return std::vector<ShownRequest>{
        shown(fetch), shown(bluesky_put_record_request("https://pds", "jwt", "did:plc:x", "3k", bluesky_record(payload, &blob)))};
  };
  AnnouncedAttachments card = announced_attachments(requests());
  BOOST_REQUIRE(card.card.has_value());
  BOOST_TEST((*card.card == PreviewCard{test::kSeedUrl, test::kSeedTitle, "Resumen", test::kSeedImage, ""}));
  payload.embed = "images";
  AnnouncedAttachments images = announced_attachments(requests());
  BOOST_TEST(!images.card.has_value());
  BOOST_REQUIRE(images.image.has_value());
  BOOST_TEST((*images.image == PreviewImage{test::kSeedImage, "Personal del IMM"}));
}

BOOST_AUTO_TEST_CASE(linkedin_sends_an_article_and_x_an_alt_text) {
  LinkedInArticle article{"Hola", test::kSeedUrl, test::kSeedTitle, "Resumen", "urn:li:image:C4", "Personal del IMM"};
  AnnouncedAttachments linkedin =
      announced_attachments({shown(linkedin_post_request(LinkedInAccount{"https://api.linkedin.com", "urn:li:organization:1",
                                                                         "tok", "202411"},
                                                         article))});
  BOOST_REQUIRE(linkedin.card.has_value());
  BOOST_TEST((*linkedin.card ==
              PreviewCard{test::kSeedUrl, test::kSeedTitle, "Resumen", "urn:li:image:C4", "Personal del IMM"}));

  HttpRequest upload;
  upload.form = {FormPart{"media", "PNG", "imagen.png", "image/png"}};
  AnnouncedAttachments x = announced_attachments(
      {shown(upload), shown(x_alt_text_request("https://api.x.com", "tok", "<media id>", "Personal del IMM"))});
  BOOST_REQUIRE(x.image.has_value());
  BOOST_TEST((*x.image == PreviewImage{"<3 bytes of image/png>", "Personal del IMM"}));
}

BOOST_AUTO_TEST_CASE(threads_names_the_image_url_and_its_alt_text) {
  HttpRequest create;
  create.body = "media_type=IMAGE&text=Hola&image_url=https%3A%2F%2Fnoticias.example.mx%2Fa.png&alt_text=Una+foto"
                "&access_token=%5Bredacted%5D";
  AnnouncedAttachments got = announced_attachments({shown(create)});
  BOOST_REQUIRE(got.image.has_value());
  BOOST_TEST((*got.image == PreviewImage{"https://noticias.example.mx/a.png", "Una foto"}));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
