#include "daemon/images/image_probe.h"

#include <string>

#include "daemon/images/vips_image.h"
#include "daemon/images/vips_runtime.h"

namespace herald {
namespace {

ImageFormat format_of_loader(const std::string& loader) {
  if (loader.find("Png") != std::string::npos) return ImageFormat::png;
  if (loader.find("gif") != std::string::npos) return ImageFormat::gif;
  if (loader.find("Webp") != std::string::npos) return ImageFormat::webp;
  return ImageFormat::jpeg;
}

}  // namespace

Result<ImageFacts> probe_image(std::string_view bytes) {
  if (Status started = start_vips(); !started.ok()) return Result<ImageFacts>(started);
  const char* found = bytes.empty() ? nullptr : vips_foreign_find_load_buffer(bytes.data(), bytes.size());
  std::string loader = found ? found : "";
  take_vips_error();
  if (!vips_loader_allowed(loader)) {
    return Result<ImageFacts>::failed("not an image herald reads (JPEG, PNG, GIF or WebP)");
  }
  // The header only: libvips decodes pixels when they are asked for.
  VipsImagePtr image(vips_image_new_from_buffer(bytes.data(), bytes.size(), "", "access",
                                                VIPS_ACCESS_SEQUENTIAL, nullptr));
  if (!image) return Result<ImageFacts>::failed("its header cannot be read: " + take_vips_error());
  ImageFacts facts;
  facts.format = format_of_loader(loader);
  facts.width = vips_image_get_width(image.get());
  facts.height = vips_image_get_page_height(image.get());
  if (vips_image_get_orientation_swap(image.get())) std::swap(facts.width, facts.height);
  facts.alpha = vips_image_hasalpha(image.get());
  facts.frames = std::max(1, vips_image_get_n_pages(image.get()));
  return facts;
}

}  // namespace herald
