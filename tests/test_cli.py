"""The command line: `cleaner build` and `cleaner clean`, through click's test runner."""

from __future__ import annotations

import gzip
import io
import json
import re
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import click
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from cleaner import clean_html, clean_text, kernels
from cleaner.cli import CLEAN_FORMATS, _Progress, main
from tests.test_sources import PAGE, response, warc

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
    assert f"cleaned with     {kernels.path()}" in result.output  # pip says it only with -v
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
    assert_one_line_error(run("clean", SEED_FILES[0], tmp_path / "nope.txt"), "no such file", "nope.txt")


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


def test_favor_on_clean_and_build(tmp_path: Path) -> None:
    """--favor recall keeps a figure's caption that the balanced cleaner drops, in clean and in build."""
    caption = "The old bridge at dusk, seen from the river promenade on the east bank."
    prose = "The council voted on Tuesday to repair the old bridge next year rather than tear it down, at a cost of two million."
    page = f"<html><body><article><p>{prose}</p><figure><figcaption>{caption}</figcaption></figure><p>{prose} Again.</p></article></body></html>"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "story.html").write_text(page, encoding="utf-8")
    for flag, present in ((), False), (("--favor", "recall"), True):
        result = run("clean", tmp_path / "in" / "story.html", *flag)
        assert result.exit_code == 0, result.output
        assert (caption in result.output) is present
        out = tmp_path / f"corpus{len(flag)}.parquet"
        result = run("build", tmp_path / "in", "-o", out, "--workers", "1", *flag)
        assert result.exit_code == 0, result.output
        assert (caption in pq.read_table(out).column("text").to_pylist()[0]) is present
    result = run("clean", tmp_path / "in" / "story.html", "--favor", "speed")
    assert result.exit_code == 2 and "--favor" in result.output


# --- the command line as a Unix tool: version, verbosity, pipes, JSON, exit codes ---


def test_version_names_this_distribution_and_the_path_that_runs() -> None:
    for flag in ("-V", "--version"):
        result = run(flag)
        assert result.exit_code == 0
        assert result.output == f"cleaner, version {version('cleaner-corpus')}; {kernels.path()}\n"


def test_quiet_and_verbose_do_not_go_together() -> None:
    result = run("clean", "-q", "-v", SEED_FILES[0])
    assert result.exit_code == 2 and "-q and -v" in result.output


def test_clean_reads_standard_input() -> None:
    text = SEED_FILES[4].read_bytes()
    result = CliRunner().invoke(main, ["clean", "-"], input=text)
    assert result.exit_code == 0, result.output
    assert result.stdout == run("clean", SEED_FILES[4]).stdout
    assert not result.stderr


@pytest.mark.skipif(not HTML_GZ, reason="no vendored HTML pages")
def test_clean_reads_html_and_gzip_from_standard_input() -> None:
    page = gzip.decompress(HTML_GZ[0].read_bytes())
    expected = clean_html(page).text + "\n"
    for data in (page, HTML_GZ[0].read_bytes()):  # the HTML is told by its tags, gzip by its magic
        result = CliRunner().invoke(main, ["clean", "-"], input=data)
        assert result.exit_code == 0, result.output
        assert result.stdout == expected


def test_clean_jsonl_on_standard_input_gives_json_lines() -> None:
    lines = [
        {"text": SEED_FILES[0].read_text(encoding="utf-8"), "url": "https://news.example/a"},
        {"html": PAGE, "title": "From the feed"},
    ]
    data = "".join(json.dumps(line) + "\n" for line in lines)
    result = CliRunner().invoke(main, ["clean", "--json", "-"], input=data)
    assert result.exit_code == 0, result.output
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert (first["source"], first["format"], first["url"]) == ("-:1", "text", "https://news.example/a")
    assert first["text"] == clean_text(lines[0]["text"]).text
    assert (second["source"], second["format"], second["title"]) == ("-:2", "html", "From the feed")
    assert second["text"].startswith("The harbour reopened on Tuesday")


