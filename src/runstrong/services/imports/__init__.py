"""Bulk import of activity files, folders and export archives into the training log.

Pipeline: ``iter_sources`` reads files and archive members (in this process,
never extracting to disk) → chunks of sources go to a process pool where
``parse_source`` decodes them and the streams are packed for storage → this
process writes the activities in batches, one transaction per batch, each
activity inside a SAVEPOINT so it is stored whole or not at all.

Memory stays bounded: at most ``max_in_flight`` chunks are queued or being
parsed, and a batch is committed every ``batch_size`` activities.

Idempotence: an activity is a duplicate when the athlete already has the same
``(source_hash, leg_index)`` (same file content), or an activity of the same
sport starting within ``DEDUP_TOLERANCE_S`` seconds (the same workout from two
sources, e.g. a Strava export and the watch's own FIT file). Of two copies of
one workout one is kept whatever the order (``dedup``: an intact copy over one
from a damaged file, then more channels, then more samples, then the smaller
file hash); the check runs under the
athlete's import lock, so concurrent imports agree, and the unique constraint
backs the same-file check.
An interrupted import keeps every committed batch; running it again skips what
is stored and finishes the rest. A ``commit_guard`` (the web's import job: does
the user still have access to the athlete?) is asked inside each batch's
transaction before it commits; a reason rolls that batch back and raises
``ImportCancelled``.

One bad file never stops the others (issue 14): each source is parsed,
cleaned (``import_clean``: text shortened to its column, control characters
removed, unstorable numbers dropped, each change noted) and packed on its
own, and each activity is written in its own SAVEPOINT, so a file the
database still refuses is reported as failed and the import goes on. Only a
failure of the import itself (the database unreachable, a bug) stops it.
The decompression ``Budget`` covers the whole import: archives and gzip files.

Modules: ``parse`` (sources → parsed, cleaned and packed, in workers; no
database), ``clean`` (make an activity storable on both databases),
``dedup`` (which stored activity an imported one duplicates), ``store``
(write one parsed file), ``run`` (the ``import_paths`` use case) and
``report`` (what an import reports). Nothing here imports the CLI or the web.
"""

from __future__ import annotations

from runstrong.services.imports.dedup import DEDUP_TOLERANCE_S
from runstrong.services.imports.parse import CHUNK_SOURCES, estimate_file_count, parse_chunk
from runstrong.services.imports.report import ImportProblem, ImportProgress, ImportReport
from runstrong.services.imports.run import CommitGuard, ImportCancelled, import_paths

__all__ = [
    "CHUNK_SOURCES",
    "DEDUP_TOLERANCE_S",
    "CommitGuard",
    "ImportCancelled",
    "ImportProblem",
    "ImportProgress",
    "ImportReport",
    "estimate_file_count",
    "import_paths",
    "parse_chunk",
]
