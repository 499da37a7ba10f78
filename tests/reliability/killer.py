"""The SIGKILL harness: real writer processes, killed at random moments.

Two kinds of victims:

* `python -m dossier ...` commands exactly as a researcher runs them (add-event, import,
  passwd, backup): killed after a random delay drawn over the command's own running time.
* long-lived drivers (this file run as a script: `python killer.py MODE STORE ...`) that
  open the store once and loop over a service call, so one process start buys hundreds of
  commits. A driver prints `ready` once the store is open, then `ack <kind> <id>` for each
  change, flushed only AFTER the service call returned -- the same promise the CLI makes
  when it prints an id. The harness waits for `ready`, sleeps a random time and kills.

After every kill the test opens the store in-process (`check_store`) and compares it
with what was acknowledged. Nothing here knows the answers: the store is the witness.
"""

from __future__ import annotations

import os
import random
import selectors
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PASSPHRASES = ("crash pass zero 零", "crash pass one 一", "crash pass two 二")
ATTACHMENT_BYTES = 300 * 1024


@dataclass
class Run:
    """One victim process: what it acknowledged, and whether we killed it."""

    acks: list[tuple[str, str]] = field(default_factory=list)
    returncode: int | None = None
    killed: bool = False
    elapsed: float = 0.0
    stdout: str = ""
    stderr: str = ""

    def acked(self, kind: str) -> list[str]:
        return [ident for k, ident in self.acks if k == kind]


def child_env(passphrase: str = PASSPHRASES[0], **extra: str) -> dict[str, str]:
    """The environment of a victim: fast (secure-minimum) KDF, passphrase from the env."""
    env = dict(os.environ)
    env.update(
        DOSSIER_PASSPHRASE=passphrase,
        DOSSIER_KDF_FAST="1",
        PYTHONUNBUFFERED="1",
        PYTHONPATH=str(REPO / "src") + os.pathsep + env.get("PYTHONPATH", ""),
    )
    env.update(extra)
    return env


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "dossier", *args]


def driver(mode: str, *args: str) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), mode, *args]


def run_and_kill(
    argv: list[str],
    env: dict[str, str],
    *,
    delay: float,
    wait_ready: bool = False,
    timeout: float = 120.0,
) -> Run:
    """Start `argv`; `delay` seconds after start (or after its `ready` line), SIGKILL it
    unless it has already finished. Returns its acknowledgements and exit status."""
    with tempfile.TemporaryFile() as err:
        start = time.monotonic()
        proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=err, env=env, cwd=REPO)
        assert proc.stdout is not None
        buf = b""
        sel = selectors.DefaultSelector()
        sel.register(proc.stdout, selectors.EVENT_READ)
        try:
            deadline = start + timeout
            if wait_ready:
                while b"ready\n" not in buf and time.monotonic() < deadline:
                    if sel.select(timeout=0.5):
                        chunk = os.read(proc.stdout.fileno(), 65536)
                        if not chunk:
                            break
                        buf += chunk
                if b"ready\n" not in buf:
                    proc.kill()
                    proc.wait()
                    err.seek(0)
                    raise RuntimeError(
                        f"driver never became ready: {argv[2:4]} {err.read().decode(errors='replace')[-2000:]}"
                    )
            kill_at = time.monotonic() + delay
            # Keep draining stdout while we wait, so a chatty victim never blocks on a pipe.
            while time.monotonic() < kill_at and proc.poll() is None:
                if sel.select(timeout=max(0.0, min(0.05, kill_at - time.monotonic()))):
                    chunk = os.read(proc.stdout.fileno(), 65536)
                    if chunk:
                        buf += chunk
            run = Run()
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                run.killed = True
            rest = proc.stdout.read()
            proc.wait(timeout=timeout)
        finally:
            sel.close()
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        run.elapsed = time.monotonic() - start
        run.returncode = proc.returncode
        err.seek(0)
        run.stderr = err.read().decode("utf-8", errors="replace")
    run.stdout = (buf + rest).decode("utf-8", errors="replace")
    for line in run.stdout.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] == "ack":
            run.acks.append((parts[1], parts[2]))
    return run


