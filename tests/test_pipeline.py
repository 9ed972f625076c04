"""The corpus build at scale: near-duplicates, repeated lines, workers, interruption, readers of the file."""

from __future__ import annotations

import dataclasses
import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import corpus
from corpus import CORPUS_DEFAULT, DUPLICATES_SCHEMA, SCHEMA, build, documents

REPO = Path(__file__).resolve().parent.parent
SEEDS = sorted((REPO / "seeds").glob("*.txt"))
TRUTH = json.loads((REPO / "tests/data/scrapinghub/ground-truth.json").read_text(encoding="utf-8"))
HTML_GZ = sorted((REPO / "tests/data/scrapinghub/html").glob("*.html.gz"))


def articles(n: int) -> list[str]:
    """`n` distinct real article bodies of 6 to 30 paragraphs, one paragraph a line."""
    bodies = []
    for key in sorted(TRUTH):
        paragraphs = [p.strip() for p in TRUTH[key]["articleBody"].split("\n") if len(p.split()) >= 12]
        if 6 <= len(paragraphs) <= 30:
            bodies.append("\n".join(paragraphs))
    assert len(bodies) >= n
    return bodies[:n]


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def no_mining(**changes) -> object:
    return dataclasses.replace(CORPUS_DEFAULT, repeated_line_min_docs=0, **changes)


# --- near-duplicates ---


def test_near_copies_are_removed_and_recorded(tmp_path: Path) -> None:
    a, b, c = articles(3)
    paragraphs = a.split("\n")
    near = "\n".join(paragraphs[:-1])  # syndication cut: the last paragraph trimmed
    edited = a.replace(paragraphs[1], paragraphs[1] + " A spokesman declined to comment.")
    records = [
        {"text": a, "url": "https://one.example/a"},
        {"text": b, "url": "https://one.example/b"},
        {"text": near, "url": "https://partner.example/a"},
        {"text": a.upper(), "url": "https://one.example/a?utm_source=x"},  # exact after normalization
        {"text": edited, "url": "https://two.example/a-edited"},
        {"text": c, "url": "https://two.example/c"},
    ]
    write_jsonl(tmp_path / "in.jsonl", records)
    summary = build(tmp_path / "in.jsonl", tmp_path / "out.parquet", workers=1, duplicates=tmp_path / "dups.parquet",
                    corpus_config=no_mining())
    rows = pq.read_table(tmp_path / "out.parquet").to_pylist()
    dups = pq.read_table(tmp_path / "dups.parquet")
    assert dups.schema.equals(DUPLICATES_SCHEMA)
    assert (summary.read, summary.documents, summary.duplicates, summary.near_duplicates) == (6, 3, 1, 2)
    assert [r["url"] for r in rows] == ["https://one.example/a", "https://one.example/b", "https://two.example/c"]
    first = rows[0]
    assert first["dup_cluster_size"] == 4 and first["dup_cluster_id"] == first["id"]
    assert [(r["dup_cluster_size"], r["dup_cluster_id"] == r["id"]) for r in rows[1:]] == [(1, True), (1, True)]
    removed = {d["url"]: d for d in dups.to_pylist()}
    assert set(removed) == {"https://partner.example/a", "https://one.example/a?utm_source=x", "https://two.example/a-edited"}
    assert all(d["duplicate_of"] == first["id"] for d in removed.values())
    assert removed["https://one.example/a?utm_source=x"]["kind"] == "exact"
    assert removed["https://one.example/a?utm_source=x"]["similarity"] == 1.0
    assert removed["https://partner.example/a"]["kind"] == "near"
    assert 0.75 <= removed["https://partner.example/a"]["similarity"] < 1.0


