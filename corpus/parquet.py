"""The corpus file: its explicit schema, one row per document, and an all-or-nothing write.

Also what a build leaves beside its output while it runs, named after the output so that the
next build of the same output can tell a killed build's leftovers from another output's files:
`.{name}.lock` (held while a build writes `name`), `.{name}.XXXXXXXX.tmp` (the file being
written) and `.{name}.cleaner-build-XXXXXXXX/` (the spill between the two passes).
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import shutil
import signal
import tempfile
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from cleaner import Document
from cleaner.blocks import count_words

try:
    import fcntl
except ImportError:  # not on Unix: no lock, and no sweeping of leftovers that may be another build's
    fcntl = None  # type: ignore[assignment]

# The schema metadata key that says what the `text` column holds: b"text" or b"markdown".
TEXT_FORMAT_KEY = b"text_format"
TEXT_FORMATS = ("text", "markdown")

SCHEMA = pa.schema(
    [
        pa.field("id", pa.string(), nullable=False),
        pa.field("source", pa.string(), nullable=False),
        pa.field("format", pa.string(), nullable=False),
        pa.field("text", pa.string(), nullable=False),
        pa.field("title", pa.string()),
        pa.field("date", pa.string()),  # ISO 8601 as the cleaner found it: may be a date or a date-time
        pa.field("author", pa.string()),
        pa.field("site", pa.string()),
        pa.field("url", pa.string()),
        pa.field("language", pa.string()),
        pa.field("language_score", pa.float64()),
        pa.field("n_chars", pa.int32(), nullable=False),
        pa.field("n_words", pa.int32(), nullable=False),
        pa.field("content_hash", pa.string(), nullable=False),
        # Near-duplicate cluster: the id of the document kept for it (this row's), and how many
        # documents it had in the input, this one included (1: no duplicate was found).
        pa.field("dup_cluster_id", pa.string(), nullable=False),
        pa.field("dup_cluster_size", pa.int32(), nullable=False),
        # A list of structs, not a map: it opens as plain nested data in pandas, polars and DuckDB.
        pa.field(
            "dropped_reasons",
            pa.list_(pa.struct([pa.field("reason", pa.string()), pa.field("count", pa.int32())])),
            nullable=False,
        ),
    ]
)

# `build(..., duplicates=PATH)`: one row per document left out as a duplicate of a kept one.
DUPLICATES_SCHEMA = pa.schema(
    [
        pa.field("id", pa.string(), nullable=False),
        pa.field("source", pa.string(), nullable=False),
        pa.field("url", pa.string()),
        pa.field("duplicate_of", pa.string(), nullable=False),  # id of the kept document
        pa.field("kind", pa.string(), nullable=False),  # "exact" or "near"
        pa.field("similarity", pa.float64(), nullable=False),  # estimated Jaccard; 1.0 when exact
    ]
)

# Rows buffered per write: bounds memory, and fixed so that equal inputs give equal row groups.
BATCH_ROWS = 1000


@dataclass(frozen=True, slots=True)
class Duplicate:
    """A document left out as a duplicate of a kept one: a row of the duplicates file."""

    id: str
    source: str
    url: str | None
    duplicate_of: str  # id of the kept document of its cluster
    kind: str  # "exact" or "near"
    similarity: float  # estimated Jaccard similarity with the document it matched (1.0 when exact)


@dataclass(slots=True)
class Record:
    """A kept document of the corpus: what the cleaner made of it and what the build adds (a Parquet row)."""

    id: str  # first 16 hex digits of the sha256 of `source`: stable across builds
    source: str  # where it was read: a path, plus `:N` for record N of a JSONL or WARC file
    format: str  # "text" or "html"
    doc: Document  # body and metadata; `dropped` lists its dropped blocks unless the build counts them only
    content_hash: str  # hex sha256 of the normalized body
    dup_cluster_id: str  # id of the document kept for its cluster of duplicates: its own
    dup_cluster_size: int  # documents of the input in that cluster, this one included
    dropped_reasons: Counter[str]  # dropped blocks per reason, `repeated-line` included


def doc_id(source_name: str) -> str:
    """Stable id of a document: the first 16 hex digits of sha256 of its relative source path."""
    return hashlib.sha256(source_name.encode("utf-8")).hexdigest()[:16]


def corpus_schema(text_format: str = "text") -> pa.Schema:
    """`SCHEMA`, its metadata naming what the `text` column holds (one of `TEXT_FORMATS`)."""
    if text_format not in TEXT_FORMATS:
        raise ValueError(f"text format must be one of {', '.join(TEXT_FORMATS)}, not {text_format!r}")
    return SCHEMA.with_metadata({TEXT_FORMAT_KEY: text_format.encode()})


def to_row(record: Record) -> dict:
    """The corpus row of a Record: its Markdown in `text` when the build made it, else its plain text."""
    doc = record.doc
    text = doc.text if doc.markdown is None else doc.markdown
    return {
        "id": record.id,
        "source": record.source,
        "format": record.format,
        "text": text,
        **document_columns(doc, text),
        "content_hash": record.content_hash,
        "dup_cluster_id": record.dup_cluster_id,
        "dup_cluster_size": record.dup_cluster_size,
        "dropped_reasons": [{"reason": r, "count": n} for r, n in sorted(record.dropped_reasons.items())],
    }


def document_columns(doc: Document, text: str) -> dict:
    """The columns a Document fills: its metadata, and the length and word count of `text`."""
    return {
        "title": doc.title,
        "date": doc.date,
        "author": doc.author,
        "site": doc.site,
        "url": doc.url,
        "language": doc.language,
        "language_score": doc.language_score,
        "n_chars": len(text),
        "n_words": count_words(text),
    }


def duplicate_row(dup: Duplicate) -> dict:
    """One row of the duplicates file."""
    return {f: getattr(dup, f) for f in DUPLICATES_SCHEMA.names}


@contextmanager
def parquet_writer(output: Path, schema: pa.Schema = SCHEMA) -> Iterator[Callable[[dict], None]]:
    """Yield a function that adds a row; the file appears at `output` only if the block succeeds.

    Rows go to a hidden temp file in the output's folder (same file system, so `os.replace` is
    atomic); on any error, or an interrupt, the temp file is removed and `output` is untouched.
    """
    fd, tmp_name = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.", suffix=_TMP_SUFFIX)
    os.close(fd)
    tmp = Path(tmp_name)
    rows: list[dict] = []
    try:
        with pq.ParquetWriter(tmp, schema, compression="zstd") as writer:

            def flush() -> None:
                if rows:
                    writer.write_table(table(rows, schema))
                    rows.clear()

            def add(row: dict) -> None:
                rows.append(row)
                if len(rows) >= BATCH_ROWS:
                    flush()

            yield add
            flush()
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it 0600; give it a normal file's mode
        os.replace(tmp, output)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


# --- rows to an Arrow table ----------------------------------------------------------------------
#
# `pa.Table.from_pylist`, like every `pa.array` call, imports pandas when it is installed, to check
# whether the data is a pandas object: 0.7 s of CPU on the first write, which comes in the
# build's second pass, when nothing else runs. The columns are put together from their buffers
# instead (`pa.Array.from_buffers`), which makes the same arrays and so the same file.

# Offsets of a `pa.string()` column are int32: a batch whose text holds more bytes goes through from_pylist.
_MAX_STRING_BYTES = 2**31 - 1
_NUMBERS = {pa.int32(): np.int32, pa.int64(): np.int64, pa.float64(): np.float64}


def table(rows: list[dict], schema: pa.Schema) -> pa.Table:
    """`pa.Table.from_pylist(rows, schema=schema)`, without importing pandas for the columns it knows."""
    try:
        columns = [_column([row[f.name] for row in rows], f.type) for f in schema]
    except _Unbuilt:
        return pa.Table.from_pylist(rows, schema=schema)
    return pa.Table.from_arrays(columns, schema=schema)


class _Unbuilt(Exception):
    """A column of a type, or with values, that `_column` leaves to pyarrow."""


def _validity(values: list) -> tuple[pa.Buffer | None, int]:
    """The validity bitmap of `values` (None: no null) and their number of nulls."""
    nulls = values.count(None)
    if not nulls:
        return None, 0
    valid = np.fromiter((v is not None for v in values), np.bool_, len(values))
    return pa.py_buffer(np.packbits(valid, bitorder="little")), nulls


def _column(values: list, type_: pa.DataType) -> pa.Array:
    """An Arrow array of `values` (Python objects of `type_`, or None)."""
    n = len(values)
    validity, nulls = _validity(values)
    if type_ == pa.string():
        data = [b"" if v is None else v.encode("utf-8") for v in values]  # raises as from_pylist does on a surrogate
        offsets = np.zeros(n + 1, np.int64)
        np.cumsum(np.fromiter(map(len, data), np.int64, n), out=offsets[1:])
        if offsets[-1] > _MAX_STRING_BYTES:
            raise _Unbuilt
        buffers = [validity, pa.py_buffer(offsets.astype(np.int32)), pa.py_buffer(b"".join(data))]
        return pa.Array.from_buffers(type_, n, buffers, null_count=nulls)
    if type_ in _NUMBERS:
        if any(type(v) not in (int, float) for v in values if v is not None):  # from_pylist's checks and errors
            raise _Unbuilt
        numbers = np.array([0 if v is None else v for v in values], _NUMBERS[type_])
        return pa.Array.from_buffers(type_, n, [validity, pa.py_buffer(numbers)], null_count=nulls)
    if isinstance(type_, pa.ListType) and isinstance(type_.value_type, pa.StructType) and not nulls:
        struct = type_.value_type
        items = [item for v in values for item in v]
        fields = [_column([item[f.name] for item in items], f.type) for f in struct]
        offsets = np.zeros(n + 1, np.int32)
        np.cumsum(np.fromiter(map(len, values), np.int32, n), out=offsets[1:])
        inner = pa.StructArray.from_arrays(fields, fields=list(struct))
        return pa.ListArray.from_arrays(pa.Array.from_buffers(pa.int32(), n + 1, [None, pa.py_buffer(offsets)]), inner)
    raise _Unbuilt


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# --- what a running build keeps beside its output -------------------------------------------------

_TMP_SUFFIX = ".tmp"
SPILL_INFIX = ".cleaner-build-"
# tempfile's random part: 8 characters of this set (no dot, so a name cannot be another output's).
_RANDOM = "[a-z0-9_]{8}"


class OutputBusy(Exception):
    """Another running build holds the lock of this output."""


def spill_prefix(output: Path) -> str:
    """Prefix of the spill folder a build of `output` makes beside it (tempfile adds 8 characters)."""
    return f".{output.name}{SPILL_INFIX}"


def _leftovers(output: Path) -> list[Path]:
    """Temp files and spill folders of builds of `output` in its folder; never another output's."""
    name = re.escape(output.name)
    own = re.compile(rf"\.{name}\.{_RANDOM}{re.escape(_TMP_SUFFIX)}|\.{name}{re.escape(SPILL_INFIX)}{_RANDOM}")
    try:
        entries = list(os.scandir(output.parent))
    except OSError:
        return []
    return [Path(e.path) for e in entries if own.fullmatch(e.name)]


