"""`cleaner eval`: load a gold set in any of four layouts, run cleaners on it, report quality and speed."""

from __future__ import annotations

import difflib
import gc
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from .adapters import (
    ADAPTERS,
    META_FIELDS,
    PLOT_HINT,
    Extract,
    Extracted,
    Missing,
    wrap_text,
)
from .gold import GoldSet, Page
from .metrics import (
    DateScore,
    Score,
    SnippetScore,
    bootstrap_std,
    date_score,
    label_counts,
    meta_match,
    page_f1,
    score,
    snippet_counts,
    snippet_found,
)
from .structure import KINDS, structure_score

RESAMPLES = 1000  # the Scrapinghub benchmark's bootstrap
META_RULES = (
    "title equal after folding case and spaces; author contained in the gold byline or containing it; "
    "date on the same day; language by its primary subtag"
)
BODY_LABELS = frozenset({"body"})  # every other line label is something a cleaner should drop
# A language with fewer pages than this share of the set is pooled as "other": a row of a handful
# of pages is noise, and a set in twenty languages would bury the ones that matter.
MIN_LANGUAGE_SHARE = 0.02
OTHER, UNKNOWN = "other", "und"
LANGUAGE_RULE = (
    "told from the gold, never from a cleaner's output: a snippet page's from its 'with' snippets joined, "
    "a date page's from its visible text, else the lang attribute of its html element, by this "
    "project's language code (a clear stop-word vote, else langdetect with a fixed seed)"
)
LANGUAGE_TITLE = (
    f"Per language of the page (languages under {MIN_LANGUAGE_SHARE:.0%} of the pages pooled as {OTHER}, "
    f"{UNKNOWN} where none was found)"
)

# --- Running ----------------------------------------------------------------------------------


class Timing(NamedTuple):
    """A cleaner's outputs of the first run, wall seconds of each run, and pages that raised (output '')."""

    outputs: list[str | Extracted]
    seconds: list[float]
    failures: int


def take_turns(
    extracts: dict[str, Extract],
    inputs: Sequence[tuple[str, str]],
    runs: int,
    before_pass: Callable[[str], None] | None = None,
) -> dict[str, Timing]:
    """Time `runs` passes of each cleaner over `inputs`, the cleaners taking turns in each round.

    Taking turns puts machine noise on every cleaner alike, so that the ratio of two cleaners'
    passes in one round holds even on a shared machine. Each cleaner first gets one untimed call
    (first-call setup such as lazy tables and caches is not throughput). `before_pass(name)`
    runs, untimed, before each of a cleaner's passes (to empty its caches, say).
    """
    for extract in extracts.values():
        try:
            extract(*inputs[0])
        except Exception:
            pass  # counted below, in the timed runs
    outputs: dict[str, list[str | Extracted]] = {}
    seconds: dict[str, list[float]] = {name: [] for name in extracts}
    failures = dict.fromkeys(extracts, 0)
    try:
        for run in range(runs):
            for name, extract in extracts.items():
                results: list[str | Extracted] = []
                if before_pass is not None:
                    before_pass(name)
                start = time.perf_counter()
                for content, kind in inputs:
                    try:
                        results.append(extract(content, kind))
                    except Exception:  # a cleaner that fails on a page scores as having kept nothing
                        results.append("")
                        failures[name] += run == 0
                seconds[name].append(time.perf_counter() - start)
                if name not in outputs:
                    outputs[name] = results
                    # The outputs kept for scoring are out of the garbage collector's sight: its
                    # passes over them would slow the later runs, which a pipeline never pays.
                    gc.freeze()
                del results
    finally:
        gc.unfreeze()
    return {name: Timing(outputs[name], seconds[name], failures[name]) for name in extracts}


def time_cleaner(extract: Extract, inputs: Sequence[tuple[str, str]], runs: int) -> Timing:
    """`take_turns` for one cleaner."""
    return take_turns({"": extract}, inputs, runs)[""]


