// Images made by the tests with libvips itself (no binary files in the
// tree): photos of noise (which compresses as badly as a real photo), an
// alpha PNG, progressive, CMYK and EXIF-rotated JPEGs, an animated GIF, and
// hostile files (truncated, a PNG header declaring a bomb).
#pragma once

#include <string>

namespace herald::test {

// A width x height sRGB image of smooth colour plus noise, encoded as `format`
// ("png", "jpeg"); `alpha`: a transparent left half.
std::string photo(int width, int height, const std::string& format, bool alpha = false);
std::string progressive_jpeg(int width, int height);
std::string cmyk_jpeg(int width, int height);
// A JPEG stored as width x height with EXIF orientation 6 (shown rotated 90°)
// and GPS coordinates in its EXIF.
std::string rotated_jpeg_with_gps(int width, int height);
std::string animated_gif(int width, int height, int frames);
// Only a PNG signature, IHDR (declaring width x height) and IEND.
std::string png_header_only(unsigned width, unsigned height);

// What a variant decodes to.
struct Decoded {
  std::string loader;   // libvips' loader: "jpegload_buffer", "pngload_buffer", ...
  int width = 0;
  int height = 0;       // of one frame
  int bands = 0;
  int frames = 0;
  bool has_exif = false;
  bool has_gps = false;
  bool has_icc = false;
  int orientation = 0;  // 0: none
  double mean = 0;      // of every band
};
Decoded decode(const std::string& bytes);

}  // namespace herald::test
