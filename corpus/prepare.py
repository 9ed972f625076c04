"""What a worker makes of one source for the corpus build: the cleaned Document and its dedup keys.

Kept apart from `pipeline` so that the worker processes (and the forkserver they fork from)
import the cleaner and numpy, not pyarrow, which only the main process writes with.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from operator import itemgetter
from typing import NamedTuple

import numpy as np

from cleaner import Config, Document

from .config import CorpusConfig
from .dedup import body_digest, line_keys, site_key
from .filters import body_verdict
from .minhash import signature
from .sources import Source
from .workers import clean_source


class Cleaned(NamedTuple):
    """A cleaned source with what the main process needs to deduplicate it (sent back by a worker)."""

    doc: Document
    digest: bytes  # `dedup.body_digest`: the exact-duplicate key and, as hex, the content hash
    signature: np.ndarray  # MinHash
    line_keys: np.ndarray  # uint64 hash of (site, normalized line), one per body line
    # Dropped blocks per reason, when `doc.dropped` was emptied to spare moving it between
    # processes and through the spill (a build writes the counts only); else None.
    reasons: Counter[str] | None
    # DEGENERATE or TOO_LARGE when the body is left out for itself (`doc` is then emptied and
    # nothing else computed); else None.
    verdict: str | None


NO_KEYS = np.empty(0, dtype=np.uint64)


def clean_for_corpus(source: Source, config: Config, corpus_config: CorpusConfig, keep_dropped: bool) -> Cleaned:
    """What a worker makes of one source: the Document, or the verdict that leaves it out, and its keys."""
    doc = clean_source(source, config=config, corpus_config=corpus_config)
    text, site = doc.text, site_key(doc)
    body = hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()
    (verdict,) = _remembered(("verdict", corpus_config, body), lambda: (body_verdict(text, corpus_config),))
    if verdict is not None:
        return Cleaned(Document(text=""), b"", NO_KEYS, NO_KEYS, None, verdict)
    digest, sig, keys = _remembered(("keys", corpus_config, site, body), lambda: _keys(text, site, corpus_config))
    reasons = None
    if not keep_dropped:
        reasons = Counter(map(itemgetter(1), doc.dropped))
        doc.dropped = []
    return Cleaned(doc, digest, sig, keys, reasons, None)


def _keys(text: str, site: str, corpus_config: CorpusConfig) -> tuple[bytes, np.ndarray, np.ndarray]:
    """The body's digest, MinHash signature and line keys (read-only: `_remembered` may hand them out again)."""
    folded = text.casefold()  # once for the three keys, which all read the case-folded body
    digest = body_digest(folded, folded=True)
    sig = signature(folded, num_hashes=corpus_config.minhash_hashes, words=corpus_config.shingle_words, folded=True)
    keys = line_keys(site, folded, folded=True)
    sig.flags.writeable = keys.flags.writeable = False
    return digest, sig, keys


# The verdicts and keys of the last bodies this process saw, by (config, site, sha256 of the body):
# an exact copy (a re-crawl, a mirror: a fifth of the scale benchmark's documents) that comes to
# the same worker skips them, 1 ms of the 4 its cleaning and keys cost.
_SEEN: dict[tuple, tuple] = {}
_SEEN_MAX = 4096


def _remembered(key: tuple, make: Callable[[], tuple]) -> tuple:
    """`make()`, or what it gave for `key` not long ago."""
    value = _SEEN.get(key)
    if value is None:
        if len(_SEEN) >= _SEEN_MAX:
            del _SEEN[next(iter(_SEEN))]  # the oldest
        value = _SEEN[key] = make()
    return value
