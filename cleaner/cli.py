"""Command line: a thin layer that parses arguments and calls the library."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import click

from corpus.config import CORPUS_DEFAULT

from . import kernels
from .config import DEFAULT, FAVOR, Config, with_comments

if TYPE_CHECKING:
    from corpus.config import CorpusConfig
    from corpus.pipeline import BuildSummary
    from corpus.sources import Source

    from .document import Block, Document


# The distribution's name: "cleaner" on the package index is another project.
DISTRIBUTION = "cleaner-corpus"
# Where the optional packages come from: this project's own extras, from its clone.
COMPARE_INSTALL = "pip install '.[compare]'"
# Standard input or output, as Unix tools name it.
DASH = "-"


class _Main(click.Group):
    """The command group, ending as shells expect: 130 on Ctrl-C, quietly when a pipe's reader goes away."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            raise click.exceptions.Exit(130) from None
        except BrokenPipeError:  # `cleaner clean DIR | head`: the reader has what it wanted
            with contextlib.suppress(OSError, ValueError):  # no file descriptor under a test runner
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no error at exit's flush
            raise click.exceptions.Exit(141) from None  # 128 + SIGPIPE, as a tool killed by it


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(
    None, "-V", "--version", package_name=DISTRIBUTION, prog_name="cleaner",
    message="%(prog)s, version %(version)s; " + kernels.path(),
)
def main() -> None:
    """Strip boilerplate from news articles and export a clean Parquet corpus.

    Exit codes: 0 done (sources that failed are listed, and do not change it unless --strict),
    1 error, 2 bad usage, 130 interrupted (Ctrl-C), 141 the reader of a pipe went away.
    """


def _verbosity(command: Callable[..., None]) -> Callable[..., None]:
    """The -q and -v options of a command; `_level()` reads them: -1 quiet, 0 normal, 1 verbose."""

    def verbosity(ctx: click.Context, param: click.Parameter, value: bool) -> None:
        ctx.meta.setdefault("cleaner.verbosity", 0)
        if value:
            level = -1 if param.name == "quiet" else 1
            if ctx.meta["cleaner.verbosity"] not in (0, level):
                raise click.UsageError("-q and -v cannot go together")
            ctx.meta["cleaner.verbosity"] = level

    for flag, name, text in (
        ("-v", "verbose", "Say more on stderr: build's progress from the start, clean's words kept per document."),
        ("-q", "quiet", "Say less on stderr: no progress, summary or notes; warnings (failures, nothing "
         "kept) and errors still show."),
    ):
        option = click.option(flag, f"--{name}", is_flag=True, expose_value=False, callback=verbosity, help=text)
        command = option(command)
    return command


def _level() -> int:
    return click.get_current_context().meta.get("cleaner.verbosity", 0)


def _warn(message: str) -> None:
    click.echo(f"warning: {message}", err=True)


def _check_output(path: Path, what: str = "output") -> None:
    """A one-line error now, before any work, for an output file that cannot be written."""
    if path.is_dir():
        raise click.ClickException(f"{what} is a folder: {path}")
    _check_folder(path.parent, what)


def _check_folder(folder: Path, what: str = "output") -> None:
    """A one-line error now for an output folder that does not exist or cannot be written to."""
    if not folder.is_dir():
        raise click.ClickException(f"{what} folder does not exist: {folder}")
    if not os.access(folder, os.W_OK):
        raise click.ClickException(f"{what} folder is not writable: {folder}")


_favor = click.option(
    "--favor",
    type=click.Choice([name for name in FAVOR if name != "balanced"]),
    help="Lean the cleaner toward precision (less chrome, some article lost: for large pretraining "
    "corpora) or recall (more of the article, more chrome). Default: balanced.",
)


def _config(comments: bool, favor: str | None) -> Config:
    """The cleaner's Config for the --comments and --favor options."""
    return with_comments(DEFAULT if favor is None else Config(favor=favor), comments)


