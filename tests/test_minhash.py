"""MinHash signatures and the near-duplicate index: accuracy against exact Jaccard, determinism, LSH lookups."""

from __future__ import annotations

import math
import os
import random
import re
import subprocess
import sys
from contextlib import nullcontext

import numpy as np
import pytest

from cleaner import kernels
from corpus.minhash import (
    NearDupIndex,
    band_keys,
    jaccard_estimate,
    shingle_hashes,
    signature,
)

from .conftest import ROOT


def distinct_words(n: int, seed: int) -> list[str]:
    """`n` different lowercase words, so that every 5-gram of them is different too."""
    rng, words = random.Random(seed), dict[str, None]()
    while len(words) < n:
        words["".join(rng.choices("abcdefghijklmnopqrstuvwxyz", k=rng.randint(3, 9)))] = None
    return list(words)


def exact_jaccard(a: str, b: str) -> float:
    """Jaccard similarity of the sets of word 5-grams, computed from the tuples themselves."""

    def grams(text: str) -> set[tuple[str, ...]]:
        tokens = re.findall(r"\w+", text.casefold())
        return {tuple(tokens[i : i + 5]) for i in range(len(tokens) - 4)}

    x, y = grams(a), grams(b)
    return len(x & y) / len(x | y)


def sliding_pair(k: int) -> tuple[str, str]:
    """Two 400-word texts, the second starting `k` words later: Jaccard (396 - k) / (396 + k) for k < 396."""
    words = distinct_words(400 + k, seed=k)
    return " ".join(words[:400]), " ".join(words[k : k + 400])


PAIRS = [(0, 1.0), (21, 0.899), (57, 0.748), (132, 0.5), (264, 0.2), (400, 0.0)]  # k, exact Jaccard


@pytest.mark.parametrize(("k", "jaccard"), PAIRS)
def test_estimate_is_within_four_sigma_of_exact_jaccard(k: int, jaccard: float) -> None:
    a, b = sliding_pair(k)
    exact = exact_jaccard(a, b)
    assert exact == pytest.approx(jaccard, abs=1e-3)
    sigma = math.sqrt(exact * (1 - exact) / 112)  # the estimator's standard deviation with 112 hashes
    assert jaccard_estimate(signature(a), signature(b)) == pytest.approx(exact, abs=4 * sigma)


@pytest.mark.parametrize(("k", "jaccard"), PAIRS[1:-1])
def test_estimate_is_unbiased_over_seeds(k: int, jaccard: float) -> None:
    # Averaged over 30 independent hash families the standard deviation shrinks by sqrt(30), so a biased or
    # badly mixed hash family cannot hide in the single-signature tolerance above.
    a, b = sliding_pair(k)
    estimates = [jaccard_estimate(signature(a, seed=s), signature(b, seed=s)) for s in range(30)]
    sigma = math.sqrt(jaccard * (1 - jaccard) / (112 * 30))
    assert np.mean(estimates) == pytest.approx(jaccard, abs=4 * sigma)


def test_shingles_are_word_five_grams() -> None:
    words = distinct_words(50, seed=1)
    assert len(shingle_hashes(" ".join(words))) == 46
    assert len(shingle_hashes(" ".join(words), words=3)) == 48
    assert len(shingle_hashes(" ".join(words[:5] * 20))) == 5  # deduplicated: five rotations repeat
    # The same bag of words in reverse order shares no 5-gram.
    assert not set(shingle_hashes(" ".join(words))) & set(shingle_hashes(" ".join(reversed(words))))
    assert shingle_hashes("x").dtype == np.uint32


def test_case_whitespace_and_punctuation_do_not_change_the_signature() -> None:
    words = distinct_words(60, seed=2)
    plain = " ".join(words)
    noisy = "  ".join(w.upper() if i % 3 else f"{w.title()}," for i, w in enumerate(words)).replace(" ", "\n\t", 7)
    assert plain != noisy
    assert np.array_equal(signature(plain), signature(noisy))
    # Dropping one of 56 shingles leaves all 112 minima as they were with probability (55/56)**112, 13%:
    # dropping ten changes some with certainty but for (46/56)**112, below 1e-9.
    assert not np.array_equal(signature(plain), signature(" ".join(words[10:])))


def test_signature_shape_and_type() -> None:
    sig = signature("one two three four five six", num_hashes=64)
    assert sig.shape == (64,)
    assert sig.dtype == np.uint32
    assert len(set(sig.tolist())) > 1  # 64 different hash functions, not one repeated


def test_long_documents_are_chunked_without_changing_the_result() -> None:
    # 9,996 shingles take three chunks; four overlapping parts of under 4,096 shingles each cover the same
    # shingles, so the minima of their signatures are the minima over the whole text.
    words = distinct_words(10_000, seed=3)
    whole = signature(" ".join(words))
    parts = [signature(" ".join(words[i : i + 2504])) for i in range(0, 10_000, 2500)]
    assert np.array_equal(whole, np.minimum.reduce(parts))


