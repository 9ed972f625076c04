"""Language identification and per-language stop-word lists (jusText's).

langdetect (pure Python, about 5 ms a page; about four times faster with its inner loops in the
text kernel, `_Detector`) is the detector of record, but most pages do not need it: their stop
words vote. Each word of the sample votes for every language whose jusText list holds it; when
the best language has a clear lead over the runner-up, it wins, and langdetect settles only the
close calls (related languages, short samples, scripts with no list), on the article's text
once it is known.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import re
from array import array
from collections import Counter
from collections.abc import MutableSequence
from functools import cache
from itertools import chain, repeat
from pathlib import Path

from langdetect.detector import Detector
from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.lang_detect_exception import ErrorCode, LangDetectException
from langdetect.utils.ngram import NGram
from langdetect.utils.unicode_block import unicode_block

from . import kernels
from .config import Config

# langdetect code -> name of jusText's stop-word list, for every language both know.
_STOPLISTS = {
    "af": "Afrikaans", "ar": "Arabic", "bg": "Bulgarian", "bn": "Bengali", "ca": "Catalan",
    "cs": "Czech", "cy": "Welsh", "da": "Danish", "de": "German", "el": "Greek",
    "en": "English", "es": "Spanish", "et": "Estonian", "fa": "Persian", "fi": "Finnish",
    "fr": "French", "gu": "Gujarati", "he": "Hebrew", "hi": "Hindi", "hr": "Croatian",
    "hu": "Hungarian", "id": "Indonesian", "it": "Italian", "kn": "Kannada", "ko": "Korean",
    "lt": "Lithuanian", "lv": "Latvian", "mk": "Macedonian", "ml": "Malayalam", "mr": "Marathi",
    "ne": "Nepali", "nl": "Dutch", "no": "Norwegian_Bokmal", "pl": "Polish", "pt": "Portuguese",
    "ro": "Romanian", "ru": "Russian", "sk": "Slovak", "sl": "Slovenian", "sq": "Albanian",
    "sv": "Swedish", "sw": "Swahili", "ta": "Tamil", "te": "Telugu", "tl": "Tagalog",
    "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "vi": "Vietnamese",
}  # fmt: skip


_KANA_RANGE = (0x3040, 0x30FF)
_KANA = re.compile(f"[{chr(_KANA_RANGE[0])}-{chr(_KANA_RANGE[1])}]")
# Japanese prose is a third kana or more; a tenth is far from any other language.
_KANA_SHARE = 0.1

# langdetect averages this many random trials: its own default, now that it only runs on the
# close calls.
_TRIALS = 7


@cache
def _factory() -> DetectorFactory:
    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    # The profiles' 87,000 lists of probabilities as tuples (langdetect only reads them): the
    # garbage collector stops tracking a tuple of floats once it has seen it, so its full passes,
    # one every few hundred pages, no longer walk them (80-120 ms a pass, 7 ms without them).
    factory.word_lang_prob_map = {word: tuple(probs) for word, probs in factory.word_lang_prob_map.items()}
    return factory


def identify(sample: str, config: Config) -> tuple[str | None, float | None, bool]:
    """(language, confidence in [0, 1], settled) of `sample` by its stop words, without langdetect.

    The vote's confidence is the winner's share of the votes of the two best languages. A close
    call (related languages, a short sample, a script without a list) is not settled: the
    language given is the vote's best guess, good enough to choose stop words, and langdetect
    names the language from the article once it is known (`detect`).
    """
    if not sample.strip():
        return None, None, False
    if kana(sample) >= _KANA_SHARE * len(sample):
        return "ja", 1.0, True  # kana are Japanese's alone: langdetect says "ja" on any text made of them
    words = sample.lower().split()
    best, votes, runner_up = vote(words)
    score = round(votes / (votes + runner_up), 4) if best else None
    settled = (
        best is not None
        and len(words) >= config.language_vote_min_words
        and votes >= config.language_vote_min_share * len(words)
        and votes >= config.language_vote_margin * runner_up
    )
    return best, score, settled


def kana(text: str) -> int:
    """How many kana `text` holds."""
    return count_between(text, *_KANA_RANGE)


def count_between(text: str, low: int, high: int) -> int:
    """How many characters of `text` are between code points `low` and `high`."""
    k = kernels.ctext
    if k is not None and (n := k.count_between(text, low, high)) is not None:
        return n  # type: ignore[no-any-return]
    return len(re.findall(f"[{re.escape(chr(low))}-{re.escape(chr(high))}]", text)) if text else 0


def vote(words: list[str]) -> tuple[str | None, int, int]:
    """(the language with most stop words among `words`, how many, how many the runner-up has)."""
    k = kernels.ctext
    if k is not None and (voted := k.vote(words, *_vote_table())) is not None:
        return voted  # type: ignore[no-any-return]
    index = _index()
    counts = Counter(chain.from_iterable(map(index.get, words, repeat(()))))
    if not counts:
        return None, 0, 0
    best = max(counts, key=counts.__getitem__)
    votes = counts.pop(best)
    return best, votes, max(counts.values(), default=0)


@cache
def _index() -> dict[str, tuple[str, ...]]:
    """Stop word -> the languages whose list holds it, for the vote.

    jusText's lists are the frequent words of each language's Wikipedia, where English leaks
    into every language ("the", "and", "your" are on the Finnish list, "the" on the Marathi
    one) and tips the vote on English pages. So a word on the English list votes for English
    only, and a list in another script than Latin keeps no word in plain ASCII.
    """
    english = stopwords("en")
    languages: dict[str, list[str]] = {}
    for code in _STOPLISTS:
        words = stopwords(code)
        if code != "en":
            words = words - english
            if sum(map(str.isascii, words)) * 2 < len(words):  # not a Latin-script list
                words = frozenset(w for w in words if not w.isascii())
        for word in words:
            languages.setdefault(word, []).append(code)
    return {word: tuple(codes) for word, codes in languages.items()}


@cache
def _vote_table() -> tuple[tuple[str, ...], dict[str, bytes]]:
    """`_index` for the vote kernel: the languages, and each stop word's languages as their numbers in that tuple."""
    codes = tuple(_STOPLISTS)
    number = {code: i for i, code in enumerate(codes)}
    return codes, {word: bytes(map(number.__getitem__, langs)) for word, langs in _index().items()}


