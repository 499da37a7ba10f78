"""From a statement to draft cases: sentences, dates, people and event words put together.

The rules, in the order they run (each readable on its own):

1. The statement's own date: the one the researcher gives, else a line that is
   little more than a date ("9 July 2016", 2016年7月9日, "Date: …") — shown, so it can
   be corrected; relative dates resolve against it.
2. In each sentence, each event word (see `events`) that is not asked for or denied
   becomes a draft event, for the person it is said of: the nearest name before it
   (with names joined to it by "and", 和, 、), a pronoun's last person, else the first
   name after it, else the person of the previous sentence (less sure).
3. Its date is the sentence's date phrase nearest to the event word, not counting one
   that another event word stands between; no date phrase, no date (never borrowed).
4. Charges, a prison term, probation and an outcome in the same sentence go to the
   events that can carry them (a term only to a verdict).
5. People with at least one event become draft cases, matched to an existing case
   when a name matched one; the same event twice (a summary repeating a paragraph)
   is kept once.

A sentence nothing came from is "not used".
"""

from __future__ import annotations

import re
from datetime import date

from dossier.share import dedupe

from . import events as ev
from .dates import Resolver, find_phrases
from .model import DateFinding, Draft, DraftCase, DraftEvent, PersonMention, Sentence, Span
from .people import FAMILY_ROLES, LAWYER_ROLES, Known, PeopleFinder
from .sentences import split
from .statement import back_to_original, is_zh, simplified_view, statement_date_of

_HAN = re.compile(r"[\u3400-\u9fff]")
_PRONOUN_EN = re.compile(
    r"\b(?:he|she|they|him|her|his|them|both|(?:all|the|none of the) (?:two|three|four|five))\b",
    re.IGNORECASE,
)
_PRONOUN_ZH = re.compile(r"他们|她们|他|她|其|本人|当事人|两人|二人")
_PLURAL = re.compile(
    r"they|them|both|(?:all|the|none of the) (?:two|three|four|five)|他们|她们|两人|二人|三人"
)
_SINGULAR = re.compile(r"he|she|him|her|his|他|她|其")
_LATER = re.compile(
    r"(?:\b(?:later|subsequently|afterwards|then)|随后|后来|之后|此后)\s*$", re.IGNORECASE
)
# "they were told", "收到通知": the date before such words is when the news came; the event
# in the clause after is dated by it (researchers record it so, as reported).
# "… friends of the two men said on Thursday": the date of the report, not of the event.
_REPORTED = re.compile(r"\b(?:said|says|told (?:\w+ ){0,2}|reported|announced)\s*$", re.IGNORECASE)
# An English event word in the passive: its person is the subject before it, never a name after.
_PASSIVE = re.compile(
    r"^(?:was|were|been|being|has been|have been|had been|is|are)\b", re.IGNORECASE
)
_JOIN = re.compile(
    r"^\s*(?:,|,?\s*and)\s*(?:(?:the|a|an|his|her|their)\s+)?(?:[a-z-]+\s+){0,3}$|"
    r"^(?:、|和|与|及|以及)[\u4e00-\u9fff]{0,4}$"
)
_ZH_TITLES = ("律师", "医生", "先生", "女士", "老师", "教授", "牧师")
_LEGAL = {
    "detention",
    "arrest",
    "indictment",
    "trial",
    "verdict",
    "rsdl",
    "appeal",
    "administrative_detention",
}


