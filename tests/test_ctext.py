"""The text kernel (cleaner/_ctext.pyx) against its Python references: the same output on edge cases and gold pages."""

from __future__ import annotations

import copy
import gc
import random
import sys
from array import array
from functools import cache
from pathlib import Path

import pytest
from langdetect.detector import Detector
from langdetect.detector_factory import DetectorFactory
from langdetect.lang_detect_exception import LangDetectException

from cleaner import clean_text, kernels
from cleaner.blocks import Blocks, count_words, opening, positions, text_blocks
from cleaner.classify import grade, label_all, main_region, repeated, resolve_context
from cleaner.config import DEFAULT
from cleaner.core import _KEPT, dropped_blocks
from cleaner.document import Dropped
from cleaner.eval.gold import load_gold
from cleaner.language import _Detector, _factory, _index, _vote_table, stopwords, vote
from cleaner.rules import match_blocks

if kernels.ctext is None:
    pytest.skip(f"the text kernel is not in use ({kernels.missing.get('text')})", allow_module_level=True)

DATA = Path(__file__).parent / "data"
# Every boundary `str.splitlines` knows, whitespace that `strip` and `split` know (and some they do not).
BREAKS = ["\n", "\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]
SPACES = [" ", "  ", "\t", "\x1f", "\xa0", "\u1680", "\u2000", "\u2001", "\u2005", "\u200a", "\u200b", "\u202f", "\u205f", "\u3000", "\ufeff"]
EDGE_LINES = [
    "", " ", "\t \u3000", "Plain line.", "UPPER CASE HEAD", "İstanbul İzmir", "ΣΟΦΙΑΣ ΣΟΦΊΑ Σ", "ǅungla ß ẞ ﬁ",
    "• item", "•", "• ", "·x", "▪  spaced  item", "* star item", "*star", "* ", "**", "*  two", "- dash item", "-x", "-",
    "– en dash", "—\u3000em", "-\titem", "1. one", "12) twelve", "123. no", "1.x", "1١. mixed digits", "١. arabic",
    "9)\u3000wide", "1.", "0. zero", "# Heading", "## Heading ##", "###### six", "####### seven", "#nospace", "# #", "#",
    "- # heading in item", "1. # numbered heading", "東京都は新しい計画を発表した。", "これはテストです", "한국어 문장입니다.",
    "Ends with quote.”", "Ends (with bracket.)", "»«", "Question?!", "Ellipsis…", "a" * 1000, "A" * 301 + " b",
    "Long " + "x" * 400 + " ÉND", "word " * 200, "tab\tinside", "nbsp\xa0inside", "two  spaces", "odd\u2003space",
    "\ud800 lone surrogate", "emoji 😀 line", "\x00 null", "mixed ÀÉÎ \U0001d400 wide", "© 2024 Site. All rights reserved",
    "Tags: one, two", "Getty Images", "Share on Facebook", "12/50 slide", "Posted on March 3, 2021", "By John Smith",
]


@cache
def gold_texts() -> list[str]:
    pages = load_gold(DATA / "scrapinghub-text").pages + load_gold(DATA / "trafilatura-dev", text=True).pages
    return [page.content for page in pages]


def edge_texts() -> list[str]:
    texts = [""] + EDGE_LINES
    for sep in BREAKS:
        texts.append(sep.join(EDGE_LINES))
        texts.append(sep + sep.join(EDGE_LINES[:10]) + sep + sep)
    for space in SPACES:
        texts.append("\n".join(f"{space}{line}{space}{space}x{space}" for line in EDGE_LINES))
    rng = random.Random(7)
    alphabet = [*BREAKS, *SPACES, "#", "*", "•", "-", "–", "1", "2", "١", ".", ")", "a", "B", "İ", "Σ", "東", "’", "”", ":", "…"]
    texts += ["".join(rng.choices(alphabet, k=rng.randrange(1, 60))) for _ in range(3000)]
    return texts


def pure(function, *args):
    """`function(*args)` on the Python path."""
    with kernels.pure():
        return function(*args)


def blocks_fields(blocks: Blocks) -> dict:
    return {name: getattr(blocks, name) for name in Blocks.__slots__}


@pytest.mark.parametrize("source", ["edge", "gold"])
def test_text_blocks(source):
    for text in edge_texts() if source == "edge" else gold_texts():
        got, expected = text_blocks(text), pure(text_blocks, text)
        assert blocks_fields(got) == blocks_fields(expected), repr(text[:200])
        # Strings in Python's canonical form: the narrowest width, and the ASCII flag, as Python's own methods make them.
        assert list(map(sys.getsizeof, got.text + got.head)) == list(map(sys.getsizeof, expected.text + expected.head))


def test_heads_of_every_character_as_python():
    """Lines of every code point, in texts of each width, give the heads and lines the Python gives."""
    for start in range(0, 0x110000, 0x800):
        chars = "".join(map(chr, range(start, start + 0x800)))
        lines = [chars[i : i + 350] for i in range(0, len(chars), 350)]  # beyond the head's 300 characters
        for width in ("", "\xe9", "\u0100", "\U0001d400"):  # the text's width is its widest character's
            text = "\n".join(f"Word {line} {width}" for line in lines)
            got, expected = text_blocks(text), pure(text_blocks, text)
            assert blocks_fields(got) == blocks_fields(expected), hex(start)
            assert list(map(sys.getsizeof, got.head)) == list(map(sys.getsizeof, expected.head)), hex(start)


def test_heads_lower_case_every_character_as_python():
    lower = kernels.ctext.lower
    for start in range(0, 0x110000, 0x1000):
        text = "".join(map(chr, range(start, start + 0x1000)))
        assert lower(text) == text.lower()
    for c in range(0x110000):
        assert lower(chr(c)) == chr(c).lower(), hex(c)


def test_count_words_of_every_character_as_python():
    for start in range(0, 0x110000, 0x800):
        chars = "".join(map(chr, range(start, start + 0x800)))
        for text in (chars, " ".join(chars[i : i + 7] for i in range(0, len(chars), 7))):
            assert kernels.ctext.count_words(text) == pure(count_words, text), hex(start)
    rng = random.Random(2)
    alphabet = ["a", " ", "東", "ア", "\u3000", "\t", "\uf900", "\ufaff", "\ufb00", "\u30ff", "\u3040", "\u303f", "é", "\x85"]
    for _ in range(5000):
        text = "".join(rng.choices(alphabet, k=rng.randrange(40)))
        assert kernels.ctext.count_words(text) == pure(count_words, text), repr(text)


def all_blocks() -> list[Blocks]:
    return [pure(text_blocks, text) for text in [*edge_texts()[:400], *gold_texts()]]


def test_match_blocks():
    for blocks in all_blocks():
        args = blocks.text, blocks.head, blocks.n_words
        assert match_blocks(*args) == pure(match_blocks, *args)


def test_match_blocks_odd_inputs():
    # A line break in a head (an HTML block of preformatted text), an empty head, word counts past every limit.
    texts = ["Share\nthis", "", "Getty Images", "cookie policy here", "Updated: 3 May 2021", "x" * 500]
    heads = [t.lower() for t in texts]
    for words in ([1] * 6, [200] * 6, [0, 1, 2, 3, 14, 41]):
        assert match_blocks(texts, heads, words) == pure(match_blocks, texts, heads, words)
        assert match_blocks(texts[1:], heads[1:], words[1:]) == pure(match_blocks, texts[1:], heads[1:], words[1:])


def test_match_blocks_needles_at_the_edges():
    # Needles at the start and end of the 120 characters read, cut by that end, and their near misses.
    texts = ["x" * 119 + "©", "x" * 118 + "©x", "x" * 120 + "©", "© x", "getty image", "getty images", "a getty imagesx",
             "x" * 110 + " is a", "x" * 116 + " is a", "s reser", "is a", " is a", "Alle Rechte vorbehalten", "y" * 113 + "s reserv",
             "защищены", "защищен", "x" * 100 + " was the", "istoc", "{", "x{", "x" * 119 + "/"]
    heads = [t.lower() for t in texts]
    for words in ([1] * len(texts), [3] * len(texts), [14] * len(texts), [40] * len(texts), [60] * len(texts)):
        assert match_blocks(texts, heads, words) == pure(match_blocks, texts, heads, words)


@pytest.mark.parametrize("language", ["en", "de", None])
def test_grade(language):
    words = stopwords(language)
    for blocks in all_blocks():
        matches = pure(match_blocks, blocks.text, blocks.head, blocks.n_words)
        mine, theirs = copy.deepcopy(blocks), copy.deepcopy(blocks)
        assert grade(mine, matches, words, DEFAULT) == pure(grade, theirs, matches, words, DEFAULT)
        assert mine == theirs


def test_short_or_long():
    chars = [0, 39, 40, 41, 10**30, -5]
    assert kernels.ctext.short_or_long(chars, 40) == bytearray(b"SS???S")
    assert kernels.ctext.short_or_long([1, True], 40) is None and kernels.ctext.short_or_long([1.0], 40) is None
    assert kernels.ctext.short_or_long(chars, 40.0) is None and kernels.ctext.short_or_long((1,), 40) is None


def test_grade_with_a_set_and_no_words():
    blocks = pure(text_blocks, "A line long enough to be graded by its stop words, the and of.\nshort")
    for words in ({"the", "of"}, frozenset(), ["the"], frozenset({"the", 1, "a b", ""}), frozenset({"line", "be", "to"})):
        assert grade(copy.deepcopy(blocks), {}, words, DEFAULT) == pure(grade, copy.deepcopy(blocks), {}, words, DEFAULT)


def test_vote():
    index = _index()
    samples = [text.lower().split()[:120] for text in gold_texts()]
    samples += [[], ["zzz"], ["the", "der", "le"], ["de", "la", "die", "het", "de"], list(index)[:500]]
    for words in samples:
        assert vote(words) == pure(vote, words)


def test_vote_tables_the_kernel_leaves_to_python():
    k = kernels.ctext
    codes, table = _vote_table()
    assert k.vote(["the"], codes, {"the": (0,)}) is None  # not the bytes `_vote_table` makes
    assert k.vote(["the"], ("en",), {"the": b"\x05"}) is None  # a number past the languages
    assert k.vote(["the"], tuple(map(str, range(257))), {}) is None
    assert k.vote([], codes, table) == pure(vote, []) == (None, 0, 0)
    assert k.vote(["zzz", "the"], codes, table) == pure(vote, ["zzz", "the"])


def _probabilities(cls, text):
    """langdetect's probabilities of `text` by detector class `cls` (its own `Detector`, or `_Detector`), or its error."""
    DetectorFactory.seed = 0
    detector = cls(_factory())
    detector.append(text)
    try:
        return [(found.lang, found.prob) for found in detector.get_probabilities()]
    except LangDetectException as error:
        return str(error)


def test_langdetect_loops():
    """langdetect's probabilities with its loops in the kernel are Python's, float for float."""
    DetectorFactory.seed = 0
    rng = random.Random(5)
    texts = [text[rng.randrange(len(text)) :][: rng.randrange(5, 2000)] for text in gold_texts()[::3] for _ in range(2)]
    texts += ["", "12 34", "日本語のテキストです。", "Ein kurzer deutscher Satz.", "x" * 50]

    compiled = [_probabilities(_Detector, text) for text in texts]
    with kernels.pure():
        assert compiled == [_probabilities(_Detector, text) for text in texts]
    # The n-grams alone, on every script and case langdetect normalizes (its detector's `text` is set as `append` leaves it).
    odd = [*EDGE_LINES, "ÀB ÇD éÉ ǅx", "Hà Nội Việt Nam", "ｶﾀｶﾅ カタカナ ひらがな 漢字 ㄅㄆ 한글", "فارسی ی", "ș ț Ș", "A\U0001d400B \ud800"]
    for text in [*texts[:100], *odd, " ".join(odd)]:
        detector = _Detector(_factory())
        detector.text = text
        assert detector._extract_ngrams() == Detector._extract_ngrams(detector), repr(text[:80])
    prob = [0.5, 0.25]
    assert kernels.ctext.scale_probs(prob, (1.0, 2.0), 1) is None and prob == [0.5, 0.25]  # an int weight: the Python's
    assert kernels.ctext.scale_probs(prob, (1.0,), 0.5) is None  # a short row: the Python's IndexError
    assert kernels.ctext.normalize_probs([0.0, 0.0], 0.0) is None  # a zero sum: the Python's ZeroDivisionError
    assert kernels.ctext.normalize_probs(prob, 0.75) == 0.5 / 0.75 and prob == [0.5 / 0.75, 0.25 / 0.75]


def test_positions():
    rng = random.Random(3)
    labels = [rng.choice(["body", "menu", "title", "dateline", "comment"]) for _ in range(500)]
    grades = bytearray(rng.choice(b"GNSBCP") for _ in range(500))
    cases = [
        (labels, frozenset({"body"})), (labels, frozenset({"title", "dateline", "x"})), (labels, frozenset()), ([], frozenset({"a"})),
        (grades, frozenset(b"GN")), (bytes(grades), frozenset(b"C")), (grades, frozenset({71, 300, -1})), (grades, frozenset()),
        (grades, frozenset({True, 71.0})), (grades, {71}), ([1, 1.0, True, "1"], frozenset({1})),
    ]  # fmt: skip
    for column, members in cases:
        assert positions(column, members) == pure(positions, column, members)
    assert kernels.ctext.positions(grades, frozenset({True})) is None  # True == 1: the Python compares
    with pytest.raises(TypeError):  # an unhashable entry, as `frozenset.__contains__` says
        positions([[1]], frozenset({1}))


def test_repeated():
    rng = random.Random(4)
    for source in ("edge", "gold"):
        for text in (edge_texts()[::50] if source == "edge" else gold_texts()[::10]):
            blocks = pure(text_blocks, text)
            for words in (0, 4, 10):
                assert repeated(blocks, words) == pure(repeated, blocks, words)
    texts = [rng.choice(["a b c d", "e f", "x y z w v", "a b c d "]) for _ in range(300)]
    blocks = Blocks(texts, texts, list(range(300)), [False] * 300, label=["body"] * 300, rule=[""] * 300)
    blocks.n_words = [t.count(" ") + 1 for t in texts]
    assert repeated(blocks, 4) == pure(repeated, blocks, 4) and repeated(blocks, 4)
    blocks.n_words = blocks.n_words[:100]  # a shorter column: zip's length
    assert repeated(blocks, 1) == pure(repeated, blocks, 1)
    assert kernels.ctext.repeated(["a", "a"], [4, 4.0], 4) is None and kernels.ctext.repeated(["a", 1], [4, 4], 4) is None


def test_opening():
    texts = ["1/5 slide", "a", "٣ digit of another script", "9", "x1", "0.", "é", "東", "\U0001d400", " 1"]
    for chars in (frozenset("0123456789"), frozenset("aé"), frozenset(), frozenset({"ab"}), frozenset({1})):
        assert opening(texts, chars) == pure(opening, texts, chars)
    for source in (edge_texts()[::20], gold_texts()[::10]):
        for text in source:
            lines = pure(text_blocks, text).text
            assert opening(lines, frozenset("0123456789")) == pure(opening, lines, frozenset("0123456789"))
    with pytest.raises(IndexError):  # an empty text, as the Python's `text[0]` says
        opening(["1", ""], frozenset("1"))


def test_context_loops():
    rng = random.Random(3)
    for blocks in all_blocks():
        for _ in range(2):
            grades = bytearray(rng.choices(b"GNSBCP", k=len(blocks)))
            mine, theirs = copy.deepcopy(blocks), copy.deepcopy(blocks)
            assert resolve_context(mine, bytearray(grades), DEFAULT) == pure(resolve_context, theirs, bytearray(grades), DEFAULT)
            assert mine.rule == theirs.rule
            assert main_region(blocks, grades, DEFAULT) == pure(main_region, blocks, grades, DEFAULT)
            resolved = bytearray(grades.replace(b"S", b"B").replace(b"N", b"G"))
            for start, end in [main_region(blocks, resolved, DEFAULT), (0, len(blocks)), (0, 0), (len(blocks), len(blocks))]:
                mine, theirs = copy.deepcopy(blocks), copy.deepcopy(blocks)
                label_all(mine, resolved, start, end)
                pure(label_all, theirs, resolved, start, end)
                assert (mine.label, mine.rule) == (theirs.label, theirs.rule)


def test_label_all_tables_the_kernel_leaves_to_python():
    blocks = pure(text_blocks, "One line here.\nTwo\nThree lines of prose here.")
    grades = bytearray(b"GBC")
    inside = ({71: "body", 66: "boilerplate"}, {71: {"": "good"}, 66: {"": "low-text"}, 67: {}}, {})
    outside = ({71: "outside-article", 66: "outside-article"}, {71: {}, 66: {}, 67: {}}, {71: "main-region", 66: "main-region"})
    odd = ({True: "x", 71.0: "y"}, inside[1], {}), (inside[0], {71: [], 66: {}, 67: {}}, {}), ({256: "z"}, inside[1], {})
    for tables in odd:
        assert kernels.ctext.label_all(grades, list(blocks.label), list(blocks.rule), 0, 2, tables, outside) is None
    label, rule = list(blocks.label), list(blocks.rule)
    assert kernels.ctext.label_all(grades, label, rule, 0, 2, inside, outside)
    assert (label, rule) == (["body", "boilerplate", "body"], ["good", "low-text", ""])
    with pytest.raises(KeyError):  # a grade with no rule table, as the Python's `rules[grade]`
        kernels.ctext.label_all(bytearray(b"GS"), ["a", "b"], ["", ""], 0, 2, inside, outside)


def test_dropped_blocks():
    from cleaner.core import label_blocks

    for blocks in all_blocks():
        label_blocks(blocks, DEFAULT)
        mine, theirs = dropped_blocks(blocks), pure(dropped_blocks, blocks)
        assert mine == theirs and all(type(row) is Dropped for row in mine)
    blocks = pure(text_blocks, "a\nb\nc")
    blocks.label = ["body", "menu", "comment"]
    blocks.rule = ["x", "y"]  # shorter than the others: zip stops there
    assert dropped_blocks(blocks) == pure(dropped_blocks, blocks) == [Dropped("b", "menu", "y", 2)]
    k = kernels.ctext
    assert k.dropped_blocks(["a"], ["x"], [""], [1], _KEPT, tuple) is None  # tuple itself: the Python's
    assert k.dropped_blocks(["a"], ["x"], [""], [1], set(_KEPT), Dropped) is None
    with pytest.raises(TypeError):  # an unhashable label, as `frozenset.__contains__` says
        k.dropped_blocks(["a"], [["x"]], [""], [1], _KEPT, Dropped)


def test_dropped_rows_are_not_tracked_by_the_garbage_collector():
    """A row of str and int holds no cycle: untracked, a page's rows cost later collections nothing (CPython untracks
    such exact tuples itself, not a subclass's)."""
    doc = clean_text("Menu\nHome\nNews\n" + "A sentence of the article that is long enough to be prose. " * 5)
    assert doc.dropped and not any(map(gc.is_tracked, doc.dropped))
    odd = dropped_blocks(Blocks(["x"], ["x"], [[1]], [False], label=["menu"], rule=["r"]))  # a line that is not an int
    assert gc.is_tracked(odd[0])


def test_inputs_the_kernels_leave_to_python():
    class Text(str):
        pass

    assert blocks_fields(text_blocks(Text("• a\nB"))) == blocks_fields(pure(text_blocks, Text("• a\nB")))
    with pytest.raises(AttributeError):
        text_blocks(None)
    texts = ("Share this", "Getty Images")
    assert match_blocks(texts, tuple(t.lower() for t in texts), (2, 2)) == pure(match_blocks, list(texts), [t.lower() for t in texts], [2, 2])
    assert vote(("the", "and")) == pure(vote, ["the", "and"])


def _lead_cases() -> list[str]:
    """Leads of every length around the longest, in each string width, with digits of other scripts and odd separators."""
    from cleaner.rules import _BY_LEAD

    longest = max(_BY_LEAD, key=len)
    leads = [longest, longest[:-1], longest + "x", longest + "_", "_" + longest, "updated", "updatedx", "x" * 40 + "updated"]
    leads += ["١ may", "٣:45", "²3 may", "3rd may", "03.04.2021", "0", "9", "_", "__init__", "ß", "ẞ", "straße", "ſource: x"]
    leads += ["photo", "photo:", "(photo: x)", "фото: x", "фото", "фотография", "😀 photo", "😀photo", "\u3000tags: a", "·tags"]
    out = []
    for lead in leads:
        for prefix in ("", " ", "— ", "** ", "\u2028", "\x85", "\r", "\x0b", "é ", "東 ", "\U0001d400 "):
            out.append(prefix + lead)
    return out


def test_match_blocks_leads_in_every_width():
    heads = _lead_cases()
    for widen in ("", "é", "東", "\U0001d400"):  # the same leads in one-, two- and four-byte strings
        texts = [h + " " + widen if widen else h for h in heads]
        lowered = [t.lower() for t in texts]
        for words in ([1] * len(texts), [0] * len(texts), [-3] * len(texts), [150] * len(texts), [151] * len(texts)):
            assert match_blocks(texts, lowered, words) == pure(match_blocks, texts, lowered, words)


def _outcome(function, *args):
    """What a call returns, or the type of what it raises."""
    try:
        return function(*args)
    except Exception as error:  # noqa: BLE001  # the Python's own failure is the reference too
        return type(error)


def test_match_blocks_line_breaks_in_and_past_the_lead():
    # A line feed within the 40 characters a lead is read from leaves the page to the Python (whose leads it shifts, up
    # to an IndexError), in any width; past them, or another line break, does not.
    for widen in ("", "é", "東", "\U0001d400"):
        for at in (0, 1, 5, 39, 40, 41, 119, 120):
            for brk in ("\n", "\r", "\u2028", "\x85"):
                text = ("x" * at + brk + "Share" + widen)[: at + 6 + len(widen)]
                texts = ["Share", text, "Updated: 3 May 2021" + widen]
                heads = [t.lower() for t in texts]
                for words in ([1, 1, 5], [200, 1, 5], [1, 200, 200]):
                    assert _outcome(match_blocks, texts, heads, words) == _outcome(pure, match_blocks, texts, heads, words)


def test_match_blocks_ends_and_needles_in_every_width():
    base = ["a/dpa", "/dpa", "dpa", "x/AFP", "A/PAP", "cut...", "..", "cut…", "…", "said:", ":", "x:", "x" * 300 + ":",
            "getty images", "© 2024", "s reserv", "защищены", "cookie", " is a writer", "{", "_", "%"]
    for widen in ("", "é", "東", "\U0001d400"):
        texts = [widen + t for t in base] + [t + widen for t in base] + [t.replace("a", widen or "a") for t in base]
        heads = [t.lower() for t in texts]
        for words in (1, 3, 4, 14, 15, 40, 41, 60, 61, 150, 151):
            assert match_blocks(texts, heads, [words] * len(texts)) == pure(match_blocks, texts, heads, [words] * len(texts))


def test_match_blocks_random_lines_from_rule_examples():
    from cleaner.rules import RULES

    rng = random.Random(11)
    pieces = [e for rule in RULES for e in rule.examples] + EDGE_LINES
    alphabet = [*BREAKS, *SPACES, "é", "東", "\U0001d400", ":", "…", "/", "©", "_", "1", "١"]
    texts = []
    for _ in range(3000):
        text = rng.choice(pieces)
        for _ in range(rng.randrange(3)):
            at = rng.randrange(len(text) + 1)
            text = text[:at] + rng.choice(alphabet + pieces) + text[at:]
        texts.append(text)
    heads = [t.lower()[:300] for t in texts]
    words = [rng.choice((0, 1, 3, 8, 14, 40, 60, 150, 200)) for _ in texts]
    for start in range(0, len(texts), 50):
        args = texts[start : start + 50], heads[start : start + 50], words[start : start + 50]
        assert _outcome(match_blocks, *args) == _outcome(pure, match_blocks, *args)


def test_match_blocks_word_counts_past_a_c_integer():
    texts = ["Share", "Updated: 3 May 2021", "Getty Images"]
    heads = [t.lower() for t in texts]
    for big in (2**63, -(2**63) - 1, 10**40, -(10**40)):
        for words in ([big, 1, 1], [1, 1, big], [big] * 3):
            assert match_blocks(texts, heads, words) == pure(match_blocks, texts, heads, words)


# The line scan's fast path (16 bytes at a time) and its fallback to the exact scan; line strings and heads made at
# the width the scan read.
WIDTHS = ["", "é", "ā", "𝐀"]  # a character of each width: ASCII, Latin-1, UCS-2, UCS-4 texts


def _same_blocks(text: str) -> None:
    got, expected = text_blocks(text), pure(text_blocks, text)
    assert blocks_fields(got) == blocks_fields(expected), repr(text[:200])
    assert list(map(sys.getsizeof, got.text + got.head)) == list(map(sys.getsizeof, expected.text + expected.head))
    if got.as_written is not None:
        assert list(map(sys.getsizeof, got.as_written)) == list(map(sys.getsizeof, expected.as_written))


def test_text_blocks_lines_at_chunk_boundaries():
    for width in WIDTHS:
        for length in (1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 47, 48, 49, 63, 64, 65):
            line = ("Ab c" * 20)[:length]
            for end in ("", "\n", "\r", "\r\n", "\n\n", "\x0b", "\x85", "\u2028"):
                for wide_at in (0, length // 2, length - 1):  # the wide character where a chunk starts, or ends
                    wide = line[:wide_at] + width + line[wide_at:]
                    _same_blocks(wide + end)
                    _same_blocks((wide + end) * 3)
                    _same_blocks("x\n" + wide + end + "y")
        # a newline at every offset of a text of two chunks and a bit, and the text's last characters
        text = "".join(chr(97 + i % 26) for i in range(40)) + width
        for at in range(len(text) + 1):
            _same_blocks(text[:at] + "\n" + text[at:])
            _same_blocks(text[:at] + "\r\n" + text[at:] + "\r")
            _same_blocks(text[:at] + "  " + text[at:])


def test_text_blocks_breaks_and_spaces_in_every_place():
    base = "Word one two three four five six"
    for width in WIDTHS:
        for c in [*BREAKS, *SPACES, "\x00", "\x1b", "\x7f", "\x80", "\x84", "\x86", "\x9f", "\u167f", "\u1681",
                  "\u1fff", "\u200b", "\u2027", "\u202a", "\u202e", "\u2030", "\u205e", "\u2060", "\u2fff", "\u3001"]:
            for at in (0, 1, 7, 8, 15, 16, 17, len(base) - 1, len(base)):
                line = base[:at] + c + base[at:] + width
                _same_blocks(line)
                _same_blocks(f"{line}\n{line}  \n  {line}\n* {line}\n- {line}\n1. {line}")
                _same_blocks(f"{c}{base}{c}{width}\n{c}{c}{base}{c}{c}")


def test_text_blocks_spaces_at_the_ends_and_in_pairs():
    for width in WIDTHS:
        for line in ("a b", "a  b", "a   b", " a b ", "  a  b  ", "a b  ", "a" + " " * 20 + "b", "a " * 40,
                     "a  " * 40, " " * 17 + "a" + " " * 17, "a" * 15 + "  " + "b", "a" * 16 + "  b", "a" * 7 + "  b"):
            _same_blocks(line + width)
            _same_blocks(width + line + "\n" + line + width + "\n")
            _same_blocks("* " + line + width)
            _same_blocks("* \u3000" + line.upper() + width)  # "* " before whitespace other than " ": kept in the item


def test_text_blocks_upper_case_at_the_head_limit():
    for width in WIDTHS:
        for at in (0, 1, 15, 16, 283, 284, 285, 290, 298, 299, 300, 301, 302, 315, 316, 320, 400):
            for length in (at + 1, 300, 301, 302, 317, 400, 700):
                if at >= length:
                    continue
                line = "x" * at + "Q" + "y" * (length - at - 1)
                _same_blocks(line)
                _same_blocks(width + line)
                _same_blocks(line[:-1] + width)
                _same_blocks(" " * 3 + line + " " * 3 + "\n" + line.replace("y", "y ") + width)


def test_text_blocks_long_lines_and_many_spaces():
    # The spaces counted by lanes, summed every few chunks: lines of many chunks, of spaces mostly.
    for width in WIDTHS:
        for unit in ("a ", "ab ", "a b c d e f g h ", " a"):
            for count in (1, 100, 255, 256, 300, 1000, 5000):
                line = (unit * count).strip(" ")
                _same_blocks(line + width)
                _same_blocks(width + line + "\nnext line")


def test_text_blocks_random_lines_in_every_width():
    rng = random.Random(11)
    alphabet = [*BREAKS, *SPACES, " ", " ", " ", "a", "b", "Z", "Q", "*", "-", "•", "1", ".", "#", "’", "é", "ā",
                "Ω", "Σ", "İ", "д", "Д", "東", "𝐀", "😀", "\x00", "\x7f", "\x85"]
    plain = ["a", "b", "c", "D", "E", " ", " ", "’", "д", "Д"]
    for _ in range(4000):
        letters = alphabet if rng.random() < 0.5 else plain
        text = "".join(rng.choices(letters, k=rng.randrange(1, 120)))
        lines = text.split("\n")
        text = "\n".join(line * rng.choice((1, 1, 2, 5, 12)) for line in lines)
        _same_blocks(text)


def test_lower_in_every_width_and_length():
    lower = kernels.ctext.lower
    rng = random.Random(5)
    for width in WIDTHS:
        for length in range(40):
            for chars in ("AbCdEfGhIjKlMnOpQrStUvWxYz", "ÀÉÎõüÿ", "ĀăŸДЖЯΣΩİ", "Kelvin K Å ẞ", "𝐀𐐀Ω"):
                text = "".join(rng.choices(chars + "xyz ", k=length)) + width
                got = lower(text)
                assert got == text.lower() and sys.getsizeof(got) == sys.getsizeof(text.lower()), repr(text)


class _Label(str):
    """A str subclass whose equality is Python code: the kernels must not remember it by identity."""

    def __eq__(self, other):
        return str.__eq__(self, other)

    __hash__ = str.__hash__


def test_membership_remembered_by_identity_gives_the_python_answer():
    """`positions` and `dropped_blocks` remember each label's membership by address: every kind of column gives the Python's answer."""
    rng = random.Random(11)
    many = [f"label-{i}" for i in range(400)]  # past the table's slots and the entries it holds
    equal = ["".join(["bo", "dy"]) for _ in range(50)]  # equal to "body", not the same objects
    columns = [
        [rng.choice(many) for _ in range(3000)],
        [rng.choice(["body", "menu", *equal]) for _ in range(500)],
        [rng.choice(["body", _Label("body"), _Label("menu"), "menu", 1, 1.0]) for _ in range(500)],
        [_Label("comment")] * 10 + ["comment"] * 10,
    ]
    sets = [frozenset({"body"}), frozenset(many[::7]), frozenset({"body", 1}), frozenset({_Label("body")}), frozenset()]
    for column in columns:
        for members in sets:
            assert positions(column, members) == pure(positions, column, members)
            n = len(column)
            blocks = Blocks([f"t{i}" for i in range(n)], [f"t{i}" for i in range(n)], list(range(1, n + 1)), [False] * n,
                            label=list(column), rule=[""] * n)
            kept = dropped_blocks(blocks) if members == _KEPT else kernels.ctext.dropped_blocks(
                blocks.text, blocks.label, blocks.rule, blocks.line, members, Dropped)
            expected = [Dropped(t, lab, r, line) for t, lab, r, line in zip(blocks.text, blocks.label, blocks.rule, blocks.line)
                        if lab not in members]
            assert kept == expected


def test_counts_of_every_size_and_type_compare_as_python():
    """Counts are read as C longs where they fit: past a C long, and as floats and bools, the kernels compare as Python does."""
    big = [2**70, 2**63, 2**63 - 1, 2**53 + 1, -(2**63), 0, 5, 7.5, True]
    grades = bytearray(b"GCBGNGCSG")
    chars = [c if type(c) is int else 10 for c in big]
    assert main_region(Blocks(["x"] * 9, ["x"] * 9, list(range(9)), [False] * 9, n_chars=chars), grades, DEFAULT) == pure(
        main_region, Blocks(["x"] * 9, ["x"] * 9, list(range(9)), [False] * 9, n_chars=chars), grades, DEFAULT)
    words = frozenset({"the", "a"})
    for n_words in (big, [w + 0.5 if type(w) is int and abs(w) < 2**60 else w for w in big]):
        texts = ["the a b " * 20] * 9
        blocks = Blocks(texts, texts, list(range(9)), [False] * 9, n_chars=[400, 300, 2**64, 10, 200, 500, 90, 300, 1000],
                        n_words=list(n_words), terminal=[True, False] * 4 + [True], label=["body"] * 9, rule=[""] * 9)
        assert grade(blocks, {}, words, DEFAULT) == pure(grade, copy.deepcopy(blocks), {}, words, DEFAULT)


def test_langdetect_probabilities_in_an_array_are_langdetects_own():
    """`_Detector` keeps its probabilities in an array of doubles: langdetect's own detector (lists of floats) gives the same, float for float."""
    rng = random.Random(6)
    texts = [text[rng.randrange(len(text)) :][: rng.randrange(5, 1500)] for text in gold_texts()[::6]]
    texts += ["", "12 34", "日本語のテキストです。", "Ein kurzer deutscher Satz.", "x" * 50]

    theirs = [_probabilities(Detector, text) for text in texts]
    assert [_probabilities(_Detector, text) for text in texts] == theirs
    with kernels.pure():
        assert [_probabilities(_Detector, text) for text in texts] == theirs
    prob = array("d", [0.5, 0.25])
    assert kernels.ctext.scale_probs(prob, (1.0, 2.0), 0.5) and list(prob) == [0.5 * 1.5, 0.25 * 2.5]
    assert kernels.ctext.normalize_probs(prob, 1.0) == 0.75 and list(prob) == [0.75, 0.625]
    assert kernels.ctext.scale_probs(array("f", [0.5]), (1.0,), 0.5) is None  # floats of another width: the Python's


def test_kana_counted_as_python():
    from cleaner.language import kana

    for start in range(0x2F00, 0x3200, 0x40):
        text = "".join(map(chr, range(start, start + 0x80)))
        for width in ("", "\xe9", "\U0001d400"):
            assert kana(text + width) == pure(kana, text + width)
    assert kana("plain ascii") == kana("é latin-1") == 0 and kana("かなカナ") == 4


def test_repeated_texts_that_share_their_ends():
    """Texts alike in length, start and end (what the kernel hashes of them) are told apart by their whole text."""
    middle = ["x" * 40, "y" * 40, "x" * 39 + "y", "ü" * 40, "東" * 40]
    texts = [f"{'a' * 20} {m} {'b' * 20}" for m in middle] * 3 + ["short", "short", "ab", "ab"]
    n_words = [5] * (len(texts) - 4) + [2**70, 2**70, -(2**70), 3]
    blocks = Blocks(texts, texts, list(range(len(texts))), [False] * len(texts), n_words=n_words, label=["body"] * len(texts), rule=[""] * len(texts))
    for least in (0, 3, 5, 6, 2**64, -(2**64)):
        assert repeated(blocks, least) == pure(repeated, blocks, least)
    assert repeated(blocks, 5) == {text: [i, i + 5, i + 10] for i, text in enumerate(texts[:5])} | {"short": [15, 16]}


def test_langdetect_text_as_langdetect_reads_it():
    """`_Detector.append` and `cleaning_text` (runs of spaces, Latin letters in a text of another script) give langdetect's own text."""
    rng = random.Random(8)
    alphabet = [" ", "  ", "a", "Z", "[", "`", "é", "\u0300", "\u1e00", "ệ", "д", "東", "ا", "\U0001d400", "http://x.org/a ", "a@b.com", "\n"]
    texts = ["".join(rng.choices(alphabet, k=rng.randrange(0, 80))) for _ in range(2000)] + gold_texts()[::40]
    texts += ["Москва " * 30 + "Latin words", "  lead and trail  ", "x" * 12000]
    for text in texts:
        for pieces in ([text], [text[: len(text) // 2], text[len(text) // 2 :]]):
            mine, theirs = _Detector(_factory()), Detector(_factory())
            for piece in pieces:
                mine.append(piece)
                theirs.append(piece)
            assert mine.text == theirs.text, repr(text[:80])
            mine.cleaning_text()
            theirs.cleaning_text()
            assert mine.text == theirs.text, repr(text[:80])
            with kernels.pure():
                again = _Detector(_factory())
                for piece in pieces:
                    again.append(piece)
                again.cleaning_text()
            assert again.text == theirs.text


def test_langdetect_draws_where_the_kernel_leaves_the_update_to_python(monkeypatch: pytest.MonkeyPatch):
    """`_Detector._detect_block` updates the probabilities itself where the kernel declines: still langdetect's own floats."""
    texts = [text[:800] for text in gold_texts()[::30]] + ["Ein kurzer deutscher Satz.", "日本語のテキストです。"]

    theirs = [_probabilities(Detector, text) for text in texts]
    monkeypatch.setattr(kernels.ctext, "scale_probs", lambda prob, row, weight: None)
    assert [_probabilities(_Detector, text) for text in texts] == theirs
