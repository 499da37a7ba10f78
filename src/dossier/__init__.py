"""Dossier: offline, encrypted case dossiers for human-rights researchers."""

__version__ = "0.1.0"
