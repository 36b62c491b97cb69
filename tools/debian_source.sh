#!/usr/bin/env bash
# Downloads the upstream source tarball of a Debian source package into
# build/third_party/apt-src/dl and prints its path. Used for the libraries that
# must be compiled into the wasm (Debian ships them only for the host).
# The archive host is read from this machine's own apt configuration.
# Usage: tools/debian_source.sh <source-package> <suite>
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
package=$1 suite=$2
work="$root/build/third_party/apt-src"

uri=$(sed -n 's|^URIs: *\([^ ]*/debian\)/*$|\1|p' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1)
[ -n "$uri" ] || uri=$(sed -n 's|^deb \(\[[^]]*\] \)\{0,1\}\([^ ]*/debian\)/* .*|\2|p' /etc/apt/sources.list 2>/dev/null | head -1)
if [ -z "$uri" ]; then
  echo "debian_source: cannot find a Debian archive in /etc/apt" >&2
  exit 1
fi

mkdir -p "$work/lists/partial" "$work/dl/$package"
cat > "$work/$suite.sources" <<SRC
Types: deb-src
URIs: $uri
Suites: $suite
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
opts=(-o "Dir::Etc::sourcelist=$work/$suite.sources" -o Dir::Etc::sourceparts=- \
      -o "Dir::State::Lists=$work/lists/$suite" -o Debug::NoLocking=1)
mkdir -p "$work/lists/$suite/partial"
echo "debian_source: downloading $package from Debian $suite…" >&2
apt-get "${opts[@]}" update -qq >&2
# Only the upstream tarball is needed; some mirrors lack the Debian patches, so their
# absence is not an error (the caller checks the tarball's hash).
(cd "$work/dl/$package" && apt-get "${opts[@]}" source --download-only -qq "$package" >&2) || true
tarball=$(ls "$work/dl/$package"/*.orig.tar.* 2>/dev/null | head -1)
[ -n "$tarball" ] || { echo "debian_source: no source tarball for $package" >&2; exit 1; }
echo "$tarball"
