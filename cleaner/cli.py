"""Command line: a thin layer that parses arguments and calls the library."""

from __future__ import annotations

import dataclasses
import os
import shutil
import signal
import sys
import time
import zlib
from collections.abc import Sequence
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TYPE_CHECKING

import click

from corpus.config import CORPUS_DEFAULT

from .config import DEFAULT, with_comments

if TYPE_CHECKING:
    from .document import Block, Document


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="cleaner")
def main() -> None:
    """Strip boilerplate from news articles and export a clean Parquet corpus."""


@main.command()
@click.argument("inputs", metavar="INPUT...", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default="corpus.parquet",
    show_default=True,
    help="Parquet file to write. It is replaced only when the build succeeds.",
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
@click.option(
    "--format",
    "text_format",
    type=click.Choice(["text", "markdown"]),
    default="text",
    show_default=True,
    help="What the text column holds: the body a block a line, or as Markdown (headings, lists, tables, "
    "quotes). The Parquet schema metadata says which (key text_format).",
)
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
    text_format: str,
) -> None:
    """Clean the articles in INPUT... into a deduplicated Parquet corpus.

    \b
    An INPUT is a folder, searched recursively (hidden files and folders skipped), or a file:
      .txt, .html, .htm     one article each
      .jsonl                one article a line: {"text": ...} or {"html": ...}, and optional
                            url, date, title, author, site fields, which win over the cleaner's
      .warc                 the HTML responses; url and crawl date from the record headers
    and .gz of each. Documents are read in sorted path order, records in file order.

    A document whose body is empty after cleaning, or a duplicate of an earlier one (the same
    normalized body, or a near-duplicate by MinHash), is counted and left out; body lines found
    in many documents of one site are dropped; so is a body that repeats itself (degenerate) or
    is over 100,000 words (too large). Sources that cannot be read or cleaned, are not text
    (not-text), or are over --max-bytes (too-large) or --timeout (timeout), are listed with their
    reason and do not stop the build.
    """
    import corpus  # here, not at the top: `cleaner --help` and `cleaner clean` need no pyarrow

    for path in inputs:
        if not path.exists():
            raise click.ClickException(f"no such file or folder: {path}")
    for path in (output, duplicates):
        if path is None:
            continue
        if path.is_dir():
            raise click.ClickException(f"output is a folder: {path}")
        folder = path.parent
        if not folder.is_dir():
            raise click.ClickException(f"output folder does not exist: {folder}")
        if not os.access(folder, os.W_OK):
            raise click.ClickException(f"output folder is not writable: {folder}")
    if duplicates is not None and duplicates.resolve() == output.resolve():
        raise click.ClickException("--duplicates must not be the output file")
    corpus_config = dataclasses.replace(
        CORPUS_DEFAULT,
        near_dup_threshold=near_dup_threshold,
        repeated_line_min_docs=repeated_line_min_docs,
        document_timeout=timeout,
        max_document_bytes=max_bytes,
        text_format=text_format,
    )
    progress = _Progress(tty=sys.stderr.isatty())
    # SIGTERM (a scheduler stopping the job) ends the build like Ctrl-C: temp files removed.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        summary = corpus.build(
            inputs,
            output,
            config=with_comments(DEFAULT, comments),
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
        progress.close()
    click.echo(f"wrote {output}" + (f" and {duplicates}" if duplicates else ""))
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
        click.echo(f"  {name:<16} {value:>9,}")
    for source, reason in summary.failures:
        click.echo(f"    {source}: {reason}")


class _Progress:
    """Build progress on stderr: a live line on a terminal; else, after `QUIET` seconds, a log line per tenth of the input."""

    QUIET = 10.0  # a short build logs nothing but its summary

    def __init__(self, *, tty: bool) -> None:
        self.tty = tty
        self.start = time.monotonic()
        self.drawn = 0.0  # when the live line was last drawn
        self.next_log = 0.1
        self.last = (0, 0, 0)

    def __call__(self, documents: int, done: int, total: int, *, final: bool = False) -> None:
        self.last = (documents, done, total)
        now = time.monotonic()
        if self.tty and now - self.drawn < 0.2 and not final:
            return  # redrawing more often only costs time
        share = done / total if total else 0.0
        elapsed = max(now - self.start, 1e-9)
        if not self.tty and (share < self.next_log or elapsed < self.QUIET):
            return
        eta = _duration(elapsed * (1 - share) / share) if share > 0 else "?"
        line = f"cleaning: {documents:,} document{'s' * (documents != 1)}, {documents / elapsed:,.0f}/s, {share:.0%} of input, ETA {eta}"
        if self.tty:
            click.echo(f"\r{line}\x1b[K", nl=False, err=True)
            self.drawn = now
        else:
            click.echo(line, err=True)
            while self.next_log <= share:
                self.next_log += 0.1

    def close(self) -> None:
        if self.tty and self.drawn:
            self(*self.last, final=True)
            click.echo(err=True)


