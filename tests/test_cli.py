"""The command line: `cleaner build` and `cleaner clean`, through click's test runner."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import click
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from cleaner import clean_text
from cleaner.cli import main

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))
HTML_GZ = sorted((REPO / "tests/data/scrapinghub/html").glob("*.html.gz"))

EXPECTED_TYPES = {
    "id": pa.string(),
    "source": pa.string(),
    "format": pa.string(),
    "text": pa.string(),
    "title": pa.string(),
    "date": pa.string(),
    "author": pa.string(),
    "site": pa.string(),
    "url": pa.string(),
    "language": pa.string(),
    "language_score": pa.float64(),
    "n_chars": pa.int32(),
    "n_words": pa.int32(),
    "content_hash": pa.string(),
    "dup_cluster_id": pa.string(),
    "dup_cluster_size": pa.int32(),
    "dropped_reasons": pa.list_(pa.struct([("reason", pa.string()), ("count", pa.int32())])),
}


def run(*args: str | Path) -> object:
    return CliRunner().invoke(main, [str(a) for a in args])


def assert_one_line_error(result, *words: str) -> None:
    assert result.exit_code != 0
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ")
    for word in words:
        assert word in lines[0]


# --- build ---


def test_build_seeds(tmp_path: Path) -> None:
    out = tmp_path / "corpus.parquet"
    result = run("build", SEEDS, "-o", out)
    assert result.exit_code == 0, result.output
    for line in ("read", "documents kept", "duplicates", "near duplicates", "empty", "failures", "repeated lines"):
        assert line in result.output
    table = pq.read_table(out)
    assert {f.name: f.type for f in table.schema} == EXPECTED_TYPES
    assert table.num_rows == len(SEED_FILES) == 5
    assert table.column("source").to_pylist() == [p.name for p in SEED_FILES]
    assert set(table.column("format").to_pylist()) == {"text"}
    assert len(set(table.column("id").to_pylist())) == 5
    assert all(n > 0 for n in table.column("n_words").to_pylist())


def test_second_build_is_byte_identical(tmp_path: Path) -> None:
    assert run("build", SEEDS, "-o", tmp_path / "a.parquet", "-w", "1").exit_code == 0
    assert run("build", SEEDS, "-o", tmp_path / "b.parquet", "-w", "1").exit_code == 0
    assert (tmp_path / "a.parquet").read_bytes() == (tmp_path / "b.parquet").read_bytes()


def test_build_default_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("build", SEEDS, "-w", "1").exit_code == 0
    assert pq.read_table(tmp_path / "corpus.parquet").num_rows == 5


def test_build_lists_failures(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in/bad.txt.gz").write_bytes(b"not gzip")
    (tmp_path / "in/good.txt").write_text(SEED_FILES[0].read_text(encoding="utf-8"), encoding="utf-8")
    result = run("build", tmp_path / "in", "-o", tmp_path / "out.parquet", "-w", "1")
    assert result.exit_code == 0
    assert "bad.txt.gz: BadGzipFile" in result.output


def test_build_missing_folder(tmp_path: Path) -> None:
    result = run("build", tmp_path / "nope", "-o", tmp_path / "out.parquet")
    assert_one_line_error(result, "no such file or folder", "nope")
    assert not (tmp_path / "out.parquet").exists()


def test_build_input_of_an_unknown_kind(tmp_path: Path) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text("x")
    assert_one_line_error(run("build", notes, "-o", tmp_path / "out.parquet"), "not a .txt", "notes.md")
    assert not (tmp_path / "out.parquet").exists()


def test_build_single_files(tmp_path: Path) -> None:
    out = tmp_path / "out.parquet"
    assert run("build", SEED_FILES[0], SEED_FILES[1], "-o", out, "-w", "1").exit_code == 0
    sources = pq.read_table(out).column("source").to_pylist()
    assert sorted(sources) == sorted(p.as_posix() for p in SEED_FILES[:2])


def test_build_output_folder_missing(tmp_path: Path) -> None:
    assert_one_line_error(run("build", SEEDS, "-o", tmp_path / "no" / "out.parquet"), "output folder does not exist")


def test_build_output_is_a_folder(tmp_path: Path) -> None:
    assert_one_line_error(run("build", SEEDS, "-o", tmp_path), "output is a folder")


# --- clean ---


def test_clean_prints_the_body() -> None:
    result = run("clean", SEED_FILES[4])
    assert result.exit_code == 0, result.output
    assert result.output == clean_text(SEED_FILES[4].read_text(encoding="utf-8")).text + "\n"


def explained(result) -> dict[int, tuple[str, str]]:
    """line number -> (label, rule) from the --explain table."""
    rows = {}
    for line in result.output.splitlines():
        parts = line.split()
        if len(parts) >= 3 and parts[0].isdigit():
            rows[int(parts[0])] = (parts[1], parts[2])
    return rows


def test_clean_explain_shows_labels_rules_and_metadata() -> None:
    text = SEED_FILES[4].read_text(encoding="utf-8")
    result = run("clean", "--explain", SEED_FILES[4])
    assert result.exit_code == 0, result.output
    header = result.output.splitlines()[:6]
    assert [h.split()[0] for h in header] == ["title", "date", "author", "site", "url", "language"]
    rows = explained(result)
    labels = {label for label, _ in rows.values()}
    assert {"ticker", "promo", "body"} <= labels
    # Every non-blank input line is shown, with its own number.
    assert sorted(rows) == [i for i, line in enumerate(text.splitlines(), 1) if line.strip()]


def test_clean_meta() -> None:
    result = run("clean", "--meta", SEED_FILES[3])
    assert result.exit_code == 0
    doc = clean_text(SEED_FILES[3].read_text(encoding="utf-8"))
    assert result.output.startswith(f"title     {doc.title or '-'}\n")
    assert result.output.endswith(doc.text + "\n")


@pytest.mark.skipif(not HTML_GZ, reason="no vendored HTML pages")
def test_clean_html_and_gzip(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(gzip.decompress(HTML_GZ[0].read_bytes()))
    plain = run("clean", page)
    assert plain.exit_code == 0, plain.output
    assert plain.output.strip()
    assert run("clean", HTML_GZ[0]).output == plain.output
    explain = run("clean", "--explain", page)
    assert explain.exit_code == 0
    assert "block" in explain.output and "body" in explain.output


def test_clean_missing_file(tmp_path: Path) -> None:
    assert_one_line_error(run("clean", tmp_path / "nope.txt"), "no such file")
    assert_one_line_error(run("clean", tmp_path), "not a file")


def test_every_command_and_option_has_help() -> None:
    assert set(main.commands) == {"build", "clean", "eval"}  # a new command joins this test
    for name in main.commands:
        command = main.commands[name]
        assert command.help and command.get_short_help_str(80).endswith(".")
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help, f"{name} {param.name}"
        assert run(name, "--help").exit_code == 0


def test_build_comments(tmp_path: Path) -> None:
    page = (REPO / "tests/fixtures/html/comments.html").read_bytes()
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "story.html").write_bytes(page)
    for flag, present in ((), False), (("--comments",), True):
        out = tmp_path / f"corpus{len(flag)}.parquet"
        result = run("build", tmp_path / "in", "-o", out, "--workers", "1", *flag)
        assert result.exit_code == 0, result.output
        text = pq.read_table(out).column("text").to_pylist()[0]
        assert ("my children could finally ride to school" in text) is present
        assert text.startswith("The city council voted on Tuesday")


# --- Markdown ---


def test_clean_format_markdown() -> None:
    page = REPO / "tests/data/readability/html/wikipedia-4.html.gz"
    text = run("clean", page)
    markdown = run("clean", "--format", "markdown", page)
    assert text.exit_code == markdown.exit_code == 0, markdown.output
    assert "\nThe Time Travelers\t1964\t" in text.output and "| " not in text.output
    assert "\n| The Time Travelers | 1964 | " in markdown.output and "\t" not in markdown.output


def test_build_format_markdown_is_read_back_with_its_format(tmp_path: Path) -> None:
    """The text column holds Markdown, and the schema metadata says so; a plain build says text."""
    pages = tmp_path / "pages"
    pages.mkdir()
    for name in ("wikipedia-4", "lwn-1", "medium-1"):
        (pages / f"{name}.html.gz").write_bytes((REPO / f"tests/data/readability/html/{name}.html.gz").read_bytes())
    for text_format in ("text", "markdown"):
        out = tmp_path / f"{text_format}.parquet"
        result = run("build", pages, "-o", out, "--format", text_format, "--workers", 1)
        assert result.exit_code == 0, result.output
        table = pq.read_table(out)
        assert table.schema.metadata[b"text_format"] == text_format.encode()
        assert {f.name: f.type for f in table.schema} == EXPECTED_TYPES
        rows = {r["source"]: r for r in table.to_pylist()}
        assert all(r["n_chars"] == len(r["text"]) for r in rows.values())
        films = rows["wikipedia-4.html.gz"]["text"]
        if text_format == "markdown":
            assert "\n| --- | --- | --- |\n| The Time Travelers | 1964 | " in films
            assert re.search(r"(?m)^## \w", rows["medium-1.html.gz"]["text"])
        else:
            assert "\nThe Time Travelers\t1964\t" in films and "| --- |" not in films


def test_build_format_must_be_known(tmp_path: Path) -> None:
    result = run("build", SEEDS, "-o", tmp_path / "c.parquet", "--format", "html")
    assert result.exit_code != 0 and "'html' is not one of 'text', 'markdown'" in result.output
