// What an image's header says (format, size after EXIF orientation, alpha,
// frames), read with libvips without decoding a pixel: the facts a
// SourceBudget and an ImagePlan (daemon/text/image_plan.h) are judged on.
// Only JPEG, PNG, GIF and WebP are read (vips_runtime.h); anything else,
// whatever its file name says, is refused.
#pragma once

#include <string_view>

#include "daemon/text/image_plan.h"
#include "feeds/status.h"

namespace herald {

// The facts of the image in `bytes`, or why they cannot be read ("not an
// image herald reads (JPEG, PNG, GIF or WebP)", libvips' error).
Result<ImageFacts> probe_image(std::string_view bytes);

}  // namespace herald
