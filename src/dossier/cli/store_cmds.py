"""init, demo, verify, passwd, backup, key-backup, key-restore."""

from __future__ import annotations

import os
from pathlib import Path

from dossier.core.errors import (
    IntegrityError,
    RollbackError,
    StoreExistsError,
    UnlockError,
    UsageError,
)
from dossier.services import maintenance
from dossier.services.demo import build_demo
from dossier.services.dossier import Dossier

from .common import (
    add_store_options,
    add_weak_option,
    default_store,
    emit_json,
    new_passphrase,
    passphrase,
    say,
    store_path,
    warn,
)


def open_dossier(args) -> Dossier:
    """Open the store, after checking it is there: a missing store is reported before
    anyone is asked to type a passphrase for nothing."""
    path = store_path(args)
    require_store(path)
    return Dossier.open(path, passphrase(args))


def require_store(path: Path) -> None:
    if not path.exists():
        where = (
            ""
            if os.environ.get("DOSSIER_STORE") or path != default_store()
            else " (the default store)"
        )
        raise UnlockError(
            f"no store at {path}{where}",
            remedy="create one with `dossier init PATH`, or give --store / DOSSIER_STORE",
        )


def _store_positional(p) -> None:
    """`STORE` may also be given as the first argument (as in `dossier verify STORE`)."""
    p.add_argument("store_arg", nargs="?", metavar="STORE", help="the store (same as --store)")


def _take_store_arg(args) -> None:
    given = getattr(args, "store_arg", None)
    if not given:
        return
    if args.store and Path(args.store) != Path(given):
        raise UsageError(f"two different stores given: {given} and --store {args.store}")
    args.store = given


def register(sub) -> None:
    p = sub.add_parser("init", help="create a new, empty encrypted store")
    p.add_argument(
        "store_arg", nargs="?", metavar="PATH", help="where to create it (same as --store)"
    )
    add_store_options(p)
    add_weak_option(p)
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("demo", help="write the demo store (the February 2018 NGO letter)")
    p.add_argument("path", metavar="PATH")
    add_store_options(p)
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("verify", help="full integrity check of the store")
    _store_positional(p)
    add_store_options(p)
    p.add_argument(
        "--accept-restore",
        action="store_true",
        help="this is an older copy that you restored from your own backup on purpose: "
        "accept it as the current one instead of refusing it as a rollback",
    )
    p.set_defaults(func=cmd_verify)

    p = sub.add_parser("passwd", help="change the store's passphrase")
    add_store_options(p)
    p.add_argument("--new-passphrase-file", metavar="PATH", help="env DOSSIER_NEW_PASSPHRASE")
    add_weak_option(p)
    p.add_argument(
        "--rekey",
        action="store_true",
        help="also re-encrypt every page with a new data key (if you think the key leaked)",
    )
    p.set_defaults(func=cmd_passwd)

    p = sub.add_parser(
        "backup", help="a consistent encrypted copy of the store (FILE and FILE.key)"
    )
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    add_store_options(p)
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser(
        "key-backup", help="a copy of the store's key header (encrypted under the passphrase)"
    )
    _store_positional(p)
    p.add_argument("out", metavar="OUT", help="the file to write (or a folder to put it in)")
    p.add_argument("--overwrite", action="store_true", help="replace OUT if it exists")
    add_store_options(p)
    p.set_defaults(func=cmd_key_backup)

    p = sub.add_parser(
        "key-restore", help="put back a lost or damaged key header from a key-backup copy"
    )
    _store_positional(p)
    p.add_argument("backup", metavar="BACKUP", help="the file `key-backup` wrote")
    add_store_options(p)
    p.set_defaults(func=cmd_key_restore)


def _refuse_existing(path: Path) -> None:
    """Before the passphrase prompt: a store is never overwritten (Store.create checks too)."""
    if path.exists():
        raise StoreExistsError(
            f"{path} already exists; refusing to overwrite it",
            remedy="choose another path, or open it with --store",
        )