def test_clean_json_is_the_document() -> None:
    result = run("clean", "--format", "json", SEED_FILES[4])
    assert result.exit_code == 0, result.output
    assert run("clean", "--json", SEED_FILES[4]).stdout == result.stdout  # the shorthand
    (line,) = result.stdout.splitlines()
    record = json.loads(line)
    doc = clean_text(SEED_FILES[4].read_text(encoding="utf-8"), markdown=True)
    assert record == {"source": SEED_FILES[4].name, "format": "text", **json.loads(json.dumps(doc.to_dict()))}
    assert list(record) == [
        "source", "format", "text", "title", "date", "author", "site", "url", "language", "language_score",
        "markdown", "dropped",
    ]  # fmt: skip
    assert record["dropped"] and {"line", "reason", "rule", "text"} == set(record["dropped"][0])
    assert {d["reason"] for d in record["dropped"]} >= {"ticker", "promo"}


def test_clean_format_choices_and_json_shorthand() -> None:
    assert list(CLEAN_FORMATS) == ["text", "markdown", "json"]  # one place lists the formats
    clash = run("clean", "--json", "--format", "text", SEED_FILES[0])
    assert clash.exit_code == 2 and "--json" in clash.output
    assert run("clean", "--format", "xml", SEED_FILES[0]).exit_code == 2


def test_clean_explain_as_json_has_the_blocks() -> None:
    result = run("clean", "--json", "--explain", SEED_FILES[4])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    rows = {b["line"]: (b["label"], b["rule"]) for b in record["blocks"]}
    assert rows == explained(run("clean", "--explain", SEED_FILES[4]))


def test_clean_several_files_and_a_folder(tmp_path: Path) -> None:
    two = run("clean", SEED_FILES[0], SEED_FILES[1])
    assert two.exit_code == 0, two.output
    blocks = two.stdout.split("\n\n")
    assert blocks[0].startswith(f"==> {SEED_FILES[0].as_posix()} <==\n")
    assert blocks[1].startswith(f"==> {SEED_FILES[1].as_posix()} <==\n")
    assert blocks[0].splitlines()[1:] == clean_text(SEED_FILES[0].read_text(encoding="utf-8")).text.splitlines()
    folder = run("clean", "--json", SEEDS)
    assert folder.exit_code == 0, folder.output
    records = [json.loads(line) for line in folder.stdout.splitlines()]
    assert [r["source"] for r in records] == [p.name for p in SEED_FILES]  # named as in the corpus
    assert all(r["text"] for r in records)


def test_clean_reads_what_build_reads(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in/crawl.warc.gz").write_bytes(warc([response("https://news.example/harbour", PAGE.encode())]))
    (tmp_path / "in/feed.ndjson").write_text(json.dumps({"html": PAGE, "url": "https://news.example/b"}) + "\n")
    (tmp_path / "in/notes.md").write_text("not an input")  # a folder's file of another kind is skipped
    result = run("clean", "--json", tmp_path / "in")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["source"], r["url"]) for r in records] == [
        ("crawl.warc.gz:2", "https://news.example/harbour"),
        ("feed.ndjson:1", "https://news.example/b"),
    ]
    assert all(r["text"].startswith("The harbour reopened") for r in records)


def test_clean_goes_on_past_a_failure_and_strict_makes_it_an_error(tmp_path: Path) -> None:
    (tmp_path / "bad.txt.gz").write_bytes(b"not gzip")
    result = run("clean", tmp_path / "bad.txt.gz", SEED_FILES[0])
    assert result.exit_code == 0
    assert clean_text(SEED_FILES[0].read_text(encoding="utf-8")).text in result.stdout
    assert "warning: " in result.stderr and "bad.txt.gz: BadGzipFile" in result.stderr
    strict = run("clean", "--strict", tmp_path / "bad.txt.gz", SEED_FILES[0])
    assert strict.exit_code == 1
    assert strict.stderr.splitlines()[-1] == "Error: --strict: 1 of 2 documents failed"


def test_clean_warns_when_nothing_was_kept(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "other").mkdir()
    (tmp_path / "other/notes.md").write_text("x")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (tmp_path / "blank.txt").write_text("\n\n")
    for path, why in (
        ("empty", "no input file of a known kind"),
        ("other", "no input file of a known kind"),
        ("image.png", "the document failed"),
        ("blank.txt", "its body is empty"),
    ):
        result = run("clean", tmp_path / path)
        assert result.exit_code == 0, path
        assert f"warning: nothing kept: {why}" in result.stderr, (path, result.stderr)
        assert run("clean", "--strict", tmp_path / path).exit_code == 1, path
    assert "not-text: a PNG image" in run("clean", tmp_path / "image.png").stderr


