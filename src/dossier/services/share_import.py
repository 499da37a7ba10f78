"""Inspecting and importing share files: one verifying pass, then one transaction.

An import is two steps, so the window can show a preview and let the researcher
resolve conflicts:

* `preview_share` decrypts the file once, verifies it (signature, signer, recipients,
  replay, every member's SHA-256 against the signed manifest, the records' limits) and
  plans the merge. As the attachment bodies stream past they are sealed into staged
  blobs (store/blob_stage.py: the store's blob format, fsynced, in a folder of this
  import's own beside the store's blobs) -- so the file is read once, not once to verify
  and again to apply. Nothing of the store changes; a share that fails anywhere leaves
  no staged file behind.
* `apply_share` writes the plan in ONE transaction, which adopts the staged blobs it
  needs (renamed into place, the folder fsynced) before it commits. Any failure leaves
  the store exactly as it was. The stage is removed either way.

A preview that is not applied must be thrown away with `PendingImport.discard()` (the
window calls it when the preview dialog is cancelled); a process killed with a stage
leaves it to the next open of the store, which sweeps it. `import_share` does both
steps, resolving every conflict by one policy (the command line's: keep both, so
nothing is lost).
"""

from __future__ import annotations

import os
import weakref
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from dossier.core.errors import DossierError, IntegrityError, UnlockError
from dossier.core.model import now_iso
from dossier.crypto import keys
from dossier.share import dedupe, local, merge, package
from dossier.share.container import Member
from dossier.share.dedupe import CaseNames
from dossier.share.manifest import (
    ATTACHMENT_PREFIX,
    RECORDS,
    SYNC,
    Manifest,
    attachment_member_name,
)
from dossier.share.merge import Resolution
from dossier.share.people import recipients_of, signer_of
from dossier.share.report import ImportReport, Preview, ShareInfo, Signer
from dossier.share.stream import decrypt_passphrase_file, needs_passphrase
from dossier.share.units import Units
from dossier.store import attachments, repo
from dossier.store.blob_stage import Stage, StagedWriter
from dossier.store.schema import AttachmentRow, SeenShareRow

from .dossier import Dossier
from .share_keys import CREATE_IT, NO_IDENTITY, has_identity, identity_info, identity_row
from .share_keys import list_contacts as _list_contacts

UNVERIFIED_NOTE = merge.UNVERIFIED_NOTE  # why a change is a conflict (for the window)


@dataclass
class _Keys:
    identities: list[str] | None
    plaintext: bytes | None
    my_recipient: str | None


def share_needs_passphrase(path: str | os.PathLike) -> bool:
    """True when the share file is encrypted to a passphrase (judged from its header)."""
    return needs_passphrase(Path(path))


def _keys(d: Dossier, path: Path, passphrase: str | None) -> _Keys:
    package.check_size(path)
    if needs_passphrase(path):
        if not passphrase:
            raise UnlockError(
                "this share file is protected by a passphrase",
                remedy="give it at the prompt, with --share-passphrase-file or "
                "DOSSIER_SHARE_PASSPHRASE",
            )
        return _Keys(None, decrypt_passphrase_file(path, passphrase), None)
    row = identity_row(d)
    if row is None:
        raise UnlockError(f"{NO_IDENTITY}, so no share file can be meant for you", remedy=CREATE_IT)
    ident = keys.Identity.from_secrets(row.age_secret, bytes(row.signing_seed))
    return _Keys([ident.age_secret], None, ident.recipient)


def _describe(d: Dossier, m: Manifest, k: _Keys) -> ShareInfo:
    contacts = _list_contacts(d)
    me = identity_info(d) if has_identity(d) else None
    if k.plaintext is not None:
        meant = m.passphrase
    else:
        meant = any(r.recipient == k.my_recipient for r in m.recipients)
    with d.store.read() as s:
        seen = s.get(SeenShareRow, m.share_id)
        imported_at = seen.imported_at if seen else None
    return ShareInfo.of(
        m, signer_of(m, contacts, me), recipients_of(m, contacts, me), meant, imported_at
    )


def inspect_share(d: Dossier, path: str | os.PathLike, passphrase: str | None = None) -> ShareInfo:
    """Who signed it, when, for whom, what it holds — verified, nothing imported."""
    path = Path(path)
    k = _keys(d, path, passphrase)
    infos: list[ShareInfo] = []
    package.read_share(
        path,
        identities=k.identities,
        plaintext=k.plaintext,
        check=lambda m: infos.append(_describe(d, m, k)),
    )
    return infos[0]


def _discard_stage(stage: Stage | None) -> None:
    if stage is not None:
        stage.discard()


