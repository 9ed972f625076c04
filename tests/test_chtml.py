"""The compiled DOM kernel (`cleaner._chtml`) against its Python references: the same `_Page`, metadata and matches."""

from __future__ import annotations

import dataclasses
import random
import re
import string
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from cleaner import html, kernels, metadata
from cleaner.config import DEFAULT
from cleaner.decode import decode
from cleaner.eval.gold import load_gold
from cleaner.rules import ARTICLE_MARKERS, ARTICLE_WORDS, CLASS_HINTS

pytestmark = pytest.mark.skipif(kernels.chtml is None, reason=f"DOM kernel not in use: {kernels.missing.get('html')}")

DATA = Path(__file__).resolve().parent / "data"
SETS = ["scrapinghub", "readability", "trafilatura-dev", "dates-dev"]
CONFIGS = {
    "default": DEFAULT,
    "comments+captions": dataclasses.replace(DEFAULT, include_comments=True, html_keep_captions=True),
    "small limits": dataclasses.replace(DEFAULT, html_prune_max_chars=200, html_row_max_chars=30),
}


def _tree(page: str) -> LexborHTMLParser:
    """The tree `_parse_and_walk` walks: flattened, parsed, stripped."""
    tree = LexborHTMLParser(html.flatten_deep_nesting(page, DEFAULT.html_max_depth))
    tree.strip_tags(html._STRIP)
    return tree


def _both(tree: LexborHTMLParser, config=DEFAULT, budget=None) -> tuple[html._Page, html._Page]:
    assert kernels.chtml is not None
    return html.walk(tree.body, config, budget), kernels.chtml.walk(tree.body, config, budget)


def _same(tree: LexborHTMLParser, config=DEFAULT) -> None:
    if tree.body is None:
        return
    python, compiled = _both(tree, config)
    for name in html._Page.__slots__:
        assert getattr(compiled, name) == getattr(python, name), name


@pytest.fixture(scope="module", params=SETS)
def gold_pages(request) -> list[str]:
    return [decode(page.content) for page in load_gold(DATA / request.param).pages]


def test_walk_matches_python_on_gold_pages(gold_pages):
    for i, page in enumerate(gold_pages):
        tree = _tree(page)
        for config in CONFIGS.values() if i % 4 == 0 else [DEFAULT]:  # the other settings on a quarter of the pages
            _same(tree, config)


def test_page_metadata_matches_python_on_gold_pages(gold_pages):
    for page in gold_pages:
        tree = LexborHTMLParser(html.flatten_deep_nesting(page, DEFAULT.html_max_depth))
        compiled = metadata.page_metadata(tree)
        with kernels.pure():
            python = metadata.page_metadata(tree)
        assert compiled == python


def test_select_finds_what_css_finds(gold_pages):
    queries = [ARTICLE_MARKERS, "meta[content]", 'script[type="application/ld+json"]', "h1, h2", "title",
               "time[datetime], [itemprop=datePublished]", "div > p", "a:not([href])", "*", "[CLASS~=nav i]",
               '[rel="author"], [itemprop~="author"], [class*="byline" i], [class*="author" i], [id*="byline" i]']  # fmt: skip
    assert kernels.chtml is not None
    for page in gold_pages[:40]:
        tree = LexborHTMLParser(page)
        for query in queries:
            assert [n.mem_id for n in kernels.chtml.select(tree.root, query)] == [n.mem_id for n in tree.css(query)], query


def test_query_names():
    assert kernels.chtml is not None
    names = kernels.chtml.query_names
    assert names(ARTICLE_MARKERS) == (["article"], ["class", "itemprop", "itemtype"])
    assert names("time[datetime], [itemprop=datePublished]") == (["time"], ["itemprop"])
    assert names("#main, [ROLE=main]") == ([], ["id", "role"])
    for anything in ("div p", "a > b", "*", "a:hover", "[xlink|href]", '[title="a,b"]', "svg|rect", "p, div p"):
        assert names(anything) == (None, None), anything


