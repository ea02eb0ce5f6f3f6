// ImageLimits: what one network accepts as an announcement's image (formats,
// bytes, longest side, aspect ratio, animation), from ../shared/docs
// (targets.md, networks.md). docs/targets.md lists them per network. The
// networks of issue 16 (Instagram, Threads, X, LinkedIn) take theirs from the named
// functions; image_limits_for() answers for the target types that upload.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "config/target_type.h"

namespace herald {

enum class ImageFormat { jpeg, png, gif, webp };
const char* image_format_name(ImageFormat format);        // "jpeg", "png", "gif", "webp"
const char* image_media_type(ImageFormat format);         // "image/jpeg", ...
const char* image_file_extension(ImageFormat format);     // "jpg", "png", "gif", "webp"

struct ImageLimits {
  std::vector<ImageFormat> formats;   // what the network takes
  std::size_t max_bytes = 0;
  int max_side = 0;                   // longest side in pixels
  double min_ratio = 0;               // width / height; 0: no lower bound
  double max_ratio = 0;               // 0: no upper bound
  bool animated = false;              // takes an animated GIF/WebP as such
  bool by_url = false;                // fetches the image from a public URL (published_images.h)
};

ImageLimits bluesky_image_limits();    // JPEG/PNG, 1,000,000 bytes (the uploadBlob limit), 2000 px
ImageLimits mastodon_image_limits();   // JPEG/PNG/GIF/WebP, 8 MB, 3840 px, animated GIF kept
ImageLimits instagram_image_limits();  // JPEG only, 8 MiB, 1440 px, 4:5 to 1.91:1
ImageLimits threads_image_limits();    // JPEG/PNG, 8 MiB, 1440 px, 1:10 to 10:1
// JPEG/PNG/GIF/WebP, 5 MB, 4096 px; an animation becomes its first frame
// (herald uploads with the simple upload, which takes images only; an
// animated GIF needs X's chunked upload with media_category tweet_gif).
ImageLimits x_image_limits();
ImageLimits linkedin_image_limits();   // JPEG/PNG, 5 MB, 4096 px (U: LinkedIn caps pixels at 36,152,320)

// The limits of a target type that uploads an image; nullopt for the others.
std::optional<ImageLimits> image_limits_for(TargetType type);

}  // namespace herald
