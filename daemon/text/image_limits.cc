#include "daemon/text/image_limits.h"

namespace herald {

const char* image_format_name(ImageFormat format) {
  switch (format) {
    case ImageFormat::jpeg: return "jpeg";
    case ImageFormat::png: return "png";
    case ImageFormat::gif: return "gif";
    case ImageFormat::webp: return "webp";
  }
  return "jpeg";
}

const char* image_media_type(ImageFormat format) {
  switch (format) {
    case ImageFormat::jpeg: return "image/jpeg";
    case ImageFormat::png: return "image/png";
    case ImageFormat::gif: return "image/gif";
    case ImageFormat::webp: return "image/webp";
  }
  return "image/jpeg";
}

const char* image_file_extension(ImageFormat format) {
  return format == ImageFormat::jpeg ? "jpg" : image_format_name(format);
}

ImageLimits bluesky_image_limits() {
  return {{ImageFormat::jpeg, ImageFormat::png}, 1'000'000, 2000, 0, 0, false};
}

ImageLimits mastodon_image_limits() {
  return {{ImageFormat::jpeg, ImageFormat::png, ImageFormat::gif, ImageFormat::webp}, 8'000'000, 3840, 0, 0, true};
}

ImageLimits instagram_image_limits() {
  return {{ImageFormat::jpeg}, 8'000'000, 1440, 4.0 / 5.0, 1.91, false, true};
}

ImageLimits threads_image_limits() {
  return {{ImageFormat::jpeg, ImageFormat::png}, 8'000'000, 1440, 1.0 / 10.0, 10.0, false, true};
}

ImageLimits x_image_limits() {
  return {{ImageFormat::jpeg, ImageFormat::png, ImageFormat::gif, ImageFormat::webp}, 5'000'000, 4096, 0, 0, false};
}

ImageLimits linkedin_image_limits() {
  return {{ImageFormat::jpeg, ImageFormat::png}, 5'000'000, 4096, 0, 0, false};
}

std::optional<ImageLimits> image_limits_for(TargetType type) {
  switch (type) {
    case TargetType::mastodon: return mastodon_image_limits();
    case TargetType::bluesky: return bluesky_image_limits();
    case TargetType::instagram: return instagram_image_limits();
    case TargetType::threads: return threads_image_limits();
    case TargetType::x: return x_image_limits();
    case TargetType::linkedin: return linkedin_image_limits();
    default: return std::nullopt;
  }
}

}  // namespace herald
