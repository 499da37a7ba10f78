"""identity, contacts, share (spec/cli.md).

    identity create | show | export-age-identity -o FILE
    contacts add NAME RECIPIENT [--signing-key KEY] [--verified] | list | remove NAME
    share export -o FILE [--cases IDS | --tag T | --all] [--to X]... [--passphrase] [--audience A]
    share inspect FILE
    share import FILE [--accept-unknown-signer] [--conflicts both|mine|theirs] [--dry-run]

Exit codes follow the spec: 3 when a share cannot be opened or was not meant for us,
4 when a signature, hash or replay check fails or the signer is unknown.
"""

from __future__ import annotations

from pathlib import Path

from dossier.core import vocab
from dossier.core.errors import UsageError
from dossier.services import sharing

from .common import (
    add_store_options,
    add_weak_option,
    emit_json,
    new_passphrase,
    passphrase,
    say,
    warn,
)
from .store_cmds import open_dossier
from .transfer_cmds import resolve_ids

_PASS_HELP = "the share passphrase: first line of PATH (env DOSSIER_SHARE_PASSPHRASE)"
_SHARE_PASS = dict(
    file_attr="share_passphrase_file", env="DOSSIER_SHARE_PASSPHRASE", what="share passphrase"
)


def _group(sub, name: str, help_text: str, actions: str):
    p = sub.add_parser(name, help=help_text)
    inner = p.add_subparsers(dest=f"{name}_command", metavar="ACTION", parser_class=type(p))

    def missing(args) -> int:
        raise UsageError(f"say what to do: dossier {name} {{{actions}}} (see --help)")

    p.set_defaults(func=missing)
    return inner


def _leaf(inner, name: str, help_text: str, func):
    p = inner.add_parser(name, help=help_text)
    add_store_options(p)
    p.set_defaults(func=func)
    return p


