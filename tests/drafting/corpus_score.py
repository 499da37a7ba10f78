"""Scoring the drafting extractor against the hand-written corpus (per field).

Fields, each as sets compared per statement and summed over the corpus:
* names: the draft cases (a draft case is right when one of its names has the
  duplicate matcher's key of one of the expected names, and, where the statement
  names an existing case, it was matched to that case);
* event types: (case, type) pairs;
* dated events: (case, type, EDTF date) triples; expected events without a date
  are left out, and so are draft events without one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from dossier.drafting import Known, extract
from dossier.share.dedupe import keys_of

CORPUS = Path(__file__).parent / "corpus"
FIELDS = ("names", "event types", "dated events")


@dataclass
class Tally:
    tp: int = 0
    predicted: int = 0
    expected: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.tp / self.expected if self.expected else 1.0


def _keys(*forms: str | None) -> set[str]:
    return {k for f in forms if f for k in keys_of(f)}


def score_one(txt: Path, tallies: dict[str, Tally]) -> None:
    spec = json.loads(txt.with_suffix(".json").read_text(encoding="utf-8"))
    known = [Known(k["id"], k["name"], tuple(k.get("names", []))) for k in spec.get("known", [])]
    sd = spec.get("statement_date")
    draft = extract(
        txt.read_text(encoding="utf-8"),
        known=known,
        statement_date=date.fromisoformat(sd) if sd else None,
    )
    label = txt.stem

    # which expected case each draft case is (None: not expected)
    def which(c) -> int | None:
        got = _keys(c.name, c.native_name)
        for i, e in enumerate(spec["cases"]):
            if got & _keys(e["name"], e.get("native")):
                return i
        return None

    pairs, triples = set(), set()
    for i, e in enumerate(spec["cases"]):
        for x in e["events"]:
            pairs.add((i, x["type"]))
            if x.get("date"):
                triples.add((i, x["type"], x["date"]))
    got_pairs, got_triples, got_names = set(), set(), set()
    t = tallies["names"]
    for c in draft.cases:
        i = which(c)
        ok = i is not None and (spec["cases"][i].get("match") in (None, c.match_id))
        key = i if i is not None else f"x:{c.name}"
        if key in got_names:
            t.predicted += 1
            t.extras.append(f"{label}: {c.name} (twice)")
            continue
        got_names.add(key)
        t.predicted += 1
        if ok:
            t.tp += 1
        else:
            t.extras.append(f"{label}: {c.name}")
        for ev in c.events:
            got_pairs.add((key, ev.type))
            if ev.date:
                got_triples.add((key, ev.type, ev.date))
    t.expected += len(spec["cases"])
    matched = {i for i in got_names if isinstance(i, int)}
    t.misses += [f"{label}: {e['name']}" for i, e in enumerate(spec["cases"]) if i not in matched]

    def name(k) -> str:
        return spec["cases"][k]["name"] if isinstance(k, int) else k[2:]

    for fname, exp, got in (
        ("event types", pairs, got_pairs),
        ("dated events", triples, got_triples),
    ):
        t = tallies[fname]
        t.expected += len(exp)
        t.predicted += len(got)
        t.tp += len(exp & got)
        t.misses += [f"{label}: {name(x[0])} {x[1:]}" for x in sorted(exp - got, key=str)]
        t.extras += [f"{label}: {name(x[0])} {x[1:]}" for x in sorted(got - exp, key=str)]


def score(files: list[Path] | None = None) -> dict[str, Tally]:
    tallies = {f: Tally() for f in FIELDS}
    for txt in files or sorted(CORPUS.glob("*.txt")):
        score_one(txt, tallies)
    return tallies


def report(tallies: dict[str, Tally], verbose: bool = False) -> str:
    lines = [f"{'field':<14} {'precision':>9} {'recall':>7}   (right / drafted / expected)"]
    for f, t in tallies.items():
        lines.append(
            f"{f:<14} {t.precision:>9.2f} {t.recall:>7.2f}   ({t.tp} / {t.predicted} / {t.expected})"
        )
        if verbose:
            lines += [f"    missed {m}" for m in t.misses] + [f"    extra  {x}" for x in t.extras]
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    print(report(score([Path(a) for a in sys.argv[1:]] or None), verbose=True))
