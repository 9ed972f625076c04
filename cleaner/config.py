"""One frozen set of thresholds for the whole cleaner."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Config:
    """Every tunable threshold, named, with what it was tuned on."""

    # Block grades (jusText's scheme; its defaults are 70 / 200 chars and 0.30 / 0.32).
    short_chars: int = 40
    good_chars: int = 80
    near_good_words: int = 6
    stop_density_low: float = 0.25
    stop_density_high: float = 0.32
    max_link_density: float = 0.5
    # Tickers: at least this many time stamps, each at most `ticker_gap` blocks after the last.
    ticker_min_stamps: int = 3
    ticker_gap: int = 4
    # Main region: a chrome block costs this many times its length, a bad block this many.
    region_chrome_cost: float = 1.0
    region_bad_cost: float = 1.0
    # Headline: how far before the article to look, and its size in words.
    title_lookback: int = 4
    title_min_words: int = 2
    title_max_words: int = 25
    # Language: langdetect reads at most this many characters of likely body text, so its
    # cost does not grow with the document.
    language_sample_chars: int = 1000


DEFAULT = Config()
