"""The people around a share: the researcher's public identity, their contacts, and
who a share names — turned into recipients to encrypt to, or into a readable signer.

Pure functions over plain data (the services layer reads the contacts from the store).
"""

from __future__ import annotations

from dataclasses import dataclass

from dossier.core.errors import NotFoundError
from dossier.crypto import keys

from .manifest import Manifest, Recipient
from .report import RecipientInfo, Signer


@dataclass(frozen=True)
class IdentityInfo:
    """The researcher's public keys (never the secrets) and when they were made."""

    recipient: str
    signing_key: str
    fingerprint: str
    created: str

    def to_json(self) -> dict:
        return {
            "recipient": self.recipient,
            "signing_key": self.signing_key,
            "fingerprint": self.fingerprint,
            "created": self.created,
        }

    def card(self) -> str:
        """The text block a colleague pastes into `contacts add` (or reads out)."""
        return (
            f"recipient: {self.recipient}\nsigning-key: {self.signing_key}\n"
            f"fingerprint: {self.fingerprint}\n"
        )


def parse_contact_card(text: str) -> tuple[str | None, str | None]:
    """(recipient, signing key) found in a pasted card; either may be None."""
    recipient = key = None
    for line in text.splitlines():
        label, _, value = line.partition(":")
        label, value = label.strip().lower(), value.strip()
        if label == "recipient" and value.startswith("age1"):
            recipient = value
        elif label in ("signing-key", "signing_key") and value:
            key = value
        elif line.strip().startswith("age1") and recipient is None:
            recipient = line.strip()
    return recipient, key


@dataclass(frozen=True)
class Contact:
    """A colleague: their age recipient, their signing key (if given) and whether the
    researcher compared the fingerprint with them."""

    name: str
    recipient: str
    signing_key: str | None
    verified: bool
    created: str

    @property
    def fingerprint(self) -> str | None:
        return keys.fingerprint(self.signing_key) if self.signing_key else None

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "recipient": self.recipient,
            "signing_key": self.signing_key,
            "fingerprint": self.fingerprint,
            "verified": self.verified,
            "created": self.created,
        }


def pick_recipients(contacts: list[Contact], to: list[str]) -> tuple[list[Recipient], list[str]]:
    """Contact names (exact, else a unique case-insensitive match) or age1… strings →
    recipients (with the contact's fingerprint when known) and labels for the report."""
    by_name = {c.name: c for c in contacts}
    folded: dict[str, list[Contact]] = {}
    for c in contacts:
        folded.setdefault(c.name.casefold(), []).append(c)
    by_recipient = {c.recipient: c for c in contacts}
    out: dict[str, Recipient] = {}
    labels: list[str] = []
    for raw in to:
        text = raw.strip()
        matches = folded.get(text.casefold(), [])
        c = by_name.get(text) or (matches[0] if len(matches) == 1 else None)
        if c is None:
            if not text.startswith("age1"):
                raise NotFoundError(
                    f"no contact named {text!r}",
                    remedy="see `dossier contacts list`, or give an age1… recipient",
                )
            rec = keys.parse_recipient(text)
            c = by_recipient.get(rec)
            if c is None:
                out.setdefault(rec, Recipient(rec, None))
                labels.append(rec)
                continue
        out.setdefault(c.recipient, Recipient(c.recipient, c.fingerprint))
        labels.append(c.name)
    return list(out.values()), labels


def signer_of(m: Manifest, contacts: list[Contact], me: IdentityInfo | None) -> Signer:
    """Who signed: a contact with that signing key, the researcher, or nobody known."""
    c = next((c for c in contacts if c.signing_key == m.signing_key), None)
    return Signer(
        m.fingerprint,
        m.signing_key,
        c.name if c else None,
        bool(c and c.verified),
        bool(me and me.signing_key == m.signing_key),
    )


def recipients_of(
    m: Manifest, contacts: list[Contact], me: IdentityInfo | None
) -> list[RecipientInfo]:
    by_rec = {c.recipient: c for c in contacts}
    return [
        RecipientInfo(
            r.recipient,
            r.fingerprint,
            by_rec[r.recipient].name if r.recipient in by_rec else None,
            bool(me and me.recipient == r.recipient),
        )
        for r in m.recipients
    ]
