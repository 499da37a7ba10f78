"""Share files between researchers: signed, encrypted, verified, merged.

container (the inner archive) · manifest (what is signed) · package (write and read
whole files) · stream (plaintext without temp files) · units and merge (the merge rule,
pure) · dedupe (likely duplicates) · people and report (contacts, signers, what to tell
the researcher) · local (the store side of a merge). docs/share-format.md is the
reference; services/sharing.py is the door the CLI and the window use.
"""
