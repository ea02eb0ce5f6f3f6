#!/usr/bin/env bash
# Installs the loopback Bluesky PDS the e2e tests start (package.json and
# the committed package-lock.json beside this script, exact versions) with
# `npm ci`, outside the git tree:
#   ${HERALD_PDS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/herald/pds}
# (tests/support/pds/pds_server.cc looks in the same place). Idempotent: a
# directory holding the same package-lock.json, installed by the same Node
# version, is left alone. Needs node >= 18 and npm (and a C++ toolchain for
# better-sqlite3 when no prebuilt binary fits); the npm registry must be
# reachable the first time.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
target=${HERALD_PDS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/herald/pds}

for tool in node npm; do
  if ! command -v "$tool" >/dev/null; then
    echo "herald: the Bluesky PDS for the e2e tests needs $tool (Node.js >= 18) on PATH" >&2
    exit 1
  fi
done

stamp() { printf '%s node %s\n' "$(sha256sum <"$here/package-lock.json" | cut -d' ' -f1)" "$(node --version)"; }
wanted=$(stamp)
if [[ -f $target/.herald-stamp && -d $target/node_modules && $(<"$target/.herald-stamp") == "$wanted" ]]; then
  exit 0
fi

mkdir -p "$(dirname "$target")"
exec 9>"$target.lock"
flock 9
# Another run may have finished while this one waited.
if [[ -f $target/.herald-stamp && -d $target/node_modules && $(<"$target/.herald-stamp") == "$wanted" ]]; then
  exit 0
fi

echo "herald: installing the test PDS (@atproto/pds, @did-plc/server) into $target" >&2
staging=$target.new
rm -rf "$staging"
mkdir -p "$staging"
cp "$here/package.json" "$here/package-lock.json" "$staging/"
# better-sqlite3 builds against the installed Node headers when it must
# build (no download of headers).
if [[ -z ${npm_config_nodedir:-} && -f /usr/include/node/node.h ]]; then
  export npm_config_nodedir=/usr
fi
(cd "$staging" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
echo "$wanted" >"$staging/.herald-stamp"
rm -rf "$target"
mv "$staging" "$target"
