#include "daemon/text/image_plan.h"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

namespace herald {
namespace {

ImageFacts facts(ImageFormat format, int width, int height, bool alpha = false, int frames = 1) {
  return {format, width, height, alpha, frames};
}

SocialText style(ImageFit fit) {
  SocialText text;
  text.image_fit = fit;
  text.image_background = Rgb{0x12, 0x34, 0x56};
  return text;
}

ImagePlan plan_of(const ImageFacts& source, const ImageLimits& limits, ImageFit fit = ImageFit::pad) {
  Result<ImagePlan> plan = plan_image(source, limits, style(fit));
  BOOST_REQUIRE(plan.ok());
  return *plan;
}

double ratio(const ImagePlan& plan) { return static_cast<double>(plan.width) / plan.height; }

BOOST_AUTO_TEST_SUITE(image_plan)

BOOST_AUTO_TEST_CASE(a_photo_for_bluesky_is_a_jpeg_scaled_to_2000_pixels) {
  ImagePlan plan = plan_of(facts(ImageFormat::png, 4000, 3000), bluesky_image_limits());
  BOOST_TEST(image_format_name(plan.format) == "jpeg");
  BOOST_TEST(!plan.flatten);
  BOOST_TEST(!plan.animated);
  BOOST_TEST(plan.crop_width == 4000);
  BOOST_TEST(plan.crop_height == 3000);
  BOOST_TEST(plan.scaled_width == 2000);
  BOOST_TEST(plan.scaled_height == 1500);
  BOOST_TEST(plan.width == 2000);
  BOOST_TEST(plan.height == 1500);
  BOOST_TEST(plan.qualities == (std::vector<int>{85, 75, 65, 55, 45}));
}

BOOST_AUTO_TEST_CASE(a_small_image_is_never_scaled_up) {
  ImagePlan plan = plan_of(facts(ImageFormat::jpeg, 640, 480), mastodon_image_limits());
  BOOST_TEST(plan.width == 640);
  BOOST_TEST(plan.height == 480);
}

BOOST_AUTO_TEST_CASE(transparency_stays_a_png_where_the_network_takes_png) {
  ImagePlan plan = plan_of(facts(ImageFormat::png, 800, 600, true), bluesky_image_limits());
  BOOST_TEST(image_format_name(plan.format) == "png");
  BOOST_TEST(!plan.flatten);
  BOOST_TEST(plan.qualities.empty());
}

BOOST_AUTO_TEST_CASE(transparency_is_flattened_on_the_background_for_instagram) {
  ImagePlan plan = plan_of(facts(ImageFormat::png, 800, 800, true), instagram_image_limits());
  BOOST_TEST(image_format_name(plan.format) == "jpeg");
  BOOST_TEST(plan.flatten);
  BOOST_TEST((plan.background == Rgb{0x12, 0x34, 0x56}));
}

BOOST_AUTO_TEST_CASE(an_animated_gif_stays_animated_where_the_network_takes_it) {
  ImagePlan mastodon = plan_of(facts(ImageFormat::gif, 400, 300, false, 12), mastodon_image_limits());
  BOOST_TEST(image_format_name(mastodon.format) == "gif");
  BOOST_TEST(mastodon.animated);
  BOOST_TEST(mastodon.qualities.empty());
  ImagePlan bluesky = plan_of(facts(ImageFormat::gif, 400, 300, false, 12), bluesky_image_limits());
  BOOST_TEST(image_format_name(bluesky.format) == "jpeg");
  BOOST_TEST(!bluesky.animated);
}

BOOST_AUTO_TEST_CASE(one_to_four_is_padded_to_four_to_five_for_instagram) {
  ImagePlan plan = plan_of(facts(ImageFormat::jpeg, 1000, 4000), instagram_image_limits());
  // Canvas 3200 x 4000 in source pixels, scaled to a longest side of 1440.
  BOOST_TEST(plan.height == 1440);
  BOOST_TEST(plan.width == 1152);
  BOOST_TEST(plan.scaled_width == 360);
  BOOST_TEST(plan.scaled_height == 1440);
  BOOST_TEST(ratio(plan) >= 0.8);
}

BOOST_AUTO_TEST_CASE(four_to_one_is_cropped_to_1_91_for_instagram) {
  ImagePlan plan = plan_of(facts(ImageFormat::jpeg, 4000, 1000), instagram_image_limits(), ImageFit::crop);
  BOOST_TEST(plan.crop_width == 1910);
  BOOST_TEST(plan.crop_height == 1000);
  BOOST_TEST(plan.width == 1440);
  BOOST_TEST(plan.height == 754);
  BOOST_TEST(plan.scaled_width == plan.width);
  BOOST_TEST(plan.scaled_height == plan.height);
  BOOST_TEST(ratio(plan) <= 1.91);
  BOOST_TEST(ratio(plan) >= 0.8);
}

BOOST_AUTO_TEST_CASE(rounding_never_leaves_the_ratio_range) {
  for (int width = 97; width < 3000; width += 113) {
    for (int height = 89; height < 3000; height += 127) {
      for (ImageFit fit : {ImageFit::pad, ImageFit::crop}) {
        ImagePlan plan = plan_of(facts(ImageFormat::jpeg, width, height), instagram_image_limits(), fit);
        BOOST_TEST_CONTEXT(width << "x" << height << (fit == ImageFit::crop ? " crop" : " pad")) {
          BOOST_TEST(ratio(plan) >= 0.8);
          BOOST_TEST(ratio(plan) <= 1.91);
          BOOST_TEST(std::max(plan.width, plan.height) <= 1441);
          BOOST_TEST(plan.scaled_width <= plan.width);
          BOOST_TEST(plan.scaled_height <= plan.height);
        }
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(smaller_steps_the_longest_side_down_by_a_quarter_until_the_floor) {
  ImageFacts source = facts(ImageFormat::jpeg, 4000, 3000);
  ImageLimits limits = bluesky_image_limits();
  ImagePlan plan = plan_of(source, limits);
  std::vector<int> sides;
  for (std::optional<ImagePlan> next = smaller(plan, source, limits); next; next = smaller(*next, source, limits)) {
    sides.push_back(next->width);
    BOOST_TEST(next->qualities == plan.qualities);
  }
  BOOST_TEST(sides == (std::vector<int>{1500, 1125, 843, 632, 474, 355, 266, 199}));
}

BOOST_AUTO_TEST_CASE(a_network_without_a_format_herald_writes_is_refused) {
  ImageLimits none;
  Result<ImagePlan> plan = plan_image(facts(ImageFormat::jpeg, 10, 10), none, style(ImageFit::pad));
  BOOST_TEST(!plan.ok());
  BOOST_TEST(plan.error() == "the network takes no image format herald writes");
}

BOOST_AUTO_TEST_CASE(source_refusal_names_the_budget_exceeded) {
  SourceBudget budget;
  BOOST_TEST(source_refusal(facts(ImageFormat::png, 4000, 3000), 1000, budget) == "");
  BOOST_TEST(source_refusal(facts(ImageFormat::png, 50000, 50000), 1000, budget) ==
             "it declares 50000x50000 pixels, more than 40000000 (a decompression bomb?)");
  BOOST_TEST(source_refusal(facts(ImageFormat::png, 10, 10), 60u << 20, budget) ==
             "it is 62914560 bytes, more than the 52428800 an image may have");
  BOOST_TEST(source_refusal(facts(ImageFormat::gif, 10, 10, false, 5000), 1000, budget) ==
             "it has 5000 frames, more than 1000");
  BOOST_TEST(source_refusal(facts(ImageFormat::png, 0, 10), 1000, budget) == "it has no pixels");
}

BOOST_AUTO_TEST_CASE(limits_by_target_type) {
  BOOST_TEST(image_limits_for(TargetType::bluesky)->max_bytes == 1'000'000u);
  BOOST_TEST(image_limits_for(TargetType::mastodon)->animated);
  BOOST_TEST(!image_limits_for(TargetType::discord).has_value());
  BOOST_TEST(image_limits_for(TargetType::x)->max_bytes == 5'000'000u);
  // X's simple upload takes still images: an animated GIF goes as its first frame.
  ImagePlan x_gif = plan_of(facts(ImageFormat::gif, 480, 270, false, 12), *image_limits_for(TargetType::x));
  BOOST_TEST(!x_gif.animated);
  BOOST_TEST(image_format_name(x_gif.format) == "jpeg");
  ImagePlan x_clear = plan_of(facts(ImageFormat::gif, 480, 270, true, 12), x_image_limits());
  BOOST_TEST(image_format_name(x_clear.format) == "png");
  BOOST_TEST(image_limits_for(TargetType::linkedin)->max_bytes == 5'000'000u);
  BOOST_TEST(!image_limits_for(TargetType::linkedin)->animated);
  BOOST_TEST(std::string(image_media_type(ImageFormat::webp)) == "image/webp");
  BOOST_TEST(std::string(image_file_extension(ImageFormat::jpeg)) == "jpg");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
