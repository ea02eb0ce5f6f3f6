#include "daemon/images/image_step.h"

#include <spdlog/spdlog.h>

#include "daemon/base/file_io.h"
#include "daemon/images/image_variant.h"
#include "daemon/images/static_image.h"
#include "feeds/log_text.h"

namespace herald {
namespace {

// What tells two variants apart: the network's limits and the target's style.
std::string variant_key(const ImageLimits& limits, const SocialText& style) {
  std::string key;
  for (ImageFormat format : limits.formats) key += std::string(image_format_name(format)) + ",";
  key += std::to_string(limits.max_bytes) + "/" + std::to_string(limits.max_side) + "/" +
         std::to_string(limits.min_ratio) + "/" + std::to_string(limits.max_ratio) + "/" +
         (limits.animated ? "a" : "") + (limits.by_url ? "u" : "") + "/" +
         (style.image_fit == ImageFit::crop ? "crop" : "pad") + "/" + std::to_string(style.image_background.red) +
         "." + std::to_string(style.image_background.green) + "." + std::to_string(style.image_background.blue);
  return key;
}

}  // namespace

std::string image_alt(const Post& post) {
  return post.image && !post.image->alt.empty() ? post.image->alt : post.title;
}

ImageStep::ImageStep(const Config& config, SourceBudget budget)
    : site_url_(config.site.url),
      static_dir_(config.site.static_dir),
      budget_(budget),
      published_(config.output.dir, config.site.url) {}

std::optional<DeliveryImage> ImageStep::image_for(const TargetConfig& target, const Post& post) {
  std::optional<ImageLimits> limits = image_limits_for(target.type);
  const SocialText* style = target.text();
  if (!limits || style == nullptr || !style->attach_image || !post.image || post.image->url.empty()) {
    return std::nullopt;
  }
  std::optional<std::string> path = static_image_path(post.image->url, site_url_, static_dir_);
  if (!path) return std::nullopt;
  if (post.id != post_id_) {
    made_.clear();
    post_id_ = post.id;
  }
  std::string key = variant_key(*limits, *style);
  auto found = made_.find(key);
  if (found == made_.end()) found = made_.emplace(key, variant(*path, key, *limits, *style, post)).first;
  return found->second;
}

DeliveryImage ImageStep::variant(const std::string& path, const std::string& key, const ImageLimits& limits,
                                 const SocialText& style, const Post& post) {
  DeliveryImage image;
  image.alt = image_alt(post);
  ReadResult source = read_whole_file(path, budget_.max_bytes);
  Result<ImageVariant> made = source.too_large
      ? Result<ImageVariant>::failed("it is more than the " + std::to_string(budget_.max_bytes) + " bytes an image may have")
      : !source.status.ok() ? Result<ImageVariant>::failed(path + ": " + source.status.message)
                            : make_variant(source.bytes, limits, style, budget_);
  if (made.ok() && limits.by_url) {
    Result<std::string> url = published_.publish(made->bytes, made->format);
    if (url.ok()) image.url = *url;
    else made = Result<ImageVariant>(url.status());
  }
  if (!made.ok()) {
    image.note = "the image " + post.image->url + " was refused: " + made.error();
    spdlog::warn("post {}: {}", escape_log_text(post.id), escape_log_text(image.note));
    return image;
  }
  image.media_type = image_media_type(made->format);
  image.width = made->width;
  image.height = made->height;
  image.bytes = std::move(made->bytes);
  spdlog::debug("post {}: image variant {} ({}x{}, {} bytes) for {}", escape_log_text(post.id), image.media_type,
                image.width, image.height, image.bytes.size(), key);
  return image;
}

}  // namespace herald
