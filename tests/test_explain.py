"""The explain page (`cleaner clean --explain --format html`): its content, its escaping, and Chromium's view of it."""

from __future__ import annotations

import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner import RULES, Block, Document, explain_html, explain_text
from cleaner.cli import main
from cleaner.explain import KEPT_COLOURS, PALETTE, explain_page, label_class, label_colours, rule_description
from cleaner.rules import STAGE_RULES

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests/fixtures/html"
PAGE = FIXTURES / "nav_header_footer.html"
SEED = sorted((REPO / "seeds").glob("*.txt"))[4]
BODY_SENTENCE = "The project will cost about twelve million euros"
CHROME_LINE = "Riverside Gazette is published by Valley Media"
# HTML elements that never have an end tag: the parser below must not wait for one.
VOID = frozenset({"meta", "input", "br", "img", "hr", "link"})


class PageParser(HTMLParser):
    """Reads a page strictly enough to catch broken markup: every tag closed in order, the blocks collected."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.blocks: list[dict[str, str]] = []  # one per element of class "block": its attributes, text, shown text
        self.in_block = 0  # depth of open elements inside the current block (0: outside any)
        self.in_shown = 0  # the same inside the block's text element (`.t`)
        self.tags: list[str] = []
        self.order: list[str] = []  # the sections' parts in document order: meta, counts, legend, block

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        attributes = {k: v or "" for k, v in attrs}
        classes = attributes.get("class", "").split()
        for part, name in (("meta", "meta"), ("counts", "tables"), ("legend", "legend"), ("block", "block")):
            if name in classes:
                self.order.append(part)
        if tag in VOID:
            return
        self.open.append(tag)
        if self.in_block:
            self.in_block += 1
            self.in_shown += bool(self.in_shown or "t" in classes)
        elif "block" in classes:
            self.blocks.append({**attributes, "text": "", "shown": ""})
            self.in_block = 1

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        assert self.open and self.open[-1] == tag, f"</{tag}> closes <{self.open[-1] if self.open else None}>"
        self.open.pop()
        if self.in_block:
            self.in_block -= 1
            self.in_shown -= bool(self.in_shown)

    def handle_data(self, data: str) -> None:
        if self.in_block:
            self.blocks[-1]["text"] += data
        if self.in_shown:
            self.blocks[-1]["shown"] += data


def parse(page: str) -> PageParser:
    """The page read by `PageParser`, every element closed."""
    parser = PageParser()
    parser.feed(page)
    parser.close()
    assert parser.open == [], parser.open
    return parser


def run(*args: str | Path) -> object:
    """`cleaner ARGS...` through click's test runner."""
    return CliRunner().invoke(main, [str(a) for a in args])


def test_html_page_of_an_html_input_has_the_metadata_counts_legend_and_every_block() -> None:
    result = run("clean", "--explain", "--format", "html", PAGE)
    assert result.exit_code == 0, result.output
    page = result.stdout
    assert page.startswith("<!DOCTYPE html>") and page.endswith("</html>\n")
    doc, blocks = explain_html(PAGE.read_bytes())
    parsed = parse(page)
    assert [(b["data-label"], b["data-rule"]) for b in parsed.blocks] == [(b.label, b.rule) for b in blocks]
    assert [b["shown"] for b in parsed.blocks] == [b.tag + b.text for b in blocks]  # the tag, then the text
    assert parsed.order[:3] == ["meta", "counts", "legend"] and set(parsed.order[3:]) == {"block"}
    assert doc.title and doc.title in page
    assert "Per reason" in page and "Per rule" in page
    assert rule_description("chrome-tag") in page  # the rule's description, in the table and the hover title
    footer = next(b for b in parsed.blocks if CHROME_LINE in b["text"])
    assert footer["data-label"] == "footer" and "chrome-tag" in footer["title"]


def test_html_page_of_a_text_input_shows_its_lines() -> None:
    result = run("clean", "--explain", "-f", "html", SEED)
    assert result.exit_code == 0, result.output
    _, blocks = explain_text(SEED.read_text(encoding="utf-8"))
    parsed = parse(result.stdout)
    assert len(parsed.blocks) == len(blocks)
    assert [b["shown"] for b in parsed.blocks] == [b.text for b in blocks]
    assert "lines</dd>" in result.stdout  # "dropped: N of M lines"


