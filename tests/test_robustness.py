"""Robustness: a hostile corpus, budgets per document, workers that die with their parent, the output lock."""

from __future__ import annotations

import dataclasses
import gzip
import io
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import corpus
import corpus.parquet
import corpus.pipeline
import corpus.workers
from cleaner.blocks import count_words
from cleaner.cli import main
from corpus import build
from corpus.config import CORPUS_DEFAULT, CorpusConfig
from corpus.filters import DEGENERATE, TOO_LARGE, body_verdict
from corpus.workers import _Pool
from tests import hostile

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data"
TEXT_PAGES = sorted((DATA / "scrapinghub-text" / "pages").glob("*.txt"))
HTML_GZ = sorted((DATA / "scrapinghub" / "html").glob("*.html.gz"))
SMALL_TEXT = [p for p in TEXT_PAGES if 5_000 < p.stat().st_size < 50_000]  # under the tests' small byte limits
SMALL_HTML = [p for p in HTML_GZ if len(gzip.decompress(p.read_bytes())) < 50_000]
HAS_PROC = Path("/proc/self/stat").exists()


def invariant(s: corpus.BuildSummary) -> bool:
    kept_or_left = s.documents + s.duplicates + s.near_duplicates + s.empty + s.degenerate + s.too_large
    return s.read == kept_or_left + len(s.failures)


# --- the hostile corpus ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, hostile.Hostile]:
    root = tmp_path_factory.mktemp("hostile") / "in"
    return root, hostile.make(root)


def test_a_hostile_corpus_is_built_with_every_good_file_kept_and_every_bad_one_named(
    hostile_corpus: tuple[Path, hostile.Hostile], tmp_path: Path
) -> None:
    root, expected = hostile_corpus
    out = tmp_path / "c.parquet"
    start = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "cleaner", "build", str(root), "-o", str(out), "-w", "2"],
        capture_output=True, text=True, timeout=300, cwd=REPO,
    )
    elapsed = time.monotonic() - start
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert elapsed < 120  # the issue asks for 45 s on 2 cores; CI machines vary
    rows = {r["source"]: r for r in pq.read_table(out).to_pylist()}
    assert set(rows) == set(expected.good)
    for name, paragraphs in expected.good.items():
        text = rows[name]["text"]
        for paragraph in paragraphs:  # decoded right: every paragraph is there, character for character
            assert paragraph in text, (name, paragraph[:60])
        if name != "mixed-invalid.txt":
            assert "\ufffd" not in text, name
    listed = {}
    for line in result.stdout.splitlines():
        name, sep, reason = line.strip().partition(": ")
        if sep and name in expected.bad:
            listed[name] = reason
    assert set(listed) == set(expected.bad)
    for name, kind in expected.bad.items():
        assert listed[name].startswith(kind), (name, listed[name])
    counts = {line.split()[0]: line.split()[-1] for line in result.stdout.splitlines() if line.startswith("  ") and not line.startswith("    ")}
    assert counts["read"] == str(expected.files)
    assert counts["degenerate"] == str(len(expected.degenerate))
    assert counts["failures"] == str(len(expected.bad))


def test_the_hostile_corpus_built_in_process_gives_the_same_file(
    hostile_corpus: tuple[Path, hostile.Hostile], tmp_path: Path
) -> None:
    root, expected = hostile_corpus
    one = build(root, tmp_path / "one.parquet", workers=1)
    two = build(root, tmp_path / "two.parquet", workers=2)
    assert one == two and invariant(one)
    assert (one.documents, one.degenerate, len(one.failures)) == (len(expected.good), len(expected.degenerate), len(expected.bad))
    assert dict(one.failures).keys() == expected.bad.keys()
    assert (tmp_path / "one.parquet").read_bytes() == (tmp_path / "two.parquet").read_bytes()


# --- workers die with their parent ---------------------------------------------------------------


def group(pgid: int) -> list[int]:
    """Live (not zombie) processes of process group `pgid`."""
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = Path(f"/proc/{entry}/stat").read_bytes().rpartition(b")")[2].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != b"Z":
            pids.append(int(entry))
    return pids