def extract(
    text: str, *, statement_date: date | None = None, known: list[Known] | None = None
) -> Draft:
    """Draft cases and events from `text`; nothing is written anywhere."""
    original = text.replace("\r\n", "\n")
    text = simplified_view(original)  # 拘捕、拒絕: the rules are written in simplified characters
    draft = Draft(text=text, lang="zh" if is_zh(text) else "en")
    draft.sentences = split(text)
    finder = PeopleFinder(list(known or []))
    if statement_date is None:
        statement_date, draft.statement_date_span, idx = statement_date_of(text, draft.sentences)
        if idx is not None:
            draft.used.add(idx)
    draft.statement_date = statement_date.isoformat() if statement_date else None
    resolver = Resolver(statement_date)
    b = _Builder(draft, finder)
    found = {}
    for s in draft.sentences:  # first every name, so that one given late is known early too
        found[s.index] = finder.find(text, s.start, s.end, is_zh(s.text))
        b.learn(found[s.index])
    for s in draft.sentences:
        dates = [resolver.resolve(p) for p in find_phrases(text, s.start, s.end)]
        draft.dates.extend(dates)
        if draft.statement_date_span is not None:  # the statement's date is not an event's
            dates = [d for d in dates if d.span != draft.statement_date_span]
        dates = [
            d for d in dates if not _REPORTED.search(text[max(0, d.span.start - 30) : d.span.start])
        ]
        zh = is_zh(s.text)
        people = found[s.index]
        people += b.short_names(s, people)
        draft.people.extend(people)
        b.sentence(s, dates, sorted(people, key=lambda p: p.span.start), zh)
    b.finish()
    if text != original:
        back_to_original(draft, original)
    return draft


