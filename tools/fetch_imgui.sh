#!/usr/bin/env bash
# Fetches Dear ImGui 1.92 sources from Debian's testing source archive into
# build/third_party/imgui (ignored by git). Debian 12 ships only 1.86 without
# sources; 1.92 brings dynamic font sizes, which huge CJK text needs.
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

work="$root/build/third_party/apt-src"
tarball=$("$root/tools/debian_source.sh" imgui forky)
rm -rf "$dest" "$work/unpack"; mkdir -p "$work/unpack"
tar -xf "$tarball" -C "$work/unpack"
mv "$work/unpack"/* "$dest"
grep -Eq "IMGUI_VERSION +\"$want_version" "$dest/imgui.h" || {
  echo "fetch_imgui: got $(grep -m1 'define IMGUI_VERSION ' "$dest/imgui.h"), need $want_version.x" >&2; exit 1; }
echo "fetch_imgui: $(grep -m1 'define IMGUI_VERSION ' "$dest/imgui.h")"
