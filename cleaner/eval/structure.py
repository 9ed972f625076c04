"""Structure score: how well a cleaner's Markdown keeps an article's headings, list items, table rows and quotes.

Vendored from the project's shared benchmark (`bench/structure_score.py`, whose docstring is the
whole definition), scoring Markdown against the expected article in HTML of the Readability
set (`tests/data/readability/expected/`, Mozilla Readability's test pages, Apache-2.0):

Kinds: heading (h1-h6 / '#' lines), item (li / '- ', '* ', '1. ' lines), row (tr / '| a | b |'
lines, the separator row ignored), quote (blockquote / '>' lines, consecutive ones merged).
Each item's text is reduced to its casefolded word tokens. A gold item is found when an unused
output item of the same kind shares at least 80% of the longer one's tokens. Precision, recall
and F1 are pooled over all pages, per kind and overall.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from selectolax.lexbor import LexborHTMLParser

KINDS = ("heading", "item", "row", "quote")
_WORD = re.compile(r"\w+")
_HEAD = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_ITEM = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+(.*)$")
_ROW = re.compile(r"^\s*\|(.*)\|\s*$")
_SEP = re.compile(r"^[\s|:\-]+$")
_QUOTE = re.compile(r"^\s*>\s?(.*)$")

Items = list[tuple[str, list[str]]]


def tokens(text: str) -> list[str]:
    """Casefolded word tokens."""
    return _WORD.findall(text.casefold())


def gold_items(html: str) -> Items:
    """(kind, tokens) of every heading, list item (its own text), table row and quote of an expected article."""
    tree = LexborHTMLParser(html)
    out = []
    for selector, kind in (("h1,h2,h3,h4,h5,h6", "heading"), ("li", "item"), ("tr", "row"), ("blockquote", "quote")):
        for node in tree.css(selector):
            if kind == "item":  # a list item's own text, without the lists nested in it
                item = LexborHTMLParser(node.html or "").css_first("li")
                if item is None:
                    continue
                node = item
                for sub in node.css("ul, ol"):
                    sub.decompose()
            if kind == "row":
                text = " ".join(cell.text(separator=" ") for cell in node.css("th, td"))
            else:
                text = node.text(separator=" ")
            if tokens(text):
                out.append((kind, tokens(text)))
    return out


def markdown_items(markdown: str) -> Items:
    """(kind, tokens) of every heading, list item, table row and quote of a Markdown text."""
    out, quote = [], []
    for line in markdown.splitlines():
        if q := _QUOTE.match(line):
            quote.append(q.group(1))
            continue
        if quote:
            out.append(("quote", tokens(" ".join(quote))))
            quote = []
        for kind, rx in (("heading", _HEAD), ("item", _ITEM), ("row", _ROW)):
            if m := rx.match(line):
                if kind == "row" and _SEP.match(m.group(1)):
                    break
                out.append((kind, tokens(m.group(1).replace("|", " "))))
                break
    if quote:
        out.append(("quote", tokens(" ".join(quote))))
    return [(k, t) for k, t in out if t]


def match(gold: Items, found: Items) -> dict[str, list[int]]:
    """Counts per kind: [gold items, output items, matched]."""
    n = {k: [0, 0, 0] for k in KINDS}
    pool: defaultdict[str, list[Counter[str] | None]] = defaultdict(list)
    for kind, toks in found:
        n[kind][1] += 1
        pool[kind].append(Counter(toks))
    for kind, toks in gold:
        n[kind][0] += 1
        g = Counter(toks)
        for i, c in enumerate(pool[kind]):
            if c is not None and sum((g & c).values()) >= 0.8 * max(sum(g.values()), sum(c.values())):
                pool[kind][i] = None
                n[kind][2] += 1
                break
    return n


def structure_score(pairs: Iterable[tuple[str, str | None]]) -> dict[str, dict[str, float]]:
    """Pooled precision, recall, F1 and gold count per kind and 'all', of (expected HTML, Markdown output) pairs."""
    total = {k: [0, 0, 0] for k in KINDS}
    for html, markdown in pairs:
        for kind, counts in match(gold_items(html), markdown_items(markdown or "")).items():
            total[kind] = [a + b for a, b in zip(total[kind], counts)]
    total["all"] = [sum(total[k][i] for k in KINDS) for i in range(3)]
    result = {}
    for kind, (gold, found, matched) in total.items():
        p, r = (matched / found if found else 0.0), (matched / gold if gold else 0.0)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        result[kind] = {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f1, 3), "gold": gold}
    return result
