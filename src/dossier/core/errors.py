"""One exception family whose messages are fit to show a researcher.

Every failure the program expects carries a one-line message that names what went
wrong and, where there is one, the remedy; and the exit code that `spec/cli.md`
gives it. Front ends (CLI, window) show what `present(error)` says, never a traceback.
"""

from __future__ import annotations


class DossierError(Exception):
    """Base of every expected failure. `exit_code` follows spec/cli.md."""

    exit_code = 1

    def __init__(self, message: str, *, remedy: str | None = None) -> None:
        self.message = message
        self.remedy = remedy
        super().__init__(message if not remedy else f"{message} ({remedy})")


class UsageError(DossierError):
    """The call itself is wrong: unknown option, missing argument."""

    exit_code = 2


class ValidationError(DossierError):
    """Input that does not fit: a malformed date, an unknown event type, a bad row.

    `where` names the place (a field, a row and column) so the message can point at it.
    """

    exit_code = 1

    def __init__(self, message: str, *, where: str | None = None, remedy: str | None = None):
        self.where = where
        full = f"{where}: {message}" if where else message
        super().__init__(full, remedy=remedy)


class NotFoundError(DossierError):
    """A case, event, source or contact that does not exist (or is ambiguous)."""

    exit_code = 1


class AmbiguousError(NotFoundError):
    """A reference (a case name, an id prefix) that fits several records: the message
    lists them so the researcher can pick one. Exit code 1, like a record not found."""


class UnlockError(DossierError):
    """The store or file could not be unlocked: wrong passphrase, wrong key, not for us."""

    exit_code = 3


class IntegrityError(DossierError):
    """Tampered, truncated, forged or rolled back: verification failed."""

    exit_code = 4


class RollbackError(IntegrityError):
    """An older copy of a store than this computer has seen (or one with another history).

    A subclass so that front ends can tell it from other tampering: restoring one's own
    backup on purpose looks exactly like this, and the researcher may accept it.
    """


class StoreExistsError(DossierError):
    """Refusing to overwrite an existing store or file."""

    exit_code = 1


class LockedError(DossierError):
    """An operation was attempted on a locked store."""

    exit_code = 1


# The sentence for a failure nobody expected, in the front end's language. Its message is
# never shown: an exception from deep in a library can quote a value it choked on, which
# may be a line of a record (a name, a note), and an error box is copied into tickets,
# screenshots and chats.
_UNEXPECTED = {
    "en": "internal error ({name}); nothing was changed by the failed step.",
    "zh": "内部错误（{name}）；失败的这一步没有改动任何内容。",
}


def present(exc: BaseException, lang: str = "en") -> str:
    """What a front end shows for a failure: an expected `DossierError`'s own message
    (with its remedy and where), an unexpected exception's type only.

    The one rule for the command line and the window (`lang` "zh…" for Chinese): the
    message of an unexpected exception is left out because it can carry record text.
    """
    if isinstance(exc, DossierError):
        return str(exc)
    return _UNEXPECTED["zh" if lang.startswith("zh") else "en"].format(name=type(exc).__name__)