@pytest.mark.skipif(not HAS_PROC, reason="reads the process table from /proc")
def test_a_sigkilled_build_leaves_no_process_and_the_next_build_cleans_up(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(200):  # enough that the build is still cleaning when it is killed
        (src / f"{i:03}.html.gz").write_bytes(HTML_GZ[i % len(HTML_GZ)].read_bytes())
    out = tmp_path / "out"
    out.mkdir()
    command = [sys.executable, "-m", "cleaner", "build", str(src), "-o", str(out / "c.parquet"), "-w", "2"]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True, cwd=REPO)
    try:
        # The main process, the forkserver, the resource tracker and two workers.
        deadline = time.monotonic() + 60
        while len(group(proc.pid)) < 5 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.01)
        assert proc.poll() is None, "the build ended before it could be killed"
        assert len(group(proc.pid)) >= 5
        proc.kill()
        proc.wait()
        deadline = time.monotonic() + 5
        while group(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert group(proc.pid) == []
    finally:
        for pid in group(proc.pid):  # on failure, do not leave them behind
            os.kill(pid, signal.SIGKILL)
        proc.stderr.close()
    left = sorted(p.name for p in out.iterdir())
    assert any(name.endswith(".tmp") for name in left) and ".c.parquet.lock" in left
    assert any(".cleaner-build-" in name for name in left)
    (out / ".other.parquet.abcdefgh.tmp").write_bytes(b"another output's")  # not this output's: stays
    result = subprocess.run(command[:-2] + ["-w", "1"], capture_output=True, text=True, timeout=300, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == [".other.parquet.abcdefgh.tmp", "c.parquet"]


# --- the lock beside the output ------------------------------------------------------------------


@pytest.mark.parametrize("moment", ["taking", "leaving"])
def test_an_interrupt_while_the_lock_is_taken_or_left_leaves_no_lock_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, moment: str
) -> None:
    """Ctrl-C right after the lock file is made (before the code that removes it runs), or while it is being removed."""
    import fcntl
    import os

    real_flock, real_unlink = fcntl.flock, Path.unlink

    def interrupted_flock(fd: int, operation: int) -> None:
        real_flock(fd, operation)
        if moment == "taking":
            os.kill(os.getpid(), signal.SIGINT)

    def interrupted_unlink(self: Path, missing_ok: bool = False) -> None:
        if moment == "leaving" and self.name.endswith(".lock"):
            os.kill(os.getpid(), signal.SIGINT)
        real_unlink(self, missing_ok=missing_ok)

    monkeypatch.setattr(fcntl, "flock", interrupted_flock)
    monkeypatch.setattr(Path, "unlink", interrupted_unlink)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)  # a thread the signal may come to (a pool's, a library's)
    other.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            with corpus.parquet.output_lock(tmp_path / "c.parquet"):
                pass
    finally:
        stop.set()
        other.join()
    assert list(tmp_path.iterdir()) == []


def test_a_build_of_an_output_another_build_holds_fails_and_touches_nothing(tmp_path: Path) -> None:
    out = tmp_path / "c.parquet"
    (tmp_path / "c.parquet").write_bytes(b"an earlier corpus")
    theirs = tmp_path / ".c.parquet.abcdefgh.tmp"
    with corpus.parquet.output_lock(out):
        theirs.write_bytes(b"being written")
        with pytest.raises(corpus.OutputBusy, match="another build is writing"):
            build(REPO / "seeds", out, workers=1)
        result = CliRunnerResult.run("build", REPO / "seeds", "-o", out)
        assert result.exit_code == 1
        assert result.output.strip().splitlines() == [f"Error: another build is writing {out} (it holds {tmp_path / '.c.parquet.lock'})"]
        assert theirs.read_bytes() == b"being written"
    assert out.read_bytes() == b"an earlier corpus"
    # Released: the next build takes over what is left and writes the corpus.
    assert build(REPO / "seeds", out, workers=1).documents == 5
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.parquet"]


def test_only_this_outputs_leftovers_are_removed(tmp_path: Path) -> None:
    mine = [".c.parquet.abcdefgh.tmp", ".c.parquet.cleaner-build-a1b2c3d4", ".c.parquet.lock"]
    others = [
        ".c.parquet.bak.abcdefgh.tmp",  # the temp file of output c.parquet.bak
        ".cc.parquet.abcdefgh.tmp",
        ".cleaner-build-abcdefgh",  # a spill folder of unknown owner
        ".c.parquet.notes",
        "c.parquet.abcdefgh.tmp",
    ]
    for name in mine + others:
        if "build" in name:
            (tmp_path / name).mkdir()
            (tmp_path / name / "pass1.pickle").write_bytes(b"x")
        else:
            (tmp_path / name).write_bytes(b"x")
    build(REPO / "seeds", tmp_path / "c.parquet", workers=1)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*others, "c.parquet"])


