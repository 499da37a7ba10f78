"""Dialogs of the window. Each is opened window-modal with `open()` where it can be,
so that tests drive them directly instead of stubbing a blocking `exec()`."""
