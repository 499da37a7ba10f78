"""init, demo, verify, passwd, backup."""

from __future__ import annotations

from pathlib import Path

from dossier.core.errors import IntegrityError
from dossier.services import maintenance
from dossier.services.demo import build_demo
from dossier.services.dossier import Dossier

from .common import add_store_options, emit_json, passphrase, say, store_path


def open_dossier(args) -> Dossier:
    return Dossier.open(store_path(args), passphrase(args))


def register(sub) -> None:
    p = sub.add_parser("init", help="create a new, empty encrypted store")
    add_store_options(p)
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("demo", help="write the demo store (the February 2018 NGO letter)")
    p.add_argument("path", metavar="PATH")
    add_store_options(p)
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("verify", help="full integrity check of the store")
    add_store_options(p)
    p.set_defaults(func=cmd_verify)

    p = sub.add_parser("passwd", help="change the store's passphrase")
    add_store_options(p)
    p.add_argument("--new-passphrase-file", metavar="PATH", help="env DOSSIER_NEW_PASSPHRASE")
    p.add_argument("--rekey", action="store_true",
                   help="also re-encrypt every page with a new data key (if you think the key leaked)")
    p.set_defaults(func=cmd_passwd)

    p = sub.add_parser("backup", help="a consistent encrypted copy of the store (FILE and FILE.key)")
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    add_store_options(p)
    p.set_defaults(func=cmd_backup)


def cmd_init(args) -> int:
    path = store_path(args)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    d = Dossier.create(path, passphrase(args, confirm=True))
    d.close()
    if args.json:
        emit_json({"store": str(path), "key_header": str(path) + ".key"})
    else:
        say(f"created {path} (and its key header {path}.key — keep both, and back them up)")
    return 0


def cmd_demo(args) -> int:
    path = Path(args.path)
    d = Dossier.create(path, passphrase(args, confirm=True))
    try:
        ids = build_demo(d)
    finally:
        d.close()
    if args.json:
        emit_json({"store": str(path), "cases": ids})
    else:
        say(f"wrote the demo store {path} with {len(ids)} cases")
    return 0


def cmd_verify(args) -> int:
    with open_dossier(args) as d:
        rep = maintenance.verify(d)
    if args.json:
        emit_json(rep.to_json())
    elif rep.ok:
        say("ok: page authentication, integrity check, attachment hashes and search index all verified")
    if not rep.ok:
        problems = []
        if rep.cipher_pages_failed:
            problems.append(f"{rep.cipher_pages_failed} pages failed authentication")
        if rep.integrity:
            problems.append("integrity_check: " + "; ".join(rep.integrity[:3]))
        if rep.bad_attachments:
            problems.append("attachments changed: " + ", ".join(rep.bad_attachments[:5]))
        if not rep.search_index_ok:
            problems.append("the search index is damaged")
        raise IntegrityError("verification failed: " + "; ".join(problems), remedy="restore from a backup")
    return 0


def cmd_passwd(args) -> int:
    with open_dossier(args) as d:
        new = passphrase(args, confirm=True, file_attr="new_passphrase_file",
                         env="DOSSIER_NEW_PASSPHRASE", what="new passphrase")  # fmt: skip
        maintenance.change_passphrase(d, new, rekey=args.rekey)
    if args.json:
        emit_json({"changed": True})
    else:
        say("the passphrase was changed")
    return 0


def cmd_backup(args) -> int:
    with open_dossier(args) as d:
        out = maintenance.backup(d, args.output)
    if args.json:
        emit_json({"backup": str(out), "key_header": str(out) + ".key"})
    else:
        say(f"backed up to {out} and {out}.key (it opens with the same passphrase)")
    return 0
