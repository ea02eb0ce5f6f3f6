// ImagePlan: which variant of a post's image one network gets, decided from
// the network's limits (image_limits.h), the target's fit and background
// (`image_fit`, `image_background`) and what the source's header says. No
// pixels and no I/O: daemon/images carries the plan out with libvips.
//
// The decisions, in order:
// - format: the source's own when the network takes its animation (an
//   animated GIF to Mastodon stays a GIF); PNG when the source has alpha and
//   the network takes PNG (transparency kept); else JPEG when the network
//   takes it (alpha flattened on the background, first frame of an
//   animation); else the network's first format.
// - geometry: an aspect ratio outside the network's range is brought to the
//   nearest end of it by padding (the whole picture, centred on the
//   background) or by a centred crop; then everything is scaled down (never
//   up) so the longest side fits. Integer rounding never leaves the range:
//   padding rounds out, cropping rounds in.
// - bytes: JPEG and WebP qualities are tried from high to low before the
//   dimensions shrink (smaller()); PNG and GIF have one lossless try per size.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/target_settings.h"
#include "daemon/text/image_limits.h"
#include "feeds/status.h"

namespace herald {

// What the source's header says, read before any pixel is decoded.
struct ImageFacts {
  ImageFormat format = ImageFormat::jpeg;
  int width = 0;
  int height = 0;
  bool alpha = false;
  int frames = 1;            // more than one: animated
};

// What a source may cost to decode: refused before its pixels are read.
struct SourceBudget {
  std::size_t max_bytes = 50u << 20;          // the file
  std::uint64_t max_pixels = 40'000'000;      // width × height of one frame
  int max_frames = 1000;
};

// Why `facts` of a source of `bytes` bytes exceed `budget` ("" when they do not).
std::string source_refusal(const ImageFacts& facts, std::size_t bytes, const SourceBudget& budget);

struct ImagePlan {
  ImageFormat format = ImageFormat::jpeg;
  bool animated = false;     // every frame kept (the network takes the source's animation)
  bool flatten = false;      // alpha laid on `background` (the format has none, or a JPEG)
  ImageFit fit = ImageFit::pad;
  Rgb background;
  // The centred region of the source kept (the whole source unless cropped),
  // scaled to scaled_width × scaled_height, then centred on a canvas of
  // width × height (larger only when padded).
  int crop_width = 0, crop_height = 0;
  int scaled_width = 0, scaled_height = 0;
  int width = 0, height = 0;
  std::vector<int> qualities;  // encoder qualities to try in order; {} for lossless formats
};

// The first plan for `facts` under `limits`; failed when the network takes
// no format herald writes or the source has no pixels.
Result<ImagePlan> plan_image(const ImageFacts& facts, const ImageLimits& limits, const SocialText& style);

// The same plan with the longest side about 3/4 as long (ratio kept in
// range); nullopt when that would go below kMinLongestSide.
std::optional<ImagePlan> smaller(const ImagePlan& plan, const ImageFacts& facts, const ImageLimits& limits);

inline constexpr int kMinLongestSide = 160;

}  // namespace herald
