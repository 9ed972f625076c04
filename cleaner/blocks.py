"""Source to blocks: plain text becomes one block per non-blank line, each with its features."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .document import Block

_WORD = re.compile(r"\w+")
# Scripts written without spaces: each character counts as half a word.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
_BULLET = re.compile(r"\s*(?:[•·▪‣◦●○■□►▶*]|[-–—](?=\s)|\d{1,2}[.)](?=\s))\s*")
_SPACES = re.compile(r"\s+")
_TERMINAL = re.compile(r"[.!?…。！？](?:[\"'”’»)\]]*)\s*$")


def text_blocks(text: str) -> list[Block]:
    """One block per non-blank line of `text`, with its 1-based line number and bullet mark."""
    blocks = []
    blank_before = True
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            blank_before = True
            continue
        bullet = _BULLET.match(line)
        if bullet and bullet.end() < len(line):
            line = line[bullet.end() :]
        line = _SPACES.sub(" ", line)
        blocks.append(Block(line, number, bullet=bool(bullet), blank_before=blank_before))
        blank_before = False
    return blocks


def count_words(text: str) -> int:
    """Words of `text`; in scripts without spaces, one per two characters."""
    n = len(_WORD.findall(text))
    if text.isascii():
        return n
    return n + len(_CJK.findall(text)) // 2


def set_features(blocks: Iterable[Block]) -> None:
    """Fill length, word count and sentence ending of each block."""
    for block in blocks:
        block.n_chars = len(block.text)
        block.n_words = count_words(block.text)
        block.terminal = bool(_TERMINAL.search(block.text))


def set_stop_density(blocks: Iterable[Block], stopwords: frozenset[str]) -> None:
    """Share of each block's words that are on the language's stop-word list (0 when none is known)."""
    if not stopwords:
        return
    for block in blocks:
        words = _WORD.findall(block.text.lower())
        if words:
            block.stop_density = sum(w in stopwords for w in words) / len(words)
