#!/usr/bin/env python3
"""Cuts the whole of Noto Sans CJK SC into slices the app fetches on demand.

The shipped subset (make_subset.py) draws the first frame; any other character —
a helper's name, an answer, a note from family — comes from one of these slices,
fetched the first time it must be drawn, then cached by the browser. Slices are
runs of neighbouring code points (so the index is small) of about --target bytes.

  make_slices.py --out build/stage/fonts

Writes <out>/slices/<first>-<hash>.otf and <out>/slices.json, the index the app
reads at start:
  {"format": 2, "font": "...", "slices": [[bytes, fnv1a32, [[first, last], ...]], ...]}
A code point is in a slice when it lies in one of the slice's runs. A slice's file is
named by its first code point and its hash, "%05x-%08x.otf" (not repeated in the
index, which ships with the app), so a changed slice is a new address and never a
stale cache entry.
Output is deterministic (no timestamps), and only rewritten when it changes.
"""
import argparse, io, json, os, pathlib, sys
from concurrent.futures import ProcessPoolExecutor

from fontTools import subset
from fontTools.ttLib import TTFont

SOURCE_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
SC_FACE_INDEX = 2
# Code points missing between two runs before a new run starts. Beyond the BMP the
# font has scattered rare ideographs: wider runs keep the index small, at the cost
# of a fetch for a character the font turns out not to have.
RUN_GAP_BMP, RUN_GAP_IDEOGRAPHIC_PLANES = 32, 4096


def fnv1a32(data: bytes) -> int:
    h = 0x811C9DC5
    for b in data:
        h = ((h ^ b) * 0x01000193) & 0xFFFFFFFF
    return h


def glyph_sizes(font_path: str):
    """Code point -> size of its outline in bytes (the CFF charstring), without decompiling."""
    f = TTFont(font_path, fontNumber=SC_FACE_INDEX, lazy=True)
    cmap = f.getBestCmap()
    offsets = f["CFF "].cff.topDictIndex[0].CharStrings.charStringsIndex.offsets
    gid = {name: i for i, name in enumerate(f.getGlyphOrder())}
    return {cp: offsets[gid[n] + 1] - offsets[gid[n]] for cp, n in cmap.items()}


def plan(sizes: dict, target: int):
    """Groups code points, in order, into slices of about `target` outline bytes."""
    slices, current, total = [], [], 0
    for cp in sorted(sizes):
        if current and total + sizes[cp] > target:
            slices.append(current)
            current, total = [], 0
        current.append(cp)
        total += sizes[cp] + 8  # per-glyph overhead in the cut font (index, charset)
    if current:
        slices.append(current)
    return slices


def runs(cps):
    out = []
    for cp in cps:
        wide = out and out[-1][1] >= 0x20000  # both ends in the ideographic planes
        if out and cp - out[-1][1] <= (RUN_GAP_IDEOGRAPHIC_PLANES if wide else RUN_GAP_BMP):
            out[-1][1] = cp
        else:
            out.append([cp, cp])
    return out


def cut(args):
    font_path, cps = args
    opts = subset.Options()
    opts.layout_features = []
    opts.hinting = False
    opts.desubroutinize = True  # smaller here, and simpler for the rasteriser
    opts.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]
    opts.notdef_outline = False
    opts.recalc_timestamp = False
    font = TTFont(font_path, fontNumber=SC_FACE_INDEX, recalcTimestamp=False)
    s = subset.Subsetter(opts)
    s.populate(unicodes=cps)
    s.subset(font)
    buf = io.BytesIO()
    font.save(buf)
    return buf.getvalue()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True, type=pathlib.Path)
    ap.add_argument("--font", default=SOURCE_FONT)
    ap.add_argument("--target", type=int, default=64 * 1024, help="outline bytes per slice")
    args = ap.parse_args()

    # Cutting takes a minute: skip it when the script, the font and the plan are unchanged.
    font_stat = os.stat(args.font)
    key = f"{fnv1a32(pathlib.Path(__file__).read_bytes()):08x} {font_stat.st_size} {int(font_stat.st_mtime)} {args.target}"
    stamp = args.out / "slices.stamp"
    if stamp.exists() and stamp.read_text() == key and (args.out / "slices.json").exists():
        print("make_slices: up to date")
        return 0

    groups = plan(glyph_sizes(args.font), args.target)
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        blobs = list(pool.map(cut, [(args.font, g) for g in groups], chunksize=4))

    folder = args.out / "slices"
    folder.mkdir(parents=True, exist_ok=True)
    index, keep = [], set()
    for cps, blob in zip(groups, blobs):
        h = fnv1a32(blob)
        name = f"{cps[0]:05x}-{h:08x}.otf"
        keep.add(name)
        path = folder / name
        if not path.exists() or path.read_bytes() != blob:
            path.write_bytes(blob)
        index.append([len(blob), h, runs(cps)])
    for old in folder.glob("*.otf"):  # slices of an earlier font or plan
        if old.name not in keep:
            old.unlink()
    manifest = json.dumps({"format": 2, "font": "Noto Sans CJK SC", "slices": index}, separators=(",", ":"))
    (args.out / "slices.json").write_text(manifest, encoding="utf-8")
    stamp.write_text(key)
    sizes = sorted(len(b) for b in blobs)
    print(f"make_slices: {sum(len(g) for g in groups)} characters in {len(blobs)} slices, "
          f"{sizes[0]}..{sizes[-1]} bytes (median {sizes[len(sizes) // 2]}), index {len(manifest)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