# langdetect's `cleaning_text` counts a character from U+0300 on as not Latin unless `unicode_block` names its block
# "Latin Extended Additional"; it names blocks by number, so it never does, and every such character counts.
# `_Detector` counts them in one call where that holds of the langdetect installed.
_COUNTS_EVERY_MARK = unicode_block("\u1e00") != "Latin Extended Additional"
_NOT_LATIN = dict.fromkeys(range(ord("A"), ord("z") + 1))  # what `cleaning_text` drops from a text mostly in another script
_SPACE_RUN = re.compile(" {2,}")
# `_Detector._detect_block` is langdetect 1.0.9's loop (its last release); another release runs its own.
_LANGDETECT_1_0_9 = importlib.metadata.version("langdetect") == "1.0.9"


class _Detector(Detector):  # type: ignore[misc]
    """langdetect's detector, its inner loops (n-grams, probabilities: most of its time) in the text kernel, to the same results."""

    def append(self, text: str) -> None:
        # langdetect's own, its loop over each character (runs of spaces made one) as one substitution.
        text = NGram.normalize_vi(self.MAIL_RE.sub(" ", self.URL_RE.sub(" ", text)))
        self.text += _SPACE_RUN.sub(" ", text[: self.max_text_length])

    def cleaning_text(self) -> None:
        if not _COUNTS_EVERY_MARK:
            super().cleaning_text()
            return
        # langdetect's own, its loops over each character as counts: "A" to "z" is Latin, U+0300 on is not.
        text: str = self.text  # type: ignore[has-type]  # set by langdetect's untyped __init__
        if count_between(text, ord("A"), ord("z")) * 2 < count_between(text, 0x300, 0x10FFFF):
            self.text = text.translate(_NOT_LATIN)

    def _detect_block(self) -> None:
        k = kernels.ctext
        if k is None or self.verbose or not _LANGDETECT_1_0_9:
            super()._detect_block()
            return
        # langdetect 1.0.9's own, each n-gram's row of probabilities looked up once, not at every draw: the same
        # draws (`choice` of a list as long), the same floats.
        self.cleaning_text()
        ngrams = self._extract_ngrams()
        if not ngrams:
            raise LangDetectException(ErrorCode.CantDetectError, "No features in text.")
        rows = list(map(self.word_lang_prob_map.get, ngrams))
        self.langprob = [0.0] * len(self.langlist)
        self.random.seed(self.seed)
        choice, scale = self.random.choice, k.scale_probs
        for _ in range(self.n_trial):
            prob = self._init_probability()
            alpha = self.alpha + self.random.gauss(0.0, 1.0) * self.ALPHA_WIDTH
            weight = alpha / self.BASE_FREQ
            i = 0
            while True:
                row = choice(rows)
                if row is not None and scale(prob, row, weight) is None:
                    for j in range(len(prob)):
                        prob[j] *= weight + row[j]
                if i % 5 == 0 and (self._normalize_prob(prob) > self.CONV_THRESHOLD or i >= self.ITERATION_LIMIT):
                    break
                i += 1
            for j in range(len(self.langprob)):
                self.langprob[j] += prob[j] / self.n_trial

    def _update_lang_prob(self, prob: MutableSequence[float], word: str | None, alpha: float) -> bool:
        k = kernels.ctext
        if k is not None and word is not None and not self.verbose:
            probs = self.word_lang_prob_map.get(word)
            if probs is not None and k.scale_probs(prob, probs, alpha / self.BASE_FREQ) is not None:
                return True
        return super()._update_lang_prob(prob, word, alpha)  # type: ignore[no-any-return]

    def _extract_ngrams(self) -> list[str]:
        k = kernels.ctext
        got = None if k is None or NGram.N_GRAM != 3 else k.ngrams(self.text, self.word_lang_prob_map, NGram.normalize)
        return super()._extract_ngrams() if got is None else got  # type: ignore[no-any-return]

    def _init_probability(self) -> array[float]:
        # An array of doubles, not a list of floats: the kernel updates it in place, with no float object a step.
        return array("d", super()._init_probability())

    def _normalize_prob(self, prob: MutableSequence[float]) -> float:
        k = kernels.ctext
        top = None if k is None else k.normalize_probs(prob, sum(prob))
        return super()._normalize_prob(prob) if top is None else top  # type: ignore[no-any-return]


def detect(sample: str) -> tuple[str | None, float | None]:
    """langdetect's most probable language of `sample` and its probability; (None, None) when it has no letters."""
    if not sample.strip():
        return None, None
    DetectorFactory.seed = 0  # langdetect samples at random: a fixed seed gives the same answer every run
    detector = _Detector(_factory())  # what `create()` makes, with its inner loops compiled
    detector.n_trial = _TRIALS
    detector.append(sample)
    try:
        best = detector.get_probabilities()[0]
    except (LangDetectException, IndexError):
        return None, None
    return best.lang, round(best.prob, 4)


@cache
def stopwords(language: str | None) -> frozenset[str]:
    """Lower-cased stop words of `language` (a langdetect code); empty when none is known."""
    name = _STOPLISTS.get(language or "")
    if not name:
        return frozenset()
    # Read jusText's data files without importing jusText, whose import needs lxml's HTML cleaner.
    spec = importlib.util.find_spec("justext")
    folder = Path(next(iter(spec.submodule_search_locations)))  # type: ignore[union-attr, arg-type]
    words = (folder / "stoplists" / f"{name}.txt").read_text(encoding="utf-8").split()
    return frozenset(w.lower() for w in words)
