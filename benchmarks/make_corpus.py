"""Generate a corpus of news documents with known duplicate labels, for the scale benchmark.

Every document is made from the vendored pages: the 181 Scrapinghub HTML pages, their 181
plain-text renders and the 5 seeds. Each of these base pages is a "site": its stories keep the
page's chrome (menus, tickers, footers) byte for byte, and each story rewrites the article text
with its own word substitution, so stories of one site share almost no 5-word shingle of body
text but all of their chrome. A substitution maps each content word (not on the page language's
stop-word list, which stays so the text still reads as prose to the cleaner) with probability
0.7 to another content word of the page drawn by frequency, keeping the case; numbers likewise.
The article text is found by aligning the page's text segments (HTML) or lines (text) with the
page's gold body, and the same substitution applied to the gold gives each story its gold body.

Documents: about 60% story originals ("distinct"), 20% exact copies (the same bytes under a
re-crawl URL) and 20% near copies (one or two realistic edits: a ticker, headline, footer,
trimmed last paragraph or one-sentence copy edit, under a syndication URL). HTML documents go
to WARC files (`OUT/warc/part-NNNNN.warc.gz`, with warcinfo, request and robots.txt records
the reader must skip), text documents to JSON Lines files (`OUT/jsonl/part-NNNNN.jsonl.gz`),
about 1,000 each, in a shuffled order; `OUT/labels.jsonl.gz` has one line per document, in the
same order: `url`, `story` (the true duplicate group), `kind` (distinct, exact, near), `edit`,
`body` (the gold article text), `format` and `of` (the URL a copy was made from). The same
arguments give byte-identical files, whatever `--jobs`.

    python benchmarks/make_corpus.py --docs 50000 --out /tmp/cleaner-scale
"""

from __future__ import annotations

import argparse
import bisect
import gzip
import hashlib
import html
import io
import itertools
import json
import multiprocessing
import os
import random
import re
import sys
import time
import uuid
import zlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # run from a checkout without installing

from cleaner.blocks import count_words
from cleaner.decode import decode
from cleaner.language import detect, stopwords

DATA = REPO / "tests" / "data"
KEEP = 0.3  # chance that a story keeps a content word of its page as it is
PER_FILE = 1000  # documents per WARC or JSON Lines file
GZIP_LEVEL = 5  # zlib level of every output file (warcio's own gzip uses 9: twice the time)
MIN_COVERAGE = 0.8  # share of the gold found in the page for a base page to carry many stories
EDITS = ("ticker", "headline", "footer", "trim", "copyedit")
EPOCH = datetime(2024, 3, 1, tzinfo=UTC)

_CJK = "\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff"
# A word: one CJK character, a run of letters (with inner apostrophes), or a run of digits.
_TOKEN = re.compile(rf"[{_CJK}]|[^\W\d_{_CJK}]+(?:['’][^\W\d_{_CJK}]+)*|\d+")
_HIRAGANA = re.compile(r"[\u3040-\u309f]")
# What is not text in a page: comments, script-like elements whole, and tags.
_MARKUP = re.compile(
    r"<!--.*?-->|<(script|style|noscript|template|textarea)\b[^>]*>.*?</\1\s*>|<[^>]*>", re.DOTALL | re.IGNORECASE
)
_META_CONTENT = re.compile(r"""(\bcontent\s*=\s*)(["'])(.*?)\2""", re.DOTALL | re.IGNORECASE)
_META_NAME = re.compile(r"""\b(?:property|name)\s*=\s*["']?([\w:.-]+)""", re.IGNORECASE)
_CHARSET = re.compile(r"""(<meta[^>]+charset\s*=\s*["']?\s*)[\w.:-]+""", re.IGNORECASE)
_BULLET = re.compile(r"^(\s*(?:(?:[*•·-]|\d{1,2}[.)])\s+)?)(.*?)(\s*)$")
_CELLS = re.compile(r"(\s{3,})")  # inscriptis pads table cells and floats with runs of spaces
TITLE_META = {"og:title", "twitter:title"}
LEAD_META = {"description", "og:description", "twitter:description"}

FOOTERS = (
    "© {year} {org}. All rights reserved.",
    "Copyright {year} {org}. This material may not be published, broadcast, rewritten or redistributed.",
    "Sign up for the {org} newsletter and get the day's top stories in your inbox every morning.",
    "Get the latest headlines from {org} delivered to your inbox: subscribe to our free newsletter.",
    "This story was first published by {site} and is republished here under a syndication agreement.",
    "Follow {org} on Facebook, X and Instagram for breaking news and analysis.",
)
PARTNERS = 40  # syndication partners, hosts partner-<k>.example
CAMPAIGNS = ("newsletter", "twitter", "facebook", "rss", "push", "partner")


# --- base pages ---------------------------------------------------------------------------


@dataclass(slots=True, eq=False)
class Segment:
    """A run of text a story rewrites: fixed strings and slots (indices into its page's slot arrays)."""

    pieces: list[str | int]
    text: str = ""  # as in the base page
    para: int = -1  # gold paragraph it starts in; -1: not part of the gold
    title: bool = False  # headline text: the headline edit rewrites it
    attr: bool = False  # an attribute value: escape quotes too


