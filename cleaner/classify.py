"""The one classifier, shared by text and HTML: rules, block quality, context, main region, header.

Read as a chain of stages, each a plain function over the block list:
1. `apply_rules`: blocks that a named rule recognises become chrome of that kind.
2. `grade`: every other block is graded good / near-good / short / bad from its features.
3. `mark_tickers`: runs of time stamps alternating with headlines become `ticker`.
4. `resolve_context`: short and near-good blocks take the class of their neighbours.
5. `main_region`: the article is the contiguous run of blocks with the most body text.
6. `mark_header`: the headline just before the article becomes `title`; bylines and
   datelines there stay metadata.
"""

from __future__ import annotations

from .config import Config
from .document import BODY, TITLE, Block
from .rules import match

GOOD, NEAR, SHORT, BAD, CHROME = "good", "near-good", "short", "bad", "chrome"

_HEADER_LABELS = frozenset({"dateline", "byline"})


def classify(blocks: list[Block], config: Config) -> None:
    """Label every block: `body`, `title`, or the kind of chrome it is (its reason code)."""
    if not blocks:
        return
    grades = [grade(block, config) for block in blocks]
    mark_repeats(blocks, grades, config)
    mark_tickers(blocks, grades, config)
    resolve_context(blocks, grades, config)
    start, end = main_region(blocks, grades, config)
    for i, block in enumerate(blocks):
        if grades[i] == CHROME:
            continue
        if not start <= i < end:
            # Keep the more telling reason when an earlier stage gave one.
            specific = block.rule in ("repeated-in-page", "short-run")
            block.label, block.rule = "outside-article", block.rule if specific else "main-region"
        elif grades[i] == BAD:
            block.label, block.rule = "boilerplate", block.rule or "low-text"
        else:
            block.label, block.rule = BODY, block.rule or grades[i]
    mark_edges(blocks, start, end)
    mark_header(blocks, start, end, config)


def apply_rules(block: Block) -> bool:
    """Label `block` with the first rule that fires on it; True when one did."""
    rule = match(block.text, block.n_words)
    if rule is None:
        return False
    block.label, block.rule = rule.label, rule.name
    return True


def grade(block: Block, config: Config) -> str:
    """Class of one block from its own features (jusText's scheme, plus sentence endings)."""
    if apply_rules(block):
        return CHROME
    if block.link_density > config.max_link_density:
        return BAD
    if block.n_chars < config.short_chars:
        return SHORT
    prose = block.terminal or block.stop_density >= config.stop_density_high
    if block.n_chars >= config.good_chars and prose and block.stop_density >= config.stop_density_low:
        return GOOD
    if block.stop_density >= config.stop_density_low or (block.terminal and block.n_words >= config.near_good_words):
        return NEAR
    return BAD


def mark_repeats(blocks: list[Block], grades: list[str], config: Config) -> None:
    """Prose that appears twice on one page is a teaser or a menu repeated, not the article."""
    seen: dict[str, int] = {}
    for block in blocks:
        if block.n_words >= config.repeat_min_words:
            seen[block.text] = seen.get(block.text, 0) + 1
    for i, block in enumerate(blocks):
        if grades[i] in (GOOD, NEAR) and seen.get(block.text, 0) > 1:
            grades[i] = BAD
            block.rule = "repeated-in-page"


def mark_tickers(blocks: list[Block], grades: list[str], config: Config) -> None:
    """A run of time stamps, each within a few lines of the next, and all between them is a ticker."""
    stamps = [i for i, b in enumerate(blocks) if b.rule in ("time-stamp", "date-line")]
    run: list[int] = []
    for i in stamps + [None]:  # type: ignore[list-item]
        if i is not None and run and i - run[-1] <= config.ticker_gap:
            run.append(i)
            continue
        if len(run) >= config.ticker_min_stamps:
            last = run[-1] + 1  # the headline after the last stamp belongs to it
            if last < len(blocks) and grades[last] != CHROME and not blocks[last].terminal:
                run.append(last)
            for j in range(run[0], run[-1] + 1):
                blocks[j].label, blocks[j].rule = "ticker", "ticker-run"
                grades[j] = CHROME
        run = [i] if i is not None else []