@dataclass
class PendingImport:
    """A verified share and what importing it would do (see `apply_share`).

    `stage` holds the attachment bodies sealed during the verifying pass (None: the
    preview staged nothing, and `apply_share` reads the file a second time). Call
    `discard()` when the preview is not applied; applying discards it too."""

    path: Path
    keys: _Keys
    verified: package.Verified
    incoming: Units  # merged-away case ids already followed to the surviving case
    preview: Preview
    ancestors: dict[str, set[str]] | None = None  # their ancestors, keyed as `incoming` is
    stage: Stage | None = None
    spent: bool = False
    _finalizer: weakref.finalize | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.stage is not None:  # a preview dropped without discard() is cleaned anyway
            self._finalizer = weakref.finalize(self, _discard_stage, self.stage)

    @property
    def info(self) -> ShareInfo:
        return self.preview.info

    def discard(self) -> None:
        """Throw away the staged attachment bodies (idempotent)."""
        if self._finalizer is not None:
            self._finalizer()
        self.stage = None


def _held(d: Dossier, m: Manifest) -> set[str]:
    """The attachment members whose body this store holds already (same id, same
    SHA-256): not staged, since the plan almost never takes them (the rare resolution
    that does reads them in a second pass)."""
    ids = {mem.name[len(ATTACHMENT_PREFIX) :]: mem.sha256 for mem in m.attachment_members()}
    if not ids:
        return set()
    held = set()
    with d.store.read() as s:
        for chunk in local.id_chunks(sorted(ids)):
            q = select(AttachmentRow.id, AttachmentRow.sha256).where(AttachmentRow.id.in_(chunk))
            held |= {attachment_member_name(i) for i, sha in s.execute(q) if ids[i] == sha}
    return held


def _stager(stage: Stage, skip: set[str]):
    """The ContainerSink's `out`: each attachment member not held here goes into a
    staged blob."""

    def out(member: Member) -> StagedWriter | None:
        if member.name in (RECORDS, SYNC) or member.name in skip:
            return None
        return stage.begin(member.name)

    return out


def preview_share(
    d: Dossier,
    path: str | os.PathLike,
    passphrase: str | None = None,
    *,
    accept_unknown_signer: bool = False,
    stage: bool = True,
) -> PendingImport:
    """Decrypt and verify the share, refuse what must be refused, plan the merge; with
    `stage` (the default), keep its attachment bodies staged for `apply_share`."""
    path = Path(path)
    k = _keys(d, path, passphrase)
    infos: list[ShareInfo] = []

    def check(m: Manifest) -> None:
        info = _describe(d, m, k)
        if not info.signer.known and not accept_unknown_signer:
            raise IntegrityError(
                f"this share is signed by an unknown key (fingerprint {info.signer.fingerprint})",
                remedy="compare the fingerprint with the sender, then add them with "
                "`dossier contacts add … --signing-key …`, or use --accept-unknown-signer",
            )
        if not info.meant_for_me:
            raise UnlockError(
                "this share file was not meant for you: your key is not among its recipients",
                remedy="ask the sender to share it to you",
            )
        if info.imported_at:
            raise IntegrityError(
                f"this share (id {m.share_id}) was already imported on "
                f"{info.imported_at}; a share file is imported only once"
            )
        infos.append(info)
        if staged is not None:
            skip.update(_held(d, m))

    staged = Stage(d.store.blobs) if stage else None
    skip: set[str] = set()
    try:
        v = package.read_share(
            path,
            identities=k.identities,
            plaintext=k.plaintext,
            check=check,
            out=_stager(staged, skip) if staged is not None else None,
        )
        if staged is not None:
            staged.wait()  # every staged blob fsynced
        incoming = Units.of_bundle(v.bundle.cases, v.bundle.sources, v.bundle.organisations)
        with d.store.read() as s:
            merged = local.load_merged(s)  # cases merged here since: old id → surviving id
            incoming, ancestors = merge.follow_merges(incoming, v.ancestors, merged)
            state = local.load_local(s, incoming)
            plan = merge.plan(
                incoming, ancestors, state, v.manifest.audience, trusted=_trusted(infos[0].signer)
            )
            mine = local.local_case_names(s)
    except BaseException:
        _discard_stage(staged)
        raise
    new = [
        CaseNames(c.id, c.name, tuple(n.value for n in c.names))
        for c in v.bundle.cases
        if ("case", merged.get(c.id, c.id)) not in state.units
    ]
    dups = dedupe.find_duplicates(new, mine)
    return PendingImport(
        path, k, v, incoming, Preview(infos[0], plan, dups), ancestors, stage=staged
    )


