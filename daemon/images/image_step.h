// ImageStep: the image of a new delivery, made when the delivery is
// recorded (on the site thread, with the payload: never on the delivery
// engine's loop). For a target whose type uploads an image
// (image_limits_for) and a post with one, the post's image is read from
// site.static_dir (static_image.h) and made into the network's variant
// (make_variant); a network that fetches by URL gets it published too
// (PublishedImages). A refused image gives a DeliveryImage with a note
// (logged here, told again by the driver when it posts without it). An
// image not under site.static_dir gives nullopt: the driver fetches it per
// attempt under the post_image policy, as before this step.
//
// Variants are made once per post and network: the targets of one network
// (and of one fit and background) share the bytes made for the first.
#pragma once

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

class ImageStep {
 public:
  explicit ImageStep(const Config& config, SourceBudget budget = {});

  // The image `target` gets with `post`; nullopt when it gets none from this step.
  std::optional<DeliveryImage> image_for(const TargetConfig& target, const Post& post);
  // Removes the published variants whose URL is not in `in_use` (PublishedImages::sweep).
  Result<std::size_t> sweep(const std::set<std::string>& in_use) { return published_.sweep(in_use); }

 private:
  // The variant for (the current post, `key`): made once.
  DeliveryImage variant(const std::string& path, const std::string& key, const ImageLimits& limits,
                        const SocialText& style, const Post& post);

  std::string site_url_;
  std::string static_dir_;
  SourceBudget budget_;
  PublishedImages published_;
  std::string post_id_;                        // whose variants `made_` holds
  std::map<std::string, DeliveryImage> made_;  // by limits and style
};

// The alt text of `post`'s image: its own, or the post's title.
std::string image_alt(const Post& post);

}  // namespace herald
