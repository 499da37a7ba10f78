"""add-case, add-event, add-source, list, show, search."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from dossier.core import vocab
from dossier.core.date_input import future_warning, parse_date_input
from dossier.core.errors import UsageError
from dossier.core.facts import DaysRange
from dossier.core.model import Case, Event, Name, Relation, Source
from dossier.core.phrases import days_phrase
from dossier.core.timeline import derive, known_events
from dossier.services.people import PersonRow, people

from .common import (
    CASE_HELP,
    add_from_file_option,
    add_known_on,
    add_store_options,
    apply_from_file,
    as_of,
    emit_json,
    known_on,
    require,
    say,
    warn,
)
from .people_cmds import person_line, relation_json
from .store_cmds import open_dossier

_REL_KEYS = ("id", "name", "relation", "role", "other_case_id", "note")


def vocab_epilog() -> str:
    """Event types and charges for `--help`, from core/vocab.py (a new type shows here)."""
    width = max(len(t) for t in (*vocab.EVENT_TYPES, *vocab.CHARGES))
    lines = ["event types (--type), id or Chinese term:"]
    lines += [f"  {t.id:<{width}}  {t.zh}  {t.en}" for t in vocab.EVENT_TYPES.values()]
    lines += ["", "charges (--charge), id or Chinese term:"]
    lines += [f"  {t.id:<{width}}  {t.zh}  {t.en}" for t in vocab.CHARGES.values()]
    return "\n".join(lines)


def charge_label(charge: str) -> str:
    """`inciting_subversion` → "Inciting subversion of state power (煽动颠覆国家政权罪)";
    free text as it was typed."""
    t = vocab.CHARGES.get(charge)
    return f"{t.en} ({t.zh})" if t else charge


def register(sub) -> None:
    p = sub.add_parser("add-case", help="create a case; prints its id")
    p.add_argument("--name", help="required (here or in --from-file)")
    p.add_argument("--native-name", action="append", default=[], metavar="N")
    p.add_argument(
        "--lang",
        action="append",
        default=[],
        metavar="L",
        help="BCP 47 tag of the matching --native-name",
    )
    p.add_argument("--tag", action="append", default=[], metavar="T")
    p.add_argument("--sensitivity", default="public", choices=list(vocab.SENSITIVITIES))
    p.add_argument("--summary", help="a short narrative for briefings")
    add_from_file_option(
        p, {"name": False, "native-name": True, "lang": True, "tag": True, "summary": False}
    )
    add_store_options(p)
    p.set_defaults(func=cmd_add_case)

    p = sub.add_parser(
        "add-event",
        help="add a timeline event; prints its id",
        epilog=vocab_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("case", metavar="CASE", help=CASE_HELP)
    p.add_argument(
        "--type", required=True, help="an event type id or its Chinese term (listed below)"
    )
    p.add_argument("--date", required=True, metavar="EDTF")
    p.add_argument("--end", metavar="EDTF")
    p.add_argument("--place")
    p.add_argument("--authority")
    p.add_argument(
        "--charge",
        action="append",
        default=[],
        metavar="C",
        help="a charge id or its Chinese term (listed below), or free text",
    )
    p.add_argument("--sentence", metavar="DURATION")
    p.add_argument("--note", metavar="TEXT")
    p.add_argument("--source", action="append", default=[], metavar="SOURCE_ID")
    add_from_file_option(p, {"place": False, "authority": False, "charge": True, "note": False})
    p.add_argument("--confidence", choices=["confirmed", "reported", "disputed"])
    p.add_argument("--sensitivity", default="public", choices=list(vocab.SENSITIVITIES))
    # Since schema 3 (issue #11): see docs/cli.md "Timeline model".
    p.add_argument("--reported", metavar="EDTF", help="when the fact became public or known")
    p.add_argument(
        "--outcome",
        metavar="OUTCOME",
        help="verdict: "
        + ", ".join(vocab.OUTCOMES)
        + "; appeal: "
        + ", ".join(vocab.APPEAL_OUTCOMES),
    )
    p.add_argument(
        "--probation", metavar="DURATION", help="probation of a suspended sentence, e.g. P4Y"
    )
    p.add_argument(
        "--political-rights", metavar="DURATION", help="deprivation of political rights, e.g. P3Y"
    )
    p.add_argument(
        "--whereabouts",
        choices=list(vocab.WHEREABOUTS),
        help="what this event says of the whereabouts",
    )
    p.add_argument(
        "--last-confirmed", metavar="EDTF", help="last day an open-ended measure was confirmed"
    )
    p.add_argument("--court")
    p.add_argument("--judge")
    p.add_argument("--facility", help="place of detention")
    add_store_options(p)
    p.set_defaults(func=cmd_add_event)

    p = sub.add_parser("add-source", help="record a source; prints its id")
    p.add_argument("--title", help="required (here or in --from-file)")
    p.add_argument("--url")
    p.add_argument("--date", metavar="EDTF")
    p.add_argument("--publisher")
    p.add_argument("--reliability")
    p.add_argument(
        "--protected", action="store_true", help="a source whose identity must be protected"
    )
    p.add_argument("--file", action="append", default=[], metavar="PATH")
    p.add_argument("--sensitivity", default="public", choices=list(vocab.SENSITIVITIES))
    add_from_file_option(
        p, {"title": False, "url": False, "publisher": False, "reliability": False}
    )
    add_store_options(p)
    p.set_defaults(func=cmd_add_source)

    p = sub.add_parser("list", help="one line per case")
    p.add_argument("--status", choices=list(vocab.STATUS_TERMS))
    p.add_argument("--tag")
    p.add_argument("--search", metavar="QUERY")
    p.add_argument(
        "--alert",
        metavar="RULE",
        choices=vocab.ALERT_RULES,
        help="an alert rule: " + ", ".join(vocab.ALERT_RULES),
    )
    p.add_argument(
        "--stage", choices=list(vocab.STAGES), help="legal stage (see docs/cli.md, Timeline model)"
    )
    p.add_argument("--as-of", metavar="DATE")
    add_known_on(p)
    add_store_options(p)
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("show", help="a case with its derived facts and timeline")
    p.add_argument("case", metavar="CASE", help=CASE_HELP)
    p.add_argument("--as-of", metavar="DATE")
    add_known_on(p)
    add_store_options(p)
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("search", help="full-text search in any script")
    p.add_argument("query", metavar="QUERY")
    p.add_argument("--limit", type=int, default=100)
    add_store_options(p)
    p.set_defaults(func=cmd_search)


def cmd_add_case(args) -> int:
    apply_from_file(args)
    require(args, "name")
    if len(args.lang) > len(args.native_name):
        raise UsageError("each --lang goes with a --native-name before it")
    names = [
        Name(value=n, lang=args.lang[i] if i < len(args.lang) else "und")
        for i, n in enumerate(args.native_name)
    ]
    case = Case(
        name=args.name,
        names=names,
        tags=args.tag,
        sensitivity=args.sensitivity,
        summary=args.summary,
    )
    with open_dossier(args) as d:
        d.add_case(case)
        if args.json:
            emit_json(case_json(d, case.id, None))
        else:
            say(case.id)
    return 0


def typed_date(text: str | None, *, check_future: bool = True) -> str | None:
    """A date as typed (2015年7月9日, 2015/7/9, late 2017, EDTF) → EDTF; a date still to
    come is kept but warned about on stderr (a script cannot be asked to confirm)."""
    if not text:
        return text
    value = parse_date_input(text).edtf
    note = future_warning(value, date.today()) if check_future else None
    if note:
        warn(note)
    return value


def cmd_add_event(args) -> int:
    apply_from_file(args)
    start, end = typed_date(args.date), typed_date(args.end, check_future=False)
    args.reported = typed_date(args.reported, check_future=False)
    args.last_confirmed = typed_date(args.last_confirmed, check_future=False)
    with open_dossier(args) as d:
        cid = d.resolve_case(args.case)
        ev = Event(
            type=args.type,
            date=start,
            end=end,
            place=args.place,
            authority=args.authority,
            charges=args.charge,
            sentence=args.sentence,
            note=args.note,
            source_ids=args.source,
            confidence=args.confidence,
            sensitivity=args.sensitivity,
            reported=args.reported,
            outcome=args.outcome,
            probation=args.probation,
            political_rights=args.political_rights,
            whereabouts=args.whereabouts,
            last_confirmed=args.last_confirmed,
            court=args.court,
            judge=args.judge,
            facility=args.facility,
        )
        d.add_event(cid, ev)
    if args.json:
        emit_json(event_json(ev))
    else:
        say(ev.id)
    return 0


def cmd_add_source(args) -> int:
    apply_from_file(args)
    require(args, "title")
    src = Source(
        title=args.title,
        url=args.url,
        date=typed_date(args.date),
        publisher=args.publisher,
        reliability=args.reliability,
        protected=args.protected,
        sensitivity=args.sensitivity,
    )
    with open_dossier(args) as d:
        d.add_source(src, [Path(f) for f in args.file])
    if args.json:
        emit_json(source_json(src))
    else:
        say(src.id)
    return 0


def cmd_list(args) -> int:
    day = as_of(args)
    with open_dossier(args) as d:
        rows = d.summaries(
            as_of=day,
            status=args.status,
            tag=args.tag,
            query=args.search,
            alert=args.alert,
            stage=args.stage,
            known_on=known_on(args),
        )
    if args.json:
        emit_json([r.to_json() for r in rows])
        return 0
    for r in rows:
        f = r.facts
        days = f.get("days_in_custody") or f.get("days_in_house_arrest")
        days_s = (
            ""
            if not days
            else (
                f"{days['min']}d" if days["min"] == days["max"] else f"{days['min']}–{days['max']}d"
            )
        )
        alerts = ",".join(a["rule"] for a in f.get("alerts", []) if a["until"] is None)
        native = r.native_name or ""
        say("\t".join([r.id[:8], r.name, native, f["status"], days_s, alerts]).rstrip())
    return 0


def event_json(e: Event) -> dict:
    return {
        "id": e.id,
        "type": e.type,
        "date": e.date,
        "end": e.end,
        "place": e.place,
        "authority": e.authority,
        "charges": e.charges,
        "sentence": e.sentence,
        "note": e.note,
        "sources": e.source_ids,
        "confidence": e.confidence,
        "sensitivity": e.sensitivity,
        "reported": e.reported,
        "outcome": e.outcome,
        "probation": e.probation,
        "political_rights": e.political_rights,
        "whereabouts": e.whereabouts,
        "last_confirmed": e.last_confirmed,
        "court": e.court,
        "judge": e.judge,
        "facility": e.facility,
    }


def source_json(s: Source) -> dict:
    return {
        "id": s.id,
        "title": s.title,
        "url": s.url,
        "date": s.date,
        "publisher": s.publisher,
        "reliability": s.reliability,
        "protected": s.protected,
        "sensitivity": s.sensitivity,
        "attachments": [
            {"id": a.id, "filename": a.filename, "size": a.size, "sha256": a.sha256}
            for a in s.attachments
        ],
    }


def case_json(d, case_id: str, day, known: date | None = None) -> dict:
    c = d.get_case(case_id)
    events = known_events(c.events, known)
    facts = derive(events, day or date.today(), known)
    out = {
        "id": c.id,
        "name": c.name,
        "names": [{"value": n.value, "lang": n.lang, "kind": n.kind} for n in c.names],
        "tags": c.tags,
        "sensitivity": c.sensitivity,
        "summary": c.summary,
    }
    out.update(facts.to_json())
    out["events"] = [event_json(e) for e in events]
    out["asks"] = [{"id": a.id, "text": a.text, "addressee": a.addressee} for a in c.asks]
    out["relations"] = [relation_json(p.relation, p.other_name) for p in people(d, c.id)]
    return out


def _span(v: dict) -> str:
    return v["earliest"] if v["earliest"] == v["latest"] else f"{v['earliest']} … {v['latest']}"


def cmd_show(args) -> int:
    day = as_of(args)
    with open_dossier(args) as d:
        cid = d.resolve_case(args.case)
        doc = case_json(d, cid, day, known_on(args))
    if args.json:
        emit_json(doc)
        return 0
    names = ", ".join(f"{n['value']} ({n['lang']})" for n in doc["names"])
    say(f"{doc['name']}" + (f" — {names}" if names else ""))
    say(f"id: {doc['id']}")
    if doc["tags"]:
        say(f"tags: {', '.join(doc['tags'])}")
    known = f" (as known on {doc['known_on']})" if doc.get("known_on") else ""
    say(f"as of {doc['as_of']}{known}: {doc['status']}")
    say(
        f"  stage: {doc['stage']}; in custody: {'yes' if doc['in_custody'] else 'no'}"
        + (f" ({doc['custody_kind']})" if doc["custody_kind"] else "")
        + (f"; whereabouts: {doc['whereabouts']}" if doc["whereabouts"] else "")
    )
    lc = doc.get("last_confirmed")
    for key, label in (
        ("days_in_custody", "days in custody"),
        ("days_disappeared", "days disappeared"),
        ("days_in_house_arrest", "days under house arrest"),
    ):
        v = doc.get(key)
        if v:
            n = f"{v['min']}" + ("" if v["min"] == v["max"] else f"–{v['max']}")
            if lc:  # an open-ended measure: the count stops at its last confirmation
                n = days_phrase(DaysRange(v["min"], v["max"]), date.fromisoformat(lc))
            say(f"  {label}: {n}")
    if doc["custody_since"]:
        say(f"  in custody since: {_span(doc['custody_since'])}")
    if doc["charges"]:
        say(f"  charges: {'; '.join(charge_label(c) for c in doc['charges'])}")
    if doc["sentence"]:
        say(f"  sentence: {doc['sentence']}")
    if doc.get("outcome") not in (None, "custodial"):
        say(f"  outcome: {doc['outcome']}")
    if doc["expected_release"]:
        say(f"  expected release: {_span(doc['expected_release_range'])}")
    for key, label in (
        ("probation", "probation"),
        ("political_rights", "deprived of political rights"),
    ):
        v = doc.get(key)
        if v:
            say(f"  {label}: {v['term']}" + (f" until {_span(v['until'])}" if v["until"] else ""))
    for a in doc["alerts"]:
        cert = " (possible)" if a["certainty"] == "possible" else ""
        say(f"  ALERT {a['rule']}{cert}: {a['text']}")
        if a.get("basis"):
            say(f"    basis: {a['basis']['text']}")
    if doc["relations"]:
        say("people:")
        for r in doc["relations"]:
            say(
                f"  {person_line(PersonRow(Relation(**{k: r[k] for k in _REL_KEYS}), r['other_case']))}"
            )
    say("timeline:")
    for e in doc["events"]:
        extra = " · ".join(x for x in (e["place"], e["note"]) if x)
        rep = f" [reported {e['reported']}]" if e.get("reported") else ""
        say(f"  {e['date']:<24} {e['type']:<24} {extra}{rep}")
    return 0


def cmd_search(args) -> int:
    with open_dossier(args) as d:
        hits = d.search(args.query, limit=args.limit)
        names = {}
        for h in hits:
            if h.case_id and h.case_id not in names:
                names[h.case_id] = d.get_case(h.case_id).name
    if args.json:
        emit_json(
            [
                {
                    "case_id": h.case_id,
                    "case": names.get(h.case_id),
                    "kind": h.kind,
                    "ref_id": h.ref_id,
                    "text": h.snippet,
                }
                for h in hits
            ]
        )
        return 0
    for h in hits:
        say("\t".join([(h.case_id or "")[:8], names.get(h.case_id, ""), h.kind, h.snippet]))
    return 0
