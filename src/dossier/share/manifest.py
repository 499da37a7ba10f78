"""The signed manifest of a share file: who made it, for whom, and what it holds.

The manifest is the only thing the author signs, so everything a recipient relies on
is in it: the share id (replay), the recipients (was it meant for me?), the author's
signing key, and the name, size and SHA-256 of every member — the members themselves
are bound to the signature through those hashes.

It is parsed as hostile input even though it is signed: the signature is checked
*after* a bounded parse (we need the author's key to check it), and an author we
accept may still be careless or malicious (SECURITY.md item 9). So every field is
type-checked, every member name must be one of the few this format knows, and sizes
are capped before a single member byte is read.
"""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from dossier.core import vocab
from dossier.core.errors import IntegrityError, ValidationError
from dossier.core.model import now_iso
from dossier.crypto import keys

from .container import Member

FORMAT = "dossier-share"
VERSION = 1
RECORDS = "records.json"
SYNC = "sync.json"
ATTACHMENT_PREFIX = "attachments/"

# Limits on what one share may declare (checked before any member is read).
MAX_RECORDS_BYTES = 512 * 1024 * 1024  # the interchange JSON, parsed in memory
MAX_SYNC_BYTES = 256 * 1024 * 1024
MAX_ATTACHMENT_BYTES = 16 * 1024**3  # one attachment
MAX_TOTAL_BYTES = 64 * 1024**3  # everything together
MAX_MEMBERS = 200_002  # records + sync + attachments
MAX_RECIPIENTS = 1_000

_HEX64 = re.compile(r"[0-9a-f]{64}")
_SHARE_ID = re.compile(r"[0-9a-f]{32}")
_ATTACHMENT_NAME = re.compile(
    r"attachments/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
)
_COUNT_KEYS = ("cases", "events", "sources", "attachments", "organisations")


@dataclass(frozen=True)
class Recipient:
    recipient: str  # age1...
    fingerprint: str | None = None  # of the contact's signing key, when known


@dataclass
class Manifest:
    share_id: str
    created: str
    signing_key: str
    recipients: list[Recipient]
    passphrase: bool
    audience: str
    counts: dict[str, int]
    members: list[Member] = field(default_factory=list)

    @property
    def fingerprint(self) -> str:
        return keys.fingerprint(self.signing_key)

    @property
    def total_bytes(self) -> int:
        return sum(m.size for m in self.members)

    def attachment_members(self) -> list[Member]:
        return [m for m in self.members if m.name.startswith(ATTACHMENT_PREFIX)]

    def to_bytes(self) -> bytes:
        """Canonical UTF-8 JSON (sorted keys, no spaces): what is signed."""
        doc = {
            "format": FORMAT,
            "version": VERSION,
            "share_id": self.share_id,
            "created": self.created,
            "author": {"signing_key": self.signing_key, "fingerprint": self.fingerprint},
            "recipients": [
                {"recipient": r.recipient, "fingerprint": r.fingerprint} for r in self.recipients
            ],
            "passphrase": self.passphrase,
            "audience": self.audience,
            "counts": {k: int(self.counts.get(k, 0)) for k in _COUNT_KEYS},
            "members": [{"name": m.name, "size": m.size, "sha256": m.sha256} for m in self.members],
        }
        return json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def new_share_id() -> str:
    """128 random bits, hex: unguessable, so a replay can only be the same file."""
    return secrets.token_hex(16)


def new_manifest(
    signing_key: str,
    recipients: list[Recipient],
    passphrase: bool,
    audience: str,
    counts: dict[str, int],
    members: list[Member],
) -> Manifest:
    check_members(members)
    return Manifest(
        share_id=new_share_id(),
        created=now_iso(),
        signing_key=signing_key,
        recipients=recipients,
        passphrase=passphrase,
        audience=audience,
        counts=counts,
        members=members,
    )


def attachment_member_name(attachment_id: str) -> str:
    return ATTACHMENT_PREFIX + attachment_id


# --- parsing -------------------------------------------------------------------------------


def _bad(what: str) -> IntegrityError:
    return IntegrityError(f"the share manifest is malformed: {what}")


def _obj(d: Any, where: str, allowed: set[str]) -> dict:
    if not isinstance(d, dict):
        raise _bad(f"{where} is not an object")
    extra = set(d) - allowed
    if extra:
        raise _bad(f"unknown field {sorted(map(str, extra))[0]!r} in {where}")
    missing = allowed - set(d)
    if missing:
        raise _bad(f"{where} lacks {sorted(missing)[0]!r}")
    return d


def _int(v: Any, where: str, cap: int) -> int:
    if not isinstance(v, int) or isinstance(v, bool) or not 0 <= v <= cap:
        raise _bad(f"{where} is not a whole number between 0 and {cap:,}")
    return v


