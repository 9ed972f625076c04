"""The corpus file: its explicit schema, one row per document, and an all-or-nothing write."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.parquet as pq

from cleaner import Document
from cleaner.blocks import count_words

from .sources import Source

if TYPE_CHECKING:
    from .pipeline import Duplicate

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


def doc_id(source_name: str) -> str:
    """Stable id of a document: the first 16 hex digits of sha256 of its relative source path."""
    return hashlib.sha256(source_name.encode("utf-8")).hexdigest()[:16]


def normalize(text: str) -> str:
    """The body as exact-duplicate detection sees it: case-folded, whitespace runs made one space."""
    return " ".join(text.casefold().split())


def content_hash(text: str) -> str:
    """Hex sha256 of the normalized body."""
    return hashlib.sha256(normalize(text).encode("utf-8")).hexdigest()


def to_row(source: Source, doc: Document, reasons: Counter[str] | None = None) -> dict:
    """One corpus row for `doc`, read from `source`; `reasons` counts its dropped blocks when `doc.dropped` does not list them."""
    if reasons is None:
        reasons = Counter(d.reason for d in doc.dropped)
    return {
        "id": doc.id or doc_id(source.name),
        "source": source.name,
        "format": source.format,
        "text": doc.text,
        "title": doc.title,
        "date": doc.date,
        "author": doc.author,
        "site": doc.site,
        "url": doc.url,
        "language": doc.language,
        "language_score": doc.language_score,
        "n_chars": len(doc.text),
        "n_words": count_words(doc.text),
        "content_hash": content_hash(doc.text),
        "dup_cluster_id": doc.dup_cluster_id or doc.id or doc_id(source.name),
        "dup_cluster_size": doc.dup_cluster_size,
        "dropped_reasons": [{"reason": r, "count": n} for r, n in sorted(reasons.items())],
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
    fd, tmp_name = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(tmp_name)
    rows: list[dict] = []
    try:
        with pq.ParquetWriter(tmp, schema, compression="zstd") as writer:

            def flush() -> None:
                if rows:
                    writer.write_table(pa.Table.from_pylist(rows, schema=schema))
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


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
