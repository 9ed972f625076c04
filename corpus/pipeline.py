"""From inputs to a corpus: clean in parallel, drop duplicates, drop lines repeated across a site.

The build is two passes over the documents, in input order:
1. clean each source (in worker processes), then, in the main process, drop empty bodies, exact
   duplicates (same normalized body) and near-duplicates (MinHash LSH), and spill the kept
   documents and the duplicates to a temporary file while counting the kept documents'
   normalized body lines per site;
2. read the spill back, drop the lines found in too many documents of their site
   (`repeated-line`), and hand each document on with its duplicate-cluster size, and each
   duplicate of a document still there to `on_duplicate`.
Every decision is taken in input order in one process, so any number of workers gives the same
output. Memory holds the dedup index and one batch, never the corpus.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import pickle
import re
import signal
import tempfile
import threading
from array import array
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from functools import partial
from operator import itemgetter, methodcaller
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np

from cleaner import DEFAULT, Config, Document, Dropped, clean_html, clean_text

from .minhash import NearDupIndex, signature
from .parquet import (
    DUPLICATES_SCHEMA,
    SCHEMA,
    doc_id,
    duplicate_row,
    normalize,
    parquet_writer,
    to_row,
)
from .sources import HTML, OnError, Source, file_size, find_inputs, iter_sources, load

REPEATED_LINE = "repeated-line"
EXACT, NEAR = "exact", "near"

Inputs = str | os.PathLike[str] | Sequence[str | os.PathLike[str]]
# progress(documents read, input bytes read, input bytes in all)
Progress = Callable[[int, int, int], None]

# Sources per task sent to a worker: large enough that inter-process traffic is a small share of
# the work (a task is ~0.1 s of cleaning), small enough to keep the workers evenly busy.
TASK_SOURCES = 16
# Tasks in flight per worker: keeps the workers fed while bounding the documents held in memory.
TASKS_PER_WORKER = 4
# Documents per spill batch between the two passes.
SPILL_BATCH = 100


class CleanError(Exception):
    """A source that a worker could not read or clean; the message names the original error."""


@dataclass(slots=True)
class BuildSummary:
    """What a build did: read == documents + duplicates + near_duplicates + empty + len(failures)."""

    read: int = 0  # documents in the inputs: files, JSON Lines records, WARC HTML responses
    documents: int = 0  # kept: rows written
    duplicates: int = 0  # same normalized body as an earlier document
    near_duplicates: int = 0  # estimated Jaccard similarity >= threshold with an earlier document
    empty: int = 0  # nothing left after cleaning (or after dropping repeated lines)
    repeated_lines: int = 0  # body lines dropped as `repeated-line`
    failures: list[tuple[str, str]] = field(default_factory=list)  # (source, reason)


@dataclass(frozen=True, slots=True)
class Duplicate:
    """A document left out as a duplicate of a kept one."""

    id: str
    source: str
    url: str | None
    duplicate_of: str  # id of the kept document of its cluster
    kind: str  # EXACT or NEAR
    similarity: float  # estimated Jaccard similarity with the document it matched (1.0 when exact)


OnDuplicate = Callable[[Duplicate], None]


# --- cleaning one source (runs in the workers) ------------------------------------------------


def clean_source(source: Source, *, config: Config = DEFAULT) -> Document:
    """Read and clean one source; the input's own metadata (JSON Lines fields, WARC headers) is applied."""
    data = load(source)
    if source.format == HTML:
        doc = clean_html(data, config=config)
    else:
        doc = clean_text(data, config=config)  # type: ignore[arg-type]  # load() decoded it
    for name, value in (source.meta or {}).items():
        setattr(doc, name, value)
    for name, value in (source.fallback or {}).items():
        if not getattr(doc, name):
            setattr(doc, name, value)
    return doc


def clean_sources(
    sources: Iterable[Source], *, config: Config = DEFAULT, on_error: OnError | None = None
) -> Iterator[tuple[Source, Document]]:
    """(source, Document) for each source, no deduplication; a failure goes to `on_error`, or raises."""
    for source in sources:
        try:
            doc = clean_source(source, config=config)
        except Exception as exc:
            if on_error is None:
                raise
            on_error(source, exc)
            continue
        yield source, doc


