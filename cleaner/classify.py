"""The one classifier, shared by text and HTML: rules, block quality, context, main region, header.

Read as a chain of stages, each a plain function over the page's `Blocks` (columns) and one
`bytearray` of grades, a letter per block (`GOOD` G, `NEAR` N, `SHORT` S, `BAD` B, `CHROME` C,
`GALLERY` P),
so that runs of grades are found by regular expressions and whole columns are rewritten by
`map`, not by Python loops:
1. `rules.match_blocks` names the blocks a rule recognises; `grade` makes them chrome of that
   kind and grades every other block good / near-good / short / bad from its features
   (jusText's scheme).
2. `mark_repeats`: prose that appears twice on the page is a teaser, not the article.
3. `mark_tickers`: runs of time stamps alternating with headlines become `ticker`, and
   `mark_galleries` runs of slideshow counters with their captions `gallery`.
4. `resolve_context`: runs of short blocks are menus; other short and near-good blocks take
   the class of their neighbours.
5. `main_region`: the article is the contiguous run of blocks with the most body text.
6. `mark_edges`, `mark_header`: lone list items at the article's edges are related links; the
   headline just before the article becomes `title`, a short line opening the page the site.
7. `mark_lead` (text; a page's comes from its DOM): the lead paragraph the region left out.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import compress, count, repeat
from operator import truediv

from . import kernels
from .blocks import Blocks, opening, positions
from .config import Config
from .document import BODY, COMMENT, TITLE
from .rules import SLIDE_COUNTER, UNDECIDED, Rule, match_blocks

GOOD, NEAR, SHORT, BAD, CHROME = b"G", b"N", b"S", b"B", b"C"
# A slideshow's blocks: chrome that the article may wrap around, so it neither joins the body nor
# splits the article's region in two (`main_region` neither gains nor loses by it).
GALLERY = b"P"
_LONG = b"?"  # not graded yet: long enough that its words decide
_SHORT_OR_LONG = bytes.maketrans(b"\x00\x01", _LONG + SHORT)

_HEADER_LABELS = frozenset({"dateline", "byline"})
_STAMP_RULES = frozenset({"time-stamp", "date-line"})
_SLIDE = re.compile(SLIDE_COUNTER)
_DIGITS = frozenset("0123456789")
_UNDECIDED_RUN = re.compile(b"[SN]+")
_PROSE = frozenset(GOOD + NEAR)
# The final pass, by grade (see `label_all`): labels, and rules as {rule so far: rule}.
_INSIDE_LABEL = {ord(GOOD): BODY, ord(BAD): "boilerplate"}
_OUTSIDE_LABEL = {ord(GOOD): "outside-article", ord(BAD): "outside-article"}
_INSIDE_RULES = {ord(GOOD): {"": "good"}, ord(BAD): {"": "low-text"}, ord(CHROME): {}, ord(GALLERY): {}}
# Outside the article a block says "main-region", unless an earlier stage gave a telling reason.
_TELLING = {"repeated-in-page": "repeated-in-page", "short-run": "short-run"}
_OUTSIDE_RULES = {ord(GOOD): _TELLING, ord(BAD): _TELLING, ord(CHROME): {}, ord(GALLERY): {}}
_OUTSIDE_DEFAULT = {ord(GOOD): "main-region", ord(BAD): "main-region"}


def classify(blocks: Blocks, stopwords: frozenset[str], config: Config) -> None:
    """Label every block: `body`, `title`, or the kind of chrome it is (its reason code)."""
    if not len(blocks):
        return
    grades = grade(blocks, match_blocks(blocks.text, blocks.head, blocks.n_words), stopwords, config)
    context(blocks, grades, config)


def context(blocks: Blocks, grades: bytearray, config: Config) -> None:
    """The context pass: from the grades of a page's blocks, label every block (stages 2 to 6)."""
    mark_repeats(blocks, grades, config)
    mark_tickers(blocks, grades, config)
    mark_galleries(blocks, grades, config)
    if GOOD not in grades:
        # No block reads as prose by its stop words (placeholder text, code, a language read
        # with the wrong list): the sentences are the best the page has.
        grades = grades.replace(NEAR, GOOD)
    grades = resolve_context(blocks, grades, config)
    start, end = main_region(blocks, grades, config)
    label_all(blocks, grades, start, end)
    mark_edges(blocks, start, end)
    mark_header(blocks, start, end, config)
    if blocks.link_density is None:  # a page's lead is found from its DOM (`html.article_root`)
        mark_lead(blocks, start, config)
    if config.include_comments:
        mark_comments(blocks, end, config)


