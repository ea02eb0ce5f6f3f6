// make_variant: one network's variant of a post's image, made with libvips
// (the image step's pixels; what to make is daemon/text/image_plan.h).
//
// The source is refused before any pixel is decoded when its bytes, its
// declared pixels or its frames exceed the SourceBudget (a decompression
// bomb declares 50,000 x 50,000 in a few hundred bytes), and while decoding
// when it is broken or truncated (libvips' fail_on=error). Otherwise the
// variant has EXIF orientation applied, is converted to sRGB (CMYK JPEG
// too), is cropped or padded into the network's aspect range, has alpha
// flattened on the target's background when the format has none, keeps only
// the first frame unless the network takes the animation, and carries no
// metadata at all (EXIF, GPS, XMP, ICC stripped). Qualities are stepped
// down before dimensions until it fits the network's byte limit.
//
// CPU-bound (a 12 MB photo: see docs/benchmarks.md); call it off any event
// loop. Thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "config/target_settings.h"
#include "daemon/text/image_limits.h"
#include "daemon/text/image_plan.h"
#include "feeds/status.h"

namespace herald {

struct ImageVariant {
  ImageFormat format = ImageFormat::jpeg;
  std::string bytes;
  int width = 0;
  int height = 0;
  int quality = 0;   // the encoder's quality (0: lossless)
};

// The variant of `source` for `limits` and the target's `style`, or why
// there is none ("it declares 50000x50000 pixels, ...", "it cannot be
// decoded: ...", "it cannot be brought under 1000000 bytes").
Result<ImageVariant> make_variant(std::string_view source, const ImageLimits& limits, const SocialText& style,
                                  const SourceBudget& budget = {});

}  // namespace herald
