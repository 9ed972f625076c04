"""The plain-text path: lines to blocks, the shared classifier, a Document."""

from __future__ import annotations

from collections.abc import Mapping

from .blocks import Blocks, text_blocks, to_blocks
from .config import DEFAULT, Config, with_comments
from .core import label_blocks, settle_language, to_document
from .decode import source_text
from .document import Block, Document
from .markdown import render


def label_text(text: str, *, config: Config = DEFAULT, include_comments: bool | None = None) -> list[Block]:
    """Every non-blank line of `text` as a block with its label and the rule that set it."""
    config = with_comments(config, include_comments)
    blocks = text_blocks(text)
    label_blocks(blocks, config)
    return to_blocks(blocks)


def clean_text(
    text: str | bytes,
    *,
    markdown: bool = False,
    config: Config = DEFAULT,
    include_comments: bool | None = None,
    known: Mapping[str, str | None] | None = None,
    defaults: Mapping[str, str | None] | None = None,
) -> Document:
    """Strip the boilerplate from one plain-text article and return its body and metadata (readers' comments after it, if asked).

    Bytes are decoded as `cleaner build` decodes a file; any other type is a TypeError. With
    `markdown`, `Document.markdown` holds the kept lines as CommonMark too (bullets, numbered
    items and "#" headings as the text writes them). `known` metadata (title, date, author,
    site, url: a JSON Lines record's fields) wins over what the text says; `defaults` (a crawl
    date) fill in what it does not say.
    """
    text = source_text(text, "clean_text")
    return _clean(text, with_comments(config, include_comments), known, defaults, markdown)[0]


def explain_text(
    text: str,
    *,
    config: Config = DEFAULT,
    include_comments: bool | None = None,
    known: Mapping[str, str | None] | None = None,
    defaults: Mapping[str, str | None] | None = None,
) -> tuple[Document, list[Block]]:
    """`clean_text`'s Document and `label_text`'s blocks, from one pass (what `cleaner clean --explain` shows)."""
    doc, blocks = _clean(text, with_comments(config, include_comments), known, defaults)
    return doc, to_blocks(blocks)


def _clean(
    text: str,
    config: Config,
    known: Mapping[str, str | None] | None = None,
    defaults: Mapping[str, str | None] | None = None,
    markdown: bool = False,
) -> tuple[Document, Blocks]:
    blocks = text_blocks(text)
    language, score, settled = label_blocks(blocks, config)
    doc = to_document(blocks, language, score, known, defaults)
    if markdown:
        doc.markdown = render(blocks)
    if not settled:
        settle_language(doc, blocks, config)
    return doc, blocks
