"""From a folder of articles to a Parquet corpus: read, clean, drop empties and exact duplicates."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cleaner import DEFAULT, Config, Document, clean_html, clean_text

from .parquet import content_hash, parquet_writer, to_row
from .sources import HTML, Source, find_sources, load

OnError = Callable[[Source, Exception], None]
Progress = Callable[[Sequence[Source]], Iterable[Source]]


@dataclass(slots=True)
class BuildSummary:
    """What a build did: files_read == documents + duplicates + empty + len(failures)."""

    files_read: int = 0
    documents: int = 0  # rows written
    duplicates: int = 0  # same normalized body as an earlier file (in sorted path order)
    empty: int = 0  # nothing left after cleaning
    failures: list[tuple[str, str]] = field(default_factory=list)  # (source, reason)


def clean_source(source: Source, *, config: Config = DEFAULT) -> Document:
    """Read and clean one input file."""
    data = load(source)
    if source.format == HTML:
        return clean_html(data, config=config)
    return clean_text(data, config=config)  # type: ignore[arg-type]  # load() decoded it


def clean_sources(
    sources: Iterable[Source], *, config: Config = DEFAULT, on_error: OnError | None = None
) -> Iterator[tuple[Source, Document]]:
    """(source, Document) for each source; a file that fails goes to `on_error`, or raises without one."""
    for source in sources:
        try:
            doc = clean_source(source, config=config)
        except Exception as exc:  # noqa: BLE001 - one bad file must not stop a corpus build
            if on_error is None:
                raise
            on_error(source, exc)
            continue
        yield source, doc


def iter_documents(
    input_dir: str | os.PathLike[str], *, config: Config = DEFAULT, on_error: OnError | None = None
) -> Iterator[tuple[Source, Document]]:
    """(source, Document) for every input file under `input_dir`, in sorted path order."""
    return clean_sources(find_sources(Path(input_dir)), config=config, on_error=on_error)


def build(
    input_dir: str | os.PathLike[str],
    output_path: str | os.PathLike[str],
    *,
    config: Config = DEFAULT,
    progress: Progress | None = None,
) -> BuildSummary:
    """Clean every input file under `input_dir` into one Parquet file at `output_path`.

    Files that cannot be read or cleaned are recorded in the summary, not raised. `progress`
    wraps the list of sources (e.g. `tqdm`) and is iterated in its place. Raises OSError when
    `input_dir` is not a folder or `output_path` cannot be written; then nothing is written.
    """
    sources = find_sources(Path(input_dir))
    summary = BuildSummary()

    def record(source: Source, exc: Exception) -> None:
        summary.failures.append((source.name, f"{type(exc).__name__}: {exc}".splitlines()[0]))

    seen: set[str] = set()
    with parquet_writer(Path(output_path)) as write:
        for source, doc in clean_sources(progress(sources) if progress else sources, config=config, on_error=record):
            if not doc.text.strip():
                summary.empty += 1
                continue
            digest = content_hash(doc.text)
            if digest in seen:
                summary.duplicates += 1
                continue
            seen.add(digest)
            write(to_row(source, doc, digest))
            summary.documents += 1
    summary.files_read = summary.documents + summary.duplicates + summary.empty + len(summary.failures)
    return summary
