"""Property-based tests (hypothesis): any input gives a Document, and its Markdown parses as CommonMark to its text."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from unittest import mock

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

import cleaner.html
from cleaner import Document, clean_html, clean_text
from cleaner.blocks import Blocks
from cleaner.document import BODY
from cleaner.markdown import render
from corpus.config import CorpusConfig

# The per-document budget of a build (docs/corpus.md, "Budgets": `document_timeout`, 20 s of CPU): hypothesis
# fails an example slower than it, twice over, so a slow input is a failure without timing asserts.
BUDGET = timedelta(seconds=CorpusConfig().document_timeout)
# Fixed examples (`derandomize`) and no example database: CI runs the same inputs every time.
SETTINGS = settings(
    deadline=BUDGET, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
CLEANERS: list[Callable[..., Document]] = [clean_text, clean_html]
# CommonMark, and GitHub's pipe tables, which `cleaner.markdown` writes for table rows.
COMMONMARK = MarkdownIt("commonmark").enable("table")

# --- strategies --------------------------------------------------------------------------------

# Any string, lone surrogates included (hypothesis leaves category Cs out unless asked for it).
# Runs of each, since hypothesis merges a union of characters into one range where surrogates are rare.
SURROGATES = st.text(st.characters(categories=["Cs"]), min_size=1, max_size=3)
ANY_TEXT = st.lists(st.text(max_size=100) | SURROGATES, max_size=20).map("".join)
# Words of prose (stop words, so that a paragraph reads as an article's) and of Markdown's syntax.
PROSE = ["the", "of", "and", "to", "in", "that", "is", "was", "for", "with", "it", "a", "council", "said", "on",
         "Tuesday", "city", "plan", "residents", "would", "have", "been", "plan."]  # fmt: skip
MARKUP = [
    "*", "**bold**", "_under_", "__init__", "snake_case", "_", "#", "##", "#tag", ">", "|", "a|b", "`code`", "```", "~~~",
    "[1]", "[a](b)", "[x]:", "[y][z]", "![i](j)", "1.", "2)", "10.", "-", "+", "---", "***", "===", "\\", "a\\", "<b>",
    "<http://x.y>", "&amp;", "&lt;", "&#42;", "&#x41;", "&copy;", "&", "&&", "<", "4.1%", "C++", "\\*", "~", "!", "\"q\"",
]  # fmt: skip
# Mostly prose (else the cleaner keeps little to render), some markup, now and then any characters.
WORD = st.one_of(
    st.sampled_from(PROSE), st.sampled_from(PROSE), st.sampled_from(PROSE), st.sampled_from(MARKUP),
    st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=6),
)  # fmt: skip
SPACE = st.sampled_from([" "] * 6 + ["  ", "\t", "\xa0", "\u2003", "\n"])


@st.composite
def phrases(draw: st.DrawFn, min_words: int = 1, max_words: int = 30) -> str:
    """A run of words and markup, odd whitespace between them, ending as a sentence or not."""
    words = draw(st.lists(WORD, min_size=min_words, max_size=max_words))
    return "".join(word + draw(SPACE) for word in words) + draw(st.sampled_from(["", ".", ". ", "!", " #", ":"]))


def html_escape(text: str) -> str:
    """`text` as HTML source that shows it: its "&" and "<" as entities (`HTML_TEXT` also puts text in raw, tags and all)."""
    return text.replace("&", "&amp;").replace("<", "&lt;")


TAGS = ["p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "table", "tr", "td", "th", "blockquote",
        "pre", "a", "b", "em", "code", "span", "script", "nav", "article", "section", "aside", "footer"]  # fmt: skip
ATTRIBUTES = st.sampled_from(
    ["", "", "", ' class="content"', ' class="nav menu"', ' id="comments"', ' class="article-body"', ' id="footer"',
     ' style="display:none"', " hidden", ' class="share"', ' href="/x"', ' class="post"']
)  # fmt: skip
HTML_TEXT = st.one_of(st.builds(html_escape, phrases()), st.builds(html_escape, phrases(8, 40)), phrases())


def tagged(tag: str, children: st.SearchStrategy[str], min_size: int = 1, max_size: int = 4) -> st.SearchStrategy[str]:
    """`tag` with attributes around a few children."""
    return st.builds(lambda a, c: f"<{tag}{a}>{''.join(c)}</{tag}>", ATTRIBUTES, st.lists(children, min_size=min_size, max_size=max_size))


def element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Any tag around some children, or the shape a tag usually has (items in a list, cells in rows); a <br> now and then."""
    return st.one_of(
        st.sampled_from(TAGS).flatmap(lambda tag: tagged(tag, children)),
        st.sampled_from(["ul", "ol"]).flatmap(lambda tag: tagged(tag, tagged("li", children), 2, 5)),
        tagged("table", tagged("tr", st.sampled_from(["td", "th"]).flatmap(lambda tag: tagged(tag, children, 1, 2)), 1, 4), 2, 6),
        tagged("blockquote", tagged("p", children)),
        tagged("pre", children),
        st.just("<br>"),
    )


