"""What a researcher is told about a share: who, when, for whom, what — and what an
import would do or did. Plain data with `to_json()`, shared by the CLI and the window."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .dedupe import Duplicate
from .manifest import Manifest
from .merge import Changes, Plan, Status


@dataclass
class ExportReport:
    """`share export`: what was written, for whom."""

    output: str
    share_id: str
    bytes: int
    counts: dict[str, int]
    attachment_bytes: int
    recipients: list[str]
    passphrase: bool
    audience: str
    withheld_cases: int

    def to_json(self) -> dict:
        return {
            "output": self.output,
            "share_id": self.share_id,
            "bytes": self.bytes,
            **self.counts,
            "attachment_bytes": self.attachment_bytes,
            "recipients": self.recipients,
            "passphrase": self.passphrase,
            "audience": self.audience,
            "withheld_cases": self.withheld_cases,
        }


PLURAL = {
    "case": "cases",
    "event": "events",
    "source": "sources",
    "attachment": "attachments",
    "organisation": "organisations",
    "relation": "relations",
    "ask": "asks",
}


@dataclass
class Signer:
    fingerprint: str
    signing_key: str
    name: str | None = None  # the contact's name, when known
    verified: bool = False
    is_me: bool = False

    @property
    def known(self) -> bool:
        return self.name is not None or self.is_me

    def describe(self) -> str:
        if self.is_me:
            return f"you ({self.fingerprint})"
        if self.name is None:
            return f"an UNKNOWN signer, fingerprint {self.fingerprint} (not in your contacts)"
        trust = "verified in person" if self.verified else "not verified in person"
        return f"{self.name} ({self.fingerprint}, {trust})"

    def to_json(self) -> dict:
        return {
            "fingerprint": self.fingerprint,
            "signing_key": self.signing_key,
            "name": self.name,
            "known": self.known,
            "verified": self.verified,
            "is_me": self.is_me,
        }


@dataclass
class RecipientInfo:
    recipient: str
    fingerprint: str | None
    name: str | None = None
    is_me: bool = False

    def describe(self) -> str:
        if self.is_me:
            return "you"
        return self.name or (self.fingerprint or self.recipient[:20] + "…")

    def to_json(self) -> dict:
        return {
            "recipient": self.recipient,
            "fingerprint": self.fingerprint,
            "name": self.name,
            "is_me": self.is_me,
        }


# What "meant for you" can and cannot mean for a passphrase share (docs/share-format.md).
PASSPHRASE_CAVEAT = (
    "note: a passphrase share is not bound to its passphrase: anyone who knows it can "
    "decrypt the file and encrypt it again under another passphrase, and it still "
    "verifies. The signature shows who made its contents, not who sent it to you "
    "or that it was meant for you."
)


@dataclass
class ShareInfo:
    """`share inspect`: what the (verified) file says about itself."""

    share_id: str
    created: str
    signer: Signer
    recipients: list[RecipientInfo]
    passphrase: bool
    audience: str
    counts: dict[str, int]
    attachment_bytes: int
    meant_for_me: bool
    imported_at: str | None = None  # when this share id was imported here before

    @classmethod
    def of(
        cls,
        m: Manifest,
        signer: Signer,
        recipients: list[RecipientInfo],
        meant_for_me: bool,
        imported_at: str | None,
    ) -> ShareInfo:
        return cls(
            m.share_id,
            m.created,
            signer,
            recipients,
            m.passphrase,
            m.audience,
            dict(m.counts),
            sum(x.size for x in m.attachment_members()),
            meant_for_me,
            imported_at,
        )

    def to_json(self) -> dict:
        return {
            "share_id": self.share_id,
            "created": self.created,
            "signer": self.signer.to_json(),
            "recipients": [r.to_json() for r in self.recipients],
            "passphrase": self.passphrase,
            "audience": self.audience,
            "counts": self.counts,
            "attachment_bytes": self.attachment_bytes,
            "meant_for_me": self.meant_for_me,
            "already_imported": self.imported_at,
        }

    def lines(self) -> list[str]:
        c = self.counts
        whom = [r.describe() for r in self.recipients]
        if self.passphrase:
            whom.append("anyone with the share passphrase")
        return [
            f"signed by: {self.signer.describe()}",
            f"created: {self.created}",
            f"share id: {self.share_id}",
            f"for: {', '.join(whom)}",
            f"meant for you: {'yes' if self.meant_for_me else 'NO'}",
            f"audience: {self.audience}",
            f"holds: {c['cases']} cases, {c['events']} events, {c['sources']} sources, "
            f"{c['attachments']} attachments ({_size(self.attachment_bytes)}), "
            f"{c['organisations']} organisations",
            "already imported: " + (self.imported_at or "no"),
            *([PASSPHRASE_CAVEAT] if self.passphrase else []),
        ]


def _size(n: int) -> str:
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)


def _by_kind(items) -> dict[str, int]:
    counts = Counter(PLURAL[d.kind] for d in items)
    return {k: counts.get(k, 0) for k in PLURAL.values()}


@dataclass
class Preview:
    """What an import would do: new, changed (theirs only), conflicting, unchanged."""

    info: ShareInfo
    plan: Plan
    duplicates: list[Duplicate] = field(default_factory=list)

    @property
    def conflicts(self):
        return self.plan.of_status(Status.CONFLICT)

    def to_json(self) -> dict:
        p = self.plan
        return {
            "share": self.info.to_json(),
            "new": _by_kind(p.of_status(Status.NEW)),
            "changed": _by_kind(p.of_status(Status.UPDATE)),
            "conflicting": [
                {
                    "kind": d.kind,
                    "id": d.id,
                    "label": d.label,
                    "case_id": d.case_id,
                    "fields": d.fields,
                    "note": d.note,
                }
                for d in self.conflicts
            ],
            "unchanged": len(p.of_status(Status.SAME)) + len(p.of_status(Status.MINE)),
            "duplicates": [x.to_json() for x in self.duplicates],
        }


@dataclass
class ImportReport:
    """`share import`: what was added, updated and conflicting, and how it was resolved."""

    share_id: str
    signer: Signer
    changes: Changes
    duplicates: list[Duplicate] = field(default_factory=list)

    def _of(self, action: str):
        return [o for o in self.changes.outcomes if o.action == action]

    @property
    def conflicts(self):
        return self._of("conflict")

    def to_json(self) -> dict:
        return {
            "share_id": self.share_id,
            "signer": self.signer.to_json(),
            "added": _by_kind(self._of("added")),
            "updated": _by_kind(self._of("updated")),
            "conflicts": [
                {
                    "kind": o.kind,
                    "id": o.id,
                    "label": o.label,
                    "case_id": o.case_id,
                    "fields": o.fields,
                    "resolution": o.resolution,
                    "copy_id": o.copy_id,
                }
                for o in self.conflicts
            ],
            "kept_mine": len(self._of("kept_mine")),
            "unchanged": len(self._of("unchanged")),
            "duplicates": [x.to_json() for x in self.duplicates],
        }

    def lines(self) -> list[str]:
        def fmt(counts: dict[str, int]) -> str:
            parts = [f"{n} {k}" for k, n in counts.items() if n]
            return ", ".join(parts) if parts else "nothing"

        doc = self.to_json()
        out = [
            f"from: {self.signer.describe()}",
            f"added: {fmt(doc['added'])}",
            f"updated: {fmt(doc['updated'])}",
            f"conflicting: {len(self.conflicts)}",
        ]
        how = {
            "both": "kept both (theirs as a new record {copy})",
            "mine": "kept yours",
            "theirs": "took theirs",
        }
        for o in self.conflicts:
            what = how[o.resolution].format(copy=o.copy_id or "")
            fields = f" [{', '.join(o.fields)}]" if o.fields else ""
            out.append(f"  conflict: {o.kind} {o.label!r} ({o.id}){fields}: {what}")
        out.append(f"unchanged: {doc['unchanged'] + doc['kept_mine']}")
        for dup in self.duplicates:
            out.append(
                f"likely duplicate: {dup.incoming_name!r} ({dup.incoming_id}) looks like "
                f"your {dup.local_name!r} ({dup.local_id}): {dup.reason} — consider "
                "merging them"
            )
        return out
