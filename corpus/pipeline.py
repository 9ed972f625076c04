"""From inputs to a corpus: clean in parallel, drop duplicates, drop lines repeated across a site.

The build is two passes over the documents, in input order:
1. clean each source (in worker processes, `workers.run`), then, in the main process, drop
   degenerate, too large and empty bodies, exact duplicates and near-duplicates (`dedup`), and
   spill the kept documents and the duplicates to a temporary file while counting the kept
   documents' normalized body lines per site;
2. read the spill back, drop the lines found in too many documents of their site
   (`repeated-line`), and hand each document on as a `Record`, and each duplicate of a
   document still there to `on_duplicate`.
Every decision is taken in input order in one process, so any number of workers gives the same
output. Memory holds the dedup index and one batch, never the corpus.

Each document has a budget (`CorpusConfig`): bytes read, CPU time to read and clean it, words
of body; a document over budget, or not text at all, is listed with its reason and the build
goes on.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from functools import partial
from operator import itemgetter
from pathlib import Path

import numpy as np

from cleaner import DEFAULT, Config, Dropped

from .config import CORPUS_DEFAULT, CorpusConfig
from .dedup import (
    EXACT,
    REPEATED_LINE,
    Dedup,
    body_digest,
    drop_repeated,
    drop_repeated_markdown,
    repeated,
    site_key,
)
from .filters import DEGENERATE, TOO_LARGE
from .parquet import (
    DUPLICATES_SCHEMA,
    Duplicate,
    Record,
    corpus_schema,
    doc_id,
    duplicate_row,
    output_lock,
    parquet_writer,
    spill_prefix,
    to_row,
)
from .prepare import NO_KEYS, Cleaned, clean_for_corpus
from .sources import CleanError, OnError, Source, failure_reason, file_size, find_inputs, iter_sources
from .workers import default_workers, failed, return_large_blocks, run

Inputs = str | os.PathLike[str] | Sequence[str | os.PathLike[str]]
# progress(documents read, input bytes read, input bytes in all)
Progress = Callable[[int, int, int], None]
OnDuplicate = Callable[[Duplicate], None]

# Documents per spill batch between the two passes.
SPILL_BATCH = 100


@dataclass(slots=True)
class BuildSummary:
    """What a build did; each count is made by the stage that decides it.

    read == documents + duplicates + near_duplicates + empty + degenerate + too_large + len(failures).
    """

    read: int = 0  # documents in the inputs: files, JSON Lines records, WARC HTML responses
    documents: int = 0  # kept: rows written
    duplicates: int = 0  # same normalized body as a kept document
    near_duplicates: int = 0  # estimated Jaccard similarity >= threshold with a kept document
    empty: int = 0  # nothing left after cleaning, or after dropping repeated lines (with its duplicates)
    repeated_lines: int = 0  # body lines dropped as `repeated-line`
    # (source, reason): not read or not cleaned. The reason starts with its kind: `too-large`,
    # `not-text`, `timeout`, `crashed`, or the name of the error (`BadGzipFile`, `PermissionError`...).
    failures: list[tuple[str, str]] = field(default_factory=list)
    degenerate: int = 0  # body left out as DEGENERATE: a line, word or phrase over and over
    too_large: int = 0  # body left out as TOO_LARGE: more than `CorpusConfig.max_body_words` words


# --- the two passes -----------------------------------------------------------------------------


# A kept document (source, Cleaned, its number), or (a duplicate, its kept document's number).
_Spilled = tuple[Source, Cleaned, int] | tuple[Duplicate, int]


def _corpus(
    files: list[tuple[Path, str]],
    *,
    config: Config,
    corpus_config: CorpusConfig,
    workers: int | None,
    summary: BuildSummary,
    on_error: OnError | None,
    on_duplicate: OnDuplicate | None,
    progress: Progress | None,
    tmp_dir: Path | None,
    keep_dropped: bool = True,
    spill_name: str = ".cleaner-build-",
) -> Iterator[Record]:
    """The kept documents of a corpus build as Records, in input order; `summary` is kept up to date.

    Without `keep_dropped`, documents come with an empty `dropped` list, their dropped blocks
    counted per reason in the Record.
    """
    total = sum(file_size(path) for path, _ in files)
    return_large_blocks()

    def failure(source: Source, exc: Exception) -> None:
        summary.read += 1
        if on_error is None:
            raise exc
        on_error(source, exc)

    dedup = Dedup(corpus_config)
    kept_keys: list[np.ndarray] = []  # unique line keys of each kept document
    done = 0
    work = partial(clean_for_corpus, config=config, corpus_config=corpus_config, keep_dropped=keep_dropped)
    with tempfile.TemporaryDirectory(dir=tmp_dir, prefix=spill_name) as tmp:
        spill = Path(tmp) / "pass1.pickle"
        with spill.open("wb") as out:
            batch: list[_Spilled] = []
            sources = iter_sources(files, failure, max_bytes=corpus_config.max_document_bytes or None)
            seconds = corpus_config.document_timeout
            for source, outcome in run(work, sources, workers or default_workers(), seconds):
                done += source.size
                if failed(outcome):
                    failure(source, outcome if isinstance(outcome, CleanError) else CleanError(outcome))
                else:
                    summary.read += 1
                    _first_pass(source, outcome, dedup, summary, batch, kept_keys)  # type: ignore[arg-type]
                if len(batch) >= SPILL_BATCH:
                    pickle.dump(batch, out, pickle.HIGHEST_PROTOCOL)
                    batch = []
                if progress is not None:
                    progress(summary.read, done, total)
            pickle.dump(batch, out, pickle.HIGHEST_PROTOCOL)
        repeated_keys = repeated(kept_keys, corpus_config.repeated_line_min_docs)
        del kept_keys
        yield from _second_pass(spill, repeated_keys, dedup, summary, on_duplicate)


def _first_pass(
    source: Source, item: Cleaned, dedup: Dedup, summary: BuildSummary, spill: list[_Spilled], kept_keys: list[np.ndarray]
) -> None:
    """Decide on one cleaned document: degenerate, too large, empty, duplicate, or kept; spill the last two."""
    if item.verdict == DEGENERATE:
        summary.degenerate += 1
        return
    if item.verdict == TOO_LARGE:
        summary.too_large += 1
        return
    if not item.doc.text.strip():
        summary.empty += 1
        return
    n = len(dedup.root)
    own_id = doc_id(source.name)
    verdict = dedup.add(item.digest, item.signature, own_id)
    if verdict is not None:
        kind, root, similarity = verdict
        spill.append((Duplicate(own_id, source.name, item.doc.url, dedup.ids[root], kind, similarity), root))
        return
    spill.append((source, item._replace(signature=NO_KEYS), n))  # the signature is done with
    # A line counts once per document: repeating within one page is not repeating across a site.
    kept_keys.append(np.unique(item.line_keys))


def _second_pass(
    spill: Path, repeated_keys: np.ndarray, dedup: Dedup, summary: BuildSummary, on_duplicate: OnDuplicate | None
) -> Iterator[Record]:
    """Read the spill back: drop repeated lines, count and hand on the duplicates, yield the Records."""
    emptied: set[int] = set()  # kept documents that repeated-line removal left empty
    with spill.open("rb") as f:
        while True:
            try:
                batch = pickle.load(f)
            except EOFError:
                break
            for entry in batch:
                if isinstance(entry[0], Duplicate):
                    dup, root = entry
                    if count_duplicate(summary, dup, root in emptied) and on_duplicate is not None:
                        on_duplicate(dup)
                    continue
                source, item, n = entry
                record = kept_record(source, item, dedup.ids[n], dedup.size[n], repeated_keys, summary)
                if record is None:
                    emptied.add(n)
                else:
                    summary.documents += 1
                    yield record


def count_duplicate(summary: BuildSummary, dup: Duplicate, root_emptied: bool) -> bool:
    """Count a removed duplicate in `summary`; False, and counted empty, when the document it copies was emptied."""
    if root_emptied:  # as good as empty too: not a duplicate of anything written
        summary.empty += 1
        return False
    if dup.kind == EXACT:
        summary.duplicates += 1
    else:
        summary.near_duplicates += 1
    return True


def kept_record(
    source: Source, item: Cleaned, own_id: str, cluster_size: int, repeated_keys: np.ndarray, summary: BuildSummary
) -> Record | None:
    """The Record of a kept document, its repeated lines dropped; None when nothing is left."""
    doc = item.doc
    reasons = item.reasons if item.reasons is not None else Counter(map(itemgetter(1), doc.dropped))
    text, dropped_lines = drop_repeated(doc.text, item.line_keys, repeated_keys)
    digest = item.digest
    if dropped_lines:
        doc.text = text
        if doc.markdown is not None:
            doc.markdown = drop_repeated_markdown(doc.markdown, site_key(doc), repeated_keys)
        summary.repeated_lines += len(dropped_lines)
        reasons[REPEATED_LINE] += len(dropped_lines)
        if item.reasons is None:
            doc.dropped.extend(Dropped(line, REPEATED_LINE, REPEATED_LINE, 0) for line in dropped_lines)
        if not text.strip():
            summary.empty += 1
            return None
        digest = body_digest(text)  # the body changed: hash what is written
    return Record(own_id, source.name, source.format, doc, digest.hex(), own_id, cluster_size, reasons)


# --- the public entry points -------------------------------------------------------------------


def input_files(inputs: Inputs) -> list[tuple[Path, str]]:
    """The input files of a build (`find_inputs`), from one path or several."""
    return find_inputs([inputs] if isinstance(inputs, (str, os.PathLike)) else inputs)


def documents(
    inputs: Inputs,
    *,
    config: Config = DEFAULT,
    corpus_config: CorpusConfig = CORPUS_DEFAULT,
    workers: int | None = None,
    on_error: OnError | None = None,
    on_duplicate: OnDuplicate | None = None,
    progress: Progress | None = None,
    tmp_dir: str | os.PathLike[str] | None = None,
) -> Iterator[Record]:
    """The corpus as a stream of `Record`s: cleaned, deduplicated, repeated lines dropped, in input order.

    `inputs` is a folder, a JSON Lines or WARC file, or a list of them. The first record comes
    after the first pass has read every input. A source that cannot be read or cleaned raises
    (`CleanError` or the reader's error) unless `on_error(source, exc)` is given. `workers`
    defaults to every core; call from under `if __name__ == "__main__":` in a script, as
    multiprocessing requires. `tmp_dir` holds the spill between the passes (the system's default).
    A source over its budget or not text raises a `Rejected` error (TooLarge, NotText,
    TimedOut, Crashed), a CleanError, that `on_error` gets as well; a body left out as
    degenerate or too large is skipped, like an empty one.
    """
    yield from _corpus(
        input_files(inputs),
        config=config,
        corpus_config=corpus_config,
        workers=workers,
        summary=BuildSummary(),
        on_error=on_error,
        on_duplicate=on_duplicate,
        progress=progress,
        tmp_dir=Path(tmp_dir) if tmp_dir else None,
    )


def build(
    inputs: Inputs,
    output_path: str | os.PathLike[str],
    *,
    config: Config = DEFAULT,
    corpus_config: CorpusConfig = CORPUS_DEFAULT,
    workers: int | None = None,
    duplicates: str | os.PathLike[str] | None = None,
    progress: Progress | None = None,
) -> BuildSummary:
    """Clean `inputs` into one Parquet file at `output_path`; list removed duplicates at `duplicates`.

    Sources that cannot be read or cleaned, or are over their budget (see `CorpusConfig`), are
    recorded in the summary with their reason, not raised. The output files appear only when
    the build succeeds; on any error or interrupt nothing is written and an earlier file at the
    same path is left as it was. While it runs the build holds a lock beside each output
    (`.NAME.lock`); on taking it, it removes what a killed build of the same output left there.
    Raises FileNotFoundError, ValueError or NotADirectoryError on an unusable input, OutputBusy
    when another build is writing the same output, OSError when the output cannot be written.
    """
    output = Path(output_path)
    summary = BuildSummary()
    files = input_files(inputs)  # before creating any file: a bad input raises here

    def failure(source: Source, exc: Exception) -> None:
        summary.failures.append((source.name, failure_reason(exc)))

    schema = corpus_schema(corpus_config.text_format)  # an unknown format raises here, before any file
    locked = output_lock(output, *([Path(duplicates)] if duplicates else []))
    dup_writer = parquet_writer(Path(duplicates), DUPLICATES_SCHEMA) if duplicates else nullcontext(None)
    with locked, parquet_writer(output, schema) as write, dup_writer as write_duplicate:
        on_duplicate = (lambda d: write_duplicate(duplicate_row(d))) if write_duplicate else None
        for record in _corpus(
            files,
            config=config,
            corpus_config=corpus_config,
            workers=workers,
            summary=summary,
            on_error=failure,
            on_duplicate=on_duplicate,
            progress=progress,
            tmp_dir=output.parent,
            keep_dropped=False,
            spill_name=spill_prefix(output),
        ):
            write(to_row(record))
    return summary

