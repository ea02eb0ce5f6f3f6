#!/usr/bin/env bash
# Delivery benchmark (issue 4): 10,000 deliveries (100 posts x 100 webhook
# targets on loopback), then the same with target t0 black-holed, then
# (issue 20) the outbox in a private PostgreSQL 15 with one and with two
# instances sharing it. Prints throughput, latency and the daemon's memory
# for every run. HERALD_BENCH_POSTGRES=0 skips the PostgreSQL runs.
#   tests/bench/run_delivery_bench.sh [BUILD_DIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-$root/build}"
cmake --build "$build" --target delivery_bench herald >/dev/null
echo "== 100 posts x 100 targets"
"$build/tests/delivery_bench" --posts 100 --targets 100
echo "== the same, target t0 black-holed"
"$build/tests/delivery_bench" --posts 100 --targets 100 --blackhole
if [[ ${HERALD_BENCH_POSTGRES:-1} != 0 ]]; then
  echo "== 100 posts x 100 targets, outbox in PostgreSQL, one instance"
  "$build/tests/delivery_bench" --posts 100 --targets 100 --postgres
  echo "== the same, two instances sharing it"
  "$build/tests/delivery_bench" --posts 100 --targets 100 --postgres --instances 2
fi
