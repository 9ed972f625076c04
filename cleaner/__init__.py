"""cleaner: fast boilerplate-stripping article cleaner and corpus exporter."""

from .config import DEFAULT, Config
from .document import Block, Document, Dropped
from .eval.metrics import Score, score
from .html import clean_html, explain_html, label_html
from .rules import RULES, Rule
from .text import clean_text, explain_text, label_text

__all__ = [
    "DEFAULT",
    "Block",
    "Config",
    "Document",
    "Dropped",
    "RULES",
    "Rule",
    "Score",
    "clean_html",
    "clean_text",
    "explain_html",
    "explain_text",
    "label_html",
    "label_text",
    "score",
]
