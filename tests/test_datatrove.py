"""corpus/datatrove.py: the build on datatrove's Local, Ray and Slurm executors keeps what the in-process build keeps.

Needs `pip install '.[scale]'`; without it these tests skip, unless CLEANER_REQUIRE_SCALE is set
(CI sets it, so that they cannot skip there).
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import os
import random
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

import corpus
from cleaner.cli import main

REPO = Path(__file__).resolve().parent.parent
REQUIRED = bool(os.environ.get("CLEANER_REQUIRE_SCALE"))


def _needs(module: str) -> pytest.MarkDecorator:
    missing = importlib.util.find_spec(module) is None and not REQUIRED
    return pytest.mark.skipif(missing, reason=f"{module} is not installed: pip install -e '.[scale]'")


needs_datatrove = _needs("datatrove")
needs_ray = _needs("ray")


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small generated corpus (WARC and JSON Lines, exact and near copies, shared chrome) and bad inputs."""
    root = tmp_path_factory.mktemp("crawl")
    subprocess.run(
        [sys.executable, str(REPO / "benchmarks/make_corpus.py"), "--docs", "160", "--out", str(root), "--jobs", "1"],
        check=True,
        capture_output=True,
    )
    (root / "labels.jsonl.gz").unlink()  # the gold labels, not an input
    bad = root / "bad"
    bad.mkdir()
    (bad / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (bad / "truncated.txt.gz").write_bytes(gzip.compress(b"A story. " * 500)[:200])
    (bad / "records.jsonl").write_text('{"text": "One line."}\nnot json\n{"html": 3}\n', encoding="utf-8")
    (bad / "empty.txt").write_text("Home | News | Contact\n", encoding="utf-8")
    (root / "site.jsonl").write_text("\n".join(map(json.dumps, _site_records())) + "\n", encoding="utf-8")
    return root


def _site_records() -> list[dict]:
    """Stories of one site that share two body lines (dropped as repeated), one that is nothing but
    them (left empty) and its copy (counted empty too)."""
    rng = random.Random(0)
    words = "the council said new plan river school money week city people would water market road".split()
    shared = [
        "The valley council meets every second Tuesday of the month in the old town hall on Mill Street.",
        "Residents who want to speak at the meeting should register with the clerk two days before it.",
    ]
    records = []
    for n in range(5):
        paragraphs = [" ".join(rng.choice(words) for _ in range(40)).capitalize() + "." for _ in range(4)]
        records.append({"text": "\n".join(paragraphs[:2] + shared + paragraphs[2:]), "url": f"https://valley.example/{n}"})
    records += [{"text": "\n".join(shared), "url": "https://valley.example/6"}] * 2
    return records


@pytest.fixture(scope="module")
def in_process(crawl: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[corpus.BuildSummary, list[dict], list[dict]]:
    """The in-process build of `crawl`: its summary, rows and duplicates rows."""
    out = tmp_path_factory.mktemp("in-process")
    summary = corpus.build(crawl, out / "corpus.parquet", workers=1, duplicates=out / "dups.parquet")
    return summary, pq.read_table(out / "corpus.parquet").to_pylist(), pq.read_table(out / "dups.parquet").to_pylist()


def _rows(folder: Path) -> list[dict]:
    return ds.dataset(folder, format="parquet").to_table().to_pylist()


def _same_as_in_process(summary, folder: Path, dups: Path, expected, tasks: int) -> None:
    local_summary, local_rows, local_dups = expected
    assert local_summary.documents > 50 and local_summary.duplicates and local_summary.near_duplicates
    assert local_summary.repeated_lines and len(local_summary.failures) >= 3
    assert summary == local_summary  # every count, and the failures in input order
    assert sorted(p.name for p in folder.iterdir()) == [f"{n:05d}.parquet" for n in range(tasks)]
    for shard in folder.iterdir():
        assert pq.read_schema(shard).equals(corpus.SCHEMA)
    rows = _rows(folder)
    key = lambda r: r["source"]  # noqa: E731
    assert sorted(rows, key=key) == sorted(local_rows, key=key)  # same documents, text and every column
    assert pq.read_table(dups).to_pylist() == local_dups


@needs_datatrove
def test_local_executor_keeps_what_the_in_process_build_keeps(crawl: Path, in_process, tmp_path: Path) -> None:
    from corpus import datatrove as scale

    out = tmp_path / "out"
    summary = scale.build(crawl, out, executor="local", tasks=4, workers=2, duplicates=tmp_path / "dups.parquet")
    _same_as_in_process(summary, out, tmp_path / "dups.parquet", in_process, 4)


@needs_ray
@needs_datatrove
def test_ray_executor_keeps_what_the_in_process_build_keeps(crawl: Path, in_process, tmp_path: Path) -> None:
    import ray

    from corpus import datatrove as scale

    ray.init(num_cpus=2, include_dashboard=False)  # a local cluster, which the build joins
    try:
        out = tmp_path / "out"
        summary = scale.build(crawl, out, executor="ray", tasks=4, workers=2, duplicates=tmp_path / "dups.parquet")
    finally:
        ray.shutdown()
    _same_as_in_process(summary, out, tmp_path / "dups.parquet", in_process, 4)


@needs_datatrove
def test_slurm_jobs_scripts_and_their_run(
    crawl: Path, in_process, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The job arrays the build submits (sbatch replaced), then each job run as Slurm would run it."""
    import dill
    from datatrove.executor import slurm as datatrove_slurm

    from corpus import datatrove as scale

    submitted: list[tuple[str, tuple[str, ...]]] = []

    def sbatch(script: str, job_id_retriever: object, *args: str) -> str:
        submitted.append((script, args))
        return str(100 + len(submitted))

    monkeypatch.setattr(datatrove_slurm, "launch_slurm_job", sbatch)
    out, logs = tmp_path / "out", tmp_path / "logs"
    options = scale.Slurm("cpu", "2:00:00", cpus_per_task=2, mem_per_cpu_gb=3, logging_dir=str(logs), venv="/env/bin/activate")
    assert scale.build(crawl, out, executor="slurm", tasks=3, duplicates=tmp_path / "dups.parquet", slurm=options) is None

    stages = [script for script, _ in submitted if "launch_pickled_pipeline" in script]
    assert [s.split("--job-name=")[1].split("\n")[0] for s in stages] == [
        "cleaner-clean", "cleaner-dedup", "cleaner-count", "cleaner-write", "cleaner-finish"
    ]  # fmt: skip
    clean = stages[0]
    for line in ("#SBATCH --partition=cpu", "#SBATCH --time=2:00:00", "#SBATCH --cpus-per-task=2",
                 "#SBATCH --mem-per-cpu=3G", "#SBATCH --array=0-2", "source /env/bin/activate"):  # fmt: skip
        assert line in clean
    (run,) = logs.iterdir()  # this build's folder in --logging-dir
    assert f"launch_pickled_pipeline {run}/1-clean/executor.pik" in clean
    assert "#SBATCH --array=0-0" in stages[1]
    # Each stage waits for the one before it to succeed.
    ids = {script: str(101 + n) for n, (script, _) in enumerate(submitted)}
    for before, after in zip(stages, stages[1:]):
        args = next(a for s, a in submitted if s == after)
        assert f"--dependency=afterok:{ids[before]}" in args

    # What the cluster would do: every array task of each job, in dependency order.
    monkeypatch.setenv("SLURM_NODELIST", "node1")
    monkeypatch.setattr(datatrove_slurm, "expand_slurm_nodelist", lambda nodes: [nodes])  # no scontrol here
    for name in ("NODE_RANK", "EXECUTOR", "NODE_IPS", "CPUS_PER_TASK", "MEM_PER_CPU", "GPUS_ON_NODE"):
        monkeypatch.setenv(f"DATATROVE_{name}", "")  # set by each task: gone after the test
    requeue = signal.getsignal(signal.SIGUSR1)  # each task sets its handler
    try:
        for n, name in enumerate(("clean", "dedup", "count", "write", "finish"), 1):
            with open(run / f"{n}-{name}" / "executor.pik", "rb") as f:
                executor = dill.load(f)
            for task in range(executor.tasks):
                monkeypatch.setenv("SLURM_ARRAY_TASK_ID", str(task))
                executor.run()
    finally:
        signal.signal(signal.SIGUSR1, requeue)
    _same_as_in_process(scale.read_summary(out), _shards(out), tmp_path / "dups.parquet", in_process, 3)


def _shards(out: Path) -> Path:
    """The Parquet shards of `out` alone (a Slurm build leaves its hidden folder, with the summary)."""
    assert (out / ".cleaner" / "summary.json").is_file()
    shards = out.parent / "shards"
    shards.mkdir()
    for shard in out.glob("*.parquet"):
        shard.rename(shards / shard.name)
    return shards


@needs_datatrove
def test_cli_executor_local(tmp_path: Path) -> None:
    """`cleaner build --executor local` prints the in-process build's summary; DuckDB reads the folder as one table."""
    import duckdb

    runner = CliRunner()
    local = runner.invoke(main, ["build", str(REPO / "seeds"), "-o", str(tmp_path / "c.parquet"), "-w", "1"])
    scaled = runner.invoke(main, ["build", str(REPO / "seeds"), "-o", str(tmp_path / "c"), "--executor", "local", "--tasks", "2"])
    assert scaled.exit_code == 0, scaled.output
    assert scaled.stdout.replace(str(tmp_path / "c"), "X") == local.stdout.replace(str(tmp_path / "c.parquet"), "X")
    assert sorted(p.name for p in (tmp_path / "c").iterdir()) == ["00000.parquet", "00001.parquet"]
    count = duckdb.sql(f"select count(*) from read_parquet('{tmp_path / 'c'}/*.parquet')").fetchall()[0][0]
    assert count == len(pq.read_table(tmp_path / "c.parquet"))


@needs_datatrove
def test_cli_executor_markdown_shards_say_their_format(tmp_path: Path) -> None:
    """`--format markdown` with an executor: the shards hold the in-process build's Markdown and say so."""
    runner = CliRunner()
    args = ["build", str(REPO / "seeds"), "--format", "markdown"]
    local = runner.invoke(main, [*args, "-o", str(tmp_path / "c.parquet"), "-w", "1"])
    scaled = runner.invoke(main, [*args, "-o", str(tmp_path / "c"), "--executor", "local", "--tasks", "2"])
    assert local.exit_code == scaled.exit_code == 0, scaled.output
    shards = sorted((tmp_path / "c").glob("*.parquet"))
    assert all(pq.read_schema(path).metadata[b"text_format"] == b"markdown" for path in shards)
    rows = {r["source"]: r["text"] for path in shards for r in pq.read_table(path).to_pylist()}
    assert rows == {r["source"]: r["text"] for r in pq.read_table(tmp_path / "c.parquet").to_pylist()}


def test_cli_executor_options(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    seeds = str(REPO / "seeds")
    result = runner.invoke(main, ["build", seeds, "-o", str(tmp_path / "c"), "--executor", "slurm"])
    assert result.exit_code == 1 and "Error: --executor slurm needs --partition" in result.output
    result = runner.invoke(main, ["build", seeds, "-o", str(tmp_path / "c"), "--executor", "local", "--partition", "x"])
    assert result.exit_code == 1 and "options of --executor slurm" in result.output
    (tmp_path / "file").write_text("x")
    result = runner.invoke(main, ["build", seeds, "-o", str(tmp_path / "file"), "--executor", "local"])
    assert result.exit_code == 1 and "is not one" in result.output

    find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "datatrove" else find_spec(name, *a))
    result = runner.invoke(main, ["build", seeds, "-o", str(tmp_path / "c"), "--executor", "local"])
    assert result.exit_code == 1
    assert result.output == "Error: --executor local needs datatrove: pip install '.[scale]'\n"
    assert not (tmp_path / "c").exists()


@needs_datatrove
def test_a_failing_stage_is_one_error_naming_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from corpus import datatrove as scale

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(scale.CountLines, "run", boom)  # one task at a time runs in this process
    result = CliRunner().invoke(
        main, ["build", str(REPO / "seeds"), "-o", str(tmp_path / "c"), "--executor", "local", "--tasks", "1", "-w", "1"]
    )
    assert result.exit_code == 1
    logs = tmp_path / "c" / ".cleaner" / "logs" / "3-count" / "logs"
    assert result.stderr.endswith(f"\nError: stage count failed: RuntimeError: boom (logs: {logs})\n")
    assert (logs / "task_00000.log").is_file()  # kept for the user to read
    assert not list((tmp_path / "c").glob("*.parquet"))


# --- CleanerExtractor: the cleaner as a datatrove extractor step -----------------------------------

CRAWL_DATE = "2024-11-03T07:21:45Z"
# An app shell, all script: no body without JavaScript, so the extractor drops it.
APP_SHELL = b'<!doctype html><html><head><title>Shop</title><script src="/app.js"></script></head><body><div id="root"></div></body></html>'


def _pages() -> list[tuple[str, str]]:
    """(url, HTML) of two Scrapinghub pages and two fixture pages (one with JSON-LD metadata, one with comments)."""
    from cleaner.decode import decode

    gold = REPO / "tests" / "data" / "scrapinghub"
    truth = json.loads((gold / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key in sorted(truth)[:2]:
        pages.append((truth[key]["url"], decode(gzip.decompress((gold / "html" / f"{key}.html.gz").read_bytes()), html=True)))
    for name in ("metadata_jsonld", "comments"):
        pages.append((f"https://news.example/{name}", (REPO / "tests" / "fixtures" / "html" / f"{name}.html").read_text(encoding="utf-8")))
    return pages


def _cc_warc(path: Path, pages: list[tuple[str, bytes]]) -> None:
    """A WARC file as Common Crawl writes one: warcinfo, then request, response and metadata of each capture."""
    import io
    import uuid

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        info = writer.create_warcinfo_record(path.name, {"software": "Apache Nutch 1.20", "isPartOf": "CC-MAIN-2024-46"})
        writer.write_record(info)
        info_id = info.rec_headers.get_header("WARC-Record-ID")
        for url, payload in pages:
            common = {"WARC-Date": CRAWL_DATE, "WARC-IP-Address": "192.0.2.7", "WARC-Warcinfo-ID": info_id}
            request_id = f"<urn:uuid:{uuid.uuid4()}>"
            http = StatusAndHeaders("GET / HTTP/1.1", [("Host", url.split("/")[2]), ("User-Agent", "CCBot/2.0")], is_http_request=True)
            writer.write_record(writer.create_warc_record(
                url, "request", http_headers=http, warc_content_type="application/http; msgtype=request",
                warc_headers_dict={**common, "WARC-Record-ID": request_id},
            ))  # fmt: skip
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=UTF-8"), ("Server", "nginx")], protocol="HTTP/1.1")
            headers = {
                **common,
                "WARC-Record-ID": f"<urn:uuid:{uuid.uuid4()}>",
                "WARC-Concurrent-To": request_id,
                "WARC-Identified-Payload-Type": "text/html",
            }
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(payload), http_headers=http,
                warc_content_type="application/http; msgtype=response", warc_headers_dict=headers,
            ))  # fmt: skip
            fields = b"fetchTimeMs: 112\r\ncharset-detected: UTF-8\r\n"
            writer.write_record(writer.create_warc_record(
                url, "metadata", payload=io.BytesIO(fields), warc_content_type="application/warc-fields",
                warc_headers_dict={**common, "WARC-Concurrent-To": headers["WARC-Record-ID"]},
            ))  # fmt: skip


def _step_stats(logging_dir: Path, name: str) -> dict[str, int]:
    """The totals of one step's stats in an executor's merged stats.json."""
    (step,) = [s for s in json.loads((logging_dir / "stats.json").read_text()) if s["name"].endswith(f": {name}")]
    return {key: value["total"] if isinstance(value, dict) else value for key, value in step["stats"].items()}


@needs_datatrove
def test_cleaner_extractor_in_a_fineweb_style_pipeline(tmp_path: Path) -> None:
    """WarcReader over Common Crawl-style WARCs -> CleanerExtractor -> a datatrove filter -> JsonlWriter: clean_html's text and metadata."""

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.filters import LambdaFilter
    from datatrove.pipeline.readers import WarcReader
    from datatrove.pipeline.writers import JsonlWriter

    from cleaner import clean_html
    from corpus.datatrove import CleanerExtractor

    pages = _pages()
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    _cc_warc(crawl / "CC-MAIN-00000.warc.gz", [(url, html.encode("utf-8")) for url, html in pages[:2]])
    _cc_warc(crawl / "CC-MAIN-00001.warc.gz", [(url, html.encode("utf-8")) for url, html in pages[2:]] + [("https://news.example/home", APP_SHELL)])
    pipeline = [
        WarcReader(str(crawl), glob_pattern="*.warc.gz"),
        CleanerExtractor(),
        LambdaFilter(lambda doc: doc.metadata["language"] == "en"),  # the cleaner's language, where LanguageFilter would look
        JsonlWriter(str(tmp_path / "out")),
    ]
    # Two tasks in two worker processes: the steps are pickled to them, and each task's extractor forks its sandbox.
    LocalPipelineExecutor(pipeline, tasks=2, workers=2, logging_dir=str(tmp_path / "logs")).run()

    rows = {}
    for shard in sorted((tmp_path / "out").glob("*.jsonl.gz")):
        with gzip.open(shard, "rt", encoding="utf-8") as f:
            rows |= {(row := json.loads(line))["metadata"]["url"]: row for line in f}
    assert sorted(rows) == sorted(url for url, _ in pages)  # the app shell is dropped
    reasons: Counter[str] = Counter()
    for url, html in pages:
        expected = clean_html(html, url=url, defaults={"date": CRAWL_DATE})
        meta = rows[url]["metadata"]
        assert expected.text and rows[url]["text"] == expected.text
        for field in ("title", "date", "author", "site", "url", "language", "language_score"):
            assert meta[field] == getattr(expected, field), field
        assert meta["format"] == "html" and meta["n_words"] == len(expected.text.split())
        assert meta["dropped_reasons"] == dict(Counter(d.reason for d in expected.dropped))
        reasons.update(meta["dropped_reasons"])
    assert rows[pages[2][0]]["metadata"]["date"] == "2021-03-04"  # the page's own date wins over the crawl's
    assert rows[pages[3][0]]["metadata"]["date"] == CRAWL_DATE  # none on the page: the crawl date stands in

    stats = _step_stats(tmp_path / "logs", CleanerExtractor.name)
    assert (stats["total"], stats["extracted"], stats["forwarded"], stats["dropped"]) == (5, 5, 4, 1)
    reasons.update(d.reason for d in clean_html(APP_SHELL).dropped)  # the dropped page's blocks count too
    assert {k.removeprefix("dropped_"): v for k, v in stats.items() if k.startswith("dropped_")} == reasons
    assert _step_stats(tmp_path / "logs", LambdaFilter.name)["forwarded"] == 4


class _Failing:
    """Stand-ins for `CleanerExtractor.clean` that fail as a page can: an error, or no end."""

    @staticmethod
    def error(self: object, text: str, url: str | None = None, date: str | None = None) -> tuple[str, dict]:
        raise _Unpicklable(lambda: None)

    @staticmethod
    def hang(self: object, text: str, url: str | None = None, date: str | None = None) -> tuple[str, dict]:
        import time

        if text:  # not the sandbox's warm-up
            time.sleep(60)
        return "", {}


class _Unpicklable(Exception):
    """An error whose argument does not pickle, as the sandbox's pipe would need."""


@needs_datatrove
def test_cleaner_extractor_text_markdown_options_and_failures(monkeypatch: pytest.MonkeyPatch) -> None:
    """Plain text goes to clean_text, HTML to clean_html (Markdown, favor, comments passed on); it pickles; failures are counted."""
    import pickle

    from datatrove.data import Document as DtDocument

    from cleaner import Config, clean_html, clean_text
    from corpus.datatrove import CleanerExtractor

    seed = sorted((REPO / "seeds").glob("*.txt"))[0].read_text(encoding="utf-8")
    page = (REPO / "tests" / "fixtures" / "html" / "comments.html").read_text(encoding="utf-8")
    url = "https://news.example/a"

    def run(extractor: CleanerExtractor, *texts: str) -> list[DtDocument]:
        docs = [DtDocument(text, f"doc{n}", metadata={"url": url, "date": CRAWL_DATE}) for n, text in enumerate(texts)]
        return list(extractor.run(iter(docs)))

    extractor = pickle.loads(pickle.dumps(CleanerExtractor()))  # as an executor ships it to a task
    (doc,) = run(extractor, seed)
    expected = clean_text(seed, known={"url": url}, defaults={"date": CRAWL_DATE})
    assert doc.text == expected.text and doc.metadata["format"] == "text" and doc.metadata["url"] == url
    assert doc.metadata["dropped_reasons"] == dict(sorted(Counter(d.reason for d in expected.dropped).items()))
    assert extractor.stats["forwarded"].total == 1
    for reason, count in doc.metadata["dropped_reasons"].items():
        assert extractor.stats[f"dropped_{reason}"].total == count

    options = {"markdown": True, "include_comments": True, "favor": "precision"}
    (doc,) = run(CleanerExtractor(**options), "\n\n  " + page)
    config = Config(favor="precision", include_comments=True)
    expected = clean_html(page, markdown=True, config=config, url=url)
    assert expected.markdown and doc.text == expected.markdown != clean_html(page).text
    assert CleanerExtractor().extract(page) == clean_html(page).text  # BaseExtractor's interface: the text alone
    with pytest.raises(ValueError, match="favor"):
        CleanerExtractor(favor="speed")

    monkeypatch.setattr(CleanerExtractor, "clean", _Failing.error)
    extractor = CleanerExtractor()
    assert run(extractor, page, seed) == []
    assert extractor.stats["clean_error"].total == 2 and extractor.stats["broken_process"].total == 0
    monkeypatch.setattr(CleanerExtractor, "clean", _Failing.hang)
    extractor = CleanerExtractor(timeout=0.5)
    assert run(extractor, page) == []
    assert extractor.stats["timeout"].total == 1


@needs_datatrove
def test_the_readmes_datatrove_example_runs_as_written(tmp_path: Path) -> None:
    """The pipeline of docs/scaling-out.md (WarcReader -> CleanerExtractor -> filter -> JsonlWriter) over a Common Crawl-style WARC in crawl/.

    tests/test_readme.py collects the Python blocks of README.md and docs/*.md that use datatrove."""
    from cleaner import Config, clean_html
    from tests.test_readme import DATATROVE_BLOCKS

    assert len(DATATROVE_BLOCKS) == 1
    (tmp_path / "crawl").mkdir()
    url, page = _pages()[0]
    _cc_warc(tmp_path / "crawl" / "CC-MAIN-00000.warc.gz", [(url, page.encode("utf-8"))])
    script = tmp_path / "pipeline.py"
    script.write_text(DATATROVE_BLOCKS[0], encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    run = subprocess.run([sys.executable, str(script)], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert run.returncode == 0, run.stderr[-3000:]
    rows = [json.loads(line) for f in sorted((tmp_path / "clean").glob("*.jsonl.gz")) for line in gzip.open(f, "rt")]
    assert [row["text"] for row in rows] == [clean_html(page, url=url, config=Config(favor="precision")).text]
    assert rows[0]["metadata"]["language"] == "en"
