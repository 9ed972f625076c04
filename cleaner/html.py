"""The HTML path: decode, parse with lexbor, prune chrome, DOM blocks, the shared classifier.

1. `decode.decode`: bytes by BOM, then the declared charset, then UTF-8, then detection.
2. `metadata.page_metadata`: title, date, author, site, url and language from JSON-LD, meta tags and the page.
3. `dom_blocks`: one walk over <body>. Chrome nodes are pruned whole (tags such as script,
   nav, aside and forms; hidden nodes; class/id/role categories of `rules.CLASS_HINTS`), each
   pruned node with text becoming one pre-labelled block (rule "class-hint" / "chrome-tag")
   so that `--explain` shows it. Every paragraph-level element's text becomes a block with
   its DOM features (tag, heading level, list item, link density, depth, hint).
4. The shared classifier (`core.label_blocks`) labels the kept blocks; `core.to_document`
   builds the Document, page metadata winning over what the blocks give. The date is
   `metadata.page_date`'s (the page's data checked against the days shown near the headline),
   or htmldate's (`metadata.searched_date`) on the pages that give none.
5. When the fast path keeps almost nothing, trafilatura reads the page instead.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from heapq import heapify, heappop, heappush
from itertools import compress, count, repeat
from operator import contains
from typing import NamedTuple, cast

from selectolax.lexbor import LexborHTMLParser, LexborNode

try:  # re's own parser spells the hint patterns out for the kernel (`_spellings`): a private module, so optional
    from re import _constants as _sre  # type: ignore[attr-defined]
    from re import _parser as _sre_parser  # type: ignore[attr-defined]
except ImportError:  # a Python whose re is laid out otherwise: the kernel asks the regexes (`_hints`)
    _sre = _sre_parser = None

from . import kernels
from .blocks import Blocks, count_words, heads, set_features, stop_density
from .classify import comment_like, lead_like, mark_lead
from .config import DEFAULT, Config, with_comments
from .core import label_blocks, language_sample, settle_language, to_document
from .decode import decode, source_text
from .document import BODY, COMMENT, TITLE, Block, Document
from .language import identify, stopwords
from .markdown import render
from .metadata import page_date, page_metadata, searched_date
from .rules import (
    ARTICLE_MARKERS,
    ARTICLE_WORDS,
    CHROME_TAGS,
    CLASS_HINTS,
    PAGE_TAGS,
    SOFT_HINTS,
    SURE_HINTS,
    UNDECIDED,
)

# --- DOM to blocks ------------------------------------------------------------------------

# Dropped whole, and not worth showing in --explain.
_SKIP = frozenset({"script", "style", "noscript", "template", "svg", "head", "iframe", "object", "embed",
                   "canvas", "video", "audio", "map", "button", "select", "input", "textarea", "img",
                   "picture", "source", "math", "link", "meta", "-comment"})  # fmt: skip
_STRIP = ["script", "style", "noscript", "template", "svg", "iframe", "select", "textarea"]
# Elements that start a new block (as browsers lay them out); all others are inline.
BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "main", "header", "footer", "li", "ul", "ol", "dl", "dt", "dd",
    "table", "tbody", "thead", "tfoot", "tr", "td", "th", "caption", "blockquote", "pre", "figure",
    "figcaption", "address", "center", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "br", "details",
    "summary", "fieldset", "legend", "hgroup", "body", "html", "nav", "aside", "form", "menu", "dialog",
})  # fmt: skip
# Table cells do not break a row: a row whose cells hold only inline content is one block.
_CELLS = frozenset({"td", "th"})
_BREAKS = BLOCK_TAGS - _CELLS
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_HEADING_KINDS = {tag: tag for tag in _HEADINGS}
# A heading or list item that a <br> splits into blocks is one line in Markdown.
_ONE_LINE = frozenset({*_HEADINGS, "li"})
# Elements that change how the blocks inside them are written (`markdown` kinds), each noted
# by one character in a block's context: lists, list items, quotes, preformatted text.
_CONTEXT = {"ul": "u", "ol": "o", "menu": "u", "li": "i", "blockquote": ">", "pre": "`"}
_STRUCTURE = frozenset({*_CONTEXT, "tr", *_CELLS})
_CELL = "\x00"  # marks a cell's start in a row's text (the parser drops NUL from a page's text)
_ARTICLE_TAGS = frozenset({"article", "main"})
# A word that each selector of `ARTICLE_MARKERS` naming no tag needs in its attribute's value, case
# aside (tests/test_chtml.py checks it): the kernel asks lexbor's matcher only of elements with one.
_MARKER_WORDS = ("article", "hentry", "h-entry", "entry-content", "post-body", "post-content", "story-body")
_IN_PAGE = re.compile(r"#[^!\s]")
_HINT_RE = re.compile("|".join(f"(?P<{name.replace('-', '_')}>{pattern})" for name, pattern in CLASS_HINTS))
# The same words without the named groups, which make a search four times slower: it finds
# where the first match starts, and `_HINT_RE` says there which category matches.
_HINT_ANY = re.compile("|".join(pattern for _, pattern in CLASS_HINTS))
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


# Layout modifiers ("has-sidebar", "with-right-rail") say what a box contains, not what it is:
# a modifier is one of these heads and the rest of its name (`[\w-]+`, which the kernel reads as such).
_MODIFIER_HEAD = r"\b(?:with|has|no)-"
_MODIFIER = re.compile(_MODIFIER_HEAD + r"[\w-]+")
# Read on lower-cased text: a case-insensitive search is four times slower.
_POSITIVE = re.compile(ARTICLE_WORDS)


def _spellings(pattern: str) -> tuple[tuple[str, int], ...] | None:
    """Every string `pattern` matches, each with the places it asserts a word boundary, in the order the regex tries them.

    A place is a bit of the int: bit i, a `\\b` before the string's i-th character (bit len: after it).
    None when the pattern is not made only of ASCII literals, `|`, `(?:...)`, `?` and `\\b`, can match
    the empty string or spells too many strings: the kernel then asks the regex. Parsed by `re`'s own
    parser, so the strings are the regex's by construction (tests/test_chtml.py checks them on many
    inputs too).
    """
    if _sre_parser is None:
        return None
    try:
        parsed = _sre_parser.parse(pattern)
        if parsed.state.flags & ~_sre.SRE_FLAG_UNICODE:
            return None
        spelled = tuple(dict.fromkeys(_spelled(parsed.data)))
    except (ValueError, AttributeError, TypeError):  # a construct it does not spell, or a parser laid out otherwise
        return None
    if not all(text and text.isascii() and len(text) < 63 for text, _ in spelled):
        return None
    return spelled


def _spelled(items: list) -> list[tuple[str, int]]:
    """`_spellings` of a parsed sequence; ValueError on any other construct."""
    done = [("", 0)]
    for op, arg in items:
        if op is _sre.LITERAL:
            options = [(chr(arg), 0)]
        elif op is _sre.IN and all(kind is _sre.LITERAL for kind, _ in arg):  # "a|b" is parsed as [ab]
            options = [(chr(code), 0) for _, code in arg]
        elif op is _sre.AT and arg is _sre.AT_BOUNDARY:
            options = [("", 1)]
        elif op is _sre.BRANCH:
            options = [option for branch in arg[1] for option in _spelled(branch)]
        elif op is _sre.SUBPATTERN and arg[0] is None and not arg[1] and not arg[2]:
            options = _spelled(arg[3])
        elif op is _sre.MAX_REPEAT and arg[0] == 0 and arg[1] == 1:  # greedy "?": with it first
            options = [*_spelled(arg[2]), ("", 0)]
        else:
            raise ValueError(f"{op} is not spelled out")
        done = [(text + more, bounds | at << len(text)) for text, bounds in done for more, at in options]
        if len(done) > _MAX_SPELLINGS:
            raise ValueError(f"more than {_MAX_SPELLINGS} strings")
    return done


_MAX_SPELLINGS = 4096  # a pattern's strings, at most (CLASS_HINTS spells out 13 at most a category)


# The hint categories in order, and the strings each names (None: a pattern is not spelled out),
# that the kernel matches byte by byte where class, id and role are ASCII (`kernels.chtml.hints`).
_HINT_NAMES = tuple(group.replace("_", "-") for group in _HINT_RE.groupindex)  # as `_word_hint` names them
_HINT_SPELLINGS = tuple(_spellings(pattern) for _, pattern in CLASS_HINTS)
_MODIFIER_SPELLINGS = _spellings(_MODIFIER_HEAD)
_POSITIVE_SPELLINGS = _spellings(ARTICLE_WORDS)


def hint_of(attrs: dict[str, str | None]) -> str:
    """Chrome category that an element's class, id or role names, or ''."""
    return _hints(attrs.get("class"), attrs.get("id"), attrs.get("role"))[0]


