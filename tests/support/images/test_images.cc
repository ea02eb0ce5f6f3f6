#include "tests/support/images/test_images.h"

#include <vips/vips.h>
#include <zlib.h>

#include <cstring>
#include <stdexcept>
#include <vector>

#include "daemon/images/vips_image.h"
#include "daemon/images/vips_runtime.h"

namespace herald::test {
namespace {

// `out` is read after the call that sets it.
VipsImagePtr check(int done, VipsImage** out) {
  if (done != 0) throw std::runtime_error("libvips: " + take_vips_error());
  return VipsImagePtr(*out);
}

// Smooth colour plus noise, 3 bands uchar.
VipsImagePtr noisy(int width, int height) {
  start_vips();
  VipsImage* out = nullptr;
  VipsImagePtr xyz = check(vips_xyz(&out, width, height, nullptr), &out);
  VipsImagePtr x = check(vips_extract_band(xyz.get(), &out, 0, nullptr), &out);
  VipsImagePtr noise = check(vips_gaussnoise(&out, width, height, "sigma", 40.0, "mean", 128.0, nullptr), &out);
  VipsImage* bands[3] = {x.get(), noise.get(), x.get()};
  VipsImagePtr joined = check(vips_bandjoin(bands, &out, 3, nullptr), &out);
  VipsImagePtr cast = check(vips_cast_uchar(joined.get(), &out, nullptr), &out);
  return check(vips_copy(cast.get(), &out, "interpretation", VIPS_INTERPRETATION_sRGB, nullptr), &out);
}

// `buffer` and `length` are read after the call that sets them.
std::string take(int done, void** buffer, size_t* length) {
  if (done != 0) throw std::runtime_error("libvips: " + take_vips_error());
  std::string bytes(static_cast<const char*>(*buffer), *length);
  g_free(*buffer);
  return bytes;
}

std::string save(VipsImage* image, const std::string& format) {
  void* buffer = nullptr;
  size_t length = 0;
  if (format == "png") return take(vips_pngsave_buffer(image, &buffer, &length, "compression", 0, nullptr), &buffer, &length);
  return take(vips_jpegsave_buffer(image, &buffer, &length, "Q", 95, nullptr), &buffer, &length);
}

void append_chunk(std::string& png, const char* type, const std::string& data) {
  auto put32 = [&png](unsigned v) {
    for (int shift = 24; shift >= 0; shift -= 8) png.push_back(static_cast<char>((v >> shift) & 0xff));
  };
  put32(static_cast<unsigned>(data.size()));
  std::string body = std::string(type, 4) + data;
  png += body;
  put32(static_cast<unsigned>(crc32(0, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size()))));
}

}  // namespace

std::string photo(int width, int height, const std::string& format, bool alpha) {
  VipsImagePtr image = noisy(width, height);
  if (!alpha) return save(image.get(), format);
  VipsImage* out = nullptr;
  VipsImagePtr xyz = check(vips_xyz(&out, width, height, nullptr), &out);
  VipsImagePtr x = check(vips_extract_band(xyz.get(), &out, 0, nullptr), &out);
  VipsImagePtr mask = check(vips_more_const1(x.get(), &out, width / 2.0, nullptr), &out);  // 0 left, 255 right
  VipsImagePtr with_alpha = check(vips_bandjoin2(image.get(), mask.get(), &out, nullptr), &out);
  return save(with_alpha.get(), format);
}

std::string progressive_jpeg(int width, int height) {
  VipsImagePtr image = noisy(width, height);
  void* buffer = nullptr;
  size_t length = 0;
  return take(vips_jpegsave_buffer(image.get(), &buffer, &length, "interlace", TRUE, nullptr), &buffer, &length);
}

std::string cmyk_jpeg(int width, int height) {
  VipsImagePtr image = noisy(width, height);
  VipsImage* out = nullptr;
  VipsImagePtr cmyk = check(vips_colourspace(image.get(), &out, VIPS_INTERPRETATION_CMYK, nullptr), &out);
  return save(cmyk.get(), "jpeg");
}

