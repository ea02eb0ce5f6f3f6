// The libvips runtime herald decodes images with, started once per process
// and locked down for hostile input (a post's image is anyone's file):
// - only the loaders herald needs (JPEG, PNG, GIF, WebP from memory) may
//   run; every other loader, and libvips' "untrusted" ones (ImageMagick,
//   PDF, SVG, ...) in any case, are blocked (vips_block_untrusted_set,
//   vips_operation_block_set);
// - no operation cache (a variant is made once) and one worker thread per
//   image, so memory stays what one decode needs.
// Callers still check a source's header against a SourceBudget
// (daemon/text/image_plan.h) before any pixel is decoded.
#pragma once

#include <string>

#include "feeds/status.h"

namespace herald {

// Starts libvips (idempotent, thread-safe); failed when it cannot start.
Status start_vips();

// The loaders start_vips() leaves usable, by libvips class name
// ("VipsForeignLoadJpegBuffer", ...).
bool vips_loader_allowed(const std::string& loader);

// libvips' error buffer, cleared, on one line ("" when empty).
std::string take_vips_error();

}  // namespace herald
