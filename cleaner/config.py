"""One frozen set of thresholds for the whole cleaner."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace


@dataclass(frozen=True, slots=True)
class Config:
    """Every tunable threshold, named, with what it was tuned on."""

    # Unless said otherwise, a text-path value was tuned on the 181 Scrapinghub pages rendered to
    # text (tests/data/scrapinghub-text) by a grid search on F1, and checked on the five seeds.

    # Block grades, jusText's scheme (its defaults: 70/200 chars, stop-word density 0.30/0.32).
    # Lines shorter than `short_chars` are undecided and take their class from their neighbours;
    # 40 beat 30 and 60. A good block has `good_chars` or more (80 beat 60 and 120).
    short_chars: int = 40
    good_chars: int = 80
    # A medium block ending like a sentence with this many words is near-good even when its
    # language has no stop-word list.
    near_good_words: int = 6
    # Stop-word density of prose (of a block's first `blocks.HEAD_CHARS` characters, words split
    # on whitespace as jusText does): at least `low` for near-good, and `high` counts as prose
    # without a full stop. jusText's 0.30/0.32 were tuned for tokens split on punctuation too.
    # With whitespace tokens, on the text renders: low 0.22 beat 0.20 and 0.25 (F1 0.8962, 0.8972,
    # 0.8957); high 0.42 beat 0.32, 0.38 and 0.50 (F1 0.886 at 0.32); checked on both HTML sets,
    # which held or gained (Scrapinghub 0.9585 -> 0.9592, readability 0.9198 -> 0.9234).
    stop_density_low: float = 0.22
    stop_density_high: float = 0.42
    # A block with more than this share of its text in links is chrome (HTML only). On
    # trafilatura-dev 0.5/0.6/0.7/0.8/0.9 gave F1 0.9184/0.9201/0.9205/0.9199/0.9182 (with the
    # lead's lookback at 32); Scrapinghub and Readability rose with it up to 0.8, and so did the
    # Markdown structure (list items and table rows that link, such as a table of fixtures).
    max_link_density: float = 0.7
    # A run of at least this many short blocks is a menu: none of them joins the body. 2 beat 3
    # and 4 (F1 +0.002).
    menu_run: int = 2
    # Tickers: at least this many time stamps, each at most `ticker_gap` blocks after the last
    # (a stamp, a label such as "Exclusive", one or two headlines).
    ticker_min_stamps: int = 3
    ticker_gap: int = 4
    # Galleries: at least this many slideshow counters of one total, counting up, each at most
    # `gallery_gap` blocks after the last (a counter, a caption, a credit, a second paragraph).
    # Chosen as tickers were, not tuned: 3 rules out a pair of chance matches.
    gallery_min_slides: int = 3
    gallery_gap: int = 5
    # Main region (max-subarray over blocks): a good block gains its length; a chrome block costs
    # `region_chrome_cost` times its length (at least `region_chrome_min_chars`), a bad one
    # `region_bad_cost` times, and every non-good block `region_block_cost` more, so runs of
    # short chrome split the page. 30 beat 0 (F1 0.883), 10, 20 and 50.
    region_chrome_cost: float = 1.0
    region_bad_cost: float = 1.0
    region_chrome_min_chars: int = 40
    region_block_cost: float = 30.0
    # Prose blocks of at least this many words that occur twice on a page are teasers or menus
    # (F1 0.869 -> 0.884).
    repeat_min_words: int = 4
    # ... unless its copies follow each other within this many blocks: the page repeating its own
    # paragraph, not a teaser shown elsewhere. Chosen on the readability set (F1 0.9266 at 2,
    # 0.9352 at 3 and 5, with the rule that sentences count as prose on a page with no good
    # block); checked on the text renders (0.9096 -> 0.9076 against 0) and Scrapinghub (0.9595 both).
    repeat_near_blocks: int = 3
    # Headline: how far before the article to look, and its size in words; a site-name line
    # above it has at most `site_name_max_words` words.
    title_lookback: int = 4
    title_min_words: int = 2
    title_max_words: int = 25
    site_name_max_words: int = 4
    # Language: the stop-word vote reads at most `language_sample_chars` characters of likely body
    # text, so its cost does not grow with the document; langdetect, which settles the close
    # calls only, reads the first `language_detect_chars` of the article's body: on text it cannot
    # place, such as lorem ipsum, its answer depends on how much it reads, and the language column
    # should be what it says of the whole article. Agreement with langdetect on whole gold bodies
    # (benchmarks/bench_language.py, 497 pages): 492 at 2,000 and 3,000, 493 at 5,000 and 10,000
    # characters; langdetect takes 10, 22 and 28 ms on 2,000, 5,000 and 10,000.
    language_sample_chars: int = 500
    language_detect_chars: int = 5000
    # The stop-word vote names the language, sparing langdetect, when the sample has at least
    # `language_vote_min_words` words, at least `language_vote_min_share` of them are the
    # winner's stop words, and the winner has `language_vote_margin` times the runner-up's votes.
    language_vote_min_words: int = 15
    language_vote_min_share: float = 0.15
    language_vote_margin: float = 1.5
    # Readers' comments: kept after the body (as trafilatura's `include_comments`) when True; a
    # comment is a block of at least `comment_min_words` words that no rule names and that is not
    # mostly links ("Reply", "Jane said:", ratings and share lines stay out).
    include_comments: bool = False
    comment_min_words: int = 3
    # HTML: a class/id-hinted or chrome-tag node (nav, aside, form, page header/footer) is pruned
    # unless it holds at least this many characters of text that is mostly not links (then it is
    # more likely the article's wrapper: ASP.NET's page-wide <form>, "post tag-x" article
    # classes). Tuned on the 181 Scrapinghub pages.
    html_prune_max_chars: int = 2000
    # HTML: a table row of at most this many characters, with no table inside, is one block
    # even when its cells hold paragraphs or line breaks (a data table's row); a longer one is
    # a layout table's, whose cells are blocks of their own. Data rows of the 130 Readability
    # pages hold at most ~600 characters; layout rows that hold an article, thousands.
    html_row_max_chars: int = 1000
    # HTML: below this many body characters the fast path found too little, and trafilatura
    # reads the page instead. Tuned on the 181 Scrapinghub pages.
    html_fallback_chars: int = 200
    # HTML: elements nested deeper than this are flattened before parsing (their text kept), so
    # a page's parse stays linear in its size: Chromium's parser nests no deeper than 512.
    html_max_depth: int = 512
    # HTML: a walk that meets more than `html_max_elements_per_tag` elements per "<" of the
    # source (plus 10,000) is over a parse that unclosed formatting tags (<b>, <font>, <a>)
    # multiplied: an HTML5 parser reopens every open one in each new paragraph, so 1,000
    # paragraphs each opening an unclosed <b class=N> build 500,000 elements. The page is then
    # parsed again with at most `html_max_open_formatting` formatting elements open at once,
    # the other formatting tags dropped and their text kept. The 311 gold pages of Scrapinghub
    # and Readability walk at most 0.49 elements per "<"; 4 leaves 8 times that.
    html_max_elements_per_tag: int = 4
    html_max_open_formatting: int = 16
    # HTML: the article root is the deepest element holding this share of the classifier's body
    # text. Tuned on the 181 Scrapinghub pages.
    html_root_share: float = 0.8
    # HTML: a class/id-hinted element too big to prune on sight is chrome when it holds less than
    # this share of the body text, else part of the article (wrappers such as "grid--adrail" that
    # hold one chunk of a chunked article). 0.2-0.35 score alike on the 181 Scrapinghub pages.
    html_hint_keep_share: float = 0.25
    # HTML: a declared language (<html lang>, og:locale) is trusted, sparing langdetect, when at
    # least this share of the prose's words are its stop words. On the 181 Scrapinghub pages
    # right declarations score 0.25-0.6, stale ones (lang="en" on German pages) 0.02-0.11, and
    # English prose read with German stop words 0.17.
    html_declared_min_stop: float = 0.2
    # The lead paragraph set apart from the article (`classify.mark_lead`; on a page, in a header
    # box of its own): how many blocks before the article to look, and what a lead is (characters,
    # share in links). On
    # trafilatura-dev 140 and 100 score alike (F1 0.9109) and 180 less (0.9084); Scrapinghub, whose
    # gold leaves deks and captions out, holds at 140 (0.960) and loses at 100 (0.959). The
    # headline ends the walk, so the lookback only bounds it: 8/16/32/48 gave 0.9164/0.9188/0.9201/
    # 0.9197 on trafilatura-dev, Scrapinghub the same, Readability 0.9451 -> 0.9469 at 32.
    lead_lookback: int = 32
    lead_min_chars: int = 140
    lead_max_links: float = 0.3
    # HTML: short lines (at most this many words) after the article's last prose are its trailer
    # and stay out though inside the article's root; 0 keeps them (see `favor`).
    html_trailer_words: int = 0
    # HTML: keep figure captions (<figcaption>) in the body; by default they are chrome (`caption`).
    html_keep_captions: bool = False
    # HTML dates (`metadata.page_date`): the days a page shows are read from the headline to the
    # body's first block (at most `date_header_blocks` on), `date_after_blocks` after it and
    # `date_before_blocks` before the headline; of a block longer than `date_short_chars` only the
    # first `date_lead_chars`. Tuned on htmldate's evaluation pages (dates-dev, days shown and data
    # alone: 412 right of 434 given at 3 after and 5 before, 421 of 441 at 4 and 8, 422 of 443 at
    # 5 and 10; the other values score alike within a page or two either way).
    date_header_blocks: int = 12
    date_after_blocks: int = 4
    date_before_blocks: int = 8
    date_short_chars: int = 120
    date_lead_chars: int = 30
    # HTML dates of the pages that show none: htmldate reads at most `date_search_max_chars` of the
    # page, checked against the days written in the first `date_written_max_chars` of its text
    # (both cost about 0.1 s on 200,000 characters that are all dates; on dates-dev the whole page
    # gives the same right answers and one more wrong one).
    date_search_max_chars: int = 200_000
    date_written_max_chars: int = 50_000
    # Precision or recall: "precision" and "recall" move the thresholds in `FAVOR` (those the
    # caller left at their defaults), as trafilatura's favor_precision / favor_recall do.
    favor: str = "balanced"

    def __post_init__(self) -> None:
        if self.favor not in FAVOR:
            raise ValueError(f"favor must be one of {', '.join(FAVOR)}, not {self.favor!r}")
        defaults = _DEFAULTS
        for name, value in FAVOR[self.favor].items():
            if getattr(self, name) == defaults[name]:
                object.__setattr__(self, name, value)


# What `Config.favor` moves. Chosen on trafilatura-dev and Scrapinghub, checked on Readability
# (docs/benchmarks.md, "Precision or recall", has the figures): "precision" keeps a smaller root and drops the
# article's trailer and borderline prose; "recall" lets the region run on across short chrome and
# keeps shorter leads and figure captions.
FAVOR: dict[str, dict[str, object]] = {
    "balanced": {},
    "precision": {"html_root_share": 0.7, "html_trailer_words": 4, "stop_density_low": 0.28},
    "recall": {"region_block_cost": 15.0, "lead_min_chars": 80, "html_keep_captions": True},
}
_DEFAULTS = {f.name: f.default for f in fields(Config)}
DEFAULT = Config()


def with_comments(config: Config, include_comments: bool | None) -> Config:
    """`config` with `include_comments` set, when the caller gave it (the keyword of `clean_text` and `clean_html`)."""
    if include_comments is None or include_comments == config.include_comments:
        return config
    return replace(config, include_comments=include_comments)