EDGES = {
    "table": "<table><tr><td>one</td><td>two <b>2</b></td><td></td></tr><tr><td><p>a</p><p>b</p></td><td>c</td></tr></table>",
    "nested table": "<table><tr><td><table><tr><td>in</td></tr></table></td><td>out</td></tr></table>",
    "long row": "<table><tr><td>" + "word " * 400 + "</td><td>x</td></tr></table>",
    "th row": "<table><thead><tr><th>h1</th><th><a href='/x'>h2</a></th></tr></thead></table>",
    "pre": "<pre>  line one\n    line two\n\n<b>bold</b>  </pre><p>after</p>",
    "quoted pre": "<blockquote><pre>x = 1\ny = 2</pre><p>said</p></blockquote>",
    "lists": "<ul><li>one<ul><li>one.a</li><li>one.b<ol><li>deep</li></ol></li></ul></li><li><p>p1</p><p>p2</p></li></ul>",
    "menu": "<menu><li>m</li></menu><ol><li>x<br>y</li></ol>",
    "br in headings": "<h1>Title<br>second line</h1><h2>a<br><br>b</h2><li>i<br>j</li><p>p<br>q</p>",
    "hidden": "<div hidden>h</div><p aria-hidden=true>a</p><p aria-hidden=false>shown</p>"
    "<p style='display: none'>s</p><p style='VISIBILITY:hidden'>v</p><p style='color:red'>red</p>",
    "custom": "<my-widget class='x'>custom <x-y>text</x-y></my-widget><foo:bar>ns</foo:bar>",
    "comments": "<p>a<!-- c --> b</p><!-- between --><div>d</div>",
    "entities": "<p>&amp; &lt;tag&gt; &nbsp;&nbsp; &eacute;t&eacute; &#x1F600; &#0; &bogus;</p>",
    "non-ascii": "<p>Привет, мир. 日本語のテキスト。 \u00a0 עברית</p><p>\u2003\u3000</p>",
    "links": "<p><a href='/a'>link</a> text <a href='#top'>top</a> <a href='#'>js</a> <a href='#!x'>bang</a> "
    "<a>bare</a> <a href=''>empty</a></p>",
    "chrome": "<nav>menu</nav><aside>side</aside><form>f</form><header>h</header><article><header>ah</header>"
    "<p>body</p><footer>af</footer></article><footer>f</footer><figure><img><figcaption>cap</figcaption></figure>",
    "hints": "<div class='sidebar'>side</div><div id='comments'><p>c1</p></div><div class='teaser'>t</div>"
    "<div class='menu article'>keep</div><div class='widget'><article><p>art</p></article></div>"
    "<div class='cookie-banner' role='dialog'>cookies</div><div class='related'>r</div>",
    "big chrome": "<div class='sidebar'>" + "long text " * 300 + "</div><nav>" + "n " * 1500 + "</nav>",
    "duplicate attrs": "<div class=sidebar class=content id=a id=b>x</div><a href='#a' href='/b'>l</a>",
    "empty": "",
    "empty body": "<html><head><title>t</title></head><body></body></html>",
    "no body": "<html><head><title>t</title></head></html>",
    "frameset": "<html><frameset><frame src='a'></frameset></html>",
    "text only": "just text",
    "huge attribute": "<div class='" + "x" * 200_000 + "'>" + "<p>p</p>" * 10 + "</div>",
    "surrogates": "<p>a\udc80b \ud800 c</p>",
    "nul": "<p>a\x00b</p><table><tr><td>x\x00</td><td>y</td></tr></table>",
    "selects": "<p>a<select><option>o</option></select><textarea>t</textarea><button>b</button>c</p>",
    "svg math": "<p>a<svg><title>t</title><text>s</text></svg><math><mi>x</mi></math>b</p>",
    "template": "<template><p>t</p></template><noscript><p>n</p></noscript><p>after</p>",
    "dd dl": "<dl><dt>term</dt><dd>def <span>x</span></dd></dl><details><summary>s</summary>d</details>",
}


@pytest.mark.parametrize("name", sorted(EDGES))
def test_edge_cases(name):
    page = EDGES[name]
    try:
        tree = _tree(page)
    except UnicodeEncodeError:  # selectolax refuses lone surrogates: the pipeline's decode removes them first
        tree = _tree(page.encode("utf-8", "replace").decode("utf-8"))
    for config in CONFIGS.values():
        _same(tree, config)