def test_html_page_is_self_contained_and_deterministic() -> None:
    first, second = (run("clean", "--explain", "--format", "html", PAGE).stdout for _ in range(2))
    assert first == second
    for outside in ("<script", "<link", " src=", " href=", "@import", "url("):
        assert outside not in first


def test_several_inputs_make_one_page_with_a_section_each() -> None:
    result = run("clean", "--explain", "--format", "html", PAGE, SEED, FIXTURES / "share.html")
    assert result.exit_code == 0, result.output
    page = result.stdout
    assert page.count("<!DOCTYPE html>") == 1 and page.count("</html>") == 1
    assert page.count('<section class="doc"') == 3
    assert [page.index(f'id="doc{i}"') for i in (1, 2, 3)] == sorted(page.index(f'id="doc{i}"') for i in (1, 2, 3))
    parse(page)


def test_format_html_without_explain_is_a_usage_error() -> None:
    result = run("clean", "--format", "html", PAGE)
    assert result.exit_code == 2
    assert "--explain" in result.output and "Traceback" not in result.output
    assert "html" in run("clean", "--help").output


def test_a_hostile_page_cannot_inject_markup(tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(
        'He said "<script>alert(1)</script>" & left <img src=x onerror=alert(2)> the room, and then the meeting '
        "went on for a long while about the budget of the town and its many roads and bridges.\n",
        encoding="utf-8",
    )
    page = run("clean", "--explain", "--format", "html", hostile).stdout
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&quot;" in page
    assert len(parse(page).blocks) == 1
    # Labels and rules are the cleaner's own, but escaped all the same.
    block = Block(text="x", line=1, label='evil"><em>', rule='<i onclick="x">')
    made = explain_page(Document(text="", title="<title>"), [block], name="<name>")
    parsed = parse(made)
    assert parsed.blocks[0]["data-label"] == 'evil"><em>' and parsed.blocks[0]["data-rule"] == '<i onclick="x">'
    assert "em" not in parsed.tags and "i" not in parsed.tags and parsed.tags.count("title") == 1
    assert label_class('evil"><em>').startswith("l-x")


def test_colours_kept_fixed_chrome_distinct_within_a_page() -> None:
    chrome = ["navigation", "share", "footer", "header", "ad", "sidebar"]
    colours = label_colours(["body", *chrome])
    assert {label: colours[label][0] for label in KEPT_COLOURS} == KEPT_COLOURS
    assert len({colours[label] for label in chrome}) == len(chrome)
    assert colours["ad"] == (PALETTE[0], "solid")  # sorted order
    assert len(set(PALETTE) | set(KEPT_COLOURS.values())) == len(PALETTE) + len(KEPT_COLOURS)
    many = label_colours(f"chrome-{i:02}" for i in range(len(PALETTE) + 3))
    assert len(set(many.values())) == len(many)  # past the palette, a dashed border tells them apart


def test_every_rule_has_a_description() -> None:
    for name in [rule.name for rule in RULES] + list(STAGE_RULES):
        assert rule_description(name), name
    assert rule_description("no-such-rule") == ""


@pytest.mark.skipif(shutil.which("chromium") is None, reason="no chromium (Debian's `chromium` package)")
def test_chromium_renders_every_block_with_its_label(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(run("clean", "--explain", "--format", "html", PAGE).stdout, encoding="utf-8")
    _, blocks = explain_html(PAGE.read_bytes())
    dom = subprocess.run(
        [
            "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", page.as_uri(),
        ],
        capture_output=True, text=True, timeout=120, check=True,
    ).stdout
    parsed = parse(dom)
    assert len(parsed.blocks) == len(blocks) > 0
    by_text = {b["text"]: b["class"].split() for b in parsed.blocks}
    body = next(classes for text, classes in by_text.items() if BODY_SENTENCE in text)
    footer = next(classes for text, classes in by_text.items() if CHROME_LINE in text)
    assert "l-body" in body and "kept" in body
    assert "l-footer" in footer and "chrome" in footer
