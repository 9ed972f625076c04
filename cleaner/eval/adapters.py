"""Adapters that give every cleaner one shape: (page, kind) -> body text, for `cleaner eval`."""

from __future__ import annotations

import html as html_escape
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, NamedTuple

from ..html import BLOCK_TAGS


class Extracted(NamedTuple):
    """What a cleaner that reads metadata returns: the body, and its title, author, date and language."""

    text: str
    meta: dict[str, str | None]


# A ready cleaner: (page content, "text" or "html") -> the body text it keeps (with its metadata, for
# the cleaners that read it).
Extract = Callable[[str, str], "str | Extracted"]
META_FIELDS = ("title", "author", "date", "language")

# Installs this project's extras from its clone (this distribution is `cleaner-corpus`; a bare
# `cleaner[...]` would fetch another project from the package index).
COMPARE_HINT = "pip install '.[compare]' in the cleaner-corpus clone"
PLOT_HINT = "pip install '.[compare]' or '.[plot]' in the cleaner-corpus clone"


class Missing(Exception):
    """The optional package a cleaner needs is not installed."""


@dataclass(frozen=True, slots=True)
class Adapter:
    """A named cleaner: how to load it for article bodies and for dates, and whether it only reads HTML."""

    name: str
    description: str
    load: Callable[[], Extract] | None  # None: it reads no article body (a date finder)
    html_only: bool
    markdown: bool = False  # its output is Markdown: scored for structure where the gold has the expected HTML
    # How to load it for a date gold set: an Extract whose Extracted.meta holds the "date". None: it
    # finds no dates, or the same dates as another adapter (cleaner-markdown, trafilatura's variants).
    load_date: Callable[[], Extract] | None = None

    def loader(self, dates: bool) -> Callable[[], Extract] | None:
        """How to load it for a gold set of dates (or else of bodies); None when it reads no such thing."""
        return self.load_date if dates else self.load


def wrap_text(text: str) -> str:
    """The least HTML that carries a text page: one <p> per non-blank line."""
    paragraphs = "".join(
        f"<p>{html_escape.escape(line.strip())}</p>\n" for line in text.splitlines() if line.strip()
    )
    return f"<html><body>\n{paragraphs}</body></html>"


_INVISIBLE_TAGS = ("script", "style", "noscript", "template", "head")


def visible_text(page: str) -> str:
    """All the text a browser would show, one line per block element: the keep-all baseline."""
    from lxml import etree  # imported here so that the CLI starts without it
    from lxml import html as lxml_html

    try:
        root = lxml_html.document_fromstring(page)
    except (etree.ParserError, ValueError):
        return ""  # an empty or unparsable document shows nothing
    etree.strip_elements(root, *_INVISIBLE_TAGS, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    parts: list[str] = []
    for event, element in etree.iterwalk(root, events=("start", "end")):
        block = element.tag in BLOCK_TAGS
        if event == "start":
            if block:
                parts.append("\n")
            if element.text:
                parts.append(element.text)
        else:
            if block:
                parts.append("\n")
            if element.tail:
                parts.append(element.tail)
    lines = (" ".join(line.split()) for line in "".join(parts).splitlines())
    return "\n".join(line for line in lines if line)


def _cleaner(favor: str = "balanced") -> Extract:
    from .. import Config, clean_html, clean_text

    config = Config(favor=favor)

    def extract(page: str, kind: str) -> Extracted:
        doc = clean_text(page, config=config) if kind == "text" else clean_html(page, config=config)
        return Extracted(doc.text, {field: getattr(doc, field) for field in META_FIELDS})

    return extract


def _cleaner_markdown() -> Extract:
    from .. import clean_html, clean_text

    def extract(page: str, kind: str) -> Extracted:
        doc = clean_text(page, markdown=True) if kind == "text" else clean_html(page, markdown=True)
        return Extracted(doc.markdown or "", {field: getattr(doc, field) for field in META_FIELDS})

    return extract


def _c4_filter() -> Extract:
    from .c4_filter import c4_filter

    def extract(page: str, kind: str) -> str:
        return c4_filter(page if kind == "text" else visible_text(page))

    return extract


def _keep_all() -> Extract:
    def extract(page: str, kind: str) -> str:
        return page if kind == "text" else visible_text(page)

    return extract


def _trafilatura(**options: Any) -> Callable[[], Extract]:
    def load() -> Extract:
        try:
            import trafilatura
        except ImportError as error:
            # A dependency of this project: only a damaged environment lacks it.
            raise Missing("trafilatura is not installed (pip install . in the cleaner-corpus clone)") from error

        def extract(page: str, kind: str) -> str:
            return trafilatura.extract(page, **options) or ""

        return extract

    return load


def _trafilatura_date() -> Extract:
    try:
        import trafilatura
    except ImportError as error:
        raise Missing("trafilatura is not installed (pip install . in the cleaner-corpus clone)") from error

    def extract(page: str, kind: str) -> Extracted:
        # Its defaults search dates as htmldate's extensive_search=True, original_date=True.
        return Extracted("", {"date": trafilatura.extract_metadata(page).date})

    return extract


def _htmldate() -> Extract:
    try:
        from htmldate import find_date
    except ImportError as error:
        # Installed with trafilatura, a dependency of this project.
        raise Missing("htmldate is not installed (pip install . in the cleaner-corpus clone)") from error

    def extract(page: str, kind: str) -> Extracted:
        return Extracted("", {"date": find_date(page, extensive_search=True, original_date=True)})

    return extract


def _resiliparse() -> Extract:
    try:
        from resiliparse.extract.html2text import extract_plain_text
    except ImportError as error:
        raise Missing(f"resiliparse is not installed ({COMPARE_HINT})") from error

    def extract(page: str, kind: str) -> str:
        return extract_plain_text(page, main_content=True)

    return extract


def _justext() -> Extract:
    try:
        import justext
    except ImportError as error:
        raise Missing(f"jusText is not installed ({COMPARE_HINT})") from error
    # jusText needs one stop-word list per run; English, as most benchmark pages are English.
    stoplist = justext.get_stoplist("English")

    def extract(page: str, kind: str) -> str:
        paragraphs = justext.justext(page, stoplist)
        return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)

    return extract


