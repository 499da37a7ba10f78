"""For each goal the report can find missed: what the gap comes from and what would
close it. Templates: {placeholders} are filled by report.facts() from the same run's
figures ('?' where the run lacks one), so a text never quotes stale numbers. Written
from the code and from measurements in this run (bench_store's attribution phase, the
window's idle heartbeat, the share's store-only read and write); reviewed by the lead.
"""

from __future__ import annotations

GAPS: dict[str, str] = {
    "store.insert": (
        "Counted in CPU time of the inserting process, which the load of other processes does not stretch, "
        "the full insert took {insert_cpu_enc} s on SQLCipher against {insert_cpu_plain} s on plain SQLite "
        "(ratio {insert_cpu_ratio}); the rest of the wall-time gap is waiting (disk, and the other processes "
        "on 2 shared cores). The same run attributes it ({attr_cases} cases inserted in one process, CPU seconds): plain SQLite "
        "{attr_plain_cpu}, SQLCipher keyed with `cipher_memory_security` OFF — as the store runs it since "
        "issue 13 (SECURITY.md) — {attr_off_cpu}, and ON, as it ran before, {attr_on_cpu}. With memory "
        "security off, page encryption and HMACs are what is left; on a shared machine the ratio also moves "
        "with the load. What would close the rest: fewer allocations per row (one FTS row per case rather "
        "than per event)."
    ),
    "store.search_median": (
        "Two parts, both measured in this run. Opening a session, which every search does (NullPool: no idle "
        "connection holds the key), costs {session_enc} ms on SQLCipher vs {session_plain} ms on SQLite. The "
        "rest is the query itself: on a small store in one process the median search took "
        "{attr_plain_search} ms on plain SQLite, {attr_off_search} ms keyed with memory security OFF (as the "
        "store runs now) and {attr_on_search} ms with it ON (as it ran before issue 13). The slowest kind of "
        "query was {search_worst_kind} ({search_worst_kind_ms} ms). What would close it: one long-lived read "
        "connection owned by the worker while the store is "
        "unlocked, closed on lock — the key already lives in memory for that long."
    ),
    "store.kdf_calibrated": (
        "`kdf.calibrate(1.0)` times the floor twice (keeping the faster: a process's first derivation also "
        "faults in its 64 MiB) and once at a guess, and fits `fixed + per_pass × passes`. On a shared machine "
        "(load {load} at the start) the timings it fits and the ones measured afterwards see different loads, "
        "so the calibrated cost can land away from one second. What would close it: re-check the unlock time "
        "on the user's machine at each unlock and offer to re-wrap the key (`passwd`) when it drifts far "
        "from one second."
    ),
    "window.longest_stall": (
        "The worst stall was {worst_stall_name} ({worst_stall_ms} ms, median of three; the same 5 ms heartbeat "
        "with nothing to do gapped at most {idle_gap} ms in the same process — load {window_load} on 2 cores "
        "at the start). The list is fetched in chunks of light typed rows and appended in batches; a new "
        "as-of day is counted in two separate processes and the whole list of the day adopted without a "
        "model reset; a keystroke filters rows already loaded and sorted. A painted cell calls Python "
        "once (multiData, no flags()), the GIL's switch interval is 2 ms, and the pending marks of a new "
        "day are painted before the worker starts. What is left is each painted cell still taking the GIL "
        "while the worker runs Python; what would close it is a model served from C++ (a QStandardItemModel "
        "filled per visible page) or the worker's row-making moved into the derive processes."
    ),
    "window.as_of": (
        "Three changes of day took {as_of_runs} s. A new day is counted in two processes (nice +3, the "
        "key through a pipe), each holding its half of the cases with the plan of all their events "
        "(core/timeline_plan.py: the walk, the verdict in force, where each measure began), made once per "
        "store generation: a new day only counts days and limits (0.4 s of CPU for 25,000 cases against "
        "1.8 s derived from scratch); a case with events on both sides of the day is planned afresh. The "
        "window's process turns the replies into rows with the cyclic collector paused. What is left is "
        "that turning (about 0.6 s of CPU) sharing two cores with the processes; what would close it is "
        "rows built in the processes and handed over without a conversion. Each "
        "process peaks at {derive_rss} MiB."
    ),
    "startup.frozen_demo": (
        "Median phases of the frozen app, seconds from spawn: main() entered {s_main}, the command line "
        "and the window's modules imported {s_imports}, window built and shown +{s_window}, store opened "
        "+{s_open} after the KDF ({s_kdf} s, left out), list painted +{s_list}. The largest phase is {s_dominant}. "
        "Starting the window no longer imports the CLI's command modules (the importers, reportlab, the "
        "share engine): `dossier` with no command parses only `gui`. What is left is what an unlocked window "
        "needs — PySide6, SQLAlchemy's ORM with the schema's mappings (the largest single import here), "
        "cryptography and the window itself. What would close the rest: build and show the window first and "
        "import SQLAlchemy, the store and the services on the worker while the passphrase is typed (they "
        "are only needed once it is in); load the dialogs (first run, sharing, briefing) when first used."
    ),
    "startup.frozen_demo_first": (
        "The first run follows the eviction of the bundle's and the store's files from the page cache, so it "
        "also reads ~200 MiB of libraries from disk. The warm-run gap above applies as well; what would "
        "close the rest is a smaller bundle to read (Qt modules and fonts loaded on demand)."
    ),
    "briefing.small": (
        "At {brief_ms_case} ms per case ({brief_pages} pages), layout is pure Python: per-character font "
        "fallback, harfbuzz shaping, our own bidi and line breaking, and a drawn timeline per case. What would "
        "close it: cache shaped runs per (font, text), shape whole paragraphs per script run rather than per "
        "fragment, and build the cases' flowables in a process pool (the packet is a concatenation of "
        "independent sections)."
    ),
    "briefing.scaling_cpu": (
        "Work per case is no longer constant at the larger size: the contents, the summary table and the "
        "numbered sources grow with the number of cases, and reportlab's multi-pass build (for page numbers "
        "in the contents) lays the whole document out again. What would close it: a fixed two-pass build "
        "with a known page count, and splitting the summary table into per-page tables."
    ),
    "share.export": (
        "Of the export's {export_s} s, reading the attachments out of their encrypted blobs alone took "
        "{read_s} s ({read_pct}%, {read_mibs} MiB/s); `age -r` on the same bytes took {age_enc_s} s "
        "({age_enc_mibs} MiB/s). The export overlaps the two (a helper thread reads ahead of age), so it "
        "takes {export_floor_ratio}× their sum. A blob's key wrap binds its body's SHA-256, so the body is "
        "not hashed again; what is left is one AEAD pass more than `age -r` (each 64 KiB blob chunk is "
        "decrypted and authenticated before age encrypts it again) and pyrage's speed against Go's age. The export also fsyncs its file before the rename, which `age -r` does "
        "not: against `age -r` with its file fsynced the ratio is {export_fsync_ratio}. "
        "On a shared machine compare the CPU row: wall time stretches with the load."
    ),
    "share.import": (
        "Import reads the file once: a pass of {verify_s} s decrypts, verifies every hash and seals each "
        "attachment into a staged blob (fsynced on a helper thread), then the transaction of {apply_s} s "
        "adopts the staged blobs (a rename each, the folder fsynced) and writes the records. The baseline is "
        "`age -d` into a file, fsynced ({age_dec_mibs} MiB/s to /dev/null for comparison): one decryption, "
        "one write. What is left over it: the SHA-256 of every byte against the signed manifest (on a "
        "helper thread) and the blob encryption (ChaCha20-Poly1305) — the price of keeping attachments "
        "encrypted at rest and verifying before anything counts. On a shared machine compare the CPU row."
    ),
    "blobs.open": (
        "Opening after the KDF took {blob_open_s} s with {blob_gib} GiB of attachments ({blob_open_empty_s} s "
        "without any). The blobs are not read at open: the seal covers the database only, and the orphan "
        "sweep lists the folder once. Look at the database file's size (a store migrated from chunk rows "
        "that was never compacted) and at the number of files in the blob folder."
    ),
    "blobs.close": (
        "A clean close after a change took {blob_close_s} s with {blob_gib} GiB of attachments. The seal "
        "digests the database file only; look at its size (a migration whose VACUUM did not run)."
    ),
    "edit.ui_block": (
        "The click writes through `Backend.perform` on the worker (issue 14): what is left on the UI "
        "thread is building the command and queueing it. Look for a write or a read made with `call_sync` "
        "in the dialog's accept, or a view that redraws synchronously from `changed`."
    ),
    "edit.stall": (
        "The views redraw what `changed` names: the case view rebuilds the case shown and the list swaps "
        "its rows in place. A long gap means a view reloaded everything (a `Changes` with `everything`, "
        "or a list order that moved) or the worker held the GIL while writing."
    ),
    "share.export_memory": "The export held more than a constant amount in memory: look for a list of chunks or a whole attachment read at once.",
    "share.import_memory": "The import held more than a constant amount in memory: look for the manifest or a member buffered whole.",
}
for _k in (
    "window.stall_while_opening_ms",
    "window.stall_scrolling_ms",
    "window.search_stall_ms",
    "window.stall_fast_typing_ms",
    "window.stall_as_of_ms",
    "window.stall_sort_ms",
):
    GAPS.setdefault(
        _k, "See the worst stall: the same cause (the worker holding the GIL) and the same remedy."
    )