@dataclass(slots=True)
class Row:
    """One cleaner's results on the gold set."""

    name: str
    description: str
    outputs: list[str]
    seconds: float  # median over the runs
    pages_per_s: float
    mb_per_s: float
    failures: int
    score: Score | None = None
    std: Score | None = None
    page_f1: list[float | None] = field(default_factory=list)  # per page; None without a body
    snippets: SnippetScore | None = None
    dates: DateScore | None = None
    languages: dict[str, SnippetScore | DateScore] = field(default_factory=dict)  # snippet or date counts per language
    labels: dict[str, tuple[int, int]] = field(default_factory=dict)  # label -> (dropped, lines)
    metas: list[dict[str, str | None]] | None = None  # per page, for cleaners that read metadata
    meta: dict[str, tuple[int, int]] = field(default_factory=dict)  # field -> (right, pages with gold)
    structure: dict[str, dict[str, float]] | None = None  # Markdown cleaners on a gold set with expected HTML


@dataclass(slots=True)
class Report:
    """Every cleaner's row, the cleaners skipped and why, and notes on how they were run."""

    gold: GoldSet
    runs: int
    rows: list[Row]
    skipped: list[tuple[str, str]]
    notes: list[str]

    @property
    def megabytes(self) -> float:
        """Size of the gold set's inputs in MB (10^6 bytes)."""
        return sum(p.size for p in self.gold.pages) / 1e6


def score_row(row: Row, pages: Sequence[Page], markdown: bool = False) -> None:
    """Fill in every metric the gold set supports from the row's outputs (the structure score too, for Markdown)."""
    if markdown and any(p.expected_html for p in pages):
        row.structure = structure_score(
            (p.expected_html, out) for out, p in zip(row.outputs, pages, strict=True) if p.expected_html
        )
    if row.metas is not None:
        for field in META_FIELDS:
            judged = [meta_match(field, got.get(field), p.meta[field]) for got, p in zip(row.metas, pages, strict=True) if field in p.meta]
            if judged:
                row.meta[field] = (sum(judged), len(judged))
    with_body = [(out, p.body) for out, p in zip(row.outputs, pages, strict=True) if p.body is not None]
    if with_body:
        row.score = score(with_body)
        row.std = bootstrap_std(with_body, resamples=RESAMPLES)
        row.page_f1 = [
            None if p.body is None else page_f1(out, p.body)
            for out, p in zip(row.outputs, pages, strict=True)
        ]
    counts: list[SnippetScore] | list[DateScore] = []
    if any(p.with_ or p.without for p in pages):
        snippets = [snippet_counts(out, p.with_, p.without) for out, p in zip(row.outputs, pages, strict=True)]
        row.snippets, counts = sum(snippets, SnippetScore(0, 0, 0, 0)), snippets
    if all(p.date for p in pages) and row.metas is not None:  # a date set: every page has its gold day
        dates = [date_score([(got.get("date"), p.date or "")]) for got, p in zip(row.metas, pages, strict=True)]
        row.dates, counts = sum(dates, DateScore(0, 0, 0)), dates
    if counts:
        row.languages = _by_language(language_groups(pages), counts)
    labels: dict[str, tuple[int, int]] = {}
    for out, p in zip(row.outputs, pages, strict=True):
        chrome = [(text, label) for text, label in p.lines if label not in BODY_LABELS]
        for label, (dropped, total) in label_counts(chrome, out).items():
            old = labels.get(label, (0, 0))
            labels[label] = (old[0] + dropped, old[1] + total)
    row.labels = dict(sorted(labels.items()))


def language_groups(pages: Sequence[Page]) -> list[str]:
    """Each page's row of the per-language table: its language, pooled as "other" when rare (LANGUAGE_RULE)."""
    codes = [p.language or UNKNOWN for p in pages]
    counts = Counter(codes)
    return [code if counts[code] >= MIN_LANGUAGE_SHARE * len(codes) else OTHER for code in codes]


def _by_language(groups: Sequence[str], counts: Sequence[SnippetScore | DateScore]) -> dict[str, SnippetScore | DateScore]:
    """Page counts summed per language group, the most pages first, "other" and "und" last."""
    pooled: dict[str, SnippetScore | DateScore] = {}
    for group, count in zip(groups, counts, strict=True):
        pooled[group] = pooled[group] + count if group in pooled else count  # type: ignore[operator]
    sizes = Counter(groups)
    return {g: pooled[g] for g in sorted(pooled, key=lambda g: (g in (OTHER, UNKNOWN), g == UNKNOWN, -sizes[g], g))}


