"""`cleaner eval`: score cleaners, ours and others, against a labelled gold set for quality and speed."""

from .adapters import ADAPTERS, Extracted, Missing
from .gold import GoldError, GoldSet, Page, load_gold
from .metrics import Score, meta_match, score
from .report import Report, evaluate, format_markdown, format_text, to_json

__all__ = [
    "ADAPTERS",
    "Extracted",
    "GoldError",
    "GoldSet",
    "Missing",
    "Page",
    "Report",
    "Score",
    "evaluate",
    "format_markdown",
    "format_text",
    "load_gold",
    "meta_match",
    "score",
    "to_json",
]