@contextmanager
def output_lock(*outputs: Path) -> Iterator[None]:
    """Hold `.{name}.lock` beside each output for the block, after removing what killed builds left.

    Raises OutputBusy when another running build holds one of them. The lock is an flock, so
    the kernel releases it whatever ends the build (SIGKILL included); a build that then
    takes it knows that the temp files and spill folders of its output are nobody's, and
    removes them, and does so again when the block ends. Each lock file is removed then too.
    """
    with ExitStack() as stack:
        for output in dict.fromkeys(outputs):
            stack.enter_context(_locked(output))
        yield


@contextmanager
def _locked(output: Path) -> Iterator[None]:
    if fcntl is None:
        yield
        return
    path = output.parent / f".{output.name}.lock"
    # Interrupts (Ctrl-C, SIGTERM) are held while the lock file is made and taken, and while it is removed: one that
    # came between making it and the `try` that removes it would leave it behind. A held one is raised on release,
    # inside that `try`.
    held = _hold_interrupts()
    try:
        fd = _take(path, output)
    except BaseException:
        _release_interrupts(held)
        raise
    try:
        _release_interrupts(held)
        _remove_leftovers(output)
        yield
    finally:
        held = _hold_interrupts()
        try:
            # Again on the way out: an interrupt can come between making a temp file and
            # taking charge of it; while the lock is held, whatever is there is this build's.
            _remove_leftovers(output)
            # Removed while still held, so no other build can hold a lock on a file left in place.
            path.unlink(missing_ok=True)
        finally:
            os.close(fd)
            _release_interrupts(held)