@main.command()
@click.argument("inputs", metavar="INPUT...", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, allow_dash=True),
    default="corpus.parquet",
    show_default=True,
    help="Parquet file to write, replaced only when the build succeeds; - writes it to standard output "
    "(built in a temporary folder first).",
)
@click.option(
    "-w",
    "--workers",
    type=click.IntRange(min=1),
    help="Processes that clean documents. Default: every core. The output does not depend on it.",
)
@click.option(
    "--duplicates",
    type=click.Path(path_type=Path),
    help="Also write the documents left out as duplicates (id, source, url, duplicate_of, kind, "
    "similarity) to this Parquet file.",
)
@click.option(
    "--near-dup-threshold",
    type=click.FloatRange(0, 1, min_open=True),
    default=CORPUS_DEFAULT.near_dup_threshold,
    show_default=True,
    help="Estimated Jaccard similarity of word 5-grams from which a document is a near-duplicate.",
)
@click.option(
    "--repeated-line-min-docs",
    type=click.IntRange(min=0),
    default=CORPUS_DEFAULT.repeated_line_min_docs,
    show_default=True,
    help="Drop body lines found in at least this many documents of one site; 0 keeps them.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0),
    default=CORPUS_DEFAULT.document_timeout,
    show_default=True,
    help="Seconds of CPU time one document may take to read and clean; a document over it is listed "
    "as a failure (timeout) and the build goes on. 0: no limit.",
)
@click.option(
    "--max-bytes",
    type=click.IntRange(min=0),
    default=CORPUS_DEFAULT.max_document_bytes,
    show_default=True,
    help="Bytes one document may have (a file once gunzipped, a JSON line, a WARC payload); a larger "
    "one is listed as a failure (too-large) without being read. 0: no limit.",
)
@click.option("--comments", is_flag=True, help="Keep readers' comments, after the body of each article.")
@_favor
@click.option(
    "--summary-json",
    type=click.Path(path_type=Path, allow_dash=True, dir_okay=False),
    help="Also write the summary as JSON (the counts, and the failures as source and reason) to this "
    "file; - for standard output.",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Exit with code 1 if any source failed or nothing was kept (the corpus is still written).",
)
# Scaling out on datatrove (corpus/datatrove.py); docs/scaling-out.md.
@click.option(
    "--executor",
    type=click.Choice(["local", "slurm", "ray"]),
    help="Run the build as a datatrove pipeline: -o is then a folder of Parquet files, one per task. "
    "local: processes on this machine; slurm: job arrays (see --partition); ray: the running Ray "
    "cluster, else a local one. Needs: pip install '.[scale]'. Default: the in-process build.",
)
@click.option(
    "--tasks",
    type=click.IntRange(min=1),
    default=4,
    show_default=True,
    help="With --executor: datatrove tasks, each cleaning a share of the documents and writing one file.",
)
@click.option("--partition", help="With --executor slurm (required): the Slurm partition.")
@click.option("--time", "slurm_time", default="24:00:00", show_default=True, help="With --executor slurm: time limit of a job.")
@click.option("--cpus-per-task", type=click.IntRange(min=1), default=1, show_default=True, help="With --executor slurm: CPUs of a job.")
@click.option("--mem-per-cpu", type=click.FloatRange(min=0, min_open=True), default=2, show_default=True, help="With --executor slurm: memory of a job, in GB per CPU.")
@click.option(
    "--logging-dir",
    type=click.Path(path_type=Path),
    help="With --executor slurm: datatrove's and Slurm's logs, on a file system every node sees. Default: .cleaner/logs in the -o folder.",
)
@click.option(
    "--format",
    "text_format",
    type=click.Choice(["text", "markdown"]),
    default="text",
    show_default=True,
    help="What the text column holds: the body a block a line, or as Markdown (headings, lists, tables, "
    "quotes). The Parquet schema metadata says which (key text_format).",
)
@_verbosity
def build(
    inputs: tuple[Path, ...],
    output: Path,
    workers: int | None,
    duplicates: Path | None,
    near_dup_threshold: float,
    repeated_line_min_docs: int,
    timeout: float,
    max_bytes: int,
    comments: bool,
    favor: str | None,
    summary_json: Path | None,
    strict: bool,
    executor: str | None,
    tasks: int,
    partition: str | None,
    slurm_time: str,
    cpus_per_task: int,
    mem_per_cpu: float,
    logging_dir: Path | None,
    text_format: str,
) -> None:
    """Clean the articles in INPUT... into a deduplicated Parquet corpus.

    \b
    An INPUT is a folder, searched recursively (hidden files and folders skipped), or a file:
      .txt, .html, .htm     one article each
      .jsonl, .ndjson       one article a line: {"text": ...} or {"html": ...}, and optional
                            url, date, title, author, site fields, which win over the cleaner's
      .warc                 the HTML responses; url and crawl date from the record headers
    and .gz of each. Documents are read in sorted path order, records in file order.

    A document whose body is empty after cleaning, or a duplicate of an earlier one (the same
    normalized body, or a near-duplicate by MinHash), is counted and left out; body lines found
    in many documents of one site are dropped; so is a body that repeats itself (degenerate) or
    is over 100,000 words (too large). Sources that cannot be read or cleaned, are not text
    (not-text), or are over --max-bytes (too-large) or --timeout (timeout), are listed with their
    reason and do not stop the build; a build that keeps nothing says so on stderr.

    The summary goes to stdout, or to stderr when stdout carries the corpus or the JSON summary.
    """
    to_stdout = str(output) == DASH
    json_to_stdout = summary_json is not None and str(summary_json) == DASH
    if to_stdout and json_to_stdout:
        raise click.ClickException("-o - and --summary-json - cannot both go to standard output")
    if to_stdout and sys.stdout.isatty():
        raise click.ClickException("will not write binary Parquet to a terminal: redirect or pipe -o -")
    for path in inputs:
        if not path.exists():
            raise click.ClickException(f"no such file or folder: {path}")
    if executor is not None and to_stdout:
        raise click.ClickException("with --executor the output is a folder of Parquet files: -o - is not possible")
    for written, what in ((output if executor is None else None, "output"), (duplicates, "--duplicates"), (summary_json, "--summary-json")):
        if written is not None and str(written) != DASH:
            _check_output(written, what)
    if duplicates is not None and not to_stdout and duplicates.resolve() == output.resolve():
        raise click.ClickException("--duplicates must not be the output file")
    corpus_config = dataclasses.replace(
        CORPUS_DEFAULT,
        near_dup_threshold=near_dup_threshold,
        repeated_line_min_docs=repeated_line_min_docs,
        document_timeout=timeout,
        max_document_bytes=max_bytes,
        text_format=text_format,
    )
    config = _config(comments, favor)
    level = _level()
    if executor is not None:
        slurm = (partition, slurm_time, cpus_per_task, mem_per_cpu, logging_dir)
        scaled = _scale_out(inputs, output, executor, tasks, workers, duplicates, config, corpus_config, slurm)
        if scaled is None:  # submitted to Slurm: the jobs write the summary
            return
        summary = scaled
    else:
        summary = _build_here(inputs, output, level, workers, duplicates, config, corpus_config)
    if summary_json is not None:
        _write_summary_json(summary, summary_json, output, duplicates)
    if level >= 0:
        _echo_summary(summary, output, duplicates, err=to_stdout or json_to_stdout)
    else:  # the summary lists the failures; without it, they are warnings
        for source, reason in summary.failures:
            _warn(f"{source}: {reason}")
    if summary.documents == 0:
        if summary.read == 0:
            why = "no input file of a known kind (.txt, .html, .htm, .jsonl, .ndjson, .warc, or .gz of one)"
        elif len(summary.failures) == summary.read:
            why = "every source failed"
        else:
            why = "every document was left out (empty, duplicate, degenerate or too large)"
        _warn(f"nothing kept: {why}; {'the corpus' if to_stdout else output} has no rows")
    if strict and (summary.failures or summary.documents == 0):
        failed = len(summary.failures)
        raise click.ClickException(
            f"--strict: {failed:,} of {summary.read:,} sources failed" if failed else "--strict: nothing kept"
        )


