"""Extraction metrics: Scrapinghub shingle scores, trafilatura snippet counts, htmldate date counts, line-label recall."""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+")

SHINGLE_SIZE = 4  # the benchmark's value


def shingles(text: str, size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """Multiset of the `size`-token shingles of `text` (one shingle when shorter, none when empty)."""
    tokens = _TOKEN.findall(text or "")
    if not tokens:
        return Counter()  # the benchmark's `_ngrams` drops the empty shingle
    if len(tokens) < size:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


def page_counts(predicted: str, gold: str) -> tuple[float, float, float]:
    """(tp, fp, fn) of one page, each divided by their sum so every page weighs the same."""
    pred, ref = shingles(predicted), shingles(gold)
    tp = sum((pred & ref).values())
    fp = sum(pred.values()) - tp
    fn = sum(ref.values()) - tp
    total = tp + fp + fn
    if total == 0:
        return 0.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


@dataclass(frozen=True, slots=True)
class Score:
    """Mean precision, mean recall, their F1 and the share of exactly right pages."""

    precision: float
    recall: float
    f1: float
    accuracy: float
    n: int


def page_pr(tp: float, fp: float, fn: float) -> tuple[float, float]:
    """Precision and recall of one page from its counts, with the benchmark's edge cases."""
    if fp == 0 and fn == 0:
        return 1.0, 1.0  # exactly right, including empty prediction for an empty gold
    precision = tp / (tp + fp) if tp + fp > 0 else 0.0
    recall = tp / (tp + fn) if tp + fn > 0 else 0.0
    return precision, recall


def page_f1(predicted: str, gold: str) -> float:
    """F1 of one page: the harmonic mean of its shingle precision and recall."""
    precision, recall = page_pr(*page_counts(predicted, gold))
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _aggregate(pages: Sequence[tuple[float, float, bool]]) -> Score:
    if not pages:
        return Score(0.0, 0.0, 0.0, 0.0, 0)
    precision = sum(p for p, _, _ in pages) / len(pages)
    recall = sum(r for _, r, _ in pages) / len(pages)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = sum(exact for _, _, exact in pages) / len(pages)
    return Score(precision, recall, f1, accuracy, len(pages))


def _page(predicted: str, gold: str) -> tuple[float, float, bool]:
    precision, recall = page_pr(*page_counts(predicted, gold))
    exact = _TOKEN.findall(predicted) == _TOKEN.findall(gold)
    return precision, recall, exact


def score(pairs: Sequence[tuple[str, str]]) -> Score:
    """Score (predicted, gold) text pairs with the Scrapinghub metric."""
    return _aggregate([_page(pred, gold) for pred, gold in pairs])


def bootstrap_std(pairs: Sequence[tuple[str, str]], *, resamples: int = 1000, seed: int = 0) -> Score:
    """Standard deviations of each figure over `resamples` bootstrap resamples of the pages."""
    pages = [_page(pred, gold) for pred, gold in pairs]
    rng = random.Random(seed)
    runs = [_aggregate(rng.choices(pages, k=len(pages))) for _ in range(resamples)]

    def std(values: list[float]) -> float:
        mean = sum(values) / len(values)
        return (sum((v - mean) ** 2 for v in values) / len(values)) ** 0.5

    return Score(
        std([r.precision for r in runs]),
        std([r.recall for r in runs]),
        std([r.f1 for r in runs]),
        std([r.accuracy for r in runs]),
        len(pages),
    )


# --- Snippet gold sets (trafilatura's evaluation) -------------------------------------------


@dataclass(frozen=True, slots=True)
class SnippetScore:
    """Micro counts of `with` snippets found (tp) or missed (fn), `without` found (fp) or not (tn)."""

    tp: int
    fn: int
    fp: int
    tn: int

    @property
    def precision(self) -> float:
        """Share of found snippets that were wanted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """Share of wanted snippets that were found."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """2tp / (2tp + fp + fn), as trafilatura computes it."""
        denominator = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denominator if denominator else 0.0

    @property
    def accuracy(self) -> float:
        """Share of snippets judged right, wanted or not."""
        total = self.tp + self.fn + self.fp + self.tn
        return (self.tp + self.tn) / total if total else 0.0

    def __add__(self, other: SnippetScore) -> SnippetScore:
        return SnippetScore(self.tp + other.tp, self.fn + other.fn, self.fp + other.fp, self.tn + other.tn)


def snippet_counts(predicted: str, with_: Sequence[str], without: Sequence[str]) -> SnippetScore:
    """Count one page's snippets as trafilatura's evaluation does: `snippet_found`, the output folded once."""
    text = _normal(predicted)
    found_with = sum(1 for snippet in with_ if _normal(snippet) in text)
    found_without = sum(1 for snippet in without if _normal(snippet) in text)
    return SnippetScore(found_with, len(with_) - found_with, found_without, len(without) - found_without)


def snippet_found(snippet: str, predicted: str) -> bool:
    """A substring test with every run of whitespace folded to one space on both sides.

    trafilatura's scorer (`count_item` of its tests/eval_common.py) folds it: where a cleaner
    breaks a line is no part of what it kept.
    """
    return _normal(snippet) in _normal(predicted)


def snippet_score(pages: Sequence[tuple[str, Sequence[str], Sequence[str]]]) -> SnippetScore:
    """Sum the snippet counts of (predicted, with, without) pages: micro precision, recall, F1."""
    total = SnippetScore(0, 0, 0, 0)
    for predicted, with_, without in pages:
        total += snippet_counts(predicted, with_, without)
    return total


# --- Line-labelled gold sets ------------------------------------------------------------------


def _normal(text: str) -> str:
    return " ".join(text.split())


def lines_kept(lines: Sequence[str], predicted: str) -> list[bool]:
    """Whether each gold line made it into `predicted`.

    A line is kept when it is a whole output line (each output line matches once), or, for a
    line of at least one full shingle of tokens, when its tokens run on in the output; a short
    line ("Share", "11:36") only counts as kept when it stands alone, so it is not found by
    chance inside the body.
    """
    available = Counter(_normal(line) for line in predicted.splitlines())
    tokens = " " + " ".join(_TOKEN.findall(predicted)) + " "
    kept = []
    for line in lines:
        normal = _normal(line)
        if available[normal] > 0:
            available[normal] -= 1
            kept.append(True)
            continue
        words = _TOKEN.findall(line)
        kept.append(len(words) >= SHINGLE_SIZE and " " + " ".join(words) + " " in tokens)
    return kept


def label_counts(labelled: Sequence[tuple[str, str]], predicted: str) -> dict[str, tuple[int, int]]:
    """(lines dropped, lines) per label of the (text, label) gold lines of one page."""
    kept = lines_kept([text for text, _ in labelled], predicted)
    counts: dict[str, tuple[int, int]] = {}
    for (_, label), was_kept in zip(labelled, kept, strict=True):
        dropped, total = counts.get(label, (0, 0))
        counts[label] = (dropped + (not was_kept), total + 1)
    return counts


def meta_match(field: str, got: str | None, gold: str) -> bool:
    """Whether a cleaner's metadata `field` matches the gold value (the rules of `cleaner eval`).

    title: equal after folding case and spaces; author: contained in the gold byline, or
    containing it ("Jane Doe" matches "By Jane Doe"); date: the same day; language: the same
    primary subtag (Norwegian's nb and nn as langdetect's no).
    """
    if not got:
        return False
    if field == "title":
        return _fold(got) == _fold(gold)
    if field == "author":
        a, b = _fold(got), _fold(gold)
        return a in b or b in a
    if field == "date":
        return got.strip()[:10] == gold.strip()[:10]
    if field == "language":
        return primary_language(got) == primary_language(gold)
    raise ValueError(f"no rule for metadata field {field!r}")


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def primary_language(code: str) -> str:
    """Primary subtag of a language code, lower-cased; Norwegian's nb and nn as langdetect's no."""
    primary = code.replace("_", "-").split("-")[0].lower()
    return "no" if primary in ("nb", "nn") else primary


# --- Date gold sets (htmldate's evaluation) -----------------------------------------------------


@dataclass(frozen=True, slots=True)
class DateScore:
    """Pages whose date fell on the gold day (right), pages given a date at all (dated), pages."""

    right: int
    dated: int
    pages: int

    @property
    def accuracy(self) -> float:
        """Share of pages dated to the gold day; a page given no date counts as wrong."""
        return self.right / self.pages if self.pages else 0.0

    @property
    def coverage(self) -> float:
        """Share of pages given a date."""
        return self.dated / self.pages if self.pages else 0.0

    @property
    def precision(self) -> float:
        """Share of the dates given that fell on the gold day."""
        return self.right / self.dated if self.dated else 0.0

    def __add__(self, other: DateScore) -> DateScore:
        return DateScore(self.right + other.right, self.dated + other.dated, self.pages + other.pages)


def date_score(pairs: Sequence[tuple[str | None, str]]) -> DateScore:
    """Score (extracted ISO 8601 date or None, gold YYYY-MM-DD) pairs, by `meta_match`'s rule for dates."""
    dated = sum(1 for got, _ in pairs if got and got.strip())
    right = sum(meta_match("date", got, gold) for got, gold in pairs)
    return DateScore(right, dated, len(pairs))
