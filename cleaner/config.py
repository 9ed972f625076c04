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
    # A run of at least this many short blocks is a menu: none of them can join the body.
    menu_run: int = 2
    # Tickers: at least this many time stamps, each at most `ticker_gap` blocks after the last.
    ticker_min_stamps: int = 3
    ticker_gap: int = 4
    # Main region: a chrome block costs this many times its length, a bad block this many.
    region_chrome_cost: float = 1.0
    region_bad_cost: float = 1.0
    region_chrome_min_chars: int = 40
    region_block_cost: float = 30.0
    # Prose blocks of at least this many words that occur twice on a page are chrome.
    repeat_min_words: int = 4
    # Headline: how far before the article to look, and its size in words.
    title_lookback: int = 4
    title_min_words: int = 2
    title_max_words: int = 25
    site_name_max_words: int = 4
    # Language: langdetect reads at most this many characters of likely body text, so its
    # cost does not grow with the document.
    language_sample_chars: int = 1000
    # HTML: a class/id-hinted or chrome-tag node (nav, aside, form, page header/footer) is pruned
    # unless it holds at least this many characters of text that is mostly not links (then it is
    # more likely the article's wrapper: ASP.NET's page-wide <form>, "post tag-x" article
    # classes). Tuned on the 181 Scrapinghub pages.
    html_prune_max_chars: int = 2000
    # HTML: below this many body characters the fast path found too little, and trafilatura
    # reads the page instead. Tuned on the 181 Scrapinghub pages.
    html_fallback_chars: int = 200
    # HTML: the article root is the deepest element holding this share of the classifier's body
    # text. Tuned on the 181 Scrapinghub pages.
    html_root_share: float = 0.8
    # HTML: a class/id-hinted element too big to prune on sight is chrome when it holds less than
    # this share of the body text, else the article's wrapper. Tuned on the 181 Scrapinghub pages.
    html_hint_keep_share: float = 0.5


DEFAULT = Config()
