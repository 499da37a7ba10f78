"""Private scratch folders for plaintext that must touch a file system for a moment.

Some decrypted bytes cannot stay in memory: an attachment the system viewer must open
is the one case today (the briefing preview is built into memory). Every such file
goes through this module, and only this one, so that one set of rules holds for all:

* the folder is on a memory file system where there is one (``$XDG_RUNTIME_DIR``,
  else ``/dev/shm`` on Linux); elsewhere (macOS, Windows) the system temp folder is
  the only choice (`is_memory_backed` tells which; the README says so);
* the folder is 0700 and every file 0600, created exclusively (no symlink games);
* its name carries our process id, ``dossier-<purpose>-<pid>-<random>``, so that
  `sweep_leftovers` at the next start removes what a crash left behind -- only our
  names, only folders of processes that are gone, never another user's;
* files are wiped -- overwritten with zeros, flushed, then unlinked -- not merely
  deleted, when the folder is closed (on lock, on quit, at exit). On SSDs and
  copy-on-write file systems an overwrite is not a guarantee, which is why the memory
  file system is preferred: the README says so.

Names chosen by someone else (a share's author, a colleague's spreadsheet) are cleaned
by `safe_filename` for Windows, macOS and Linux alike; `is_risky` says whether a name
is a program or shortcut type that must never be handed to the system to open.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import stat
import tempfile
import time
import unicodedata
from pathlib import Path

from .fileio import process_alive

PREFIX = "dossier-"
_OURS = re.compile(r"dossier-([a-z]+)-(\d+)-[0-9a-f]{8}")
# Folders of versions before this module (no process id in the name): swept when they
# are older than this, so that another window's folder in use is left alone.
_LEGACY = re.compile(r"dossier-(open|briefing)-[A-Za-z0-9_]{6,}")
_LEGACY_AGE = 3600.0

# Types the system would run, install or follow rather than show: programs, scripts,
# installers, shortcuts and launchers on Windows, macOS and Linux desktops.
RISKY_EXTENSIONS = frozenset(
    """
    exe com scr pif cpl msi msp msc hta bat cmd ps1 psm1 vbs vbe js jse wsf wsh wsc sct
    jar lnk url scf inf reg chm app command sh bash zsh csh ksh run desktop appimage
    workflow action pkg dmg terminal webloc fileloc inetloc py pyw pl rb