@dataclass(slots=True, eq=False)
class Base:
    """One base page as a template: fixed chrome, segments to rewrite, its gold in segments."""

    key: str
    format: str  # "html" or "text"
    host: str
    doc: list[str | Segment]
    gold: list[list[str | Segment]]  # paragraphs
    words: list[str] = field(default_factory=list)  # vocabulary, lower case
    slot_word: list[int] = field(default_factory=list)
    slot_case: list[int] = field(default_factory=list)  # 0 lower, 1 capitalized, 2 upper
    slot_text: list[str] = field(default_factory=list)  # the word as in the page, for a kept word
    content: np.ndarray | None = None  # vocabulary indices of content words, and their frequencies
    content_p: np.ndarray | None = None
    numbers: np.ndarray | None = None
    numbers_p: np.ndarray | None = None
    forms: tuple[list[str], list[str], list[str]] = ((), (), ())  # type: ignore[assignment]
    ticker_at: int = 0  # index in `doc` where a ticker goes
    footer_at: int = 0  # index in `doc` where a footer goes
    coverage: float = 0.0  # share of the gold (characters) found in the page
    trim_ok: bool = False  # >= 5 paragraphs and the last one found whole in the page
    titles: list[Segment] = field(default_factory=list)
    bodies: list[Segment] = field(default_factory=list)  # segments of the gold, for copy edits
    editable: bool = False  # a segment of the gold has >= 3 content words: a copy edit can change it
    retitle: bool = False  # a headline has >= 2 content words: a headline edit can change it


def normal(text: str) -> str:
    """Whitespace runs made one space, ends stripped."""
    return " ".join(text.split())


def align(cands: list[str], gold: str, taken: frozenset[int] = frozenset()) -> list[tuple[int, int] | None]:
    """Span in `gold` of each candidate text found there, in order, else None.

    Candidates of at least 4 words are anchors: of their occurrences in the gold, the chain in
    page order covering the most gold text (so a teaser quoting the article early in the page
    does not throw the rest off). Shorter ones (link texts, emphasis) count only when they
    continue a found span, so a menu item that happens to occur in the article is not taken for it.
    Candidates in `taken` are left out.
    """
    spans: list[tuple[int, int] | None] = [None] * len(cands)
    options = []  # (candidate, start, end)
    for i, t in enumerate(cands):
        if i not in taken and count_words(t) >= 4:
            j = gold.find(t)
            while j >= 0 and len(options) < 5000:
                options.append((i, j, j + len(t)))
                j = gold.find(t, j + 1)
    best: list[tuple[int, int]] = []  # per option: (covered length of the best chain ending in it, previous option)
    for k, (i, s, e) in enumerate(options):
        prev = max(((best[q][0], q) for q in range(k) if options[q][0] < i and options[q][2] <= s), default=(0, -1))
        best.append((prev[0] + e - s, prev[1]))
    anchors = []
    k = max(range(len(options)), key=lambda q: best[q][0], default=-1)
    while k >= 0:
        i, s, e = options[k]
        spans[i] = (s, e)
        anchors.append(i)
        k = best[k][1]
    anchors.reverse()
    if not anchors:
        return spans
    for k, a in enumerate(anchors):  # forwards from each anchor
        stop = anchors[k + 1] if k + 1 < len(anchors) else min(len(cands), a + 40)
        ptr = spans[a][1]  # type: ignore[index]
        for i in range(a + 1, stop):
            if i in taken:
                continue
            for j in (ptr, ptr + 1):
                if gold.startswith(cands[i], j):
                    spans[i], ptr = (j, j + len(cands[i])), j + len(cands[i])
                    break
    ptr = spans[anchors[0]][0]  # type: ignore[index]
    for i in range(anchors[0] - 1, max(-1, anchors[0] - 40), -1):  # backwards from the first
        if i in taken:
            continue
        t = cands[i]
        for end in (ptr, ptr - 1):
            if end - len(t) >= 0 and gold.startswith(t, end - len(t)):
                spans[i], ptr = (end - len(t), end), end - len(t)
                break
    return spans


def align_copies(cands: list[str], paras: list[str]) -> tuple[list[tuple[int, int] | None], dict[int, int]]:
    """Spans of the article in the page (see `align`), and {candidate: gold paragraph} of its other copies.

    A page may hold the article more than once (a hidden microdata copy, a print version):
    every copy covering 30% of the gold is rewritten too, else a story would keep the
    original text in it.
    """
    gold = " ".join(paras)
    starts = list(itertools.accumulate((len(p) + 1 for p in paras[:-1]), initial=0))
    main = align(cands, gold)
    taken = {i for i, span in enumerate(main) if span is not None}
    copies: dict[int, int] = {}
    for _ in range(3):
        found = [(i, span) for i, span in enumerate(align(cands, gold, frozenset(taken))) if span is not None]
        if sum(e - s for _, (s, e) in found) < 0.3 * len(gold):
            break
        for i, (s, _) in found:
            copies[i] = bisect.bisect_right(starts, s) - 1
            taken.add(i)
    return main, copies


