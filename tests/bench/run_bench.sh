#!/usr/bin/env bash
# Benchmark: `herald build` against Hugo on the same generated posts.
# Usage: tests/bench/run_bench.sh [--sizes 10000,100000] [--herald PATH]
#                                 [--work DIR] [--runs N] [--tools hugo,herald]
#                                 [--check-goals]
# Everything is done by bench.py (python3, standard library only); see
# docs/benchmarks.md for what is measured and how to read the output.
set -euo pipefail
exec /usr/bin/python3 -B "$(dirname "$0")/bench.py" "$@"