def grade(blocks: Blocks, matches: dict[int, Rule], stopwords: frozenset[str], config: Config) -> bytearray:
    """Grade of every block from its own features; blocks a rule names (`matches`) are labelled and `CHROME`."""
    n_chars, n_words, terminal = blocks.n_chars, blocks.n_words, blocks.terminal
    short = config.short_chars
    k = kernels.ctext
    grades = None if k is None else k.short_or_long(n_chars, short)
    if grades is None:
        # Comprehensions, not `map` over a bound `int.__gt__`: a method-wrapper call per block costs more.
        grades = bytearray(bytes([short > chars for chars in n_chars]).translate(_SHORT_OR_LONG))
    for i, rule in matches.items():
        grades[i] = ord(CHROME)
        blocks.label[i], blocks.rule[i] = rule.label, rule.name
    if blocks.link_density is not None:
        for i in compress(count(), map(config.max_link_density.__lt__, blocks.link_density)):
            if grades[i] != ord(CHROME):
                grades[i] = ord(BAD)
    graded = None if k is None else k.grade_long(
        grades, n_chars, n_words, terminal, blocks.head, stopwords,
        config.near_good_words, config.good_chars, config.stop_density_low, config.stop_density_high,
    )  # fmt: skip
    if graded is not None:
        return graded
    long = list(compress(count(), map(_LONG[0].__eq__, grades)))
    # A medium block ending like a sentence with enough words is near-good whatever its stop
    # words: only the others have theirs counted.
    near_words, good = config.near_good_words, config.good_chars
    counted = [i for i in long if not (terminal[i] and n_words[i] >= near_words and n_chars[i] < good)]
    grades = grades.replace(_LONG, NEAR)
    if not counted:
        return grades
    low, high = config.stop_density_low, config.stop_density_high
    if stopwords:
        words = list(map(str.split, map(blocks.head.__getitem__, counted)))
        hits = map(sum, map(map, repeat(stopwords.__contains__), words))
        densities = list(map(truediv, hits, map(len, words)))
    else:
        # A language with no stop-word list (Japanese, Chinese, Thai): sentences stand in for
        # stop words, so a long block ending like a sentence can be good.
        densities = [high if terminal[i] else 0.0 for i in counted]
    for i, density in zip(counted, densities):
        sentence = terminal[i] and n_words[i] >= near_words
        if n_chars[i] >= good and density >= low and (terminal[i] or density >= high):
            grades[i] = ord(GOOD)
        elif not (density >= low or sentence):
            grades[i] = ord(BAD)
    return grades


def mark_repeats(blocks: Blocks, grades: bytearray, config: Config) -> None:
    """Prose that appears twice on one page (as prose, a teaser or a ticker line) is not the article.

    Copies that follow each other closely (at most `repeat_near_blocks` blocks apart) are the
    page repeating its own text, not a teaser shown elsewhere: they stay.
    """
    near = config.repeat_near_blocks
    for copies in repeated(blocks, config.repeat_min_words).values():
        places = [i for i in copies if grades[i] in _PROSE]
        if not places or all(b - a <= near for a, b in zip(copies, copies[1:])):
            continue
        for i in places:
            grades[i] = ord(BAD)
            blocks.rule[i] = "repeated-in-page"