def scores_dates(gold: GoldSet) -> bool:
    """Whether the gold set scores publication dates (else article bodies)."""
    return gold.layout == "dates"


def default_cleaners(gold: GoldSet) -> list[str]:
    """Every cleaner that reads what the gold set scores: the dates of a date set, else the body."""
    return [name for name, adapter in ADAPTERS.items() if adapter.loader(scores_dates(gold))]


def evaluate(
    gold: GoldSet, names: Sequence[str], runs: int = 3, progress: Callable[[str], None] | None = None
) -> Report:
    """Run each named cleaner over the gold set `runs` times and score its output.

    On a date set a cleaner is run for its dates; one that finds none (or only another's) is skipped
    with a reason, as is a date finder on a set that scores bodies.
    """
    dates = scores_dates(gold)
    has_text = any(p.kind == "text" for p in gold.pages)
    wrapped: list[tuple[str, str]] | None = None
    rows: list[Row] = []
    skipped: list[tuple[str, str]] = []
    notes: list[str] = []
    size = sum(p.size for p in gold.pages) / 1e6
    for name in names:
        adapter = ADAPTERS[name]
        load = adapter.loader(dates)
        if load is None:
            skipped.append((name, "it finds no publication dates of its own" if dates else "it reads no article body"))
            continue
        try:
            extract = load()
        except Missing as missing:
            skipped.append((name, str(missing)))
            continue
        if adapter.html_only and has_text:
            if wrapped is None:
                # Built once and outside the timer, like the decoding: only the cleaning is timed.
                wrapped = [
                    (wrap_text(p.content), "html") if p.kind == "text" else (p.content, p.kind)
                    for p in gold.pages
                ]
                notes.append("text pages are given to HTML-only cleaners as one <p> per non-blank line")
            inputs = wrapped
        else:
            inputs = [(p.content, p.kind) for p in gold.pages]
        if progress:
            progress(name)
        results, seconds, failures = time_cleaner(extract, inputs, runs)
        outputs = [r.text if isinstance(r, Extracted) else r for r in results]
        metas = [r.meta if isinstance(r, Extracted) else {} for r in results]
        median = statistics.median(seconds)
        speed = 1 / median if median > 0 else float("inf")
        row = Row(name, adapter.description, outputs, median, len(inputs) * speed, size * speed, failures)
        row.metas = metas if any(isinstance(r, Extracted) for r in results) else None
        score_row(row, gold.pages, adapter.markdown)
        rows.append(row)
    return Report(gold, runs, rows, skipped, notes)


# --- Reports ----------------------------------------------------------------------------------


def _pm(value: float, std: float | None) -> str:
    return f"{value:.3f} ± {std:.3f}" if std is not None else f"{value:.3f}"


def _speed(value: float) -> str:
    # Three significant digits, trailing zeros kept ("12.0") but never a bare trailing point: 99.97
    # rounds to "100." in the `#` form.
    return f"{value:,.0f}" if value >= 100 else f"{value:#.3g}".rstrip(".")


SNIPPET_HEADERS = ["snippet F1", "snippet P", "snippet R", "TP", "FN", "FP"]
DATE_HEADERS = ["date right", "date given", "date P", "right", "given"]


def _counts_cells(counts: SnippetScore | DateScore) -> list[str]:
    """The cells of SNIPPET_HEADERS or DATE_HEADERS for one cleaner's counts."""
    if isinstance(counts, DateScore):
        shares = (counts.accuracy, counts.coverage, counts.precision)
        return [*(f"{share:.3f}" for share in shares), str(counts.right), str(counts.dated)]
    shares = (counts.f1, counts.precision, counts.recall)
    return [*(f"{share:.3f}" for share in shares), str(counts.tp), str(counts.fn), str(counts.fp)]


