// The sizes of posts' images for the feeds' enclosures (site_renderer.h
// ImageSizeSource): a site-relative image, or one on the site's own URL,
// is the file under site.static_dir (feeds/static_image.h) whose size is
// read through SiteFiles. No static_dir: no source (no enclosure lengths).
#pragma once

#include "daemon/site/site_files.h"
#include "feeds/feed_settings.h"
#include "feeds/site_renderer.h"

namespace herald {

// `files` must outlive the source and answer stamp() from several threads.
ImageSizeSource image_sizes(const SiteConfig& site, SiteFiles& files);

}  // namespace herald
