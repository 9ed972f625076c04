"""corpus: turn a folder of news articles into a deduplicated Parquet corpus with `cleaner`."""

from .parquet import SCHEMA, content_hash, doc_id, normalize
from .pipeline import BuildSummary, build, clean_source, clean_sources, iter_documents
from .sources import (
    HTML,
    TEXT,
    Source,
    decode_text,
    find_sources,
    load,
    read_bytes,
    source_format,
)

__all__ = [
    "HTML",
    "TEXT",
    "SCHEMA",
    "BuildSummary",
    "Source",
    "build",
    "clean_source",
    "clean_sources",
    "content_hash",
    "decode_text",
    "doc_id",
    "find_sources",
    "iter_documents",
    "load",
    "normalize",
    "read_bytes",
    "source_format",
]
