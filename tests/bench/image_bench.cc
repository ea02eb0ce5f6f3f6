// The image step's benchmark (issue 21): variants per second, and the peak
// memory of the process, for a stand-in of the seed's image (a 1200 x 800
// PNG photo: the seed names /uploads/2021/images-unnamed.png, which is not
// shipped) and a 12 MB photo (an uncompressed 2400 x 1700 PNG), each made
// into Bluesky's variant (JPEG under 1,000,000 bytes) and Instagram's (JPEG,
// 1440 px, 4:5 to 1.91:1). Prints one line per case with met/missed against
// the goals of docs/benchmarks.md.
//   tests/bench/run_image_bench.sh [BUILD_DIR]
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "daemon/images/image_variant.h"
#include "tests/support/images/test_images.h"

namespace {

using Clock = std::chrono::steady_clock;

long peak_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

// Variants per second of `source` for `limits`, over `runs` runs.
double rate(const std::string& source, const herald::ImageLimits& limits, int runs) {
  herald::SocialText style;
  Clock::time_point start = Clock::now();
  for (int i = 0; i < runs; ++i) {
    herald::Result<herald::ImageVariant> variant = herald::make_variant(source, limits, style);
    if (!variant.ok()) {
      std::fprintf(stderr, "image_bench: %s\n", variant.error().c_str());
      std::exit(1);
    }
  }
  return runs / std::chrono::duration<double>(Clock::now() - start).count();
}

void report(const char* name, double per_second, double goal) {
  std::printf("%-34s %8.2f variants/s  (goal >= %.1f: %s)\n", name, per_second, goal,
              per_second >= goal ? "met" : "missed");
}

}  // namespace

int main() {
  std::string seed = herald::test::photo(1200, 800, "png");
  std::string big = herald::test::photo(2400, 1700, "png");
  std::printf("seed stand-in: %zu bytes; 12 MB photo: %zu bytes\n", seed.size(), big.size());
  report("seed image -> bluesky", rate(seed, herald::bluesky_image_limits(), 20), 10);
  report("seed image -> instagram", rate(seed, herald::instagram_image_limits(), 20), 10);
  report("12 MB photo -> bluesky", rate(big, herald::bluesky_image_limits(), 5), 1);
  report("12 MB photo -> instagram", rate(big, herald::instagram_image_limits(), 5), 1);
  long peak = peak_rss_kib();
  // The sources themselves (about 17 MB) are held by the benchmark too.
  std::printf("%-34s %8ld MiB          (goal <= 256: %s)\n", "peak memory (RSS)", peak / 1024,
              peak / 1024 <= 256 ? "met" : "missed");
  return 0;
}
