"""SECURITY.md measure 6: SIGKILL of a writer at random moments, hundreds of times.

After every kill the store must open, `verify` must pass (SQLCipher page HMACs, SQLite's
integrity_check, attachment hashes, search index), every acknowledged commit must be there,
an import must be all or nothing, a passphrase change must leave exactly one of the old
and new passphrases working, and a backup must be absent or whole.

Quick run (`make test`): 30 kills in all. Full run (`make test-reliability`,
DOSSIER_RELIABILITY=full, marker `slow`): 300. The seed is printed; set
DOSSIER_RELIABILITY_SEED to replay a run.
"""

from __future__ import annotations

import csv
import os
import random
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import text

from dossier.core.errors import DossierError, UnlockError
from dossier.core.model import Case, Event, Source
from dossier.crypto import keyheader
from dossier.services import maintenance
from dossier.services.dossier import Dossier
from dossier.store.engine import key_header_path
from dossier.store.store import Store
from tests.reliability.killer import (
    PASSPHRASES,
    child_env,
    cli,
    driver,
    run_and_kill,
    run_to_end,
    stray_parts,
)

# kills per scenario: (quick, full). Quick totals 30, full totals 300.
BUDGET = {
    "events": (12, 110),
    "cli_events": (2, 20),
    "import": (4, 40),
    "passwd_cli": (2, 20),
    "passwd_loop": (2, 25),
    "rekey_cli": (2, 20),
    "share_import": (2, 20),
    "backup_cli": (2, 20),
    "backup_loop": (2, 25),
}
IMPORT_ROWS = 160  # 40 cases of 4 events each: several seconds of one transaction
SIZES = [pytest.param("quick", id="quick"), pytest.param("full", id="full", marks=pytest.mark.slow)]


def kills(scenario: str, size: str) -> int:
    quick, full = BUDGET[scenario]
    return full if size == "full" else quick


@pytest.fixture
def rng():
    seed = int(os.environ.get("DOSSIER_RELIABILITY_SEED") or random.randrange(2**32))
    print(f"seed {seed}")
    return random.Random(seed)


# --- looking at a store after a kill ---------------------------------------------------


@dataclass
class Seen:
    """What a store holds after a kill (or why it would not open)."""

    error: str | None = None
    events: set[str] = field(default_factory=set)
    cases: dict[str, str] = field(default_factory=dict)
    sources: set[str] = field(default_factory=set)
    events_per_case: dict[str, int] = field(default_factory=dict)
    counter: int = 0


def inspect(path: Path, key: bytes) -> Seen:
    """Open (repairing a header one commit behind, as open does), verify, list the ids."""
    try:
        header = keyheader.read_header(key_header_path(path))
        d = Dossier(Store.open_with_key(path, header, key))
    except DossierError as exc:
        return Seen(error=f"open: {exc}")
    try:
        rep = maintenance.verify(d)
        if not rep.ok:
            return Seen(error=f"verify: {rep.to_json()}")
        with d.store.read() as s:
            referenced = set(
                s.scalars(text("SELECT blob_id FROM attachments WHERE blob_id IS NOT NULL"))
            )
            seen = Seen(
                events=set(s.scalars(text("SELECT id FROM events"))),
                cases=dict(s.execute(text("SELECT id, name FROM cases")).all()),
                sources=set(s.scalars(text("SELECT id FROM sources"))),
                events_per_case=dict(
                    s.execute(text("SELECT case_id, count(*) FROM events GROUP BY case_id")).all()
                ),
            )
        seen.counter = int(d.store.meta()["commit_counter"])
        # The blob folder after open: exactly the blobs committed rows name (a kill during
        # an attach or an import leaves orphans; open sweeps them), no temp file.
        folder = d.store.blobs.path
        on_disk = set(os.listdir(folder)) if folder.is_dir() else set()
        if on_disk != referenced:
            return Seen(
                error=f"blob folder: {len(on_disk - referenced)} orphans or temp files, "
                f"{len(referenced - on_disk)} missing blobs"
            )
        if keyheader.read_header(key_header_path(path)).commit_counter != seen.counter:
            seen.error = "key header and store disagree after open"
        return seen
    except DossierError as exc:
        return Seen(error=f"verify: {exc}")
    finally:
        d.close()


def unlocking(path: Path) -> list[int]:
    """Which of PASSPHRASES open the store's key header now."""
    header = keyheader.read_header(key_header_path(path))
    out = []
    for i, p in enumerate(PASSPHRASES):
        try:
            keyheader.unlock(header, p)
            out.append(i)
        except UnlockError:
            pass
    return out