class Builder:
    """Collects one page's segments, then tokenizes them into slots over its vocabulary."""

    def __init__(self, language: str | None):
        self.stop = stopwords(language)
        self.segments: list[tuple[Segment, str]] = []

    def segment(self, text: str, **kw) -> Segment:
        """A new segment for `text`, tokenized later."""
        seg = Segment([], text, **kw)
        self.segments.append((seg, text))
        return seg

    def finish(self, base: Base) -> None:
        """Tokenize every segment; fill the vocabulary, slots and frequency pools of `base`."""
        tokens = []
        counts: Counter[str] = Counter()
        for seg, text in self.segments:
            parts: list[tuple[str, str, int] | str] = []
            pos = 0
            for m in _TOKEN.finditer(text):
                tok = m.group()
                before, after = (text[m.start() - 1 : m.start()], text[m.end() : m.end() + 1])
                cjk = len(tok) == 1 and re.match(f"[{_CJK}]", tok)
                glued = not cjk and ((before.isalnum() and not re.match(f"[{_CJK}]", before)) or after.isalnum())
                if glued or self._fixed(tok):
                    continue
                parts.append(text[pos : m.start()])
                key = tok.lower()
                case = 2 if tok.isupper() and len(tok) > 1 else 1 if tok[:1].isupper() else 0
                parts.append((key, tok, case))
                counts[key] += 1
                pos = m.end()
            parts.append(text[pos:])
            tokens.append((seg, parts))
        base.words = sorted(counts)
        index = {w: i for i, w in enumerate(base.words)}
        for seg, parts in tokens:
            pieces: list[str | int] = []
            for part in parts:
                if isinstance(part, str):
                    if part:
                        if pieces and isinstance(pieces[-1], str):
                            pieces[-1] += part
                        else:
                            pieces.append(part)
                    continue
                key, tok, case = part
                pieces.append(len(base.slot_word))
                base.slot_word.append(index[key])
                base.slot_case.append(case)
                base.slot_text.append(tok)
            seg.pieces = pieces
        numeric = np.array([w.isdigit() for w in base.words], dtype=bool)
        freq = np.array([counts[w] for w in base.words], dtype=float)
        for name, mask in (("content", ~numeric), ("numbers", numeric)):
            pool = np.flatnonzero(mask)
            setattr(base, name, pool)
            setattr(base, name + "_p", freq[pool] / freq[pool].sum() if len(pool) else freq[pool])
        base.forms = (base.words, [w[:1].upper() + w[1:] for w in base.words], [w.upper() for w in base.words])

    def _fixed(self, tok: str) -> bool:
        """Whether a token stays as it is in every story: stop words, single letters, kana."""
        if tok.isdigit():
            return False
        if len(tok) == 1:
            return not re.match(f"[{_CJK}]", tok) or bool(_HIRAGANA.match(tok))
        return tok.lower() in self.stop


def gold_paragraphs(body: str) -> list[str]:
    """The gold body's paragraphs, whitespace-normalized."""
    return [p for p in (normal(line) for line in body.split("\n")) if p]


def attach_gold(base: Base, paras: list[str], found: list[tuple[int, int, Segment]]) -> None:
    """Build `base.gold` from the paragraphs and the segments found in them (spans in the joined text)."""
    joined = " ".join(paras)
    bounds, pos = [], 0
    for p in paras:
        bounds.append((pos, pos + len(p)))
        pos += len(p) + 1
    found.sort(key=lambda f: f[0])
    covered = sum(e - s for s, e, _ in found)
    base.coverage = covered / max(1, len(joined) - len(paras) + 1)
    si, cur = 0, 0
    for n, (ps, pe) in enumerate(bounds):
        items: list[str | Segment] = []
        cur = max(cur, ps)
        whole = True
        while si < len(found) and found[si][0] < pe:
            s, e, seg = found[si]
            if s > cur:
                items.append(joined[cur:s])
                whole = whole and not joined[cur:s].strip()
            items.append(seg)
            seg.para = n
            cur, si = e, si + 1
        if cur < pe:
            items.append(joined[cur:pe])
            whole = whole and not joined[cur:pe].strip()
        base.gold.append(items)
        if n == len(bounds) - 1:
            base.trim_ok = len(paras) >= 5 and whole
    base.bodies = [f[2] for f in found]


def language_of(body: str) -> str | None:
    """The gold body's language, as the cleaner detects it (from 500 characters)."""
    return detect(normal(body)[:500])[0]