def repeated(blocks: Blocks, min_words: int) -> dict[str, list[int]]:
    """{text: the positions of its copies} of the blocks of `min_words` words or more whose text the page holds twice or more."""
    k = kernels.ctext
    if k is not None and (found := k.repeated(blocks.text, blocks.n_words, min_words)) is not None:
        return found  # type: ignore[no-any-return]
    texts = [text for text, words in zip(blocks.text, blocks.n_words) if words >= min_words]
    if len(set(texts)) == len(texts):
        return {}
    seen = Counter(texts)
    copies: dict[str, list[int]] = {}
    for i, (text, words) in enumerate(zip(blocks.text, blocks.n_words)):
        if words >= min_words and seen[text] > 1:
            copies.setdefault(text, []).append(i)
    return copies


def mark_tickers(blocks: Blocks, grades: bytearray, config: Config) -> None:
    """A run of time stamps, each within a few lines of the next, and all between them is a ticker."""
    stamps = [i for i in positions(blocks.rule, _STAMP_RULES) if grades[i] == ord(CHROME)]
    run: list[int] = []
    for i in [*stamps, None]:
        if i is not None and run and i - run[-1] <= config.ticker_gap:
            run.append(i)
            continue
        if len(run) >= config.ticker_min_stamps:
            last = run[-1] + 1  # the headline after the last stamp belongs to it
            if last < len(grades) and grades[last] != ord(CHROME) and not blocks.terminal[last]:
                run.append(last)
            for j in range(run[0], run[-1] + 1):
                blocks.label[j], blocks.rule[j] = "ticker", "ticker-run"
            grades[run[0] : run[-1] + 1] = CHROME * (run[-1] + 1 - run[0])
        run = [i] if i is not None else []


def mark_galleries(blocks: Blocks, grades: bytearray, config: Config) -> None:
    """A run of slideshow counters of one total counting up ("1/50 ...", "2/50 ..."), and all between them, is a gallery.

    The caption after the last counter belongs to it. Only blocks opening with a digit are read.
    """
    counters: list[tuple[int, int, int]] = []  # (block, number, total)
    for i in opening(blocks.text, _DIGITS):
        if (m := _SLIDE.match(blocks.text[i])) and 0 < int(m[1]) <= int(m[2]):
            counters.append((i, int(m[1]), int(m[2])))
    run: list[tuple[int, int, int]] = []
    for counter in [*counters, None]:
        if counter and run and counter[2] == run[-1][2] and counter[1] > run[-1][1] and counter[0] - run[-1][0] <= config.gallery_gap:
            run.append(counter)
            continue
        if len(run) >= config.gallery_min_slides:
            first, last = run[0][0], min(run[-1][0] + 1, len(grades) - 1)
            for j in range(first, last + 1):
                blocks.label[j], blocks.rule[j] = "gallery", "gallery-run"
            grades[first : last + 1] = GALLERY * (last + 1 - first)
        run = [counter] if counter else []


def resolve_context(blocks: Blocks, grades: bytearray, config: Config) -> bytearray:
    """Short and near-good blocks take the class of the nearest decided blocks around them.

    A run of `menu_run` short blocks or more is a menu or a link list, never a subheading: it
    is bad (on an HTML page, when they are mostly links). Otherwise a short block is good
    between good text (after it, near-good will do), and a near-good block is good next to
    good text; the rest is bad. The neighbour before is the nearest good, bad or chrome block;
    after, the nearest that is not short. Document edges count as bad, as in jusText.
    """
    rule = blocks.rule
    links = blocks.link_density
    for a, b in [run.span() for run in re.finditer(b"S{%d,}" % config.menu_run, grades)]:
        # On a page, a menu's short lines are links; short lines that are not (a recipe's
        # ingredients, a fact box) are left to their neighbours, as a lone short line is.
        if links is not None and sum(links[a:b]) < config.max_link_density * (b - a):
            continue
        rule[a:b] = ["short-run"] * (b - a)
        grades[a:b] = BAD * (b - a)
    k = kernels.ctext
    if k is not None and (resolved := k.resolve_runs(grades, rule)) is not None:
        return resolved
    resolved = bytearray(grades)
    for run in _UNDECIDED_RUN.finditer(grades):
        a, b = run.span()
        before = grades[a - 1] if a else ord(BAD)
        after = grades[b] if b < len(grades) else ord(BAD)
        for i in range(b - 1, a - 1, -1):  # backwards, so `after` is the next block that is not short
            if grades[i] == ord(SHORT):
                if before == ord(GOOD) and after in (ord(GOOD), ord(NEAR)):
                    resolved[i], rule[i] = ord(GOOD), "short-in-prose"
                else:
                    resolved[i], rule[i] = ord(BAD), "short-near-chrome"
            else:
                if before == ord(GOOD) or after == ord(GOOD):
                    resolved[i], rule[i] = ord(GOOD), "near-good-by-prose"
                else:
                    resolved[i], rule[i] = ord(BAD), "near-good-alone"
                after = ord(NEAR)
    return resolved