@lru_cache(maxsize=16384)
def _hints(klass: str | None, id_: str | None, role: str | None) -> tuple[str, bool]:
    """(chrome category of these class, id and role values or '', whether class or id also say article).

    The category is the first that a word of the values names, read word by word: no
    category's pattern spans a space, and words recur across pages and sites far more than
    whole class strings do ("menu-item", "widget"), so each word is matched once per process.
    """
    for word in " ".join(v for v in (klass, id_, role) if v).lower().split():
        if hint := _word_hint(word):
            return hint, bool(_POSITIVE.search(f"{klass} {id_}".lower()))
    return "", False


@lru_cache(maxsize=65536)
def _word_hint(word: str) -> str:
    """Chrome category that one lower-cased word of a class, id or role value names, or ''."""
    if "-" in word:  # every modifier has one
        word = _MODIFIER.sub(" ", word)
    found = _HINT_ANY.search(word)
    if found is None:
        return ""
    return _HINT_RE.match(word, found.start()).lastgroup.replace("_", "-")  # type: ignore[union-attr]


def squeeze(text: str) -> str:
    """The words of `text` joined by single spaces: a block's text (compiled in the kernel as `squeeze`)."""
    return " ".join(text.split())


def utf8(text: str) -> bytes:
    """`text` as selectolax gives a str to lexbor: UTF-8, lone surrogates dropped (compiled in the kernel as `utf8`).

    Python's encoder goes a character at a time: 312 of the 2,450 million instructions of a pass over
    the 181 Scrapinghub pages, whose every one holds some non-ASCII character. The kernel copies runs
    of ASCII whole: 44 million.
    """
    k = kernels.chtml
    return k.utf8(text) if k is not None else text.encode("utf-8", "ignore")