def resolve_context(blocks: list[Block], grades: list[str], config: Config) -> None:
    """Short and near-good blocks take the class of the nearest decided blocks around them."""

    def neighbour(i: int, step: int) -> str:
        j = i + step
        while 0 <= j < len(blocks):
            g = grades[j]
            if g in (GOOD, BAD, CHROME):
                return g
            if g == NEAR and step > 0 and abs(j - i) > 0:
                return NEAR
            j += step
        return BAD  # document edges count as boilerplate, as in jusText

    # A run of short blocks is a menu or a link list, never a subheading: it stays bad.
    i = 0
    while i < len(grades):
        j = i
        while j < len(grades) and grades[j] == SHORT:
            j += 1
        if j - i >= config.menu_run:
            for k in range(i, j):
                grades[k] = BAD
                blocks[k].rule = "short-run"
        i = max(j, i + 1)

    resolved = list(grades)
    for i, g in enumerate(grades):
        if g not in (SHORT, NEAR):
            continue
        before, after = neighbour(i, -1), neighbour(i, 1)
        if g == SHORT:
            if before == GOOD and after in (GOOD, NEAR):
                resolved[i] = GOOD
                blocks[i].rule = "short-in-prose"
            else:
                resolved[i] = BAD
                blocks[i].rule = "short-near-chrome"
        else:
            if before == GOOD or after == GOOD:
                resolved[i] = GOOD
                blocks[i].rule = "near-good-by-prose"
            else:
                resolved[i] = BAD
                blocks[i].rule = "near-good-alone"
    grades[:] = resolved


def main_region(blocks: list[Block], grades: list[str], config: Config) -> tuple[int, int]:
    """[start, end) of the contiguous run of blocks with the largest body score (max subarray)."""
    best, best_start, best_end = 0.0, 0, 0
    total, start = 0.0, 0
    for i, block in enumerate(blocks):
        if grades[i] == GOOD:
            gain = block.n_chars
        elif grades[i] == CHROME:
            gain = -config.region_chrome_cost * max(block.n_chars, config.region_chrome_min_chars) - config.region_block_cost
        else:
            gain = -config.region_bad_cost * block.n_chars - config.region_block_cost
        if total <= 0:
            total, start = 0.0, i
        total += gain
        if total > best:
            best, best_start, best_end = total, start, i + 1
    return best_start, best_end


def mark_edges(blocks: list[Block], start: int, end: int) -> None:
    """A lone list item at either edge of the article is a related-story link, not the article's list."""
    for i in (start, end - 1):
        if not start <= i < end or not blocks[i].bullet or blocks[i].label != BODY:
            continue
        inner = i + 1 if i == start else i - 1
        if start <= inner < end and not blocks[inner].bullet:
            blocks[i].label, blocks[i].rule = "related-link", "lone-item-at-edge"


def mark_header(blocks: list[Block], start: int, end: int, config: Config) -> None:
    """The headline is the last title-like block right before (or opening) the article."""
    if end <= start:
        return
    title = None
    first = blocks[start]
    if _title_like(first, config) and start + 1 < end:
        first.label, first.rule = TITLE, "headline-opens-article"
        title = start
    for i in range(start - 1, max(-1, start - 1 - config.title_lookback), -1):
        if title is not None:
            break
        block = blocks[i]
        if block.label in _HEADER_LABELS:
            continue
        if _title_like(block, config) and block.label in _UNDECIDED:
            block.label, block.rule = TITLE, "headline-before-article"
            title = i
        break
    # A short line opening the page above the headline is the site's name.
    if title is not None and title > 0 and blocks[0].n_words <= config.site_name_max_words and blocks[0].label in _UNDECIDED:
        blocks[0].label, blocks[0].rule = "site-name", "first-line-above-headline"


# Labels that only say a block fell outside the body, not what it is: header steps may rename it.
_UNDECIDED = frozenset({"outside-article", "boilerplate"})


def _title_like(block: Block, config: Config) -> bool:
    return config.title_min_words <= block.n_words <= config.title_max_words and not block.terminal and not block.bullet
