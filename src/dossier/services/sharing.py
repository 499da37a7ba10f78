"""Sharing with colleagues: the researcher's identity, contacts, and share files.

Identity: one X25519 age key pair (to receive) and one Ed25519 key pair (to sign),
created on demand and kept only inside the encrypted store (table `identity`).
Contacts: colleagues' public recipient strings and signing keys, with a "verified in
person" flag. Share files: see `dossier.share` and docs/share-format.md.

An import is two steps, so the window can show a preview and let the researcher
resolve conflicts: `preview_share` (decrypt, verify, plan — nothing written) then
`apply_share` (one transaction: the whole file is verified again as it is applied;
any failure leaves the store exactly as it was). `import_share` does both, resolving
every conflict by one policy (the CLI's: keep both, so nothing is lost).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from dossier.core import validate, vocab
from dossier.core.errors import (
    DossierError,
    IntegrityError,
    NotFoundError,
    StoreExistsError,
    UnlockError,
    UsageError,
    ValidationError,
)
from dossier.core.fileio import atomic_write_bytes
from dossier.core.model import now_iso
from dossier.crypto import keys
from dossier.interchange import json_format
from dossier.share import dedupe, local, merge, package
from dossier.share.dedupe import CaseNames
from dossier.share.manifest import Manifest, Recipient, attachment_member_name
from dossier.share.merge import Resolution
from dossier.share.people import (
    Contact,
    IdentityInfo,
    parse_contact_card,
    pick_recipients,
    recipients_of,
    signer_of,
)
from dossier.share.report import ExportReport, ImportReport, Preview, ShareInfo, Signer
from dossier.share.stream import decrypt_passphrase_file, needs_passphrase
from dossier.share.units import Units, kind_of
from dossier.store import attachments, repo, unit
from dossier.store.schema import AttachmentRow, ContactRow, IdentityRow, SeenShareRow

from .dossier import Dossier
from .transfer import export_bundle

__all__ = [
    "Contact",
    "ExportReport",
    "IdentityInfo",
    "ImportReport",
    "PendingImport",
    "Preview",
    "Resolution",
    "ShareInfo",
    "add_contact",
    "apply_share",
    "create_identity",
    "export_age_identity",
    "export_share",
    "get_contact",
    "has_identity",
    "identity_info",
    "import_share",
    "inspect_share",
    "list_contacts",
    "load_identity",
    "parse_contact_card",
    "preview_share",
    "remove_contact",
    "resolve_recipients",
    "set_contact_verified",
    "share_needs_passphrase",
]

_NO_IDENTITY = "you have no identity yet"
_CREATE_IT = "create one with `dossier identity create`, or in the window under Tools"


# --- identity -------------------------------------------------------------------------------


def _info(ident: keys.Identity, created: str) -> IdentityInfo:
    return IdentityInfo(ident.recipient, ident.signing_key, ident.fingerprint, created)


def _row(d: Dossier) -> IdentityRow | None:
    with d.store.read() as s:
        row = s.get(IdentityRow, 1)
        if row is not None:
            s.expunge(row)
        return row


def has_identity(d: Dossier) -> bool:
    return _row(d) is not None


def create_identity(d: Dossier) -> IdentityInfo:
    """A fresh key pair, stored inside the store; refuses to replace an existing one."""
    ident = keys.Identity.generate()
    created = now_iso()
    with d.store.write("identity create") as s:
        unit.touch(s, people=True)
        if s.get(IdentityRow, 1) is not None:
            raise StoreExistsError(
                "this store already has an identity; it is never replaced",
                remedy="see it with `dossier identity show`",
            )
        s.add(
            IdentityRow(
                id=1, age_secret=ident.age_secret, signing_seed=ident.signing_seed, created=created
            )
        )
        repo.log(
            s, "identity", "1", None, "create", f"created identity {ident.fingerprint}", d.author
        )
    return _info(ident, created)


def load_identity(d: Dossier) -> keys.Identity:
    row = _row(d)
    if row is None:
        raise NotFoundError(_NO_IDENTITY, remedy=_CREATE_IT)
    return keys.Identity.from_secrets(row.age_secret, bytes(row.signing_seed))


def identity_info(d: Dossier) -> IdentityInfo:
    row = _row(d)
    if row is None:
        raise NotFoundError(_NO_IDENTITY, remedy=_CREATE_IT)
    return _info(keys.Identity.from_secrets(row.age_secret, bytes(row.signing_seed)), row.created)


def export_age_identity(
    d: Dossier, path: str | os.PathLike, *, overwrite: bool = False, passphrase: str | None = None
) -> Path:
    """The private decryption key in age's identity format (atomically, mode 0600).

    With `passphrase`, the file is encrypted under it (a passphrase-protected identity
    file, which `age -d -i FILE` opens after asking for the passphrase); without, it is
    the key in plain text, and the caller must warn."""
    path = Path(path)
    if path.exists() and not overwrite:
        raise StoreExistsError(
            f"{path} already exists; refusing to overwrite it", remedy="choose another file name"
        )
    ident = load_identity(d)
    if passphrase is not None:
        data = keys.export_protected_age_identity(ident, passphrase)
    else:
        data = keys.export_age_identity_text(ident).encode("ascii")
    atomic_write_bytes(path, data, 0o600)
    return path


# --- contacts -------------------------------------------------------------------------------


def _contact(r: ContactRow) -> Contact:
    return Contact(r.name, r.recipient, r.signing_key, bool(r.verified), r.created)


def add_contact(
    d: Dossier, name: str, recipient: str, signing_key: str | None = None, verified: bool = False
) -> Contact:
    """A colleague's public keys, checked; names are unique."""
    name = (name or "").strip()
    if not name or len(name) > 200:
        raise ValidationError(
            "a contact needs a name (one line, at most 200 characters)", where="contact name"
        )
    validate.check_chars(name, "contact name")
    recipient = keys.parse_recipient(recipient)
    if signing_key is not None and signing_key.strip():
        signing_key = keys.format_signing_key(keys.parse_signing_key(signing_key))
    else:
        signing_key = None
    with d.store.write("contacts add") as s:
        unit.touch(s, people=True)
        if s.get(ContactRow, name) is not None:
            raise ValidationError(
                f"there is already a contact named {name!r}",
                where="contact name",
                remedy="remove it first or pick another name",
            )
        row = ContactRow(
            name=name,
            recipient=recipient,
            signing_key=signing_key,
            verified=int(bool(verified)),
            created=now_iso(),
        )
        s.add(row)
        repo.log(s, "contact", name[:36], None, "create", f"added contact {name}", d.author)
        return _contact(row)


