#!/usr/bin/env bash
# Builds the libFuzzer harnesses (tests/fuzz, -DHERALD_FUZZ=ON with clang)
# in build-fuzz/ and runs each for a fixed time, as many at once as there
# are cores. Each run starts from the seed corpus tests/fuzz/corpus/<name>/
# (left unchanged: new inputs go to a scratch directory) and its
# dictionary <name>.dict when there is one. Exits non-zero when a harness
# crashes, leaks, trips a sanitizer, exceeds the time or memory limit, or
# breaks one of its checks; the input is saved as
# build-fuzz/fuzz-artifacts/<name>-crash-<sha1> and the log as
# build-fuzz/fuzz-logs/<name>.log.
#
# FUZZ_SECONDS: time per harness (default 45). BUILD_DIR: the build tree.
# FUZZ_TARGETS: the harnesses to run (default all four). Extra libFuzzer
# flags for every run: the arguments of this script.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
build_dir=${BUILD_DIR:-$here/build-fuzz}
seconds=${FUZZ_SECONDS:-45}
targets=(${FUZZ_TARGETS:-post config http_request control_protocol})

if [[ ! -f $build_dir/build.ninja ]]; then
  launcher=()
  command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  cmake -S "$here" -B "$build_dir" -G Ninja -DCMAKE_CXX_COMPILER=clang++ "${launcher[@]}" \
        -DHERALD_FUZZ=ON -DHERALD_TESTS=OFF >/dev/null
fi
started=$SECONDS
cmake --build "$build_dir" --target fuzzers -j "$(nproc)"
echo "herald fuzz: harnesses built in $((SECONDS - started))s"

logs=$build_dir/fuzz-logs
artifacts=$build_dir/fuzz-artifacts
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$logs" "$artifacts"

# run NAME: one bounded run; the harness's exit status goes to NAME.status.
run() {
  local name=$1 args=()
  shift
  [[ -f $here/tests/fuzz/$name.dict ]] && args+=(-dict="$here/tests/fuzz/$name.dict")
  mkdir -p "$scratch/$name"
  # An empty stdin: a configuration naming /dev/stdin must not block.
  local status=0
  "$build_dir/tests/fuzz/${name}_fuzz" -max_total_time="$seconds" -rss_limit_mb=2048 \
    -timeout=10 -print_final_stats=1 -artifact_prefix="$artifacts/$name-" "${args[@]}" "$@" \
    "$scratch/$name" "$here/tests/fuzz/corpus/$name" </dev/null >"$logs/$name.log" 2>&1 || status=$?
  echo "$status" >"$scratch/$name.status"
}

for name in "${targets[@]}"; do
  while (($(jobs -rp | wc -l) >= $(nproc))); do wait -n || true; done
  run "$name" "$@" &
done
wait

failed=0
for name in "${targets[@]}"; do
  if [[ $(cat "$scratch/$name.status") == 0 ]]; then
    summary=$(grep -E '^(#[0-9]+[[:space:]]+DONE|stat::number_of_executed_units|stat::average_exec_per_sec)' \
              "$logs/$name.log" | tr -s ' \n' ' ')
    echo "herald fuzz: $name passed: $summary"
  else
    failed=1
    echo "herald fuzz: $name FAILED; log $logs/$name.log, input in $artifacts/:" >&2
    grep -E -A30 '^==[0-9]+==|^herald fuzz:|^SUMMARY|deadly signal|ERROR: libFuzzer' \
      "$logs/$name.log" | head -60 >&2
  fi
done
exit "$failed"