def cmd_init(args) -> int:
    _take_store_arg(args)
    path = store_path(args)
    _refuse_existing(path)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    d = Dossier.create(path, new_passphrase(args))
    d.close()
    key = maintenance.key_header_file(path)
    if args.json:
        emit_json({"store": str(path), "key_header": str(key)})
    else:
        say(f"created {path} (and its key header {key} — keep both, and back them up)")
    return 0


def cmd_demo(args) -> int:
    # Exempt from the passphrase policy: the demo holds only public cases, and its
    # passphrase ("demo" in `make demo` and the window) is printed for all to read.
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
    _take_store_arg(args)
    require_store(store_path(args))
    path, secret = store_path(args), passphrase(args)
    accepted = False
    try:
        d = Dossier.open(path, secret)
    except RollbackError:
        if not args.accept_restore:
            raise
        maintenance.accept_restore(path, secret)
        accepted = True
        d = Dossier.open(path, secret)
    with d:
        rep = maintenance.verify(d)
    if args.json:
        emit_json({**rep.to_json(), "accepted_restore": accepted})
    elif accepted:
        say(f"accepted {path} as the current copy of the store (restored on purpose)")
    if not args.json and rep.ok:
        say(
            "ok: page authentication, integrity check, attachment blobs and hashes and search index all verified"
        )
    if not rep.ok:
        problems = []
        if rep.cipher_pages_failed:
            problems.append(f"{rep.cipher_pages_failed} pages failed authentication")
        if rep.integrity:
            problems.append("integrity_check: " + "; ".join(rep.integrity[:3]))
        if rep.bad_attachments:
            problems.append(
                "attachments missing or changed: " + "; ".join(rep.attachment_problems[:5])
            )
        if not rep.search_index_ok:
            problems.append("the search index is damaged")
        raise IntegrityError(
            "verification failed: " + "; ".join(problems), remedy="restore from a backup"
        )
    return 0


def cmd_passwd(args) -> int:
    with open_dossier(args) as d:
        new = new_passphrase(
            args,
            file_attr="new_passphrase_file",
            env="DOSSIER_NEW_PASSPHRASE",
            what="new passphrase",
        )
        maintenance.change_passphrase(d, new, rekey=args.rekey)
    if args.json:
        emit_json({"changed": True})
    else:
        say("the passphrase was changed")
    return 0


def cmd_key_backup(args) -> int:
    _take_store_arg(args)
    with open_dossier(args) as d:
        out = maintenance.backup_key_header(d, args.out, overwrite=args.overwrite)
    if args.json:
        emit_json({"key_backup": str(out)})
    else:
        say(
            f"wrote a copy of the key header to {out}; it opens nothing without the passphrase, "
            "and brings back a lost or damaged key header with `dossier key-restore`"
        )
    return 0


def cmd_key_restore(args) -> int:
    _take_store_arg(args)
    path = store_path(args)
    report = maintenance.restore_key_header(path, args.backup, passphrase(args))
    key = maintenance.key_header_file(path)
    if args.json:
        emit_json(
            {
                "restored": str(key),
                "vouched": report.vouched,
                "unverified": list(report.unverified),
            }
        )
    else:
        kept = f" (the one it replaced is kept as {report.aside})" if report.aside else ""
        say(f"restored the key header {key} from {args.backup}{kept}")
        if report.vouched:
            say("the store matches the seal of its last clean close: every page was checked")
    for note in report.unverified:
        warn(note)
    return 0


def cmd_backup(args) -> int:
    with open_dossier(args) as d:
        out = maintenance.backup(d, args.output)
    key = maintenance.key_header_file(out)
    if args.json:
        emit_json({"backup": str(out), "key_header": str(key)})
    else:
        say(f"backed up to {out} and {key} (it opens with the same passphrase)")
    return 0