class CliRunnerResult:
    @staticmethod
    def run(*args: object):
        from click.testing import CliRunner

        return CliRunner().invoke(main, [str(a) for a in args])


# --- size and not-text ---------------------------------------------------------------------------


def small(**changes: object) -> CorpusConfig:
    return dataclasses.replace(CORPUS_DEFAULT, repeated_line_min_docs=0, **changes)


def test_a_file_over_the_byte_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    with open(tmp_path / "in" / "sparse.txt", "wb") as f:
        f.truncate(1 << 40)  # a terabyte, sparse: reading it would never end
    (tmp_path / "in" / "bomb.txt.gz").write_bytes(gzip.compress(b"word " * 1_000_000))
    (tmp_path / "in" / "ok.txt").write_text(SMALL_TEXT[0].read_text(encoding="utf-8"), encoding="utf-8")
    summary = build(tmp_path / "in", tmp_path / "c.parquet", workers=1, corpus_config=small(max_document_bytes=1_000_000))
    failures = dict(summary.failures)
    assert failures["sparse.txt"] == "too-large: 1,099,511,627,776 bytes, over the limit of 1,000,000"
    assert failures["bomb.txt.gz"] == "too-large: over 1,000,000 bytes once decompressed (the limit)"
    assert summary.documents == 1 and invariant(summary)


