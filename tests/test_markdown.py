"""Blocks written by their kind: Document.text lines and CommonMark (cleaner/markdown.py), from both sources."""

from __future__ import annotations

import gzip

import pytest

from cleaner import DEFAULT, clean_html, clean_text
from cleaner.blocks import Blocks, nested_kinds, text_blocks
from cleaner.decode import decode
from cleaner.document import BODY, COMMENT
from cleaner.html import _label
from cleaner.markdown import escape, plain_lines, render

from .conftest import DATA


def blocks(*rows: tuple[str, str], labels: list[str] | None = None) -> Blocks:
    """Blocks of (kind, text), all body unless `labels` says otherwise."""
    text = [t for _, t in rows]
    return Blocks(text, [], list(range(1, len(text) + 1)), [], kind=[k for k, _ in rows],
                  label=labels or [BODY] * len(text), rule=[""] * len(text))  # fmt: skip


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("plain words, 4.1% and C++", "plain words, 4.1% and C++"),
        ("# not a heading", "\\# not a heading"),
        ("> not a quote", "\\> not a quote"),
        ("- not an item", "\\- not an item"),
        ("+ not an item", "\\+ not an item"),
        ("2024. A year", "2024\\. A year"),
        ("4.1% and -5", "4.1% and -5"),
        ("#hashtag", "#hashtag"),
        ("1) first", "1\\) first"),
        ("a *starred* [link](x) `code` <b>", "a \\*starred\\* [link\\](x) \\`code\\` \\<b>"),
        ("a note[2] and [a][b] and [c]: d", "a note[2] and [a\\][b] and [c\\]: d"),
        ("snake_case stays, _emphasis_ does not", "snake_case stays, \\_emphasis\\_ does not"),
        ("__init__ and a__b", "\\_\\_init\\_\\_ and a\\_\\_b"),  # "_" beside "_" is at a word's edge
        ("AT&T &amp; 3 < 4", "AT&T \\&amp; 3 < 4"),
        ("back\\slash", "back\\\\slash"),
    ],
)
def test_escape_only_what_would_change_the_meaning(text: str, escaped: str) -> None:
    assert escape(text) == escaped


def test_render_every_kind() -> None:
    md = render(
        blocks(
            ("h1", "Prices rise"),
            ("", "Inflation rose again."),
            ("h2", "By country"),
            ("tr", "Country\tInflation"),
            ("tr", "Germany\t4.1%"),
            ("tr", "France | Monaco\t3.8%"),
            ("u1", "Energy"),
            ("u1", "Food"),
            ("o2", "Bread"),
            ("o2", "Milk"),
            ("c2", "Milk came second."),
            ("u1", "Rent"),
            (">", "We expect prices to fall."),
            (">", "Next year."),
            ("pre", "def f(x):\n    return x + 1"),
            ("", "The end."),
        )
    )
    assert md == (
        "# Prices rise\n\nInflation rose again.\n\n## By country\n\n"
        "| Country | Inflation |\n| --- | --- |\n| Germany | 4.1% |\n| France \\| Monaco | 3.8% |\n\n"
        "- Energy\n- Food\n  1. Bread\n  2. Milk\n\n     Milk came second.\n\n- Rent\n\n"
        "> We expect prices to fall.\n>\n> Next year.\n\n"
        "```\ndef f(x):\n    return x + 1\n```\n\nThe end."
    )


def test_render_keeps_body_then_comments_and_skips_the_rest() -> None:
    b = blocks(("", "Menu"), ("", "Body."), ("", "A comment."), ("h2", "Related"), labels=["navigation", BODY, COMMENT, "related"])
    assert render(b) == "Body.\n\nA comment."


def test_table_cells_pad_short_rows_and_a_lone_cell_is_a_paragraph() -> None:
    assert render(blocks(("tr", "only"))) == "only"
    assert render(blocks(("tr", "a\tb"), ("tr", "c"))) == "| a | b |\n| --- | --- |\n| c |  |"
    assert render(blocks(("tr", "a\tb")), cells={0: ["", "a", "b"]}) == "|  | a | b |\n| --- | --- | --- |"


