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


def __getattr__(name: str) -> object:
    if name not in _HOMES:
        raise AttributeError(f"module 'corpus' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_HOMES[name]}", __name__), name)
    globals()[name] = value  # found once: later lookups skip this function
    return value


__all__ = list(_HOMES)