def _build_here(
    inputs: tuple[Path, ...],
    output: Path,
    level: int,
    workers: int | None,
    duplicates: Path | None,
    config: Config,
    corpus_config: CorpusConfig,
) -> BuildSummary:
    """`cleaner build` without --executor: the in-process build into the file `output` (- for standard output)."""
    import corpus

    to_stdout = str(output) == DASH
    progress = None
    if level >= 0:
        progress = _Progress(tty=sys.stderr.isatty(), quiet_seconds=0.0 if level > 0 else _Progress.QUIET)
    # SIGTERM (a scheduler stopping the job) ends the build like Ctrl-C: temp files removed.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    with contextlib.ExitStack() as stack:
        # The Parquet footer comes last, so a corpus for stdout is built in a file first.
        target = output
        if to_stdout:
            target = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="cleaner-build-"))) / "corpus.parquet"
        try:
            summary = corpus.build(
                inputs,
                target,
                config=config,
                corpus_config=corpus_config,
                workers=workers,
                duplicates=duplicates,
                progress=progress,
            )
        except ValueError as exc:  # an input file of a kind the build does not read
            raise click.ClickException(str(exc)) from exc
        except BrokenProcessPool as exc:  # a worker died as it started (one that dies later costs its document)
            raise click.ClickException(f"{exc}; try fewer --workers") from exc
        except corpus.OutputBusy as exc:  # another build holds the output's lock
            raise click.ClickException(str(exc)) from exc
        except OSError as exc:
            raise click.ClickException(f"{exc.strerror or exc}: {exc.filename or output}") from exc
        finally:
            if progress is not None:
                progress.close()
        if to_stdout:
            with target.open("rb") as corpus_file:
                stdout = sys.stdout.buffer
                shutil.copyfileobj(corpus_file, stdout)
                stdout.flush()
    return summary


