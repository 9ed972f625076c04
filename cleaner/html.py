"""The HTML path (stub until the fast DOM path lands): page text through the text path."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from .config import DEFAULT, Config
from .document import Block, Document
from .text import clean_text, label_text


def _page_text(html: str | bytes) -> str:
    if isinstance(html, bytes):
        html = html.decode("utf-8", errors="replace")
    tree = LexborHTMLParser(html)
    for node in tree.css("script, style, noscript"):
        node.decompose()
    return tree.body.text(separator="\n") if tree.body else ""


def label_html(html: str | bytes, *, config: Config = DEFAULT) -> list[Block]:
    """Every block of the page with its label and the rule that set it."""
    return label_text(_page_text(html), config=config)


def clean_html(html: str | bytes, *, url: str | None = None, config: Config = DEFAULT) -> Document:
    """Extract the article body and metadata from one HTML page."""
    doc = clean_text(_page_text(html), config=config)
    doc.url = url
    return doc