def html_base(key: str, page: str, body: str, url: str, language: str | None) -> Base:
    """A base page from HTML: text segments aligned with the gold, headline and lead metadata."""
    page = _CHARSET.sub(r"\1utf-8", page)
    paras = gold_paragraphs(body)
    build = Builder(language)
    base = Base(key, "html", urlsplit(url).hostname or "example.com", [], [])
    items: list[str | Segment] = []
    cands: list[tuple[int, str, str, bool]] = []  # (index in items, raw text, normal text, in h1)
    in_h1 = in_title = False
    in_body = not re.search(r"<body\b", page, re.IGNORECASE)  # no <body> tag: all of it is the body
    pos = 0
    for m in _MARKUP.finditer(page):
        raw = page[pos : m.start()]
        pos = m.end()
        if raw:
            text = html.unescape(raw)
            norm = normal(text)
            if in_title and norm:
                seg = build.segment(_spaced(text, norm), title=True)
                base.titles.append(seg)
                items.append(seg)
            elif in_body and norm and re.search(r"\w", norm):
                cands.append((len(items), raw, norm, in_h1))
                items.append(raw)
            else:
                items.append(raw)
        tag = m.group()
        lower = tag[:9].lower()
        if (
            lower.startswith("<meta")
            and (name := _META_NAME.search(tag))
            and ((meta := name.group(1).lower()) in TITLE_META or meta in LEAD_META)
            and (c := _META_CONTENT.search(tag))
        ):
            value = normal(html.unescape(c.group(3)))
            seg = build.segment(value, title=meta in TITLE_META, attr=True)
            if meta in TITLE_META:
                base.titles.append(seg)
            items += [tag[: c.start(3)], seg, tag[c.end(3) :]]
            continue
        items.append(tag)
        if lower.startswith("<title"):
            in_title = True
        elif lower.startswith("</title"):
            in_title = False
        elif lower.startswith("<h1") and lower[3:4] in (" ", ">", "\t", "\n"):
            in_h1 = True
        elif lower.startswith("</h1"):
            in_h1 = False
        elif lower.startswith("<body"):
            in_body, base.ticker_at = True, len(items)
        elif lower.startswith("</body"):
            base.footer_at = len(items) - 1
    items.append(page[pos:])
    if not base.footer_at:
        base.footer_at = len(items)
    spans, copies = align_copies([c[2] for c in cands], paras)
    found: list[tuple[int, int, Segment]] = []
    done: dict[str, Segment] = {}
    first, last = article_region(spans)
    heads = headlines([c[3] for c in cands], spans)
    for i, ((at, raw, norm, _), span) in enumerate(zip(cands, spans, strict=True)):
        text = _spaced(html.unescape(raw), norm)
        if span is not None:
            seg = build.segment(text)
            found.append((span[0], span[1], seg))
            done.setdefault(norm, seg)
        elif i in copies:
            seg = build.segment(text, para=copies[i])
        elif i in heads:
            seg = build.segment(text, title=True)
            base.titles.append(seg)
        elif count_words(norm) >= 8 and (norm in done or first <= i <= last):
            seg = done.get(norm) or build.segment(text)  # a repeat of the article, or a caption in it
        else:
            continue
        items[at] = seg
    base.doc = items
    return _finish(base, build, paras, found)


def article_region(spans: list[tuple[int, int] | None]) -> tuple[int, int]:
    """First and last candidate found in the gold; (0, -1) when none is."""
    found = [i for i, s in enumerate(spans) if s is not None]
    return (found[0], found[-1]) if found else (0, -1)


def headlines(flagged: list[bool], spans: list[tuple[int, int] | None]) -> set[int]:
    """The flagged candidates (in an <h1>, or equal to a known headline) that head the article.

    The last one before the article and any inside it: an <h1> around a logo or a "Search"
    box elsewhere on the page is chrome.
    """
    first, last = article_region(spans)
    free = [i for i, f in enumerate(flagged) if f and spans[i] is None]
    before = [i for i in free if i < first]
    return {i for i in free if first <= i <= last} | set(before[-1:])


def _finish(base: Base, build: Builder, paras: list[str], found: list[tuple[int, int, Segment]]) -> Base:
    """Attach the gold, close the segments, note what a story of this base may rewrite, compact it."""
    attach_gold(base, paras, found)
    build.finish(base)
    base.editable = any(len(_content_slots(base, s)) >= 3 for s in base.bodies)
    base.retitle = any(len(_content_slots(base, s)) >= 2 for s in base.titles)
    compact(base)
    return base


def compact(base: Base) -> None:
    """Merge runs of fixed strings in `base.doc`; the ticker and footer places start new items."""
    doc: list[str | Segment] = []
    places: dict[int, int] = {base.ticker_at: 0, base.footer_at: 0}
    for i, item in enumerate([*base.doc, ""]):  # "": the place after the end
        if i in places:
            places[i] = len(doc)
            doc.append(item)
        elif isinstance(item, str) and doc and isinstance(doc[-1], str):
            doc[-1] += item
        else:
            doc.append(item)
    base.doc, base.ticker_at, base.footer_at = (doc, places[base.ticker_at], places[base.footer_at])


def _spaced(text: str, norm: str) -> str:
    """`norm` with one space before and after where `text` has whitespace there."""
    return (" " if text[:1].isspace() else "") + norm + (" " if text[-1:].isspace() else "")


