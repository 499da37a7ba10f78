"""The derive processes (services/day_facts.py): the same facts as the thread path,
reloading only what changed after an edit, the key never in a child's argv or
environment, and no process left once the store is locked or closed."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import pytest

from dossier.core.model import Case, Event, Name
from dossier.services import bulk, day_facts

PAST = date(2018, 2, 3)
TYPES = [
    "detention",
    "rsdl",
    "arrest",
    "indictment",
    "trial",
    "verdict",
    "release",
    "disappearance",
    "lawyer_denied",
    "lawyer_visit",
    "house_arrest",
]


def _cases(n: int, seed: int = 7) -> list[Case]:
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        evs = []
        for _ in range(rnd.randint(0, 6)):
            y, m = rnd.randint(2012, 2019), rnd.randint(1, 12)
            day = f"{y}-{m:02d}" if rnd.random() < 0.2 else f"{y}-{m:02d}-{rnd.randint(1, 28):02d}"
            t = rnd.choice(TYPES)
            evs.append(Event(type=t, date=day, sentence="P4Y" if t == "verdict" else None))
        out.append(Case(name=f"Case {i:04d}", names=[Name(f"案{i}", "zh-Hans")], events=evs))
    return out


@pytest.fixture
def many(dossier, monkeypatch):
    monkeypatch.setattr(day_facts, "MIN_CASES", 50)
    monkeypatch.setattr(day_facts, "FIRST_SLICE", 20)
    monkeypatch.setattr(day_facts, "SLICE", 60)
    bulk.add_cases(dossier, _cases(300), validate_records=False)
    yield dossier
    dossier.lists.processes.stop()


def _thread_path(d, day):
    d.lists.processes._broken = True  # as if processes could not start
    try:
        d.lists._day_facts = None
        return d.list_rows(day)
    finally:
        d.lists.processes._broken = False
        d.lists._day_facts = None


def test_processes_give_the_same_rows_as_the_thread(many):
    slices = []
    rows = many.list_rows(PAST, on_chunk=lambda rs: slices.append(len(rs)))
    assert many.lists.processes._procs, "the processes ran"
    assert rows == _thread_path(many, PAST)
    assert sum(slices) == 300 and 20 in slices  # the rows on screen: a slice of their own


def test_after_an_edit_the_processes_reload_that_case(many, monkeypatch):
    many.list_rows(PAST)
    victim = many.list_rows(PAST)[5]
    many.add_event(victim.id, Event(type="disappearance", date="2017-01-01"))
    sent = []
    for pr in many.lists.processes._procs:
        real = pr.conn.send
        monkeypatch.setattr(pr.conn, "send", lambda m, real=real: sent.append(m) or real(m))
    rows = many.list_rows(PAST)
    loads = [m for m in sent if m[0] == "load"]
    assert loads and all(m[1] == [victim.id] for m in loads)  # only what changed
    assert rows == _thread_path(many, PAST)
    assert next(r for r in rows if r.id == victim.id).status == "disappeared"


def _children() -> list[int]:
    import multiprocessing

    return [p.pid for p in multiprocessing.active_children()]


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc")
def test_the_key_never_reaches_a_childs_argv_or_environment(many):
    many.list_rows(PAST)
    key = many.store.data_key
    pids = [pr.process.pid for pr in many.lists.processes._procs]
    assert pids
    for pid in pids:
        for what in ("cmdline", "environ"):
            try:
                raw = Path(f"/proc/{pid}/{what}").read_bytes()
            except PermissionError:  # not dumpable (core.hardening): unreadable, better still
                continue
            assert key not in raw
            assert key.hex().encode() not in raw and key.hex().upper().encode() not in raw


def test_no_process_after_close(many):
    many.list_rows(PAST)
    procs = [pr.process for pr in many.lists.processes._procs]
    assert procs and all(p.is_alive() for p in procs)
    many.close()
    assert not any(p.is_alive() for p in procs)


def test_small_lists_stay_on_the_thread(dossier):
    bulk.add_cases(dossier, _cases(10), validate_records=False)
    dossier.list_rows(PAST)
    assert not dossier.lists.processes._procs


def test_a_big_list_warms_the_processes_later_and_never_after_close(many):
    many.list_rows()  # today's whole list: the processes start a moment later
    timer = many.lists.processes._timer
    assert timer is not None
    timer.join(10)
    assert many.lists.processes._procs
    many.close()
    many.lists.processes.warm_later(0)
    many.lists.processes.warm()
    assert not many.lists.processes._procs
