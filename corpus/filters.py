"""Bodies a corpus leaves out for themselves: too large, or degenerate (repeating themselves)."""

from __future__ import annotations

from collections import Counter
from operator import mul

from cleaner.blocks import count_words

from .config import CORPUS_DEFAULT, CorpusConfig

# Why a cleaned body is left out (besides being empty or a duplicate): see `body_verdict`.
DEGENERATE, TOO_LARGE = "degenerate", "too-large"


def body_verdict(text: str, config: CorpusConfig = CORPUS_DEFAULT) -> str | None:
    """TOO_LARGE for a body of more than `config.max_body_words` words, DEGENERATE for one that
    repeats itself, else None.

    The repetition checks are Gopher's (Rae et al. 2021, MassiveText quality filters): the
    share of lines that repeat an earlier line, and of characters in them; and, on a body
    of at least `degenerate_min_words` words, the share of word characters that the most
    frequent word 2-, 3- and 4-gram covers (overlapping occurrences counted, as Gopher does).
    """
    words = text.split()
    # count_words adds at most one word per two characters to the split: the count (a regex
    # over every character) is only needed near the limit.
    most = config.max_body_words
    if most and len(words) + len(text) // 2 > most and count_words(text) > most:
        return TOO_LARGE
    lines = [line for line in map(str.strip, text.split("\n")) if line]
    if not lines:
        return None
    # A line repeats an earlier one when it is not the first of its kind: the lines past the distinct ones.
    distinct = set(lines)
    repeated = len(lines) - len(distinct)
    if repeated / len(lines) > config.degenerate_dup_lines:
        return DEGENERATE
    all_chars = sum(map(len, lines))
    if (all_chars - sum(map(len, distinct))) / all_chars > config.degenerate_dup_line_chars:
        return DEGENERATE
    if len(words) < config.degenerate_min_words:
        return None
    chars = sum(map(len, words))
    limits = ((2, config.degenerate_top_2gram), (3, config.degenerate_top_3gram), (4, config.degenerate_top_4gram))
    # An n-gram's occurrences cover at most n times the characters of its most covering word:
    # when even that stays under every limit (prose: "the" covers ~3%), no n-gram is counted.
    counts = Counter(words)
    top_word = max(map(mul, counts.values(), map(len, counts)))
    if all(n * top_word <= limit * chars for n, limit in limits):
        return None
    for n, limit in limits:
        gram, count = Counter(zip(*(words[i:] for i in range(n)))).most_common(1)[0]
        if count > 1 and count * sum(map(len, gram)) > limit * chars:
            return DEGENERATE
    return None
