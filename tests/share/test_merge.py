"""The merge rule (share/merge.py) on plain objects: examples, then hypothesis properties.

Properties (SECURITY.md item 13): importing the same content twice changes nothing the
second time; no record and no field is lost (every local and every incoming record is
still there afterwards — merged, kept, or as a kept-both copy); imports of disjoint
changes commute.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.core.model import Ask, Attachment, Case, Event, Name, Relation, Source
from dossier.share.merge import (
    Changes,
    LocalState,
    Resolution,
    Status,
    plan,
    resolve,
)
from dossier.share.units import PROTECTED_TITLE, Units, content, content_hash, kind_of, views

# --- an in-memory store ------------------------------------------------------------------------


@dataclass
class World:
    units: dict = field(default_factory=dict)  # (kind, id) -> unit (cases without children)
    synced: dict = field(default_factory=dict)
    dismissed: dict = field(default_factory=dict)

    def put(self, unit) -> None:
        u = copy.deepcopy(unit)
        if isinstance(u, Case):
            u.events, u.relations, u.asks = [], [], []
        if isinstance(u, Source):
            u.attachments = []
        self.units[(kind_of(u), u.id)] = u

    def children(self, kind: str, case_id: str) -> list:
        return [
            copy.deepcopy(u)
            for (k, _), u in self.units.items()
            if k == kind and u.case_id == case_id
        ]

    def local_for(self, incoming: Units) -> LocalState:
        """What services/local.py loads from a store, from this world."""
        st = LocalState()
        case_ids = set()
        for uid, u in incoming.by_id.items():
            key = (kind_of(u), uid)
            if key in self.units:
                st.units[key] = copy.deepcopy(self.units[key])
                if key[0] in ("relation", "ask"):
                    case_ids.add(self.units[key].case_id)
            if key[0] == "case":
                case_ids.add(uid)
        for cid in case_ids:
            if ("case", cid) in self.units:
                c = copy.deepcopy(self.units[("case", cid)])
                c.relations, c.asks = self.children("relation", cid), self.children("ask", cid)
                st.cases[cid] = c
                st.units[("case", cid)] = c
                for x in (*c.relations, *c.asks):
                    st.units[(kind_of(x), x.id)] = x
        st.source_sensitivity = {
            uid: u.sensitivity for (k, uid), u in self.units.items() if k == "source"
        }
        st.synced = copy.deepcopy(self.synced)
        st.dismissed = copy.deepcopy(self.dismissed)
        return st

    def apply(self, ch: Changes) -> None:
        for case in ch.cases.values():
            for kind in ("relation", "ask"):
                for k, uid in [
                    key for key, u in self.units.items() if key[0] == kind and u.case_id == case.id
                ]:
                    del self.units[(k, uid)]
            for x in (*case.relations, *case.asks):
                self.put(x)
            self.put(case)
        for unit in (*ch.events, *ch.sources, *ch.organisations):
            self.put(unit)
        for att_id in ch.removed_attachments:
            del self.units[("attachment", att_id)]
        for att, _member in ch.attachments:
            self.put(att)
        for m in ch.marks:
            (self.synced if m.action == "synced" else self.dismissed).setdefault(
                (m.kind, m.id), set()
            ).add(m.hash)

    def merge(self, incoming: Units, ancestors: dict, resolutions=None, audience="internal"):
        p = plan(incoming, ancestors, self.local_for(incoming), audience)
        ch = resolve(p, resolutions)
        self.apply(ch)
        return p, ch


def units_of(cases: list[Case], sources: list[Source]) -> Units:
    return Units.of_bundle(cases, sources, [])


# --- examples ------------------------------------------------------------------------------------


def _case(**kw) -> Case:
    c = Case(
        id="c0000000-0000-4000-8000-000000000001",
        name="Wang Quanzhang",
        names=[Name("王全璋", "zh-Hans")],
        tags=["lawyers"],
    )
    for k, v in kw.items():
        setattr(c, k, v)
    return c


def _event(**kw) -> Event:
    e = Event(
        id="e0000000-0000-4000-8000-000000000001",
        case_id=_case().id,
        type="disappearance",
        date="2015-08-03",
        seq=1,
    )
    for k, v in kw.items():
        setattr(e, k, v)
    return e


def test_new_same_update_mine_conflict():
    w = World()
    base_case, base_event = _case(), _event()
    w.put(base_case)
    w.put(base_event)
    # both sides synced the base version
    for u in (base_case, base_event):
        w.synced[(kind_of(u), u.id)] = {content_hash(u)}
    theirs_case = _case(summary="their summary")  # changed only on their side
    theirs_event = _event(note="their note")
    theirs_case.events = [theirs_event]
    new_event = _event(id="e0000000-0000-4000-8000-000000000002", note="new", seq=2)
    theirs_case.events.append(new_event)
    anc = {base_case.id: {content_hash(base_case)}, base_event.id: {content_hash(base_event)}}
    p, ch = w.merge(units_of([theirs_case], []), anc)
    status = {d.id: d.status for d in p.decisions}
    assert status == {
        base_case.id: Status.UPDATE,
        base_event.id: Status.UPDATE,
        new_event.id: Status.NEW,
    }
    assert w.units[("case", base_case.id)].summary == "their summary"
    # now both change the event: a conflict, kept as both by default
    mine = copy.deepcopy(w.units[("event", base_event.id)])
    mine.note = "my note"
    w.put(mine)
    theirs2 = _event(note="their second note")
    c2 = _case(summary="their summary")
    c2.events = [theirs2]
    p, ch = w.merge(units_of([c2], []), {base_event.id: {content_hash(theirs_event)}})
    (d,) = [d for d in p.decisions if d.id == base_event.id]
    assert d.status == Status.CONFLICT and d.fields == ["note"]
    (o,) = [o for o in ch.outcomes if o.id == base_event.id]
    assert o.resolution == "both" and o.copy_id
    assert w.units[("event", base_event.id)].note == "my note"
    assert w.units[("event", o.copy_id)].note == "their second note"
    # the same content again: nothing changes
    p, ch = w.merge(
        units_of([copy.deepcopy(c2)], []), {base_event.id: {content_hash(theirs_event)}}
    )
    assert ch.is_empty() and not ch.marks


def test_taking_theirs_never_drops_my_names_tags_or_sources():
    w = World()
    mine = _case(tags=["lawyers", "709"], names=[Name("王全璋", "zh-Hans"), Name("Wang", "en")])
    w.put(mine)
    theirs = _case(tags=["lawyers"], names=[Name("王全璋", "zh-Hans")], summary="new")
    p, ch = w.merge(units_of([theirs], []), {mine.id: views(mine, lambda s: None)})
    assert p.decisions[0].status == Status.UPDATE
    final = w.units[("case", mine.id)]
    assert final.summary == "new" and set(final.tags) == {"lawyers", "709"}
    assert [n.value for n in final.names] == ["王全璋", "Wang"]


def test_redacted_views_are_recognised():
    """A diplomatic share of my event lacks a restricted source; when it comes back
    unchanged it is mine (older), and when it comes back edited it is an update that
    keeps my hidden citation."""
    w = World()
    src_public = Source(id="50000000-0000-4000-8000-000000000001", title="RFA")
    src_secret = Source(
        id="50000000-0000-4000-8000-000000000002", title="Notes", sensitivity="restricted"
    )
    for s in (src_public, src_secret):
        w.put(s)
    mine = _event(source_ids=[src_public.id, src_secret.id])
    w.put(mine)
    w.put(_case())
    shared = _event(source_ids=[src_public.id])  # what a public share carried
    c = _case()
    c.events = [shared]
    p, ch = w.merge(units_of([c], []), {})
    assert {d.id: d.status for d in p.decisions}[mine.id] == Status.MINE
    edited = _event(source_ids=[src_public.id], note="added by a colleague")
    c.events = [edited]
    p, ch = w.merge(units_of([c], []), {mine.id: {content_hash(shared)}})
    assert {d.id: d.status for d in p.decisions}[mine.id] == Status.UPDATE
    final = w.units[("event", mine.id)]
    assert final.note == "added by a colleague"
    assert final.source_ids == [src_public.id, src_secret.id]


def test_a_redacted_protected_source_never_replaces_mine():
    w = World()
    mine = Source(id="50000000-0000-4000-8000-000000000003", title="Lawyer X", protected=True)
    w.put(mine)
    stub = Source(id=mine.id, title=PROTECTED_TITLE, protected=True, reliability="B")
    p, ch = w.merge(units_of([], [stub]), {mine.id: views(mine, lambda s: None)}, audience="public")
    assert p.decisions[0].status == Status.MINE
    assert w.units[("source", mine.id)].title == "Lawyer X"


def test_resolutions_mine_and_theirs():
    for res, expected in ((Resolution.MINE, "mine"), (Resolution.THEIRS, "theirs")):
        w = World()
        w.put(_case(summary="mine"))
        theirs = _case(summary="theirs")
        key = ("case", theirs.id)
        p, ch = w.merge(units_of([theirs], []), {}, {key: res})
        assert p.decisions[0].status == Status.CONFLICT
        assert w.units[key].summary == expected
        assert len([k for k in w.units if k[0] == "case"]) == 1
        # decided once: the same version again is not asked about again
        p, ch = w.merge(units_of([copy.deepcopy(theirs)], []), {})
        assert p.decisions[0].status in (Status.MINE, Status.SAME)


def test_a_relation_never_moves_to_another_case_silently():
    w = World()
    w.put(_case())
    other = _case(id="c0000000-0000-4000-8000-000000000002", name="Li Heping")
    w.put(other)
    rel = Relation(
        id="70000000-0000-4000-8000-000000000001", case_id=other.id, name="Wang Qiaoling"
    )
    w.put(rel)
    theirs_case = _case()
    theirs_case.relations = [Relation(id=rel.id, case_id=theirs_case.id, name="Wang Qiaoling")]
    p, ch = w.merge(
        units_of([theirs_case], []),
        {rel.id: {content_hash(rel)}},
        {("relation", rel.id): Resolution.THEIRS},
    )
    assert w.units[("relation", rel.id)].case_id == other.id
    (o,) = [o for o in ch.outcomes if o.id == rel.id]
    assert o.resolution == "both" and w.units[("relation", o.copy_id)].case_id == theirs_case.id


def test_a_lawyers_role_counts_only_when_set_and_a_new_role_is_a_change():
    """Schema 4: a relation without a role hashes as before; a colleague's new role for a
    lawyer is a change, not the same content."""
    plain = Relation(
        id="70000000-0000-4000-8000-000000000002", case_id="c1", name="Lin Qilei", relation="lawyer"
    )
    assert "role" not in content(plain)
    with_role = copy.deepcopy(plain)
    with_role.role = "disbarred"
    assert content(with_role)["role"] == "disbarred" and content_hash(with_role) != content_hash(
        plain
    )


# --- properties ----------------------------------------------------------------------------------

IDS = [f"{i:08x}-0000-4000-8000-000000000000" for i in range(1, 40)]
WORDS = st.sampled_from(["a", "b", "c"])
MAYBE = st.one_of(st.none(), WORDS)


def _edit(data, unit):
    u = copy.deepcopy(unit)
    if isinstance(u, Case):
        choice = data.draw(st.sampled_from(["summary", "tags", "names"]))
        if choice == "summary":
            u.summary = data.draw(MAYBE)
        elif choice == "tags":
            u.tags = data.draw(st.lists(WORDS, unique=True, max_size=3))
        else:
            u.names = [
                Name(v, "zh-Hans") for v in data.draw(st.lists(WORDS, unique=True, max_size=2))
            ]
    elif isinstance(u, Event):
        choice = data.draw(st.sampled_from(["note", "date", "sources"]))
        if choice == "note":
            u.note = data.draw(MAYBE)
        elif choice == "date":
            u.date = data.draw(st.sampled_from(["2015", "2016-01", "2017-02-03"]))
        else:
            u.source_ids = data.draw(st.lists(st.sampled_from(SOURCE_IDS), unique=True, max_size=2))
    elif isinstance(u, Relation):
        u.note = data.draw(MAYBE)
    elif isinstance(u, Ask):
        u.text = data.draw(WORDS)
    elif isinstance(u, Source):
        u.note = data.draw(MAYBE)
    elif isinstance(u, Attachment):
        u.filename = data.draw(WORDS) + ".pdf"
    return u


SOURCE_IDS = IDS[30:33]


def _base(data) -> list:
    """Base records both sides once had: sources (with attachments) and cases."""
    out = []
    ids = iter(IDS)
    for sid in SOURCE_IDS[: data.draw(st.integers(0, 2))]:
        out.append(
            Source(
                id=sid, title="s", sensitivity=data.draw(st.sampled_from(["public", "restricted"]))
            )
        )
        if data.draw(st.booleans()):
            out.append(
                Attachment(id=next(ids), source_id=sid, filename="f.pdf", size=1, sha256="0" * 64)
            )
    for _ in range(data.draw(st.integers(1, 2))):
        c = Case(id=next(ids), name="Wang", tags=["x"])
        out.append(c)
        for _ in range(data.draw(st.integers(0, 3))):
            out.append(Event(id=next(ids), case_id=c.id, type="other", date="2015"))
        for _ in range(data.draw(st.integers(0, 1))):
            out.append(Relation(id=next(ids), case_id=c.id, name="r"))
        for _ in range(data.draw(st.integers(0, 1))):
            out.append(Ask(id=next(ids), case_id=c.id, text="t"))
    return out


def _bundle(units: list) -> Units:
    cases = {u.id: copy.deepcopy(u) for u in units if isinstance(u, Case)}
    sources = {u.id: copy.deepcopy(u) for u in units if isinstance(u, Source)}
    for c in cases.values():
        c.events, c.relations, c.asks = [], [], []
    for s in sources.values():
        s.attachments = []
    for u in units:
        if isinstance(u, Event):
            cases[u.case_id].events.append(u)
        elif isinstance(u, Relation):
            cases[u.case_id].relations.append(u)
        elif isinstance(u, Ask):
            cases[u.case_id].asks.append(u)
        elif isinstance(u, Attachment):
            sources[u.source_id].attachments.append(u)
    return units_of(list(cases.values()), list(sources.values()))


def _scenario(data):
    base = _base(data)
    w = World()
    incoming, anc = [], {}
    for u in base:
        key = (kind_of(u), u.id)
        parent_ok = not isinstance(u, Event | Relation | Ask) or ("case", u.case_id) in w.units
        mine = _edit(data, u) if data.draw(st.booleans()) else u
        local_has = parent_ok and (isinstance(u, Case | Source) or data.draw(st.integers(0, 4)) > 0)
        if isinstance(u, Attachment):
            local_has = ("source", u.source_id) in w.units and local_has
        if local_has:
            w.put(mine)
            if data.draw(st.booleans()):
                w.synced.setdefault(key, set()).add(content_hash(u))
        how = data.draw(st.sampled_from(["base", "edit", "edit_mine", "same_as_mine", "absent"]))
        if how == "absent" and not isinstance(u, Case | Source):
            continue
        if (
            how == "base"
            or (how in ("edit_mine", "same_as_mine") and not local_has)
            or how == "absent"
        ):
            theirs = u
        elif how == "edit":
            theirs = _edit(data, u)
        elif how == "edit_mine":
            theirs = _edit(data, mine)
            anc.setdefault(u.id, set()).add(content_hash(mine))
        else:
            theirs = mine
        if data.draw(st.booleans()):
            anc.setdefault(u.id, set()).add(content_hash(u))
        incoming.append(copy.deepcopy(theirs))
    # a new case of theirs, with an event
    new_case = Case(id=IDS[35], name="Li", tags=["y"])
    incoming += [new_case, Event(id=IDS[36], case_id=new_case.id, type="other", date="2016")]
    bundle = _bundle(incoming)
    conflicts_res = data.draw(st.sampled_from(list(Resolution)))
    return w, bundle, anc, conflicts_res


def _resolutions(w: World, bundle: Units, anc, res) -> dict:
    p = plan(bundle, anc, w.local_for(bundle), "internal")
    return {d.key: res for d in p.of_status(Status.CONFLICT)}


PROPS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPS
@given(st.data())
def test_importing_the_same_content_twice_changes_nothing_the_second_time(data):
    w, bundle, anc, res = _scenario(data)
    w.merge(bundle, anc, _resolutions(w, bundle, anc, res))
    before = copy.deepcopy(w.units)
    p, ch = w.merge(copy.deepcopy(bundle), anc, _resolutions(w, bundle, anc, res))
    assert ch.is_empty() and not ch.removed_attachments, [(d.kind, d.status) for d in p.decisions]
    assert not ch.marks
    assert w.units == before


@PROPS
@given(st.data())
def test_no_record_or_field_is_ever_lost(data):
    w, bundle, anc, res = _scenario(data)
    mine_before = copy.deepcopy(w.units)
    p, ch = w.merge(bundle, anc, _resolutions(w, bundle, anc, res))
    outcome = {(o.kind, o.id): o for o in ch.outcomes}
    decided = {d.key: d for d in p.decisions}
    for key, mine in mine_before.items():  # every local record is still there ...
        assert key in w.units, key
        final = w.units[key]
        if content(final) != content(mine):  # ... changed only by an update or "take theirs"
            d = decided[key]
            assert d.status == Status.UPDATE or outcome[key].resolution == "theirs", (key, d.status)
        if isinstance(mine, Case):  # ... and list fields keep every element
            assert set(mine.tags) <= set(final.tags)
            assert {(n.value, n.lang) for n in mine.names} <= {
                (n.value, n.lang) for n in final.names
            }
        if (
            isinstance(mine, Event)
            and decided.get(key, None)
            and decided[key].status == Status.UPDATE
        ):
            assert set(mine.source_ids) <= set(final.source_ids)
    for uid, theirs in bundle.by_id.items():  # every incoming record is there, kept, or decided
        key = (kind_of(theirs), uid)
        d, o = decided[key], outcome[key]
        if d.status in (Status.NEW, Status.SAME):
            assert content(w.units[key]) == content(theirs)
        elif d.status == Status.UPDATE or o.resolution == "theirs":
            got = content(w.units[key])
            for k, v in content(theirs).items():
                if k not in ("tags", "names", "source_ids", "organisation_ids"):
                    assert got[k] == v, (key, k)
        elif o.resolution == "both":
            assert content(w.units[(key[0], o.copy_id)]) == content(theirs)
        else:  # kept mine: theirs is older, already decided, or the user chose mine
            assert d.status == Status.MINE or o.resolution == "mine"


def _groups(bundle: Units) -> list[set[str]]:
    """Top-level records with their children (a share always carries them together)."""
    groups: dict[str, set[str]] = {}
    for uid, u in bundle.by_id.items():
        top = getattr(u, "case_id", None) or getattr(u, "source_id", None) or uid
        groups.setdefault(top, set()).add(uid)
    return list(groups.values())


@PROPS
@given(st.data())
def test_disjoint_imports_commute(data):
    w, bundle, anc, _res = _scenario(data)
    groups = _groups(bundle)
    cut = data.draw(st.integers(0, len(groups)))
    parts = [set().union(*groups[:cut]), set().union(*groups[cut:])]

    def sub(keep: set[str]) -> Units:
        return Units({uid: u for uid, u in bundle.by_id.items() if uid in keep})

    def shape(world: World) -> tuple:
        """Records by id; kept-both copies (fresh random ids) by content only."""
        known = {uid for _, uid in w.units} | set(bundle.by_id)
        by_id = sorted(
            (k, uid, repr(content(u))) for (k, uid), u in world.units.items() if uid in known
        )
        copies = sorted(
            (k, repr(content(u))) for (k, uid), u in world.units.items() if uid not in known
        )
        return by_id, copies

    shapes = []
    for order in ((0, 1), (1, 0)):
        ww = copy.deepcopy(w)
        for i in order:
            ww.merge(sub(parts[i]), anc)  # conflicts are kept as both
        shapes.append(shape(ww))
    assert shapes[0] == shapes[1]