def tag_count(text: str) -> int:
    """Count of "<" in the page, the most tags it can have (`_parse_and_walk`'s bounds).

    The kernel counts in a loop the compiler vectorizes: `str.count` checks for a maximum at each
    hit, and this count was a twentieth of a page's time.
    """
    k = kernels.chtml
    return k.count_char(text, "<") if k is not None else text.count("<")


def _hidden(attrs: dict[str, str | None]) -> bool:
    if "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return True
    style = attrs.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


@dataclass(slots=True)
class _Page:
    """The walk's result: every block of the page as columns, and where in the DOM each kept block sits.

    Pruned blocks come labelled; kept blocks (`kept` holds their positions) are classified.
    Elements are numbered in document order (<body> is 0), so an element's subtree is the range
    of ids from its own to `end[id]`: "is inside" is two comparisons, whatever the depth.
    """

    text: list[str] = field(default_factory=list)
    tag: list[str] = field(default_factory=list)  # the nearest block element's tag; a pruned node's own
    depth: list[int] = field(default_factory=list)
    hint: list[str] = field(default_factory=list)  # class/id category of the nearest hinted ancestor
    label: list[str] = field(default_factory=list)
    rule: list[str] = field(default_factory=list)
    kept: list[int] = field(default_factory=list)  # positions of the blocks to classify
    kind: list[str] = field(default_factory=list)  # how each block is written (`markdown` module)
    cells: dict[int, list[str]] = field(default_factory=dict)  # a table row's cells, empty ones too
    raw: dict[int, str] = field(default_factory=dict)  # preformatted text with its line breaks
    # Per kept block:
    link_density: list[float] = field(default_factory=list)
    element: list[int] = field(default_factory=list)  # its nearest block element
    hinted: list[int] = field(default_factory=list)  # its nearest class/id-hinted ancestor, or -1
    sure: list[int] = field(default_factory=list)  # its nearest ancestor hinted as sure chrome, or -1
    # Per element:
    parent: list[int] = field(default_factory=lambda: [-1])
    end: list[int] = field(default_factory=lambda: [0])  # the last element of its subtree


class _Blowup(Exception):
    """The walk met more elements than its budget: the parse multiplied the page's tags."""


