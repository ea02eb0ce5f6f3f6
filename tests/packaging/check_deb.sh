#!/usr/bin/env bash
# The Debian package, built from an existing build tree (cpack: no second
# compile) and checked: lintian clean at error level; its contents and
# control fields (dpkg-deb -c, -I); the -dbgsym package holds the debug
# file of the stripped /usr/bin/herald. As root it is also installed with
# dpkg -i and checked in place (account, directories, conffile, herald check
# on the example site, systemd-analyze verify and security of the installed
# units, man pages, completions), upgraded (config and state kept), removed
# (state kept) and purged (nothing left). Run from .ci/test (about a minute);
# HERALD_SKIP_PACKAGE=1 skips it there.
# Usage: check_deb.sh [BUILD_DIR]   (default: build/)
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$here/build}" && pwd)
failed=0

fail() {
  echo "check_deb: $*" >&2
  failed=1
}
expect_file() { [[ -e $1 ]] || fail "missing $1"; }
expect_absent() { [[ ! -e $1 ]] || fail "still there: $1"; }

# Build: the install rules of the build tree, staged and packed by CPack.
cmake --build "$build" --target herald >/dev/null
rm -rf "$build/deb"
(cd "$build" && cpack -G DEB >"$build/cpack.log" 2>&1) || { cat "$build/cpack.log" >&2; exit 1; }
deb=$(ls "$build"/deb/herald_*.deb)
ddeb=$(ls "$build"/deb/herald-dbgsym_*.ddeb)
echo "check_deb: built $(basename "$deb") and $(basename "$ddeb")"

# lintian: no error (warnings are printed, not fatal).
lintian --fail-on error "$deb" || fail "lintian reports errors"