def _scale_out(
    inputs: tuple[Path, ...],
    output: Path,
    executor: str,
    tasks: int,
    workers: int | None,
    duplicates: Path | None,
    config: Config,
    corpus_config: CorpusConfig,
    slurm_options: tuple[str | None, str, int, float, Path | None],
) -> BuildSummary | None:
    """`cleaner build --executor`: the build on datatrove into the folder `output`; None once Slurm jobs are submitted."""
    import importlib.util

    partition, slurm_time, cpus_per_task, mem_per_cpu, logging_dir = slurm_options
    if executor == "slurm" and not partition:
        raise click.ClickException("--executor slurm needs --partition")
    if executor != "slurm" and (partition or logging_dir):
        raise click.ClickException("--partition and --logging-dir are options of --executor slurm")
    if output.exists() and not output.is_dir():
        raise click.ClickException(f"with --executor the output is a folder, and this is not one: {output}")
    _check_folder(output if output.is_dir() else output.parent)
    missing = [name for name in ("datatrove", *(["ray"] if executor == "ray" else [])) if importlib.util.find_spec(name) is None]
    if missing:
        raise click.ClickException(f"--executor {executor} needs {' and '.join(missing)}: pip install '.[scale]'")
    from corpus import datatrove as scale

    slurm = scale.Slurm(partition, slurm_time, cpus_per_task, mem_per_cpu, str(logging_dir) if logging_dir else None) if partition else None
    try:
        summary = scale.build(
            inputs,
            output,
            executor=executor,
            tasks=tasks,
            workers=workers,
            config=config,
            corpus_config=corpus_config,
            duplicates=duplicates,
            slurm=slurm,
        )
    except ValueError as exc:  # an input file of a kind the build does not read
        raise click.ClickException(str(exc)) from exc
    except OSError as exc:
        raise click.ClickException(f"{exc.strerror or exc}: {exc.filename or output}") from exc
    except scale.StageFailed as exc:
        raise click.ClickException(str(exc)) from exc
    if summary is None:
        click.echo(f"submitted the build of {output} to Slurm; its summary will be in {output / scale.HIDDEN / 'summary.json'}")
    return summary


def _echo_summary(summary: BuildSummary, output: Path, duplicates: Path | None, *, err: bool) -> None:
    """The human summary: what was written, the counts, each failure with its reason."""
    written = "the corpus to standard output" if str(output) == DASH else str(output)
    click.echo(f"wrote {written}" + (f" and {duplicates}" if duplicates else ""), err=err)
    for name, value in (
        ("read", summary.read),
        ("documents kept", summary.documents),
        ("duplicates", summary.duplicates),
        ("near duplicates", summary.near_duplicates),
        ("empty", summary.empty),
        ("degenerate", summary.degenerate),
        ("too large", summary.too_large),
        ("failures", len(summary.failures)),
        ("repeated lines", summary.repeated_lines),
    ):
        click.echo(f"  {name:<16} {value:>9,}", err=err)
    for source, reason in summary.failures:
        click.echo(f"    {source}: {reason}", err=err)
    # Said where a user looks: pip shows the build's own warning only with -v.
    click.echo(f"  cleaned with     {kernels.path()}", err=err)