def list_contacts(d: Dossier) -> list[Contact]:
    with d.store.read() as s:
        return [_contact(r) for r in s.scalars(select(ContactRow).order_by(ContactRow.name))]


def get_contact(d: Dossier, name: str) -> Contact:
    with d.store.read() as s:
        row = s.get(ContactRow, name)
        if row is None:
            raise NotFoundError(f"no contact named {name!r}", remedy="see `dossier contacts list`")
        return _contact(row)


def remove_contact(d: Dossier, name: str) -> Contact:
    with d.store.write("contacts remove") as s:
        unit.touch(s, people=True)
        row = s.get(ContactRow, name)
        if row is None:
            raise NotFoundError(f"no contact named {name!r}", remedy="see `dossier contacts list`")
        gone = _contact(row)
        s.delete(row)
        repo.log(s, "contact", name[:36], None, "delete", f"removed contact {name}", d.author)
    return gone


def set_contact_verified(d: Dossier, name: str, verified: bool) -> Contact:
    with d.store.write("contacts verify") as s:
        unit.touch(s, people=True)
        row = s.get(ContactRow, name)
        if row is None:
            raise NotFoundError(f"no contact named {name!r}")
        row.verified = int(bool(verified))
        return _contact(row)


# --- export ---------------------------------------------------------------------------------