HTML_BODY = st.recursive(HTML_TEXT, element, max_leaves=30)


@st.composite
def html_pages(draw: st.DrawFn) -> str:
    """An HTML page from a small grammar: nested blocks, lists, tables, quotes, code and chrome around prose."""
    body = "".join(draw(st.lists(HTML_BODY | tagged("p", st.builds(html_escape, phrases(10, 40))), min_size=1, max_size=10)))
    frame = draw(st.sampled_from(["{}", "<html><body>{}</body></html>", "<html><body><article>{}</article></body></html>"]))
    return frame.format(body)


LEADS = st.sampled_from(["", "", "", "", "- ", "* ", "• ", "•", "– ", "1. ", "12) ", "3.", "# ", "## ", "###### ", "####### ", "> ", "    "])


@st.composite
def text_pages(draw: st.DrawFn) -> str:
    """A plain-text page: lines of prose and markup, some bulleted, numbered, "#" headed or indented."""
    lines = []
    for _ in range(draw(st.integers(1, 15))):
        indent = draw(st.sampled_from(["", "", "", "  ", "    ", "\t", " \xa0"]))
        lines.append(indent + draw(LEADS) + draw(phrases(1, 40)).replace("\n", " ") + draw(st.sampled_from(["", "", " #", " ##", "  "])))
    return "".join(line + draw(st.sampled_from(["\n", "\n", "\n\n", "\r\n"])) for line in lines)


# --- Markdown read back --------------------------------------------------------------------------

# The blocks `cleaner.markdown.render` writes; anything else (an HTML block, indented code, a
# thematic break) is text the renderer failed to escape.
BLOCK_TYPES = {
    "paragraph_open", "paragraph_close", "heading_open", "heading_close", "inline", "fence",
    "bullet_list_open", "bullet_list_close", "ordered_list_open", "ordered_list_close", "list_item_open", "list_item_close",
    "blockquote_open", "blockquote_close", "table_open", "table_close", "thead_open", "thead_close", "tbody_open",
    "tbody_close", "tr_open", "tr_close", "th_open", "th_close", "td_open", "td_close",
}  # fmt: skip
# A list bullet or number, or a run of "#": the structure Document.text writes as characters (a
# text source's lines as written, an HTML item's "- " or "1. ") and Markdown as syntax.
MARKER = re.compile(r"[-–—*+•·▪‣◦●○■□►▶]|#+|\d{1,9}[.)]")
BULLET_GLUED = "•·▪‣◦●○■□►▶"


def markdown_texts(markdown: str) -> list[str]:
    """The text of every block of `markdown` as CommonMark reads it, failing on any inline markup or unexpected block."""
    texts = []
    for token in COMMONMARK.parse(markdown):
        assert token.type in BLOCK_TYPES, f"{token.type} in {markdown!r}"
        if token.type == "heading_open":
            assert token.markup.startswith("#"), f"setext heading in {markdown!r}"  # "===" or "---" under a line
        if token.type == "fence":
            texts.append(token.content)
        if token.type == "inline":
            texts.append(inline_text(token, markdown))
    return texts


def inline_text(token: Token, markdown: str) -> str:
    """The literal text of an inline token: the renderer writes no emphasis, link, code span, HTML or line break."""
    children = token.children or []
    kinds = {child.type for child in children}
    assert kinds <= {"text"}, f"{kinds - {'text'}} in {token.content!r} of {markdown!r}"
    return "".join(child.content for child in children)