def _write_summary_json(summary: BuildSummary, path: Path, output: Path, duplicates: Path | None) -> None:
    """`--summary-json`: the BuildSummary's counts under their names, and the failures as objects."""
    data: dict[str, object] = {"output": str(output), "duplicates_file": str(duplicates) if duplicates else None}
    data.update(dataclasses.asdict(summary))
    del data["failures"]  # last, as objects
    data["failures"] = [{"source": source, "reason": reason} for source, reason in summary.failures]
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if str(path) == DASH:
        click.echo(text, nl=False)
        return
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise click.ClickException(f"cannot write --summary-json: {exc.strerror or exc}: {path}") from exc


class _Progress:
    """Build progress on stderr: a live line on a terminal; else, after `quiet_seconds`, a line per tenth of the input."""

    QUIET = 10.0  # a short build logs nothing but its summary
    # No time left is shown until this share of the input and these seconds have passed since the
    # first document came back: before that the rate is mostly the workers' start-up, and a 5-second
    # build would first say it has half an hour to go.
    ETA_AFTER_SHARE = 0.05
    ETA_AFTER_SECONDS = 1.0

    def __init__(
        self, *, tty: bool, quiet_seconds: float = QUIET, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.tty = tty
        self.quiet_seconds = quiet_seconds
        self.clock = clock
        self.start = clock()
        self.first: tuple[float, float] | None = None  # (time, share) of the first call
        self.drawn = 0.0  # when the live line was last drawn
        self.next_log = 0.1
        self.last = (0, 0, 0)

    def __call__(self, documents: int, done: int, total: int, *, final: bool = False) -> None:
        self.last = (documents, done, total)
        now = self.clock()
        share = done / total if total else 0.0
        if self.first is None:
            self.first = (now, share)
        if self.tty and now - self.drawn < 0.2 and not final:
            return  # redrawing more often only costs time
        elapsed = max(now - self.start, 1e-9)
        if not self.tty and (share < self.next_log or elapsed < self.quiet_seconds):
            return
        line = (
            f"cleaning: {documents:,} document{'s' * (documents != 1)}, {documents / elapsed:,.0f}/s, "
            f"{share:.0%} of input, ETA {self.eta(now, share)}"
        )
        if self.tty:
            click.echo(f"\r{line}\x1b[K", nl=False, err=True)
            self.drawn = now
        else:
            click.echo(line, err=True)
            while self.next_log <= share:
                self.next_log += 0.1

    def eta(self, now: float, share: float) -> str:
        """Time left at the rate since the first document came back; `?` until that rate means something."""
        if share >= 1:
            return "0:00"
        since, share0 = self.first or (now, share)
        seconds, progress = now - since, share - share0
        if progress < self.ETA_AFTER_SHARE or seconds < self.ETA_AFTER_SECONDS:
            return "?"
        return _duration(seconds * (1 - share) / progress)

    def close(self) -> None:
        if self.tty and self.drawn:
            self(*self.last, final=True)
            click.echo(err=True)


def _duration(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"


def _write_text(
    source: Source, doc: Document, blocks: Sequence[Block] | None, *, several: bool, meta: bool, markdown: bool = False
) -> None:
    """The body (--meta: the metadata first; --explain: the table), after a header line when there can be several."""
    if several:
        click.echo(f"==> {source.name} <==")
    if blocks is not None:
        _echo_meta(doc)
        _echo_blocks(blocks, "block" if source.format == "html" else "line")
    else:
        if meta:
            _echo_meta(doc)
        click.echo(doc.markdown if markdown else doc.text)
    if several:
        click.echo()


def _write_json(
    source: Source, doc: Document, blocks: Sequence[Block] | None, *, several: bool, meta: bool
) -> None:
    """One JSON line: the source's name and format, the Document (`Document.to_dict`), --explain's blocks."""
    record = {"source": source.name, "format": source.format, **doc.to_dict()}
    if blocks is not None:
        record["blocks"] = [{"line": b.line, "label": b.label, "rule": b.rule, "text": b.text} for b in blocks]
    click.echo(json.dumps(record, ensure_ascii=False))


# `cleaner clean --format`: each output format and the function that writes one document in it.
# A new format is one entry here (and a line in the table of formats, docs/command-line.md, "Inputs").
CLEAN_FORMATS: dict[str, Callable[..., None]] = {
    "text": _write_text,
    "markdown": partial(_write_text, markdown=True),
    "json": _write_json,
}
# The formats that carry the Markdown rendering (`Document.markdown`): it is computed for them only.
_MARKDOWN_FORMATS = frozenset({"markdown", "json"})


@main.command()
@click.argument(
    "inputs", metavar="INPUT...", nargs=-1, required=True, type=click.Path(path_type=Path, allow_dash=True)
)
@click.option(
    "-f",
    "--format",
    "output_format",
    type=click.Choice([*CLEAN_FORMATS, "html"]),
    default="text",
    show_default=True,
    help="text: the body, a header line before each document when there can be several; "
    "markdown: the same as Markdown (headings, lists, tables, quotes); "
    "json: one JSON object a line per document (JSON Lines): source, format, text, markdown, metadata, "
    "language, dropped lines with reason and rule; "
    "html (with --explain only): one self-contained HTML page, a section per document, every block "
    "coloured by its label, its rule on hover.",
)
@click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
@click.option(
    "--explain",
    is_flag=True,
    help="Instead of the body, show the metadata and every input line (HTML: block) with its label and rule "
    "(with --format json: a `blocks` list; --format html: a page of them).",
)
@click.option("--meta", is_flag=True, help="Show the metadata (title, date, author, site, language) before the body.")
@click.option("--comments", is_flag=True, help="Keep readers' comments, after the body.")
@_favor
@click.option("--strict", is_flag=True, help="Exit with code 1 if any document failed or nothing was kept.")
@_verbosity
def clean(
    inputs: tuple[Path, ...],
    output_format: str,
    as_json: bool,
    explain: bool,
    meta: bool,
    comments: bool,
    favor: str | None,
    strict: bool,
) -> None:
    """Print the cleaned body of each article of INPUT..., one document after another.

    \b
    An INPUT is - (standard input), a file, or a folder searched as `build` searches it:
      .txt, .html, .htm     one article (a file of another name, given by name: text)
      .jsonl, .ndjson       one article a line, as `build` reads them
      .warc                 the HTML responses
    and .gz of each. Standard input is read as what it starts with: WARC/ a WARC
    file, { JSON Lines, a tag HTML, anything else text; gzip is undone.

    Documents are written as they are cleaned, in input order, so `cleaner clean` works as a
    filter in a pipeline. A document that cannot be read or cleaned is named on stderr with its
    reason and the rest go on; a run that keeps nothing says so on stderr.
    """
    from corpus.sources import container_kind, failure_reason, find_inputs, iter_sources, spool
    from corpus.workers import clean_sources, explain_sources  # no pyarrow or numpy

    if as_json:
        given = click.get_current_context().get_parameter_source("output_format")
        if given is click.core.ParameterSource.COMMANDLINE and output_format != "json":
            raise click.UsageError(f"--json contradicts --format {output_format}")
        output_format = "json"
    if output_format == "html" and not explain:
        raise click.UsageError("--format html is the --explain page: add --explain (or use text, markdown or json)")
    stdin = any(str(i) == DASH for i in inputs)
    if stdin and len(inputs) > 1:
        raise click.UsageError("- (standard input) must be the only INPUT")
    level = _level()
    failures: list[tuple[str, str]] = []
    read = kept = 0

    def failure(source: Source, exc: Exception) -> None:
        nonlocal read
        read += 1
        failures.append((source.name, failure_reason(exc)))
        _warn(f"{source.name}: {failures[-1][1]}")

    with contextlib.ExitStack() as stack:
        if stdin:
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="cleaner-stdin-")))
            files = [(spool(sys.stdin.buffer, folder), DASH)]
        else:
            try:
                files = find_inputs(inputs, any_file=True)
            except (OSError, ValueError) as exc:
                raise click.ClickException(str(exc)) from exc
        several = len(files) > 1 or any(container_kind(p) for p, _ in files) or any(p.is_dir() for p in inputs)
        text_format = "markdown" if output_format in _MARKDOWN_FORMATS else "text"
        corpus_config = dataclasses.replace(CORPUS_DEFAULT, text_format=text_format)
        sources = iter_sources(files, failure, max_bytes=corpus_config.max_document_bytes or None)
        config = _config(comments, favor)
        run = explain_sources if explain else clean_sources
        write = _html_writer(stack, inputs) if output_format == "html" else CLEAN_FORMATS[output_format]
        for source, outcome in run(sources, config=config, corpus_config=corpus_config, on_error=failure):
            doc, blocks = outcome if isinstance(outcome, tuple) else (outcome, None)
            read += 1
            kept += bool(doc.text.strip())
            write(source, doc, blocks, several=several, meta=meta)
            if level > 0:
                words = len(doc.text.split())
                click.echo(f"{source.name}: {words:,} words kept, {len(doc.dropped):,} dropped", err=True)
    if several and failures and level >= 0:
        _warn(f"{len(failures):,} of {read:,} documents failed")
    if not kept:
        if read == 0:
            why = "no input file of a known kind (.txt, .html, .htm, .jsonl, .ndjson, .warc, or .gz of one)"
        elif len(failures) == read:
            why = "every document failed" if read > 1 else "the document failed"
        else:
            why = "every body was empty after cleaning" if read > 1 else "its body is empty after cleaning"
        _warn(f"nothing kept: {why}")
    if strict and (failures or not kept):
        raise click.ClickException(
            f"--strict: {len(failures):,} of {read:,} documents failed" if failures else "--strict: nothing kept"
        )


