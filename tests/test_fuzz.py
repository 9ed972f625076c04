"""No input crashes either path: mutated gold pages (truncated, bytes flipped, nested thousands deep, spliced).

Each mutation is made from a fixed seed, so a failure names an input that can be made again.
Every mutated input must give a Document on the path that runs and on the Python path
(`kernels.pure()`), and the same one on both.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest

from cleaner import Document, clean_html, clean_text, kernels, label_html, label_text
from cleaner.decode import source_text
from cleaner.eval.gold import load_gold

DATA = Path(__file__).resolve().parent / "data"
SEED = 20261206
# Pages mutated from each set: enough kinds of page, a bounded time.
HTML_PAGES = 10
TEXT_PAGES = 10
DEPTH = 3000  # nesting of the deep mutations: past the walk's depth limit (`Config.html_max_depth`)


def _pages(name: str, count: int, text: bool = False) -> list[str]:
    pages = load_gold(DATA / name, text=text).pages
    return [p.content for p in random.Random(SEED).sample(pages, count)]


def truncated(page: str, rng: random.Random) -> bytes:
    """The page cut anywhere, perhaps inside a tag, an entity or a UTF-8 sequence."""
    data = page.encode("utf-8")
    return data[: rng.randrange(len(data) + 1)]


def flipped(page: str, rng: random.Random) -> bytes:
    """The page with one byte in 200 (at least 8) replaced by a random byte."""
    data = bytearray(page.encode("utf-8"))
    for _ in range(max(8, len(data) // 200)):
        data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data)


def nested(page: str, rng: random.Random) -> str:
    """The page inside thousands of open elements of one kind, closed or not."""
    tag = rng.choice(["div", "b", "ul><li", "table><tr><td", "blockquote", "span", "a href=x"])
    closing = "".join(f"</{t.split()[0]}>" for t in reversed(tag.split("><")))
    cut = rng.randrange(len(page) + 1)
    return page[:cut] + f"<{tag}>" * DEPTH + page[cut:] + (closing * DEPTH if rng.random() < 0.5 else "")


def spliced(page: str, other: str, rng: random.Random) -> str:
    """The start of one page and the end of another."""
    return page[: rng.randrange(len(page) + 1)] + other[rng.randrange(len(other) + 1) :]


def text_nested(page: str, rng: random.Random) -> str:
    """A text page with lines of bullets, hashes and odd whitespace thousands long."""
    odd = rng.choice(["• " * DEPTH, "#" * DEPTH + " x", "\u3000" * DEPTH, "\r\x0b\x0c\x1c\x85\u2028" * DEPTH, "1. " * DEPTH])
    cut = rng.randrange(len(page) + 1)
    return page[:cut] + odd + page[cut:]


def _mutations(pages: list[str], deep: Callable[[str, random.Random], str]) -> list[tuple[str, str | bytes]]:
    rng = random.Random(SEED)
    inputs: list[tuple[str, str | bytes]] = []
    for n, page in enumerate(pages):
        other = pages[(n + 1) % len(pages)]
        inputs += [
            (f"{n}-truncated", truncated(page, rng)),
            (f"{n}-flipped", flipped(page, rng)),
            (f"{n}-nested", deep(page, rng)),
            (f"{n}-spliced", spliced(page, other, rng)),
        ]
    return inputs


def _check(inputs: list[tuple[str, str | bytes]], clean: Callable[..., Document], label: Callable[..., list]) -> None:
    for key, content in inputs:
        if label is label_text:  # it takes text only: the bytes as `clean_text` decodes them
            content = source_text(content, "clean_text")
        doc, blocks = clean(content, markdown=True), label(content)
        assert isinstance(doc, Document), key
        with kernels.pure():
            assert (clean(content, markdown=True), label(content)) == (doc, blocks), key


@pytest.mark.parametrize("name", ["scrapinghub", "readability", "trafilatura-dev"])
def test_mutated_pages_give_a_document_and_the_same_one_on_both_paths(name: str) -> None:
    _check(_mutations(_pages(name, HTML_PAGES), nested), clean_html, label_html)


@pytest.mark.parametrize(("name", "text"), [("scrapinghub-text", False), ("trafilatura-dev", True)])
def test_mutated_text_gives_a_document_and_the_same_one_on_both_paths(name: str, text: bool) -> None:
    _check(_mutations(_pages(name, TEXT_PAGES, text), text_nested), clean_text, label_text)


def test_degenerate_inputs_give_a_document_on_both_paths() -> None:
    odd = ["", " ", "\n", "\x00", "<", "<>", "<html", "</body></html>", "<body>\x00</body>", "&#0;&#xD800;",
           "<p>\ud800</p>", "\ud800\udfff", "<html><frameset><frame></frameset></html>", "<" * 5000, "a<" * 5000,
           "<svg><p>x</svg>", "<table>" * 2000, "<p title='" + "x" * 100_000 + "'>y</p>"]  # fmt: skip
    for content in odd:
        _check([(repr(content[:30]), content)], clean_html, label_html)
        _check([(repr(content[:30]), content)], clean_text, label_text)
