#!/usr/bin/env bash
# Benchmark: `herald check` on the known pathological Markdown patterns at
# 10 KB and 100 KB, met/missed per pattern (see markdown_bench.py).
# Usage: tests/bench/markdown_bench.sh [--herald build/daemon/herald]
set -euo pipefail
exec /usr/bin/python3 -B "$(dirname "$0")/markdown_bench.py" "$@"