std::string rotated_jpeg_with_gps(int width, int height) {
  VipsImagePtr image = noisy(width, height);
  VipsImage* out = nullptr;
  VipsImagePtr copy = check(vips_copy(image.get(), &out, nullptr), &out);
  vips_image_set_int(copy.get(), "orientation", 6);
  vips_image_set_string(copy.get(), "exif-ifd3-GPSLatitudeRef", "N");
  vips_image_set_string(copy.get(), "exif-ifd3-GPSLatitude", "28/1 38/1 0/1");
  return save(copy.get(), "jpeg");
}

std::string animated_gif(int width, int height, int frames) {
  std::vector<VipsImagePtr> pages;
  std::vector<VipsImage*> raw;
  for (int i = 0; i < frames; ++i) {
    pages.push_back(noisy(width, height));
    raw.push_back(pages.back().get());
  }
  VipsImage* out = nullptr;
  VipsImagePtr joined = check(vips_arrayjoin(raw.data(), &out, frames, "across", 1, nullptr), &out);
  VipsImagePtr copy = check(vips_copy(joined.get(), &out, nullptr), &out);
  vips_image_set_int(copy.get(), "page-height", height);
  void* buffer = nullptr;
  size_t length = 0;
  return take(vips_gifsave_buffer(copy.get(), &buffer, &length, nullptr), &buffer, &length);
}

std::string png_header_only(unsigned width, unsigned height) {
  std::string png = "\x89PNG\r\n\x1a\n";
  std::string ihdr;
  for (unsigned v : {width, height}) {
    for (int shift = 24; shift >= 0; shift -= 8) ihdr.push_back(static_cast<char>((v >> shift) & 0xff));
  }
  ihdr += std::string("\x08\x02\x00\x00\x00", 5);  // 8-bit RGB, deflate, no filter, no interlace
  append_chunk(png, "IHDR", ihdr);
  // One compressed row of zeros: a valid start, far from the pixels declared.
  std::string row(1 + 3 * 64, '\0');
  std::vector<Bytef> deflated(compressBound(static_cast<uLong>(row.size())));
  uLongf length = static_cast<uLongf>(deflated.size());
  compress(deflated.data(), &length, reinterpret_cast<const Bytef*>(row.data()), static_cast<uLong>(row.size()));
  append_chunk(png, "IDAT", std::string(reinterpret_cast<const char*>(deflated.data()), length));
  append_chunk(png, "IEND", "");
  return png;
}

Decoded decode(const std::string& bytes) {
  start_vips();
  Decoded d;
  const char* loader = vips_foreign_find_load_buffer(bytes.data(), bytes.size());
  if (loader == nullptr) throw std::runtime_error("not an image: " + take_vips_error());
  VipsObjectClass* klass = VIPS_OBJECT_CLASS(g_type_class_ref(g_type_from_name(loader)));
  d.loader = klass->nickname;
  bool pages = d.loader.find("gif") != std::string::npos || d.loader.find("webp") != std::string::npos;
  VipsImagePtr image(vips_image_new_from_buffer(bytes.data(), bytes.size(), pages ? "n=-1" : "", nullptr));
  if (!image) throw std::runtime_error("cannot decode: " + take_vips_error());
  d.width = vips_image_get_width(image.get());
  d.height = vips_image_get_page_height(image.get());
  d.bands = vips_image_get_bands(image.get());
  d.frames = vips_image_get_n_pages(image.get());
  d.has_exif = vips_image_get_typeof(image.get(), "exif-data") != 0;
  d.has_gps = vips_image_get_typeof(image.get(), "exif-ifd3-GPSLatitude") != 0;
  d.has_icc = vips_image_get_typeof(image.get(), "icc-profile-data") != 0;
  int orientation = 0;
  if (vips_image_get_typeof(image.get(), "orientation") != 0) vips_image_get_int(image.get(), "orientation", &orientation);
  d.orientation = orientation;
  if (vips_avg(image.get(), &d.mean, nullptr) != 0) throw std::runtime_error("cannot decode: " + take_vips_error());
  return d;
}

}  // namespace herald::test