def run_to_end(argv: list[str], env: dict[str, str], timeout: float = 300.0) -> Run:
    """Run a victim without killing it (to measure how long it takes)."""
    start = time.monotonic()
    res = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=REPO, timeout=timeout)
    run = Run(
        returncode=res.returncode,
        elapsed=time.monotonic() - start,
        stdout=res.stdout,
        stderr=res.stderr,
    )
    return run


def stray_parts(*folders: Path) -> set[str]:
    """Temp files a killed writer left behind (`.part` and their SQLite companions)."""
    out: set[str] = set()
    for folder in folders:
        if folder.is_dir():
            out |= {str(p) for p in folder.iterdir() if ".part" in p.name}
    return out


# --- the drivers (run in the victim process) -------------------------------------------


def _drive_events(store: str, seed: str) -> None:
    """Loop: mostly add_event, sometimes add_case or add_source with an attachment."""
    from dossier.core.model import Case, Event, Source
    from dossier.services.dossier import Dossier

    rng = random.Random(int(seed))
    d = Dossier.open(store, os.environ["DOSSIER_PASSPHRASE"])
    cases = d.all_case_ids()
    work = Path(store).parent / f"att-{seed}"
    work.mkdir(exist_ok=True)
    print("ready", flush=True)
    for i in range(1_000_000):
        roll = rng.random()
        if roll < 0.08 or not cases:
            c = d.add_case(Case(name=f"Crash case {seed}-{i}", tags=["crash"]))
            cases.append(c.id)
            print(f"ack case {c.id}", flush=True)
        elif roll < 0.14:
            f = work / f"a{i}.bin"
            f.write_bytes(rng.randbytes(ATTACHMENT_BYTES))
            s = d.add_source(Source(title=f"Crash source {seed}-{i}"), [f])
            f.unlink()
            print(f"ack source {s.id}", flush=True)
        else:
            ev = d.add_event(
                rng.choice(cases),
                Event(
                    type=rng.choice(["detention", "arrest", "trial", "advocacy"]),
                    date=f"20{rng.randint(10, 23)}-0{rng.randint(1, 9)}",
                    note=f"crash {seed}-{i}",
                ),
            )
            print(f"ack event {ev.id}", flush=True)


def _drive_passwd(store: str, start: str) -> None:
    """Loop: change the passphrase to the next of PASSPHRASES, round and round."""
    from dossier.services import maintenance
    from dossier.services.dossier import Dossier

    k = int(start)
    d = Dossier.open(store, PASSPHRASES[k])
    print("ready", flush=True)
    while True:
        k = (k + 1) % len(PASSPHRASES)
        maintenance.change_passphrase(d, PASSPHRASES[k])
        print(f"ack passwd {k}", flush=True)


def _drive_backup(store: str, outdir: str) -> None:
    """Loop: a backup to a fresh file, then one more event, so each backup differs."""
    from dossier.core.model import Event
    from dossier.services import maintenance
    from dossier.services.dossier import Dossier

    d = Dossier.open(store, os.environ["DOSSIER_PASSPHRASE"])
    case = d.all_case_ids()[0]
    print("ready", flush=True)
    for i in range(1_000_000):
        out = Path(outdir) / f"backup-{os.getpid()}-{i}.db"
        maintenance.backup(d, out)
        print(f"ack backup {out}", flush=True)
        ev = d.add_event(case, Event(type="advocacy", date="2020", note=f"between backups {i}"))
        print(f"ack event {ev.id}", flush=True)


DRIVERS = {"events": _drive_events, "passwd": _drive_passwd, "backup": _drive_backup}

if __name__ == "__main__":
    DRIVERS[sys.argv[1]](*sys.argv[2:])
