"""Likely duplicates: the same person entered by two colleagues under different ids.

"Wang Quanzhang", 王全璋 and "Wang Quan-zhang" are one lawyer. Records merge by UUID,
so two researchers who each created his case hold two cases; after an import the
researcher is told which incoming cases look like one of theirs, with a suggestion to
merge them (never an automatic merge: two people can share a name).

How a name becomes a comparable key:
* Han characters: OpenCC turns traditional into simplified (劉曉波 → 刘晓波), then
  pypinyin spells them without tones (liuxiaobo); ü is written u.
* Latin names: accents removed, lower case, everything but letters and digits
  dropped (Wang Quan-zhang → wangquanzhang); for names of two or three words the
  family name moved from last to first (and back) is a key too ("Quanzhang Wang").
Equal keys are a strong match (score 100); otherwise rapidfuzz's ratio between keys of
at least `THRESHOLD` is a likely one. Keys shorter than four letters never match fuzzily.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

THRESHOLD = 90
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(frozen=True)
class CaseNames:
    id: str
    name: str
    names: tuple[str, ...] = ()

    def forms(self) -> list[str]:
        return [self.name, *self.names]


@dataclass(frozen=True)
class Duplicate:
    incoming_id: str
    incoming_name: str
    local_id: str
    local_name: str
    score: int
    key: str

    @property
    def reason(self) -> str:
        how = "the same spelling" if self.score >= 100 else f"{self.score}% alike"
        return f"{how} in pinyin ({self.key})"

    def to_json(self) -> dict:
        return {
            "incoming_id": self.incoming_id,
            "incoming_name": self.incoming_name,
            "local_id": self.local_id,
            "local_name": self.local_name,
            "score": self.score,
            "reason": self.reason,
        }


@lru_cache(maxsize=1)
def _t2s():
    # Imported on first use: pypinyin's dictionaries alone take a second to load, which
    # every CLI command would otherwise pay.
    import opencc

    return opencc.OpenCC("t2s")


def _pinyin(text: str) -> list[str]:
    from pypinyin import Style, lazy_pinyin

    return lazy_pinyin(text, style=Style.NORMAL, errors=lambda s: list(s))


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@lru_cache(maxsize=100_000)
def keys_of(form: str) -> tuple[str, ...]:
    """The comparison keys of one written form of a name, the name as written first."""
    form = form.strip()
    if not form:
        return ()
    if _HAN.search(form):
        simplified = _t2s().convert(form)
        text = " ".join(_pinyin(simplified))
    else:
        text = form
    words = [
        w.lower().replace("ü", "u").replace("v", "u") if _HAN.search(form) else w.lower()
        for w in _WORD.findall(_strip_accents(text))
    ]
    if not words:
        return ()
    keys = ["".join(words)]
    if 2 <= len(words) <= 3 and not _HAN.search(form):  # family name written last or first
        keys.append("".join([words[-1], *words[:-1]]))
        keys.append("".join([*words[1:], words[0]]))
    return tuple(dict.fromkeys(k.replace("ü", "u") for k in keys if k))


def case_keys(case: CaseNames) -> list[str]:
    """Every key of every name of the case, in order, each once."""
    return list(dict.fromkeys(k for form in case.forms() for k in keys_of(form)))


def find_duplicates(
    incoming: Iterable[CaseNames], local: Iterable[CaseNames], threshold: int = THRESHOLD
) -> list[Duplicate]:
    """Incoming cases that look like a local case with another id, best match first."""
    from rapidfuzz import fuzz, process

    exact: dict[str, list[CaseNames]] = {}
    all_keys: list[str] = []
    owners: list[CaseNames] = []
    for c in local:
        for k in case_keys(c):
            exact.setdefault(k, []).append(c)
            all_keys.append(k)
            owners.append(c)
    found: dict[tuple[str, str], Duplicate] = {}

    def note(inc: CaseNames, loc: CaseNames, score: int, key: str) -> None:
        if loc.id == inc.id:
            return
        old = found.get((inc.id, loc.id))
        if old is None or score > old.score:  # the first key to match (as written) explains it
            found[(inc.id, loc.id)] = Duplicate(inc.id, inc.name, loc.id, loc.name, score, key)

    for inc in incoming:
        for key in case_keys(inc):
            for loc in exact.get(key, []):
                note(inc, loc, 100, key)
            if len(key) < 4 or not all_keys:
                continue
            for _match, score, idx in process.extract(
                key, all_keys, scorer=fuzz.ratio, score_cutoff=threshold, limit=5
            ):
                note(inc, owners[idx], int(score), key)
    return sorted(found.values(), key=lambda d: (-d.score, d.incoming_name, d.local_name))


BLOCK_MAX = (
    1500  # keys compared pairwise at most in one block; bigger blocks split by a longer prefix
)


def _blocks(keys: list[str], width: int) -> dict[str, list[int]]:
    """Indices of keys grouped by their first and by their last `width` letters: two keys
    90% alike share one or the other (an edit in both ends is a different name)."""
    out: dict[str, list[int]] = {}
    for i, k in enumerate(keys):
        out.setdefault("^" + k[:width], []).append(i)
        out.setdefault("$" + k[-width:], []).append(i)
    return out


def find_duplicates_within(
    cases: Iterable[CaseNames], threshold: int = THRESHOLD
) -> list[Duplicate]:
    """Pairs of cases of ONE store that look like one person, best match first.

    Equal keys pair up through a dictionary. For near matches, keys are blocked by their
    first and last three letters (four, five… for a block still over BLOCK_MAX) and
    compared only within a block (rapidfuzz, in C): at 50,000 cases that is a few
    million comparisons in C, not 1.25 billion. Each pair appears once, the case listed
    first (`incoming_*`) being the one whose name sorts first.
    """
    from rapidfuzz import fuzz, process

    cases = list(cases)
    exact: dict[str, list[int]] = {}
    for ci, c in enumerate(cases):
        for k in case_keys(c):
            exact.setdefault(k, []).append(ci)
    owners = {k: list(dict.fromkeys(v)) for k, v in exact.items()}
    keys = [k for k in owners if len(k) >= 4]  # each distinct key once: equal ones pair up below
    found: dict[tuple[int, int], tuple[int, str]] = {}

    def note(i: int, j: int, score: int, key: str) -> None:
        if i == j or cases[i].id == cases[j].id:
            return
        pair = (i, j) if (cases[i].name, cases[i].id) <= (cases[j].name, cases[j].id) else (j, i)
        old = found.get(pair)
        if old is None or score > old[0]:
            found[pair] = (score, key)

    for k, uniq in owners.items():
        for x in range(len(uniq)):
            for y in range(x + 1, len(uniq)):
                note(uniq[x], uniq[y], 100, k)

    def compare(idx: list[int], width: int) -> None:
        if len(idx) < 2:
            return
        if len(idx) > BLOCK_MAX and width < 8:
            for sub in _blocks([keys[i] for i in idx], width + 1).values():
                compare([idx[i] for i in sub], width + 1)
            return
        # by length: a key is compared only with the longer keys it can still be
        # `threshold`% like (ratio ≥ t needs len(b) ≤ len(a)·(200 − t)/t)
        block = sorted((keys[i] for i in idx), key=len)
        lengths = [len(k) for k in block]
        stretch = (200 - threshold) / max(threshold, 1)
        for r, key in enumerate(block):
            hi = bisect.bisect_right(lengths, int(len(key) * stretch), lo=r + 1)
            if hi <= r + 1:
                continue
            for _m, score, c in process.extract(
                key, block[r + 1 : hi], scorer=fuzz.ratio, score_cutoff=threshold, limit=None
            ):
                for i in owners[key]:
                    for j in owners[block[r + 1 + c]]:
                        note(i, j, int(score), key)

    for idx in _blocks(keys, 3).values():
        compare(idx, 3)
    out = [
        Duplicate(cases[i].id, cases[i].name, cases[j].id, cases[j].name, score, key)
        for (i, j), (score, key) in found.items()
    ]
    return sorted(
        out, key=lambda d: (-d.score, d.incoming_name, d.local_name, d.incoming_id, d.local_id)
    )