def test_signatures_are_the_same_in_another_process() -> None:
    text = "Deterministic: the same text, the same signature, whatever the interpreter's hash seed."
    code = f"from corpus.minhash import signature; print(signature({text!r}).tolist())"
    for hash_seed in ("1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed, "PYTHONPATH": str(ROOT)}
        out = subprocess.run(
            [sys.executable, "-c", code], check=False, env=env, cwd=ROOT, capture_output=True, text=True
        )
        assert out.returncode == 0, out.stderr
        assert out.stdout.strip() == str(signature(text).tolist())


def test_signatures_are_pinned() -> None:
    # Saved signatures are only comparable with new ones while the hashing stays the same: this fails if the
    # tokenizer, the shingle hash, the (a, b) draw or numpy's generator stream change.
    assert signature("The quick brown fox jumps over the lazy dog")[:4].tolist() == PINNED


PINNED = [582288058, 673399682, 2210887873, 694969834]


def test_short_texts_are_one_shingle() -> None:
    assert len(shingle_hashes("Only three words")) == 1
    assert len(shingle_hashes("exactly five words right here")) == 1
    assert np.array_equal(signature("Only three words"), signature("only, THREE words!"))
    assert jaccard_estimate(signature("only three words"), signature("only three wordz")) == 0.0
    # Four words are not the first shingle of a longer text that starts with them.
    assert jaccard_estimate(signature("a b c d"), signature("a b c d e")) == 0.0
    assert not np.any(signature("hi") == 0xFFFFFFFF)


@pytest.mark.parametrize("empty", ["", "   \n\t", "... -- !!!"])
def test_texts_without_words_have_the_empty_signature(empty: str) -> None:
    assert shingle_hashes(empty).size == 0
    sig = signature(empty)
    assert sig.dtype == np.uint32
    assert np.all(sig == 0xFFFFFFFF)
    assert jaccard_estimate(sig, signature("")) == 1.0
    assert jaccard_estimate(sig, signature("a real text with words")) == 0.0


def test_jaccard_estimate_counts_equal_positions() -> None:
    a = np.arange(8, dtype=np.uint32)
    b = a.copy()
    b[[1, 5]] = 99
    assert jaccard_estimate(a, b) == 0.75
    with pytest.raises(ValueError):
        jaccard_estimate(a, a[:4])


def test_band_keys() -> None:
    sig = signature(" ".join(distinct_words(30, seed=4)))
    keys = band_keys(sig, 14)
    assert len(keys) == 14
    assert len(set(keys)) == 14
    changed = sig.copy()
    changed[3 * 8 + 5] ^= 1  # one row of band 3
    other = band_keys(changed, 14)
    assert [i for i in range(14) if keys[i] != other[i]] == [3]
    # The same rows in another band make another key: a band matches only its own position.
    shifted = np.roll(sig, 8)
    assert not set(band_keys(shifted, 14)) & set(keys)
    for bands in (10, 0, 113):
        with pytest.raises(ValueError):
            band_keys(sig, bands)
    with pytest.raises(ValueError):
        NearDupIndex(num_hashes=112, bands=10)


def article(seed: int) -> list[str]:
    """Ten paragraphs of 60 words each."""
    words = distinct_words(600, seed=seed)
    return [" ".join(words[i : i + 60]) for i in range(0, 600, 60)]


def test_index_finds_copies_and_near_copies_of_the_earliest_original() -> None:
    original = article(10)
    near = list(original)
    near[4] = " ".join(distinct_words(60, seed=11))  # one paragraph of ten changed
    original_text, near_text = "\n\n".join(original), "\n\n".join(near)
    assert 0.75 < exact_jaccard(original_text, near_text) < 0.85
    index = NearDupIndex()
    assert index.add(3, signature(original_text)) is None
    assert index.add(8, signature("\n\n".join(article(12)))) is None  # unrelated
    assert index.add(9, signature(original_text.upper())) == (3, 1.0)
    found = index.add(20, signature(near_text))
    assert found is not None
    assert found[0] == 3
    assert found[1] == pytest.approx(exact_jaccard(original_text, near_text), abs=0.15)
    # A copy of the near copy matches it exactly, but the original was indexed earlier and is similar enough.
    copy_of_near = index.add(21, signature(near_text))
    assert copy_of_near is not None
    assert copy_of_near[0] == 3
    assert index.add(30, signature("\n\n".join(article(13)))) is None
    assert len(index) == 6


def test_index_verifies_candidates() -> None:
    a, b = sliding_pair(180)  # exact Jaccard 216 / 576 = 0.375
    sa, sb = signature(a), signature(b)
    assert 0.25 < jaccard_estimate(sa, sb) < 0.5
    assert set(band_keys(sa, 112)) & set(band_keys(sb, 112))  # rows of 1: forced into a shared bucket
    strict = NearDupIndex(num_hashes=112, bands=112, threshold=0.75)
    assert strict.add(1, sa) is None
    assert strict.add(2, sb) is None
    lenient = NearDupIndex(num_hashes=112, bands=112, threshold=0.25)
    assert lenient.add(1, sa) is None
    assert lenient.add(2, sb) == (1, jaccard_estimate(sa, sb))


def test_index_with_many_documents_and_gaps_in_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    # Enough documents to grow the signature store past its first allocation and to merge the recent band
    # keys into the sorted arrays more than once, so lookups are checked in both parts and across merges.
    merges = []
    merge = NearDupIndex._merge
    monkeypatch.setattr(NearDupIndex, "_merge", lambda self: merges.append(len(self)) or merge(self))
    rng = np.random.default_rng(5)
    sigs = rng.integers(0, 2**32, size=(10_000, 112), dtype=np.uint32)
    # y shares only band 0 with x, so that bucket holds two members; z is close to y but to x only via band 0.
    x = sigs[100]
    y = np.concatenate([x[:8], rng.integers(0, 2**32, size=104, dtype=np.uint32)])
    z = y.copy()
    z[8::8] += 1  # the first row of bands 1 to 13: 99 of 112 rows equal, and only band 0 intact
    index = NearDupIndex()
    for i, sig in enumerate(sigs):
        assert index.add(7 + 3 * i, sig) is None
        if i == 100:
            assert index.add(50_000, y) is None  # shares a band with x but is not similar to it
    assert len(merges) >= 2
    assert len(index) == 10_001
    assert index.add(60_000, z) == (50_000, 99 / 112)
    near = sigs[10].copy()
    near[rng.choice(80, size=20, replace=False)] += 1  # 20 of 112 rows changed, bands 10 to 13 intact
    assert index.add(60_001, near) == (37, 92 / 112)
    assert index.add(60_002, sigs[9_999].copy()) == (7 + 3 * 9_999, 1.0)
    for i in range(0, 10_000, 499):
        # Findable through a single band only: every bucket must be reachable, not just one in fourteen.
        probe = sigs[i].copy()
        keep = i % 14
        probe[[8 * band for band in range(14) if band != keep]] += 1
        assert index.add(70_000 + i, probe) == (7 + 3 * i, 99 / 112)
    with pytest.raises(ValueError):
        index.add(80_000, sigs[0][:100])


def test_many_copies_all_point_at_the_first() -> None:
    sig = signature("a text that was copied many times over")
    index = NearDupIndex()
    assert index.add(0, sig) is None
    assert all(index.add(i, sig.copy()) == (0, 1.0) for i in range(1, 300))
    assert len(index) == 300


needs_kernel = pytest.mark.skipif(kernels.ctext is None, reason="the text kernel is not compiled")


def random_text(rng: random.Random) -> str:
    """Words and separators from ASCII, Latin, CJK, digits of other scripts, astral emoji, underscores and combining marks."""
    alphabet = "ab_Z09 \n\t.,-'’ßéİı日本語٣²½\u0301\u200b😀𝔘" + "".join(map(chr, rng.sample(range(0x80, 0x3000), 8)))
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80)))