def main_table(report: Report) -> tuple[list[str], list[list[str]]]:
    """Headers and cells of the main table: one row per cleaner."""
    headers = ["cleaner"]
    has_score = any(r.score for r in report.rows)
    has_snippets = any(r.snippets for r in report.rows)
    has_dates = any(r.dates for r in report.rows)
    if has_score:
        headers += ["F1", "precision", "recall", "accuracy"]
    if has_snippets:
        headers += SNIPPET_HEADERS
    if has_dates:
        headers += DATE_HEADERS
    fields = [f for f in META_FIELDS if any(f in row.meta for row in report.rows)]
    headers += fields + ["pages/s", "MB/s", "failed"]
    cells = []
    for row in report.rows:
        line = [row.name]
        if has_score and row.score and row.std:
            line += [
                _pm(row.score.f1, row.std.f1),
                _pm(row.score.precision, row.std.precision),
                _pm(row.score.recall, row.std.recall),
                _pm(row.score.accuracy, row.std.accuracy),
            ]
        if has_snippets and row.snippets:
            line += _counts_cells(row.snippets)
        if has_dates and row.dates:
            line += _counts_cells(row.dates)
        line += [f"{row.meta[f][0] / row.meta[f][1]:.3f}" if f in row.meta else "-" for f in fields]
        line += [_speed(row.pages_per_s), _speed(row.mb_per_s), str(row.failures)]
        cells.append(line)
    return headers, cells


def language_table(report: Report) -> tuple[list[str], list[list[str]]] | None:
    """Headers and cells of the per-language table (snippet and date sets): one row per language and cleaner, then all."""
    rows = [row for row in report.rows if row.languages]
    if not rows:
        return None
    pages = Counter(language_groups(report.gold.pages))
    first = next(iter(rows[0].languages.values()))
    headers = ["language", "cleaner", "pages", *(DATE_HEADERS if isinstance(first, DateScore) else SNIPPET_HEADERS)]
    cells = [
        [language, row.name, str(pages[language]), *_counts_cells(row.languages[language])]
        for language in rows[0].languages
        for row in rows
    ]
    for row in rows:
        overall = row.dates or row.snippets
        assert overall is not None
        cells.append(["all", row.name, str(len(report.gold.pages)), *_counts_cells(overall)])
    return headers, cells


_KIND_NAMES = {"heading": "headings", "item": "list items", "row": "table rows", "quote": "quotes"}
STRUCTURE_NOTE = (
    "Structure: F1 of each kind of item of the expected article (headings, list items, table rows, quotes) "
    "found in the cleaner's Markdown, an item found when one of the same kind shares 80% of its words "
    "(cleaner/eval/structure.py); gold items per kind in brackets"
)


def structure_table(report: Report) -> tuple[list[str], list[list[str]]] | None:
    """Headers and cells of the structure table (Markdown cleaners on a gold set with expected HTML), if any."""
    rows = [row for row in report.rows if row.structure]
    if not rows:
        return None
    first = rows[0].structure
    assert first is not None
    headers = ["cleaner", *(f"{_KIND_NAMES[k]} ({first[k]['gold']:.0f})" for k in KINDS), "all F1", "all P", "all R"]
    cells = []
    for row in rows:
        s = row.structure
        assert s is not None
        cells.append([row.name, *(f"{s[k]['f1']:.3f}" for k in KINDS), *(f"{s['all'][m]:.3f}" for m in ("f1", "precision", "recall"))])
    return headers, cells


def label_table(report: Report) -> tuple[list[str], list[list[str]]] | None:
    """Headers and cells of the chrome-label table (share of each label's lines dropped), if any."""
    labels = sorted({label for row in report.rows for label in row.labels})
    if not labels:
        return None
    headers = ["label", "lines"] + [row.name for row in report.rows]
    cells = []
    for label in labels:
        total = next(row.labels[label][1] for row in report.rows if label in row.labels)
        cells.append(
            [label, str(total)] + [f"{r.labels[label][0] / r.labels[label][1]:.2f}" for r in report.rows]
        )
    return headers, cells


