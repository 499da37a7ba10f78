"""Writing and reading whole share files: sign, then encrypt; decrypt, then verify.

`write_share` streams the container (manifest, signature, records, sync hashes,
attachment bytes) through age into an atomic writer: the file appears whole or not at
all. `read_share` is an import's one pass (and all of `inspect`): it decrypts as a
stream, verifies the signature, lets the caller check the signer, recipients and
replay, hashes every member against the signed manifest, and parses the records with
their limits — holding only the records JSON in memory. An import hands it `out`, which
stages each attachment body as it passes (store/blob_stage.py); nothing of it counts
until the whole file has verified, and the apply transaction adopts the staged blobs.
`stream_members` is the older second pass, kept for an import previewed without a
stage (`dossier share import --dry-run` stages nothing): the same file again, byte for
byte the same manifest, every hash checked again while attachments flow into the store.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from dossier.core.errors import IntegrityError, ValidationError
from dossier.core.fileio import atomic_writer
from dossier.crypto import envelope, keys
from dossier.interchange import json_format

from .container import (
    ChunkStream,
    ContainerReader,
    ContainerSink,
    Member,
    MemberOut,
    MemberReader,
    container_chunks,
    head_bytes,
    signed_message,
)
from .manifest import (
    RECORDS,
    SYNC,
    Manifest,
    Recipient,
    attachment_member_name,
    new_manifest,
    parse,
)
from .merge import MAX_ANCESTORS_PER_UNIT
from .pipeline import HashPipe, Prefetch
from .stream import READ_BUFFER, BatchWriter, file_size, open_plaintext

SYNC_FORMAT = "dossier-share-sync"
MAX_SHARE_FILE_BYTES = 80 * 1024**3  # the size cap, checked before anything is decrypted
_HEX64 = re.compile(r"[0-9a-f]{64}")


def bundle_counts(bundle: json_format.Bundle) -> dict[str, int]:
    return {
        "cases": len(bundle.cases),
        "events": sum(len(c.events) for c in bundle.cases),
        "sources": len(bundle.sources),
        "attachments": sum(len(s.attachments) for s in bundle.sources),
        "organisations": len(bundle.organisations),
    }


def encode_sync(ancestors: dict[str, list[str]]) -> bytes:
    """The sender's synced hashes per unit id (at most MAX_ANCESTORS_PER_UNIT each)."""
    if any(len(v) > MAX_ANCESTORS_PER_UNIT for v in ancestors.values()):
        raise ValueError(f"at most {MAX_ANCESTORS_PER_UNIT} hashes per record")
    doc = {"format": SYNC_FORMAT, "version": 1, "ancestors": ancestors}
    return json.dumps(doc, sort_keys=True, separators=(",", ":")).encode("ascii")


def decode_sync(data: bytes, unit_ids: set[str]) -> dict[str, set[str]]:
    """The sender's synced hashes per unit; every key must be a unit of the share."""
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise IntegrityError("the share's sync member is not JSON") from None
    if (
        not isinstance(doc, dict)
        or set(doc) != {"format", "version", "ancestors"}
        or doc["format"] != SYNC_FORMAT
        or doc["version"] != 1
        or not isinstance(doc["ancestors"], dict)
    ):
        raise IntegrityError("the share's sync member is malformed")
    out: dict[str, set[str]] = {}
    for uid, hashes in doc["ancestors"].items():
        if uid not in unit_ids:
            raise IntegrityError(
                f"the share's sync member names a record it does not hold ({uid[:40]!r})"
            )
        if (
            not isinstance(hashes, list)
            or len(hashes) > MAX_ANCESTORS_PER_UNIT
            or not all(isinstance(h, str) and _HEX64.fullmatch(h) for h in hashes)
        ):
            raise IntegrityError("the share's sync member is malformed (hashes)")
        out[uid] = set(hashes)
    return out


def write_share(
    path: str | Path,
    *,
    identity: keys.Identity,
    recipients: list[Recipient],
    passphrase: str | None,
    audience: str,
    records: bytes,
    sync: bytes,
    bundle: json_format.Bundle,
    attachment_body: Callable[[str], Iterable[bytes]],
) -> Manifest:
    """Sign, then encrypt, the share into `path` (atomically, mode 0600)."""
    atts = [a for s in bundle.sources for a in s.attachments]
    members = [
        Member(RECORDS, len(records), hashlib.sha256(records).hexdigest()),
        Member(SYNC, len(sync), hashlib.sha256(sync).hexdigest()),
        *(Member(attachment_member_name(a.id), a.size, a.sha256) for a in atts),
    ]
    manifest = new_manifest(
        identity.signing_key,
        recipients,
        passphrase is not None,
        audience,
        bundle_counts(bundle),
        members,
    )
    body = manifest.to_bytes()
    head = head_bytes(body, keys.sign(identity, signed_message(body)))
    bodies = [[records], [sync], *((attachment_body(a.id)) for a in atts)]
    # The store is read (and every member hashed) on a helper thread, a few chunks
    # ahead of age: SQLCipher's page decryption overlaps age's encryption.
    with Prefetch(container_chunks(head, members, bodies)) as chunks:
        with atomic_writer(path, mode=0o600) as fh:
            envelope.encrypt_to(
                fh,
                ChunkStream(chunks),
                [r.recipient for r in recipients] if passphrase is None else None,
                passphrase,
            )
    return manifest