def register(sub) -> None:
    ident = _group(
        sub,
        "identity",
        "your key pair for sharing (kept inside the store)",
        "create,show,export-age-identity",
    )
    _leaf(ident, "create", "create your key pair", cmd_identity_create)
    _leaf(ident, "show", "print your recipient, signing key and fingerprint", cmd_identity_show)
    p = _leaf(
        ident, "export-age-identity", "write your private key for the age tool", cmd_identity_export
    )
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.add_argument(
        "--protect",
        action="store_true",
        help="encrypt FILE under a passphrase (prompt, --identity-passphrase-file or "
        "DOSSIER_IDENTITY_PASSPHRASE); `age -d -i FILE` asks for it",
    )
    p.add_argument(
        "--identity-passphrase-file",
        metavar="PATH",
        help="the passphrase for --protect: first line of PATH",
    )
    add_weak_option(p)

    contacts = _group(sub, "contacts", "colleagues' public keys", "add,list,remove")
    p = _leaf(contacts, "add", "add a colleague", cmd_contacts_add)
    p.add_argument("name", metavar="NAME")
    p.add_argument("recipient", metavar="RECIPIENT", help="their age1… recipient")
    p.add_argument("--signing-key", metavar="KEY", help="ed25519:… as `identity show` prints it")
    p.add_argument("--verified", action="store_true", help="you compared the fingerprint in person")
    _leaf(contacts, "list", "list your contacts", cmd_contacts_list)
    p = _leaf(contacts, "remove", "remove a contact", cmd_contacts_remove)
    p.add_argument("name", metavar="NAME")

    share = _group(sub, "share", "signed, encrypted share files", "export,inspect,import")
    p = _leaf(share, "export", "write a share file", cmd_share_export)
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--cases", metavar="IDS", help="comma-separated case ids or names")
    which.add_argument("--tag", metavar="T")
    which.add_argument("--all", action="store_true", help="every case (the default)")
    p.add_argument("--to", action="append", default=[], metavar="CONTACT_OR_RECIPIENT")
    p.add_argument(
        "--passphrase",
        action="store_true",
        help="encrypt to a passphrase (prompt, --share-passphrase-file or "
        "DOSSIER_SHARE_PASSPHRASE)",
    )
    p.add_argument("--share-passphrase-file", metavar="PATH", help=_PASS_HELP)
    p.add_argument("--audience", choices=list(vocab.AUDIENCES), default="internal")

    p = _leaf(
        share, "inspect", "who signed a share file, for whom, what it holds", cmd_share_inspect
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("--share-passphrase-file", metavar="PATH", help=_PASS_HELP)

    p = _leaf(share, "import", "verify a share file, then merge it in", cmd_share_import)
    p.add_argument("file", metavar="FILE")
    p.add_argument(
        "--accept-unknown-signer",
        action="store_true",
        help="import even if the signer is not among your contacts",
    )
    p.add_argument(
        "--conflicts",
        choices=[r.value for r in sharing.Resolution],
        default="both",
        help="how to resolve records changed on both sides (default: keep both)",
    )
    p.add_argument("--dry-run", action="store_true", help="show what would change; write nothing")
    p.add_argument("--share-passphrase-file", metavar="PATH", help=_PASS_HELP)


# --- identity ----------------------------------------------------------------------------------


def _print_identity(args, info: sharing.IdentityInfo) -> None:
    if args.json:
        emit_json(info.to_json())
    else:
        say(f"recipient: {info.recipient}")
        say(f"signing-key: {info.signing_key}")
        say(f"fingerprint: {info.fingerprint}")


def cmd_identity_create(args) -> int:
    with open_dossier(args) as d:
        info = sharing.create_identity(d)
    _print_identity(args, info)
    return 0


def cmd_identity_show(args) -> int:
    with open_dossier(args) as d:
        info = sharing.identity_info(d)
    _print_identity(args, info)
    return 0


def cmd_identity_export(args) -> int:
    with open_dossier(args) as d:
        secret = (
            new_passphrase(
                args,
                file_attr="identity_passphrase_file",
                env="DOSSIER_IDENTITY_PASSPHRASE",
                what="identity passphrase",
            )
            if args.protect
            else None
        )
        out = sharing.export_age_identity(d, args.output, overwrite=args.force, passphrase=secret)
    if secret is None:
        warn(
            f"{out} holds your PRIVATE key, UNENCRYPTED (mode 0600): anyone who gets a copy "
            "can read every share sent to you, for as long as you use this identity. Prefer "
            "--protect (a passphrase-protected file `age -d -i` opens), keep it off synced "
            "folders and backups, and delete it when you no longer need it."
        )
    else:
        warn(
            f"{out} holds your private key, encrypted under the identity passphrase; "
            "delete it when you no longer need it."
        )
    if args.json:
        emit_json({"output": str(out)})
    else:
        say(f"wrote {out}")
    return 0


# --- contacts ----------------------------------------------------------------------------------


def cmd_contacts_add(args) -> int:
    with open_dossier(args) as d:
        c = sharing.add_contact(d, args.name, args.recipient, args.signing_key, args.verified)
    if args.json:
        emit_json(c.to_json())
    else:
        say(
            f"added {c.name}"
            + (
                f" (fingerprint {c.fingerprint})"
                if c.fingerprint
                else " (no signing key: shares from them will show as unknown)"
            )
        )
    return 0


def cmd_contacts_list(args) -> int:
    with open_dossier(args) as d:
        contacts = sharing.list_contacts(d)
    if args.json:
        emit_json([c.to_json() for c in contacts])
        return 0
    for c in contacts:
        mark = "verified" if c.verified else "not verified"
        say(f"{c.name}\t{c.recipient}\t{c.fingerprint or '(no signing key)'}\t{mark}")
    return 0


def cmd_contacts_remove(args) -> int:
    with open_dossier(args) as d:
        c = sharing.remove_contact(d, args.name)
    if args.json:
        emit_json(c.to_json())
    else:
        say(f"removed {c.name}")
    return 0


# --- share -------------------------------------------------------------------------------------


def cmd_share_export(args) -> int:
    if not args.to and not args.passphrase:
        raise UsageError("say who the share is for: --to CONTACT_OR_RECIPIENT, or --passphrase")
    with open_dossier(args) as d:
        if args.tag:
            ids = d.case_ids_with_tag(args.tag)
            if not ids:
                raise UsageError(f"no case has the tag {args.tag!r}")
        else:
            ids = None if args.all else resolve_ids(d, args.cases)
        secret = passphrase(args, confirm=True, **_SHARE_PASS) if args.passphrase else None
        rep = sharing.export_share(
            d, args.output, ids, to=args.to, passphrase=secret, audience=args.audience
        )
    if args.json:
        emit_json(rep.to_json())
        return 0
    c = rep.counts
    say(
        f"wrote {rep.output}: {c['cases']} cases, {c['events']} events, {c['sources']} sources, "
        f"{c['attachments']} attachments, for {', '.join(rep.recipients)} "
        f"(audience {rep.audience}); share id {rep.share_id}"
    )
    if rep.withheld_cases:
        warn(
            f"{rep.withheld_cases} cases were left out: their sensitivity is above the "
            f"audience {rep.audience!r}"
        )
    return 0


def _share_secret(args) -> str | None:
    """The share passphrase, asked for only when the file is a passphrase share."""
    if Path(args.file).is_file() and sharing.share_needs_passphrase(Path(args.file)):
        return passphrase(args, **_SHARE_PASS)
    return None


def cmd_share_inspect(args) -> int:
    with open_dossier(args) as d:
        info = sharing.inspect_share(d, args.file, _share_secret(args))
    if args.json:
        emit_json(info.to_json())
    else:
        for line in info.lines():
            say(line)
    return 0


def cmd_share_import(args) -> int:
    with open_dossier(args) as d:
        secret = _share_secret(args)
        pending = sharing.preview_share(
            d,
            args.file,
            secret,
            accept_unknown_signer=args.accept_unknown_signer,
            stage=not args.dry_run,  # a dry run keeps no attachment body
        )
        try:
            if not pending.info.signer.known:
                warn(f"accepted a share signed by an unknown key {pending.info.signer.fingerprint}")
            if args.dry_run:
                if args.json:
                    emit_json(pending.preview.to_json())
                else:
                    _print_preview(pending.preview)
                return 0
            res = {c.key: sharing.Resolution(args.conflicts) for c in pending.preview.conflicts}
            rep = sharing.apply_share(d, pending, res)
        finally:
            pending.discard()
    if args.json:
        emit_json(rep.to_json())
    else:
        for line in rep.lines():
            say(line)
    return 0


def _print_preview(p) -> None:
    doc = p.to_json()
    for line in p.info.lines():
        say(line)

    def fmt(counts: dict) -> str:
        return ", ".join(f"{n} {k}" for k, n in counts.items() if n) or "nothing"

    say(f"would add: {fmt(doc['new'])}")
    say(f"would update (changed on their side only): {fmt(doc['changed'])}")
    say(f"conflicting (changed on both sides): {len(doc['conflicting'])}")
    for c in doc["conflicting"]:
        why = f" — {c['note']}" if c.get("note") else ""
        say(f"  {c['kind']} {c['label']!r} ({c['id']}): {', '.join(c['fields'])}{why}")
    say(f"unchanged: {doc['unchanged']}")
    for dup in p.duplicates:
        say(
            f"likely duplicate: {dup.incoming_name!r} looks like your {dup.local_name!r} "
            f"({dup.local_id}): {dup.reason}"
        )