def test_records_over_the_byte_limit_are_listed_and_the_others_kept(tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    pages = [p.read_text(encoding="utf-8") for p in SMALL_TEXT[:2]]
    records = [{"text": pages[0]}, {"text": "x " * 60_000}, {"text": pages[1]}]
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for i, html in enumerate([b"<html><body><p>" + b"big " * 40_000 + b"</p></body></html>", gzip.decompress(SMALL_HTML[0].read_bytes())]):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://x.example/{i}", "response", payload=io.BytesIO(html), http_headers=headers))
    (tmp_path / "in" / "b.warc.gz").write_bytes(buffer.getvalue())
    summary = build(tmp_path / "in", tmp_path / "c.parquet", workers=2, corpus_config=small(max_document_bytes=100_000))
    failures = dict(summary.failures)
    assert failures.keys() == {"a.jsonl:2", "b.warc.gz:1"}
    assert failures["a.jsonl:2"].startswith("too-large: a line of 120,")
    assert failures["b.warc.gz:1"] == "too-large: a payload over the limit of 100,000 bytes"
    assert summary.documents == 3 and invariant(summary)


def test_binary_files_are_not_text_and_counted_as_failures(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "photo.txt").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 20)
    (tmp_path / "in" / "photo.html").write_bytes(b"GIF89a" + bytes(4000))
    (tmp_path / "in" / "ok.txt").write_text(TEXT_PAGES[1].read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "in" / "r.jsonl").write_text(json.dumps({"text": "\x00\x01\x02\x03" * 500}) + "\n", encoding="utf-8")
    summary = build(tmp_path / "in", tmp_path / "c.parquet", workers=1)
    assert dict(summary.failures) == {
        "photo.html": "not-text: a GIF image",
        "photo.txt": "not-text: a JPEG image",
        "r.jsonl:1": "not-text: 100% control characters in its first 2,000",
    }
    assert (summary.documents, summary.empty) == (1, 0) and invariant(summary)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_named_like_an_article_is_listed_not_waited_for(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    os.mkfifo(tmp_path / "in" / "pipe.txt")
    (tmp_path / "in" / "ok.txt").write_text(TEXT_PAGES[2].read_text(encoding="utf-8"), encoding="utf-8")
    summary = build(tmp_path / "in", tmp_path / "c.parquet", workers=1)
    assert summary.failures == [("pipe.txt", f"OSError: not a regular file but a special file: {tmp_path / 'in' / 'pipe.txt'}")]
    assert summary.documents == 1


# --- degenerate and too-large bodies -------------------------------------------------------------


def gold_bodies() -> list[str]:
    shub = json.loads((DATA / "scrapinghub" / "ground-truth.json").read_text(encoding="utf-8"))
    readability = json.loads((DATA / "readability" / "ground-truth.json").read_text(encoding="utf-8"))
    seeds = [json.loads(line) for line in (DATA / "seeds" / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    return [v["articleBody"] for v in shub.values()] + [v["articleBody"] for v in readability.values()] + [s["body"] for s in seeds]


def test_no_gold_article_body_is_degenerate_or_too_large() -> None:
    bodies = gold_bodies()
    assert len(bodies) == 181 + 130 + 5
    assert [b[:40] for b in bodies if body_verdict(b) is not None] == []


def test_repeated_words_phrases_and_lines_are_degenerate() -> None:
    sentence = "The market closed higher today as investors welcomed the news from the central bank."
    assert body_verdict("word " * 60_000) == DEGENERATE
    assert body_verdict("buy now " * 100) == DEGENERATE
    assert body_verdict(f"{sentence} " * 50) == DEGENERATE  # one line
    assert body_verdict(f"{sentence}\n" * 11) == DEGENERATE  # 10 of 11 lines repeat the first
    assert body_verdict(f"{sentence}\n" * 5) == DEGENERATE  # its 4-grams cover 29% of it
    paragraph = next(p for body in gold_bodies() for p in body.split("\n") if len(p.split()) >= 70)
    assert body_verdict(f"{paragraph}\n" * 5) is None  # a long paragraph 5 times, as Readability's gold pages have it
    assert body_verdict("word " * 49) is None  # too short for the n-gram rules: Gopher's minimum
    assert body_verdict("word " * 100_001) == TOO_LARGE
    assert body_verdict("") is None


def test_degenerate_and_too_large_bodies_are_counted_not_written(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    pages = [p.read_text(encoding="utf-8") for p in TEXT_PAGES[:2]]
    (tmp_path / "in" / "a.txt").write_text(pages[0], encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text(pages[1], encoding="utf-8")
    (tmp_path / "in" / "spam.txt").write_text("Buy cheap watches online today, the best prices are here.\n" * 300, encoding="utf-8")
    summary = build(tmp_path / "in", tmp_path / "c.parquet", workers=1, corpus_config=small())
    assert (summary.read, summary.documents, summary.degenerate, summary.too_large) == (3, 2, 1, 0)
    words = sorted(count_words(corpus.clean_source(corpus.Source(tmp_path / "in" / n, n, "text")).text) for n in ("a.txt", "b.txt"))
    assert words[0] < words[1]
    summary = build(tmp_path / "in", tmp_path / "d.parquet", workers=1, corpus_config=small(max_body_words=words[0]))
    assert summary.documents == 1 and summary.too_large >= 1 and summary.too_large + summary.degenerate == 2
    assert invariant(summary)
    assert pq.read_table(tmp_path / "d.parquet").num_rows == 1


# --- the time limit ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def slow_input(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 7 MB text document (~0.6 s of CPU to clean; 7.4 MB of UTF-8, under the 8 MiB limit) among six ordinary pages (~0.02 s each).

    Over twice the 0.25 s limit below: at 4 MB, once the text kernel had sped up, it took 0.27 s,
    and the test passed or failed with the machine's load."""
    root = tmp_path_factory.mktemp("slow") / "in"
    root.mkdir()
    pages = [p.read_text(encoding="utf-8") for p in TEXT_PAGES]
    (root / "big.txt").write_text("\n".join(pages * 5)[:7_000_000], encoding="utf-8")
    for i in range(6):
        (root / f"page{i}.txt").write_text(pages[i], encoding="utf-8")
    return root


@pytest.mark.parametrize("workers", [1, 2])
def test_a_document_over_its_time_limit_is_a_failure_and_the_build_goes_on(slow_input: Path, tmp_path: Path, workers: int) -> None:
    before = signal.getsignal(signal.SIGPROF)
    summary = build(slow_input, tmp_path / "c.parquet", workers=workers, corpus_config=small(document_timeout=0.25))
    assert summary.failures == [("big.txt", "timeout: over 0.25 s of CPU time to read and clean")]
    assert summary.documents == 6 and invariant(summary)
    # The timer is off and its handler gone once the build is done: it never fires elsewhere.
    assert signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGPROF) == before


def test_the_time_limit_is_not_swallowed_by_an_except_exception(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "stubborn.txt").write_text("STUBBORN", encoding="utf-8")
    (tmp_path / "in" / "ok.txt").write_text(TEXT_PAGES[3].read_text(encoding="utf-8"), encoding="utf-8")
    real = corpus.workers.clean_text

    def stubborn(text: str, **kwargs):
        while text == "STUBBORN":
            try:
                sum(range(100_000))
            except Exception:  # noqa: BLE001, S112 - what a careless library does
                continue
        return real(text, **kwargs)

    monkeypatch.setattr(corpus.workers, "clean_text", stubborn)
    summary = build(tmp_path / "in", tmp_path / "c.parquet", workers=1, corpus_config=small(document_timeout=0.2))
    assert summary.failures == [("stubborn.txt", "timeout: over 0.2 s of CPU time to read and clean")]
    assert summary.documents == 1


def test_a_time_limit_whose_exception_is_dropped_still_fails_the_document() -> None:
    """Python drops an exception raised in a garbage collector's callback or a __del__: where the timer's lands there, the
    document is over its time all the same."""
    import gc
    import time

    def spends(source: object) -> str:
        end = time.process_time() + 0.3
        while time.process_time() < end:
            sum(range(10_000))
        return "done"

    def dropping(phase: str, info: dict) -> None:  # what hypothesis installs: a callback at every collection
        try:
            sum(range(50_000))
        except BaseException:  # noqa: BLE001, S110 - as Python does with an exception raised here
            pass

    def allocates(source: object) -> str:
        end = time.process_time() + 0.3
        while time.process_time() < end:
            [[] for _ in range(1_000)]  # collections, and time spent in the callback
        return "done"

    assert isinstance(corpus.workers.attempt(spends, None, 0.05), corpus.workers.TimedOut)
    gc.callbacks.append(dropping)
    try:
        outcomes = [corpus.workers.attempt(allocates, None, 0.05) for _ in range(5)]
    finally:
        gc.callbacks.remove(dropping)
    assert all(isinstance(outcome, corpus.workers.TimedOut) for outcome in outcomes), outcomes


def test_a_worker_stuck_past_its_hard_limit_is_replaced(slow_input: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A C call that never returns cannot be reproduced on demand: make the first busy worker look
    # as if it had spent hours on its document, so that the pool kills it as it would such a one.
    real = _Pool._stop_stuck
    stuck: list[int] = []

    def stop_stuck(self: _Pool, results, retry) -> None:
        busy = [slot for slot in self.slots if slot.tasks and slot.mark is not None]
        if busy and not stuck:
            stuck.append(busy[0].process.pid)
            busy[0].mark = -1e9
        real(self, results, retry)

    monkeypatch.setattr(_Pool, "_stop_stuck", stop_stuck)
    monkeypatch.setattr("corpus.workers._CHECK_EVERY", 0.05)  # several looks while on the 0.6 s document
    summary = build(slow_input, tmp_path / "c.parquet", workers=2, corpus_config=small())
    assert stuck
    ((source, reason),) = summary.failures
    assert reason == "timeout: over 20 s of CPU time to read and clean (its worker was stopped)"
    assert summary.documents == 6 and invariant(summary)


def test_a_worker_killed_under_a_document_costs_that_document_only(slow_input: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = _Pool._stop_stuck
    killed: list[int] = []

    def kill_one(self: _Pool, results, retry) -> None:
        busy = [slot for slot in self.slots if slot.tasks]
        if busy and not killed:
            killed.append(busy[0].process.pid)
            os.kill(busy[0].process.pid, signal.SIGKILL)  # as the kernel's OOM killer would
        real(self, results, retry)

    monkeypatch.setattr(_Pool, "_stop_stuck", kill_one)
    summary = build(slow_input, tmp_path / "c.parquet", workers=2, corpus_config=small())
    assert killed
    ((source, reason),) = summary.failures
    assert reason.startswith("crashed: its worker process died (killed by SIGKILL")
    # Whichever document was in flight is the one lost (big.txt's body is empty: it is never kept).
    assert summary.documents == (6 if source == "big.txt" else 5) and invariant(summary)


# --- the module structure ------------------------------------------------------------------------


def test_the_duplicate_type_has_one_owner() -> None:
    assert corpus.Duplicate is corpus.parquet.Duplicate is corpus.pipeline.Duplicate
    assert corpus.Duplicate.__module__ == "corpus.parquet"
    assert "pipeline" not in (REPO / "corpus" / "parquet.py").read_text(encoding="utf-8")