def resolve_recipients(d: Dossier, to: list[str]) -> tuple[list[Recipient], list[str]]:
    """Contact names or age1… strings → recipients (with fingerprints when known), labels."""
    return pick_recipients(list_contacts(d), to)


def _share_bundle(d: Dossier, case_ids: list[str] | None, audience: str):
    """The cases for `audience` with the sources their visible events cite (or whose
    attachment is a case's photo) and the organisations they name — nothing else."""
    full = export_bundle(d, None if case_ids is None else list(dict.fromkeys(case_ids)), audience)
    cases = [c for c in full.cases if vocab.visible_to(c.sensitivity, audience)]
    cited = {
        sid
        for c in cases
        for e in c.events
        if vocab.visible_to(e.sensitivity, audience)
        for sid in e.source_ids
    }
    photos = [c.photo_attachment_id for c in cases if c.photo_attachment_id]
    sources = {s.id: s for s in full.sources if s.id in cited}
    if photos:
        with d.store.read() as s:
            extra = set(
                s.scalars(select(AttachmentRow.source_id).where(AttachmentRow.id.in_(photos)))
            )
            sources.update({k: v for k, v in repo.get_sources(s, extra - set(sources)).items()})
    orgs = {oid for c in cases for oid in c.organisation_ids}
    bundle = json_format.Bundle(
        cases=cases,
        sources=list(sources.values()),
        organisations=[o for o in full.organisations if o.id in orgs],
    )
    return bundle, len(full.cases) - len(cases)


def export_share(
    d: Dossier,
    path: str | os.PathLike,
    case_ids: list[str] | None,
    *,
    to: list[str] | None = None,
    passphrase: str | None = None,
    audience: str = "internal",
) -> ExportReport:
    """Write a signed, encrypted share of `case_ids` (None: every case) to `path`."""
    if audience not in vocab.AUDIENCES:
        raise ValidationError(
            f"unknown audience {audience!r} (expected one of: {', '.join(vocab.AUDIENCES)})",
            where="--audience",
        )
    to = [t for t in (to or []) if t.strip()]
    if not to and passphrase is None:
        raise UsageError("say who the share is for: --to CONTACT_OR_RECIPIENT, or --passphrase")
    if to and passphrase is not None:
        raise UsageError(
            "a share file is for named recipients or for a passphrase, not both "
            "(the age format allows a passphrase only on its own)"
        )
    ident = load_identity(d)
    recipients, labels = resolve_recipients(d, to) if to else ([], ["passphrase"])
    bundle, withheld = _share_bundle(d, case_ids, audience)
    records = json_format.dumps(bundle, audience=audience)
    shared = json_format.load(records)  # exactly what the recipient will read
    units = Units.of_bundle(shared.cases, shared.sources, shared.organisations)
    hashes = units.hashes()
    keyed = {(kind_of(u), uid): hashes[uid] for uid, u in units.by_id.items()}
    with d.store.read() as s:
        synced, _ = local.load_sync(s, set(keyed))
    ancestors = {  # the version shared now first, then earlier ones, within the cap
        uid: [h, *sorted(synced.get((kind, uid), set()) - {h})][: merge.MAX_ANCESTORS_PER_UNIT]
        for (kind, uid), h in keyed.items()
    }
    with d.store.read() as s:
        manifest = package.write_share(
            path,
            identity=ident,
            recipients=recipients,
            passphrase=passphrase,
            audience=audience,
            records=records,
            sync=package.encode_sync(ancestors),
            bundle=shared,
            attachment_body=lambda att_id: local.attachment_chunks(s, att_id),
        )
    marks = [
        merge.SyncMark(kind, uid, h, "synced")
        for (kind, uid), h in keyed.items()
        if h not in synced.get((kind, uid), set())
    ]
    whom = ", ".join(labels)
    with d.store.write("share export") as s:
        local.write_marks(s, marks, f"shared with {whom}"[:200], d.author)
        repo.log(
            s,
            "share",
            manifest.share_id,
            None,
            "export",
            f"shared {len(shared.cases)} cases with {whom}",
            d.author,
        )
    return ExportReport(
        str(path),
        manifest.share_id,
        os.stat(path).st_size,
        dict(manifest.counts),
        sum(m.size for m in manifest.attachment_members()),
        labels,
        passphrase is not None,
        audience,
        withheld,
    )