@dataclass(slots=True)
class _Cleaned:
    """A cleaned source with what the main process needs to deduplicate it."""

    source: Source  # without its data: the main process does not need it back
    doc: Document
    digest: bytes  # exact-duplicate key: hash of the normalized body
    signature: np.ndarray  # MinHash
    line_keys: np.ndarray  # uint64 hash of (site, normalized line), one per body line
    # Dropped blocks per reason, when `doc.dropped` was emptied to spare moving it between
    # processes and through the spill (a build writes the counts only); else None.
    reasons: Counter[str] | None = None


def _clean(source: Source, config: Config, keep_dropped: bool = True) -> _Cleaned | tuple[Source, str]:
    """A cleaned source, or (source, reason) when it cannot be read or cleaned."""
    light = replace(source, data=None)
    try:
        doc = clean_source(source, config=config)
    except Exception as exc:  # noqa: BLE001 - recorded as a failure; exceptions may not pickle
        return light, f"{type(exc).__name__}: {exc}".splitlines()[0]
    digest = hashlib.blake2b(normalize(doc.text).encode("utf-8"), digest_size=16).digest()
    sig = signature(doc.text, num_hashes=config.minhash_hashes, words=config.shingle_words)
    site = site_key(doc)
    keys = line_keys(site, doc.text)
    reasons = None
    if not keep_dropped:
        reasons = Counter(map(itemgetter(1), doc.dropped))
        doc.dropped = []
    return _Cleaned(light, doc, digest, sig, keys, reasons)


_PUNCTUATION = re.compile(r"[^\w\s]+")
_DIGIT = re.compile(r"\d")


def normalize_line(line: str) -> str:
    """A line as repeated-line counting sees it (CCNet): case-folded, digits as 0, no punctuation."""
    return " ".join(_DIGIT.sub("0", _PUNCTUATION.sub("", line.casefold())).split())


def line_key(site: str, line: str) -> int:
    """64-bit key of a normalized line within a site: the unit of repeated-line counting."""
    return int(line_keys(site, line)[0])


def line_keys(site: str, text: str) -> np.ndarray:
    """`line_key` of every line of `text`, normalized in one pass over the text and hashed in C."""
    lines = map(" ".join, map(str.split, _DIGIT.sub("0", _PUNCTUATION.sub("", text.casefold())).split("\n")))
    data = map(str.encode, map(f"{site}\n".__add__, lines))
    digests = map(methodcaller("digest"), map(partial(hashlib.blake2b, digest_size=8), data))
    return np.frombuffer(b"".join(digests), dtype="<u8").astype(np.uint64)


def site_key(doc: Document) -> str:
    """The site a document's lines are counted in: its URL's host, else its site name, else ''."""
    if doc.url:
        host = (urlsplit(doc.url).hostname or "").removeprefix("www.")
        if host:
            return host
    return (doc.site or "").casefold()


# --- running the workers ------------------------------------------------------------------------

_worker_config: Config = DEFAULT
_worker_keep_dropped = True

# glibc's mallopt parameter for the size from which an allocation gets its own mmap.
_M_MMAP_THRESHOLD = -3


def _return_large_blocks() -> None:
    """Make glibc give large blocks (pages, pickled tasks) back to the system when freed.

    By default glibc raises its mmap threshold each time a large block is freed, so later
    page-sized buffers come from the heap and fragment it: on the 50,000-document scale
    benchmark the main process grew ~24 KB per HTML page read, to 486 MB. Fixing the threshold
    at its default 128 KiB (as MALLOC_MMAP_THRESHOLD_ does) kept it near 200 MB. No-op off glibc.
    """
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").mallopt(_M_MMAP_THRESHOLD, 128 * 1024)
    except (OSError, AttributeError):
        pass


