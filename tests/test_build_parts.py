"""The build's faster parts give what the plain ones give: Parquet columns, repeated-line lookup, remembered keys."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import pyarrow as pa

from cleaner import DEFAULT, kernels
from corpus import CORPUS_DEFAULT, SCHEMA
from corpus.dedup import _among, line_keys
from corpus.parquet import DUPLICATES_SCHEMA, table
from corpus.prepare import clean_for_corpus
from corpus.sources import TEXT, Source

ROOT = Path(__file__).resolve().parent.parent


def corpus_rows() -> list[dict]:
    rows = []
    for i in range(7):
        rows.append(
            {
                "id": f"{i:016x}",
                "source": f"a.jsonl:{i}",
                "format": "text",
                "text": "Ünïcode — «text» 一二三\nsecond line" * i,
                "title": None if i % 2 else f"Title {i}",
                "date": None,
                "author": "A. Writer" if i == 3 else None,
                "site": "example.com",
                "url": None if i == 5 else f"https://example.com/{i}",
                "language": "en" if i else None,
                "language_score": None if i % 3 == 0 else i / 7,
                "n_chars": 10 * i,
                "n_words": i,
                "content_hash": "ab" * 32,
                "dup_cluster_id": f"{i:016x}",
                "dup_cluster_size": 1 + i % 2,
                "dropped_reasons": [{"reason": r, "count": n} for r, n in [("menu", 3), ("repeated-line", i)][: i % 3]],
            }
        )
    return rows


def test_columns_from_buffers_are_from_pylist_s() -> None:
    rows = corpus_rows()
    for batch in (rows, rows[:1], []):
        assert table(batch, SCHEMA).equals(pa.Table.from_pylist(batch, schema=SCHEMA))
    dups = [{"id": "1", "source": "s", "url": None, "duplicate_of": "0", "kind": "near", "similarity": 0.8}]
    assert table(dups, DUPLICATES_SCHEMA).equals(pa.Table.from_pylist(dups, schema=DUPLICATES_SCHEMA))


def test_columns_do_not_import_pandas() -> None:
    code = (
        "import sys; from corpus.parquet import table, SCHEMA; "
        "from tests.test_build_parts import corpus_rows; table(corpus_rows(), SCHEMA); print('pandas' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_among_is_isin() -> None:
    rng = np.random.default_rng(0)
    keys = rng.integers(0, 50, 200).astype(np.uint64)
    for sorted_keys in (np.unique(rng.integers(0, 50, 20)).astype(np.uint64), np.empty(0, np.uint64), np.array([49], np.uint64)):
        assert np.array_equal(_among(keys, sorted_keys), np.isin(keys, sorted_keys))


def test_an_exact_copy_gets_the_same_keys() -> None:
    body = "A line of the article that is long enough to be kept as the body.\n" * 2 + "Another line, and a third one."
    source = Source(Path("a.jsonl"), "a.jsonl:1", TEXT, body, {"url": "https://example.com/a"})
    first = clean_for_corpus(source, DEFAULT, CORPUS_DEFAULT, False)
    again = clean_for_corpus(source, DEFAULT, CORPUS_DEFAULT, False)
    assert first.digest == again.digest
    assert np.array_equal(first.signature, again.signature) and np.array_equal(first.line_keys, again.line_keys)
    other_site = clean_for_corpus(
        Source(Path("a.jsonl"), "a.jsonl:2", TEXT, body, {"url": "https://other.org/a"}), DEFAULT, CORPUS_DEFAULT, False
    )
    assert not np.array_equal(first.line_keys, other_site.line_keys)  # line keys count per site


def test_line_keys_are_the_same_on_both_paths(scrapinghub_gold_bodies: list[str]) -> None:
    # The text kernel normalizes the lines (CCNet) for the keys; the regular expressions are the reference.
    rng = random.Random(5)
    alphabet = "ab_Z09 \n\t\r\x0b\x1c\x85\u2028\u3000.,-'’ßéİı日本語٣²½\u0301\u200b😀𝔘"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(3000)]
    for text in texts + scrapinghub_gold_bodies + ["", "\n", " 12 , 3 \n\n-- x"]:
        compiled = line_keys("example.org", text)
        with kernels.pure():
            assert np.array_equal(compiled, line_keys("example.org", text)), text

