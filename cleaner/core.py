"""The stages every source shares once it is blocks: features, language, classifier, Document."""

from __future__ import annotations

from .blocks import set_features, set_stop_density
from .classify import classify
from .config import Config
from .document import BODY, Block, Document, Dropped
from .language import detect, stopwords
from .metadata import extract

# Blocks of at least this many words, ending like a sentence, are prose: the language sample.
_SAMPLE_MIN_WORDS = 8


def label_blocks(
    blocks: list[Block], config: Config, language: str | None = None
) -> tuple[str | None, float | None]:
    """Label every block in place; return the language of the text and its probability.

    A `language` the source declares (HTML's <html lang>, checked by the caller) is taken as
    is, with probability 1.0, and langdetect (slow, pure Python) is not run.
    """
    set_features(blocks)
    if language:
        score: float | None = 1.0
    else:
        language, score = detect(language_sample(blocks, config))
    set_stop_density(blocks, stopwords(language))
    classify(blocks, config)
    return language, score


def language_sample(blocks: list[Block], config: Config) -> str:
    """Prose-like blocks in order, cut at `language_sample_chars`: the body, before it is known."""
    parts, size = [], 0
    for block in blocks:
        if block.n_words >= _SAMPLE_MIN_WORDS and block.terminal:
            parts.append(block.text)
            size += block.n_chars
            if size >= config.language_sample_chars:
                break
    if not parts:  # no sentence at all: take what there is
        parts = [b.text for b in blocks]
    return " ".join(parts)[: config.language_sample_chars]


def to_document(
    blocks: list[Block], language: str | None, language_score: float | None, **known: str | None
) -> Document:
    """Assemble the Document; metadata the caller already `known` wins over what the blocks give."""
    meta = extract(blocks)
    meta.update({k: v for k, v in known.items() if v})
    body = "\n".join(b.text for b in blocks if b.label == BODY)
    dropped = [Dropped(b.text, b.label, b.rule, b.line) for b in blocks if b.label != BODY]
    return Document(
        text=body,
        title=meta.get("title"),
        date=meta.get("date"),
        author=meta.get("author"),
        site=meta.get("site"),
        url=meta.get("url"),
        language=language,
        language_score=language_score,
        dropped=dropped,
    )