class _Builder:
    def __init__(self, draft: Draft, finder: PeopleFinder) -> None:
        self.draft = draft
        self.finder = finder
        self.persons: dict[str, DraftCase] = {}  # identity key -> case
        self.last: list[DraftCase] = []  # the person(s) of the latest event
        self.last_group: list[DraftCase] = []
        self.recent: list[
            DraftCase
        ] = []  # people with events, least recent first ("the three")  # the latest event said of several people ("both", 两人)
        self.focus: PersonMention | None = (
            None  # the latest person named who is not someone's relative or lawyer
        )
        self.natives: dict[str, str] = {}  # key of a Latin name -> the Han form given with it
        self.forms: dict[
            str, dict[str, PersonMention]
        ] = {}  # written form -> {identity key: mention}
        self._form_rx: dict[str, re.Pattern] = {}
        self._n = 0
        self._dates: list[DateFinding] = []

    # -- people ---------------------------------------------------------------------
    def key(self, m: PersonMention) -> str:
        if m.case_id:
            return "case:" + m.case_id
        for form in (m.name, m.native):
            if form:
                keys = dedupe.keys_of(form)
                for k in keys:
                    for known in self.persons:
                        if known == "name:" + k:
                            return known
        keys = dedupe.keys_of(m.name)
        return "name:" + (keys[0] if keys else m.name)

    def person(self, m: PersonMention) -> DraftCase:
        k = self.key(m)
        c = self.persons.get(k)
        if c is None:
            # a Han form seen with this Latin name before ("Wang Ming (王明)") is the same person
            for other in self.persons.values():
                if (
                    m.native is None
                    and other.native_name
                    and dedupe.keys_of(other.native_name)[:1] == dedupe.keys_of(m.name)[:1]
                ):
                    c = other
                    break
        if c is None:
            self._n += 1
            latin = not _HAN.search(m.name)
            c = DraftCase(
                id=f"d{self._n}",
                name=m.name,
                native_name=m.native if latin else None,
                role=m.role,
                match_id=m.case_id,
                match_name=m.case_name,
                match_score=m.score,
                confidence=m.confidence,
            )
            if not latin:
                c.native_name = m.name
            self.persons[k] = c
        if not c.native_name and not _HAN.search(c.name):
            c.native_name = next(
                (self.natives[k] for k in dedupe.keys_of(c.name) if k in self.natives), None
            )
        if c is not None:
            if m.native and not c.native_name:
                c.native_name = m.native
            if _HAN.search(c.name) and not _HAN.search(m.name):
                c.name = m.name  # prefer the Latin spelling as the display name
            c.role = c.role or m.role
        if m.span not in c.mentions:
            c.mentions.append(m.span)
        return c

    def learn(self, found: list[PersonMention]) -> None:
        """Remember the written forms of people named, for `short_names`."""
        for m in found:
            if m.native:
                for k in dedupe.keys_of(m.name)[:1]:
                    self.natives.setdefault(k, m.native)
            words = m.name.split()
            forms: list[str] = []
            if _HAN.search(m.name):
                forms.append(m.name)
                if len(m.name) in (2, 3):  # 沈医生, 王律师 for 沈国良, 王全璋
                    forms += [m.name[0] + t for t in _ZH_TITLES]
            elif len(words) >= 2:
                forms += list(dict.fromkeys([m.name, words[0], words[-1]]))
            if m.role and m.role.startswith(("my ", "our ", "我的")):
                role = m.role.removeprefix("我的")
                forms += [m.role] if not m.role.startswith("我的") else [f"我的{role}", f"我{role}"]
            if not forms:
                continue
            key = self.key(m)
            for w in forms:
                owners = self.forms.setdefault(w, {})
                if key not in owners:
                    owners[key] = m
                    self._form_rx.pop(w, None)

    def _rx(self, w: str) -> re.Pattern:
        rx = self._form_rx.get(w)
        if rx is None:
            if _HAN.search(w):
                rx = re.compile(re.escape(w))
            else:
                flags = re.IGNORECASE if " " in w and w.islower() else 0  # "my father"
                rx = re.compile(
                    rf"(?:\b(?:Mr|Ms|Mrs|Dr|Pastor|Lawyer|Professor|Father)\.?\s+)?\b{re.escape(w)}\b"
                    rf"(?!\s+[A-Z])",
                    flags,
                )
            self._form_rx[w] = rx
        return rx

    def short_names(self, s: Sentence, found: list[PersonMention]) -> list[PersonMention]:
        """Other mentions of people named anywhere in the statement: the full name again
        ("高一鸣长期…"), "Wang" or "Ms Li" for "Wang Ming", "my father" / 我丈夫 after "my
        father, Lu Jianhua" — each only where exactly one person fits."""
        out: list[PersonMention] = []
        for w in sorted(self.forms, key=len, reverse=True):
            owners = self.forms[w]
            if len(owners) != 1 or w.lower() not in s.text.lower():
                continue
            (src,) = owners.values()
            for hit in self._rx(w).finditer(s.text):
                a, b = s.start + hit.start(), s.start + hit.end()
                if any(a < f.span.end and f.span.start < b for f in found + out):
                    continue
                rule = "the same name again" if w == src.name else "the same person, said shorter"
                out.append(
                    PersonMention(
                        Span(a, b, hit.group(0)),
                        src.name,
                        src.native,
                        None if w.startswith(("my ", "our ", "我")) else src.role,
                        src.case_id,
                        src.case_name,
                        src.score,
                        rule,
                        0.85,
                    )
                )
        return out

    # -- one sentence ---------------------------------------------------------------
    def sentence(
        self, s: Sentence, dates: list[DateFinding], people: list[PersonMention], zh: bool
    ) -> None:
        text = self.draft.text
        triggers = ev.find_triggers(text, s.start, s.end, zh)
        charges = ev.find_charges(text, s.start, s.end)
        term = ev.find_term(text, s.start, s.end)
        probation = ev.find_probation(text, s.start, s.end)
        outcome = ev.find_outcome(text, s.start, s.end)
        made: list[DraftCase] = []
        self._dates = dates
        for p in people:
            if (p.role or "") not in FAMILY_ROLES:  # a lawyer may be the one the statement is about
                self.focus = p
                break
        for i, tr in enumerate(triggers):
            clause = _clause_start(text, s.start, tr.span.start)
            if ev.blocked_by(text, s.start, clause, tr.span, zh, tuple(p.span for p in people)):
                continue
            if ev.said_of_someone_else(text, tr.span, zh):
                continue
            who, conf = self.who(s, tr, people, zh)
            if not who:
                continue
            dated = _nearest_date(text, dates, tr, triggers[:i] + triggers[i + 1 :], zh)
            e_conf = tr.confidence * conf * (dated.confidence if dated else 0.6)
            for c in who:
                d = DraftEvent(
                    id="",
                    type=tr.type,
                    sentence_index=s.index,
                    trigger=tr.span,
                    rule=tr.rule,
                    date=dated.edtf if dated else None,
                    date_span=dated.span if dated else None,
                    confidence=e_conf,
                )
                if tr.type in _LEGAL:
                    for cid, span in charges:
                        if cid not in d.charges:
                            d.charges.append(cid)
                            d.evidence.append(span)
                if tr.type == "verdict":
                    self._verdict(d, term, probation, outcome)
                if tr.type == "appeal" and outcome and outcome[0] == "upheld":
                    d.outcome = "upheld"
                    d.evidence.append(outcome[1])
                if self._add(c, d):
                    self.draft.used.add(s.index)
                made.append(c)
        if made:
            self.last = list({id(c): c for c in made}.values())
            for c in self.last:
                if c in self.recent:
                    self.recent.remove(c)
                self.recent.append(c)
            if len(self.last) > 1:
                self.last_group = self.last
        elif len(people) == 1 and not triggers:
            pass  # a name alone says nothing to draft; the sentence stays "not used"

    def _verdict(self, d: DraftEvent, term, probation, outcome) -> None:
        if term:
            d.sentence = term[0]
            d.evidence.append(term[1])
        if outcome and outcome[0] in ("suspended", "exempt", "acquitted"):
            d.outcome = outcome[0]
            d.evidence.append(outcome[1])
        elif term:
            d.outcome = "custodial"
        if probation:
            d.probation = probation[0]
            d.evidence.append(probation[1])
            d.outcome = "suspended"

    def who(
        self, s: Sentence, tr: ev.Trigger, people: list[PersonMention], zh: bool
    ) -> tuple[list[DraftCase], float]:
        """The person(s) an event word is said of, and how sure that reading is."""
        skip = (
            LAWYER_ROLES
            if tr.type.startswith("lawyer")
            else FAMILY_ROLES
            if tr.type.startswith("family")
            else set()
        )
        text = self.draft.text
        clause = _clause_start(text, s.start, tr.span.start)
        before = [p for p in people if p.span.end <= tr.span.start and (p.role or "") not in skip]
        pron_rx = _PRONOUN_ZH if zh else _PRONOUN_EN
        pronouns = [
            m
            for m in pron_rx.finditer(text, s.start, tr.span.end)
            if m.start() <= tr.span.start
            # "None of the three has been allowed to see a lawyer": the pronoun opens the event words
            if not any(p.span.start <= m.start() < p.span.end for p in people)
        ]  # "He" of "He Zhiyuan"
        last_pron = pronouns[-1].start() if pronouns else -1
        if before and before[-1].span.start > last_pron:
            group = [before[-1]]
            for p in reversed(before[:-1]):
                if _JOIN.match(text[p.span.end : group[0].span.start]):
                    group.insert(0, p)
                else:
                    break
            sure = 1.0 if group[-1].span.start >= clause else 0.9
            return [self.person(p) for p in group], min(p.confidence for p in group) * sure
        word = pronouns[-1].group(0).lower() if pronouns else ""
        if last_pron >= 0 and _PLURAL.fullmatch(word):
            n = {"two": 2, "three": 3, "four": 4, "five": 5, "两人": 2, "二人": 2, "三人": 3}.get(
                word.split()[-1]
            )
            if n and len(self.recent) >= n:
                return self.recent[-n:], 0.8
            if self.last_group:
                return self.last_group, 0.85
        if last_pron >= 0 and _SINGULAR.fullmatch(word):
            # "Qiao's wife said … he was": the last named person before the pronoun, if any
            named = [
                p
                for p in people
                if p.span.end <= last_pron and (p.role or "") not in FAMILY_ROLES | LAWYER_ROLES
            ]
            if named:
                return [self.person(named[-1])], named[-1].confidence * 0.85
        if last_pron >= 0 and self.last:
            return self.last, 0.85
        if last_pron >= 0 and self.focus is not None:
            return [self.person(self.focus)], self.focus.confidence * 0.8
        after = [
            p for p in people if p.span.start >= tr.span.start and (p.role or "") not in skip
        ]  # "took my father away"
        if not zh and _PASSIVE.match(tr.span.text):
            subject = text[clause : tr.span.start]
            for (
                d
            ) in self._dates:  # "On 3 May 2022 the members were released": the date is no subject
                if clause <= d.span.start and d.span.end <= tr.span.start:
                    subject = subject.replace(d.span.text, "")
            subject = re.sub(
                r"\b(?:also|later|then|subsequently|reportedly|eventually|finally|and|but|on|in|"
                r"since|after|before)\b",
                "",
                subject,
                flags=re.IGNORECASE,
            )
            if re.search(r"[A-Za-z]{2,}", subject):
                return [], 0.0  # "The members were released": someone we did not name
            after = []
        if after:
            group = [after[0]]
            for p in after[1:]:
                if _JOIN.match(text[group[-1].span.end : p.span.start]):
                    group.append(p)
                else:
                    break
            return [self.person(p) for p in group], min(p.confidence for p in group) * 0.85
        if before:
            return [self.person(before[-1])], before[-1].confidence * 0.8
        if self.last and not people:
            return self.last, 0.75
        if self.focus is not None and not people:
            return [self.person(self.focus)], self.focus.confidence * 0.7
        return [], 0.0

    def _add(self, c: DraftCase, d: DraftEvent) -> bool:
        for old in c.events:
            if old.type == d.type and (old.date == d.date or d.date is None or old.date is None):
                # said twice (a title, then the text): kept once, with what each said
                if old.date is None and d.date:
                    old.date, old.date_span = d.date, d.date_span
                    old.sentence_index, old.trigger = d.sentence_index, d.trigger
                for cid in d.charges:
                    if cid not in old.charges:
                        old.charges.append(cid)
                old.evidence += [x for x in d.evidence if x not in old.evidence]
                old.sentence, old.outcome = old.sentence or d.sentence, old.outcome or d.outcome
                old.probation = old.probation or d.probation
                old.confidence = max(old.confidence, d.confidence)
                return True
        d.id = f"{c.id}e{len(c.events) + 1}"
        c.events.append(d)
        return True

    def finish(self) -> None:
        cases = [c for c in self.persons.values() if c.events]
        known = [dedupe.CaseNames(k.id, k.name, k.names) for k in self.finder.known]
        for c in cases:
            if c.match_id is None and known:
                inc = dedupe.CaseNames(c.id, c.name, tuple(x for x in (c.native_name,) if x))
                dups = dedupe.find_duplicates([inc], known, threshold=80)
                c.candidates = [(x.local_id, x.local_name, x.score) for x in dups[:5]]
            c.events.sort(key=lambda e: (e.date or "9999", e.sentence_index))
        self.draft.cases = cases