# Contents and control fields.
contents=$(dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|')
for path in /usr/bin/herald /etc/herald/herald.yaml /lib/systemd/system/herald.service \
            /lib/systemd/system/herald.socket /usr/lib/sysusers.d/herald.conf \
            /usr/lib/tmpfiles.d/herald.conf /usr/share/man/man1/herald.1.gz \
            /usr/share/man/man5/herald.yaml.5.gz /usr/share/bash-completion/completions/herald \
            /usr/share/zsh/vendor-completions/_herald /usr/share/fish/vendor_completions.d/herald.fish \
            /usr/share/doc/herald/copyright /usr/share/doc/herald/changelog.gz \
            /usr/share/doc/herald/operations.md /usr/share/doc/herald/targets.md \
            /usr/share/doc/herald/examples/herald.example.yaml; do
  grep -qx "$path" <<<"$contents" || fail "the package lacks $path"
done
grep -q '^/usr/local' <<<"$contents" && fail "the package installs under /usr/local"
info=$(dpkg-deb -I "$deb")
grep -q '^ Depends:.*libc6' <<<"$info" || fail "Depends lacks the shared libraries: $info"
[[ $(dpkg-deb -f "$deb" Package) == herald ]] || fail "package name"
version=$(dpkg-deb -f "$deb" Version)
dpkg-deb --fsys-tarfile "$deb" | tar -xO ./usr/share/doc/herald/changelog.gz | zcat | head -1 |
  grep -q "^herald ($version) " || fail "packaging/debian/changelog does not start with version $version"
dpkg-deb --ctrl-tarfile "$deb" | tar -xO ./conffiles | grep -qx /etc/herald/herald.yaml ||
  fail "/etc/herald/herald.yaml is not a conffile"
unit=$(dpkg-deb --fsys-tarfile "$deb" | tar -xO ./lib/systemd/system/herald.service)
grep -qx 'ExecStart=/usr/bin/herald run --config /etc/herald/herald.yaml' <<<"$unit" ||
  fail "herald.service's ExecStart: $(grep ExecStart= <<<"$unit")"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
dpkg-deb -x "$deb" "$scratch/deb"
dpkg-deb -x "$ddeb" "$scratch/ddeb"
file "$scratch/deb/usr/bin/herald" | grep -q ', stripped' || fail "/usr/bin/herald is not stripped"
build_id=$(readelf -n "$scratch/deb/usr/bin/herald" | sed -n 's/.*Build ID: //p')
expect_file "$scratch/ddeb/usr/lib/debug/.build-id/${build_id:0:2}/${build_id:2}.debug"

if [[ $(id -u) != 0 ]]; then
  echo "check_deb: not root: the package was built and inspected, not installed"
  exit $failed
fi
if dpkg-query -W -f='${Status}' herald 2>/dev/null | grep -q installed; then
  fail "herald is already installed here; not touching it"
  exit 1
fi

# Install.
dpkg -i "$deb" >"$scratch/install.log" 2>&1 || { cat "$scratch/install.log" >&2; fail "dpkg -i"; }
grep -q "herald: installed, not started" "$scratch/install.log" || fail "postinst did not say how to start"
getent passwd herald >/dev/null || fail "postinst did not create the herald account"
[[ $(stat -c '%U %a' /var/www/herald 2>/dev/null) == "herald 755" ]] || fail "/var/www/herald"
herald version | grep -q "^herald " || fail "herald version"
herald check --config /etc/herald/herald.yaml >"$scratch/check.log" 2>&1 ||
  { cat "$scratch/check.log" >&2; fail "herald check on the installed configuration"; }
# Clean: no complaint at all (the man pages of Documentation= included).
verify=$(systemd-analyze verify /lib/systemd/system/herald.service /lib/systemd/system/herald.socket 2>&1) ||
  fail "systemd-analyze verify: $verify"
[[ -z $verify ]] || fail "systemd-analyze verify: $verify"
exposure=$(systemd-analyze security --offline=yes --no-pager /lib/systemd/system/herald.service |
           sed -n 's/.*Overall exposure level for herald.service: \([0-9.]*\).*/\1/p')
awk -v e="$exposure" 'BEGIN { exit !(e != "" && e <= 2.0) }' || fail "exposure $exposure > 2.0"
man -w herald herald.yaml >/dev/null || fail "man -w herald herald.yaml"
expect_file /usr/share/bash-completion/completions/herald
expect_file /usr/share/zsh/vendor-completions/_herald
expect_file /usr/share/fish/vendor_completions.d/herald.fish

# Upgrade to a later version (the same files, packed as <version>+upgrade):
# the edited conffile and the state stay, dpkg asks nothing.
(cd "$build" && cpack -G DEB -B "$scratch/next" -D CPACK_OUTPUT_FILE_PREFIX="$scratch/next" \
   -D CPACK_PACKAGE_VERSION="$version+upgrade" >"$scratch/next.log" 2>&1) ||
  { cat "$scratch/next.log" >&2; fail "cpack of the next version"; }
echo "# edited" >>/etc/herald/herald.yaml
install -d -o herald -g herald -m 0700 /var/lib/herald
touch /var/lib/herald/outbox.db
dpkg -i "$scratch"/next/herald_*.deb </dev/null >"$scratch/upgrade.log" 2>&1 ||
  { cat "$scratch/upgrade.log" >&2; fail "upgrade"; }
[[ $(dpkg-query -W -f='${Version}' herald) == "$version+upgrade" ]] || fail "the upgrade did not happen"
tail -1 /etc/herald/herald.yaml | grep -qx "# edited" || fail "the upgrade replaced the edited configuration"
expect_file /var/lib/herald/outbox.db
getent passwd herald >/dev/null || fail "the upgrade lost the herald account"

# Remove: the program goes, the configuration and the state stay.
dpkg -r herald >"$scratch/remove.log" 2>&1 || { cat "$scratch/remove.log" >&2; fail "dpkg -r"; }
expect_absent /usr/bin/herald
expect_absent /lib/systemd/system/herald.service
expect_file /etc/herald/herald.yaml
expect_file /var/lib/herald/outbox.db

# Purge: nothing the package or the service made is left.
dpkg -P herald >"$scratch/purge.log" 2>&1 || { cat "$scratch/purge.log" >&2; fail "dpkg -P"; }
for path in /etc/herald /var/lib/herald /var/www/herald /usr/share/herald /usr/share/doc/herald; do
  expect_absent "$path"
done
getent passwd herald >/dev/null && fail "the herald account is left after purge"
dpkg-query -W herald >/dev/null 2>&1 && fail "dpkg still knows herald after purge"

[[ $failed == 0 ]] && echo "check_deb: ok"
exit $failed