def parse(data: bytes) -> Manifest:
    """A Manifest from its bytes; IntegrityError naming the problem otherwise."""
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise _bad("not UTF-8 JSON") from None
    _obj(
        doc,
        "the manifest",
        {
            "format",
            "version",
            "share_id",
            "created",
            "author",
            "recipients",
            "passphrase",
            "audience",
            "counts",
            "members",
        },
    )
    if doc["format"] != FORMAT:
        raise _bad(f"format is {doc['format']!r}, not {FORMAT!r}")
    if not isinstance(doc["version"], int) or isinstance(doc["version"], bool):
        raise _bad("version is not a number")
    if doc["version"] > VERSION:
        raise IntegrityError(
            f"this share file was made by a newer Dossier (share format {doc['version']})",
            remedy="update Dossier to import it",
        )
    if doc["version"] != VERSION:
        raise _bad(f"unknown version {doc['version']!r}")
    if not isinstance(doc["share_id"], str) or not _SHARE_ID.fullmatch(doc["share_id"]):
        raise _bad("the share id is not 32 hex digits")
    created = doc["created"]
    try:
        if not isinstance(created, str) or len(created) > 40:
            raise ValueError
        datetime.fromisoformat(created)
    except ValueError:
        raise _bad("created is not a time") from None
    author = _obj(doc["author"], "author", {"signing_key", "fingerprint"})
    try:
        signing_key = keys.format_signing_key(keys.parse_signing_key(author["signing_key"]))
    except ValidationError:
        raise _bad("the author's signing key is not an ed25519 key") from None
    if author["fingerprint"] != keys.fingerprint(signing_key):
        raise _bad("the author's fingerprint does not belong to the author's key")
    recipients = _recipients(doc["recipients"])
    if not isinstance(doc["passphrase"], bool):
        raise _bad("passphrase is not true or false")
    if not recipients and not doc["passphrase"]:
        raise _bad("it names no recipients and no passphrase")
    if not isinstance(doc["audience"], str) or doc["audience"] not in vocab.AUDIENCES:
        raise _bad(f"unknown audience {str(doc['audience'])[:40]!r}")
    counts_doc = _obj(doc["counts"], "counts", set(_COUNT_KEYS))
    counts = {k: _int(counts_doc[k], f"counts.{k}", 10**7) for k in _COUNT_KEYS}
    members = _members(doc["members"])
    return Manifest(
        share_id=doc["share_id"],
        created=created,
        signing_key=signing_key,
        recipients=recipients,
        passphrase=doc["passphrase"],
        audience=doc["audience"],
        counts=counts,
        members=members,
    )


def _recipients(v: Any) -> list[Recipient]:
    if not isinstance(v, list) or len(v) > MAX_RECIPIENTS:
        raise _bad(f"recipients is not a list of at most {MAX_RECIPIENTS}")
    out = []
    for i, r in enumerate(v):
        r = _obj(r, f"recipients[{i}]", {"recipient", "fingerprint"})
        try:
            rec = keys.parse_recipient(r["recipient"])
        except ValidationError:
            raise _bad(f"recipients[{i}] is not an age recipient") from None
        fp = r["fingerprint"]
        # Checked against the pattern, not only a length: this text is printed by
        # `share inspect`, and a hostile author could otherwise put terminal escapes in it.
        if fp is not None and (not isinstance(fp, str) or not keys.FINGERPRINT_RE.fullmatch(fp)):
            raise _bad(f"recipients[{i}].fingerprint is not a fingerprint (XXXX-XXXX-XXXX-XXXX)")
        out.append(Recipient(rec, fp))
    return out


def _members(v: Any) -> list[Member]:
    if not isinstance(v, list) or len(v) > MAX_MEMBERS:
        raise _bad(f"members is not a list of at most {MAX_MEMBERS:,}")
    members = []
    for i, m in enumerate(v):
        m = _obj(m, f"members[{i}]", {"name", "size", "sha256"})
        name = m["name"]
        if not isinstance(name, str):
            raise _bad(f"members[{i}].name is not text")
        if not isinstance(m["sha256"], str) or not _HEX64.fullmatch(m["sha256"]):
            raise _bad(f"members[{i}].sha256 is not 64 lowercase hex digits")
        size = _int(m["size"], f"members[{i}].size", MAX_TOTAL_BYTES)
        members.append(Member(name, size, m["sha256"]))
    check_members(members)
    return members


def check_members(members: list[Member]) -> None:
    """Names, order, uniqueness and sizes of the members (the archive-corpus rules)."""
    if len(members) < 2 or members[0].name != RECORDS or members[1].name != SYNC:
        raise _bad(f"the first members must be {RECORDS} and {SYNC}")
    seen: set[str] = set()
    total = 0
    for m in members:
        if m.name in seen:
            raise _bad(f"member {_shown(m.name)} appears twice")
        seen.add(m.name)
        if m.name not in (RECORDS, SYNC) and not _ATTACHMENT_NAME.fullmatch(m.name):
            raise _bad(
                f"member name {_shown(m.name)} is not allowed "
                "(no paths, links or names other than records, sync and attachments/<id>)"
            )
        cap = {RECORDS: MAX_RECORDS_BYTES, SYNC: MAX_SYNC_BYTES}.get(m.name, MAX_ATTACHMENT_BYTES)
        if m.size > cap:
            raise _bad(
                f"member {_shown(m.name)} declares {m.size:,} bytes, over the limit of {cap:,}"
            )
        total += m.size
    if total > MAX_TOTAL_BYTES:
        raise _bad(f"the members add up to {total:,} bytes, over the limit of {MAX_TOTAL_BYTES:,}")


def _shown(name: str) -> str:
    return repr(name if len(name) <= 80 else name[:77] + "...")
