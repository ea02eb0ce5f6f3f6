// ImageStep: the image of a new delivery, made when the delivery is
// recorded (on the site thread, with the payload, outside the outbox's
// lock: announcer.h; never on the delivery engine's loop). For a target
// whose type uploads an image (image_limits_for) and a post with one, the
// post's image is read once per post, from site.static_dir when it names a
// file there (static_image.h), else fetched through `fetch` (the fenced
// fetch of post_image.h, wired by the service), and made into the
// network's variant (make_variant); a network that fetches by URL gets it
// published too (PublishedImages). A refused or unreadable image gives a
// DeliveryImage with a note (logged here, told again by the driver when it
// posts without it). Without `fetch`, an image not under site.static_dir
// gives nullopt: the driver fetches it per attempt (deliveries recorded
// before this step existed take that path too).
//
// Variants are made once per post and network: the targets of one network
// (and of one fit and background) share the bytes made for the first.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "config/config.h"
#include "daemon/images/published_images.h"
#include "daemon/targets/delivery.h"
#include "daemon/text/image_plan.h"
#include "feeds/post.h"

namespace herald {

// The bytes of the image at the absolute `url`, at most `max_bytes`, or why not.
using ImageFetch = std::function<Result<std::string>(const std::string& url, std::size_t max_bytes)>;

class ImageStep {
 public:
  explicit ImageStep(const Config& config, SourceBudget budget = {}, ImageFetch fetch = {});

  // The image `target` gets with `post`; nullopt when it gets none from this step.
  std::optional<DeliveryImage> image_for(const TargetConfig& target, const Post& post);
  // Removes the published variants whose URL is not in `in_use` (PublishedImages::sweep).
  Result<std::size_t> sweep(const std::set<std::string>& in_use) { return published_.sweep(in_use); }

 private:
  // The bytes of `post`'s image (from `path` when set, else fetched): read once per post.
  const Result<std::string>& source(const Post& post, const std::optional<std::string>& path);
  // The variant for (the current post, `key`): made once.
  DeliveryImage variant(const Result<std::string>& source, const std::string& key, const ImageLimits& limits,
                        const SocialText& style, const Post& post);

  const Config& config_;
  SourceBudget budget_;
  ImageFetch fetch_;
  PublishedImages published_;
  std::string post_id_;                        // whose image `source_` and `made_` hold
  std::optional<Result<std::string>> source_;
  std::map<std::string, DeliveryImage> made_;  // by limits and style
};

// The alt text of `post`'s image: its own, or the post's title.
std::string image_alt(const Post& post);

}  // namespace herald