def as_read(text: str) -> str:
    """`text` as CommonMark gives it back: U+0000 is read as U+FFFD (the spec's one change to a document's characters)."""
    return text.replace("\0", "\ufffd")


def words(text: str) -> list[str]:
    """Words of `text` in order, list and heading markers left out (one side writes them as syntax, the other as text)."""
    out = []
    for word in as_read(text).split():
        if MARKER.fullmatch(word):
            continue
        out.append(word.lstrip(BULLET_GLUED) if word[0] in BULLET_GLUED else word)
    return [word for word in out if word]


def assert_markdown_reads_as_text(doc: Document) -> None:
    """`doc.markdown` parses as CommonMark to plain text whose words are `doc.text`'s, in order."""
    assert doc.markdown is not None
    assert words("\n".join(markdown_texts(doc.markdown))) == words(doc.text), doc.markdown


@contextmanager
def fast_path_only() -> Iterator[None]:
    """`clean_html` without its trafilatura fallback, whose Markdown is trafilatura's, not `cleaner.markdown`'s."""
    with mock.patch.object(cleaner.html, "_fallback", return_value=None):
        yield


# --- any input gives a Document ------------------------------------------------------------------


@pytest.mark.parametrize("clean", CLEANERS)
@settings(SETTINGS, max_examples=150)
@given(text=ANY_TEXT)
def test_any_str_gives_a_document(clean: Callable[..., Document], text: str) -> None:
    """Any string, lone surrogates and control characters included, is cleaned into a Document."""
    doc = clean(text)
    assert isinstance(doc, Document) and isinstance(doc.text, str) and doc.markdown is None
    assert all(isinstance(d.text, str) and d.reason for d in doc.dropped)


@pytest.mark.parametrize("clean", CLEANERS)
@settings(SETTINGS, max_examples=150)
@given(data=st.binary(max_size=4000))
def test_any_bytes_give_a_document(clean: Callable[..., Document], data: bytes) -> None:
    """Any bytes are decoded (never failing: `decode.decode`) and cleaned into a Document."""
    doc = clean(data, markdown=True)
    assert isinstance(doc, Document) and isinstance(doc.text, str) and isinstance(doc.markdown, str)


NOT_TEXT = st.none() | st.integers() | st.floats() | st.lists(st.text(max_size=5), max_size=3) | st.builds(bytearray, st.binary(max_size=8))


@pytest.mark.parametrize("clean", CLEANERS)
@settings(SETTINGS, max_examples=30)
@given(value=NOT_TEXT)
def test_anything_else_is_a_type_error(clean: Callable[..., Document], value: object) -> None:
    """Neither str nor bytes is the TypeError `decode.source_text` documents, naming the function and the type."""
    with pytest.raises(TypeError, match=rf"^{clean.__name__}\(\) takes str or bytes, not {type(value).__name__}$"):
        clean(value)


# --- the Markdown reads back as the text -----------------------------------------------------------


@settings(SETTINGS, max_examples=150)
@given(page=html_pages())
def test_markdown_of_an_html_page_is_its_text(page: str) -> None:
    """The Markdown of a page parses as CommonMark to the words of its text, every Markdown character literal.

    Exclusions: list and heading markers (Document.text writes "- " and "1. " for HTML items),
    which `test_every_kind_of_block_reads_back` checks exactly; the trafilatura fallback, whose
    Markdown is not `cleaner.markdown`'s (so the fast path's Markdown is checked even when short).
    """
    with fast_path_only():
        doc = clean_html(page, markdown=True)
    assert_markdown_reads_as_text(doc)


@settings(SETTINGS, max_examples=200)
@given(page=text_pages())
def test_markdown_of_a_text_page_is_its_text(page: str) -> None:
    """The Markdown of a text page parses as CommonMark to the words of its text, every Markdown character literal.

    Exclusions: list and heading markers, which Document.text keeps as written ("* ", "3.",
    "## A ##") and Markdown writes as its own syntax ("- ", "1.", "##").
    """
    assert_markdown_reads_as_text(clean_text(page, markdown=True))


