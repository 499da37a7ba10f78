"""Sharing with colleagues: the facade the window and the command line use.

The researcher's identity and contacts live in `share_keys`; importing a share file
(one verifying pass that stages the attachments, then one transaction) in
`share_import`; exporting is here. Share files: see `dossier.share` and
docs/share-format.md.
"""

from __future__ import annotations

import os

from sqlalchemy import select

from dossier.core import vocab
from dossier.core.errors import UsageError, ValidationError
from dossier.interchange import json_format
from dossier.share import local, merge, package
from dossier.share.manifest import Recipient
from dossier.share.merge import Resolution
from dossier.share.people import Contact, IdentityInfo, parse_contact_card, pick_recipients
from dossier.share.report import ExportReport, ImportReport, Preview, ShareInfo
from dossier.share.units import Units, kind_of
from dossier.store import repo
from dossier.store.schema import AttachmentRow

from .dossier import Dossier
from .share_import import (
    UNVERIFIED_NOTE,
    PendingImport,
    apply_share,
    import_share,
    inspect_share,
    preview_share,
    share_needs_passphrase,
)
from .share_keys import (
    add_contact,
    create_identity,
    export_age_identity,
    get_contact,
    has_identity,
    identity_info,
    list_contacts,
    load_identity,
    remove_contact,
    set_contact_verified,
)
from .transfer import export_bundle

__all__ = [
    "UNVERIFIED_NOTE",
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