def new_store(folder: Path, attachment_bytes: int = 0) -> tuple[Path, bytes, str]:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "crash.db"
    d = Dossier.create(path, PASSPHRASES[0])
    try:
        case = d.add_case(Case(name="Crash base case"))
        if attachment_bytes:
            f = folder / "big.bin"
            f.write_bytes(os.urandom(attachment_bytes))
            d.add_source(Source(title="A large attachment"), [f])
            f.unlink()
        return path, d.store.data_key, case.id
    finally:
        d.close()


@dataclass
class Tally:
    """The figures of one scenario; problems are kept as text and asserted at the end."""

    kills: int = 0
    commits_acked: int = 0
    problems: list[str] = field(default_factory=list)
    lost: int = 0
    corrupt: int = 0
    partial: int = 0

    def report(self, figures, scenario: str, strays: set[str]) -> None:
        figures(
            "crash (SIGKILL)",
            kills=self.kills,
            acknowledged_commits=self.commits_acked,
            lost_commits=self.lost,
            corrupt_stores=self.corrupt,
            all_or_nothing_violations=self.partial,
            stray_part_files=len(strays),
        )
        if strays:
            print(f"{scenario}: stray temp files left by kills: {sorted(strays)[:5]}")
        assert not self.problems, f"{scenario}: " + "; ".join(self.problems[:10])

    def corrupt_store(self, where: str, error: str) -> None:
        self.corrupt += 1
        self.problems.append(f"{where}: {error}")


# --- scenarios -------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
def test_event_loop_killed(size, tmp_path, rng, figures):
    """A long-lived writer adding events, cases and attachments, killed mid-stream."""
    path, key, _case = new_store(tmp_path / "s")
    acked: dict[str, set[str]] = {"event": set(), "case": set(), "source": set()}
    t = Tally()
    for i in range(kills("events", size)):
        run = run_and_kill(
            driver("events", str(path), str(rng.randrange(2**31))),
            child_env(),
            delay=rng.uniform(0.0, 2.0 if size == "full" else 0.7),
            wait_ready=True,
        )
        assert run.killed, f"the driver stopped by itself: {run.stderr[-2000:]}"
        t.kills += 1
        t.commits_acked += len(run.acks)
        for kind, ident in run.acks:
            acked[kind].add(ident)
        seen = inspect(path, key)
        if seen.error:
            t.corrupt_store(f"kill {i}", seen.error)
            break
        for kind, present in (
            ("event", seen.events),
            ("case", set(seen.cases)),
            ("source", seen.sources),
        ):
            missing = acked[kind] - present
            if missing:
                t.lost += len(missing)
                t.problems.append(f"kill {i}: {len(missing)} acknowledged {kind}s missing")
    final = run_to_end(cli("verify", "--store", str(path)), child_env())
    assert final.returncode == 0, final.stderr
    t.report(figures, "event loop", stray_parts(path.parent))


@pytest.mark.parametrize("size", SIZES)
def test_cli_add_event_killed(size, tmp_path, rng, figures):
    """`dossier add-event` processes, one per event, killed at a random point of their run."""
    path, key, case = new_store(tmp_path / "s")
    env = child_env()
    acked: set[str] = set()
    t = Tally()

    def add(note: str, delay: float):
        argv = cli(
            "add-event",
            case,
            "--store",
            str(path),
            "--type",
            "detention",
            "--date",
            "2020-02-15",
            "--note",
            note,
        )
        return run_and_kill(argv, env, delay=delay)

    first = add("measured", 600)
    assert first.returncode == 0, first.stderr
    acked.add(first.stdout.strip())
    t_run = first.elapsed
    n = 0
    while t.kills < kills("cli_events", size):
        n += 1
        run = add(f"cli {n}", rng.uniform(0.0, 1.25 * t_run))
        if not run.killed:
            assert run.returncode == 0, run.stderr
            acked.add(run.stdout.strip())
            t.commits_acked += 1
            continue
        t.kills += 1
        seen = inspect(path, key)
        if seen.error:
            t.corrupt_store(f"kill {t.kills}", seen.error)
            break
        missing = acked - seen.events
        t.lost += len(missing)
        if missing:
            t.problems.append(f"kill {t.kills}: acknowledged events missing: {sorted(missing)}")
    t.report(figures, "cli add-event", stray_parts(path.parent))


