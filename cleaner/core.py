"""The stages every source shares once it is blocks: language, classifier, Document."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from itertools import compress
from operator import not_

from . import kernels
from .blocks import Blocks
from .classify import classify
from .config import Config
from .document import BODY, COMMENT, Document, Dropped
from .language import detect, identify, stopwords
from .markdown import kept_positions, plain_lines
from .metadata import extract

# Every label but these is a reason a block was dropped.
_KEPT = frozenset({BODY, COMMENT})
# A (text, reason, rule, line) tuple as a `Dropped`, made in C: a page drops hundreds of blocks.
_dropped = partial(tuple.__new__, Dropped)
# Blocks of at least this many words, ending like a sentence, are prose: the language sample.
_SAMPLE_MIN_WORDS = 8


def label_blocks(blocks: Blocks, config: Config, language: str | None = None) -> tuple[str | None, float | None, bool]:
    """Label every block in place; return the language of the text, its confidence, and whether it is settled.

    A `language` the source declares (HTML's <html lang>, checked by the caller) is taken as
    is, with confidence 1.0. An unsettled language is the stop-word vote's best guess, used for
    the stop words: `settle_language` names it from the article (langdetect on the body).
    """
    if language:
        score: float | None = 1.0
        settled = True
    else:
        language, score, settled = identify(language_sample(blocks, config.language_sample_chars), config)
    classify(blocks, stopwords(language), config)
    return language, score, settled


def settle_language(doc: Document, blocks: Blocks, config: Config) -> None:
    """Name the language of `doc` with langdetect, from its body (or the page's prose when it has none)."""
    text = doc.text[: config.language_detect_chars] or language_sample(blocks, config.language_detect_chars)
    doc.language, doc.language_score = detect(text)


def language_sample(blocks: Blocks, limit: int) -> str:
    """Prose-like blocks in order, cut at `limit` characters: the body, before it is known."""
    parts, size = [], 0
    terminal, n_words = blocks.terminal, blocks.n_words
    for i, words in enumerate(n_words):  # a loop, not a filter of every block: it stops at `limit`
        if words < _SAMPLE_MIN_WORDS or not terminal[i]:
            continue
        parts.append(blocks.text[i])
        size += blocks.n_chars[i] + 1
        if size >= limit:
            break
    if not parts:  # no sentence at all: take what there is
        parts = blocks.text
    return " ".join(parts)[:limit]


def dropped_blocks(blocks: Blocks) -> list[Dropped]:
    """The blocks a Document leaves out, in order, each with its reason and rule."""
    label = blocks.label
    k = kernels.ctext
    if k is not None and (dropped := k.dropped_blocks(blocks.text, label, blocks.rule, blocks.line, _KEPT, Dropped)) is not None:
        return dropped  # type: ignore[no-any-return]
    rows = compress(zip(blocks.text, label, blocks.rule, blocks.line), map(not_, map(_KEPT.__contains__, label)))
    return list(map(_dropped, rows))


def to_document(
    blocks: Blocks,
    language: str | None,
    language_score: float | None,
    known: Mapping[str, str | None] | None = None,
    defaults: Mapping[str, str | None] | None = None,
) -> Document:
    """Assemble the Document: `known` metadata wins over what the blocks give, which wins over `defaults`."""
    meta = extract(blocks)
    meta.update({k: v for k, v in (known or {}).items() if v})
    for k, v in (defaults or {}).items():
        if v and not meta.get(k):
            meta[k] = v
    body = "\n".join(plain_lines(blocks, kept_positions(blocks)))  # list items keep their bullet
    dropped = dropped_blocks(blocks)
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
