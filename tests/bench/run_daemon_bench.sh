#!/usr/bin/env bash
# Benchmark: `herald run` start-up, new-post-to-feed latency and memory on a
# generated site, against `hugo server --renderToDisk`, and serving against
# nginx with wrk. See tests/bench/daemon_bench.py and docs/benchmarks.md.
set -euo pipefail
exec /usr/bin/python3 -B "$(dirname "$0")/daemon_bench.py" "$@"
