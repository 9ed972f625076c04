"""Near-duplicate detection: word-shingle MinHash signatures and an LSH index over them."""

from __future__ import annotations

import re
import zlib
from functools import cache

import numpy as np

from cleaner import kernels

WORD = re.compile(r"\w+")
_SHIFT = np.uint64(32)
MAX_HASH = np.uint32(0xFFFFFFFF)
# Bytes of the (shingles x num_hashes) temporary of one matrix op. Under glibc's mmap threshold
# (128 KiB, which `workers.return_large_blocks` fixes): a larger block is a fresh mmap whose pages
# fault in on every call, which doubled the cost of the matrix (0.37 -> 0.18 ms/doc on the scale
# benchmark's bodies, 770 shingles on average).
MATRIX_BYTES = 128 * 1024 - 4096
MAX_BUCKET = 64  # members kept per LSH bucket, so one add verifies at most bands * MAX_BUCKET signatures


@cache
def _multipliers(n: int, seed: int) -> np.ndarray:
    """`n` fixed odd 64-bit multipliers for the vector multiply-shift hashes below."""
    m = np.random.default_rng(seed).integers(1, 2**64 - 1, size=n, dtype=np.uint64, endpoint=True) | np.uint64(1)
    m.flags.writeable = False  # cached and shared: nobody may change them
    return m


def shingle_hashes(text: str, words: int = 5, *, folded: bool = False) -> np.ndarray:
    """uint32 hashes of the word `words`-grams of `text` (case-folded, word tokens), deduplicated.

    `folded`: `text` is already case-folded (`str.casefold`), as the corpus build has it.
    """
    if words < 1:
        raise ValueError(f"shingles need at least one word, not {words}")
    tokens = WORD.findall(text if folded else text.casefold())
    if not tokens:
        return np.empty(0, np.uint32)
    # crc32 per token, not hash(): it must not change between processes. Measured fastest: blake2b costs 2.5x.
    ids = np.fromiter(map(zlib.crc32, map(str.encode, tokens)), np.uint64, len(tokens))
    n = min(words, len(ids))  # a text shorter than a shingle is one shingle of all its tokens
    m, count = _multipliers(words, 0x5EED), len(ids) - n + 1
    acc = ids[:count] * m[0]
    for i in range(1, n):
        acc += ids[i : i + count] * m[i]
    # The top half of sum(m_i * x_i) mod 2**64 is a universal hash of the 32-bit x_i (vector multiply-shift):
    # on 2.1M distinct 5-grams it lost 6% more to collisions than a truly random 32-bit function would.
    return np.unique((acc >> np.uint64(32)).astype(np.uint32))