def walk(body: LexborNode, config: Config, budget: int | None = None) -> _Page:
    """One depth-first pass over <body>: kept blocks (to classify) and pruned blocks (already labelled).

    Chrome nodes are pruned whole (hidden ones, chrome tags, class/id hints), each becoming one
    labelled block when it holds text. The text of inline content is gathered until the next
    block boundary and becomes one block of the nearest block element. Each frame of the stack
    carries what a block needs from its ancestors, so a block costs the same at any depth.
    """
    page = _Page()
    texts, tags, depths, hints, labels, rules = page.text, page.tag, page.depth, page.hint, page.label, page.rule
    parent, end = page.parent, page.end
    holds_article = _article_holders(body)
    limit = config.html_prune_max_chars
    row_chars = config.html_row_max_chars
    comments = config.include_comments  # comment threads are walked, not pruned: they may be kept
    captions = config.html_keep_captions
    parts: list[str] = []
    link_chars = 0
    # Where each cell of the open table row starts: (link_chars, element, hint, hinted, sure) at its start.
    cells: list[tuple[int, int, str, int, int]] = []
    row_start = -1  # count of blocks when the last <tr> opened: the row is whole if none came since
    fresh_item = False  # no block of the open <li> yet: the next one is the item itself
    broken = -1  # the `_ONE_LINE` element a <br> just split: its next block goes on the same line

    def flush(row_end: bool = False) -> None:
        nonlocal parts, link_chars, cells, fresh_item, broken
        joined = "".join(parts)
        links = link_chars
        parts, link_chars = [], 0
        joins = broken == block_id
        broken = -1
        if cells:
            marks, cells = cells, []
            return flush_row(joined, links, marks, row_end and row_start == len(texts))
        text = squeeze(joined)
        if text:
            if joins:
                kind = ">j" if ">" in ctx else "j"
            elif ctx:
                kind = _kind(block_tag, ctx, fresh_item)
                fresh_item = False
                if kind.endswith("pre"):
                    page.raw[len(texts)] = joined.strip("\n")
            else:
                kind = _HEADING_KINDS.get(block_tag, "")
            add(text, block_tag, kind, links, block_id, block_hint, block_hinted, block_sure)

    def flush_row(joined: str, links: int, marks: list[tuple[int, int, str, int, int]], whole: bool) -> None:
        """A table row as one block when it is whole; else (a cell held blocks) each cell's text as a block."""
        pieces = [squeeze(piece) for piece in joined.split(_CELL)]
        if whole:
            row = pieces if pieces[0] else pieces[1:]
            text = "\t".join(filter(None, row))
            if text:
                page.cells[len(texts)] = row
                # Not quoted even inside <blockquote>, which pages use to indent a table rather than to quote it.
                add(text, "tr", "tr", links, block_id, block_hint, block_hinted, block_sure)
            return
        starts = [(0, block_id, block_hint, block_hinted, block_sure), *marks]
        ends = [mark[0] for mark in marks] + [links]
        for text, (start, element, hint_, hinted_, sure_), stop in zip(pieces, starts, ends):
            if text:
                add(text, "td", "", stop - start, element, hint_, hinted_, sure_)

    def add(text: str, tag: str, kind: str, links: int, element: int, hint_: str, hinted_: int, sure_: int) -> None:
        """One kept block, to classify: its text, tag, kind and DOM features."""
        page.kept.append(len(texts))
        texts.append(text)
        tags.append(tag)
        depths.append(block_depth)
        hints.append(hint_)
        labels.append(BODY)
        rules.append("")
        page.kind.append(kind)
        page.link_density.append(min(1.0, links / len(text)))
        page.element.append(element)
        page.hinted.append(hinted_)
        page.sure.append(sure_)

    def prune(node: LexborNode, label: str, rule: str, tag: str) -> None:
        text = squeeze(node.text(deep=True, separator=" "))
        if text:
            texts.append(text)
            tags.append(tag)
            depths.append(depth + 1)
            hints.append(label)
            labels.append(label)
            rules.append(rule)
            page.kind.append("")

    # The current element's frame; `block_*` describe its nearest block element (itself, or an ancestor).
    children, tag, eid, depth, hint, hinted, sure, in_article, in_link = body.iter(include_text=True), cast(str, body.tag), 0, 0, "", -1, -1, False, False
    block_tag, block_id, block_depth, block_hint, block_hinted, block_sure = tag, 0, 0, "", -1, -1
    ctx = ""  # the `_CONTEXT` elements open around the current one, outermost first
    stack: list[tuple] = []
    while True:
        child = next(children, None)
        if child is None:  # the element ends
            if parts and tag in _BREAKS and (tag == "tr" or "t" not in ctx):
                flush(tag == "tr")
            end[eid] = len(parent) - 1
            if not stack:
                break
            (children, tag, eid, depth, hint, hinted, sure, in_article, in_link,
             block_tag, block_id, block_depth, block_hint, block_hinted, block_sure, ctx) = stack.pop()  # fmt: skip
            continue
        ctag = child.tag
        if ctag == "-text":
            text = child.text_content or ""
            if not text or text.isspace():  # layout whitespace between tags: a space at most
                if parts:
                    parts.append(text if ctx and "`" in ctx else " ")  # in <pre> it may break a line
            else:
                parts.append(text)
                if in_link:
                    link_chars += len(text.strip())
            continue
        if ctag in _SKIP or ctag is None:
            continue
        attrs = child.attributes
        chint = ""
        chrome_hint = False  # hinted as chrome, and nothing in its class/id says article
        if attrs:
            # Most elements carry none of the attributes that hide one: the check is not called for them.
            if ("hidden" in attrs or "aria-hidden" in attrs or "style" in attrs) and _hidden(attrs):
                continue
            chint, positive = _hints(attrs.get("class"), attrs.get("id"), attrs.get("role"))
            chrome_hint = bool(chint) and not positive and ctag not in _ARTICLE_TAGS
            # A "chrome" box that holds much text, or an article marker, may be the article's own
            # wrapper ("post tag-x" classes, ASP.NET's page-wide <form>, Blogger's "widget Blog"):
            # it is walked, its hint kept, and `article_root` decides once the article is known.
            if (
                chrome_hint
                and not (chint == "comments" and comments)
                and chint not in SOFT_HINTS
                and len(child.text(deep=True)) < limit
                and child.mem_id not in holds_article
            ):
                if parts:
                    flush()
                prune(child, chint, "class-hint", ctag)
                continue
        chrome = CHROME_TAGS.get(ctag) or (not in_article and PAGE_TAGS.get(ctag))
        if chrome and len(child.text(deep=True)) < limit and not (captions and ctag == "figcaption"):
            if parts:
                flush()
            prune(child, chrome, "chrome-tag", ctag)
            continue
        is_block = ctag in _BREAKS
        if is_block and ctx and "t" in ctx:  # inside a data table's row: a cell's paragraphs are one cell
            if parts:
                parts.append(" ")
            if ctag == "br" or ctag == "hr":
                continue
            is_block = False
        if is_block:
            if parts:
                flush()
                if ctag == "br" and block_tag in _ONE_LINE:
                    broken = block_id
            if ctag == "br" or ctag == "hr":
                continue
        stack.append(
            (children, tag, eid, depth, hint, hinted, sure, in_article, in_link,
             block_tag, block_id, block_depth, block_hint, block_hinted, block_sure, ctx)
        )  # fmt: skip
        new = len(parent)
        if budget is not None and new > budget:
            raise _Blowup
        parent.append(eid)
        end.append(new)
        children, tag, eid, depth = child.iter(include_text=True), ctag, new, depth + 1
        if chint:
            hint, hinted = chint, new
            if chrome_hint and chint in SURE_HINTS:
                sure = new
        in_article = in_article or ctag in _ARTICLE_TAGS
        # A link to a place in the page itself (a table of contents, a heading's anchor) leads
        # nowhere else: it does not count in the link density; a bare "#" is a script's button.
        in_link = in_link or (ctag == "a" and not (attrs and _IN_PAGE.match(attrs.get("href") or "")))
        if is_block:
            block_tag, block_id, block_depth, block_hint, block_hinted, block_sure = ctag, new, depth, hint, hinted, sure
        if ctag in _STRUCTURE:
            if ctag in _CELLS:
                if block_tag == "tr":
                    parts.append(_CELL)
                    cells.append((link_chars, new, hint, hinted, sure))
            elif ctag == "tr":
                row_start = len(texts)
                if len(child.text(deep=True)) <= row_chars and child.css_first("table") is None:
                    ctx += "t"
            else:
                ctx += _CONTEXT[ctag]
                fresh_item = ctag == "li"
    return page