def test_code_fence_is_longer_than_the_backticks_inside() -> None:
    assert render(blocks(("pre", "x = ```y```"))) == "````\nx = ```y```\n````"


def test_ordered_items_count_per_list() -> None:
    b = blocks(("o1", "a"), ("o1", "b"), ("", "Between."), ("o1", "c"))
    assert plain_lines(b, range(4)) == ["1. a", "2. b", "Between.", "1. c"]
    assert render(b) == "1. a\n2. b\n\nBetween.\n\n1. c"


# --- the text path ---------------------------------------------------------------------------


def test_text_lines_get_their_kind_and_keep_their_marker() -> None:
    b = text_blocks("## A heading ##\n- dash item\n  • nested bullet\n3. numbered\n* star item\nprose line\n#hashtag")
    assert b.text == ["A heading", "dash item", "nested bullet", "numbered", "star item", "prose line", "#hashtag"]
    assert b.kind == ["h2", "u1", "u1", "o1", "u1", "", ""]  # the depth is read when Markdown is asked for
    assert nested_kinds(b, list(range(7))) == ["h2", "u1", "u2", "o1", "u1", "", ""]
    assert render(b) == "## A heading\n\n- dash item\n  - nested bullet\n1. numbered\n- star item\n\nprose line\n\n#hashtag"
    assert plain_lines(b, range(len(b))) == [
        "## A heading ##", "- dash item", "• nested bullet", "3. numbered", "* star item", "prose line", "#hashtag",
    ]  # fmt: skip


def test_text_without_structure_has_no_kinds() -> None:
    assert text_blocks("one line\nanother line").kind is None


ARTICLE = "\n".join(
    [
        "# Council expands the bus network",
        "The city council voted on Tuesday to expand the bus network after months of public hearings on the plan.",
        "Officials said the new routes would begin running in the spring, with more buses added in the summer.",
        "The plan has three parts:",
        "- new routes to the northern suburbs, where many residents have no car",
        "- more buses on the busiest lines in the evening and at the weekend",
        "- a new ticket that is valid on the buses and the trams for a whole day",
        "Residents who spoke at the meeting were mostly in favour of the plan, though some raised concerns about the cost.",
    ]
)


def test_clean_text_markdown_on_request() -> None:
    assert clean_text(ARTICLE).markdown is None
    doc = clean_text(ARTICLE, markdown=True)
    assert "- new routes to the northern suburbs, where many residents have no car" in doc.text.splitlines()
    assert "\n\n- new routes to the northern suburbs, where many residents have no car\n- more buses" in doc.markdown


# --- the HTML path ---------------------------------------------------------------------------

PAGE = """<html><body><article>
<h2>By country</h2>
<table><tr><th>Country</th><th>Inflation</th></tr>
<tr><td>Germany</td><td><p>4.1%</p><p>(est.)</p></td></tr>
<tr><td></td><td>3.8%</td></tr></table>
<ul><li>Energy<ol><li>Gas</li></ol><p>More on energy.</p></li></ul>
<blockquote><p>A quote.</p></blockquote>
<pre>line 1
  line 2</pre>
</article></body></html>"""


def test_html_blocks_get_their_kind() -> None:
    page = _label(decode(PAGE), DEFAULT).page
    got = [(k, t) for k, t in zip(page.kind, page.text, strict=True)]
    assert got == [
        ("h2", "By country"),
        ("tr", "Country\tInflation"),
        ("tr", "Germany\t4.1% (est.)"),  # a short row's cells may hold paragraphs: still one row
        ("tr", "3.8%"),
        ("u1", "Energy"),
        ("o2", "Gas"),
        ("c1", "More on energy."),
        (">", "A quote."),
        ("pre", "line 1 line 2"),
    ]
    assert page.cells[3] == ["", "3.8%"]
    assert page.raw[8] == "line 1\n  line 2"