# --- every kind of block, exactly ----------------------------------------------------------------

# One block's text: one line, its whitespace runs one space (as `Blocks.text` holds it).
LINE = st.builds(
    lambda s: " ".join(s.split()),
    st.one_of(
        phrases(max_words=8),
        st.lists(st.sampled_from(MARKUP), min_size=1, max_size=3).map(" ".join),
        st.text(st.sampled_from("#*_-+>|`[]():!<&;\\=~.1 a"), max_size=12),
    ),
)
# Kind -> the block tokens (opening types) CommonMark must read around its text.
EXPECTED = {
    "": ["paragraph_open"],
    "h1": ["heading_open"],
    "h2": ["heading_open"],
    "h6": ["heading_open"],
    "u1": ["bullet_list_open", "list_item_open", "paragraph_open"],
    "o1": ["ordered_list_open", "list_item_open", "paragraph_open"],
    ">": ["blockquote_open", "paragraph_open"],
}


def kept(kinds: list[str], texts: list[str]) -> Blocks:
    """Blocks of these kinds and texts, all kept."""
    n = len(texts)
    return Blocks(texts, [], list(range(1, n + 1)), [], kind=kinds, label=[BODY] * n, rule=[""] * n)


@settings(SETTINGS, max_examples=200)
@given(kind=st.sampled_from(sorted(EXPECTED)), text=LINE.filter(str.strip), rest=st.none() | LINE.filter(str.strip))
@example(kind="", text="__init__", rest=None)  # "\__init_\_" read as "_<em>init</em>_"
@example(kind="h2", text="#", rest=None)  # "## \\#" read as "\#"
@example(kind="h2", text="Designed to", rest="be #")  # "## Designed to be #" read as "Designed to be"
def test_every_kind_of_block_reads_back(kind: str, text: str, rest: str | None) -> None:
    """A paragraph, heading, list item or quote (and the rest of its line after a <br>) renders to exactly that block, holding exactly its text."""
    blocks = kept([kind], [text]) if rest is None else kept([kind, "j"], [text, rest])
    tokens = COMMONMARK.parse(render(blocks))
    opening = [t.type for t in tokens if t.nesting == 1]
    assert opening == EXPECTED[kind]
    (inline,) = [t for t in tokens if t.type == "inline"]
    assert inline_text(inline, text) == as_read(text if rest is None else f"{text} {rest}")


@settings(SETTINGS, max_examples=100)
@given(rows=st.lists(st.lists(LINE, min_size=2, max_size=4), min_size=2, max_size=4))
def test_a_table_reads_back_cell_by_cell(rows: list[list[str]]) -> None:
    """Table rows render to a pipe table of the same cells, each holding exactly its text."""
    blocks = kept(["tr"] * len(rows), ["\t".join(row) for row in rows])
    tokens = COMMONMARK.parse(render(blocks, cells=dict(enumerate(rows))))
    width = max(map(len, rows))
    cells = [inline_text(t, str(rows)) for t in tokens if t.type == "inline"]
    assert cells == [as_read(cell) for row in rows for cell in row + [""] * (width - len(row))]


KINDS = ["", "h2", "u1", "u2", "u3", "o1", "o2", "c1", "c2", "c3", "j", "tr", "pre"]
BLOCK = st.tuples(st.sampled_from(KINDS + [">" + k for k in KINDS]), LINE.filter(str.strip))


@settings(SETTINGS, max_examples=200)
@given(rows=st.lists(BLOCK, min_size=1, max_size=12))
@example(rows=[("u1", "a"), ("o2", "b"), ("tr", "x\ty"), ("c2", "para")])  # "     para" after the table was code
@example(rows=[(">u1", "a"), (">u2", "b"), (">u3", "c"), ("c3", "para")])  # so was it after a quoted list
def test_any_run_of_blocks_reads_back(rows: list[tuple[str, str]]) -> None:
    """Blocks of any kinds, in any order, render to CommonMark with only the expected blocks, holding their words in order."""
    blocks = kept([k for k, _ in rows], [t for _, t in rows])
    assert words("\n".join(markdown_texts(render(blocks)))) == words("\n".join(t for _, t in rows))
