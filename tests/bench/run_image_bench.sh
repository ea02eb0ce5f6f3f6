#!/usr/bin/env bash
# Image step benchmark (issue 21): variants per second for the seed's image
# and a 12 MB photo, and the peak memory; figures in docs/benchmarks.md.
#   tests/bench/run_image_bench.sh [BUILD_DIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-$root/build}"
cmake --build "$build" --target image_bench >/dev/null
"$build/tests/image_bench"