def text_base(
    key: str, fmt_lines: list[str], body: str, url: str, language: str | None, titles: set[str], host: str | None = None
) -> Base:
    """A base page from plain text: lines aligned with the gold; a line equal to a known headline is its title."""
    paras = gold_paragraphs(body)
    build = Builder(language)
    base = Base(key, "text", host or urlsplit(url).hostname or "example.com", [], [])
    items: list[str | Segment] = []
    cands: list[tuple[int, str, str]] = []
    for n, line in enumerate(fmt_lines, 1):
        end = "\n" if n < len(fmt_lines) else ""
        lead, content, trail = _BULLET.match(line).groups()  # type: ignore[union-attr]
        items.append(lead)
        for cell in _CELLS.split(content):
            norm = normal(cell)
            if norm and re.search(r"\w", norm):
                cands.append((len(items), cell, norm))
            items.append(cell)
        items.append(trail + end)
    spans, copies = align_copies([c[2] for c in cands], paras)
    found: list[tuple[int, int, Segment]] = []
    first, last = article_region(spans)
    heads = headlines([c[2] in titles for c in cands], spans)
    for i, ((at, content, norm), span) in enumerate(zip(cands, spans, strict=True)):
        if span is not None:
            seg = build.segment(content)
            found.append((span[0], span[1], seg))
        elif i in copies:
            seg = build.segment(content, para=copies[i])
        elif i in heads:
            seg = build.segment(content, title=True)
            base.titles.append(seg)
        elif count_words(norm) >= 8 and first <= i <= last:
            seg = build.segment(content)
        else:
            continue
        items[at] = seg
    base.doc = items
    base.ticker_at, base.footer_at = 0, len(items)
    return _finish(base, build, paras, found)


def load_bases() -> list[Base]:
    """Every base page: the Scrapinghub HTML pages, their text renders, then the seeds."""
    truth = json.loads((DATA / "scrapinghub" / "ground-truth.json").read_text(encoding="utf-8"))
    bases, headlines, languages = [], {}, {}
    for key in sorted(truth):
        raw = gzip.decompress((DATA / "scrapinghub" / "html" / f"{key}.html.gz").read_bytes())
        languages[key] = language = language_of(truth[key]["articleBody"])
        base = html_base(key, decode(raw), truth[key]["articleBody"], truth[key]["url"], language)
        headlines[key] = {normal(seg.text) for seg in base.titles}
        bases.append(base)
    text_truth = json.loads((DATA / "scrapinghub-text" / "ground-truth.json").read_text(encoding="utf-8"))
    for key in sorted(text_truth):
        text = (DATA / "scrapinghub-text" / "pages" / f"{key}.txt").read_text(encoding="utf-8")
        gold = text_truth[key]
        language = languages.get(key) or language_of(gold["articleBody"])
        bases.append(
            text_base(key, text.split("\n"), gold["articleBody"], gold["url"], language, headlines.get(key, set()))
        )
    for n, line in enumerate((DATA / "seeds" / "gold.jsonl").read_text(encoding="utf-8").splitlines(), 1):
        seed = json.loads(line)
        text = (REPO / seed["input"]).read_text(encoding="utf-8")
        lines = text.split("\n")
        titles = {normal(lines[x["n"] - 1]) for x in seed["lines"] if x["label"] == "title"}
        language = seed.get("language") or language_of(seed["body"])
        bases.append(text_base(seed["id"], lines, seed["body"], "", language, titles, host=f"seed-{n}.example"))
    return bases


# --- stories and their documents ----------------------------------------------------------


def mapping(base: Base, *key: int) -> list[int]:
    """A story's substitution: vocabulary index -> vocabulary index, from a seed `key`."""
    rng = np.random.default_rng(list(key))
    m = np.arange(len(base.words))
    for pool, p in ((base.content, base.content_p), (base.numbers, base.numbers_p)):
        if pool is not None and len(pool) > 1:
            draw = rng.choice(pool, size=len(pool), p=p)
            keep = rng.random(len(pool)) < KEEP
            m[pool] = np.where(keep, pool, draw)
    return m.tolist()


def render(base: Base, seg: Segment, m: list[int], over: dict[int, str] | None = None) -> str:
    """A segment's text under substitution `m`, with slot overrides `over`."""
    words, case, forms, text = base.slot_word, base.slot_case, base.forms, base.slot_text
    out = []
    for p in seg.pieces:
        if p.__class__ is str:
            out.append(p)  # type: ignore[arg-type]
        elif over and p in over:
            out.append(over[p])  # type: ignore[index]
        else:
            w = words[p]  # type: ignore[index]
            out.append(text[p] if m[w] == w else forms[case[p]][m[w]])  # type: ignore[index]
    return "".join(out)


@dataclass(frozen=True, slots=True)
class Spec:
    """How to make one document: its story, kind, and the seed and names of its edits."""

    number: int  # unique over the corpus: doc id in URLs, record ids
    story: int
    kind: str  # distinct, exact, near
    source: int = -1  # the document an exact or near copy was made from
    edits: tuple[str, ...] = ()
    make: int = -1  # the document whose content this one has (itself, or what an exact copy copies)


@dataclass(slots=True)
class Plan:
    """Everything the documents are made of."""

    seed: int
    bases: list[Base]
    story_base: list[int]
    specs: list[Spec]
    order: list[int]  # spec numbers in output order