# --- inspect and import ---------------------------------------------------------------------


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
    row = _row(d)
    if row is None:
        raise UnlockError(
            f"{_NO_IDENTITY}, so no share file can be meant for you", remedy=_CREATE_IT
        )
    ident = keys.Identity.from_secrets(row.age_secret, bytes(row.signing_seed))
    return _Keys([ident.age_secret], None, ident.recipient)


def _describe(d: Dossier, m: Manifest, k: _Keys) -> ShareInfo:
    contacts = list_contacts(d)
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


@dataclass
class PendingImport:
    """A verified share and what importing it would do (see `apply_share`)."""

    path: Path
    keys: _Keys
    verified: package.Verified
    incoming: Units  # merged-away case ids already followed to the surviving case
    preview: Preview
    ancestors: dict[str, set[str]] | None = None  # their ancestors, keyed as `incoming` is

    @property
    def info(self) -> ShareInfo:
        return self.preview.info


def preview_share(
    d: Dossier,
    path: str | os.PathLike,
    passphrase: str | None = None,
    *,
    accept_unknown_signer: bool = False,
) -> PendingImport:
    """Decrypt and verify the share, refuse what must be refused, plan the merge."""
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

    v = package.read_share(path, identities=k.identities, plaintext=k.plaintext, check=check)
    incoming = Units.of_bundle(v.bundle.cases, v.bundle.sources, v.bundle.organisations)
    with d.store.read() as s:
        merged = local.load_merged(s)  # cases merged here since: old id → surviving id
        incoming, ancestors = merge.follow_merges(incoming, v.ancestors, merged)
        state = local.load_local(s, incoming)
        plan = merge.plan(
            incoming, ancestors, state, v.manifest.audience, trusted=_trusted(infos[0].signer)
        )
        mine = local.local_case_names(s)
    new = [
        CaseNames(c.id, c.name, tuple(n.value for n in c.names))
        for c in v.bundle.cases
        if ("case", merged.get(c.id, c.id)) not in state.units
    ]
    dups = dedupe.find_duplicates(new, mine)
    return PendingImport(path, k, v, incoming, Preview(infos[0], plan, dups), ancestors)


UNVERIFIED_NOTE = merge.UNVERIFIED_NOTE  # why a change is a conflict (for the window)


def _trusted(signer: Signer) -> bool:
    """Whose changes may replace my records without review: mine, and those of contacts
    I verified in person. Anyone else's come as conflicts (merge.plan)."""
    return signer.is_me or (signer.known and signer.verified)


def apply_share(
    d: Dossier, pending: PendingImport, resolutions: dict[merge.Key, Resolution] | None = None
) -> ImportReport:
    """Apply a previewed share in ONE transaction; conflicts not in `resolutions` are
    kept as both. Every byte is verified again on the way in; on any failure nothing
    of the store changes."""
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

        def handle(member) -> None:
            att = wanted.pop(member.member.name, None)
            if att is not None:
                attachments.add_stream(s, att, member)

        package.stream_members(
            pending.path,
            v,
            identities=pending.keys.identities,
            plaintext=pending.keys.plaintext,
            handle=handle,
        )
        if wanted:
            raise IntegrityError("the share file lacks attachments its records name")
        local.write_marks(s, ch.marks, f"received from {info.signer.fingerprint}", d.author)
        s.add(
            SeenShareRow(
                share_id=v.manifest.share_id, imported_at=now_iso(), signer=info.signer.fingerprint
            )
        )
        _reindex(s, ch, info.signer, d.author)
    return ImportReport(v.manifest.share_id, info.signer, ch, pending.preview.duplicates)


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
    res = {c.key: Resolution(conflicts) for c in pending.preview.conflicts}
    return apply_share(d, pending, res)
