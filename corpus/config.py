"""The corpus build's thresholds and budgets: one frozen `CorpusConfig`, each field commented
with what it was chosen on. The cleaner's own thresholds are `cleaner.Config`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CorpusConfig:
    """Deduplication, repeated-line mining and per-document budgets of `build` and `documents`."""

    # Near-duplicates: MinHash over word `shingle_words`-grams of the body, FineWeb's 112
    # hashes as 14 bands of 8 rows. A pair that shares a band is a near-duplicate when its estimated Jaccard similarity is at least
    # `near_dup_threshold` (FineWeb's 0.75); with 14x8 bands a pair at 0.75 shares a band with
    # probability 0.77, at 0.85 with 0.99.
    shingle_words: int = 5
    minhash_hashes: int = 112
    minhash_bands: int = 14
    near_dup_threshold: float = 0.75
    # A body line (normalized as CCNet does: case-folded, digits as 0, punctuation removed) that
    # is in at least this many kept documents of one site (its URL's host, else its site name,
    # else the whole corpus) is chrome the rules missed, and is dropped as `repeated-line`; 0
    # turns this off. On the 5,000-document corpus of benchmarks/bench_corpus.py (about 8
    # stories per site) the kept text's F1 was 0.956 at 2, 0.957 at 3 and 5, 0.946 at 10 and
    # 0.937 with the pass off; recall moved by at most 0.006. 3 is the smallest of the best,
    # so that small sites are learned too.
    repeated_line_min_docs: int = 3
    # What the `text` column holds: "text" (`Document.text`, a block a line) or "markdown"
    # (`Document.markdown`); recorded in the Parquet file's schema metadata (`TEXT_FORMAT_KEY`).
    # Deduplication and the body filters read the plain text either way.
    text_format: str = "text"

    # Budgets of one document: a document over one is listed
    # as a failure with its reason, or counted (`degenerate`, `too-large` bodies), and the build
    # goes on. Measured on this project's 2-core machine.
    # Bytes read per document (a file, after gunzip; a JSON Lines line; a WARC payload), checked
    # before anything is decoded, else `too-large`. The largest page of the gold sets is 1.5 MB;
    # at 8 MiB a text document took 1.9 s of CPU and 110 MB more memory to clean, an HTML page
    # 0.4 s (gold pages run together); trafilatura's own limit is 20 MB. 0 turns it off.
    max_document_bytes: int = 8 * 1024 * 1024
    # CPU seconds (not wall-clock: the build's output must not depend on the machine's load or
    # the number of workers) to read and clean one document, else `timeout`. Of the 497 gold
    # pages and seeds the slowest took 0.5 s (median 7 ms), an 8 MiB text document 1.9 s; 20 s
    # leaves a slower machine 10x room, and stops a pathological page early: an unclosed
    # <script> of 50 KB took 25 s, of 100 KB 101 s (the cost grows with the square of the size).
    # 0 turns the limit off.
    document_timeout: float = 20.0
    # A document whose first 4 KiB (after a BOM; read as UTF-16 when they are that) hold more
    # than this share of control bytes (C0 but tab, line breaks, form feed and escape; DEL), or
    # that starts with an image's, archive's or executable's signature, is `not-text`. The 520
    # gold and fixture files hold none; random bytes (compressed or image data) hold 10.5%.
    not_text_max_control: float = 0.05
    # A cleaned body of more than this many words (as the n_words column counts) is left out as
    # `too-large`: Gopher's upper bound (MassiveText keeps documents of 50 to 100,000 words).
    # The longest gold body has 18,828 words. 0 turns it off.
    max_body_words: int = 100_000
    # A cleaned body that repeats itself is left out as `degenerate`, by Gopher's repetition
    # rules (Rae et al. 2021, MassiveText quality filters), each over its limit: the share of its
    # lines that repeat an earlier line, and of its characters in those lines; and, for a body of
    # at least `degenerate_min_words` words (Gopher's shortest document), the share of its word
    # characters that its most frequent word 2-, 3- and 4-gram covers. Checked on the 316 gold
    # bodies (Scrapinghub, Readability, seeds) and the cleaner's 497 bodies of their pages:
    # the n-gram limits are Gopher's, and the highest shares there (bodies of 50 words or more)
    # are 0.106, 0.122 and 0.146. Gopher's line limits (0.3 of lines, 0.2 of characters) would
    # drop 22 gold bodies: Readability test pages repeat one Lorem ipsum paragraph (svg-parsing:
    # 0.8 of lines and characters), a Scrapinghub meal plan its headings (0.69 of lines); at 0.9
    # none is dropped, and a body that is one line said 11 times or more still is.
    degenerate_dup_lines: float = 0.9
    degenerate_dup_line_chars: float = 0.9
    degenerate_min_words: int = 50
    degenerate_top_2gram: float = 0.20
    degenerate_top_3gram: float = 0.18
    degenerate_top_4gram: float = 0.16


CORPUS_DEFAULT = CorpusConfig()