def _import_csv(folder: Path, batch: int) -> tuple[Path, set[str]]:
    path = folder / f"import-{batch}.csv"
    names = set()
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(
            [
                "case",
                "native_name",
                "lang",
                "tags",
                "event_type",
                "date",
                "place",
                "note",
                "source_title",
            ]
        )
        for r in range(IMPORT_ROWS):
            name = f"Import {batch} case {r // 4}"
            names.add(name)
            etype = ("detention", "arrest", "trial", "release")[r % 4]
            w.writerow(
                [
                    name,
                    "王全璋",
                    "zh-Hans",
                    "imported",
                    etype,
                    f"20{10 + r % 10}-0{1 + r % 9}-1{r % 9}",
                    "Beijing",
                    f"row {r} of batch {batch}",
                    f"Source {r % 7}",
                ]
            )
    return path, names


@pytest.mark.parametrize("size", SIZES)
def test_import_killed_is_all_or_nothing(size, tmp_path, rng, figures):
    """`dossier import big.csv` killed at random: every case of the file, or none."""
    path, key, _case = new_store(tmp_path / "s")
    env = child_env()
    t = Tally()
    first_csv, _ = _import_csv(tmp_path, 0)
    first = run_to_end(cli("import", str(first_csv), "--store", str(path)), env)
    assert first.returncode == 0, first.stderr
    t_run = first.elapsed
    completed = 0
    batch = 0
    while t.kills < kills("import", size) and batch < 3 * kills("import", size):
        batch += 1
        csv_path, names = _import_csv(tmp_path, batch)
        run = run_and_kill(
            cli("import", str(csv_path), "--store", str(path)),
            env,
            delay=rng.uniform(0.0, 1.15 * t_run),
        )
        t.kills += run.killed
        if not run.killed:
            assert run.returncode == 0, run.stderr
            completed += 1
        seen = inspect(path, key)
        if seen.error:
            t.corrupt_store(f"import {batch}", seen.error)
            break
        ids = [cid for cid, name in seen.cases.items() if name in names]
        events = sum(seen.events_per_case.get(cid, 0) for cid in ids)
        whole = len(ids) == len(names) and events == IMPORT_ROWS
        if not (whole or (not ids and events == 0)):
            t.partial += 1
            t.problems.append(
                f"import {batch}: {len(ids)}/{len(names)} cases, {events}/{IMPORT_ROWS} events"
            )
        if not run.killed and not whole:
            t.lost += 1
            t.problems.append(f"import {batch} exited 0 but is not all there")
        t.commits_acked += not run.killed
    print(f"imports: {t.kills} killed, {completed} completed before the kill")
    t.report(figures, "import", stray_parts(path.parent))


@pytest.mark.parametrize("size", SIZES)
def test_passwd_killed_leaves_exactly_one_passphrase(size, tmp_path, rng, figures):
    """`dossier passwd` killed at random: the old passphrase or the new one, never both or none."""
    path, key, _case = new_store(tmp_path / "s")
    t = Tally()
    cur = 0

    def passwd(delay: float):
        nxt = (cur + 1) % len(PASSPHRASES)
        env = child_env(PASSPHRASES[cur], DOSSIER_NEW_PASSPHRASE=PASSPHRASES[nxt])
        return nxt, run_and_kill(cli("passwd", "--store", str(path)), env, delay=delay)

    nxt, first = passwd(600)
    assert first.returncode == 0, first.stderr
    cur, t_run = nxt, first.elapsed
    while t.kills < kills("passwd_cli", size):
        nxt, run = passwd(rng.uniform(0.0, 1.2 * t_run))
        t.kills += run.killed
        assert run.killed or run.returncode == 0, run.stderr
        working = unlocking(path)
        allowed = [nxt] if not run.killed else [cur, nxt]
        if len(working) != 1 or working[0] not in allowed:
            t.lost += 1
            t.problems.append(
                f"after passwd {cur}->{nxt} (killed={run.killed}): passphrases {working} open it"
            )
            break
        cur = working[0]
        t.commits_acked += not run.killed
        seen = inspect(path, key)
        if seen.error:
            t.corrupt_store("passwd", seen.error)
            break
    t.report(figures, "passwd (cli)", stray_parts(path.parent))


@pytest.mark.parametrize("size", SIZES)
def test_passwd_loop_killed(size, tmp_path, rng, figures):
    """A process changing the passphrase again and again, killed: the last acknowledged
    passphrase or the one after it opens the store, and only that one."""
    path, key, _case = new_store(tmp_path / "s")
    t = Tally()
    cur = 0
    for i in range(kills("passwd_loop", size)):
        run = run_and_kill(
            driver("passwd", str(path), str(cur)),
            child_env(),
            delay=rng.uniform(0.0, 1.5),
            wait_ready=True,
        )
        assert run.killed, run.stderr[-2000:]
        t.kills += 1
        t.commits_acked += len(run.acks)
        last = int(run.acked("passwd")[-1]) if run.acks else cur
        allowed = [last, (last + 1) % len(PASSPHRASES)]
        working = unlocking(path)
        if len(working) != 1 or working[0] not in allowed:
            t.lost += 1
            t.problems.append(f"kill {i}: last acknowledged passphrase {last}, working {working}")
            break
        cur = working[0]
        seen = inspect(path, key)
        if seen.error:
            t.corrupt_store(f"kill {i}", seen.error)
            break
    t.report(figures, "passwd (loop)", stray_parts(path.parent))


