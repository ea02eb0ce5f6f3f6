#include "daemon/images/vips_runtime.h"

#include <vips/vips.h>

#include <algorithm>
#include <array>
#include <mutex>

namespace herald {
namespace {

constexpr std::array<const char*, 4> kLoaders = {"VipsForeignLoadJpegBuffer", "VipsForeignLoadPngBuffer",
                                                 "VipsForeignLoadNsgifBuffer", "VipsForeignLoadWebpBuffer"};

Status start_once() {
  if (VIPS_INIT("herald") != 0) return Status::failed("libvips did not start: " + take_vips_error());
  vips_block_untrusted_set(TRUE);
  vips_operation_block_set("VipsForeignLoad", TRUE);
  for (const char* loader : kLoaders) vips_operation_block_set(loader, FALSE);
  vips_cache_set_max(0);
  vips_cache_set_max_mem(0);
  vips_concurrency_set(1);
  return {};
}

}  // namespace

Status start_vips() {
  static std::once_flag once;
  static Status started;
  std::call_once(once, [] { started = start_once(); });
  return started;
}

bool vips_loader_allowed(const std::string& loader) {
  return std::find(kLoaders.begin(), kLoaders.end(), loader) != kLoaders.end();
}

std::string take_vips_error() {
  std::string text = vips_error_buffer();
  vips_error_clear();
  std::replace(text.begin(), text.end(), '\n', ' ');
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

}  // namespace herald
