// VipsImagePtr: one reference to a VipsImage, released when it goes (the
// only way daemon/images holds libvips images). Internal to daemon/images.
#pragma once

#include <vips/vips.h>

#include <memory>

namespace herald {

struct VipsImageUnref {
  void operator()(VipsImage* image) const { g_object_unref(image); }
};
using VipsImagePtr = std::unique_ptr<VipsImage, VipsImageUnref>;

}  // namespace herald
