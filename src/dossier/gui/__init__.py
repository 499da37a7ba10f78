"""The desktop window: the only package that imports Qt (PySide6).

`dossier gui` enters through `app.run(args)`; everything the window does with data goes
through `backend.Backend`, which owns the open `Dossier` and one worker thread.
"""