def main_region(blocks: Blocks, grades: bytearray, config: Config) -> tuple[int, int]:
    """[start, end) of the contiguous run of blocks with the largest body score (max subarray)."""
    chrome_cost, bad_cost, block_cost = config.region_chrome_cost, config.region_bad_cost, config.region_block_cost
    chrome_min = config.region_chrome_min_chars
    k = kernels.ctext
    if k is not None and (region := k.main_region(grades, blocks.n_chars, chrome_cost, bad_cost, block_cost, chrome_min)) is not None:
        return region
    good, chrome, gallery = ord(GOOD), ord(CHROME), ord(GALLERY)
    best, best_start, best_end = 0.0, 0, 0
    total, start = 0.0, 0
    for i, (g, chars) in enumerate(zip(grades, blocks.n_chars)):
        gain: float
        if g == good:
            gain = chars
        elif g == chrome:
            gain = -chrome_cost * max(chars, chrome_min) - block_cost
        elif g == gallery:
            gain = 0
        else:
            gain = -bad_cost * chars - block_cost
        if total <= 0:
            total, start = 0.0, i
        total += gain
        if total > best:
            best, best_start, best_end = total, start, i + 1
    return best_start, best_end


def label_all(blocks: Blocks, grades: bytearray, start: int, end: int) -> None:
    """Labels from grades: good blocks in the article are body, bad ones boilerplate, all else outside.

    Chrome blocks keep the label and rule their rule gave; the others get their label and, when
    no stage named one, their rule from the grade (dictionaries applied with `map`).
    """
    label, rule = blocks.label, blocks.rule
    k = kernels.ctext
    inside: tuple[dict, dict, dict] = (_INSIDE_LABEL, _INSIDE_RULES, {})
    outside: tuple[dict, dict, dict] = (_OUTSIDE_LABEL, _OUTSIDE_RULES, _OUTSIDE_DEFAULT)
    if k is not None and k.label_all(grades, label, rule, start, end, inside, outside):
        return
    for a, b, labels, rules, defaults in (
        (0, start, _OUTSIDE_LABEL, _OUTSIDE_RULES, _OUTSIDE_DEFAULT),
        (start, end, _INSIDE_LABEL, _INSIDE_RULES, {}),
        (end, len(grades), _OUTSIDE_LABEL, _OUTSIDE_RULES, _OUTSIDE_DEFAULT),
    ):
        part = grades[a:b]
        label[a:b] = map(labels.get, part, label[a:b])
        old = rule[a:b]
        rule[a:b] = map(dict.get, map(rules.__getitem__, part), old, map(defaults.get, part, old))


def mark_edges(blocks: Blocks, start: int, end: int) -> None:
    """A lone list item at either edge of the article is a related-story link, not the article's list."""
    bullet, label = blocks.bullet, blocks.label
    for i in (start, end - 1):
        if not start <= i < end or not bullet[i] or label[i] != BODY:
            continue
        inner = i + 1 if i == start else i - 1
        if start <= inner < end and not bullet[inner]:
            label[i], blocks.rule[i] = "related-link", "lone-item-at-edge"