@lru_cache(maxsize=4096)  # a page has few kinds of context, met again block after block
def _kind(tag: str, ctx: str, fresh_item: bool) -> str:
    """The kind of a block (`markdown` module) from its block element's tag and the lists, quotes and <pre> around it."""
    quote = ">" if ">" in ctx else ""
    if "`" in ctx:
        return quote + "pre"
    kind = _HEADING_KINDS.get(tag, "")
    lists = ctx.replace(">", "")
    if not kind and lists.endswith("i"):  # in a list item, no deeper list open
        depth = lists.count("u") + lists.count("o") or 1
        if not fresh_item:
            return f"{quote}c{depth}"
        marker = lists[-2] if len(lists) > 1 and lists[-2] in "uo" else "u"
        kind = f"{marker}{depth}"
    return quote + kind


def _article_holders(body: LexborNode) -> set[int]:
    """`mem_id`s of the elements that hold an article marker (`rules.ARTICLE_MARKERS`)."""
    holders: set[int] = set()
    for marker in body.css(ARTICLE_MARKERS):
        node = marker.parent
        while node is not None and node.mem_id not in holders:
            holders.add(node.mem_id)
            node = node.parent
    return holders


def _kept_blocks(page: _Page) -> Blocks:
    """The kept blocks as the classifier's columns, DOM features included."""
    tags = list(map(page.tag.__getitem__, page.kept))
    kept = Blocks(
        list(map(page.text.__getitem__, page.kept)),
        [],
        list(range(1, len(tags) + 1)),
        list(map("li".__eq__, tags)),
        link_density=page.link_density,
        heading=list(map(_HEADINGS.get, tags, repeat(0))),
        label=[BODY] * len(tags),
        rule=[""] * len(tags),
    )
    kept.head = heads(kept.text)
    set_features(kept)
    # A row's cells are joined by tabs, which `set_features` does not count as word breaks.
    for i in compress(count(), map(contains, kept.text, repeat("\t"))):
        kept.n_words[i] = count_words(kept.text[i])
    return kept


