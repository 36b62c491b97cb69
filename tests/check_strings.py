#!/usr/bin/env python3
"""Every UI string key the code uses exists in every language file, and every
key in a language file is used (no dead text to translate)."""
import json, pathlib, re, sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
# Keys looked up directly must exist; a key is in use if the code names it anywhere
# (some are picked in a table or a condition before the lookup).
USE = re.compile(r'\b(?:t|get|format)\(\s*"([a-z0-9_]+(?:\.[a-z_]+)+)"|return "((?:settings)\.[a-z_.]+)"')
LITERAL = re.compile(r'"([a-z0-9_]+(?:\.[a-z0-9_]+)+)"')
used, named = set(), set()
for path in list((root / "src").rglob("*.cpp")) + list((root / "src").rglob("*.h")):
    text = path.read_text(encoding="utf-8")
    for m in USE.finditer(text):
        used.add(m.group(1) or m.group(2))
    named.update(LITERAL.findall(text))
failures = 0
for lang_file in sorted((root / "assets" / "i18n").glob("*.json")):
    keys = set(json.loads(lang_file.read_text(encoding="utf-8"))) - {"lang"}
    for key in sorted(used - keys):
        print(f"{lang_file.name}: key '{key}' is used in src/ but missing"); failures += 1
    for key in sorted(keys - used - named):
        print(f"{lang_file.name}: key '{key}' is never used in src/"); failures += 1
print(f"{len(used)} keys used; {failures} problems")
sys.exit(1 if failures else 0)
