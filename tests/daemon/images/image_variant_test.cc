#include "daemon/images/image_variant.h"

#include <boost/test/unit_test.hpp>

#include <string>

#include "daemon/images/image_probe.h"
#include "tests/support/images/test_images.h"

namespace herald {
namespace {

SocialText pad(Rgb background = Rgb{}) {
  SocialText style;
  style.image_background = background;
  return style;
}

SocialText crop() {
  SocialText style;
  style.image_fit = ImageFit::crop;
  return style;
}

// The variant, decoded again: its format, size and metadata as a network sees them.
test::Decoded variant_of(const std::string& source, const ImageLimits& limits, const SocialText& style,
                         ImageVariant* kept = nullptr) {
  Result<ImageVariant> variant = make_variant(source, limits, style);
  BOOST_REQUIRE_MESSAGE(variant.ok(), variant.error());
  BOOST_TEST(variant->bytes.size() <= limits.max_bytes);
  test::Decoded decoded = test::decode(variant->bytes);
  BOOST_TEST(decoded.width == variant->width);
  BOOST_TEST(decoded.height == variant->height);
  BOOST_TEST(!decoded.has_exif);
  BOOST_TEST(!decoded.has_gps);
  BOOST_TEST(!decoded.has_icc);
  if (kept) *kept = *variant;
  return decoded;
}

double ratio(const test::Decoded& d) { return static_cast<double>(d.width) / d.height; }

BOOST_AUTO_TEST_SUITE(image_variant)

BOOST_AUTO_TEST_CASE(a_12_megabyte_photo_becomes_a_bluesky_jpeg_under_a_million_bytes) {
  std::string source = test::photo(2400, 1700, "png");
  BOOST_TEST(source.size() > 11'000'000u);
  ImageVariant variant;
  test::Decoded d = variant_of(source, bluesky_image_limits(), pad(), &variant);
  BOOST_TEST(d.loader == "jpegload_buffer");
  BOOST_TEST(d.width == 2000);
  BOOST_TEST(d.height == 1417);
  BOOST_TEST(variant.bytes.size() <= 1'000'000u);
  BOOST_TEST(variant.quality < 85);  // qualities stepped down first
}

BOOST_AUTO_TEST_CASE(png_with_alpha_stays_a_png_for_bluesky_and_is_flattened_for_instagram) {
  std::string source = test::photo(400, 300, "png", true);
  test::Decoded bluesky = variant_of(source, bluesky_image_limits(), pad());
  BOOST_TEST(bluesky.loader == "pngload_buffer");
  BOOST_TEST(bluesky.bands == 4);
  test::Decoded instagram = variant_of(source, instagram_image_limits(), pad(Rgb{255, 0, 0}));
  BOOST_TEST(instagram.loader == "jpegload_buffer");
  BOOST_TEST(instagram.bands == 3);
  BOOST_TEST(instagram.width == 400);
  BOOST_TEST(instagram.height == 300);
}

BOOST_AUTO_TEST_CASE(progressive_and_cmyk_jpegs_become_srgb_jpegs) {
  test::Decoded progressive = variant_of(test::progressive_jpeg(640, 480), instagram_image_limits(), pad());
  BOOST_TEST(progressive.loader == "jpegload_buffer");
  BOOST_TEST(progressive.width == 640);
  test::Decoded cmyk = variant_of(test::cmyk_jpeg(640, 480), instagram_image_limits(), pad());
  BOOST_TEST(cmyk.loader == "jpegload_buffer");
  BOOST_TEST(cmyk.bands == 3);
  BOOST_TEST(cmyk.height == 480);
}

BOOST_AUTO_TEST_CASE(exif_orientation_is_applied_and_gps_is_gone) {
  std::string source = test::rotated_jpeg_with_gps(600, 400);
  test::Decoded original = test::decode(source);
  BOOST_TEST(original.orientation == 6);
  BOOST_TEST(original.has_gps);
  test::Decoded d = variant_of(source, bluesky_image_limits(), pad());
  BOOST_TEST(d.width == 400);   // shown turned a quarter
  BOOST_TEST(d.height == 600);
  BOOST_TEST(d.orientation == 0);
}

BOOST_AUTO_TEST_CASE(one_to_four_and_four_to_one_are_brought_into_instagrams_range) {
  test::Decoded tall = variant_of(test::photo(300, 1200, "jpeg"), instagram_image_limits(), pad());
  BOOST_TEST(tall.width == 960);
  BOOST_TEST(tall.height == 1200);
  BOOST_TEST(ratio(tall) >= 0.8);
  test::Decoded wide = variant_of(test::photo(1200, 300, "jpeg"), instagram_image_limits(), crop());
  BOOST_TEST(wide.width == 573);
  BOOST_TEST(wide.height == 300);
  BOOST_TEST(ratio(wide) <= 1.91);
}

BOOST_AUTO_TEST_CASE(an_animated_gif_keeps_its_frames_for_mastodon_and_gives_its_first_to_bluesky) {
  std::string source = test::animated_gif(120, 80, 3);
  test::Decoded mastodon = variant_of(source, mastodon_image_limits(), pad());
  BOOST_TEST(mastodon.loader == "gifload_buffer");
  BOOST_TEST(mastodon.frames == 3);
  BOOST_TEST(mastodon.width == 120);
  BOOST_TEST(mastodon.height == 80);
  // libvips reads every GIF with an alpha band: its first frame stays a PNG.
  test::Decoded bluesky = variant_of(source, bluesky_image_limits(), pad());
  BOOST_TEST(bluesky.loader == "pngload_buffer");
  BOOST_TEST(bluesky.frames == 1);
  BOOST_TEST(bluesky.height == 80);
}

BOOST_AUTO_TEST_CASE(an_animated_gif_gives_x_its_first_frame_as_a_png) {
  // X's simple upload takes still images (docs/targets.md's image table).
  test::Decoded x = variant_of(test::animated_gif(120, 80, 3), x_image_limits(), pad());
  BOOST_TEST(x.loader == "pngload_buffer");
  BOOST_TEST(x.frames == 1);
  BOOST_TEST(x.width == 120);
  BOOST_TEST(x.height == 80);
}

BOOST_AUTO_TEST_CASE(a_truncated_file_is_refused) {
  std::string source = test::photo(800, 600, "jpeg");
  Result<ImageVariant> variant = make_variant(source.substr(0, source.size() / 2), bluesky_image_limits(), pad());
  BOOST_REQUIRE(!variant.ok());
  BOOST_TEST(variant.error().rfind("it cannot be decoded: ", 0) == 0, variant.error());
}

BOOST_AUTO_TEST_CASE(a_decompression_bomb_is_refused_from_its_header) {
  Result<ImageVariant> variant = make_variant(test::png_header_only(50000, 50000), bluesky_image_limits(), pad());
  BOOST_REQUIRE(!variant.ok());
  BOOST_TEST(variant.error() == "it declares 50000x50000 pixels, more than 40000000 (a decompression bomb?)");
}

BOOST_AUTO_TEST_CASE(what_is_not_a_jpeg_png_gif_or_webp_is_refused_whatever_its_name) {
  for (const std::string& bytes : {std::string("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
                                   std::string("%PDF-1.4\n"), std::string("BM\x36\x00"), std::string()}) {
    Result<ImageFacts> facts = probe_image(bytes);
    BOOST_REQUIRE(!facts.ok());
    BOOST_TEST(facts.error() == "not an image herald reads (JPEG, PNG, GIF or WebP)");
  }
}

BOOST_AUTO_TEST_CASE(a_source_over_the_byte_budget_is_refused) {
  SourceBudget budget;
  budget.max_bytes = 1000;
  Result<ImageVariant> variant = make_variant(test::photo(100, 100, "png"), bluesky_image_limits(), pad(), budget);
  BOOST_REQUIRE(!variant.ok());
  BOOST_TEST(variant.error().find("bytes, more than the 1000 an image may have") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
