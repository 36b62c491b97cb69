#!/usr/bin/env python3
"""Builds the CJK font subset the app ships.

Collects every character of text the app can show — all string values in
assets/**/*.json and every non-ASCII string literal in src/ — adds printable
ASCII, and cuts Noto Sans CJK SC (Debian's fonts-noto-cjk) down to those glyphs.

  make_subset.py --assets assets --src src --out build/stage/fonts/anxin-sc.otf

Writes the subset and, beside it, <name>.chars.txt (the characters, for tests).
"""
import argparse, json, pathlib, re, subprocess, sys, tempfile

SOURCE_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
SC_FACE_INDEX = 2  # 0 JP, 1 KR, 2 SC, 3 TC, 4 HK
# Characters the UI may compose at run time (digits typed on a keypad, etc.).
ALWAYS = "".join(chr(c) for c in range(0x20, 0x7F)) + "\u3000\uFF0C\u3002\uFF01\uFF1F\uFF1A\uFF1B\u3001\u201C\u201D\u2018\u2019\uFF08\uFF09\u300A\u300B\u2026\u2014\u00B7"
# The placeholder box drawn while a character's font slice is on its way (ui/glyph_supply.h).
ALWAYS += "\u25A1"
LITERAL = re.compile(r'"((?:[^"\\\n]|\\.)*)"')


def strings_in_json(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from strings_in_json(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings_in_json(v)


def collect(assets: pathlib.Path, src: pathlib.Path) -> str:
    chars = set(ALWAYS)
    for path in sorted(assets.rglob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as err:
            # The content validator reports this file properly; the font just
            # takes the raw text so a broken file never drops glyphs.
            print(f"make_subset: {path}: not valid JSON ({err}); using its raw text", file=sys.stderr)
            chars.update(path.read_text(encoding="utf-8", errors="replace"))
            continue
        for s in strings_in_json(data):
            chars.update(s)
    for path in sorted(list(src.rglob("*.cpp")) + list(src.rglob("*.h"))):
        for literal in LITERAL.findall(path.read_text(encoding="utf-8")):
            if any(ord(c) > 0x7F for c in literal):
                chars.update(literal)
    return "".join(sorted(c for c in chars if c >= " " and c != "\x7f"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--assets", required=True, type=pathlib.Path)
    ap.add_argument("--src", required=True, type=pathlib.Path)
    ap.add_argument("--out", required=True, type=pathlib.Path)
    ap.add_argument("--font", default=SOURCE_FONT)
    args = ap.parse_args()

    text = collect(args.assets, args.src)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    chars_file = args.out.with_suffix(".chars.txt")
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt", delete=False) as tmp:
        tmp.write(text)
    cmd = ["pyftsubset", args.font, f"--font-number={SC_FACE_INDEX}", f"--text-file={tmp.name}",
           f"--output-file={args.out}", "--layout-features=", "--no-hinting",
           "--desubroutinize", "--name-IDs=0,1,2,3,4,5,6,13,14", "--notdef-outline"]
    result = subprocess.run(cmd, capture_output=True, text=True)
    pathlib.Path(tmp.name).unlink()
    if result.returncode != 0:
        print(f"make_subset: pyftsubset failed:\n{result.stderr}", file=sys.stderr)
        return 1
    chars_file.write_text(text, encoding="utf-8")
    print(f"make_subset: {len(text)} characters -> {args.out} ({args.out.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
