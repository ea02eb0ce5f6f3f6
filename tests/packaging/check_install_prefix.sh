#!/usr/bin/env bash
# `cmake --install` writes the paths of the prefix it installs to: for
# --prefix /usr and --prefix /opt/herald (into a scratch DESTDIR), the
# installed unit's ExecStart binary and --config file exist where the unit
# says, and herald(1) names that configuration file.
# Usage: check_install_prefix.sh BUILD_DIR
set -euo pipefail
build=$1
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
failed=0

fail() {
  echo "check_install_prefix: $*" >&2
  failed=1
}

check_prefix() {
  local prefix=$1 root=$scratch/root${1//\//_}
  DESTDIR=$root cmake --install "$build" --prefix "$prefix" >"$scratch/install.log" ||
    { cat "$scratch/install.log" >&2; fail "cmake --install --prefix $prefix failed"; return; }
  local unit
  unit=$(find "$root" -path '*/systemd/system/herald.service')
  [[ -n $unit ]] || { fail "$prefix: no herald.service installed"; return; }
  local exec_start binary config
  exec_start=$(sed -n 's/^ExecStart=//p' "$unit")
  read -r binary _ <<<"$exec_start"
  config=$(sed -n 's/.* --config \([^ ]*\).*/\1/p' <<<"$exec_start")
  echo "$prefix: ExecStart=$exec_start"
  [[ $binary == "$prefix/bin/herald" ]] || fail "$prefix: ExecStart runs $binary"
  [[ -x $root$binary ]] || fail "$prefix: ExecStart's $binary was not installed"
  [[ -n $config && -f $root$config ]] || fail "$prefix: ExecStart's configuration '$config' was not installed"
  grep -q "^ExecReload=$binary reload --config $config\$" "$unit" ||
    fail "$prefix: ExecReload does not match ExecStart"
  zcat "$root$prefix/share/man/man1/herald.1.gz" | grep -q "^\.I $config\$" ||
    fail "$prefix: herald(1) FILES does not name $config"
  grep -q "^  dir: $prefix/share/herald/example-site/content\$" "$root$config" ||
    fail "$prefix: $config does not read the installed example site"
  [[ -d $root$prefix/share/herald/example-site/content ]] ||
    fail "$prefix: the example site was not installed"
}

check_prefix /usr
check_prefix /opt/herald
exit $failed