def _readability() -> Extract:
    try:
        from readability import Document
    except ImportError as error:
        raise Missing(f"readability-lxml is not installed ({COMPARE_HINT})") from error

    def extract(page: str, kind: str) -> str:
        return visible_text(Document(page).summary(html_partial=True))

    return extract


def _boilerpy3() -> Extract:
    try:
        from boilerpy3 import extractors
    except ImportError as error:
        raise Missing(f"boilerpy3 is not installed ({COMPARE_HINT})") from error
    extractor = extractors.ArticleExtractor(raise_on_failure=False)

    def extract(page: str, kind: str) -> str:
        return extractor.get_content(page) or ""

    return extract


ADAPTERS: dict[str, Adapter] = {
    a.name: a
    for a in (
        Adapter(
            "cleaner",
            "this project: text path for text pages, HTML path for HTML; dates: Document.date",
            _cleaner,
            False,
            load_date=_cleaner,
        ),
        Adapter(
            "cleaner-precision",
            'this project, Config(favor="precision") (cleaner --favor precision)',
            partial(_cleaner, "precision"),
            False,
        ),
        Adapter(
            "cleaner-recall",
            'this project, Config(favor="recall") (cleaner --favor recall)',
            partial(_cleaner, "recall"),
            False,
        ),
        Adapter("cleaner-markdown", "this project, Document.markdown (markdown=True)", _cleaner_markdown, False, True),
        Adapter(
            "trafilatura",
            "trafilatura.extract, default settings; dates: trafilatura.extract_metadata(page).date",
            _trafilatura(),
            True,
            load_date=_trafilatura_date,
        ),
        Adapter(
            "trafilatura-markdown",
            'trafilatura.extract(output_format="markdown", include_tables=True, include_formatting=True)',
            _trafilatura(output_format="markdown", include_tables=True, include_formatting=True),
            True,
            True,
        ),
        Adapter(
            "trafilatura-precision",
            "trafilatura.extract(favor_precision=True)",
            _trafilatura(favor_precision=True),
            True,
        ),
        Adapter(
            "trafilatura-fast",
            "trafilatura.extract(fast=True), formerly no_fallback",
            _trafilatura(fast=True),
            True,
        ),
        Adapter("resiliparse", "resiliparse extract_plain_text(main_content=True)", _resiliparse, True),
        Adapter("justext", "jusText, English stop words, non-boilerplate paragraphs", _justext, True),
        Adapter("readability", "readability-lxml summary, as text", _readability, True),
        Adapter("boilerpy3", "boilerpy3 ArticleExtractor", _boilerpy3, True),
        Adapter(
            "htmldate",
            "dates only: htmldate.find_date(page, extensive_search=True, original_date=True)",
            None,
            True,
            load_date=_htmldate,
        ),
        Adapter("c4-filter", "baseline: C4's line rules (the text core's speed yardstick)", _c4_filter, False),
        Adapter("keep-all", "baseline: every visible line of the page", _keep_all, False),
    )
}
