"""corpus: turn folders, JSON Lines and WARC files of news into a deduplicated Parquet corpus with `cleaner`.

`sources` reads the inputs, `workers` runs the cleaner on them in processes with a budget per
document, `filters` and `dedup` decide what is left out, `pipeline` runs the two passes, and
`parquet` writes the file. `CorpusConfig` holds the build's thresholds and budgets.
`corpus.datatrove` (not imported here: it needs `pip install '.[scale]'`) is the same build as a
datatrove pipeline, for the Local, Slurm and Ray executors.

Names are imported from their module on first use (PEP 562), so that the light modules the CLI
imports for `cleaner clean` and its defaults (`corpus.config`, `corpus.sources`) cost no
pyarrow or numpy.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

# Public name -> the module that defines it.
_HOMES = {
    "CORPUS_DEFAULT": "config",
    "CorpusConfig": "config",
    "EXACT": "dedup",
    "NEAR": "dedup",
    "REPEATED_LINE": "dedup",
    "content_hash": "dedup",
    "line_key": "dedup",
    "line_keys": "dedup",
    "normalize": "dedup",
    "normalize_line": "dedup",
    "DEGENERATE": "filters",
    "TOO_LARGE": "filters",
    "body_verdict": "filters",
    "NearDupIndex": "minhash",
    "jaccard_estimate": "minhash",
    "signature": "minhash",
    "DUPLICATES_SCHEMA": "parquet",
    "SCHEMA": "parquet",
    "TEXT_FORMAT_KEY": "parquet",
    "Duplicate": "parquet",
    "OutputBusy": "parquet",
    "Record": "parquet",
    "doc_id": "parquet",
    "BuildSummary": "pipeline",
    "build": "pipeline",
    "documents": "pipeline",
    "HTML": "sources",
    "TEXT": "sources",
    "CleanError": "sources",
    "NotText": "sources",
    "Rejected": "sources",
    "Source": "sources",
    "TooLarge": "sources",
    "failure_reason": "sources",
    "find_inputs": "sources",
    "find_sources": "sources",
    "iter_sources": "sources",
    "load": "sources",
    "read_bytes": "sources",
    "source_format": "sources",
    "Crashed": "workers",
    "TimedOut": "workers",
    "clean_source": "workers",
    "clean_sources": "workers",
    "explain_source": "workers",
    "explain_sources": "workers",
    "default_workers": "workers",
}

if TYPE_CHECKING:  # what type checkers see: each name as `__getattr__` resolves it (`X as X`: re-exported)
    from .config import CORPUS_DEFAULT as CORPUS_DEFAULT
    from .config import CorpusConfig as CorpusConfig
    from .dedup import EXACT as EXACT
    from .dedup import NEAR as NEAR
    from .dedup import REPEATED_LINE as REPEATED_LINE
    from .dedup import content_hash as content_hash
    from .dedup import line_key as line_key
    from .dedup import line_keys as line_keys
    from .dedup import normalize as normalize
    from .dedup import normalize_line as normalize_line
    from .filters import DEGENERATE as DEGENERATE
    from .filters import TOO_LARGE as TOO_LARGE
    from .filters import body_verdict as body_verdict
    from .minhash import NearDupIndex as NearDupIndex
    from .minhash import jaccard_estimate as jaccard_estimate
    from .minhash import signature as signature
    from .parquet import DUPLICATES_SCHEMA as DUPLICATES_SCHEMA
    from .parquet import SCHEMA as SCHEMA
    from .parquet import TEXT_FORMAT_KEY as TEXT_FORMAT_KEY
    from .parquet import Duplicate as Duplicate
    from .parquet import OutputBusy as OutputBusy
    from .parquet import Record as Record
    from .parquet import doc_id as doc_id
    from .pipeline import BuildSummary as BuildSummary
    from .pipeline import build as build
    from .pipeline import documents as documents
    from .sources import HTML as HTML
    from .sources import TEXT as TEXT
    from .sources import CleanError as CleanError
    from .sources import NotText as NotText
    from .sources import Rejected as Rejected
    from .sources import Source as Source
    from .sources import TooLarge as TooLarge
    from .sources import failure_reason as failure_reason
    from .sources import find_inputs as find_inputs
    from .sources import find_sources as find_sources
    from .sources import iter_sources as iter_sources
    from .sources import load as load
    from .sources import read_bytes as read_bytes
    from .sources import source_format as source_format
    from .workers import Crashed as Crashed
    from .workers import TimedOut as TimedOut
    from .workers import clean_source as clean_source
    from .workers import clean_sources as clean_sources
    from .workers import default_workers as default_workers
    from .workers import explain_source as explain_source
    from .workers import explain_sources as explain_sources


def __getattr__(name: str) -> object:
    if name not in _HOMES:
        raise AttributeError(f"module 'corpus' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_HOMES[name]}", __name__), name)
    globals()[name] = value  # found once: later lookups skip this function
    return value


__all__ = list(_HOMES)