def article_root(page: _Page, kept: Blocks, title: str | None, config: Config) -> None:
    """Let the DOM settle the article's extent, which the text classifier can only guess.

    The root is the deepest element holding `html_root_share` of the text the classifier calls
    body. Body outside it becomes `outside-article`; inside it, text the context steps dropped
    (short lines, lists, subheads next to chrome) is body again unless a rule named it chrome,
    it is mostly links, or it is the page's headline. Text under a class/id-hinted element
    inside the root (a comment thread too long to prune blindly) is that kind of chrome,
    unless the element holds `html_hint_keep_share` of the body: then it is the article's
    wrapper whatever its class says ("grid-layout--adrail"), or it is a teaser box opening the
    article that reads like its lead. Before the root, the lead between the headline and the
    article is body (`classify.mark_lead`); a paragraph is never the headline of a page.
    """
    label, rule = kept.label, kept.rule
    heading, links = kept.heading, kept.link_density
    assert heading is not None and links is not None  # a page's blocks have both
    # On a page the headline is a heading element or the page's own title: a paragraph that the
    # text classifier took for one (a lead with no full stop, a quote) is the article's.
    for i in compress(count(), map(TITLE.__eq__, label)):
        if not heading[i] and kept.text[i] != title:
            label[i], rule[i] = (BODY, "not-a-headline") if rule[i] == "headline-opens-article" else ("outside-article", "main-region")
    held = [0] * len(page.parent)  # body text inside each element
    # Body text under sure chrome (a comment thread) never makes its element the article's root.
    seen: set[int] = set()  # elements that hold body text, negated (a min-heap gives the largest id first)
    for i in compress(count(), map(BODY.__eq__, label)):
        if page.sure[i] < 0:
            held[page.element[i]] += kept.n_chars[i]
            seen.add(-page.element[i])
    # Up the tree from those, children before their parent (they have larger ids): the elements
    # that hold none, most of a page's, are not visited.
    parent = page.parent
    seen.discard(0)
    open_ = list(seen)
    heapify(open_)
    while open_:
        element = -heappop(open_)
        up = parent[element]
        held[up] += held[element]
        if up and -up not in seen:
            seen.add(-up)
            heappush(open_, -up)
    total = held[0]
    if not total:
        return
    # The elements holding `need` are a chain of ancestors: the deepest has the largest id.
    root = max(compress(count(), map((config.html_root_share * total).__le__, held)))
    if root == 0:  # only <body> holds it: no article element to go by
        return
    last = page.end[root]
    keep = config.html_hint_keep_share * total
    most_links = config.max_link_density
    # A subheading right before the article's prose titles it, even when it is a link (a list's
    # entries often link to their subject).
    titles_prose = [level > 1 and following == BODY for level, following in zip(heading, label[1:])] + [False]
    # Short lines after the article's last paragraph are its trailer ("Weitere Informationen:",
    # "Kontakt:", a tag list's heading): with `html_trailer_words`, not revived though inside the root.
    trailer_words = config.html_trailer_words
    last_body = max(compress(count(), map(BODY.__eq__, label)), default=-1) if trailer_words else len(label)
    # The root's first block, and its first prose: a teaser box before that is the article's lead
    # ("article-teaser").
    first = next(i for i, element in enumerate(page.element) if element >= root)  # the root holds body
    opening = next((i for i in range(first, len(label)) if label[i] == BODY and page.element[i] <= last), -1)
    for i, (element, hinted, sure) in enumerate(zip(page.element, page.hinted, page.sure)):
        inside = root <= element <= last
        if (
            inside
            and hinted > root
            and (held[hinted] < keep or sure > root)
            and not (i <= opening and page.hint[page.kept[i]] in SOFT_HINTS and lead_like(kept, i, config))
        ):
            label[i], rule[i] = page.hint[page.kept[i]], "class-hint"
        elif not inside:
            if label[i] == BODY:
                label[i], rule[i] = "outside-article", "dom-root"
        elif (
            label[i] in UNDECIDED
            and (i < last_body or kept.n_words[i] > trailer_words)
            and (links[i] <= most_links or titles_prose[i])
            and heading[i] != 1
            and kept.text[i] != title
        ):
            label[i], rule[i] = BODY, "dom-article"
    mark_lead(kept, first, config, title)


def _mark_comments(page: _Page, kept: Blocks, config: Config) -> None:
    """Readers' comments, when asked for: the comment-like blocks under a comments element (class/id hint)."""
    for i, position in enumerate(page.kept):
        if page.hint[position] == "comments":
            if kept.label[i] in (BODY, "comments"):  # the region or article_root took the thread: the block decides
                kept.label[i] = "outside-article"
            if comment_like(kept, i, config):
                kept.label[i], kept.rule[i] = COMMENT, "in-comments-element"
            elif kept.label[i] == "outside-article":
                kept.label[i], kept.rule[i] = "comments", "class-hint"


_LANG_CODE = re.compile(r"[a-z]{2,3}")


def _declared_language(meta: dict[str, str | None], blocks: Blocks, config: Config) -> str | None:
    """The page's declared language, unless its prose says otherwise.

    <html lang>, Content-Language or og:locale is right on most pages and saves identifying
    the language. A template's stale `lang="en"` on a page in another language is caught when
    the declared language's stop words are rare in the prose and the stop-word vote clearly
    names another language. Where the prose says nothing clear (a language with no stop-word
    list, placeholder text, too little prose), the declaration stands: it is what the author said.
    """
    language = meta.get("language")
    if not language or not _LANG_CODE.fullmatch(language):
        return None
    words = stopwords(language)
    sample = language_sample(blocks, config.language_sample_chars)
    if not words or not sample or stop_density(sample.lower(), words) >= config.html_declared_min_stop:
        return language
    best, _, settled = identify(sample, config)
    return None if settled and best != language else language


# Tags that never hold children, and are not counted in the nesting depth.
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
                   "param", "keygen", "command", "basefont", "frame", "isindex"})  # fmt: skip
# Tags whose end tag may be left out (the next sibling's start closes them): they do not nest
# when unclosed, so they are not counted in the depth either.
_OPTIONAL_END = frozenset({"p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rb", "rt", "rp", "rtc",
                           "colgroup", "caption", "thead", "tbody", "tfoot", "html", "head", "body"})  # fmt: skip