def test_clean_quiet_and_verbose(tmp_path: Path) -> None:
    (tmp_path / "bad.txt.gz").write_bytes(b"not gzip")
    quiet = run("clean", "-q", tmp_path / "bad.txt.gz", SEED_FILES[0])
    assert [line.split(":")[0] for line in quiet.stderr.splitlines()] == ["warning"]  # the failure; no count
    verbose = run("clean", "-v", SEED_FILES[0])
    assert f"{SEED_FILES[0].name}: " in verbose.stderr and "words kept" in verbose.stderr


def test_ctrl_c_exits_130(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("corpus.workers.clean_source", interrupted)
    result = run("clean", SEED_FILES[0])
    assert result.exit_code == 130
    assert "Traceback" not in result.output and "Aborted" not in result.output


@pytest.mark.skipif(not HTML_GZ, reason="no vendored HTML pages")
def test_a_closed_pipe_ends_clean_quietly_with_141() -> None:
    # `cleaner clean --json DIR | head -1`: the reader goes away after one line.
    command = [sys.executable, "-m", "cleaner", "clean", "--json", str(HTML_GZ[0].parent)]
    with subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert json.loads(process.stdout.readline())["source"]
        process.stdout.close()
        stderr = process.stderr.read()
    assert process.returncode == 141
    assert b"Traceback" not in stderr and b"Error" not in stderr


def test_build_help_lists_every_input_kind() -> None:
    help_text = run("build", "--help").output
    for suffix in (".txt", ".html", ".htm", ".jsonl", ".ndjson", ".warc", ".gz"):
        assert suffix in help_text
    clean_help = run("clean", "--help").output
    for suffix in (".jsonl", ".ndjson", ".warc", "standard input"):
        assert suffix in clean_help


def test_build_writes_the_corpus_to_standard_output(tmp_path: Path) -> None:
    assert run("build", SEEDS, "-o", tmp_path / "file.parquet", "-w", "1").exit_code == 0
    result = run("build", SEEDS, "-o", "-", "-w", "1")
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes == (tmp_path / "file.parquet").read_bytes()  # the same bytes as a file build
    assert pq.read_table(io.BytesIO(result.stdout_bytes)).num_rows == 5
    assert "wrote the corpus to standard output" in result.stderr and "documents kept" in result.stderr


def test_build_summary_json(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in/bad.txt.gz").write_bytes(b"not gzip")
    for seed in SEED_FILES[:2]:
        (tmp_path / "in" / seed.name).write_bytes(seed.read_bytes())
    (tmp_path / "in/copy.txt").write_bytes(SEED_FILES[0].read_bytes())
    out, summary = tmp_path / "out.parquet", tmp_path / "summary.json"
    result = run("build", tmp_path / "in", "-o", out, "-w", "1", "--summary-json", summary)
    assert result.exit_code == 0, result.output
    data = json.loads(summary.read_text(encoding="utf-8"))
    assert data["output"] == str(out) and data["duplicates_file"] is None
    assert (data["read"], data["documents"], data["duplicates"]) == (4, 2, 1)
    assert data["failures"] == [{"source": "bad.txt.gz", "reason": data["failures"][0]["reason"]}]
    assert data["failures"][0]["reason"].startswith("BadGzipFile")
    assert data["read"] == sum(data[k] for k in ("documents", "duplicates", "near_duplicates", "empty", "degenerate", "too_large")) + 1
    # To standard output: JSON alone there, the human summary on stderr.
    piped = run("build", tmp_path / "in", "-o", out, "-w", "1", "--summary-json", "-")
    assert json.loads(piped.stdout) == data
    assert "documents kept" in piped.stderr
    both = run("build", tmp_path / "in", "-o", "-", "--summary-json", "-")
    assert_one_line_error(both, "standard output")


def test_build_checks_the_summary_json_path_first(tmp_path: Path) -> None:
    result = run("build", SEEDS, "-o", tmp_path / "out.parquet", "--summary-json", tmp_path / "no/s.json")
    assert_one_line_error(result, "--summary-json folder does not exist")
    assert not (tmp_path / "out.parquet").exists()


def test_build_warns_when_nothing_was_kept_and_strict_fails(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken/a.txt.gz").write_bytes(b"not gzip")
    (tmp_path / "broken/b.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    for folder, why in (("empty", "no input file of a known kind"), ("broken", "every source failed")):
        out = tmp_path / f"{folder}.parquet"
        result = run("build", tmp_path / folder, "-o", out, "-w", "1")
        assert result.exit_code == 0
        assert f"warning: nothing kept: {why}" in result.stderr
        assert pq.read_table(out).num_rows == 0
        strict = run("build", tmp_path / folder, "-o", out, "-w", "1", "--strict")
        assert strict.exit_code == 1
        assert strict.stderr.splitlines()[-1].startswith("Error: --strict: ")


def test_build_strict_fails_on_any_failure_but_writes_the_corpus(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in/bad.txt.gz").write_bytes(b"not gzip")
    (tmp_path / "in/good.txt").write_bytes(SEED_FILES[0].read_bytes())
    out = tmp_path / "out.parquet"
    result = run("build", tmp_path / "in", "-o", out, "-w", "1", "--strict")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "Error: --strict: 1 of 2 sources failed"
    assert pq.read_table(out).num_rows == 1


def test_build_quiet_prints_only_warnings(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in/bad.txt.gz").write_bytes(b"not gzip")
    (tmp_path / "in/good.txt").write_bytes(SEED_FILES[0].read_bytes())
    result = run("build", tmp_path / "in", "-o", tmp_path / "out.parquet", "-w", "1", "-q")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr.startswith("warning: bad.txt.gz: BadGzipFile")


def test_a_corpus_of_no_rows_has_the_schema(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    out = tmp_path / "empty.parquet"
    assert run("build", tmp_path / "empty", "-o", out).exit_code == 0
    table = pq.read_table(out)
    assert table.num_rows == 0
    assert {f.name: f.type for f in table.schema} == EXPECTED_TYPES
    pandas = pytest.importorskip("pandas")
    assert list(pandas.read_parquet(out).columns) == list(EXPECTED_TYPES)


def test_a_corpus_of_no_rows_loads_in_datasets_as_the_readme_says(tmp_path: Path) -> None:
    datasets = pytest.importorskip("datasets")  # not a test dependency: checked where it is installed
    (tmp_path / "empty").mkdir()
    out = tmp_path / "empty.parquet"
    assert run("build", tmp_path / "empty", "-o", out).exit_code == 0
    assert datasets.Dataset(pq.read_table(out)).column_names == list(EXPECTED_TYPES)


def test_progress_shows_no_eta_until_the_rate_means_something() -> None:
    now = [0.0]
    progress = _Progress(tty=False, quiet_seconds=0.0, clock=lambda: now[0])
    now[0] = 3.0  # the workers took 3 s to start; the first task is back
    assert progress.eta(now[0], 0.01) == "?"  # elapsed * (1 - share) / share said 4:57
    progress(10, 1, 100)
    now[0] = 3.5
    assert progress.eta(now[0], 0.02) == "?"  # too little done since the first result
    now[0] = 4.0
    assert progress.eta(now[0], 0.11) == "0:08"  # 10% in 1 s since the first: 89% in 8.9 s
    assert progress.eta(now[0], 1.0) == "0:00"


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


def test_clean_json_carries_the_markdown() -> None:
    page = REPO / "tests/data/readability/html/wikipedia-4.html.gz"
    (line,) = run("clean", "--json", page).stdout.splitlines()
    record = json.loads(line)
    assert "\n| The Time Travelers | 1964 | " in record["markdown"]
    assert "\nThe Time Travelers\t1964\t" in record["text"]


def test_build_format_must_be_known(tmp_path: Path) -> None:
    result = run("build", SEEDS, "-o", tmp_path / "c.parquet", "--format", "html")
    assert result.exit_code != 0 and "'html' is not one of 'text', 'markdown'" in result.output