@dataclass
class Verified:
    """A share that passed the first pass: authentic, meant for us, every hash right."""

    manifest: Manifest
    manifest_bytes: bytes
    signature: bytes
    bundle: json_format.Bundle
    ancestors: dict[str, set[str]]


def check_size(path: Path, cap: int = MAX_SHARE_FILE_BYTES) -> int:
    size = file_size(path)
    if size > cap:
        raise ValidationError(
            f"{path.name} is {size / 2**30:.1f} GiB, over the share size "
            f"limit of {cap / 2**30:.0f} GiB",
            where="share",
        )
    return size


def read_share(
    path: Path,
    *,
    identities: list[str] | None,
    plaintext: bytes | None,
    check: Callable[[Manifest], None],
    out: Callable[[Member], MemberOut | None] | None = None,
) -> Verified:
    """The verifying pass (see the module docstring). `check` runs right after the
    signature is verified and before any member byte is read; it raises to refuse the
    share.

    The decryptor pushes plaintext (gathered into 1 MiB blocks) straight into a
    ContainerSink on this thread: the records and sync members are kept, attachments
    hashed and, with `out`, handed to it as they pass. When this raises, whatever `out`
    was given must be thrown away; when it returns, every byte was verified.
    """
    size = check_size(path)
    head: dict = {}

    def on_head(body: bytes, signature: bytes) -> list[Member]:
        manifest = parse(body)
        keys.verify(manifest.signing_key, signature, signed_message(body))
        if manifest.total_bytes > size:
            raise IntegrityError(
                "the share file is truncated, or its manifest lies: it declares "
                "more data than the file holds"
            )
        check(manifest)
        head.update(manifest=manifest, body=body, signature=signature)
        return manifest.members

    with HashPipe() as pipe:  # members are hashed on a helper thread, beside age
        sink = ContainerSink(on_head, keep={RECORDS, SYNC}, pipe=pipe, out=out)
        if plaintext is not None:
            view = memoryview(plaintext)
            for i in range(0, len(view), 1 << 20):
                sink.write(view[i : i + (1 << 20)])
        else:
            batch = BatchWriter(sink)
            with open(path, "rb", buffering=READ_BUFFER) as fh:
                envelope.decrypt_from(fh, batch, identities, None)  # raises on truncation
            batch.flush()
        sink.finish()
    bundle = json_format.load(sink.kept[RECORDS])
    manifest = head["manifest"]
    _cross_check(manifest, bundle)
    return Verified(
        manifest,
        head["body"],
        head["signature"],
        bundle,
        decode_sync(sink.kept[SYNC], _unit_ids(bundle)),
    )


def _unit_ids(bundle: json_format.Bundle) -> set[str]:
    ids = {o.id for o in bundle.organisations}
    for s in bundle.sources:
        ids.add(s.id)
        ids.update(a.id for a in s.attachments)
    for c in bundle.cases:
        ids.add(c.id)
        ids.update(x.id for x in (*c.events, *c.relations, *c.asks))
    return ids


def _cross_check(manifest: Manifest, bundle: json_format.Bundle) -> None:
    """The records and the signed manifest must agree: counts, and exactly one member
    of the declared size and hash for every attachment (and no other member)."""
    if bundle_counts(bundle) != manifest.counts:
        raise IntegrityError("the share's records do not match the counts in its manifest")
    members = {m.name: m for m in manifest.attachment_members()}
    atts = [a for s in bundle.sources for a in s.attachments]
    if len(atts) != len(members):
        raise IntegrityError("the share's attachments do not match its manifest")
    for a in atts:
        m = members.get(attachment_member_name(a.id))
        if m is None or m.size != a.size or m.sha256 != a.sha256:
            raise IntegrityError(f"attachment {a.filename!r} does not match the share's manifest")


def stream_members(
    path: Path,
    verified: Verified,
    *,
    identities: list[str] | None,
    plaintext: bytes | None,
    handle: Callable[[MemberReader], None],
) -> None:
    """The second pass (an import previewed without a stage): `handle` is called with each attachment member's reader (it may
    read it or not; every member is hashed to its end either way)."""
    with (
        open_plaintext(path, identities=identities, plaintext=plaintext) as stream,
        HashPipe() as pipe,
    ):
        reader = ContainerReader(stream, pipe)
        body, signature = reader.head()
        if body != verified.manifest_bytes or signature != verified.signature:
            raise IntegrityError("the share file changed since it was checked; import it again")
        for member in reader.members(verified.manifest.members):
            if member.member.name not in (RECORDS, SYNC):
                handle(member)
        reader.finish()