def test_layout_table_cells_stay_blocks_of_their_own() -> None:
    long = "Words of the article, many of them. " * 40
    page = _label(decode(f"<table><tr><td>Home</td><td><p>{long}</p><p>{long}</p></td></tr></table>"), DEFAULT).page
    assert page.text[0] == "Home"
    assert page.kind[:3] == ["", "", ""]


def test_clean_html_markdown_on_request() -> None:
    """A Wikipedia list of films (Readability's test page): each film a table row, in both renderings."""
    page = gzip.decompress((DATA / "readability" / "html" / "wikipedia-4.html.gz").read_bytes())
    assert clean_html(page).markdown is None
    doc = clean_html(page, markdown=True)
    assert "\nThe Time Travelers\t1964\tScientists test a time-viewing device" in doc.text
    assert "\n| --- | --- | --- |\n| The Time Travelers | 1964 | Scientists test a time-viewing device" in doc.markdown


def test_markdown_after_the_fallback_is_the_fallbacks(monkeypatch: pytest.MonkeyPatch) -> None:
    import cleaner.html as html

    calls = []

    def fallback(text: str, *, markdown: bool = False) -> tuple[str, str | None]:
        calls.append(markdown)
        return "Fallback\nText.", "# Fallback\n\nText." if markdown else None

    monkeypatch.setattr(html, "_fallback", fallback)
    doc = clean_html("<p>tiny</p>", markdown=True)
    assert (doc.text, doc.markdown, calls) == ("Fallback\nText.", "# Fallback\n\nText.", [True])
    assert clean_html("<p>tiny</p>").markdown is None


def test_the_fallbacks_text_is_the_same_with_its_markdown() -> None:
    """One extraction gives both: the text is trafilatura.extract's, whether the Markdown is asked for or not."""
    page = "<html><body><h1>Calendar</h1><ul><li>First race: 10 March</li><li>Second race: 24 March</li></ul></body></html>"
    plain, markdown = clean_html(page), clean_html(page, markdown=True)
    assert plain.text == markdown.text == "Calendar\n- First race: 10 March\n- Second race: 24 March"
    assert markdown.markdown == "# Calendar\n\n- First race: 10 March\n- Second race: 24 March"


def test_a_line_break_splits_an_item_in_the_text_not_in_the_markdown() -> None:
    page = "<ol><li><strong>The handoff</strong><br>Problems arise.</li><li>Next</li></ol><h2>Designed to<br>be redesigned</h2>"
    labelled = _label(decode(page), DEFAULT).page
    assert labelled.text == ["The handoff", "Problems arise.", "Next", "Designed to", "be redesigned"]
    assert labelled.kind == ["o1", "j", "o1", "h2", "j"]
    b = blocks(*zip(labelled.kind, labelled.text))
    assert plain_lines(b, range(5)) == ["1. The handoff", "Problems arise.", "2. Next", "Designed to", "be redesigned"]
    assert render(b) == "1. The handoff Problems arise.\n2. Next\n\n## Designed to be redesigned"
    b.label[0] = "navigation"  # the line's start dropped: the rest is a paragraph of its own
    assert render(b) == "Problems arise.\n\n1. Next\n\n## Designed to be redesigned"


def test_links_within_the_page_are_not_counted_as_links() -> None:
    page = '<h2><a href="#reviews">The 21 best movies</a></h2><p><a href="/films">The 21 best movies</a></p>'
    assert _label(decode(page), DEFAULT).page.link_density == [0.0, 1.0]


def test_a_bare_hash_is_a_scripts_button_and_counts_as_a_link() -> None:
    page = '<p><a href="#">Show more comments</a></p><p><a href="#!/share">Share this story</a></p>'
    assert _label(decode(page), DEFAULT).page.link_density == [1.0, 1.0]