def test_deep_nesting_and_splices():
    pages = ["<div>" * 5000 + "x" + "</div>" * 5000, "<ul><li>" * 3000 + "y", "<table><tr><td>" * 800 + "z",
             "<b><i>" * 2000 + "w", "<p>" + EDGES["table"] + EDGES["lists"][:-10] + "<html><body>" + EDGES["pre"]]  # fmt: skip
    for page in pages:
        _same(_tree(page))


def test_mangled_gold_pages():
    rng = random.Random(7)
    pages = [decode(page.content) for page in load_gold(DATA / "scrapinghub").pages[:25]]
    for page in pages:
        cut = page[: rng.randrange(len(page))]
        flipped = list(page)
        for _ in range(50):
            flipped[rng.randrange(len(flipped))] = rng.choice("<>/\"'=& \x00é")
        spliced = page[: len(page) // 2] + rng.choice(pages)
        for mangled in (cut, "".join(flipped), spliced):
            _same(_tree(mangled))


def test_budget_raises_blowup_on_both_paths():
    tree = _tree("<div><p>a</p><p>b</p><span>c</span><div><p>d</p></div></div>" * 20)
    with pytest.raises(html._Blowup):
        html.walk(tree.body, DEFAULT, 30)
    with pytest.raises(html._Blowup):
        kernels.chtml.walk(tree.body, DEFAULT, 30)  # type: ignore[union-attr]
    python, compiled = _both(tree, DEFAULT, 10_000)
    assert python == compiled


def test_parse_and_walk_dispatch():
    page = "<html lang=en><body><article><h1>T</h1><p>" + "Some words here. " * 20 + "</p></article></body></html>"
    compiled = html._parse_and_walk(page, DEFAULT)
    with kernels.pure():
        python = html._parse_and_walk(page, DEFAULT)
    assert compiled == python


# Every character str.isspace calls space, some it does not (zero-width space, NUL, the cell mark), each width of str.
_SPACES = [chr(c) for c in range(0x110000) if chr(c).isspace()]
_WORDS = ["a", "é", "ß", "Ж", "€", "日本", "\U0001f600", "\u200b", "\x00", "\ufeff", "x<y"]


def test_squeeze_matches_python():
    rng = random.Random(11)
    texts = ["", " ", "a", "a b", " a", "a ", "a  b", "\xa0", "a\xa0b", "é\u3000", "\U0001f600 \t\n", *_SPACES]
    for _ in range(3000):
        texts.append("".join(rng.choice(_SPACES + [" "] * 8 + _WORDS) for _ in range(rng.randrange(12))))
    for text in texts:
        squeezed = kernels.chtml.squeeze(text)  # type: ignore[union-attr]
        assert squeezed == html.squeeze(text), repr(text)
        assert squeezed.isascii() == html.squeeze(text).isascii()  # the narrowest width, as str builds it
    with kernels.pure():
        assert html._parse_and_walk("<p>a\xa0 b</p>", DEFAULT)[2].text == ["a b"]


def test_count_char_matches_python(gold_pages):
    k = kernels.chtml
    assert k is not None
    # Past the vector loops' rounds (255 of 16 bytes, 32767 of 8 characters) and their tails.
    long = ["<" * 70_001, "a<" * 40_000 + "<", "\u20ac<" * 300_000 + "<<", "x" * 17 + "<" * 15]
    for text in ["", "<", "a<b", "é<", "\u20ac<<", "\U0001f600<x<", *long, *gold_pages[:20]]:
        assert k.count_char(text, "<") == text.count("<")
        assert html.tag_count(text) == text.count("<")
        with kernels.pure():
            assert html.tag_count(text) == text.count("<")
    assert k.count_char("a\U0001f600b\U0001f600", "\U0001f600") == 2 and k.count_char("ab", "\u20ac") == 0
    with pytest.raises(ValueError):
        k.count_char("ab", "ab")


def test_strip_matches_selectolax(gold_pages):
    k = kernels.chtml
    assert k is not None
    pages = [*gold_pages[:30], *EDGES.values(), "<svg><style>s</style><SCRIPT>x</SCRIPT><svg><svg>t</svg></svg></svg><p>a</p>",
             "<template><script>t</script></template><select><option>o</option></select><!--c--><p>b<iframe>i</iframe>",
             "x", ""]  # fmt: skip
    for page in pages:
        page = page.encode("utf-8", "replace").decode("utf-8")  # no lone surrogates (the pipeline's decode removes them)
        theirs, mine = LexborHTMLParser(page), LexborHTMLParser(page)
        theirs.strip_tags(html._STRIP)
        k.strip(mine.root, html._STRIP)
        assert mine.html == theirs.html
        html_ = LexborHTMLParser(page)
        html._strip(html_)
        assert html_.html == theirs.html
    with pytest.raises(ValueError):
        k.strip(LexborHTMLParser("<p>").root, ["body"])
    with pytest.raises(ValueError):
        k.strip(LexborHTMLParser("<p>").body, ["p"])


def test_select_with_needles_finds_what_css_finds(gold_pages):
    k = kernels.chtml
    assert k is not None
    edge = ('<div CLASS="Post-ByLine">a</div><a rel=AUTHOR>b</a><span itemprop="x author">c</span><p id=BYLINE-1>d</p>'
            '<p class="writtenBy author">e</p><p class=auth>f</p><p data-x=author>g</p><time class=byline>h</time>')  # fmt: skip
    for page in [*gold_pages[:40], edge]:
        tree = LexborHTMLParser(page)
        for first in (False, True):
            mine = k.select(tree.root, metadata._BYLINE, first, metadata._BYLINE_WORDS)
            theirs = tree.css(metadata._BYLINE)[: 1 if first else None]
            assert [n.mem_id for n in mine] == [n.mem_id for n in theirs]
        mine = k.select(tree.root, "time, [class*=byline i]", False, ("byline",))
        assert [n.mem_id for n in mine] == [n.mem_id for n in tree.css("time, [class*=byline i]")]


def test_utf8_matches_python(gold_pages):
    k = kernels.chtml
    assert k is not None
    for page in gold_pages:
        assert k.utf8(page) == page.encode("utf-8", "ignore")
    # Every width of str, runs of ASCII long and short, every length of UTF-8 and lone surrogates.
    ranges = [(0, 0x7F), (0x80, 0xFF), (0x100, 0x7FF), (0x800, 0xD7FF), (0xD800, 0xDFFF), (0xE000, 0xFFFF), (0x10000, 0x10FFFF)]
    rng = random.Random(8)
    for _ in range(20_000):
        chosen = rng.sample(ranges, rng.randint(1, 3))
        text = "".join(chr(rng.randint(*rng.choice(chosen))) if rng.random() < 0.3 else rng.choice("<a>p x\n")
                       for _ in range(rng.randint(0, 60)))  # fmt: skip
        assert k.utf8(text) == text.encode("utf-8", "ignore"), text
    for text in ["", "ascii only", "é" * 33, "\ud83d\ude00", "a\udfffb" * 9, "\U0001f600" + "x" * 40]:
        assert k.utf8(text) == text.encode("utf-8", "ignore")
        with kernels.pure():
            assert html.utf8(text) == text.encode("utf-8", "ignore")


def test_hints_kept_by_raw_values():
    k = kernels.chtml
    assert k is not None
    k.clear_hints()
    assert k.hints_kept() == 0
    # More distinct class/id/role values than the kernel keeps: it starts over, and answers as `_hints` does.
    page = "".join(f'<div class="nav-{i} x" id="i{i % 7}"{" role=banner" if i % 3 else ""}><p>w{i}</p></div>'
                   for i in range(17_000)) + '<div class="" id><p>e</p></div><div class=sidebar role=""><p>s</p></div>'  # fmt: skip
    tree = _tree(page)
    _same(tree)
    _same(tree)  # the second walk finds the answers kept
    assert 0 < k.hints_kept() <= 16_384
    k.clear_hints()
    assert k.hints_kept() == 0
    _same(tree)


def _classes(page: str) -> set[tuple[str | None, str | None, str | None]]:
    """Every element's (class, id, role) on a page, as the walk reads them."""
    tree = LexborHTMLParser(page)
    found = set()
    for node in tree.root.traverse() if tree.root is not None else ():
        attrs = node.attributes
        found.add((attrs.get("class"), attrs.get("id"), attrs.get("role")))
    return found


def _same_hints(values: tuple[str | None, str | None, str | None]) -> None:
    k = kernels.chtml
    assert k is not None
    compiled = k.hints(*values)
    if all(value is None or value.isascii() for value in values):
        assert compiled == html._hints.__wrapped__(*values), values
    else:  # the Python function reads it
        assert compiled is None, values


def test_hints_match_python_on_gold_pages(gold_pages):
    for page in gold_pages:
        for values in _classes(page):
            _same_hints(values)


# Pieces class names are made of here: each hint word with its optional parts and boundaries,
# modifiers and article words, and the characters that end words (or do not) and split them.
_PIECES = [
    *(word for _, pattern in CLASS_HINTS for word in re.sub(r"\\b|\(\?:|[)?]", "", pattern).split("|")),
    "with-", "has-", "no-", "nono-", "article", "body", "content", "none", "None", "right-", "left-", "ad-", "tag",
    "-", "--", "_", " ", "\t", "\x1c", "\x0b", "\x00", ".", ":", "/", "1", "x", "A", "NAV", "K", "é", "\u212a", "\u0130",
]  # fmt: skip


def test_hints_match_python_on_made_up_values():
    assert all(html._HINT_SPELLINGS) and html._MODIFIER_SPELLINGS and html._POSITIVE_SPELLINGS  # all in C
    rng = random.Random(23)

    def value() -> str | None:
        if rng.random() < 0.15:
            return None
        made = "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 6)))
        return made.upper() if rng.random() < 0.2 else made

    for _ in range(60_000):
        _same_hints((value(), value(), value()))
    for _ in range(20_000):
        _same_hints(tuple(None if rng.random() < 0.1 else "".join(rng.choices(string.printable, k=rng.randint(0, 12)))
                          for _ in range(3)))  # fmt: skip
    for values in [("has-sidebar", None, None), ("with-right-rail nav", "x", None), ("foo-no-bar", None, None),
                   ("no-", None, None), ("no--", None, "x"), ("x_no-ad", None, None), ("right-rail", None, None),
                   ("right--rail", None, None), ("tags", "", "navigation"), ("nav_bar", None, None), ("ads ads2", None, None),
                   ("", "", ""), (None, None, None), ("sidebar", None, "none"), ("menu", "NONE", None), ("menu", None, "main")]:  # fmt: skip
        _same_hints(values)


def test_spellings_are_what_the_patterns_match():
    for pattern in [*(pattern for _, pattern in CLASS_HINTS), html._MODIFIER_HEAD, ARTICLE_WORDS]:
        spelled = html._spellings(pattern)
        assert spelled, pattern
        for text, bounds in spelled:
            assert re.fullmatch(pattern, text), (pattern, text)
            assert bounds < 1 << (len(text) + 1)
    assert html._spellings(r"\bads?\b|x") == (("ads", 9), ("ad", 5), ("x", 0))
    assert html._spellings(r"(?:a|b-?)c") == (("ac", 0), ("b-c", 0), ("bc", 0))
    for other in [r"a+", r"[a-c]", r"(a)", r"(?i)a", r"a??", r"x?", r"\Ba", r"^a", r"a(?=b)", r"é", "a?" * 13]:
        assert html._spellings(other) is None, other


def test_marker_words_cover_article_markers():
    for part in ARTICLE_MARKERS.split(","):
        part = part.strip()
        if part[0].isalpha():  # names its tag: asked whatever its attributes
            continue
        value = part.strip(".[]").split("=")[-1].lower()
        assert any(word in value for word in html._MARKER_WORDS), part
    # Each marker inside a box pruned as chrome keeps the box, on both paths.
    for marker in ['<article>', '<div itemprop=articleBody>', '<div itemtype="https://schema.org/NewsArticle">',
                   '<div class="HENTRY x">', '<div class=h-entry>', '<div class="a entry-content">', '<div class=post-body>',
                   '<div class=post-content>', '<div class=article-body>', '<div class=article-content>',
                   '<div class=story-body>', '<div class=story>', '<div itemprop=articlebody>']:  # fmt: skip
        page = f'<div class="sidebar"><p>side</p><section>{marker}<p>{"text " * 30}</p></div></section></div>'
        _same(_tree(page))
