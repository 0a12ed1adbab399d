#!/usr/bin/env python3
"""Mark the Danish terms of the chapters with the {da} role (see nerveroot.sphinxext).

Rewrites *term* (Markdown italics) to {da}`term` for the Danish terms listed in
DANISH_TERMS, in the prose of book/*.md (never inside code cells or fenced blocks that
are code). Idempotent. tests/test_danish.py fails when a listed term is left in plain
italics, so new chapters stay marked.

Usage: tools/mark_danish.py [--check]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: Danish terms as the chapters italicise them (the glossary's Danish headwords and their variants).
DANISH_TERMS = sorted({
    "(lumbal) diskusprolaps", "(lumbal) radikulopati", "(lumbal) spinalstenose", "Bragards test",
    "Lægehåndbogen", "Nervestræktest", "Nervetryk i lænden", "achillesrefleks", "aflastningsskoliose",
    "afværgeskoliose", "akilles-", "cauda equina-syndrom", "diskusprolaps", "dropfod", "femoralisstræk",
    "foramen intervertebrale", "iskias", "iskiasnerven", "iskiassmerter", "kraftnedsættelse",
    "lumbal nerverodspåvirkning", "lumbal radikulopati", "lumbal rodaffektion", "medial haserefleks",
    "nerveglidning", "nervemobilisering", "nerverodskompression", "nerverodspåvirkning", "nervestræktest",
    "parese", "patellarrefleks", "prolaps", "refleksudfald", "ridebukseanæstesi", "rodkanal",
    "rodkanalstenose", "rygmarvsforsnævring", "rygmarvskanalen", "spinalkanalen", "spinalstenose",
    "strakt benløft", "sædeanæstesi", "krydset Lasègue", "omvendt Lasègue",
}, key=len, reverse=True)

ITALIC = re.compile(r"(?<![*\w`])\*(" + "|".join(re.escape(t) for t in DANISH_TERMS) + r")\*(?![*\w])")
FENCE = re.compile(r"^(```|~~~|:::)")


def convert(text: str) -> str:
    """Mark Danish italics in prose; leave code cells and code blocks alone.

    Fences are tracked as a stack: ```{directive} and :::{directive} hold prose (they are
    admonitions, dropdowns...), ```{code-cell} and a plain ``` block hold code; a bare fence
    closes the innermost open block that was opened with the same marker.
    """
    out, stack = [], []
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        marker = stripped[:3] if stripped[:3] in ("```", ":::", "~~~") else None
        if marker:
            rest = stripped.lstrip(marker[0])
            if rest == "" and stack and stack[-1][0] == marker:
                stack.pop()
                out.append(line)
                continue
            if rest.startswith("{code-cell}") or (rest and not rest.startswith("{")) or rest == "":
                stack.append((marker, "code"))
            else:
                stack.append((marker, "prose"))
            out.append(line)
            continue
        if any(kind == "code" for _, kind in stack):
            out.append(line)
            continue
        out.append(ITALIC.sub(lambda m: "{da}`" + m.group(1) + "`", line))
    return "".join(out)


def main(argv: list[str]) -> int:
    check = "--check" in argv
    changed = []
    for path in sorted((ROOT / "book").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        new = convert(text)
        if new != text:
            changed.append(path.relative_to(ROOT))
            if not check:
                path.write_text(new, encoding="utf-8")
    for p in changed:
        print(("needs marking: " if check else "marked: ") + str(p))
    return 1 if (check and changed) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
