#!/usr/bin/env python3
"""Writes guides/tiles.json into the staged assets: the home screen's tiles (id,
title, subtitle, icon) taken from each guide listed in guides/index.json (in
group order when it has groups).

The app draws its first frame from this small file and reads the full guides
just after, so the home screen appears sooner. A guide that cannot be read here
is left out; the app's own loader reports it properly.

    make_tiles.py ASSETS_DIR OUT_FILE
"""
import json
import sys
from pathlib import Path


def main() -> int:
    assets, out = Path(sys.argv[1]), Path(sys.argv[2])
    tiles = []
    try:
        index = json.loads((assets / "guides" / "index.json").read_text(encoding="utf-8"))
        if "groups" in index:  # the guides in group order, as the app's loader lists them
            ids = [gid for group in index["groups"] for gid in group.get("guides", [])]
        else:
            ids = index.get("guides", [])
    except (OSError, ValueError, AttributeError, TypeError):
        ids = []
    for gid in ids if isinstance(ids, list) else []:
        try:
            g = json.loads((assets / "guides" / f"{gid}.json").read_text(encoding="utf-8"))
            tiles.append({k: g[k] for k in ("id", "title", "subtitle", "icon")})
        except (OSError, ValueError, KeyError, TypeError):
            continue
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"tiles": tiles}, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
