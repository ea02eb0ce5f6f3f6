// PublishedImages: image variants that a network fetches by URL (Instagram,
// Threads: issue 16) published under the output directory, served by
// herald's HTTP server like any output file and by the site's own server:
//
//   <output.dir>/announce-images/<sha-256 of the bytes>.<jpg|png|gif|webp>
//   at <site.url>announce-images/<same name>
//
// The name is the content's hash, so a URL always serves the same bytes
// (stable across attempts and restarts) and publishing twice is harmless.
// A variant is published when its delivery is recorded (the image step) and
// removed by sweep() once no delivery needs it (the outbox drops a
// variant's row when its delivery is sent: Outbox::image_urls_in_use).
// A driver only reads DeliveryImage::url; it never calls this class.
#pragma once

#include <cstddef>
#include <set>
#include <string>

#include "daemon/text/image_limits.h"
#include "feeds/status.h"

namespace herald {

inline constexpr char kPublishedImagesDir[] = "announce-images";

class PublishedImages {
 public:
  PublishedImages(std::string output_dir, std::string site_url);

  // Writes `bytes` (atomically; unchanged when present) and returns its public URL.
  Result<std::string> publish(const std::string& bytes, ImageFormat format);
  // Removes every published file whose URL is not in `in_use`; how many went.
  Result<std::size_t> sweep(const std::set<std::string>& in_use);

 private:
  std::string dir_;
  std::string base_url_;
};

}  // namespace herald