def plan(bases: list[Base], docs: int, exact: float, near: float, seed: int) -> Plan:
    """Stories, copies and their edits, and the shuffled output order."""
    rng = random.Random(seed)
    n_exact, n_near = round(docs * exact), round(docs * near)
    n_stories = docs - n_exact - n_near
    # A page whose gold is not found in it well cannot be rewritten into unrelated stories: one story only.
    good = [i for i, b in enumerate(bases) if b.coverage >= MIN_COVERAGE]
    poor = [i for i, b in enumerate(bases) if b.coverage < MIN_COVERAGE]
    rng.shuffle(good)
    story_base = (poor + [good[k % len(good)] for k in range(max(0, n_stories - len(poor)))])[:n_stories]
    specs = [Spec(s, s, "distinct", make=s) for s in range(n_stories)]
    of_story: list[list[int]] = [[s] for s in range(n_stories)]
    for _ in range(n_near):
        story = rng.randrange(n_stories)
        base = bases[story_base[story]]
        allowed = [e for e in EDITS if (e != "trim" or base.trim_ok) and (e != "headline" or base.retitle)]
        allowed = [e for e in allowed if e != "copyedit" or base.editable]
        edits = tuple(sorted(rng.sample(allowed, 1 if rng.random() < 0.6 else 2), key=EDITS.index))
        number = len(specs)
        specs.append(Spec(number, story, "near", story, edits, number))
        of_story[story].append(number)
    for _ in range(n_exact):
        story = rng.randrange(n_stories)
        source = rng.choice(of_story[story])
        specs.append(Spec(len(specs), story, "exact", source, specs[source].edits, specs[source].make))
    order = list(range(len(specs)))
    rng.shuffle(order)
    return Plan(seed, bases, story_base, specs, order)


def _content_slots(base: Base, seg: Segment) -> list[int]:
    """Slots of `seg` that hold content words (not numbers)."""
    return [p for p in seg.pieces if isinstance(p, int) and not base.words[base.slot_word[p]].isdigit()]


def url_of(p: Plan, spec: Spec) -> str:
    """The document's URL: the story's own, a syndication partner's, or a re-crawl with tracking."""
    host = p.bases[p.story_base[spec.story]].host
    if spec.kind == "distinct":
        return f"https://{host}/story-{spec.story}"
    if spec.kind == "near":
        rng = random.Random(spec.number * 7919 + p.seed)
        if rng.random() < 0.7:
            return f"https://partner-{rng.randrange(PARTNERS)}.example/news/{spec.story}-{spec.number}"
        return f"https://{host}/story-{spec.story}/update-{spec.number}"
    src = url_of(p, p.specs[spec.source])
    campaign = CAMPAIGNS[spec.number % len(CAMPAIGNS)]
    return f"{src}{'&' if '?' in src else '?'}utm_source={campaign}&utm_id={spec.number}"


def make(p: Plan, spec: Spec) -> tuple[str, str]:
    """(document, gold body) of a spec: its story's rewrite with the edits of the document it copies."""
    maker = p.specs[spec.make]
    base = p.bases[p.story_base[spec.story]]
    m = mapping(base, p.seed, 1, spec.story)
    rng = random.Random(p.seed * 1_000_003 + maker.number)
    m_title, over, drop, insert = m, {}, -1, {}
    for edit in maker.edits:
        if edit == "headline":
            m_title = mapping(base, p.seed, 2, maker.number)
        elif edit == "trim":
            drop = len(base.gold) - 1
        elif edit == "copyedit":
            over = copy_edit(base, m, rng, drop)
        elif edit == "ticker":
            insert[base.ticker_at] = ticker(p, base, spec.story, rng)
        elif edit == "footer":
            insert[base.footer_at] = footer(base, rng)
    out = []
    is_html = base.format == "html"
    for i, item in enumerate(base.doc):
        if i in insert:
            out.append(insert[i])
        if item.__class__ is str:
            out.append(item)  # type: ignore[arg-type]
        elif item.para != drop or drop < 0:  # type: ignore[union-attr]
            text = render(base, item, m_title if item.title else m, over)  # type: ignore[arg-type, union-attr]
            out.append(html.escape(text, quote=item.attr) if is_html else text)  # type: ignore[union-attr]
    paras = base.gold[:drop] if drop >= 0 else base.gold
    body = "\n".join(
        normal("".join(x if x.__class__ is str else render(base, x, m, over) for x in para))  # type: ignore[arg-type]
        for para in paras
    )
    return "".join(out), body


def copy_edit(base: Base, m: list[int], rng: random.Random, drop: int) -> dict[int, str]:
    """One sentence changed: one or two of its content words replaced by other words of the page."""
    segs = [s for s in base.bodies if s.para != drop and len(_content_slots(base, s)) >= 3]
    seg = rng.choice(segs) if segs else base.bodies[0]
    slots = _content_slots(base, seg)
    at = rng.randrange(len(slots))
    over = {}
    pool = base.content.tolist()  # type: ignore[union-attr]
    for slot in slots[at : at + rng.choice((1, 2))]:
        current = m[base.slot_word[slot]]
        for _ in range(10):
            if (word := rng.choice(pool)) != current:
                over[slot] = base.forms[base.slot_case[slot]][word]
                break
    return over


