"""Building blocks for the sharing tests: two researchers' stores, sample cases, and
a way to sign arbitrary (hostile) containers with a real identity."""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from dossier.core.errors import IntegrityError
from dossier.core.model import Case, Event, Name, Source
from dossier.crypto import envelope, keys
from dossier.services import sharing
from dossier.services.dossier import Dossier
from dossier.share.container import Member, head_bytes, signed_message
from dossier.share.manifest import Manifest, Recipient, new_share_id

PASS_A = "alice's store passphrase"
PASS_B = "bob's store passphrase, another one"


@dataclass
class Researcher:
    name: str
    d: Dossier
    info: sharing.IdentityInfo
    path: Path


def researcher(folder: Path, name: str, passphrase: str) -> Researcher:
    folder.mkdir(parents=True, exist_ok=True)
    d = Dossier.create(folder / f"{name}.db", passphrase)
    return Researcher(name, d, sharing.create_identity(d), folder / f"{name}.db")


def exchange(a: Researcher, b: Researcher, verified: bool = True) -> None:
    """Each adds the other as a contact (recipient and signing key)."""
    sharing.add_contact(a.d, b.name, b.info.recipient, b.info.signing_key, verified)
    sharing.add_contact(b.d, a.name, a.info.recipient, a.info.signing_key, verified)


def add_sample(d: Dossier, folder: Path, attachment: bytes = b"%PDF-1.4 sample") -> dict:
    """Two cases (one with a confidential event), two sources (one protected), files."""
    folder.mkdir(parents=True, exist_ok=True)
    f = folder / "report.pdf"
    f.write_bytes(attachment)
    src = d.add_source(Source(title="RFA report", url="https://www.rfa.org/x", date="2015-08"))
    att = d.add_attachment(src.id, f)
    g = folder / "informant.txt"
    g.write_bytes(b"who told us")
    secret = d.add_source(Source(title="A lawyer's notes", protected=True))
    d.add_attachment(secret.id, g)
    wang = d.add_case(
        Case(
            name="Wang Quanzhang",
            names=[Name("王全璋", "zh-Hans")],
            tags=["lawyers", "709"],
            summary="A lawyer.",
        )
    )
    d.add_event(
        wang.id,
        Event(
            type="disappearance",
            date="2015-08-03",
            place="Tianjin",
            source_ids=[src.id, secret.id],
            note="taken at night",
        ),
    )
    d.add_event(
        wang.id,
        Event(
            type="detention",
            date="2016-01-10",
            sensitivity="confidential",
            note="from a confidential source",
        ),
    )
    jiang = d.add_case(Case(name="Jiang Tianyong", tags=["lawyers"]))
    d.add_event(jiang.id, Event(type="disappearance", date="2016-11-21", source_ids=[src.id]))
    other = d.add_case(Case(name="Not shared", tags=["other"]))
    return {
        "wang": wang.id,
        "jiang": jiang.id,
        "other": other.id,
        "source": src.id,
        "secret": secret.id,
        "attachment": att.id,
    }


def store_digest(r: Researcher, *, stages: bool = True) -> str:
    """SHA-256 over the store file, its WAL/SHM, its key header and its blob folder
    (each blob by name: an import that failed must leave no new file there either).
    `stages=False` leaves out share-import stages (a preview still pending)."""
    h = hashlib.sha256()
    for p in sorted(r.path.parent.iterdir()):
        if p.name.startswith(r.path.name):
            if p.is_dir():
                for f in sorted(p.rglob("*")):
                    if not stages and f.relative_to(p).parts[0].startswith(".stage-"):
                        continue
                    h.update(
                        str(f.relative_to(p)).encode()
                        + b"\0"
                        + (f.read_bytes() if f.is_file() else b"")
                    )
            else:
                h.update(p.name.encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


def signed_container(
    author: keys.Identity,
    members: list[Member],
    bodies: list[bytes],
    *,
    recipients: list[str],
    counts: dict | None = None,
    manifest_override: bytes | None = None,
) -> bytes:
    """A container whose manifest is signed by `author` but is otherwise whatever the
    test wants (no member checks): the hostile-but-authentic corpus."""
    m = Manifest(
        share_id=new_share_id(),
        created="2024-01-01T00:00:00Z",
        signing_key=author.signing_key,
        recipients=[Recipient(r) for r in recipients],
        passphrase=False,
        audience="internal",
        counts=counts
        or {"cases": 0, "events": 0, "sources": 0, "attachments": 0, "organisations": 0},
        members=members,
    )
    body = manifest_override if manifest_override is not None else m.to_bytes()
    head = head_bytes(body, keys.sign(author, signed_message(body)))
    return head + b"".join(bodies)


def encrypt_to(plaintext: bytes, recipients: list[str]) -> bytes:
    out = io.BytesIO()
    envelope.encrypt_to(out, io.BytesIO(plaintext), recipients, None)
    return out.getvalue()


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def files_under(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def fast_kdf() -> None:
    os.environ["DOSSIER_KDF_FAST"] = "1"


@contextlib.contextmanager
def scrypt_may_refuse() -> Iterator[None]:
    """rage (inside pyrage) times this machine and refuses a passphrase file whose scrypt
    work factor would take it too long ("Excessive work parameter"); on a machine
    loaded by other jobs that can hit a file made a moment earlier. That is the
    library's guard, not a failure of ours: skip rather than fail."""
    try:
        yield
    except IntegrityError as exc:
        if "excessive work" in str(exc).lower():
            pytest.skip("pyrage refused the scrypt work factor on this (loaded) machine")
        raise
