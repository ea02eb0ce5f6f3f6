#include "daemon/text/image_plan.h"

#include <algorithm>
#include <cmath>

namespace herald {
namespace {

bool takes(const ImageLimits& limits, ImageFormat format) {
  return std::find(limits.formats.begin(), limits.formats.end(), format) != limits.formats.end();
}

bool lossless(ImageFormat format) { return format == ImageFormat::png || format == ImageFormat::gif; }

std::optional<ImageFormat> choose_format(const ImageFacts& facts, const ImageLimits& limits, bool* animated) {
  *animated = facts.frames > 1 && limits.animated && takes(limits, facts.format);
  if (*animated) return facts.format;
  if (facts.alpha && takes(limits, ImageFormat::png)) return ImageFormat::png;
  if (takes(limits, ImageFormat::jpeg)) return ImageFormat::jpeg;
  if (limits.formats.empty()) return std::nullopt;
  return limits.formats.front();
}

// The ratio the variant keeps: the source's, or the nearest end of the range.
double target_ratio(double ratio, const ImageLimits& limits) {
  if (limits.min_ratio > 0 && ratio < limits.min_ratio) return limits.min_ratio;
  if (limits.max_ratio > 0 && ratio > limits.max_ratio) return limits.max_ratio;
  return ratio;
}

bool in_range(int width, int height, const ImageLimits& limits) {
  double ratio = static_cast<double>(width) / height;
  return (limits.min_ratio <= 0 || ratio >= limits.min_ratio) && (limits.max_ratio <= 0 || ratio <= limits.max_ratio);
}

// Geometry of `plan` for a variant whose longest side is at most `longest`.
void fit_geometry(ImagePlan& plan, const ImageFacts& facts, const ImageLimits& limits, int longest) {
  const double w = facts.width, h = facts.height;
  const double ratio = target_ratio(w / h, limits);
  plan.crop_width = facts.width;
  plan.crop_height = facts.height;
  double canvas_w = w, canvas_h = h;  // in source pixels
  if (ratio != w / h && plan.fit == ImageFit::crop) {
    if (w / h > ratio) plan.crop_width = std::max(1, static_cast<int>(std::floor(h * ratio)));
    else plan.crop_height = std::max(1, static_cast<int>(std::floor(w / ratio)));
    canvas_w = plan.crop_width;
    canvas_h = plan.crop_height;
  } else if (ratio != w / h) {
    if (w / h > ratio) canvas_h = w / ratio;
    else canvas_w = h * ratio;
  }
  const double scale = std::min(1.0, longest / std::max(canvas_w, canvas_h));
  plan.scaled_width = std::max(1, static_cast<int>(std::lround(plan.crop_width * scale)));
  plan.scaled_height = std::max(1, static_cast<int>(std::lround(plan.crop_height * scale)));
  plan.width = plan.scaled_width;
  plan.height = plan.scaled_height;
  if (plan.fit == ImageFit::pad) {
    plan.width = std::max(plan.width, static_cast<int>(std::ceil(canvas_w * scale - 1e-9)));
    plan.height = std::max(plan.height, static_cast<int>(std::ceil(canvas_h * scale - 1e-9)));
  }
  // Rounding must not leave the range: padding grows the short side, cropping trims the long one.
  if (!in_range(plan.width, plan.height, limits)) {
    bool too_wide = limits.max_ratio > 0 && static_cast<double>(plan.width) / plan.height > limits.max_ratio;
    if (plan.fit == ImageFit::pad && too_wide) plan.height = static_cast<int>(std::ceil(plan.width / limits.max_ratio));
    else if (plan.fit == ImageFit::pad) plan.width = static_cast<int>(std::ceil(plan.height * limits.min_ratio));
    else if (too_wide) plan.scaled_width = plan.width = static_cast<int>(std::floor(plan.height * limits.max_ratio));
    else plan.scaled_height = plan.height = static_cast<int>(std::floor(plan.width / limits.min_ratio));
  }
}

}  // namespace

std::string source_refusal(const ImageFacts& facts, std::size_t bytes, const SourceBudget& budget) {
  if (bytes > budget.max_bytes) {
    return "it is " + std::to_string(bytes) + " bytes, more than the " + std::to_string(budget.max_bytes) +
           " an image may have";
  }
  if (facts.width <= 0 || facts.height <= 0) return "it has no pixels";
  std::uint64_t pixels = static_cast<std::uint64_t>(facts.width) * static_cast<std::uint64_t>(facts.height);
  if (pixels > budget.max_pixels) {
    return "it declares " + std::to_string(facts.width) + "x" + std::to_string(facts.height) + " pixels, more than " +
           std::to_string(budget.max_pixels) + " (a decompression bomb?)";
  }
  if (facts.frames > budget.max_frames) {
    return "it has " + std::to_string(facts.frames) + " frames, more than " + std::to_string(budget.max_frames);
  }
  return {};
}

Result<ImagePlan> plan_image(const ImageFacts& facts, const ImageLimits& limits, const SocialText& style) {
  if (facts.width <= 0 || facts.height <= 0) return Result<ImagePlan>::failed("the image has no pixels");
  ImagePlan plan;
  std::optional<ImageFormat> format = choose_format(facts, limits, &plan.animated);
  if (!format) return Result<ImagePlan>::failed("the network takes no image format herald writes");
  plan.format = *format;
  plan.flatten = facts.alpha && plan.format == ImageFormat::jpeg;
  plan.fit = style.image_fit;
  plan.background = style.image_background;
  if (!lossless(plan.format)) plan.qualities = {85, 75, 65, 55, 45};
  int longest = limits.max_side > 0 ? limits.max_side : std::max(facts.width, facts.height);
  fit_geometry(plan, facts, limits, longest);
  return plan;
}

std::optional<ImagePlan> smaller(const ImagePlan& plan, const ImageFacts& facts, const ImageLimits& limits) {
  int longest = std::max(plan.width, plan.height) * 3 / 4;
  if (longest < kMinLongestSide) return std::nullopt;
  ImagePlan next = plan;
  fit_geometry(next, facts, limits, longest);
  return next;
}

}  // namespace herald