def _text_table(headers: list[str], cells: list[list[str]], left: int = 1) -> str:
    """The table aligned in columns: the first `left` (names) to the left, the figures to the right."""
    widths = [max(len(h), *(len(c[i]) for c in cells)) if cells else len(h) for i, h in enumerate(headers)]

    def line(values: list[str]) -> str:
        first = [v.ljust(w) for v, w in zip(values[:left], widths[:left], strict=True)]
        rest = [v.rjust(w) for v, w in zip(values[left:], widths[left:], strict=True)]
        return "  ".join([*first, *rest]).rstrip()

    return "\n".join([line(headers), "  ".join("-" * w for w in widths), *(line(c) for c in cells)])


def _markdown_table(headers: list[str], cells: list[list[str]], left: int = 1) -> str:
    rows = [headers, ["---"] * left + ["---:"] * (len(headers) - left), *cells]
    return "\n".join("| " + " | ".join(r) + " |" for r in rows)


def _summary(report: Report) -> str:
    gold = report.gold
    kinds = Counter(p.kind for p in gold.pages)
    mix = ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items()))
    return (
        f"{gold.path} ({gold.layout}): {len(gold.pages)} pages ({mix}), {report.megabytes:.3g} MB; "
        f"speed is the median of {report.runs} run{'s' if report.runs != 1 else ''}"
    )


def _meta_note(report: Report) -> list[str]:
    """How the metadata columns are judged, when the table has them."""
    counts = {f: n for row in report.rows for f, (_, n) in row.meta.items()}
    if not counts:
        return []
    pages = ", ".join(f"{field} {n}" for field, n in counts.items())
    return [f"Metadata columns: share of the pages with that gold field ({pages}) the cleaner got right: {META_RULES}."]


def format_text(report: Report) -> str:
    """The terminal report: a summary line, the main table, then the per-language, structure and chrome-label tables."""
    parts = [_summary(report), "", _text_table(*main_table(report)), *_meta_note(report)]
    if languages := language_table(report):
        parts += ["", f"{LANGUAGE_TITLE}; how a page's language is told: cleaner eval --help:"]
        parts.append(_text_table(*languages, left=2))
    if structure := structure_table(report):
        parts += ["", STRUCTURE_NOTE + ":", _text_table(*structure)]
    labels = label_table(report)
    if labels:
        parts += [
            "",
            "Share of each chrome label's lines dropped (1.00: none slipped through):",
            _text_table(*labels),
        ]
    return "\n".join(parts)


def format_markdown(report: Report) -> str:
    """The report as Markdown tables."""
    parts = [_summary(report), "", _markdown_table(*main_table(report))]
    if meta_note := _meta_note(report):
        parts += ["", *meta_note]
    if languages := language_table(report):
        parts += ["", f"{LANGUAGE_TITLE}:", "", _markdown_table(*languages, left=2)]
        parts += ["", f"A page's language is {LANGUAGE_RULE}."]
    if structure := structure_table(report):
        parts += ["", STRUCTURE_NOTE + ":", "", _markdown_table(*structure)]
    if label_rows := label_table(report):
        parts += ["", "Share of each chrome label's lines dropped:", "", _markdown_table(*label_rows)]
    for note in report.notes:
        parts += ["", f"Note: {note}."]
    for name, reason in report.skipped:
        parts += ["", f"Skipped {name}: {reason}."]
    return "\n".join(parts) + "\n"


def _counts_json(counts: SnippetScore | DateScore) -> dict[str, int | float]:
    """Snippet or date counts and the figures drawn from them, as plain data."""
    if isinstance(counts, DateScore):
        return {
            "right": counts.right, "dated": counts.dated, "pages": counts.pages,
            "accuracy": counts.accuracy, "coverage": counts.coverage, "precision": counts.precision,
        }  # fmt: skip
    return {
        "tp": counts.tp, "fn": counts.fn, "fp": counts.fp, "tn": counts.tn,
        "precision": counts.precision, "recall": counts.recall, "f1": counts.f1, "accuracy": counts.accuracy,
    }  # fmt: skip


