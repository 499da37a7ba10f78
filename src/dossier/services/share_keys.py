"""The researcher's sharing identity and their contacts (for share export and import).

Identity: one X25519 age key pair (to receive) and one Ed25519 key pair (to sign),
created on demand and kept only inside the encrypted store (table `identity`).
Contacts: colleagues' public recipient strings and signing keys, with a "verified in
person" flag. `services.sharing` is the facade the window and the command line use.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import select

from dossier.core import validate
from dossier.core.errors import NotFoundError, StoreExistsError, ValidationError
from dossier.core.fileio import atomic_write_bytes
from dossier.core.model import now_iso
from dossier.crypto import keys
from dossier.share.people import Contact, IdentityInfo
from dossier.store import repo, unit
from dossier.store.schema import ContactRow, IdentityRow

from .dossier import Dossier

NO_IDENTITY = "you have no identity yet"
CREATE_IT = "create one with `dossier identity create`, or in the window under Tools"
# --- identity -------------------------------------------------------------------------------


def _info(ident: keys.Identity, created: str) -> IdentityInfo:
    return IdentityInfo(ident.recipient, ident.signing_key, ident.fingerprint, created)


def identity_row(d: Dossier) -> IdentityRow | None:
    with d.store.read() as s:
        row = s.get(IdentityRow, 1)
        if row is not None:
            s.expunge(row)
        return row


def has_identity(d: Dossier) -> bool:
    return identity_row(d) is not None


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
    row = identity_row(d)
    if row is None:
        raise NotFoundError(NO_IDENTITY, remedy=CREATE_IT)
    return keys.Identity.from_secrets(row.age_secret, bytes(row.signing_seed))


def identity_info(d: Dossier) -> IdentityInfo:
    row = identity_row(d)
    if row is None:
        raise NotFoundError(NO_IDENTITY, remedy=CREATE_IT)
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