def _clause_start(text: str, s_start: int, pos: int) -> int:
    cut = max(text.rfind(ch, s_start, pos) for ch in ";；：:，,")
    return s_start if cut < 0 else cut + 1


def _nearest_date(
    text: str, dates: list[DateFinding], tr: ev.Trigger, others: list[ev.Trigger], zh: bool
) -> DateFinding | None:
    """The date phrase nearest the event word that no other event word stands between.
    In Chinese the date comes first (于2015年7月9日被刑拘): one after the word counts
    double, and not at all past a comma (it opens the next clause)."""
    best, best_score = None, None
    for d in dates:
        if d.edtf is None:
            continue
        if d.span.end <= tr.span.start:
            gap, lo, hi = tr.span.start - d.span.end, d.span.end, tr.span.start
            if _LATER.search(text[lo:hi]) or re.search(
                r"\b(?:later|subsequently|then)\b", tr.span.text
            ):
                continue  # "detained in 2020 and later released": that date is not the release's
            if not zh and re.search(r"\b(?:and|but)\b", text[lo:hi]):
                gap += 1000  # "detained in April 2024 and convicted … in January 2025": a date after wins
        else:
            gap, lo, hi = d.span.start - tr.span.end, tr.span.end, d.span.start
            if zh and re.search("[，,；;。]", text[lo:hi]):
                continue
            gap *= 2 if zh else 1
        if any(lo <= o.span.start and o.span.end <= hi for o in others):
            continue  # another event's date: "placed under RSDL and arrested on 8 January"
        if best_score is None or gap < best_score:
            best, best_score = d, gap
    return best
