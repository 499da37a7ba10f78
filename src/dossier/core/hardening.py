"""Process hardening: no core dumps, and (on Linux) no other process of ours may read our memory.

Why (SECURITY.md item 10): an unlocked store's data key, decrypted case records and
passphrases live in this process's memory. A crash that writes a core dump would put them
on disk in plaintext, where a seized laptop gives them away; so the core size limit is set
to zero (`RLIMIT_CORE`, every POSIX system). On Linux, `prctl(PR_SET_DUMPABLE, 0)` also
stops the kernel (and systemd-coredump) from dumping this process at all, and stops other
processes running as the same user from attaching a debugger or reading /proc/<pid>/mem.

Call `harden_process()` once, first thing, from each front end (the CLI's `main` and the
window's start). It never raises: an environment that refuses (a container without
prctl, a platform without `resource`) leaves that protection off and says so in the
returned report. On Windows it does nothing (Windows Error Reporting dumps are governed
by system policy, not by the process).
"""

from __future__ import annotations

import contextlib
import sys
from dataclasses import dataclass

PR_SET_DUMPABLE = 4
PR_GET_DUMPABLE = 3


@dataclass(frozen=True)
class HardeningReport:
    """What `harden_process` managed to switch on."""

    core_dumps_disabled: bool
    not_dumpable: bool

    @property
    def complete(self) -> bool:
        """Everything this platform offers is on (Linux: both; other POSIX: core dumps)."""
        if sys.platform.startswith("linux"):
            return self.core_dumps_disabled and self.not_dumpable
        if sys.platform == "win32":
            return True
        return self.core_dumps_disabled


def harden_process() -> HardeningReport:
    """Disable core dumps (and, on Linux, mark the process not dumpable). Never raises."""
    if sys.platform == "win32":
        return HardeningReport(core_dumps_disabled=False, not_dumpable=False)
    return HardeningReport(core_dumps_disabled=_no_core_dumps(), not_dumpable=_not_dumpable())


def is_dumpable() -> bool | None:
    """Linux: whether the kernel would dump this process (None where it cannot be asked)."""
    libc = _libc()
    if libc is None:
        return None
    result = libc.prctl(PR_GET_DUMPABLE, 0, 0, 0, 0)
    return None if result < 0 else bool(result)


def _no_core_dumps() -> bool:
    try:
        import resource
    except ImportError:  # not a POSIX system
        return False
    try:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ValueError, OSError):
        # Some sandboxes refuse to lower the hard limit; the soft limit is what counts.
        with contextlib.suppress(ValueError, OSError):
            _soft, hard = resource.getrlimit(resource.RLIMIT_CORE)
            resource.setrlimit(resource.RLIMIT_CORE, (0, hard))
    try:
        return resource.getrlimit(resource.RLIMIT_CORE)[0] == 0
    except (ValueError, OSError):
        return False


def _not_dumpable() -> bool:
    libc = _libc()
    if libc is None:
        return False
    if libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0:
        return False
    return is_dumpable() is False


def _libc():
    """The C library with a typed `prctl`, on Linux only; None elsewhere or if unavailable."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        # The running program's own symbols include libc's; no library search (which
        # can spawn ldconfig) on the start-up path.
        libc = ctypes.CDLL(None, use_errno=True)
        prctl = libc.prctl
    except (OSError, AttributeError):
        return None
    prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
    prctl.restype = ctypes.c_int
    return libc