""".split()
)

_WINDOWS_RESERVED = re.compile(
    r"(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)", re.IGNORECASE
)
_UNSAFE_CHARS = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f]')
MAX_NAME = 120  # characters; well under every file system's 255-byte limit in UTF-8


def private_root() -> Path:
    """Where scratch folders go: a per-user memory file system when there is one, else
    the system temp folder."""
    for cand in (os.environ.get("XDG_RUNTIME_DIR"), "/dev/shm"):
        if cand and os.path.isdir(cand) and os.access(cand, os.W_OK | os.X_OK):
            return Path(cand)
    return Path(tempfile.gettempdir())


def is_memory_backed(folder: Path) -> bool:
    """True when `folder` is on tmpfs/ramfs (Linux); False where it cannot be told."""
    try:
        mounts = Path("/proc/self/mounts").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    best, fstype = "", ""
    target = str(folder.resolve())
    for line in mounts.splitlines():
        parts = line.split()
        if len(parts) >= 3 and (
            target == parts[1] or target.startswith(parts[1].rstrip("/") + "/")
        ):
            if len(parts[1]) > len(best):
                best, fstype = parts[1], parts[2]
    return fstype in ("tmpfs", "ramfs")


# --- names -----------------------------------------------------------------------------------


def extensions(name: str) -> list[str]:
    """Every dotted part after the first, lower case: 'ruling.pdf.exe' -> ['pdf', 'exe']."""
    parts = name.strip().rstrip(". ").lower().split(".")
    return [p.strip() for p in parts[1:] if p.strip()]


def is_risky(name: str) -> bool:
    """True when the system could run or follow `name` rather than show it: its last
    extension is a program, script, installer or shortcut type. Double extensions
    ('ruling.pdf.exe') are judged by the last one, as the system does; names whose
    characters would hide the real extension (a right-to-left override) count as risky."""
    if any(c in name for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"):
        return True
    for form in (unicodedata.normalize("NFKC", name), safe_filename(name)):
        ext = extensions(form)
        if ext and ext[-1] in RISKY_EXTENSIONS:
            return True
    return False


def safe_filename(name: str, fallback: str = "attachment") -> str:
    """`name` as a plain file name on Windows, macOS and Linux: no folders, no
    characters those systems refuse or treat specially (<>:"/\\|?* and controls),
    no bidi tricks, no leading dots (hidden files), no trailing dots or spaces
    (Windows drops them), not a reserved device name (CON, NUL, COM1 … with any
    extension), at most MAX_NAME characters with its extension kept."""
    base = unicodedata.normalize("NFC", str(name)).replace("\\", "/").split("/")[-1]
    base = _UNSAFE_CHARS.sub("_", base)
    base = base.strip().lstrip(".").rstrip(". ")
    base = re.sub(r"_{2,}", "_", base)
    if not base or base in (".", ".."):
        base = fallback
    stem, dot, ext = base.rpartition(".")
    if not dot:
        stem, ext = base, ""
    if _WINDOWS_RESERVED.fullmatch(stem.split(".")[0].strip()):
        stem = "_" + stem
    if len(ext) > 20:  # not an extension worth keeping whole
        stem, ext = base, ""
    room = MAX_NAME - (len(ext) + 1 if ext else 0)
    stem = stem[:room].rstrip(". ") or fallback
    return f"{stem}.{ext}" if ext else stem


# --- folders ---------------------------------------------------------------------------------


class ScratchDir:
    """One private folder of plaintext files, wiped by `close()` (idempotent).

    Created lazily on the first `write`/`path_for`, so an unused one costs nothing."""

    def __init__(self, purpose: str, root: Path | None = None) -> None:
        if not re.fullmatch(r"[a-z]+", purpose):
            raise ValueError("purpose: lower-case letters only")
        self.purpose = purpose
        self._root = root
        self._dir: Path | None = None

    @property
    def folder(self) -> Path | None:
        return self._dir

    def open(self) -> Path:
        """The folder, made now if it does not exist yet (0700)."""
        if self._dir is None or not self._dir.is_dir():
            root = self._root or private_root()
            name = f"{PREFIX}{self.purpose}-{os.getpid()}-{secrets.token_hex(4)}"
            path = Path(root) / name
            os.mkdir(path, 0o700)
            os.chmod(path, 0o700)  # whatever the umask
            self._dir = path
        return self._dir

    def path_for(self, filename: str) -> Path:
        """A fresh path in the folder for `filename` (cleaned; ' (1)' … when taken)."""
        folder = self.open()
        safe = safe_filename(filename)
        path = folder / safe
        stem, suffix = Path(safe).stem, Path(safe).suffix
        n = 1
        while path.exists():
            path = folder / f"{stem} ({n}){suffix}"
            n += 1
        return path

    def write(self, filename: str, data: bytes) -> Path:
        """`data` in a new 0600 file named after `filename`; its path."""
        path = self.path_for(filename)
        fd = os.open(
            path,
            os.O_WRONLY
            | os.O_CREAT
            | os.O_EXCL
            | getattr(os, "O_NOFOLLOW", 0)
            | getattr(os, "O_BINARY", 0),
            0o600,
        )
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        return path

    def close(self) -> None:
        """Wipe every file and remove the folder."""
        if self._dir is not None:
            wipe_tree(self._dir)
            self._dir = None

    def __enter__(self) -> ScratchDir:
        self.open()
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def wipe_file(path: Path) -> None:
    """Overwrite `path` with zeros to its length, flush it to disk, then unlink it."""
    with contextlib.suppress(OSError):
        st = os.lstat(path)
        if stat.S_ISREG(st.st_mode) and st.st_size:
            with contextlib.suppress(OSError):
                os.chmod(path, 0o600)
            fd = os.open(
                path, os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
            )
            try:
                block = b"\0" * (1 << 20)
                left = st.st_size
                while left > 0:
                    left -= os.write(fd, block[: min(left, len(block))])
                os.fsync(fd)
            finally:
                os.close(fd)
    with contextlib.suppress(FileNotFoundError, OSError):
        os.unlink(path)


def wipe_tree(folder: Path) -> None:
    """Wipe every regular file under `folder` (links are removed, never followed), then
    remove what is left."""
    if not os.path.lexists(folder):
        return
    if os.path.islink(folder):
        with contextlib.suppress(OSError):
            os.unlink(folder)
        return
    for dirpath, dirnames, filenames in os.walk(folder, topdown=False, onerror=lambda e: None):
        for f in filenames:
            wipe_file(Path(dirpath) / f)
        for d in dirnames:
            p = Path(dirpath) / d
            with contextlib.suppress(OSError):
                os.unlink(p) if os.path.islink(p) else os.rmdir(p)
    shutil.rmtree(folder, ignore_errors=True)


def sweep_leftovers(roots: list[Path] | None = None, *, now: float | None = None) -> list[Path]:
    """Wipe scratch folders a crashed or killed Dossier left behind; the ones removed.

    Only folders with our names, owned by this user, of processes no longer running
    (or, for the name pattern of older versions, untouched for an hour)."""
    roots = roots if roots is not None else list({private_root(), Path(tempfile.gettempdir())})
    now = time.time() if now is None else now
    uid = os.getuid() if hasattr(os, "getuid") else None
    removed: list[Path] = []
    for root in roots:
        try:
            entries = list(os.scandir(root))
        except OSError:
            continue
        for entry in entries:
            if not entry.name.startswith(PREFIX):
                continue
            try:
                st = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            if not stat.S_ISDIR(st.st_mode) or (uid is not None and st.st_uid != uid):
                continue
            ours = _OURS.fullmatch(entry.name)
            if ours:
                stale = not process_alive(int(ours.group(2)))
            else:
                stale = bool(_LEGACY.fullmatch(entry.name)) and now - st.st_mtime > _LEGACY_AGE
            if stale:
                wipe_tree(Path(entry.path))
                removed.append(Path(entry.path))
    return removed
