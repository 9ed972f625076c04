"""cleaner: fast boilerplate-stripping article cleaner and corpus exporter."""

from .config import DEFAULT, Config
from .document import Block, Document, Dropped
from .metrics import Score, score
from .rules import RULES, Rule
from .text import clean_text, label_text

__all__ = [
    "DEFAULT",
    "Block",
    "Config",
    "Document",
    "Dropped",
    "RULES",
    "Rule",
    "Score",
    "clean_text",
    "label_text",
    "score",
]