def _html_writer(stack: contextlib.ExitStack, inputs: Sequence[Path]) -> Callable[..., None]:
    """--explain --format html: the page's head now, a section per document, its end when the run ends."""
    from . import explain

    click.echo(explain.page_head(" ".join(map(str, inputs))), nl=False)
    # On the exit stack, the page is closed even when the run stops early (Ctrl-C, an unexpected error).
    stack.callback(lambda: click.echo(explain.page_tail(), nl=False))
    count = iter(range(1, sys.maxsize))

    def write(source: Source, doc: Document, blocks: Sequence[Block], **_: object) -> None:
        click.echo(explain.section(doc, blocks, name=source.name, source_format=source.format, number=next(count)), nl=False)

    return write


def _echo_meta(doc: Document) -> None:
    """Metadata of `doc`, one field a line, `-` where the cleaner found none."""
    for name, value in doc.shown_metadata():
        click.echo(f"{name:<9} {value or '-'}")
    click.echo()


def _echo_blocks(blocks: Sequence[Block], unit: str) -> None:
    """One aligned row per block: number, label, rule, text (cut to the terminal's width on a terminal)."""
    number = max([len(unit)] + [len(str(b.line)) for b in blocks])
    label = max([5] + [len(b.label) for b in blocks])
    rule = max([4] + [len(b.rule) for b in blocks])
    width = shutil.get_terminal_size().columns - (number + label + rule + 6) if sys.stdout.isatty() else 0
    click.echo(f"{unit:>{number}}  {'label':<{label}}  {'rule':<{rule}}  text")
    for b in blocks:
        text = b.text if width <= 1 or len(b.text) <= width else b.text[: width - 1] + "…"
        click.echo(f"{b.line:>{number}}  {b.label:<{label}}  {b.rule:<{rule}}  {text}")