def mark_header(blocks: Blocks, start: int, end: int, config: Config) -> None:
    """The headline is the last title-like block right before (or opening) the article."""
    if end <= start:
        return
    label, rule = blocks.label, blocks.rule
    title = None
    if _title_like(blocks, start, config) and start + 1 < end:
        label[start], rule[start] = TITLE, "headline-opens-article"
        title = start
    for i in range(start - 1, max(-1, start - 1 - config.title_lookback), -1):
        if title is not None:
            break
        if label[i] in _HEADER_LABELS:
            continue
        if _title_like(blocks, i, config) and label[i] in UNDECIDED:
            label[i], rule[i] = TITLE, "headline-before-article"
            title = i
        break
    # A short line opening the page above the headline is the site's name.
    if title is not None and title > 0 and blocks.n_words[0] <= config.site_name_max_words and label[0] in UNDECIDED:
        label[0], rule[0] = "site-name", "first-line-above-headline"


def mark_comments(blocks: Blocks, end: int, config: Config) -> None:
    """Readers' comments, when asked for: the prose after a comments heading that follows the article.

    From the first block a rule calls `comments` ("12 Comments", "Leave a comment") after the
    article, every block that is `comment_like` is a comment, until the page's footer.
    """
    label = blocks.label
    heading = next((i for i in range(end, len(label)) if label[i] == "comments"), None)
    if heading is None:
        return
    for i in range(heading + 1, len(label)):
        if label[i] in _FOOTER_LABELS:
            break
        if comment_like(blocks, i, config):
            label[i], blocks.rule[i] = COMMENT, "after-comments-heading"


def comment_like(blocks: Blocks, i: int, config: Config) -> bool:
    """A block that can be a reader's comment: no rule names it, it is not mostly links, it has a few words."""
    links = blocks.link_density[i] if blocks.link_density is not None else 0.0
    return (
        blocks.label[i] in UNDECIDED
        and blocks.n_words[i] >= config.comment_min_words
        and links <= config.max_link_density
    )


# Where a page's footer starts: comments do not go past it.
_FOOTER_LABELS = frozenset({"copyright", "vendor-footer", "footer", "cookies"})


def _title_like(blocks: Blocks, i: int, config: Config) -> bool:
    return (
        config.title_min_words <= blocks.n_words[i] <= config.title_max_words
        and not blocks.terminal[i]
        and not blocks.bullet[i]
    )


def mark_lead(blocks: Blocks, first: int, config: Config, title: str | None = None) -> None:
    """The article's lead: prose between the headline and the article's first block `first`.

    Templates set the lead paragraph (German "Vorspann", French "chapô") apart from the
    article, between the headline and the text, with datelines, bylines and share lines around
    it that cut it off from the article's region (on a page, it sits in a box of its own).
    Walking back from `first` past those lines, prose that no rule named is the lead; the
    headline ends the walk (the `title` block, an <h1>, the page's `title`); on text with no
    headline found, the lookback does (a line that merely looks like a headline is often a
    subheading or a label: stopping there lost a point of F1 on trafilatura-dev's renders).
    """
    label, rule, text, heading = blocks.label, blocks.rule, blocks.text, blocks.heading
    for i in range(first - 1, max(-1, first - 1 - config.lead_lookback), -1):
        if label[i] == TITLE or text[i] == title or (heading is not None and heading[i] == 1):
            return
        # A lead is a paragraph: long, ending like a sentence, not a list item; shorter lines
        # between headline and article are a dek, a dateline or a caption (Scrapinghub's gold
        # leaves those out, trafilatura's keeps the lead: 140 characters suits both).
        if label[i] in UNDECIDED and lead_like(blocks, i, config):
            label[i], rule[i] = BODY, "lead"


def lead_like(blocks: Blocks, i: int, config: Config) -> bool:
    """Whether block i can be a lead: long, ending like a sentence, not a list item, few links."""
    links = blocks.link_density
    return (
        blocks.n_chars[i] >= config.lead_min_chars
        and blocks.terminal[i]
        and not blocks.bullet[i]
        and (links is None or links[i] <= config.lead_max_links)
    )