def ticker(p: Plan, base: Base, story: int, rng: random.Random) -> str:
    """A run of time-stamped headlines of other stories of the site."""
    n = rng.randint(3, 6)
    minutes = sorted(rng.sample(range(6 * 60, 23 * 60), n), reverse=True)
    lines = []
    for t in minutes:
        other = rng.randrange(1 << 30)
        if base.titles:
            headline = render(base, base.titles[0], mapping(base, p.seed, 3, story, other))
        else:
            words = rng.choices(base.words or ["news"], k=rng.randint(5, 9))
            headline = " ".join(words).capitalize()
        lines.append((f"{t // 60:02d}:{t % 60:02d}", normal(headline)))
    if base.format == "html":
        items = "".join(f"<li><time>{t}</time> {html.escape(h)}</li>" for t, h in lines)
        return f'\n<ul class="ticker">{items}</ul>\n'
    return "".join(f"{t} {h}\n" for t, h in lines)


def footer(base: Base, rng: random.Random) -> str:
    """A footer line of a syndicating site: copyright, newsletter, republication notice."""
    org = f"Partner {rng.randrange(PARTNERS)} Media"
    lines = [
        line.format(year=rng.choice((2023, 2024, 2025)), org=org, site=base.host)
        for line in rng.sample(FOOTERS, rng.choice((1, 2)))
    ]
    if base.format == "html":
        return '<footer class="syndication">' + "".join(f"<p>{html.escape(x)}</p>" for x in lines) + "</footer>\n"
    return "".join(x + "\n" for x in lines)


# --- writing ------------------------------------------------------------------------------


class Writer(WARCWriter):
    """warcio's WARC writer, each record its own gzip member at GZIP_LEVEL, with fixed ids and dates."""

    def __init__(self, out: io.BufferedIOBase):
        super().__init__(out, gzip=False, warc_version="WARC/1.1")

    def write_record(self, record, params=None) -> None:
        """Serialize `record` with warcio, then gzip it as one member."""
        buf = io.BytesIO()
        self._write_warc_record(buf, record)
        z = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, zlib.MAX_WBITS + 16)
        self.out.write(z.compress(buf.getvalue()) + z.flush())


def record_id(seed: int, *parts: object) -> str:
    """A deterministic WARC-Record-ID."""
    digest = hashlib.sha256(":".join(map(str, (seed, *parts))).encode()).digest()
    return f"<urn:uuid:{uuid.UUID(bytes=digest[:16], version=4)}>"


def warc_date(number: int) -> str:
    """A crawl date, spread over a year by document number."""
    return (EPOCH + timedelta(seconds=number * 631)).strftime("%Y-%m-%dT%H:%M:%SZ")


def write_warc(p: Plan, path: Path, numbers: list[int]) -> list[dict]:
    """One WARC file of HTML documents (plus warcinfo, request and robots.txt records); their labels."""
    labels = []
    with path.open("wb") as raw:
        writer = Writer(raw)
        info = f"software: cleaner benchmarks/make_corpus.py\r\nseed: {p.seed}\r\n".encode()
        headers = {"WARC-Record-ID": record_id(p.seed, path.name), "WARC-Date": warc_date(numbers[0])}
        writer.write_record(
            writer.create_warc_record(
                "", "warcinfo", payload=io.BytesIO(info), length=len(info),
                warc_content_type="application/warc-fields", warc_headers_dict=headers | {"WARC-Filename": path.name},
            )
        )  # fmt: skip

        def write(url: str, kind: str, payload: bytes, number: int, mime: str | None = None) -> None:
            """One record; with `mime`, a 200 response with that Content-Type."""
            headers = {"WARC-Record-ID": record_id(p.seed, number, kind, url), "WARC-Date": warc_date(number)}
            http = None
            if mime:
                fields = [("Content-Type", mime), ("Content-Length", str(len(payload)))]
                http = StatusAndHeaders("200 OK", fields, protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url,
                kind,
                payload=io.BytesIO(payload),
                length=len(payload),
                http_headers=http,
                warc_headers_dict=headers,
            )
            writer.write_record(record)

        for k, number in enumerate(numbers):
            spec = p.specs[number]
            url = url_of(p, spec)
            page, body = make(p, spec)
            split = urlsplit(url)
            if number % 4 == 0:  # a request record for some: the reader skips it
                target = split.path + (f"?{split.query}" if split.query else "")
                request = f"GET {target} HTTP/1.1\r\nHost: {split.hostname}\r\nUser-Agent: cleaner-bench\r\n\r\n"
                write(url, "request", request.encode(), number)
            write(url, "response", page.encode("utf-8", errors="replace"), number, "text/html; charset=utf-8")
            if k == len(numbers) // 2:  # a response that is not a page: the reader skips it
                robots = b"User-agent: *\nDisallow: /search\n"
                write(f"https://{split.hostname}/robots.txt", "response", robots, number, "text/plain")
            labels.append(label(p, spec, url, body))
    return labels


