#include "daemon/images/image_variant.h"

#include <cmath>
#include <vector>

#include "daemon/images/image_probe.h"
#include "daemon/images/vips_image.h"
#include "daemon/images/vips_runtime.h"

namespace herald {
namespace {

using Pixels = Result<VipsImagePtr>;

Pixels failed(const std::string& what) { return Pixels::failed(what + ": " + take_vips_error()); }

// Decoded, oriented, scaled so the plan's crop becomes its scaled size, in 8-bit sRGB.
Pixels decode_scaled(std::string_view source, const ImageFacts& facts, const ImagePlan& plan) {
  int width = static_cast<int>(std::lround(static_cast<double>(facts.width) * plan.scaled_width / plan.crop_width));
  int height =
      static_cast<int>(std::lround(static_cast<double>(facts.height) * plan.scaled_height / plan.crop_height));
  VipsImage* out = nullptr;
  const char* options = plan.animated ? "n=-1,fail_on=error" : "fail_on=error";
  if (vips_thumbnail_buffer(const_cast<char*>(source.data()), source.size(), &out, std::max(1, width), "height",
                            std::max(1, height), "size", VIPS_SIZE_FORCE, "option_string", options, nullptr) != 0) {
    return failed("it cannot be decoded");
  }
  VipsImagePtr image(out);
  if (vips_image_guess_interpretation(image.get()) != VIPS_INTERPRETATION_sRGB ||
      vips_image_get_format(image.get()) != VIPS_FORMAT_UCHAR) {
    if (vips_colourspace(image.get(), &out, VIPS_INTERPRETATION_sRGB, nullptr) != 0) {
      return failed("its colours cannot be converted to sRGB");
    }
    image.reset(out);
    if (vips_cast_uchar(image.get(), &out, nullptr) != 0) return failed("it cannot be converted to 8 bits");
    image.reset(out);
  }
  return image;
}

VipsArrayDouble* background_of(const ImagePlan& plan, bool alpha) {
  std::vector<double> ink = {double(plan.background.red), double(plan.background.green), double(plan.background.blue)};
  if (alpha) ink.push_back(255);
  return vips_array_double_new(ink.data(), static_cast<int>(ink.size()));
}

// The variant's pixels: `plan` carried out, in memory.
Pixels render(std::string_view source, const ImageFacts& facts, const ImagePlan& plan) {
  Pixels scaled = decode_scaled(source, facts, plan);
  if (!scaled.ok()) return scaled;
  VipsImagePtr image = std::move(*scaled);
  VipsImage* out = nullptr;
  int width = vips_image_get_width(image.get());
  int height = plan.animated ? vips_image_get_page_height(image.get()) : vips_image_get_height(image.get());
  if (!plan.animated && (width > plan.scaled_width || height > plan.scaled_height)) {
    int w = std::min(width, plan.scaled_width), h = std::min(height, plan.scaled_height);
    if (vips_extract_area(image.get(), &out, (width - w) / 2, (height - h) / 2, w, h, nullptr) != 0) {
      return failed("it cannot be cropped");
    }
    image.reset(out);
  }
  if ((plan.flatten || plan.format == ImageFormat::jpeg) && vips_image_hasalpha(image.get())) {
    VipsArrayDouble* ink = background_of(plan, false);
    int done = vips_flatten(image.get(), &out, "background", ink, nullptr);
    vips_area_unref(VIPS_AREA(ink));
    if (done != 0) return failed("its transparency cannot be flattened");
    image.reset(out);
  }
  if (!plan.animated && (plan.width > vips_image_get_width(image.get()) ||
                         plan.height > vips_image_get_height(image.get()))) {
    VipsArrayDouble* ink = background_of(plan, vips_image_hasalpha(image.get()));
    int done = vips_gravity(image.get(), &out, VIPS_COMPASS_DIRECTION_CENTRE, plan.width, plan.height, "extend",
                            VIPS_EXTEND_BACKGROUND, "background", ink, nullptr);
    vips_area_unref(VIPS_AREA(ink));
    if (done != 0) return failed("it cannot be padded");
    image.reset(out);
  }
  out = vips_image_copy_memory(image.get());
  if (out == nullptr) return failed("it cannot be decoded");
  return VipsImagePtr(out);
}

Result<std::string> encode(VipsImage* image, ImageFormat format, int quality) {
  void* buffer = nullptr;
  size_t length = 0;
  int done = -1;
  switch (format) {
    case ImageFormat::jpeg:
      done = vips_jpegsave_buffer(image, &buffer, &length, "Q", quality, "strip", TRUE, "optimize_coding", TRUE,
                                  nullptr);
      break;
    case ImageFormat::png:
      done = vips_pngsave_buffer(image, &buffer, &length, "strip", TRUE, nullptr);
      break;
    case ImageFormat::webp:
      done = vips_webpsave_buffer(image, &buffer, &length, "Q", quality, "strip", TRUE, nullptr);
      break;
    case ImageFormat::gif:
      done = vips_gifsave_buffer(image, &buffer, &length, "strip", TRUE, nullptr);
      break;
  }
  if (done != 0) return Result<std::string>::failed("it cannot be encoded: " + take_vips_error());
  std::string bytes(static_cast<const char*>(buffer), length);
  g_free(buffer);
  return bytes;
}

}  // namespace

Result<ImageVariant> make_variant(std::string_view source, const ImageLimits& limits, const SocialText& style,
                                  const SourceBudget& budget) {
  Result<ImageFacts> facts = probe_image(source);
  if (!facts.ok()) return Result<ImageVariant>(facts.status());
  if (std::string why = source_refusal(*facts, source.size(), budget); !why.empty()) {
    return Result<ImageVariant>::failed(why);
  }
  Result<ImagePlan> plan = plan_image(*facts, limits, style);
  if (!plan.ok()) return Result<ImageVariant>(plan.status());
  for (std::optional<ImagePlan> step = *plan; step; step = smaller(*step, *facts, limits)) {
    Pixels pixels = render(source, *facts, *step);
    if (!pixels.ok()) return Result<ImageVariant>(pixels.status());
    std::vector<int> qualities = step->qualities.empty() ? std::vector<int>{0} : step->qualities;
    for (int quality : qualities) {
      Result<std::string> bytes = encode(pixels->get(), step->format, quality);
      if (!bytes.ok()) return Result<ImageVariant>(bytes.status());
      if (bytes->size() <= limits.max_bytes) {
        return ImageVariant{step->format, std::move(*bytes), vips_image_get_width(pixels->get()),
                            vips_image_get_page_height(pixels->get()), quality};
      }
    }
  }
  return Result<ImageVariant>::failed("it cannot be brought under " + std::to_string(limits.max_bytes) + " bytes");
}

}  // namespace herald