@cache
def _coefficients(num_hashes: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The (a, b) of the `num_hashes` multiply-add-shift hashes: random 64-bit b, odd a."""
    rng = np.random.default_rng(seed)
    a = rng.integers(0, 2**64 - 1, size=num_hashes, dtype=np.uint64, endpoint=True) | np.uint64(1)
    b = rng.integers(0, 2**64 - 1, size=num_hashes, dtype=np.uint64, endpoint=True)
    a.flags.writeable = b.flags.writeable = False
    return a, b


# The i-th hash of a 32-bit shingle x is the top half of a_i * x + b_i mod 2**64 (Dietzfelbinger's
# multiply-add-shift: a strongly universal family for 32-bit keys), which numpy computes with
# wrapping multiplies and a shift. It replaced a universal hash mod the Mersenne prime 2**61 - 1,
# whose 64-bit remainder was the costliest step: 0.45 -> 0.23 ms/doc for the matrix on the 181
# Scrapinghub bodies (the tokenizing and shingling, 0.6 ms, are unchanged).
def signature(text: str, *, num_hashes: int = 112, words: int = 5, seed: int = 1, folded: bool = False) -> np.ndarray:
    """MinHash signature of `text`: `num_hashes` uint32 minima of universal hashes of its shingles."""
    if words < 1:
        raise ValueError(f"shingles need at least one word, not {words}")
    a, b = _coefficients(num_hashes, seed)
    if (k := kernels.ctext) is not None and num_hashes > 0:
        # The text kernel: the same minima, from the tokens in one pass (0.76 -> 0.26 ms a Scrapinghub body).
        sig = np.empty(num_hashes, np.uint32)
        k.minhash(text if folded else text.casefold(), words, _multipliers(words, 0x5EED), a, b, sig)
        return sig
    # A text without shingles gets all 0xFFFFFFFF: two empty texts are identical, and a real text would
    # need every one of its minima to be the largest possible value to agree with them anywhere.
    sig = np.full(num_hashes, MAX_HASH, np.uint32)
    x = shingle_hashes(text, words, folded=folded).astype(np.uint64)
    chunk = max(1, MATRIX_BYTES // (8 * num_hashes))
    for start in range(0, len(x), chunk):
        h = x[start : start + chunk, None] * a  # (shingles, num_hashes)
        h += b
        # The shift keeps order, so the top half of the least value is the least top half: one
        # shift per hash, not one per matrix cell.
        np.minimum(sig, (h.min(axis=0) >> _SHIFT).astype(np.uint32), out=sig)
    return sig


def jaccard_estimate(a: np.ndarray, b: np.ndarray) -> float:
    """Share of equal positions in two signatures: an unbiased estimate of their Jaccard similarity."""
    if a.shape != b.shape or a.size == 0:
        raise ValueError(f"signatures must be non-empty and of one shape, not {a.shape} and {b.shape}")
    return np.count_nonzero(a == b) / a.size


def _band_hashes(sig: np.ndarray, bands: int) -> np.ndarray:
    """band_keys as a uint64 array."""
    if bands <= 0 or len(sig) % bands:
        raise ValueError(f"{len(sig)} hashes do not split into {bands} bands")
    m = _multipliers(len(sig), 0xBA2D).reshape(bands, -1)
    # Distinct multipliers per position also tell equal rows in different bands apart.
    return (sig.reshape(bands, -1).astype(np.uint64) * m).sum(axis=1) >> np.uint64(4)


def band_keys(sig: np.ndarray, bands: int) -> list[int]:
    """One key per LSH band: the band's rows, so two signatures share a key iff a whole band is equal."""
    # The key is a 60-bit hash of the band, not its bytes: an int < 2**60 costs 32 bytes in a dict against
    # 72 for 32 bytes of bytes. Unequal bands collide with negligible probability, and a collision only
    # makes a candidate that verification rejects.
    return _band_hashes(sig, bands).tolist()


class NearDupIndex:
    """LSH index over MinHash signatures: finds, for each new document, an earlier near-duplicate."""

    # With 14 bands of 8 rows a pair of Jaccard s becomes a candidate with probability 1 - (1 - s**8)**14:
    # 0.77 at s = 0.75, 0.92 at 0.8, 0.99 at 0.85. Candidates are then verified against `threshold`.
    def __init__(self, *, num_hashes: int = 112, bands: int = 14, threshold: float = 0.75) -> None:
        if bands <= 0 or num_hashes % bands:
            raise ValueError(f"{num_hashes} hashes do not split into {bands} bands")
        self.num_hashes, self.bands, self.threshold = num_hashes, bands, threshold
        self._sigs = np.empty((1024, num_hashes), np.uint32)  # row -> signature, grown by doubling
        self._docs = np.empty(1024, np.int64)  # row -> the caller's id
        self._size = 0
        # Band key -> rows, in two parts to stay near 12 bytes per entry: the bulk as arrays sorted by
        # (key, row), and the recent entries in a dict of key -> row (a list from a second member on),
        # merged into the arrays once the dict has an eighth as many keys as they have entries.
        self._keys = np.empty(0, np.uint64)
        self._rows = np.empty(0, np.uint32)
        self._recent: dict[int, int | list[int]] = {}

    def __len__(self) -> int:
        return self._size

    def add(self, doc: int, sig: np.ndarray) -> tuple[int, float] | None:
        """Index `sig` under the caller's id `doc`; return (earlier doc, estimated Jaccard) of the
        earliest-added indexed document whose signature shares a band with it and whose estimated
        Jaccard is >= threshold, else None."""
        if sig.shape != (self.num_hashes,):
            raise ValueError(f"expected a signature of {self.num_hashes} hashes, got shape {sig.shape}")
        keys = _band_hashes(sig, self.bands)
        lo, hi = np.searchsorted(self._keys, keys), np.searchsorted(self._keys, keys, side="right")
        parts = [self._rows[i:j] for i, j in zip(lo.tolist(), hi.tolist(), strict=True) if j > i]
        sizes, recent, keys_list = (hi - lo).tolist(), [], keys.tolist()
        for band, key in enumerate(keys_list):
            members = self._recent.get(key)
            if isinstance(members, int):
                recent.append(members)
                sizes[band] += 1
            elif members:
                recent.extend(members)
                sizes[band] += len(members)
        if recent:
            parts.append(np.array(recent, np.uint32))
        found = self._verify(np.unique(np.concatenate(parts)), sig) if parts else None
        row = self._append(doc, sig)
        for key, size in zip(keys_list, sizes, strict=True):
            # A full bucket takes no more members: its earliest MAX_BUCKET stay candidates, and the new
            # document remains findable through its other bands. One whose every bucket is full of
            # documents unlike it is not indexed at all: the price of a bounded add.
            if size >= MAX_BUCKET:
                continue
            members = self._recent.get(key)
            if members is None:
                self._recent[key] = row
            elif isinstance(members, int):
                self._recent[key] = [members, row]
            else:
                members.append(row)
        if len(self._recent) > max(1 << 16, len(self._keys) >> 3):
            self._merge()
        return found

    def _verify(self, rows: np.ndarray, sig: np.ndarray) -> tuple[int, float] | None:
        """(doc, estimate) of the first of `rows` (ascending) that is similar enough to `sig`, if any."""
        # Earliest first in small batches: a true copy of a much-copied text stops after the first batch
        # (0.14 ms per add measured), and the worst case, no match among bands * MAX_BUCKET = 896
        # candidates, costs one pass over them (0.7-0.9 ms, about one signature).
        for start in range(0, len(rows), 64):
            batch = rows[start : start + 64]
            similar = np.count_nonzero(self._sigs[batch] == sig, axis=1) / self.num_hashes
            hits = np.flatnonzero(similar >= self.threshold)
            if hits.size:
                return int(self._docs[batch[hits[0]]]), float(similar[hits[0]])
        return None

    def _append(self, doc: int, sig: np.ndarray) -> int:
        """Store `sig` and `doc` in the next row and return that row."""
        row = self._size
        if row == len(self._docs):
            self._sigs = np.concatenate([self._sigs, np.empty_like(self._sigs)])
            self._docs = np.concatenate([self._docs, np.empty_like(self._docs)])
        self._sigs[row], self._docs[row] = sig, doc
        self._size += 1
        return row

    def _merge(self) -> None:
        """Move the recent entries into the sorted arrays."""
        keys, rows = [], []
        for key, members in self._recent.items():
            if isinstance(members, int):
                keys.append(key)
                rows.append(members)
            else:
                keys.extend([key] * len(members))
                rows.extend(members)
        new_keys, new_rows = np.array(keys, np.uint64), np.array(rows, np.uint32)
        order = np.lexsort((new_rows, new_keys))
        new_keys, new_rows = new_keys[order], new_rows[order]
        # Every recent row is later than every merged one, so inserting after equal keys keeps (key, row) order.
        at = np.searchsorted(self._keys, new_keys, side="right")
        self._keys, self._rows = np.insert(self._keys, at, new_keys), np.insert(self._rows, at, new_rows)
        self._recent = {}
