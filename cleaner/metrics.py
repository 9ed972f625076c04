"""The Scrapinghub article-extraction metric: 4-token shingle precision, recall and F1."""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+")

SHINGLE_SIZE = 4  # the benchmark's value


def shingles(text: str, size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """Multiset of the `size`-token shingles of `text` (one shingle when it is shorter)."""
    tokens = _TOKEN.findall(text)
    if len(tokens) < size:
        return Counter([tuple(tokens)])  # as the benchmark does: even an empty text is one shingle
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


def _page_pr(tp: float, fp: float, fn: float) -> tuple[float, float]:
    if fp == 0 and fn == 0:
        return 1.0, 1.0  # exactly right
    precision = tp / (tp + fp) if tp + fp > 0 else 0.0
    recall = tp / (tp + fn) if tp + fn > 0 else 0.0
    return precision, recall


def _aggregate(pages: Sequence[tuple[float, float, bool]]) -> Score:
    if not pages:
        return Score(0.0, 0.0, 0.0, 0.0, 0)
    precision = sum(p for p, _, _ in pages) / len(pages)
    recall = sum(r for _, r, _ in pages) / len(pages)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = sum(exact for _, _, exact in pages) / len(pages)
    return Score(precision, recall, f1, accuracy, len(pages))


def _page(predicted: str, gold: str) -> tuple[float, float, bool]:
    precision, recall = _page_pr(*page_counts(predicted, gold))
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
