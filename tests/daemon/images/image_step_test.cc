#include "daemon/images/image_step.h"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "tests/support/images/test_images.h"
#include "tests/support/test_support.h"

namespace herald {
namespace {

struct Fixture {
  test::TempDir dir;
  Config config;
  Fixture() {
    config.site.url = "https://example.org/";
    config.site.static_dir = dir / "static";
    config.output.dir = dir / "out";
  }
  TargetConfig target(TargetType type, const std::string& name) const {
    TargetConfig t;
    t.name = name;
    t.type = type;
    t.settings = default_settings(type);
    return t;
  }
  Post post(const std::string& image, const std::string& alt = "") const {
    Post p;
    p.id = "186509";
    p.title = "Capacita IMM a su personal";
    p.image = Image{image, alt};
    return p;
  }
};

BOOST_FIXTURE_TEST_SUITE(image_step, Fixture)

BOOST_AUTO_TEST_CASE(the_seed_style_image_becomes_each_networks_variant_once) {
  test::write_file(dir / "static/uploads/2021/images-unnamed.png", test::photo(1600, 1200, "png"));
  ImageStep step(config);
  Post seed = post("/uploads/2021/images-unnamed.png", "Personal del IMM");
  std::optional<DeliveryImage> sky = step.image_for(target(TargetType::bluesky, "sky"), seed);
  BOOST_REQUIRE(sky.has_value());
  BOOST_TEST(sky->media_type == "image/jpeg");
  BOOST_TEST(sky->bytes.size() <= 1'000'000u);
  BOOST_TEST(sky->alt == "Personal del IMM");
  BOOST_TEST(sky->note == "");
  BOOST_TEST(sky->url == "");
  test::Decoded decoded = test::decode(sky->bytes);
  BOOST_TEST(decoded.width == 1600);
  std::optional<DeliveryImage> sky2 = step.image_for(target(TargetType::bluesky, "sky2"), seed);
  BOOST_TEST(sky2->bytes == sky->bytes);
  std::optional<DeliveryImage> toot = step.image_for(target(TargetType::mastodon, "toot"), seed);
  BOOST_REQUIRE(toot.has_value());
  BOOST_TEST(toot->has_variant());
}

BOOST_AUTO_TEST_CASE(a_missing_alt_falls_back_to_the_title) {
  test::write_file(dir / "static/a.png", test::photo(64, 64, "png"));
  ImageStep step(config);
  std::optional<DeliveryImage> sky = step.image_for(target(TargetType::bluesky, "sky"), post("/a.png"));
  BOOST_TEST(sky->alt == "Capacita IMM a su personal");
}

BOOST_AUTO_TEST_CASE(a_hostile_image_gives_a_note_and_no_variant) {
  test::write_file(dir / "static/bomb.png", test::png_header_only(50000, 50000));
  ImageStep step(config);
  std::optional<DeliveryImage> sky = step.image_for(target(TargetType::bluesky, "sky"), post("/bomb.png"));
  BOOST_REQUIRE(sky.has_value());
  BOOST_TEST(!sky->has_variant());
  BOOST_TEST(sky->note == "the image /bomb.png was refused: it declares 50000x50000 pixels, more than 40000000 "
                          "(a decompression bomb?)");
}

BOOST_AUTO_TEST_CASE(no_variant_for_a_remote_image_a_chat_target_or_image_off) {
  test::write_file(dir / "static/a.png", test::photo(64, 64, "png"));
  ImageStep step(config);
  BOOST_TEST(!step.image_for(target(TargetType::bluesky, "sky"), post("https://cdn.example.net/a.png")).has_value());
  BOOST_TEST(!step.image_for(target(TargetType::discord, "chat"), post("/a.png")).has_value());
  TargetConfig quiet = target(TargetType::bluesky, "quiet");
  std::get<BlueskySettings>(quiet.settings).text.attach_image = false;
  BOOST_TEST(!step.image_for(quiet, post("/a.png")).has_value());
}

// An image elsewhere than site.static_dir is fetched (the fenced fetch the
// service wires), once per post whatever the number of networks, and made
// into each network's variant; a failed fetch is a note, not a variant.
BOOST_AUTO_TEST_CASE(a_remote_image_is_fetched_once_per_post_and_converted) {
  std::vector<std::string> fetched;
  std::string photo = test::photo(1200, 300, "png");
  ImageFetch fetch = [&](const std::string& url, std::size_t max_bytes) -> Result<std::string> {
    fetched.push_back(url + " " + std::to_string(max_bytes));
    if (url.find("missing") != std::string::npos) return Result<std::string>::failed("it could not be fetched (HTTP 404)");
    return photo;
  };
  ImageStep step(config, SourceBudget{}, fetch);
  Post remote = post("https://cdn.example.net/a.png", "Mapa");
  std::optional<DeliveryImage> sky = step.image_for(target(TargetType::bluesky, "sky"), remote);
  std::optional<DeliveryImage> toot = step.image_for(target(TargetType::mastodon, "toot"), remote);
  BOOST_REQUIRE((sky && toot));
  BOOST_TEST(sky->has_variant());
  BOOST_TEST(toot->has_variant());
  BOOST_TEST(sky->alt == "Mapa");
  BOOST_TEST(test::decode(sky->bytes).width == 1200);
  BOOST_TEST(fetched == (std::vector<std::string>{"https://cdn.example.net/a.png 52428800"}));

  // A site-relative image with no file under static_dir: fetched from the site.
  Post relative = post("/missing/b.png");
  relative.id = "186510";
  std::optional<DeliveryImage> refused = step.image_for(target(TargetType::bluesky, "sky"), relative);
  BOOST_REQUIRE(refused.has_value());
  BOOST_TEST(!refused->has_variant());
  BOOST_TEST(refused->note == "the image /missing/b.png was refused: it could not be fetched (HTTP 404)");
  BOOST_TEST(fetched.size() == 2u);
  BOOST_TEST(fetched.back().rfind("https://example.org/missing/b.png ", 0) == 0u, fetched.back());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