def write_jsonl(p: Plan, path: Path, numbers: list[int]) -> list[dict]:
    """One gzipped JSON Lines file of text documents; their labels."""
    labels = []
    with (
        path.open("wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=GZIP_LEVEL, mtime=0) as out,
    ):
        for number in numbers:
            spec = p.specs[number]
            url = url_of(p, spec)
            text, body = make(p, spec)
            out.write(
                json.dumps({"text": text, "url": url}, ensure_ascii=False).encode("utf-8", errors="replace") + b"\n"
            )
            labels.append(label(p, spec, url, body))
    return labels


def label(p: Plan, spec: Spec, url: str, body: str) -> dict:
    """The label line of one document."""
    return {
        "url": url,
        "story": spec.story,
        "kind": spec.kind,
        "edit": list(spec.edits) if spec.kind == "near" else [],
        "body": body,
        "format": p.bases[p.story_base[spec.story]].format,
        "of": url_of(p, p.specs[spec.source]) if spec.source >= 0 else None,
    }


_PLAN: Plan | None = None  # set in the parent before the workers fork


def _task(task: tuple[str, str, list[int]]) -> tuple[list[int], list[dict]]:
    """Write one output file (in a worker); its document numbers and labels."""
    kind, path, numbers = task
    assert _PLAN is not None
    write = write_warc if kind == "warc" else write_jsonl
    return numbers, write(_PLAN, Path(path), numbers)


def generator_hash() -> str:
    """Short hash of this file: a changed generator makes a different corpus from the same arguments."""
    h = hashlib.sha256(Path(__file__).read_bytes())
    return h.hexdigest()[:12]


def generate(out: Path, docs: int, *, exact: float = 0.2, near: float = 0.2, seed: int = 0, jobs: int = 0) -> dict:
    """Write the corpus to `out`; return the arguments that define it (also written to args.json)."""
    global _PLAN
    args = {"docs": docs, "exact": exact, "near": near, "seed": seed, "generator": generator_hash()}
    (out / "args.json").unlink(missing_ok=True)  # written last: its presence means a complete corpus
    for sub, pattern in (("warc", "part-*.warc.gz"), ("jsonl", "part-*.jsonl.gz")):
        (out / sub).mkdir(parents=True, exist_ok=True)
        for old in (out / sub).glob(pattern):
            old.unlink()
    _PLAN = p = plan(load_bases(), docs, exact, near, seed)
    tasks = []
    for kind, fmt, suffix in (("warc", "html", ".warc.gz"), ("jsonl", "text", ".jsonl.gz")):
        numbers = [n for n in p.order if p.bases[p.story_base[p.specs[n].story]].format == fmt]
        for k in range(0, len(numbers), PER_FILE):
            tasks.append((kind, str(out / kind / f"part-{k // PER_FILE:05d}{suffix}"), numbers[k : k + PER_FILE]))
    tasks.sort(key=lambda t: -len(t[2]))
    labels: dict[int, dict] = {}
    jobs = jobs or os.cpu_count() or 1
    if jobs > 1:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            for numbers, lab in pool.imap_unordered(_task, tasks):
                labels.update(zip(numbers, lab, strict=True))
    else:
        for numbers, lab in map(_task, tasks):
            labels.update(zip(numbers, lab, strict=True))
    (out / "labels.jsonl").unlink(missing_ok=True)
    with (
        (out / "labels.jsonl.gz").open("wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=GZIP_LEVEL, mtime=0) as f,
    ):
        for n in p.order:
            f.write(json.dumps(labels[n], ensure_ascii=False).encode("utf-8", errors="replace") + b"\n")
    (out / "args.json").write_text(json.dumps(args, indent=1) + "\n", encoding="utf-8")
    return args


def main() -> None:
    """Generate the corpus and print what was written."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=50_000, help="documents in all (default 50000)")
    parser.add_argument(
        "--out", type=Path, default=Path("/tmp/cleaner-scale"), help="output folder (default /tmp/cleaner-scale)"
    )
    parser.add_argument("--exact", type=float, default=0.2, help="share of exact copies (default 0.2)")
    parser.add_argument("--near", type=float, default=0.2, help="share of near copies (default 0.2)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument(
        "--jobs", type=int, default=0, help="processes writing files (default: one per core); output is the same"
    )
    args = parser.parse_args()
    start = time.perf_counter()
    generate(args.out, args.docs, exact=args.exact, near=args.near, seed=args.seed, jobs=args.jobs)
    sizes = {sub: sum(f.stat().st_size for f in (args.out / sub).iterdir()) for sub in ("warc", "jsonl")}
    print(
        f"wrote {args.docs} documents to {args.out} in {time.perf_counter() - start:.1f} s: "
        f"warc {sizes['warc'] / 1e6:.1f} MB, jsonl {sizes['jsonl'] / 1e6:.1f} MB"
    )


if __name__ == "__main__":
    main()
