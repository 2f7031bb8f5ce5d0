#!/usr/bin/env bash
# The Debian package, made by CPack from the build at hand (no rebuild), then
# installed and run: `dpkg -i` when root and no berth package is installed
# (removed again afterwards, whatever happened), else unpacked with `dpkg -x`.
# Usage: deb_test.sh BUILD_DIR
set -euo pipefail
build_dir=$1
work=$(mktemp -d)
installed=no
cleanup() {
  if [ "$installed" = yes ]; then
    dpkg -r berth >/dev/null || echo "deb_test: dpkg -r berth failed" >&2
  fi
  rm -rf "$work"
}
trap cleanup EXIT
failures=0
check() {  # check DESCRIPTION COMMAND...
  local what=$1
  shift
  if "$@" >"$work/out" 2>&1; then
    echo "ok: $what"
  else
    echo "FAILED: $what"
    sed 's/^/    /' "$work/out"
    failures=$((failures + 1))
  fi
}

# No compression: the sanitized binary is large and the package is thrown away.
(cd "$build_dir" && cpack -G DEB -B "$work" -D CPACK_DEBIAN_COMPRESSION_TYPE=none >/dev/null)
deb=$(ls "$work"/berth_*.deb)
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
check "Depends names the libraries berth links (dpkg-shlibdeps)" \
  sh -c "echo '$depends' | grep -q 'libc6' && echo '$depends' | grep -q 'libyaml-cpp'"

if [ "$(id -u)" -eq 0 ] && ! dpkg-query -W -f='${Status}' berth 2>/dev/null | grep -q installed; then
  dpkg -i "$deb" >/dev/null
  installed=yes
  root=
else
  dpkg -x "$deb" "$work/root"
  root=$work/root
fi
echo "installed with: $([ "$installed" = yes ] && echo 'dpkg -i' || echo 'dpkg -x')"

berth=$root/usr/bin/berth
project=btdeb-$$
check "berth version --short" "$berth" version --short
check "berth -p $project ps (against dockerd)" "$berth" -p "$project" ps
for file in share/bash-completion/completions/berth share/zsh/vendor-completions/_berth \
  share/fish/vendor_completions.d/berth.fish share/man/man1/berth.1.gz; do
  check "/usr/$file is there" test -s "$root/usr/$file"
done
check "the plugin link resolves to berth" \
  test "$root/usr/libexec/docker/cli-plugins/docker-berth" -ef "$berth"
check "the completion is the installed berth's" \
  sh -c "'$berth' completion bash | cmp - '$root/usr/share/bash-completion/completions/berth'"
if command -v man >/dev/null; then
  check "man -l shows the page" sh -c "man -l '$root/usr/share/man/man1/berth.1.gz' | grep -q 'GLOBAL OPTIONS'"
fi
if [ "$installed" = yes ]; then
  check "man berth finds the installed page" sh -c "man -w berth | grep -q /usr/share/man/man1/berth.1.gz"
  if [ -x /usr/bin/docker ]; then
    # Debian's docker CLI looks in /usr/libexec/docker/cli-plugins among its system folders.
    check "docker berth version --short (the system plugin folder)" \
      env DOCKER_CONFIG="$work/docker-config" /usr/bin/docker berth version --short
  fi
fi

if [ "$failures" -ne 0 ]; then
  echo "deb_test: $failures check(s) failed"
  exit 1
fi
echo "deb_test: every check passed"
