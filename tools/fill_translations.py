"""Fill unfinished messages of a Qt .ts file from tab-separated translation lists.

Why: several people add window strings at once; each writes `context<TAB>source<TAB>
translation` lines instead of editing the one .ts by hand. The workflow is:

    pyside6-lupdate src/dossier/gui -ts resources/i18n/dossier_zh_CN.ts -no-obsolete
    python tools/fill_translations.py resources/i18n/dossier_zh_CN.ts new-strings.tsv ...
    pyside6-lrelease resources/i18n/dossier_zh_CN.ts

Only unfinished (or empty) messages are filled, so a reviewed translation is never
overwritten; messages still unfinished afterwards are listed, and the exit status is 1.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def read_tsv(paths: list[Path]) -> dict[tuple[str, str], str]:
    table: dict[tuple[str, str], str] = {}
    for path in paths:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) != 3:
                raise SystemExit(f"{path}:{n}: expected context<TAB>source<TAB>translation")
            ctx, src, tr = (p.replace("\\n", "\n") for p in parts)
            table[(ctx, src)] = tr
    return table


def fill(ts: Path, table: dict[tuple[str, str], str]) -> list[tuple[str, str]]:
    tree = ET.parse(ts)
    missing = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            tr = message.find("translation")
            if tr is None:
                tr = ET.SubElement(message, "translation")
            done = tr.get("type") not in ("unfinished",) and "".join(tr.itertext()).strip()
            if done:
                continue
            text = table.get((name, source))
            if text is None:
                missing.append((name, source))
                continue
            forms = tr.findall("numerusform")
            if message.get("numerus") == "yes":
                for f in forms or [ET.SubElement(tr, "numerusform")]:
                    f.text = text
            else:
                tr.text = text
            tr.attrib.pop("type", None)
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return missing


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__)
        return 2
    missing = fill(Path(argv[0]), read_tsv([Path(p) for p in argv[1:]]))
    for ctx, src in missing:
        print(f"untranslated: {ctx}: {src!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