# The HTML5 parser's formatting elements: reopened in every new block while unclosed.
_FORMATTING = frozenset({"a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u"})
# A tag's attributes stop at the next "<": a "<" that never closes would otherwise send every
# later "<" scanning to the end of the page (quadratic: 17 s on 36 KB of "x<a").
_TAG = re.compile(r"<(/?)([a-zA-Z][\w:-]*)[^<>]*?(/?)>")
# Pages with fewer tags than this are not scanned for depth: they cannot nest deep enough to matter.
_SCAN_FROM_TAGS = 10_000
# Elements any page may walk, whatever its count of tags (`Config.html_max_elements_per_tag`).
_MIN_ELEMENTS = 10_000


def flatten_deep_nesting(text: str, max_depth: int, max_formatting: int | None = None, tags: int | None = None) -> str:
    """`text` with the tags nested deeper than `max_depth` removed (their text kept), as browsers do.

    An HTML5 parser checks the open elements at each start tag, so its time grows with the
    square of the nesting depth: a page of 100,000 nested <div>s took 42 s to parse. Chromium's
    parser stops nesting at 512; past `max_depth` the tags here go, the text stays. Only pages
    with `tags` (its count of "<") of at least _SCAN_FROM_TAGS are scanned, in one regex pass.
    With `max_formatting` every page is scanned, and formatting tags past that many open at
    once go too (see `Config.html_max_open_formatting`).
    """
    if tags is None:
        tags = text.count("<")
    if tags < _SCAN_FROM_TAGS and max_formatting is None:
        return text
    depth = formatting = 0
    dropped: Counter[str] = Counter()  # formatting start tags removed, by name: their end tags go too
    kept, last = [], 0
    for m in _TAG.finditer(text):
        name = m.group(2).lower()
        if name in _VOID or name in _OPTIONAL_END or m.group(3):
            continue
        end = bool(m.group(1))
        drop = False
        if max_formatting is not None and name in _FORMATTING:
            if end and dropped[name]:
                dropped[name] -= 1
                drop = True
            elif end:
                formatting = max(0, formatting - 1)
            elif formatting >= max_formatting:
                dropped[name] += 1
                drop = True
            else:
                formatting += 1
        if not drop:
            if end:
                drop = depth > max_depth
                depth = max(0, depth - 1)
            else:
                depth += 1
                drop = depth > max_depth
        if drop:
            kept.append(text[last : m.start()])
            last = m.end()
    if not kept:
        return text
    kept.append(text[last:])
    return "".join(kept)


def _parse_and_walk(text: str, config: Config) -> tuple[str, dict[str, str | None], _Page]:
    """The page as parsed, its metadata and the walk over its body, in bounded time (see `flatten_deep_nesting`)."""
    tags = tag_count(text)
    text = flatten_deep_nesting(text, config.html_max_depth, tags=tags)
    tree = LexborHTMLParser(utf8(text))  # the tree selectolax makes of the str
    meta = page_metadata(tree)  # before the strip: JSON-LD is in <script>
    _strip(tree)  # in C: the walk never visits them
    budget = config.html_max_elements_per_tag * tags + _MIN_ELEMENTS
    try:
        return text, meta, _walk(tree.body, config, budget) if tree.body is not None else _Page()
    except _Blowup:
        text = flatten_deep_nesting(text, config.html_max_depth, config.html_max_open_formatting, tags)
        tree = LexborHTMLParser(utf8(text))
        _strip(tree)
        return text, meta, _walk(tree.body, config) if tree.body is not None else _Page()


def _strip(tree: LexborHTMLParser) -> None:
    """`tree.strip_tags(_STRIP)`: in one pass over the page where the kernel runs (`kernels.chtml.strip`), one a tag in selectolax."""
    k = kernels.chtml
    if k is not None and (root := tree.root) is not None:
        k.strip(root, _STRIP)
    else:
        tree.strip_tags(_STRIP)


def _walk(body: LexborNode, config: Config, budget: int | None = None) -> _Page:
    """`walk`, compiled where the kernel runs (`kernels.chtml`), else the Python reference."""
    k = kernels.chtml
    if k is not None:
        return k.walk(body, config, budget)
    return walk(body, config, budget)


class _Labelled(NamedTuple):
    """A page parsed, walked and classified."""

    text: str  # the page as parsed (flattened where it had to be)
    page: _Page  # every block, labelled
    kept: Blocks  # the blocks the classifier saw
    meta: dict[str, str | None]  # what the page says of itself
    declared: str | None  # the language it declares, if its prose does not deny it
    language: tuple[str | None, float | None, bool]  # (language, confidence, settled)


def _label(text: str, config: Config) -> _Labelled:
    """Parse, walk and classify a page."""
    text, meta, page = _parse_and_walk(text, config)
    kept = _kept_blocks(page)
    declared = _declared_language(meta, kept, config)
    language = label_blocks(kept, config, language=declared)
    article_root(page, kept, meta.get("title"), config)
    if config.include_comments:
        _mark_comments(page, kept, config)
    for position, label, rule in zip(page.kept, kept.label, kept.rule):
        page.label[position], page.rule[position] = label, rule
    return _Labelled(text, page, kept, meta, declared, language)


def label_html(html: str | bytes, *, config: Config = DEFAULT, include_comments: bool | None = None) -> list[Block]:
    """Every block of the page, pruned ones included, with its label and the rule that set it."""
    return _page_blocks(_label(decode(html), with_comments(config, include_comments)).page)