def _cleaner_names() -> list[str]:
    """Names `cleaner eval --cleaner` accepts (imported late: the CLI starts without the adapters)."""
    from .eval.adapters import ADAPTERS

    return list(ADAPTERS)


@main.command(name="eval")
@click.argument("gold", type=click.Path(exists=True))
@click.option(
    "-c",
    "--cleaner",
    "cleaners",
    multiple=True,
    type=click.Choice(_cleaner_names()),
    metavar="NAME",
    help=f"Cleaner to run, repeatable: {', '.join(_cleaner_names())}. Default: all that read what the gold "
    "scores (dates on a date set: cleaner, trafilatura, htmldate; bodies otherwise); "
    f"competitors not installed are skipped with a note ({COMPARE_INSTALL} in this project's clone).",
)
@click.option(
    "--text",
    "text_renders",
    is_flag=True,
    help="Score a snippet set's plain-text renders (text/<stem>.txt[.gz] beside evaldata.json, one per "
    "page file) instead of its HTML pages: the text path on the same gold.",
)
@click.option(
    "--runs",
    type=click.IntRange(min=1),
    default=3,
    show_default=True,
    help="Timed runs per cleaner; speed is their median.",
)
@click.option("--json", "json_file", type=click.Path(dir_okay=False), help="Also write the results as JSON.")
@click.option(
    "--markdown", "markdown_file", type=click.Path(dir_okay=False), help="Also write the tables as Markdown."
)
@click.option(
    "--plot",
    "plot_file",
    type=click.Path(dir_okay=False),
    help=f"Draw F1 against pages/s to this PNG (needs matplotlib: {COMPARE_INSTALL} in this project's clone).",
)
@click.option(
    "--errors",
    type=click.IntRange(min=0),
    default=0,
    metavar="K",
    help="Print the K worst pages of one cleaner, with the text it missed and added.",
)
@click.option(
    "--errors-cleaner",
    metavar="NAME",
    help="Cleaner whose worst pages --errors prints. Default: the first cleaner run.",
)
@_verbosity
def eval_(
    gold: str,
    cleaners: tuple[str, ...],
    text_renders: bool,
    runs: int,
    json_file: str | None,
    markdown_file: str | None,
    plot_file: str | None,
    errors: int,
    errors_cleaner: str | None,
) -> None:
    """Score cleaners against the gold set in folder GOLD, for quality and speed.

    GOLD holds a Scrapinghub set (ground-truth.json with html/ or pages/), a snippet set
    (trafilatura's evaldata.json, pages in eval/ or cache/), a date set (htmldate's
    eval_*.json, pages in cache/; or gold.json, pages in html/) or a JSON Lines set
    (gold.jsonl); the layout is detected, a URL-keyed file's from its entries ("with" snippets,
    or a "date" alone). Pages may be gzipped. The output files and matplotlib (for --plot) are
    checked before anything runs.

    Snippet and date sets are also scored per language of the page: a page's language comes from
    the gold, never from a cleaner's output: a snippet page's from its "with" snippets joined, a
    date page's from its visible text, else its <html lang>, as this project's language code
    tells it (a clear stop-word vote, else langdetect with a fixed seed). Languages under 2% of
    the pages are pooled as "other"; "und" is a page whose language was not found.
    """
    import importlib.util

    from .eval.adapters import PLOT_HINT, Missing
    from .eval.gold import GoldError, load_gold
    from .eval.report import (
        default_cleaners,
        evaluate,
        format_markdown,
        format_text,
        plot,
        to_json,
        worst_pages,
    )

    for name, path in (("--json", json_file), ("--markdown", markdown_file), ("--plot", plot_file)):
        if path is not None:
            _check_output(Path(path), name)
    if plot_file and importlib.util.find_spec("matplotlib") is None:
        raise click.ClickException(f"--plot needs matplotlib, which is not installed ({PLOT_HINT})")
    try:
        gold_set = load_gold(Path(gold), text=text_renders)
    except (GoldError, OSError) as error:
        raise click.ClickException(str(error)) from error
    names = list(dict.fromkeys(cleaners)) or default_cleaners(gold_set)
    if errors_cleaner and errors_cleaner not in names:
        run = ", ".join(names)
        raise click.ClickException(f"--errors-cleaner {errors_cleaner} is not among the cleaners run: {run}")
    level = _level()
    def progress(name: str) -> None:
        if level >= 0:
            click.echo(f"running {name}…", err=True)

    report = evaluate(gold_set, names, runs, progress=progress)
    for name, reason in report.skipped if level >= 0 else ():
        click.echo(f"note: skipped {name}: {reason}", err=True)
    for note in report.notes if level >= 0 else ():
        click.echo(f"note: {note}", err=True)
    if not report.rows:
        raise click.ClickException("no cleaner could run; install the missing packages named above")
    click.echo(format_text(report))
    if errors:
        name = errors_cleaner or report.rows[0].name
        if name in {row.name for row in report.rows}:
            click.echo()
            click.echo(worst_pages(report, name, errors))
        else:
            click.echo(f"note: {name} was skipped, so it has no worst pages to show", err=True)
    try:
        if json_file:
            data = json.dumps(to_json(report), indent=2, ensure_ascii=False)
            Path(json_file).write_text(data + "\n", encoding="utf-8")
        if markdown_file:
            Path(markdown_file).write_text(format_markdown(report), encoding="utf-8")
        if plot_file:
            plot(report, Path(plot_file))
    except Missing as missing:
        raise click.ClickException(str(missing)) from missing
    except OSError as exc:
        raise click.ClickException(f"{exc.strerror or exc}: {exc.filename}") from exc