@needs_kernel
@pytest.mark.parametrize("words", [1, 2, 5, 7])
def test_the_kernels_signature_is_the_reference(words: int) -> None:
    rng = random.Random(words)
    texts = [random_text(rng) for _ in range(400)] + ["", "_", "x", "a b c d", " ".join(distinct_words(5_000, seed=4))]
    for num_hashes, seed in ((112, 1), (16, 7)):
        for text in texts:
            compiled = signature(text, num_hashes=num_hashes, words=words, seed=seed)
            with kernels.pure():
                reference = signature(text, num_hashes=num_hashes, words=words, seed=seed)
            assert np.array_equal(compiled, reference), text
            assert compiled.dtype == reference.dtype and compiled.shape == reference.shape


@needs_kernel
def test_the_kernels_signature_is_the_reference_on_gold_bodies(scrapinghub_gold_bodies: list[str]) -> None:
    for body in scrapinghub_gold_bodies:
        folded = body.casefold()
        compiled = signature(folded, folded=True)
        with kernels.pure():
            assert np.array_equal(compiled, signature(folded, folded=True))


def test_a_signature_needs_a_word_a_shingle_on_both_paths() -> None:
    for path in (kernels.pure(), nullcontext()):
        with path, pytest.raises(ValueError, match="at least one word"):
            signature("some text", words=0)
