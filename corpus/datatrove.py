"""The corpus build as a datatrove pipeline: the same output, on one machine, a Slurm cluster or Ray.

`build` runs five stages, each a datatrove executor, one after the other (on Slurm, job arrays
that wait for the one before); every stage reads and writes its files in `OUTPUT/.cleaner/work/`
(on Slurm and Ray, a folder every node sees):

1. `clean` (N tasks): `ReadSources` reads the inputs with the project's readers and gives task
   `rank` every N-th document of the input stream; `CleanDocuments` cleans each with the local
   build's code and budgets (`prepare.clean_for_corpus`) and lists every document it leaves
   out (failure, degenerate, too large, empty) with its reason; `SaveCleaned` spills the rest
   and their dedup keys (body digest, MinHash signature, line keys).
2. `dedup` (1 task): `Deduplicate` takes every document's keys in input order and decides exact
   and near-duplicates with the local build's index (`dedup.Dedup`: 5-word shingles, 112 hashes
   as 14 bands of 8, threshold 0.75): the first document of a cluster is kept, as locally.
3. `count` (N tasks): `CountLines` counts each kept document's unique line keys.
4. `write` (N tasks): `WriteRecords` drops the lines found in at least `repeated_line_min_docs`
   kept documents of their site and hands each kept document on as a datatrove Document, which
   datatrove's `ParquetWriter` writes in `corpus.SCHEMA`: `OUTPUT/00000.parquet`, one file per task.
5. `finish` (1 task): `Finish` adds up what the tasks counted into the `BuildSummary`
   (`OUTPUT/.cleaner/summary.json`) and writes the duplicates file.

Decisions are the local build's, taken in input order, so the kept documents and their text are
the same as `pipeline.build`'s; only the order of rows differs (task by task). Stage 2 is one
task: it holds the dedup index, about 1.5 KB per document, as the local build does.

datatrove (and ray) are imported here only: `pip install '.[scale]'`.
"""

from __future__ import annotations

import dataclasses
import heapq
import json
import os
import pickle
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import nullcontext
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
from datatrove.data import Document as DtDocument
from datatrove.data import DocumentsPipeline
from datatrove.executor import LocalPipelineExecutor
from datatrove.io import DataFolder, get_datafolder
from datatrove.pipeline.base import PipelineStep
from datatrove.pipeline.writers import ParquetWriter

from cleaner import DEFAULT, Config, Document

from .config import CORPUS_DEFAULT, CorpusConfig
from .dedup import Dedup
from .filters import DEGENERATE, TOO_LARGE
from .parquet import (
    DUPLICATES_SCHEMA,
    Duplicate,
    corpus_schema,
    doc_id,
    document_columns,
    duplicate_row,
    parquet_writer,
    to_row,
)
from .pipeline import (
    SPILL_BATCH,
    BuildSummary,
    Inputs,
    count_duplicate,
    input_files,
    kept_record,
)
from .prepare import Cleaned, clean_for_corpus
from .sources import CleanError, Source, failure_reason, iter_sources
from .workers import attempt, failed, return_large_blocks

EXECUTORS = ("local", "slurm", "ray")
# The hidden folder of a build in its output folder: intermediate files, datatrove's logs, the summary.
HIDDEN = ".cleaner"
# A shard the writer makes: `00000.parquet` for task 0. Only files so named are replaced by a new build.
SHARD = re.compile(r"\d{5}\.parquet")
# Why `CleanDocuments` leaves a document out: these two, `filters.DEGENERATE` or `TOO_LARGE`.
FAILURE, EMPTY = "failure", "empty"

Files = list[tuple[str, str]]  # (path, name) of each input file, as `sources.find_inputs` gives them


def _shard(rank: int) -> str:
    return f"{rank:05d}.pickle"


def _batches(folder: DataFolder, name: str) -> Iterator[list]:
    """The pickled batches of one spill file, in order."""
    with folder.open(name, "rb") as f:
        while True:
            try:
                yield pickle.load(f)
            except EOFError:
                return