@pytest.mark.parametrize("size", SIZES)
def test_rekey_killed_leaves_exactly_one_passphrase_and_all_data(size, tmp_path, rng, figures):
    """`dossier passwd --rekey` (a new data key for every page, PRAGMA rekey) killed at
    random: exactly one of the old and new passphrases opens the store, it verifies, and
    every record is still there."""
    path, _key, _case = new_store(tmp_path / "s", attachment_bytes=3 << 20)
    t = Tally()
    cur = 0

    def rekey(delay: float):
        nxt = (cur + 1) % len(PASSPHRASES)
        env = child_env(PASSPHRASES[cur], DOSSIER_NEW_PASSPHRASE=PASSPHRASES[nxt])
        return nxt, run_and_kill(cli("passwd", "--rekey", "--store", str(path)), env, delay=delay)

    def opening() -> tuple[list[int], str | None, int]:
        """Which passphrases open the store (through Store.open, which finishes an
        interrupted rekey), and what the one that opens it sees."""
        works, error, sources = [], None, -1
        for i in (cur, (cur + 1) % len(PASSPHRASES), (cur + 2) % len(PASSPHRASES)):
            try:
                d = Dossier.open(path, PASSPHRASES[i])
            except UnlockError:
                continue
            except DossierError as exc:
                error = f"passphrase {i}: {exc}"
                continue
            works.append(i)
            try:
                rep = maintenance.verify(d)
                error = error or (None if rep.ok else f"verify: {rep.to_json()}")
                sources = d.source_count()
            finally:
                d.close()
        return works, error, sources

    nxt, first = rekey(600)
    assert first.returncode == 0, first.stderr
    cur, t_run = nxt, first.elapsed
    while t.kills < kills("rekey_cli", size):
        span = rng.uniform(0.6, 1.05) if rng.random() < 0.5 else rng.uniform(0.0, 1.2)
        nxt, run = rekey(span * t_run)
        t.kills += run.killed
        assert run.killed or run.returncode == 0, run.stderr
        works, error, sources = opening()
        if error:
            t.corrupt_store(f"rekey {cur}->{nxt} (killed={run.killed})", error)
            break
        allowed = [nxt] if not run.killed else [cur, nxt]
        if len(works) != 1 or works[0] not in allowed or sources != 1:
            t.lost += 1
            t.problems.append(
                f"rekey {cur}->{nxt} (killed={run.killed}): passphrases {works} open it, "
                f"{sources} sources"
            )
            break
        cur = works[0]
        t.commits_acked += not run.killed
    t.report(figures, "passwd --rekey (cli)", stray_parts(path.parent))


@pytest.mark.parametrize("size", SIZES)
def test_share_import_killed_is_all_or_nothing(size, tmp_path, rng, figures):
    """`dossier share import FILE` killed at random: the share's new cases all arrive or
    none do, and the store opens and verifies."""
    sharing = pytest.importorskip("dossier.services.sharing")
    sender_path, _k, _c = new_store(tmp_path / "alice")
    path, key, _case = new_store(tmp_path / "bob")
    with Dossier.open(path, PASSPHRASES[0]) as bob:
        me = sharing.create_identity(bob).recipient
    env = child_env()
    t = Tally()
    batch = 0
    alice = Dossier.open(sender_path, PASSPHRASES[0])
    sharing.create_identity(alice)

    def next_share() -> tuple[Path, set[str]]:
        nonlocal batch
        batch += 1
        names = {f"Shared {batch} case {i}" for i in range(8)}
        for name in sorted(names):
            c = alice.add_case(Case(name=name, tags=["shared"]))
            alice.add_event(c.id, Event(type="detention", date="2019-05-0" + str(1 + batch % 9)))
        out = tmp_path / f"share-{batch}.age"
        sharing.export_share(alice, out, None, to=[me])
        return out, names

    def importing(share: Path, delay: float):
        argv = cli("share", "import", str(share), "--accept-unknown-signer", "--store", str(path))
        return run_and_kill(argv, env, delay=delay)

    share, _names = next_share()
    first = importing(share, 600)
    assert first.returncode == 0, first.stderr
    t_run = first.elapsed
    while t.kills < kills("share_import", size):
        share, names = next_share()
        run = importing(share, rng.uniform(0.2, 1.05) * t_run)
        t.kills += run.killed
        seen = inspect(path, key)
        if seen.error:
            t.corrupt_store(f"share import {batch}", seen.error)
            break
        present = {n for n in seen.cases.values() if n in names}
        if present and present != names:
            t.partial += 1
            t.problems.append(f"share import {batch}: {len(present)}/{len(names)} new cases")
        if not run.killed and present != names:
            t.lost += 1
            t.problems.append(f"share import {batch} exited {run.returncode} but is not all there")
        t.commits_acked += not run.killed
    alice.close()
    t.report(figures, "share import", stray_parts(path.parent))