def _take(path: Path, output: Path) -> int:
    """The descriptor of the lock file at `path`, locked; OutputBusy when another build holds it."""
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            os.close(fd)
            if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise OutputBusy(f"another build is writing {output} (it holds {path})") from None
            raise
        # The file may have been removed (by the build that held it) between open and flock:
        # the lock is then on a file nobody else will open, so take the one now at `path`.
        try:
            same = os.path.samestat(os.fstat(fd), os.stat(path))
        except FileNotFoundError:
            same = False
        if same:
            return fd
        os.close(fd)


_INTERRUPTS = (signal.SIGINT, signal.SIGTERM)
_Held = tuple[dict[int, Any], list[int]]


def _hold_interrupts() -> _Held | None:
    """Note SIGINT and SIGTERM instead of acting on them, until `_release_interrupts`.

    By handlers of Python's, which run in the main thread whichever thread the signal came to (a
    signal mask holds it back in one thread only). Off the main thread, where no handler can be
    set, nothing is held: an interrupt is raised in the main thread, not here.
    """
    if threading.current_thread() is not threading.main_thread():
        return None
    pending: list[int] = []
    previous: dict[int, Any] = {}
    for sig in _INTERRUPTS:
        handler = signal.getsignal(sig)
        if handler is not None:  # None: set outside Python, which could not be put back
            previous[sig] = signal.signal(sig, lambda signum, frame: pending.append(signum))
    return previous, pending


def _release_interrupts(held: _Held | None) -> None:
    """Put back the handlers `_hold_interrupts` replaced, and raise here the first interrupt it noted."""
    if held is None:
        return
    previous, pending = held
    for sig, handler in previous.items():
        signal.signal(sig, handler)
    if pending:
        signal.raise_signal(pending[0])


def _remove_leftovers(output: Path) -> None:
    for leftover in _leftovers(output):
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)
        else:
            try:
                leftover.unlink()
            except OSError:
                pass
