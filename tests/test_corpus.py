"""The corpus library: reading and decoding, exact dedup, schema, atomic and deterministic writes."""

from __future__ import annotations

import gzip
import hashlib
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import corpus
import corpus.pipeline
import corpus.workers
from corpus import SCHEMA, build, documents, find_sources

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
HTML_GZ = sorted((REPO / "tests/data/scrapinghub/html").glob("*.html.gz"))

FRENCH = (
    "Le gouvernement a annoncé mardi une série de mesures destinées à soutenir les ménages. "
    "Selon le ministre, ces décisions étaient nécessaires après une année très difficile.\n"
    "Où en est la réforme? Les élèves et les enseignants attendent des réponses précises, "
    "a déclaré la porte-parole à la presse.\n"
)


def seed_text(i: int = 0) -> str:
    return sorted(SEEDS.glob("*.txt"))[i].read_text(encoding="utf-8")


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


# --- finding and reading files ---


def test_find_sources_recurses_sorts_and_filters(tmp_path: Path) -> None:
    for name in ["b.txt", "a/z.html", "a/y.htm", "c.txt.gz", "d.HTML.gz", "notes.md", "x.gz", ".hidden.txt", ".git/e.txt"]:
        write(tmp_path / name, "x")
    found = [(s.name, s.format) for s in find_sources(tmp_path)]
    assert found == [
        ("a/y.htm", "html"),
        ("a/z.html", "html"),
        ("b.txt", "text"),
        ("c.txt.gz", "text"),
        ("d.HTML.gz", "html"),
    ]


def test_find_sources_rejects_missing_and_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        find_sources(tmp_path / "nope")
    with pytest.raises(NotADirectoryError):
        find_sources(write(tmp_path / "f.txt", "x"))


def test_gzip_and_latin1_files_are_read(tmp_path: Path) -> None:
    write(tmp_path / "in/a.txt.gz", gzip.compress(seed_text(0).encode("utf-8")))
    write(tmp_path / "in/b.txt", FRENCH.encode("latin-1"))
    sources = find_sources(tmp_path / "in")
    assert [corpus.load(s) for s in sources] == [seed_text(0), FRENCH]
    docs = {r.source: r.doc for r in documents(tmp_path / "in", workers=1)}
    assert docs["a.txt.gz"].text.strip()
    assert docs["b.txt"].language == "fr"


@pytest.mark.skipif(not HTML_GZ, reason="no vendored HTML pages")
def test_html_files_are_cleaned(tmp_path: Path) -> None:
    page = gzip.decompress(HTML_GZ[0].read_bytes())
    write(tmp_path / "in/page.html", page)
    shutil.copy(HTML_GZ[0], tmp_path / "in/page2.html.gz")
    summary = build(tmp_path / "in", tmp_path / "out.parquet", workers=1)
    table = pq.read_table(tmp_path / "out.parquet")
    # The same page twice: the second (in path order) is an exact duplicate.
    assert (summary.documents, summary.duplicates) == (1, 1)
    assert table.column("format").to_pylist() == ["html"]
    assert table.column("source").to_pylist() == ["page.html"]
    assert table.column("n_chars")[0].as_py() > 0


# --- duplicates, empties, failures ---


def test_exact_duplicates_keep_the_first_in_path_order(tmp_path: Path) -> None:
    body = seed_text(1)
    write(tmp_path / "in/b.txt", body)
    write(tmp_path / "in/a.txt", body.upper().replace("\n", "\n\n  "))  # same after casefold + whitespace
    write(tmp_path / "in/c/d.txt", body)
    write(tmp_path / "in/e.txt", seed_text(2))
    summary = build(tmp_path / "in", tmp_path / "out.parquet", workers=1)
    assert (summary.read, summary.documents, summary.duplicates, summary.empty) == (4, 2, 2, 0)
    assert pq.read_table(tmp_path / "out.parquet").column("source").to_pylist() == ["a.txt", "e.txt"]


def test_empty_bodies_are_counted_not_written(tmp_path: Path) -> None:
    write(tmp_path / "in/empty.txt", "")
    write(tmp_path / "in/blank.txt", "\n  \n\t\n")
    write(tmp_path / "in/seed.txt", seed_text(0))
    summary = build(tmp_path / "in", tmp_path / "out.parquet", workers=1)
    assert (summary.documents, summary.empty) == (1, 2)
    assert pq.read_table(tmp_path / "out.parquet").num_rows == 1