# --- stage 1: read, clean, spill ------------------------------------------------------------------


class ReadSources(PipelineStep):
    """The project's readers as a datatrove reader: task `rank` of `world_size` gets every
    `world_size`-th event of the input stream (a source, or a source that could not be read).

    Every task walks the whole stream, which is cheap next to cleaning: one-document files are not
    read here, JSON Lines records are parsed, WARC records skipped through. A document's text is
    read by `CleanDocuments`, within its budgets, as the local build does; the Document carries the
    `Source` (metadata `source`) and its number in the stream (`index`), or the read error (`error`).
    """

    name = "📖 cleaner sources"
    type = "📖 - READER"

    def __init__(self, files: Files, max_bytes: int | None) -> None:
        super().__init__()
        self.files = files
        self.max_bytes = max_bytes

    def run(self, data: DocumentsPipeline = None, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        errors: list[tuple[Source, Exception]] = []
        files = [(Path(path), name) for path, name in self.files]
        stream = iter_sources(files, lambda s, e: errors.append((s, e)), max_bytes=self.max_bytes)
        index = -1
        for source in _with_errors(stream, errors):
            index += 1
            if index % world_size != rank:
                continue
            self.stat_update("read")
            if isinstance(source, tuple):
                source, exc = source
                yield DtDocument("", source.name, metadata={"index": index, "source": source, "error": failure_reason(exc)})
            else:
                yield DtDocument("", source.name, metadata={"index": index, "source": source})


def _with_errors(stream: Iterator[Source], errors: list) -> Iterator[Source | tuple[Source, Exception]]:
    """The sources of `stream` and, where they happened, the read errors it reported to `errors`."""
    for source in stream:
        yield from errors
        errors.clear()
        yield source
    yield from errors


class CleanDocuments(PipelineStep):
    """Clean each document as the local build does (`prepare.clean_for_corpus`, within the CPU-time
    limit); yield it with the project's metadata and list each one left out, with its reason.

    A kept Document's text is the cleaned body; its metadata: source, format, title, date, author,
    site, url, language, language_score, n_chars, n_words, content_hash, dropped_reasons (reason ->
    blocks), index, and `cleaned` (the dedup keys, taken by `SaveCleaned`). Documents left out go
    to `dropped/RANK.jsonl` in `folder` as {index, source, kind, reason}: kind `failure` (reason:
    the error, as the local build lists it), `degenerate`, `too-large` or `empty`.
    """

    name = "🧹 cleaner"
    type = "✂️ - FORMAT"

    def __init__(self, folder: str, config: Config = DEFAULT, corpus_config: CorpusConfig = CORPUS_DEFAULT) -> None:
        super().__init__()
        self.folder = folder
        self.config = config
        self.corpus_config = corpus_config

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        return_large_blocks()
        work = partial(clean_for_corpus, config=self.config, corpus_config=self.corpus_config, keep_dropped=False)
        with get_datafolder(self.folder).open(f"dropped/{rank:05d}.jsonl", "wt") as dropped:

            def drop(document: DtDocument, kind: str, reason: str = "") -> None:
                self.stat_update(kind)
                line = {"index": document.metadata["index"], "source": document.id, "kind": kind, "reason": reason}
                dropped.write(json.dumps(line, ensure_ascii=False) + "\n")

            for document in data:
                if "error" in document.metadata:
                    drop(document, FAILURE, document.metadata["error"])
                    continue
                source: Source = document.metadata["source"]
                with self.track_time():
                    outcome = attempt(work, source, self.corpus_config.document_timeout)
                if failed(outcome):
                    error = outcome if isinstance(outcome, CleanError) else CleanError(outcome)
                    drop(document, FAILURE, failure_reason(error))
                    continue
                item: Cleaned = outcome  # type: ignore[assignment]
                if item.verdict is not None:
                    drop(document, item.verdict)
                    continue
                doc = item.doc
                if not doc.text.strip():
                    drop(document, EMPTY)
                    continue
                self.stat_update("kept")
                meta = {"index": document.metadata["index"], "source": source.name, "format": source.format}
                yield DtDocument(doc.text, source.name, metadata=meta | _metadata(doc, item) | {"cleaned": item})


def _metadata(doc: Document, item: Cleaned) -> dict:
    """The project's metadata of a cleaned document, as its Parquet row has it."""
    return {
        **document_columns(doc, doc.text),
        "content_hash": item.digest.hex(),
        "dropped_reasons": dict(sorted((item.reasons or {}).items())),
    }


class SaveCleaned(PipelineStep):
    """Spill the cleaned documents of a task (`cleaned/RANK.pickle`) and their dedup keys (`keys/RANK.pickle`)."""

    name = "💾 cleaner spill"
    type = "💽 - WRITER"

    def __init__(self, folder: str) -> None:
        super().__init__()
        self.folder = folder

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        folder = get_datafolder(self.folder)
        with folder.open(f"cleaned/{_shard(rank)}", "wb") as out, folder.open(f"keys/{_shard(rank)}", "wb") as keys:
            docs: list = []
            batch: list = []
            for document in data:
                meta = document.metadata
                item: Cleaned = meta.pop("cleaned")
                index = meta["index"]
                batch.append((index, doc_id(document.id), document.id, item.doc.url, item.digest, item.signature))
                docs.append((index, document.id, meta["format"], item._replace(signature=np.empty(0, np.uint64))))
                if len(docs) >= SPILL_BATCH:
                    pickle.dump(docs, out, pickle.HIGHEST_PROTOCOL)
                    pickle.dump(batch, keys, pickle.HIGHEST_PROTOCOL)
                    docs, batch = [], []
            pickle.dump(docs, out, pickle.HIGHEST_PROTOCOL)
            pickle.dump(batch, keys, pickle.HIGHEST_PROTOCOL)
        return
        yield


# --- stage 2: exact and near duplicates, in input order ----------------------------------------------


class Deduplicate(PipelineStep):
    """One task: every document's keys in input order through the local build's `Dedup`.

    Writes `decisions/SHARD.pickle` for each of the `shards` clean tasks ({index: (kept document's
    index, its id, its cluster's size)}) and `duplicates.pickle` ([(Duplicate, kept index)], in order).
    """

    name = "🫂 cleaner dedup"
    type = "🫂 - DEDUP"

    def __init__(self, folder: str, shards: int, corpus_config: CorpusConfig = CORPUS_DEFAULT) -> None:
        super().__init__()
        self.folder = folder
        self.shards = shards
        self.corpus_config = corpus_config

    def run(self, data: DocumentsPipeline = None, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        folder = get_datafolder(self.folder)
        streams = [_flat(_batches(folder, f"keys/{_shard(s)}")) for s in range(self.shards)]
        dedup = Dedup(self.corpus_config)
        index_of: list[int] = []  # Dedup's document number -> index in the input stream
        roots: list[int] = []  # Dedup's number of each document's cluster's kept document
        duplicates = []
        for index, own_id, name, url, digest, signature in heapq.merge(*streams, key=lambda k: k[0]):
            n = len(index_of)
            index_of.append(index)
            verdict = dedup.add(digest, signature, own_id)
            if verdict is None:
                roots.append(n)
                self.stat_update("kept")
                continue
            kind, root, similarity = verdict
            roots.append(root)
            self.stat_update(kind)
            duplicates.append((Duplicate(own_id, name, url, dedup.ids[root], kind, similarity), index_of[root]))
        decisions: list[dict[int, tuple[int, str, int]]] = [{} for _ in range(self.shards)]
        for n, root in enumerate(roots):
            index = index_of[n]
            decisions[index % self.shards][index] = (index_of[root], dedup.ids[root], dedup.size[root])
        for shard, decided in enumerate(decisions):
            with folder.open(f"decisions/{_shard(shard)}", "wb") as f:
                pickle.dump(decided, f, pickle.HIGHEST_PROTOCOL)
        with folder.open("duplicates.pickle", "wb") as f:
            pickle.dump(duplicates, f, pickle.HIGHEST_PROTOCOL)
        return
        yield


def _flat(batches: Iterator[list]) -> Iterator:
    for batch in batches:
        yield from batch


def _load(folder: DataFolder, name: str) -> Any:
    with folder.open(name, "rb") as f:
        return pickle.load(f)


# --- stages 3 and 4: repeated lines, counted then dropped; the Parquet shards -------------------------


class CountLines(PipelineStep):
    """Count each kept document's unique line keys, once per document: `counts/RANK.npz`."""

    name = "🔢 cleaner line counts"
    type = "📊 - STATS"

    def __init__(self, folder: str) -> None:
        super().__init__()
        self.folder = folder

    def run(self, data: DocumentsPipeline = None, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        folder = get_datafolder(self.folder)
        decided = _load(folder, f"decisions/{_shard(rank)}")
        keys = [np.empty(0, np.uint64)]
        for batch in _batches(folder, f"cleaned/{_shard(rank)}"):
            for index, _name, _format, item in batch:
                if decided[index][0] == index:  # kept: the first of its cluster
                    keys.append(np.unique(item.line_keys))
        values, counts = np.unique(np.concatenate(keys), return_counts=True)
        self.stat_update("lines", value=len(values))
        with folder.open(f"counts/{rank:05d}.npz", "wb") as f:
            np.savez(f, keys=values, counts=counts)
        return
        yield


class WriteRecords(PipelineStep):
    """Drop the lines repeated across a site (counted by every `CountLines` task) from each kept
    document of this task, and yield it as a Document whose metadata `row` is its Parquet row.

    Writes what it counted to `written/RANK.json`: documents, repeated_lines, and `emptied`, the
    indexes of kept documents left empty (their duplicates are then counted empty too).
    """

    name = "✂️ cleaner repeated lines"
    type = "🔻 - FILTER"

    def __init__(self, folder: str, corpus_config: CorpusConfig = CORPUS_DEFAULT) -> None:
        super().__init__()
        self.folder = folder
        self.corpus_config = corpus_config

    def run(self, data: DocumentsPipeline = None, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        folder = get_datafolder(self.folder)
        decided = _load(folder, f"decisions/{_shard(rank)}")
        repeated_keys = self._repeated(folder, world_size)
        summary = BuildSummary()
        emptied = []
        for batch in _batches(folder, f"cleaned/{_shard(rank)}"):
            for index, name, fmt, item in batch:
                root, own_id, size = decided[index]
                if root != index:
                    continue
                record = kept_record(Source(Path(name), name, fmt), item, own_id, size, repeated_keys, summary)
                if record is None:
                    emptied.append(index)
                    self.stat_update("emptied")
                    continue
                self.stat_update("written")
                summary.documents += 1
                row = to_row(record)
                yield DtDocument(row["text"], record.id, metadata={"row": row})
        written = {"documents": summary.documents, "repeated_lines": summary.repeated_lines, "emptied": emptied}
        with folder.open(f"written/{rank:05d}.json", "wt") as f:
            json.dump(written, f)

    def _repeated(self, folder: DataFolder, shards: int) -> np.ndarray:
        """The line keys found in at least `repeated_line_min_docs` kept documents, all tasks counted."""
        min_docs = self.corpus_config.repeated_line_min_docs
        if min_docs <= 0:
            return np.empty(0, np.uint64)
        keys, counts = [], []
        for shard in range(shards):
            with folder.open(f"counts/{shard:05d}.npz", "rb") as f:
                loaded = np.load(f)
                keys.append(loaded["keys"])
                counts.append(loaded["counts"])
        values, where = np.unique(np.concatenate(keys), return_inverse=True)
        totals = np.bincount(where, weights=np.concatenate(counts), minlength=len(values))
        return values[totals >= min_docs]


def _parquet_row(writer: ParquetWriter, document: DtDocument) -> dict:
    """ParquetWriter's adapter: the row `WriteRecords` made."""
    return document.metadata["row"]


class WriteShard(ParquetWriter):
    """datatrove's ParquetWriter in `corpus.SCHEMA` (its metadata naming the text format), zstd,
    one `RANK.parquet` per task (empty when the task keeps no document, so that every task's file
    is there)."""

    def __init__(self, output: str, text_format: str = "text") -> None:
        self.corpus_schema = corpus_schema(text_format)
        super().__init__(
            output, "${rank}.parquet", compression="zstd", adapter=_parquet_row, schema=self.corpus_schema,
            max_file_size=-1,
        )
        self.output = output

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        any_row = False
        for document in super().run(data, rank, world_size):
            any_row = True
            yield document
        if not any_row:
            import pyarrow.parquet as pq

            with get_datafolder(self.output).open(f"{rank:05d}.parquet", "wb") as f:
                pq.write_table(self.corpus_schema.empty_table(), f, compression="zstd")


# --- stage 5: the summary ---------------------------------------------------------------------------


class Finish(PipelineStep):
    """One task: add up the counts of every task into `summary.json` (a `BuildSummary`, failures in
    input order) and write the duplicates file, in input order, when one is asked for."""

    name = "🏁 cleaner summary"
    type = "📊 - STATS"

    def __init__(self, folder: str, summary: str, shards: int, duplicates: str | None) -> None:
        super().__init__()
        self.folder = folder
        self.summary = summary
        self.shards = shards
        self.duplicates = duplicates

    def run(self, data: DocumentsPipeline = None, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        folder = get_datafolder(self.folder)
        summary = BuildSummary()
        failures = []
        emptied: set[int] = set()
        for shard in range(self.shards):
            with folder.open(f"dropped/{shard:05d}.jsonl", "rt") as f:
                for line in f:
                    entry = json.loads(line)
                    summary.read += 1
                    kind = entry["kind"]
                    if kind == FAILURE:
                        failures.append((entry["index"], entry["source"], entry["reason"]))
                    elif kind == DEGENERATE:
                        summary.degenerate += 1
                    elif kind == TOO_LARGE:
                        summary.too_large += 1
                    else:
                        summary.empty += 1
            with folder.open(f"written/{shard:05d}.json", "rt") as f:
                written = json.load(f)
            summary.read += written["documents"] + len(written["emptied"])
            summary.documents += written["documents"]
            summary.repeated_lines += written["repeated_lines"]
            summary.empty += len(written["emptied"])
            emptied.update(written["emptied"])
        summary.failures = [(name, reason) for _, name, reason in sorted(failures)]
        duplicates = _load(folder, "duplicates.pickle")
        with parquet_writer(Path(self.duplicates), DUPLICATES_SCHEMA) if self.duplicates else nullcontext() as write:
            for dup, root in duplicates:
                summary.read += 1
                if count_duplicate(summary, dup, root in emptied) and write is not None:
                    write(duplicate_row(dup))
        with get_datafolder(os.path.dirname(self.summary)).open(os.path.basename(self.summary), "wt") as f:
            json.dump(dataclasses.asdict(summary), f, ensure_ascii=False, indent=1)
        return
        yield


# --- the executors -----------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class Slurm:
    """What `--executor slurm` passes to datatrove's SlurmPipelineExecutor for every stage."""

    partition: str
    time: str = "24:00:00"  # per job of the array: one task
    cpus_per_task: int = 1
    mem_per_cpu_gb: float = 2
    # datatrove's logs, stats and job scripts and Slurm's output go to a new folder in it (named
    # after the time); default OUTPUT/.cleaner/logs.
    logging_dir: str | None = None
    venv: str | None = None  # `activate` script the jobs source; default: this Python's venv, if any
    qos: str | None = None


def pipelines(
    files: Files,
    output: Path,
    tasks: int,
    *,
    config: Config = DEFAULT,
    corpus_config: CorpusConfig = CORPUS_DEFAULT,
    duplicates: Path | None = None,
) -> list[tuple[str, int, list[PipelineStep]]]:
    """(name, tasks, steps) of the five stages, in order."""
    work = str(output / HIDDEN / "work")
    summary = str(output / HIDDEN / "summary.json")
    max_bytes = corpus_config.max_document_bytes or None
    return [
        ("clean", tasks, [ReadSources(files, max_bytes), CleanDocuments(work, config, corpus_config), SaveCleaned(work)]),
        ("dedup", 1, [Deduplicate(work, tasks, corpus_config)]),
        ("count", tasks, [CountLines(work)]),
        ("write", tasks, [WriteRecords(work, corpus_config), WriteShard(str(output), corpus_config.text_format)]),
        ("finish", 1, [Finish(work, summary, tasks, str(duplicates) if duplicates else None)]),
    ]


def executors(
    executor: str,
    stages: list[tuple[str, int, list[PipelineStep]]],
    output: Path,
    workers: int | None,
    slurm: Slurm | None = None,
) -> list[Any]:
    """One datatrove executor per stage. Slurm's each depend on the one before (its jobs wait for
    the earlier stage's with `afterok`); local and Ray ones are run one after the other by `build`."""
    logs = output / HIDDEN / "logs"  # removed by the next build into `output`
    if slurm and slurm.logging_dir:  # the user's folder: a new one in it for each build, so nothing is overwritten
        base = Path(os.path.abspath(slurm.logging_dir))
        base.mkdir(parents=True, exist_ok=True)
        logs = Path(tempfile.mkdtemp(prefix=time.strftime("%Y-%m-%d_%H-%M-%S_"), dir=base))
    made: list[Any] = []
    for n, (name, tasks, steps) in enumerate(stages, 1):
        depends = made[-1] if made else None
        logging_dir = str(logs / f"{n}-{name}")
        stage_workers = min(workers or tasks, tasks)
        if executor == "local":
            made.append(LocalPipelineExecutor(steps, tasks=tasks, workers=stage_workers, logging_dir=logging_dir))
        elif executor == "ray":
            from datatrove.executor import RayPipelineExecutor

            made.append(
                RayPipelineExecutor(steps, tasks=tasks, workers=stage_workers, logging_dir=logging_dir)
            )
        elif executor == "slurm":
            from datatrove.executor import SlurmPipelineExecutor

            if slurm is None:
                raise ValueError("the slurm executor needs its options (partition at least)")
            venv = slurm.venv or (os.path.join(sys.prefix, "bin", "activate") if sys.prefix != sys.base_prefix else None)
            made.append(
                SlurmPipelineExecutor(
                    steps,
                    tasks=tasks,
                    workers=workers or -1,
                    time=slurm.time,
                    partition=slurm.partition,
                    cpus_per_task=slurm.cpus_per_task,
                    mem_per_cpu_gb=slurm.mem_per_cpu_gb,  # type: ignore[arg-type]
                    job_name=f"cleaner-{name}",
                    venv_path=venv,
                    logging_dir=logging_dir,
                    slurm_logs_folder=str(logs / f"{n}-{name}" / "slurm"),
                    depends=depends,
                    **({"qos": slurm.qos} if slurm.qos else {}),
                )
            )
        else:
            raise ValueError(f"unknown executor {executor!r}: one of {', '.join(EXECUTORS)}")
    return made


def build(
    inputs: Inputs,
    output: str | os.PathLike[str],
    *,
    executor: str = "local",
    tasks: int = 4,
    workers: int | None = None,
    config: Config = DEFAULT,
    corpus_config: CorpusConfig = CORPUS_DEFAULT,
    duplicates: str | os.PathLike[str] | None = None,
    slurm: Slurm | None = None,
) -> BuildSummary | None:
    """Clean `inputs` into the folder `output`, one Parquet file per task, with datatrove's `executor`.

    `local` and `ray` run the five stages and return the BuildSummary (the local build's); `ray`
    joins the running Ray cluster (`ray.init()`: RAY_ADDRESS, or one started by `ray start` on
    this machine) or starts a local one. `slurm` submits the stages as dependent job arrays and
    returns None; the summary is then written to `OUTPUT/.cleaner/summary.json` by the last job.
    A new build replaces the shards (`NNNNN.parquet`) an earlier build left in `output`; the
    hidden `.cleaner` folder holds the intermediate files and datatrove's logs, and is removed
    when a local or Ray build succeeds. Raises what `pipeline.build` raises on a bad input.
    """
    if executor not in EXECUTORS:
        raise ValueError(f"unknown executor {executor!r}: one of {', '.join(EXECUTORS)}")
    if tasks < 1:
        raise ValueError("tasks must be at least 1")
    found = input_files(inputs)  # before creating anything: a bad input raises
    # Slurm jobs and Ray workers may start in another folder: they get absolute paths (a read
    # error then names the input by its absolute path). Local tasks share this process's folder,
    # so that their failures read as the in-process build's.
    files = [(str(path) if executor == "local" else os.path.abspath(path), name) for path, name in found]
    out = Path(os.path.abspath(output))
    out.mkdir(exist_ok=True)
    hidden = out / HIDDEN
    shutil.rmtree(hidden, ignore_errors=True)  # an earlier build's: datatrove would skip its completed tasks
    for entry in os.scandir(out):
        if SHARD.fullmatch(entry.name) and entry.is_file():
            os.unlink(entry.path)
    stages = pipelines(
        files, out, tasks, config=config, corpus_config=corpus_config, duplicates=Path(os.path.abspath(duplicates)) if duplicates else None
    )
    chain = executors(executor, stages, out, workers, slurm)
    if executor == "slurm":
        chain[-1].run()
        return None
    started_ray = False
    if executor == "ray":
        import ray

        if not ray.is_initialized():
            try:  # a running cluster: RAY_ADDRESS, or one `ray start` started on this machine
                ray.init(address="auto")
            except ConnectionError:
                ray.init(num_cpus=workers or None)
            started_ray = True
    try:
        # Not datatrove's `depends`: a Ray stage whose task failed would make the next one wait forever.
        for (name, _, _), stage in zip(stages, chain, strict=True):
            logs = stage.logging_dir.resolve_paths("logs")
            try:
                stage.run()
            except Exception as exc:  # a task's error, raised again by the local executor
                raise StageFailed(f"stage {name} failed: {type(exc).__name__}: {exc} (logs: {logs})") from exc
            if failed_tasks := stage.get_incomplete_ranks(skip_completed=True):
                raise StageFailed(f"stage {name} failed: task {', '.join(map(str, failed_tasks))} (logs: {logs})")
    finally:
        if started_ray:
            import ray

            ray.shutdown()
    summary = read_summary(out)
    shutil.rmtree(hidden, ignore_errors=True)
    return summary


class StageFailed(Exception):
    """A task of a stage did not complete; the message names the stage, the tasks and their logs."""


def read_summary(output: str | os.PathLike[str]) -> BuildSummary:
    """The BuildSummary the last stage of a build into `output` wrote."""
    data = json.loads((Path(output) / HIDDEN / "summary.json").read_text(encoding="utf-8"))
    data["failures"] = [tuple(f) for f in data["failures"]]
    return BuildSummary(**data)


__all__: Sequence[str] = (
    "EXECUTORS",
    "CleanDocuments",
    "CountLines",
    "Deduplicate",
    "Finish",
    "ReadSources",
    "SaveCleaned",
    "Slurm",
    "StageFailed",
    "WriteRecords",
    "WriteShard",
    "build",
    "executors",
    "pipelines",
    "read_summary",
)


# --- the cleaner as a datatrove extractor step, for pipelines of one's own (corpus/extract_step.py) ---

from .extract_step import CleanerExtractor  # noqa: E402 - kept apart from the build's code

__all__ = (*__all__, "CleanerExtractor")
