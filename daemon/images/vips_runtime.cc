#include "daemon/images/vips_runtime.h"

#include <vips/vips.h>

#include <algorithm>
#include <array>
#include <mutex>
#include <string>

#include <spdlog/spdlog.h>

#include "feeds/log_text.h"

namespace herald {
namespace {

constexpr std::array<const char*, 4> kLoaders = {"VipsForeignLoadJpegBuffer", "VipsForeignLoadPngBuffer",
                                                 "VipsForeignLoadNsgifBuffer", "VipsForeignLoadWebpBuffer"};

// libvips's own warnings ("VIPS" GLib log domain: a damaged image it read
// past, a loader's complaint) go to herald's log, escaped to one line,
// instead of the process's stderr.
void to_herald_log(const gchar* /*domain*/, GLogLevelFlags level, const gchar* message, gpointer /*data*/) {
  std::string text = escape_log_text(message != nullptr ? message : "");
  if ((level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING)) != 0) {
    spdlog::warn("libvips: {}", text);
  } else {
    spdlog::debug("libvips: {}", text);
  }
}

Status start_once() {
  g_log_set_handler("VIPS", static_cast<GLogLevelFlags>(G_LOG_LEVEL_MASK | G_LOG_FLAG_RECURSION), to_herald_log,
                    nullptr);
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