def test_failures_are_recorded_not_raised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "in/broken.txt.gz", gzip.compress(b"some text")[:-6])  # truncated
    write(tmp_path / "in/boom.txt", "BOOM\n" + seed_text(0))
    write(tmp_path / "in/ok.txt", seed_text(0))
    real = corpus.workers.clean_text

    def flaky(text: str, **kwargs):
        if text.startswith("BOOM"):
            raise ValueError("cleaner bug\nsecond line")
        return real(text, **kwargs)

    monkeypatch.setattr(corpus.workers, "clean_text", flaky)
    summary = build(tmp_path / "in", tmp_path / "out.parquet", workers=1)  # the patch is in this process
    assert summary.documents == 1
    assert summary.failures == [("boom.txt", "ValueError: cleaner bug"), ("broken.txt.gz", summary.failures[1][1])]
    assert summary.failures[1][1].startswith("EOFError")
    assert summary.read == 3 == summary.documents + summary.duplicates + summary.empty + len(summary.failures)


def test_documents_raises_without_on_error(tmp_path: Path) -> None:
    write(tmp_path / "in/broken.txt.gz", b"not gzip at all")
    with pytest.raises(corpus.CleanError, match="BadGzipFile"):
        list(documents(tmp_path / "in", workers=1))
    seen = []
    assert list(documents(tmp_path / "in", workers=1, on_error=lambda s, e: seen.append(s.name))) == []
    assert seen == ["broken.txt.gz"]


# --- the Parquet file ---


def test_schema_and_row_values(tmp_path: Path) -> None:
    write(tmp_path / "in/sub/seed.txt", seed_text(4))
    build(tmp_path / "in", tmp_path / "out.parquet", workers=1)
    table = pq.read_table(tmp_path / "out.parquet")
    assert table.schema.equals(SCHEMA)
    assert pq.ParquetFile(tmp_path / "out.parquet").metadata.row_group(0).column(0).compression == "ZSTD"
    row = table.to_pylist()[0]
    assert row["id"] == hashlib.sha256(b"sub/seed.txt").hexdigest()[:16]
    assert row["source"] == "sub/seed.txt"
    assert row["format"] == "text"
    assert row["n_chars"] == len(row["text"])
    assert row["n_words"] > 0
    normalized = " ".join(row["text"].casefold().split())
    assert row["content_hash"] == hashlib.sha256(normalized.encode()).hexdigest()
    reasons = {r["reason"]: r["count"] for r in row["dropped_reasons"]}
    assert reasons and all(n > 0 for n in reasons.values())
    assert [r["reason"] for r in row["dropped_reasons"]] == sorted(reasons)


def test_empty_input_writes_an_empty_corpus(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    summary = build(tmp_path / "in", tmp_path / "out.parquet", workers=1)
    assert summary.read == 0
    table = pq.read_table(tmp_path / "out.parquet")
    assert table.num_rows == 0 and table.schema.equals(SCHEMA)


def test_builds_are_byte_identical(tmp_path: Path) -> None:
    shutil.copytree(SEEDS, tmp_path / "in")
    write(tmp_path / "in/x/latin.txt", FRENCH.encode("latin-1"))
    build(tmp_path / "in", tmp_path / "one.parquet", workers=1)
    build(tmp_path / "in", tmp_path / "two.parquet", workers=1)
    assert (tmp_path / "one.parquet").read_bytes() == (tmp_path / "two.parquet").read_bytes()


def test_a_failing_build_leaves_nothing_behind(tmp_path: Path) -> None:
    shutil.copytree(SEEDS, tmp_path / "in")
    out = tmp_path / "out"
    out.mkdir()

    def interrupted(documents: int, done: int, total: int) -> None:
        if documents == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build(tmp_path / "in", out / "corpus.parquet", progress=interrupted, workers=1)
    assert list(out.iterdir()) == []

    # An earlier corpus stays as it was.
    write(out / "corpus.parquet", b"old")
    with pytest.raises(KeyboardInterrupt):
        build(tmp_path / "in", out / "corpus.parquet", progress=interrupted, workers=1)
    assert [p.name for p in out.iterdir()] == ["corpus.parquet"]
    assert (out / "corpus.parquet").read_bytes() == b"old"


def test_missing_output_folder_raises_and_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        build(SEEDS, tmp_path / "nope" / "out.parquet")
    assert list(tmp_path.iterdir()) == []
