"""Source to blocks: a page's blocks as parallel lists, one entry per block, with their features.

The text path's hot loop is here. A page is scanned as lists, not as one object per line:
each feature is one `map` or comprehension over the page's lines, so the per-line work runs
in C, and work that only some lines need (bullets, odd whitespace, scripts without spaces) is
done for those lines only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import compress, count, repeat
from operator import add, contains, gt, is_not, itemgetter, mul
from typing import Any

from . import kernels
from .document import BODY, Block

# Scripts written without spaces: each character counts as half a word. Only lines with few
# spaces for their length are searched for them (prose in spaced scripts has 5 to 7
# characters a word).
# Kana, CJK ideographs and compatibility ideographs.
_CJK_RANGES = ((0x3040, 0x30FF), (0x3400, 0x9FFF), (0xF900, 0xFAFF))
_CJK = re.compile("[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in _CJK_RANGES) + "]")
_CJK_CHARS_PER_WORD = 8
# A list item: one bullet symbol, a dash before a space, or a number of one or two digits
# and "." or ")" before a space.
_BULLETS = "•·▪‣◦●○■□►▶*"
_DASHES = "-–—"
_NUMBERED = re.compile(r"\d{1,2}[.)](?=\s)")
_BULLET_FIRST = frozenset(_BULLETS + _DASHES + "0123456789")
# A Markdown-style heading: one to six "#" and a space.
_HEADING = re.compile(r"(#{1,6})\s+(?=[^\s#])")
_CLOSING_HASHES = re.compile(r"\s+#+$")
# A sentence ends in one of these, perhaps followed by closing quotes or brackets.
_TERMINALS = tuple(".!?…。！？")
_CLOSERS = "\"'”’»)]"
_TERMINAL_ENDS = frozenset(_TERMINALS)
_CLOSER_SET = frozenset(_CLOSERS)
# Whitespace inside a line other than one space between words: such a line is normalized.
# Looked for in the whole text first, with `in`, which runs at memory speed, except U+2000 and
# U+3000, whose search is as slow as a scan (their low byte is 0); a CJK line with U+3000 has
# its words counted by `count_words` all the same.
_ODD_SPACES = ("  ", "\t", "\x1f", "\xa0", "\u1680", *map(chr, range(0x2001, 0x200B)), "\u202f", "\u205f")


# Rules and stop words read a block's first characters only: every rule looks at the start of
# a block (its lead, an image agency within 60 characters, "all rights reserved" within 80),
# and the stop-word density of the first 50 words or so grades a long line as well as all of
# them do, for less (most of a page's text is in its long lines). On the text renders 300
# scored as the whole line (F1 0.8972 against 0.8974), 200 lost recall (0.914 against 0.916).
HEAD_CHARS = 300
_HEAD = slice(0, HEAD_CHARS)


@dataclass(slots=True)
class Blocks:
    """A page's blocks as columns: entry i of every list describes block i."""

    text: list[str]  # whitespace runs made one space
    head: list[str]  # the first `HEAD_CHARS` characters of `text`, lower-cased: what rules and stop words read
    line: list[int]  # 1-based line number in a text source; for HTML, the block's position
    bullet: list[bool]  # starts with a list bullet (text) or is an <li> (HTML)
    n_chars: list[int] = field(default_factory=list)
    n_words: list[int] = field(default_factory=list)  # see `count_words`
    terminal: list[bool] = field(default_factory=list)  # ends like a sentence
    # HTML only: share of the text inside links, and 1-6 for <h1>..<h6>; None on text.
    link_density: list[float] | None = None
    heading: list[int] | None = None
    # How a kept block is written (`markdown` module: "h2", "u1", "tr", ...); None: all paragraphs.
    kind: list[str] | None = None
    # Text only: each line as written, where `text` lost a bullet or "#" marker that Document.text keeps.
    as_written: list[str] | None = None
    # Text only: the source, whose lines give the nesting of list items (split only when Markdown asks, in `nested_kinds`).
    source: str | None = None
    # Set by the classifier: "body", "title" or the kind of chrome (the reason code), and the
    # rule or context step that decided it.
    label: list[str] = field(default_factory=list)
    rule: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.text)


