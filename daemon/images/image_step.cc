#include "daemon/images/image_step.h"

#include <filesystem>
#include <system_error>
#include <utility>

#include <spdlog/spdlog.h>

#include "daemon/base/file_io.h"
#include "daemon/images/image_variant.h"
#include "feeds/static_image.h"
#include "daemon/text/post_urls.h"
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
  return !post.image_alt().empty() ? post.image_alt() : post.title;
}

ImageStep::ImageStep(const Config& config, SourceBudget budget, ImageFetch fetch)
    : config_(config), budget_(budget), fetch_(std::move(fetch)), published_(config.output.dir, config.site.url) {}

std::optional<DeliveryImage> ImageStep::image_for(const TargetConfig& target, const Post& post) {
  std::optional<ImageLimits> limits = image_limits_for(target.type);
  const SocialText* style = target.text();
  if (!limits || style == nullptr || !style->attach_image || !post.image || post.image->url.empty()) {
    return std::nullopt;
  }
  std::optional<std::string> path = static_image_path(post.image->url, config_.site.url, config_.site.static_dir);
  // Not in the static directory (an upload the site serves from elsewhere): fetched.
  std::error_code unknown;
  if (path && fetch_ && !std::filesystem::exists(*path, unknown)) path.reset();
  if (!path && !fetch_) return std::nullopt;
  if (post.id != post_id_) {
    source_.reset();
    made_.clear();
    post_id_ = post.id;
  }
  std::string key = variant_key(*limits, *style);
  auto found = made_.find(key);
  if (found == made_.end()) found = made_.emplace(key, variant(source(post, path), key, *limits, *style, post)).first;
  return found->second;
}

const Result<std::string>& ImageStep::source(const Post& post, const std::optional<std::string>& path) {
  if (source_) return *source_;
  if (path) {
    ReadResult read = read_whole_file(*path, budget_.max_bytes);
    source_ = read.too_large ? Result<std::string>::failed("it is more than the " + std::to_string(budget_.max_bytes) +
                                                           " bytes an image may have")
              : !read.status.ok() ? Result<std::string>::failed(*path + ": " + read.status.message)
                                  : Result<std::string>(std::move(read.bytes));
  } else {
    std::string url = post_image_url(post, post_public_url(post, config_));
    source_ = fetch_(url, budget_.max_bytes);
    if (source_->ok()) spdlog::debug("post {}: image {} fetched ({} bytes)", escape_log_text(post.id),
                                     escape_log_text(url), (*source_)->size());
  }
  return *source_;
}

DeliveryImage ImageStep::variant(const Result<std::string>& source, const std::string& key, const ImageLimits& limits,
                                 const SocialText& style, const Post& post) {
  DeliveryImage image;
  image.alt = image_alt(post);
  Result<ImageVariant> made = source.ok() ? make_variant(*source, limits, style, budget_)
                                          : Result<ImageVariant>(source.status());
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
