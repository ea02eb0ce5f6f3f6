#!/usr/bin/env bash
# Benchmark: `herald run` answers /healthz, feeds and /metrics (p99 < 50 ms)
# while it processes the worst post the budgets allow. See
# tests/bench/hostile_bench.py and docs/benchmarks.md.
set -euo pipefail
exec /usr/bin/python3 -B "$(dirname "$0")/hostile_bench.py" "$@"