def to_json(report: Report) -> dict:
    """The report as plain data, with each page's F1 for further analysis."""
    cleaners = []
    for row in report.rows:
        item: dict = {
            "name": row.name,
            "description": row.description,
            "seconds": row.seconds,
            "pages_per_s": row.pages_per_s,
            "mb_per_s": row.mb_per_s,
            "failed": row.failures,
        }
        if row.score and row.std:
            for metric in ("f1", "precision", "recall", "accuracy"):
                item[metric] = getattr(row.score, metric)
                item[f"{metric}_std"] = getattr(row.std, metric)
            item["page_f1"] = {
                p.key: f for p, f in zip(report.gold.pages, row.page_f1, strict=True) if f is not None
            }
        if row.snippets:
            item["snippets"] = _counts_json(row.snippets)
        if row.dates:
            item["dates"] = _counts_json(row.dates)
        if row.languages:
            item["languages"] = {language: _counts_json(counts) for language, counts in row.languages.items()}
        if row.meta:
            item["metadata"] = {
                field: {"right": right, "pages": pages, "accuracy": right / pages} for field, (right, pages) in row.meta.items()
            }
        if row.structure:
            item["structure"] = row.structure
        if row.labels:
            item["labels"] = {
                label: {"dropped": dropped, "lines": total, "recall": dropped / total}
                for label, (dropped, total) in row.labels.items()
            }
        cleaners.append(item)
    languages = {}
    if any(row.languages for row in report.rows):
        languages = {
            "language_rule": LANGUAGE_RULE,
            "page_languages": {p.key: p.language or UNKNOWN for p in report.gold.pages},
        }
    return {
        "gold": str(report.gold.path),
        "layout": report.gold.layout,
        "pages": len(report.gold.pages),
        **languages,
        "megabytes": report.megabytes,
        "runs": report.runs,
        "resamples": RESAMPLES,
        "cleaners": cleaners,
        "skipped": [{"name": name, "reason": reason} for name, reason in report.skipped],
        "notes": report.notes,
    }


def _headline(row: Row) -> float | None:
    """The one figure a row is plotted by: its F1, its snippets' F1, or its right dates."""
    if row.score:
        return row.score.f1
    if row.snippets:
        return row.snippets.f1
    return row.dates.accuracy if row.dates is not None else None


def plot(report: Report, path: Path) -> None:
    """Draw F1 against pages/s (log scale), one labelled point per cleaner, to a PNG."""
    try:
        import matplotlib
    except ImportError as error:
        raise Missing(f"matplotlib is not installed ({PLOT_HINT})") from error
    matplotlib.use("Agg")  # files only: no display on servers and in CI
    from matplotlib import pyplot

    points = [(row.name, row.pages_per_s, quality) for row in report.rows if (quality := _headline(row)) is not None]
    figure, axes = pyplot.subplots(figsize=(7, 4.5))
    labels, where = [], []
    for name, speed, f1 in sorted(points, key=lambda p: (p[1], -p[2])):
        axes.scatter(speed, f1)
        leader = {"arrowstyle": "-", "color": "0.5", "linewidth": 0.6, "shrinkA": 0, "shrinkB": 4}
        labels.append(
            axes.annotate(
                name, (speed, f1), textcoords="offset points", xytext=(6, 3), fontsize=8, arrowprops=leader
            )
        )
        where.append((speed, f1))
    axes.set_xscale("log")
    axes.margins(x=0.2, y=0.1)
    axes.set_xlabel("pages per second (log scale)")
    axes.set_ylabel(
        "F1" if any(r.score for r in report.rows) else "snippet F1" if any(r.snippets for r in report.rows) else "date right"
    )
    name = report.gold.path.name if report.gold.path.is_dir() else report.gold.path.parent.name
    axes.set_title(f"{name or report.gold.path}: quality against speed")
    axes.grid(True, which="both", alpha=0.3)
    figure.tight_layout()
    _place_labels(figure, axes, labels, where)
    figure.savefig(path, dpi=120)
    pyplot.close(figure)


