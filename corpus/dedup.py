"""Duplicates and repeated lines: what a corpus build decides across documents, in input order.

- exact duplicates: the same body once normalized (`normalize`: case-folded, whitespace runs
  made one space), found by its sha256 (`body_digest`, whose hex is the `content_hash` column);
- near-duplicates: MinHash LSH (`minhash.NearDupIndex`) over word 5-grams;
- repeated lines: a body line, normalized as CCNet does, found in many kept documents of one
  site (`line_keys`, `repeated`) is chrome the rules missed, dropped as `repeated-line`.
"""

from __future__ import annotations

import hashlib
import re
from array import array
from collections.abc import Iterable
from functools import partial
from operator import methodcaller
from urllib.parse import urlsplit

import numpy as np

from cleaner import Document, kernels

from .config import CorpusConfig
from .minhash import NearDupIndex

EXACT, NEAR = "exact", "near"
# The reason of a line dropped for being repeated across a site (registered in `cleaner.rules.LABELS`).
REPEATED_LINE = "repeated-line"


def normalize(text: str, *, folded: bool = False) -> str:
    """The body as exact-duplicate detection sees it: case-folded, whitespace runs made one space.

    `folded`: `text` is already case-folded (`str.casefold`).
    """
    return " ".join((text if folded else text.casefold()).split())


def body_digest(text: str, *, folded: bool = False) -> bytes:
    """sha256 of the normalized body: the exact-duplicate key, and as hex the `content_hash` column."""
    return hashlib.sha256(normalize(text, folded=folded).encode("utf-8")).digest()


def content_hash(text: str) -> str:
    """Hex sha256 of the normalized body."""
    return body_digest(text).hex()


_PUNCTUATION = re.compile(r"[^\w\s]+")
_DIGIT = re.compile(r"\d")
_BLANK_RUNS = re.compile(r"\n{3,}")


def normalize_line(line: str) -> str:
    """A line as repeated-line counting sees it (CCNet): case-folded, digits as 0, no punctuation."""
    return " ".join(_DIGIT.sub("0", _PUNCTUATION.sub("", line.casefold())).split())


def line_key(site: str, line: str) -> int:
    """64-bit key of a normalized line within a site: the unit of repeated-line counting."""
    return int(line_keys(site, line)[0])


def line_keys(site: str, text: str, *, folded: bool = False) -> np.ndarray:
    """`line_key` of every line of `text`, normalized in one pass over the text and hashed in C.

    `folded`: `text` is already case-folded (`str.casefold`).
    """
    text = text if folded else text.casefold()
    if (k := kernels.ctext) is not None:
        # The text kernel normalizes in one pass (a Scrapinghub body: 0.43 -> 0.1 ms for the keys).
        lines: Iterable[str] = k.ccnet_lines(text).split("\n")
    else:
        lines = map(" ".join, map(str.split, _DIGIT.sub("0", _PUNCTUATION.sub("", text)).split("\n")))
    data = map(str.encode, map(f"{site}\n".__add__, lines))
    digests = map(methodcaller("digest"), map(partial(hashlib.blake2b, digest_size=8), data))
    return np.frombuffer(b"".join(digests), dtype="<u8").astype(np.uint64)


def site_key(doc: Document) -> str:
    """The site a document's lines are counted in: its URL's host, else its site name, else ''."""
    if doc.url:
        host = (urlsplit(doc.url).hostname or "").removeprefix("www.")
        if host:
            return host
    return (doc.site or "").casefold()


class Dedup:
    """Exact and near-duplicate decisions, in input order; the first document of a cluster is kept."""

    def __init__(self, config: CorpusConfig) -> None:
        self.exact: dict[bytes, int] = {}  # body digest -> first document with it
        self.near = NearDupIndex(
            num_hashes=config.minhash_hashes, bands=config.minhash_bands, threshold=config.near_dup_threshold
        )
        self.root = array("q")  # document number -> number of its cluster's kept document
        self.size: dict[int, int] = {}  # kept document number -> its cluster's size
        self.ids: dict[int, str] = {}  # kept document number -> its id

    def add(self, digest: bytes, signature: np.ndarray, doc_id: str) -> tuple[str, int, float] | None:
        """None if the document is kept, else (kind, number of its cluster's kept document, similarity)."""
        n = len(self.root)
        match: tuple[str, int, float] | None = None
        if (first := self.exact.get(digest)) is not None:
            match = (EXACT, first, 1.0)
        else:
            self.exact[digest] = n
            if (near := self.near.add(n, signature)) is not None:
                match = (NEAR, near[0], near[1])
        if match is None:
            self.root.append(n)
            self.size[n] = 1
            self.ids[n] = doc_id
            return None
        kind, other, similarity = match
        root = self.root[other]
        self.root.append(root)
        self.size[root] += 1
        return kind, root, similarity


def repeated(keys: list[np.ndarray], min_docs: int) -> np.ndarray:
    """The line keys found in at least `min_docs` of the documents (each given its unique keys), sorted."""
    if min_docs <= 0 or not keys:
        return np.empty(0, dtype=np.uint64)
    values, counts = np.unique(np.concatenate(keys), return_counts=True)
    return values[counts >= min_docs]


def _among(keys: np.ndarray, sorted_keys: np.ndarray) -> np.ndarray:
    """Whether each of `keys` is in `sorted_keys`: `np.isin`, by binary search (isin sorts both, 0.3 ms a document)."""
    if not sorted_keys.size:
        return np.zeros(len(keys), bool)
    at = np.searchsorted(sorted_keys, keys)
    return sorted_keys[np.minimum(at, len(sorted_keys) - 1)] == keys


def drop_repeated_markdown(markdown: str, site: str, repeated_keys: np.ndarray) -> str:
    """`markdown` without the lines whose key is in `repeated_keys` (sorted): the lines `drop_repeated` took from its plain text.

    A Markdown line has the key of its plain line: the markers ("#", "-", "|", ">") are
    punctuation, which the key leaves out. Lines with no words (blank lines between blocks, a
    table's separator row) are never dropped, and the blank lines left doubled are made one.
    """
    keys = line_keys(site, markdown)
    drop = _among(keys, repeated_keys) & (keys != line_keys(site, "")[0])
    if not drop.any():
        return markdown
    lines = [line for line, d in zip(markdown.split("\n"), drop, strict=True) if not d]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip("\n")


def drop_repeated(text: str, keys: np.ndarray, repeated_keys: np.ndarray) -> tuple[str, list[str]]:
    """`text` without its lines whose key is in `repeated_keys` (sorted, as `repeated` gives them), and those lines."""
    if not repeated_keys.size:
        return text, []
    drop = _among(keys, repeated_keys)
    if not drop.any():
        return text, []
    lines = text.split("\n")
    kept = [line for line, d in zip(lines, drop, strict=True) if not d]
    return "\n".join(kept), [line for line, d in zip(lines, drop, strict=True) if d]