def _trusted(signer: Signer) -> bool:
    """Whose changes may replace my records without review: mine, and those of contacts
    I verified in person. Anyone else's come as conflicts (merge.plan)."""
    return signer.is_me or (signer.known and signer.verified)


def apply_share(
    d: Dossier, pending: PendingImport, resolutions: dict[merge.Key, Resolution] | None = None
) -> ImportReport:
    """Apply a previewed share in ONE transaction; conflicts not in `resolutions` are
    kept as both. The staged bodies are adopted before the commit (a preview without a
    stage reads the file again, verifying every byte); on any failure nothing of the
    store changes. The preview is spent either way."""
    if pending.spent:
        raise DossierError(
            "this preview was applied or discarded already", remedy="preview the share again"
        )
    try:
        return _apply(d, pending, resolutions)
    finally:
        pending.spent = True
        pending.discard()


def _apply(
    d: Dossier, pending: PendingImport, resolutions: dict[merge.Key, Resolution] | None
) -> ImportReport:
    v, info = pending.verified, pending.info
    with d.store.write(f"share import {v.manifest.share_id}") as s:
        if s.get(SeenShareRow, v.manifest.share_id) is not None:
            raise IntegrityError(f"this share (id {v.manifest.share_id}) was already imported")
        state = local.load_local(s, pending.incoming)
        ancestors = v.ancestors if pending.ancestors is None else pending.ancestors
        plan = merge.plan(
            pending.incoming, ancestors, state, v.manifest.audience, trusted=_trusted(info.signer)
        )
        if plan.fingerprint() != pending.preview.plan.fingerprint():
            raise DossierError(
                "the store changed since the preview", remedy="preview the share again"
            )
        ch = merge.resolve(plan, resolutions)
        local.write_changes(s, ch)
        wanted = {attachment_member_name(member): att for att, member in ch.attachments}
        if pending.stage is not None:
            wanted = _adopt(s, pending.stage, wanted)
        if wanted:  # no stage, or bodies not staged (held here already)
            _second_pass(s, pending, wanted)
        local.write_marks(s, ch.marks, f"received from {info.signer.fingerprint}", d.author)
        s.add(
            SeenShareRow(
                share_id=v.manifest.share_id, imported_at=now_iso(), signer=info.signer.fingerprint
            )
        )
        _reindex(s, ch, info.signer, d.author)
    return ImportReport(v.manifest.share_id, info.signer, ch, pending.preview.duplicates)


def _adopt(s, stage: Stage, wanted: dict) -> dict:
    """The staged bodies the resolved plan takes become the transaction's blobs; what
    is wanted but was not staged is returned (for the second pass)."""
    if not stage.exists:
        raise IntegrityError(
            "the staged attachments of this preview are gone", remedy="preview the share again"
        )
    items, rest = [], {}
    for name, att in wanted.items():
        blob = stage.blobs.get(name)
        if blob is None:
            rest[name] = att
        else:
            items.append((att, blob))
    attachments.adopt(s, items, stage)
    return rest


def _second_pass(s, pending: PendingImport, wanted: dict) -> None:
    """A preview without a stage: read the file again, every hash checked again."""

    def handle(member) -> None:
        att = wanted.pop(member.member.name, None)
        if att is not None:
            attachments.add_stream(s, att, member)

    package.stream_members(
        pending.path,
        pending.verified,
        identities=pending.keys.identities,
        plaintext=pending.keys.plaintext,
        handle=handle,
    )
    if wanted:
        raise IntegrityError("the share file lacks attachments its records name")


def _reindex(s, ch: merge.Changes, signer: Signer, author: str | None) -> None:
    """The history of what the share did (the unit of work re-indexes the cases and
    sources it wrote, and refreshes their facts, as the transaction commits)."""
    who = signer.name or signer.fingerprint
    for o in ch.outcomes:
        if o.kind == "case" and o.action in ("added", "updated", "conflict"):
            verb = {"added": "create", "updated": "update", "conflict": "update"}[o.action]
            repo.log(s, "case", o.id, o.id, verb, f"{o.action} from a share by {who}", author)


def import_share(
    d: Dossier,
    path: str | os.PathLike,
    passphrase: str | None = None,
    *,
    accept_unknown_signer: bool = False,
    conflicts: Resolution = Resolution.BOTH,
) -> ImportReport:
    """Preview, then apply with one policy for every conflict (default: keep both)."""
    pending = preview_share(d, path, passphrase, accept_unknown_signer=accept_unknown_signer)
    try:
        res = {c.key: Resolution(conflicts) for c in pending.preview.conflicts}
        return apply_share(d, pending, res)
    finally:
        pending.discard()