def text_blocks(text: str) -> Blocks:
    """One block per non-blank line of `text`, with its line number, bullet mark, kind and features."""
    k = kernels.ctext
    if k is not None and (blocks := k.text_blocks(text)) is not None:
        return blocks  # None: not a str (a subclass), left to this code
    raw = text.splitlines()
    stripped = list(map(str.strip, raw))
    lines = list(filter(None, stripped))
    numbers = list(compress(count(1), stripped))
    for odd in _ODD_SPACES:
        if odd in text:
            for i in compress(count(), map(contains, lines, repeat(odd))):
                lines[i] = " ".join(lines[i].split())
    # "* item" (how HTML-to-text tools write a list item) in one pass; other bullets line by line.
    unmarked = lines
    lines = list(map(str.removeprefix, lines, repeat("* ")))
    bullet = list(map(is_not, lines, unmarked))
    ordered, not_items = [], []  # numbered items; bullets that are not items (a lone bullet, a bullet and nothing)
    for i in compress(count(), map(_BULLET_FIRST.__contains__, map(itemgetter(0), lines))):
        line = lines[i]
        if bullet[i]:
            continue
        if len(line) < 2:  # a lone bullet is marked, and kept as text
            if line in _BULLETS:
                bullet[i] = True
                not_items.append(i)
            continue
        if line[0] in _BULLETS:
            rest = line[1:].lstrip()
        elif line[0] in _DASHES and line[1].isspace():
            rest = line[2:].lstrip()
        elif m := _NUMBERED.match(line):
            rest = line[m.end() :].lstrip()
            ordered.append(i)
        else:
            continue
        bullet[i] = True
        if rest:
            lines[i] = rest
        else:
            not_items.append(i)
    headings = []
    for i in compress(count(), map(str.startswith, lines, repeat("#"))) if "#" in text else ():
        if m := _HEADING.match(lines[i]):
            headings.append((i, len(m[1])))
            lines[i] = _CLOSING_HASHES.sub("", lines[i][m.end() :])
    blocks = Blocks(lines, heads(lines), numbers, bullet, label=[BODY] * len(lines), rule=[""] * len(lines))
    if headings or True in bullet:
        kind = list(map(_BULLET_KIND.__getitem__, bullet))  # depth 1: `nested_kinds` reads the indentation
        for i in ordered:
            kind[i] = "o" + kind[i][1:]
        for i in not_items:
            kind[i] = ""
        for i, level in headings:
            kind[i] = f"h{level}"
        blocks.kind, blocks.as_written, blocks.source = kind, unmarked, text
    set_features(blocks)
    return blocks


_BULLET_KIND = {True: "u1", False: ""}


def nested_kinds(blocks: Blocks, positions: list[int]) -> list[str]:
    """`blocks.kind`, the list items at `positions` of a text source at the depth their indentation tells (two spaces a level).

    Only Markdown needs the depth, so it is read from the source's lines when asked.
    """
    kind = blocks.kind
    assert kind is not None
    if blocks.source is None:
        return kind
    raw = blocks.source.splitlines()
    kind = kind.copy()
    for i in positions:
        k = kind[i]
        if k and k[0] in "uo":
            line = raw[blocks.line[i] - 1]
            kind[i] = f"{k[0]}{min(9, 1 + (len(line) - len(line.lstrip())) // 2)}"
    return kind


def set_features(blocks: Blocks) -> None:
    """Fill length, word count and sentence ending of every block."""
    text = blocks.text
    n_chars = blocks.n_chars = list(map(len, text))
    n_words = blocks.n_words = list(map(add, map(str.count, text, repeat(" ")), repeat(1)))
    # Few spaces for the length: perhaps a script without spaces.
    for i in compress(count(), map(gt, n_chars, map(mul, n_words, repeat(_CJK_CHARS_PER_WORD)))):
        n_words[i] = count_words(text[i])
    ends = list(map(itemgetter(-1), text))
    terminal = blocks.terminal = list(map(_TERMINAL_ENDS.__contains__, ends))
    for i in compress(count(), map(_CLOSER_SET.__contains__, ends)):
        terminal[i] = text[i].rstrip(_CLOSERS).endswith(_TERMINALS)


def positions(column: list[Any] | bytes | bytearray, members: frozenset[Any]) -> list[int]:
    """Positions of the entries of a page's column (a list, or grades as bytes) that are in `members`, in order."""
    k = kernels.ctext
    if k is not None and (found := k.positions(column, members)) is not None:
        return found  # type: ignore[no-any-return]
    return [i for i, entry in enumerate(column) if entry in members]


def opening(texts: list[str], chars: frozenset[str]) -> list[int]:
    """Positions of the texts whose first character is one of `chars`, in order."""
    k = kernels.ctext
    if k is not None and (found := k.opening(texts, chars)) is not None:
        return found  # type: ignore[no-any-return]
    return [i for i, text in enumerate(texts) if text[0] in chars]


def count_words(text: str) -> int:
    """Words of `text`, as jusText counts them (split on whitespace); in scripts without spaces, one per two characters."""
    k = kernels.ctext
    if k is not None and (n := k.count_words(text)) is not None:
        return n  # type: ignore[no-any-return]
    n = len(text.split())
    return n if text.isascii() else n + len(_CJK.findall(text)) // 2


def heads(texts: list[str]) -> list[str]:
    """The lower-cased first `HEAD_CHARS` characters of each text."""
    return list(map(str.lower, map(itemgetter(_HEAD), texts)))


def stop_density(lower: str, stopwords: frozenset[str]) -> float:
    """Share of the words of `lower` (a lower-cased text) on the stop-word list."""
    words = lower.split()
    return sum(map(stopwords.__contains__, words)) / len(words) if words else 0.0


def to_blocks(blocks: Blocks) -> list[Block]:
    """One `Block` per entry, for callers that read blocks one by one (`label_text`, `--explain`)."""
    return [
        Block(text, line, n_chars=chars, n_words=words, terminal=terminal, bullet=bullet, label=label, rule=rule)
        for text, line, chars, words, terminal, bullet, label, rule in zip(
            blocks.text, blocks.line, blocks.n_chars, blocks.n_words, blocks.terminal, blocks.bullet,
            blocks.label, blocks.rule,
        )
    ]  # fmt: skip
