#!/usr/bin/env bash
# Fetches Nayuki's QR Code generator, Debian source package qr-code-generator
# 1.8.0, into build/third_party/qrcodegen (ignored by git). Debian's libqrcodegen
# is built for the host only; the wasm needs the sources. The library's C version
# is used: the same encoder, without exceptions or iostreams (the C++ version's
# error messages pull ~85 KB of stream code into the wasm).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dest="$root/build/third_party/qrcodegen"
sha256=2ec0a4d33d6f521c942eeaf473d42d5fe139abcfa57d2beffe10c5cf7d34ae60  # qr-code-generator_1.8.0.orig.tar.gz

[ -f "$dest/qrcodegen.c" ] && exit 0
tarball=$("$root/tools/debian_source.sh" qr-code-generator bookworm)
echo "$sha256  $tarball" | sha256sum -c --quiet - || { echo "fetch_qrcodegen: $tarball is not the expected 1.8.0 release" >&2; exit 1; }
work="$root/build/third_party/apt-src/unpack-qr"
rm -rf "$work" "$dest"; mkdir -p "$work" "$dest"
tar -xzf "$tarball" -C "$work"
cp "$work"/QR-Code-generator-*/c/qrcodegen.{c,h} "$work"/QR-Code-generator-*/Readme.markdown "$dest/"
rm -rf "$work"
echo "fetch_qrcodegen: qrcodegen 1.8.0"
