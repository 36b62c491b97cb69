#!/usr/bin/env bash
# Fetches Dear ImGui 1.92 sources from Debian's testing source archive into
# build/third_party/imgui (ignored by git). Debian 12 ships only 1.86 without
# sources; 1.92 brings dynamic font sizes, which huge CJK text needs.
# The archive host is read from this machine's own apt configuration.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dest="$root/build/third_party/imgui"
want_version="1.92"

if [ -f "$dest/imgui.h" ] && grep -Eq "IMGUI_VERSION +\"$want_version" "$dest/imgui.h"; then
  exit 0
fi
if [ -n "${IMGUI_DIR:-}" ] && [ -f "$IMGUI_DIR/imgui.h" ]; then
  mkdir -p "$(dirname "$dest")"; rm -rf "$dest"; ln -s "$IMGUI_DIR" "$dest"; exit 0
fi

uri=$(sed -n 's|^URIs: *\([^ ]*/debian\)/*$|\1|p' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1)
[ -n "$uri" ] || uri=$(sed -n 's|^deb \(\[[^]]*\] \)\{0,1\}\([^ ]*/debian\)/* .*|\2|p' /etc/apt/sources.list 2>/dev/null | head -1)
if [ -z "$uri" ]; then
  echo "fetch_imgui: cannot find a Debian archive in /etc/apt; set IMGUI_DIR to an ImGui 1.92 source folder" >&2
  exit 1
fi

work="$root/build/third_party/apt-src"
mkdir -p "$work/lists/partial" "$work/dl"
cat > "$work/sources.sources" <<SRC
Types: deb-src
URIs: $uri
Suites: forky
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
opts=(-o "Dir::Etc::sourcelist=$work/sources.sources" -o Dir::Etc::sourceparts=- \
      -o "Dir::State::Lists=$work/lists" -o Debug::NoLocking=1)
echo "fetch_imgui: downloading ImGui sources from Debian testing…"
apt-get "${opts[@]}" update -qq
(cd "$work/dl" && apt-get "${opts[@]}" source --download-only -qq imgui)
tarball=$(ls "$work"/dl/imgui_*.orig.tar.* | head -1)
rm -rf "$dest" "$work/unpack"; mkdir -p "$work/unpack"
tar -xf "$tarball" -C "$work/unpack"
mv "$work/unpack"/* "$dest"
grep -Eq "IMGUI_VERSION +\"$want_version" "$dest/imgui.h" || {
  echo "fetch_imgui: got $(grep -m1 'define IMGUI_VERSION ' "$dest/imgui.h"), need $want_version.x" >&2; exit 1; }
echo "fetch_imgui: $(grep -m1 'define IMGUI_VERSION ' "$dest/imgui.h")"