def test_the_threshold_is_configurable(tmp_path: Path) -> None:
    a, b = articles(2)
    paragraphs = a.split("\n")
    cut = "\n".join(paragraphs[: len(paragraphs) - max(1, len(paragraphs) // 8)])  # about an eighth cut
    similarity = corpus.jaccard_estimate(corpus.signature(a), corpus.signature(cut))
    assert 0.78 < similarity < 0.95
    write_jsonl(tmp_path / "in.jsonl", [{"text": a}, {"text": cut}, {"text": b}])
    default = build(tmp_path / "in.jsonl", tmp_path / "s.parquet", workers=1, corpus_config=no_mining())
    strict = build(tmp_path / "in.jsonl", tmp_path / "l.parquet", workers=1, corpus_config=no_mining(near_dup_threshold=0.95))
    assert (default.documents, default.near_duplicates) == (2, 1)
    assert (strict.documents, strict.near_duplicates) == (3, 0)


# --- repeated lines learned from the corpus ---

PROMO = "The Valley Courier has reported on this county since 1887 and is owned by its readers."
REFRAIN = "It was cold."
OTHER = "Letters to the editor are welcome and may be edited for length before they are printed."


def test_lines_repeated_across_a_site_are_dropped(tmp_path: Path) -> None:
    bodies = articles(8)
    records = []
    for i, body in enumerate(bodies[:4]):  # site one: the promo line closes 4 stories
        records.append({"text": f"{body}\n{PROMO}", "url": f"https://www.courier.example/story-{i}"})
    for i, body in enumerate(bodies[4:6]):  # site two: another line in only 2 stories
        records.append({"text": f"{body}\n{OTHER}", "url": f"https://gazette.example/{i}"})
    # The promo line on another site, once: under the threshold there.
    records.append({"text": f"{articles(9)[8]}\n{PROMO}", "url": "https://elsewhere.example/x"})
    # A short line twice in each of two documents of a site: 4 times, but in 2 documents only.
    for i, body in enumerate(bodies[6:8]):
        p = body.split("\n")
        records.append({"text": "\n".join([*p[:2], REFRAIN, *p[2:4], REFRAIN, *p[4:]]), "url": f"https://third.example/{i}"})
    write_jsonl(tmp_path / "in.jsonl", records)
    summary = build(tmp_path / "in.jsonl", tmp_path / "out.parquet", workers=1)
    rows = {r["url"]: r for r in pq.read_table(tmp_path / "out.parquet").to_pylist()}
    assert summary.documents == 9 and summary.repeated_lines == 4
    for i in range(4):
        row = rows[f"https://www.courier.example/story-{i}"]
        assert PROMO not in row["text"]
        assert {"reason": "repeated-line", "count": 1} in row["dropped_reasons"]
        assert row["text"].startswith(bodies[i].split("\n")[0])
    assert all(OTHER in rows[f"https://gazette.example/{i}"]["text"] for i in range(2))
    assert PROMO in rows["https://elsewhere.example/x"]["text"]
    assert all(rows[f"https://third.example/{i}"]["text"].count(REFRAIN) == 2 for i in range(2))


def test_repeated_lines_are_counted_once_per_cluster_and_can_be_turned_off(tmp_path: Path) -> None:
    body = articles(1)[0]
    # The same story crawled four times: its lines are in four documents but one cluster.
    records = [{"text": body, "url": f"https://courier.example/s?v={i}"} for i in range(4)]
    write_jsonl(tmp_path / "in.jsonl", records)
    summary = build(tmp_path / "in.jsonl", tmp_path / "out.parquet", workers=1)
    (row,) = pq.read_table(tmp_path / "out.parquet").to_pylist()
    assert (summary.repeated_lines, row["dup_cluster_size"]) == (0, 4)
    assert row["text"] == body

    bodies = articles(3)
    write_jsonl(tmp_path / "in2.jsonl", [{"text": f"{b}\n{PROMO}", "url": "https://c.example/"} for b in bodies])
    assert build(tmp_path / "in2.jsonl", tmp_path / "a.parquet", workers=1).repeated_lines == 3
    assert build(tmp_path / "in2.jsonl", tmp_path / "b.parquet", workers=1, corpus_config=no_mining()).repeated_lines == 0


def test_duplicates_of_a_document_emptied_by_repeated_lines_count_as_empty(tmp_path: Path) -> None:
    records = [{"text": f"{b}\n{PROMO}\n{OTHER}", "url": f"https://c.example/{i}"} for i, b in enumerate(articles(3))]
    records += [{"text": f"{PROMO}\n{OTHER}", "url": "https://c.example/chrome"}] * 2  # all chrome, twice
    write_jsonl(tmp_path / "in.jsonl", records)
    summary = build(tmp_path / "in.jsonl", tmp_path / "out.parquet", workers=1, duplicates=tmp_path / "d.parquet")
    assert (summary.read, summary.documents, summary.empty, summary.duplicates) == (5, 3, 2, 0)
    assert summary.repeated_lines == 8
    assert pq.read_table(tmp_path / "d.parquet").num_rows == 0  # no row points at a document not written


def test_normalized_lines_match_across_digits_case_and_punctuation() -> None:
    a = corpus.line_key("site", "Updated 12:45, March 3 — READ MORE!")
    assert a == corpus.line_key("site", "updated 09:10 march 7 read more")
    assert a != corpus.line_key("other-site", "updated 09:10 march 7 read more")


# --- parallel, streaming, all or nothing ---


def mixed_input(root: Path) -> Path:
    """Text and HTML files, a JSON Lines file with copies of them, and a failure."""
    (root / "in").mkdir(parents=True)
    for seed in SEEDS:
        shutil.copy(seed, root / "in" / seed.name)
    for page in HTML_GZ[:12]:
        shutil.copy(page, root / "in" / page.name)
    bodies = articles(10)
    records = [{"text": b, "url": f"https://x.example/{i}"} for i, b in enumerate(bodies)]
    records += [{"text": b, "url": f"https://y.example/{i}"} for i, b in enumerate(bodies[:4])]
    write_jsonl(root / "in" / "more.jsonl", records + [{"nothing": 1}])
    return root / "in"


def test_parallel_build_equals_one_worker(tmp_path: Path) -> None:
    src = mixed_input(tmp_path)
    one = build(src, tmp_path / "one.parquet", workers=1, duplicates=tmp_path / "d1.parquet")
    two = build(src, tmp_path / "two.parquet", workers=2, duplicates=tmp_path / "d2.parquet")
    assert one == two
    # The JSON Lines bodies are the gold bodies of the first HTML pages: many duplicates, exact and near.
    assert one.documents >= 15 and one.duplicates >= 4 and one.near_duplicates >= 4 and len(one.failures) == 1
    assert (tmp_path / "one.parquet").read_bytes() == (tmp_path / "two.parquet").read_bytes()
    assert (tmp_path / "d1.parquet").read_bytes() == (tmp_path / "d2.parquet").read_bytes()


def test_documents_stream_what_build_writes(tmp_path: Path) -> None:
    src = mixed_input(tmp_path)
    build(src, tmp_path / "out.parquet", workers=2)
    rows = pq.read_table(tmp_path / "out.parquet").to_pylist()
    docs = list(documents(src, workers=2, on_error=lambda s, e: None))
    assert [(d.id, d.source, d.doc.text, d.dup_cluster_size) for d in docs] == [
        (r["id"], r["source"], r["text"], r["dup_cluster_size"]) for r in rows
    ]


def test_rows_are_written_in_row_groups(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(corpus.parquet, "BATCH_ROWS", 4)
    build(mixed_input(tmp_path), tmp_path / "out.parquet", workers=1)
    meta = pq.ParquetFile(tmp_path / "out.parquet").metadata
    assert meta.num_row_groups == -(-meta.num_rows // 4) and meta.num_row_groups > 3


def test_an_interrupt_in_a_parallel_build_leaves_no_output(tmp_path: Path) -> None:
    src = mixed_input(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "corpus.parquet").write_bytes(b"an earlier corpus")

    def interrupt(documents: int, done: int, total: int) -> None:
        if documents >= 10:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build(src, out / "corpus.parquet", workers=2, duplicates=out / "dups.parquet", progress=interrupt)
    assert sorted(p.name for p in out.iterdir()) == ["corpus.parquet"]
    assert (out / "corpus.parquet").read_bytes() == b"an earlier corpus"


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_a_killed_cli_build_leaves_no_truncated_output(tmp_path: Path, sig: signal.Signals) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(200):  # enough pages that the build is still running when the signal comes
        shutil.copy(HTML_GZ[i % len(HTML_GZ)], src / f"{i:03}.html.gz")
    out = tmp_path / "out"
    out.mkdir()
    command = [sys.executable, "-m", "cleaner", "build", str(src), "-o", str(out / "c.parquet"), "-w", "2"]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # Wait until the build has made its temporary files, then stop it part-way.
    deadline = time.monotonic() + 60
    while not any(out.iterdir()) and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
    assert proc.poll() is None, "the build ended before it could be interrupted"
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode != 0
    assert "Traceback" not in err
    assert list(out.iterdir()) == []


# --- the file opens in the usual tools ---


def test_the_corpus_opens_in_pandas_and_duckdb(tmp_path: Path) -> None:
    import duckdb
    import pandas as pd

    build(REPO / "seeds", tmp_path / "c.parquet", workers=1)
    frame = pd.read_parquet(tmp_path / "c.parquet")
    assert list(frame.columns) == SCHEMA.names and len(frame) == 5
    assert frame["dropped_reasons"].map(len).sum() > 0
    path = (tmp_path / "c.parquet").as_posix()
    count, reasons = duckdb.sql(
        f"select count(*), count(distinct r.reason) from '{path}', unnest(dropped_reasons) as t(r)"
    ).fetchall()[0]
    assert count > 0 and reasons > 1
    assert duckdb.sql(f"select sum(dup_cluster_size) from '{path}'").fetchall()[0][0] == 5


def test_line_keys_of_a_text_are_those_of_its_lines() -> None:
    text = "Updated 12:45, March 3 — READ MORE!\nÉté 2024: the Summer issue\n\n  spaced   out  "
    assert corpus.line_keys("site", text).tolist() == [corpus.line_key("site", line) for line in text.split("\n")]


def test_repeated_lines_leave_the_markdown_too(tmp_path: Path) -> None:
    """With --format markdown the lines learned from the plain text go from the Markdown, its blank lines stay."""
    bodies = articles(4)
    own = ["alpha", "beta", "gamma", "delta"]
    records = [
        {"text": f"{body}\n- {PROMO}\n- The {own[i]} item of a list that is this story's own", "url": f"https://courier.example/{i}"}
        for i, body in enumerate(bodies)
    ]
    write_jsonl(tmp_path / "in.jsonl", records)
    config = dataclasses.replace(CORPUS_DEFAULT, text_format="markdown")
    summary = build(tmp_path / "in.jsonl", tmp_path / "out.parquet", corpus_config=config, workers=1)
    assert summary.repeated_lines == 4
    for i, row in enumerate(pq.read_table(tmp_path / "out.parquet").to_pylist()):
        assert PROMO not in row["text"]
        assert row["text"].endswith(f"\n\n- The {own[i]} item of a list that is this story's own")
        assert "\n\n\n" not in row["text"]


def test_an_unknown_text_format_raises_before_any_file(tmp_path: Path) -> None:
    write_jsonl(tmp_path / "in.jsonl", [{"text": articles(1)[0]}])
    config = dataclasses.replace(CORPUS_DEFAULT, text_format="html")
    with pytest.raises(ValueError, match="text format must be one of text, markdown, not 'html'"):
        build(tmp_path / "in.jsonl", tmp_path / "out.parquet", corpus_config=config, workers=1)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]