def _page_blocks(page: _Page) -> list[Block]:
    density = [0.0] * len(page.text)
    for position, value in zip(page.kept, page.link_density):
        density[position] = value
    return [
        Block(text, position, tag=tag, depth=depth, hint=hint, label=label, rule=rule, bullet=tag == "li",
              heading=_HEADINGS.get(tag, 0), n_chars=len(text), link_density=links)
        for position, (text, tag, depth, hint, label, rule, links) in enumerate(
            zip(page.text, page.tag, page.depth, page.hint, page.label, page.rule, density), 1
        )
    ]  # fmt: skip


def clean_html(
    html: str | bytes,
    *,
    markdown: bool = False,
    url: str | None = None,
    config: Config = DEFAULT,
    include_comments: bool | None = None,
    known: Mapping[str, str | None] | None = None,
    defaults: Mapping[str, str | None] | None = None,
) -> Document:
    """Extract the article body and metadata from one HTML page (readers' comments after it, if asked).

    `known` metadata (title, date, author, site, url: a JSON Lines record's fields, a WARC
    record's URL; `url=` is one of them) wins over what the page says; `defaults` (a WARC
    record's crawl date) fill in what it does not say. Bytes are decoded as `cleaner build`
    decodes a page; any other type is a TypeError. With `markdown`, `Document.markdown` holds
    the kept blocks as CommonMark too (headings, lists, tables, quotes, code).
    """
    text = source_text(html, "clean_html", html=True)
    known = {**(known or {}), "url": url} if url else known
    return _clean(text, with_comments(config, include_comments), known, defaults, markdown)[0]


def explain_html(
    html: str | bytes,
    *,
    url: str | None = None,
    config: Config = DEFAULT,
    include_comments: bool | None = None,
    known: Mapping[str, str | None] | None = None,
    defaults: Mapping[str, str | None] | None = None,
) -> tuple[Document, list[Block]]:
    """`clean_html`'s Document and `label_html`'s blocks, from one pass (what `cleaner clean --explain` shows)."""
    known = {**(known or {}), "url": url} if url else known
    doc, page = _clean(decode(html), with_comments(config, include_comments), known, defaults)
    return doc, _page_blocks(page)


def _clean(
    text: str,
    config: Config,
    known: Mapping[str, str | None] | None = None,
    defaults: Mapping[str, str | None] | None = None,
    markdown: bool = False,
) -> tuple[Document, _Page]:
    text, page, kept, meta, declared, (language, score, settled) = _label(text, config)
    # What the caller knows, then what the page says of itself, then what the blocks give.
    said = {k: meta.get(k) for k in ("title", "author", "site", "url")}
    said["date"] = page_date(meta, page.text, page.label, config)
    said.update({k: v for k, v in (known or {}).items() if v})
    if not said["date"]:  # htmldate parses the page again: only when neither the page nor the caller dates it
        said["date"] = searched_date(text, page.text, config)
    blocks = Blocks(page.text, [], list(range(1, len(page.text) + 1)), [], label=page.label, rule=page.rule, kind=page.kind)
    doc = to_document(blocks, language, score, said, defaults)
    if len(doc.text) < config.html_fallback_chars and (extracted := _fallback(text, markdown=markdown)):
        # The Document describes the text it keeps: what trafilatura kept is not dropped, and
        # the language is the fallback text's unless the page declared one.
        fallback, doc.markdown = extracted
        doc.text = fallback
        doc.dropped = [d for d in doc.dropped if d.text not in fallback]
        if not declared:
            doc.language, doc.language_score, settled = identify(fallback[: config.language_sample_chars], config)
    elif markdown:
        doc.markdown = render(blocks, page.cells, page.raw)
    if not settled:
        settle_language(doc, kept, config)
    return doc, page


def _fallback(text: str, *, markdown: bool = False) -> tuple[str, str | None] | None:
    """trafilatura's text of the page, and its Markdown when asked, or None when it finds nothing either."""
    import trafilatura  # slow to import and to run: only for pages the fast path finds empty

    if not markdown:
        plain = trafilatura.extract(text)
        return (plain, None) if plain else None
    from trafilatura.utils import normalize_unicode
    from trafilatura.xml import xmltotxt

    # One extraction, written twice as `trafilatura.extract` writes it: as text, and with its
    # Markdown (headings, lists, tables); extracting twice would cost a tenth of a page set's time.
    document = trafilatura.bare_extraction(text, with_metadata=False)
    if document is None or isinstance(document, dict):  # a Document unless asked for a dict
        return None

    def written(markdown: bool) -> str:
        out = xmltotxt(document.body, markdown)
        if document.commentsbody is not None:
            out = f"{out}\n{xmltotxt(document.commentsbody, markdown)}".strip()
        return normalize_unicode(out)

    plain = written(False)
    return (plain, written(True)) if plain else None


__all__ = ["clean_html", "explain_html", "hint_of", "label_html"]
