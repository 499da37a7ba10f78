"""Where Dossier's files go and what its file dialogs offer: the user data folder, the
demo store and its passphrase, the filter for store files.

A leaf (the standard library and platformdirs only): the window, the first-run
assistant, the commands and `gui.app` all need these, and none should load another's
module — or a whole window — for a path or a constant.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs

# The demo store (`--demo`, the welcome page's button) opens with this passphrase.
DEMO_PASSPHRASE = "demo"

# The file dialogs' filter for stores (new, open, first run).
STORE_FILTER = "Dossier stores (*.db);;All files (*)"


def data_folder() -> Path:
    """The platform's user data folder for Dossier: where `dossier` (the CLI) looks for
    `dossier.db` when no --store is given (docs/cli.md), so both find the same store."""
    return Path(platformdirs.user_data_dir("Dossier", appauthor=False))


def demo_store_path() -> Path:
    """Where `--demo` keeps its store (created on first use, passphrase "demo")."""
    return data_folder() / "demo.db"