def _init_worker(config: Config, keep_dropped: bool) -> None:
    """Worker start: keep the settings, and leave Ctrl-C to the main process, which stops the pool."""
    global _worker_config, _worker_keep_dropped
    _worker_config, _worker_keep_dropped = config, keep_dropped
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _return_large_blocks()


def _start_workers(pool: ProcessPoolExecutor, workers: int) -> None:
    """Start every worker of `pool` now; Ctrl-C and SIGTERM wait until they are up.

    A worker still starting when the pool is torn down dies printing a traceback. Workers start
    on demand, one per task submitted while none is idle: one task per worker starts them all.
    """
    held: list[int] = []
    # Signal handlers can only be set from the main thread; elsewhere the race is left as it is.
    hold = threading.current_thread() is threading.main_thread()
    if hold:
        previous = {s: signal.signal(s, lambda n, _: held.append(n)) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        for started in [pool.submit(_ready) for _ in range(workers)]:
            started.result()
    finally:
        if hold:
            for number, handler in previous.items():
                signal.signal(number, handler)
            if held:
                signal.raise_signal(held[0])


def _ready() -> None:
    """A task that does nothing: its result means the worker that ran it has started."""


def _clean_task(sources: list[Source]) -> list[_Cleaned | tuple[Source, str]]:
    return [_clean(s, _worker_config, _worker_keep_dropped) for s in sources]


def _batched(items: Iterable[Source], n: int) -> Iterator[list[Source]]:
    batch: list[Source] = []
    for item in items:
        batch.append(item)
        if len(batch) == n:
            yield batch
            batch = []
    if batch:
        yield batch


def _cleaned(
    sources: Iterable[Source], config: Config, workers: int, keep_dropped: bool
) -> Iterator[_Cleaned | tuple[Source, str]]:
    """Clean `sources` on `workers` processes (1: in this one); results come in input order."""
    if workers <= 1:
        for source in sources:
            yield _clean(source, config, keep_dropped)
        return
    # forkserver (spawn where there is none): forking a process that runs pyarrow's threads is unsafe.
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        # The server imports the cleaner once; each worker forks from it ready to run.
        context.set_forkserver_preload(["corpus.pipeline"])
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(config, keep_dropped))
    pending: deque[Future[list[_Cleaned | tuple[Source, str]]]] = deque()
    try:
        _start_workers(pool, workers)
        for batch in _batched(sources, TASK_SOURCES):
            pending.append(pool.submit(_clean_task, batch))
            if len(pending) >= workers * TASKS_PER_WORKER:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def default_workers() -> int:
    """Cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


# --- the two passes -----------------------------------------------------------------------------


class _Dedup:
    """Exact and near-duplicate decisions, in input order; the first document of a cluster is kept."""

    def __init__(self, config: Config) -> None:
        self.exact: dict[bytes, int] = {}  # body digest -> first document with it
        self.near = NearDupIndex(
            num_hashes=config.minhash_hashes, bands=config.minhash_bands, threshold=config.near_dup_threshold
        )
        self.root = array("q")  # document number -> number of its cluster's kept document
        self.size: dict[int, int] = {}  # kept document number -> its cluster's size
        self.ids: dict[int, str] = {}  # kept document number -> its id

    def add(self, item: _Cleaned, doc_id: str) -> tuple[str, int, float] | None:
        """None if `item` is kept, else (kind, number of its cluster's kept document, similarity)."""
        n = len(self.root)
        match: tuple[str, int, float] | None = None
        if (first := self.exact.get(item.digest)) is not None:
            match = (EXACT, first, 1.0)
        else:
            self.exact[item.digest] = n
            if (near := self.near.add(n, item.signature)) is not None:
                match = (NEAR, near[0], near[1])
        if match is None:
            self.root.append(n)
            self.size[n] = 1
            self.ids[n] = doc_id
            return None
        kind, other, similarity = match
        root = self.root[other]
        self.root.append(root)
        self.size[root] += 1
        return kind, root, similarity


def _repeated(keys: list[np.ndarray], min_docs: int) -> np.ndarray:
    """The line keys found in at least `min_docs` of the documents (each given its unique keys)."""
    if min_docs <= 0 or not keys:
        return np.empty(0, dtype=np.uint64)
    values, counts = np.unique(np.concatenate(keys), return_counts=True)
    return values[counts >= min_docs]


def _corpus(
    files: list[tuple[Path, str]],
    *,
    config: Config,
    workers: int | None,
    summary: BuildSummary,
    on_error: OnError | None,
    on_duplicate: OnDuplicate | None,
    progress: Progress | None,
    tmp_dir: Path | None,
    keep_dropped: bool = True,
) -> Iterator[tuple[Source, Document, Counter[str] | None]]:
    """The kept (source, Document, dropped blocks per reason) of a corpus build, in input order.

    `summary` is kept up to date. Without `keep_dropped`, documents come with an empty
    `dropped` list and their dropped blocks counted per reason instead; with it, the counts are None.
    """
    total = sum(file_size(path) for path, _ in files)
    _return_large_blocks()

    def failed(source: Source, exc: Exception) -> None:
        summary.read += 1
        if on_error is None:
            raise exc
        on_error(source, exc)

    dedup = _Dedup(config)
    line_keys: list[np.ndarray] = []  # unique line keys of each kept document
    done = 0
    with tempfile.TemporaryDirectory(dir=tmp_dir, prefix=".cleaner-build-") as tmp:
        # Kept documents and duplicates, in input order, as `_Spilled` batches.
        spill = Path(tmp) / "pass1.pickle"
        with spill.open("wb") as out:
            batch: list[_Spilled] = []
            for item in _cleaned(iter_sources(files, failed), config, workers or default_workers(), keep_dropped):
                source = item[0] if isinstance(item, tuple) else item.source
                done += source.size
                if isinstance(item, tuple):
                    failed(source, CleanError(item[1]))
                else:
                    summary.read += 1
                    _first_pass(item, dedup, summary, batch, line_keys)
                if len(batch) >= SPILL_BATCH:
                    pickle.dump(batch, out, pickle.HIGHEST_PROTOCOL)
                    batch = []
                if progress is not None:
                    progress(summary.read, done, total)
            pickle.dump(batch, out, pickle.HIGHEST_PROTOCOL)
        repeated = _repeated(line_keys, config.repeated_line_min_docs)
        del line_keys
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
                        if root in emptied:  # as good as empty too: not a duplicate of anything written
                            summary.empty += 1
                            if dup.kind == EXACT:
                                summary.duplicates -= 1
                            else:
                                summary.near_duplicates -= 1
                        elif on_duplicate is not None:
                            on_duplicate(dup)
                        continue
                    source, doc, keys, n, reasons = entry
                    if _second_pass(doc, keys, reasons, repeated, summary):
                        doc.dup_cluster_size = dedup.size[n]
                        summary.documents += 1
                        yield source, doc, reasons
                    else:
                        emptied.add(n)


# A kept document (source, Document, its line keys, its number, its dropped reasons), or (a duplicate, its
# kept document's number).
_Spilled = tuple[Source, Document, np.ndarray, int, "Counter[str] | None"] | tuple["Duplicate", int]


def _first_pass(
    item: _Cleaned, dedup: _Dedup, summary: BuildSummary, spill: list[_Spilled], line_keys: list[np.ndarray]
) -> None:
    """Decide on one cleaned document: empty, duplicate, or kept; add the last two to `spill`."""
    doc = item.doc
    if not doc.text.strip():
        summary.empty += 1
        return
    doc.id, doc.source = doc_id(item.source.name), item.source.name
    n = len(dedup.root)
    verdict = dedup.add(item, doc.id)
    if verdict is not None:
        kind, root, similarity = verdict
        if kind == EXACT:
            summary.duplicates += 1
        else:
            summary.near_duplicates += 1
        spill.append((Duplicate(doc.id, doc.source, doc.url, dedup.ids[root], kind, similarity), root))
        return
    doc.dup_cluster_id = doc.id
    spill.append((item.source, doc, item.line_keys, n, item.reasons))
    # A line counts once per document: repeating within one page is not repeating across a site.
    line_keys.append(np.unique(item.line_keys))


def _second_pass(
    doc: Document, keys: np.ndarray, reasons: Counter[str] | None, repeated: np.ndarray, summary: BuildSummary
) -> bool:
    """Drop `doc`'s repeated lines; False when nothing is left."""
    if repeated.size:
        drop = np.isin(keys, repeated)
        if drop.any():
            lines = doc.text.split("\n")
            doc.text = "\n".join(line for line, d in zip(lines, drop, strict=True) if not d)
            if reasons is None:
                doc.dropped.extend(
                    Dropped(line, REPEATED_LINE, "corpus", 0) for line, d in zip(lines, drop, strict=True) if d
                )
            else:
                reasons[REPEATED_LINE] += int(drop.sum())
            summary.repeated_lines += int(drop.sum())
    if not doc.text.strip():
        summary.empty += 1
        return False
    return True


# --- the public entry points -------------------------------------------------------------------


def _find(inputs: Inputs) -> list[tuple[Path, str]]:
    return find_inputs([inputs] if isinstance(inputs, (str, os.PathLike)) else inputs)


def documents(
    inputs: Inputs,
    *,
    config: Config = DEFAULT,
    workers: int | None = None,
    on_error: OnError | None = None,
    on_duplicate: OnDuplicate | None = None,
    progress: Progress | None = None,
    tmp_dir: str | os.PathLike[str] | None = None,
) -> Iterator[Document]:
    """The corpus as a stream of `Document`s: cleaned, deduplicated, repeated lines dropped, in input order.

    `inputs` is a folder, a JSON Lines or WARC file, or a list of them. The first document comes
    after the first pass has read every input. A source that cannot be read or cleaned raises
    (`CleanError` or the reader's error) unless `on_error(source, exc)` is given. `workers`
    defaults to every core; call from under `if __name__ == "__main__":` in a script, as
    multiprocessing requires. `tmp_dir` holds the spill between the passes (the system's default).
    """
    summary = BuildSummary()
    for _, doc, _ in _corpus(
        _find(inputs),
        config=config,
        workers=workers,
        summary=summary,
        on_error=on_error,
        on_duplicate=on_duplicate,
        progress=progress,
        tmp_dir=Path(tmp_dir) if tmp_dir else None,
    ):
        yield doc


def build(
    inputs: Inputs,
    output_path: str | os.PathLike[str],
    *,
    config: Config = DEFAULT,
    workers: int | None = None,
    duplicates: str | os.PathLike[str] | None = None,
    progress: Progress | None = None,
) -> BuildSummary:
    """Clean `inputs` into one Parquet file at `output_path`; list removed duplicates at `duplicates`.

    Sources that cannot be read or cleaned are recorded in the summary, not raised. The output
    files appear only when the build succeeds; on any error or interrupt nothing is written and
    an earlier file at the same path is left as it was. Raises FileNotFoundError, ValueError or
    NotADirectoryError on an unusable input, OSError when the output cannot be written.
    """
    output = Path(output_path)
    summary = BuildSummary()
    files = _find(inputs)  # before creating any file: a bad input raises here

    def failed(source: Source, exc: Exception) -> None:
        reason = str(exc) if isinstance(exc, CleanError) else f"{type(exc).__name__}: {exc}"
        summary.failures.append((source.name, reason.splitlines()[0]))

    dup_writer = parquet_writer(Path(duplicates), DUPLICATES_SCHEMA) if duplicates else nullcontext(None)
    with parquet_writer(output, SCHEMA) as write, dup_writer as write_duplicate:
        on_duplicate = (lambda d: write_duplicate(duplicate_row(d))) if write_duplicate else None
        for source, doc, reasons in _corpus(
            files,
            config=config,
            workers=workers,
            summary=summary,
            on_error=failed,
            on_duplicate=on_duplicate,
            progress=progress,
            tmp_dir=output.parent,
            keep_dropped=False,
        ):
            write(to_row(source, doc, reasons))
    return summary