def _place_labels(figure: object, axes: object, labels: list, points: list[tuple[float, float]]) -> None:
    """Put each label at the nearest spot beside its point that overlaps no point, no label placed
    before it and nothing outside the plot: good cleaners bunch up at one F1 and one speed."""
    from matplotlib.text import Text
    from matplotlib.transforms import Bbox

    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    to_points = 72 / figure.dpi  # type: ignore[attr-defined]
    frame = axes.get_window_extent(renderer)  # type: ignore[attr-defined]
    markers = [Bbox.from_bounds(x - 5, y - 5, 10, 10) for x, y in axes.transData.transform(points)]  # type: ignore[attr-defined]
    placed: list[Bbox] = []

    def extent(label: Text) -> Bbox:
        label.update_positions(renderer)  # type: ignore[attr-defined]  # else the box is where it was last drawn
        return Text.get_window_extent(label, renderer)  # the text alone, not its leader line

    for label in labels:
        box = extent(label)
        width, height = box.width * to_points, box.height * to_points
        spots = []
        for step in range(len(labels) + 2):  # above, below, then a line further each time
            rise = step * (height + 2)
            for dy in (3 + rise, -height - 3 - rise):
                spots += [(6, dy), (-6 - width, dy)]
        for spot in [*spots, spots[0]]:  # nowhere free: the first spot
            label.xyann = spot
            box = extent(label)
            inside = frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1
            if inside and not any(box.overlaps(other) for other in placed + markers):
                break
        placed.append(box)


_WORD = re.compile(r"\S+")


def diff(gold: str, predicted: str) -> tuple[list[str], list[str]]:
    """Runs of words the prediction missed from the gold, and runs it added."""
    gold_words, predicted_words = _WORD.findall(gold), _WORD.findall(predicted)
    matcher = difflib.SequenceMatcher(None, gold_words, predicted_words, autojunk=False)
    missed, added = [], []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("delete", "replace"):
            missed.append(" ".join(gold_words[i1:i2]))
        if tag in ("insert", "replace"):
            added.append(" ".join(predicted_words[j1:j2]))
    return missed, added


def _shorten(runs: list[str], limit: int = 400) -> str:
    if not runs:
        return "(nothing)"
    text = " | ".join(run if len(run) <= 160 else run[:150] + " …" for run in runs)
    return text if len(text) <= limit else text[:limit] + " …"


def worst_pages(report: Report, name: str, k: int) -> str:
    """The `k` pages where cleaner `name` did worst, with the text it missed and the text it added."""
    row = next(r for r in report.rows if r.name == name)
    pages = report.gold.pages
    out = [f"Worst {k} pages for {name}:"]
    if row.score:
        ranked = sorted(
            (i for i, f in enumerate(row.page_f1) if f is not None),
            key=lambda i: (row.page_f1[i], pages[i].key),
        )
        for i in ranked[:k]:
            missed, added = diff(pages[i].body or "", row.outputs[i])
            out += [
                f"- {pages[i].key}  F1 {row.page_f1[i]:.3f}",
                f"  missed: {_shorten(missed)}",
                f"  added:  {_shorten(added)}",
            ]
    elif row.snippets:
        counts = [snippet_counts(o, p.with_, p.without) for o, p in zip(row.outputs, pages, strict=True)]
        ranked = sorted(range(len(pages)), key=lambda i: (-(counts[i].fn + counts[i].fp), pages[i].key))
        for i in ranked[:k]:
            missed = [s for s in pages[i].with_ if not snippet_found(s, row.outputs[i])]
            added = [s for s in pages[i].without if snippet_found(s, row.outputs[i])]
            out += [
                f"- {pages[i].key}  {counts[i].fn} missed, {counts[i].fp} unwanted",
                f"  missed: {_shorten(missed)}",
                f"  added:  {_shorten(added)}",
            ]
    elif row.dates and row.metas is not None:
        found = [(p, got.get("date")) for p, got in zip(pages, row.metas, strict=True)]
        wrong = [(p, date) for p, date in found if not meta_match("date", date, p.date or "")]
        out += [f"- {p.key}  gold {p.date}, found {date or 'no date'}" for p, date in wrong[:k]]
    else:
        out.append("  (the gold set has no body, snippets or dates to compare with)")
    return "\n".join(out)
