#!/usr/bin/env bash
# Delivery benchmark (issue 4): 10,000 deliveries (100 posts x 100 webhook
# targets on loopback), then the same with target t0 black-holed. Prints
# throughput, latency and the daemon's memory for both runs.
#   tests/bench/run_delivery_bench.sh [BUILD_DIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-$root/build}"
cmake --build "$build" --target delivery_bench herald >/dev/null
echo "== 100 posts x 100 targets"
"$build/tests/delivery_bench" --posts 100 --targets 100
echo "== the same, target t0 black-holed"
"$build/tests/delivery_bench" --posts 100 --targets 100 --blackhole