def _duration(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--explain",
    is_flag=True,
    help="Instead of the body, show the metadata and every input line (HTML: block) with its label and rule.",
)
@click.option("--meta", is_flag=True, help="Show the metadata (title, date, author, site, language) before the body.")
@click.option("--comments", is_flag=True, help="Keep readers' comments, after the body.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "markdown"]),
    default="text",
    show_default=True,
    help="The body a block a line, or as Markdown (headings, lists, tables, quotes).",
)
def clean(file: Path, explain: bool, meta: bool, comments: bool, output_format: str) -> None:
    """Print the cleaned body of one article FILE.

    FILE is .txt, .html, .htm or .gz of one; any other name is read as text.
    """
    from corpus.sources import HTML, TEXT, Source, load, source_format  # no pyarrow or numpy

    from . import clean_html, clean_text, explain_html, explain_text

    if not file.exists():
        raise click.ClickException(f"no such file: {file}")
    if not file.is_file():
        raise click.ClickException(f"not a file: {file}")
    html = source_format(file) == HTML
    try:
        data = load(Source(file, file.name, HTML if html else TEXT))
    except (OSError, EOFError, zlib.error) as exc:
        raise click.ClickException(f"cannot read {file}: {exc}") from exc
    if explain:
        explain_ = explain_html if html else explain_text
        doc, blocks = explain_(data, include_comments=comments)
        _echo_meta(doc)
        _echo_blocks(blocks, "block" if html else "line")
        return
    markdown = output_format == "markdown"
    clean_ = clean_html if html else clean_text
    doc = clean_(data, markdown=markdown, include_comments=comments)
    if meta:
        _echo_meta(doc)
    click.echo(doc.markdown if markdown else doc.text)


def _echo_meta(doc: Document) -> None:
    """Metadata of `doc`, one field a line, `-` where the cleaner found none."""
    language = doc.language and f"{doc.language} ({doc.language_score:.2f})"
    for name, value in (
        ("title", doc.title),
        ("date", doc.date),
        ("author", doc.author),
        ("site", doc.site),
        ("url", doc.url),
        ("language", language),
    ):
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
    help=f"Cleaner to run, repeatable: {', '.join(_cleaner_names())}. Default: all of them; "
    "competitors not installed are skipped with a note (pip install -e '.[compare]').",
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
    help="Draw F1 against pages/s to this PNG (needs: pip install -e '.[plot]').",
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
def eval_(
    gold: str,
    cleaners: tuple[str, ...],
    runs: int,
    json_file: str | None,
    markdown_file: str | None,
    plot_file: str | None,
    errors: int,
    errors_cleaner: str | None,
) -> None:
    """Score cleaners against the gold set in folder GOLD, for quality and speed.

    GOLD holds a Scrapinghub set (ground-truth.json with html/ or pages/), a snippet set
    (evaldata.json) or a JSON Lines set (gold.jsonl); the layout is detected.
    """
    import json
    from pathlib import Path

    from .eval.adapters import Missing
    from .eval.gold import GoldError, load_gold
    from .eval.report import evaluate, format_markdown, format_text, plot, to_json, worst_pages

    try:
        gold_set = load_gold(Path(gold))
    except (GoldError, OSError) as error:
        raise click.ClickException(str(error)) from error
    names = list(dict.fromkeys(cleaners)) or _cleaner_names()
    if errors_cleaner and errors_cleaner not in names:
        run = ", ".join(names)
        raise click.ClickException(f"--errors-cleaner {errors_cleaner} is not among the cleaners run: {run}")
    report = evaluate(gold_set, names, runs, progress=lambda name: click.echo(f"running {name}…", err=True))
    for name, reason in report.skipped:
        click.echo(f"note: skipped {name}: {reason}", err=True)
    for note in report.notes:
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
    if json_file:
        data = json.dumps(to_json(report), indent=2, ensure_ascii=False)
        Path(json_file).write_text(data + "\n", encoding="utf-8")
    if markdown_file:
        Path(markdown_file).write_text(format_markdown(report), encoding="utf-8")
    if plot_file:
        try:
            plot(report, Path(plot_file))
        except Missing as missing:
            raise click.ClickException(str(missing)) from missing