def _backup_state(out: Path, key: bytes) -> str:
    """ "none", "whole", or what is wrong with the backup at `out`."""
    hdr = key_header_path(out)
    if not out.exists():
        return "none" if not hdr.exists() else "none (a stray key header)"
    if not hdr.exists():
        return "a backup without its key header"
    seen = inspect(out, key)
    return seen.error or "whole"


@pytest.mark.parametrize("size", SIZES)
def test_backup_killed_is_absent_or_whole(size, tmp_path, rng, figures):
    """`dossier backup -o FILE` killed at random: FILE is absent, or whole and openable."""
    path, key, _case = new_store(tmp_path / "s", attachment_bytes=4 << 20)
    outdir = tmp_path / "out"
    outdir.mkdir()
    env = child_env()
    t = Tally()
    stray_headers = 0
    first = run_to_end(cli("backup", "-o", str(outdir / "first.db"), "--store", str(path)), env)
    assert first.returncode == 0, first.stderr
    t_run = first.elapsed
    for i in range(kills("backup_cli", size) * 3):
        if t.kills >= kills("backup_cli", size):
            break
        out = outdir / f"cli-{i}.db"
        run = run_and_kill(
            cli("backup", "-o", str(out), "--store", str(path)),
            env,
            delay=rng.uniform(0.0, 1.2 * t_run),
        )
        t.kills += run.killed
        state = _backup_state(out, key)
        stray_headers += state == "none (a stray key header)"
        if not run.killed and state != "whole":
            t.lost += 1
            t.problems.append(
                f"backup {i} exited {run.returncode} but is {state}: {run.stderr[-300:]}"
            )
        elif state not in ("none", "whole", "none (a stray key header)"):
            t.corrupt_store(f"backup {i}", state)
        t.commits_acked += not run.killed
        seen = inspect(path, key)
        if seen.error:
            t.corrupt_store("the store itself", seen.error)
            break
    print(f"backups: {stray_headers} killed backups left a key header without its store file")
    t.report(figures, "backup (cli)", stray_parts(path.parent, outdir))


@pytest.mark.parametrize("size", SIZES)
def test_backup_loop_killed(size, tmp_path, rng, figures):
    """Backups and commits interleaved in one process, killed: every acknowledged backup is
    whole, the one in flight is absent or whole, the store has every acknowledged event."""
    path, key, _case = new_store(tmp_path / "s", attachment_bytes=2 << 20)
    outdir = tmp_path / "out"
    outdir.mkdir()
    t = Tally()
    events: set[str] = set()
    checked: set[Path] = set()
    for i in range(kills("backup_loop", size)):
        run = run_and_kill(
            driver("backup", str(path), str(outdir)),
            child_env(),
            delay=rng.uniform(0.0, 1.5),
            wait_ready=True,
        )
        assert run.killed, run.stderr[-2000:]
        t.kills += 1
        t.commits_acked += len(run.acks)
        events |= set(run.acked("event"))
        acked_backups = {Path(p) for p in run.acked("backup")}
        candidates = {p for p in outdir.glob("backup-*.db")} | acked_backups
        for out in sorted(candidates - checked):
            state = _backup_state(out, key)
            if out in acked_backups and state != "whole":
                t.lost += 1
                t.problems.append(f"acknowledged backup {out.name} is {state}")
            elif state not in ("none", "whole", "none (a stray key header)"):
                t.corrupt_store(out.name, state)
            checked.add(out)
        seen = inspect(path, key)
        if seen.error:
            t.corrupt_store(f"kill {i}", seen.error)
            break
        missing = events - seen.events
        t.lost += len(missing)
        if missing:
            t.problems.append(f"kill {i}: {len(missing)} acknowledged events missing")
    t.report(figures, "backup (loop)", stray_parts(path.parent, outdir))
