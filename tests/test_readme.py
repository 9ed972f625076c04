"""The README's examples run as written: every Python block, and the shell output it shows."""

from __future__ import annotations

import dataclasses
import gzip
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

import corpus
from cleaner import kernels
from cleaner.cli import main
from corpus import CORPUS_DEFAULT

REPO = Path(__file__).resolve().parent.parent
MARKDOWN = dataclasses.replace(CORPUS_DEFAULT, text_format="markdown")
README = (REPO / "README.md").read_text(encoding="utf-8")
FENCE = re.compile(r"^```(\w*)\n(.*?)^```$", re.S | re.M)
BLOCKS = [(lang, body) for lang, body in FENCE.findall(README)]
# Blocks that use datatrove need the `scale` extra: tests/test_datatrove.py runs them (`DATATROVE_BLOCKS`).
PYTHON = [body for lang, body in BLOCKS if lang == "python" and "datatrove" not in body]
DATATROVE_BLOCKS = [body for lang, body in BLOCKS if lang == "python" and "datatrove" in body]


def shown_output(command: str) -> str:
    """The output the README shows under `$ command` (a plain block that starts with it)."""
    for lang, body in BLOCKS:
        if not lang and body.startswith(f"$ {command}\n"):
            return body.split("\n", 1)[1]
    raise AssertionError(f"the README shows no output of: {command}")


def test_the_readme_has_python_blocks() -> None:
    assert len(PYTHON) >= 2


@pytest.mark.parametrize("number", range(len(PYTHON)))
def test_python_block_runs_as_written(number: int, tmp_path: Path) -> None:
    # Where a user of a clone runs it: the clone's files at hand, plus the inputs the block names
    # that a clone does not have (a crawl folder and a JSON Lines file).
    for name in ("seeds", "tests"):
        (tmp_path / name).symlink_to(REPO / name)
    shutil.copytree(REPO / "seeds", tmp_path / "crawl")
    seed = sorted((REPO / "seeds").glob("*.txt"))[0]
    record = {"text": seed.read_text(encoding="utf-8"), "url": "https://news.example/a"}
    (tmp_path / "extra.jsonl.gz").write_bytes(gzip.compress(json.dumps(record).encode() + b"\n"))
    # and what the commands shown before a block wrote: `build --format markdown`'s corpus.parquet,
    # and the folder of shards of a build with --executor.
    corpus.build([REPO / "seeds"], tmp_path / "corpus.parquet", workers=1, corpus_config=MARKDOWN)
    shards = tmp_path / "shards"
    shards.mkdir()
    table = _seeds_corpus(tmp_path)
    half = table.num_rows // 2
    pq.write_table(table.slice(0, half), shards / "00000.parquet")
    pq.write_table(table.slice(half), shards / "00001.parquet")
    script = tmp_path / "block.py"
    script.write_text(PYTHON[number], encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, f"README Python block {number + 1}:\n{PYTHON[number]}\n{result.stderr}"


def _seeds_corpus(folder: Path) -> pa.Table:
    """The seeds built in-process, one worker, read back."""
    path = folder / "seeds.parquet"
    corpus.build([REPO / "seeds"], path, workers=1)
    return pq.read_table(path)


@pytest.mark.parametrize("doc", ["README.md", "docs/eval.md", "cleaner/cli.py", "cleaner/eval/adapters.py"])
def test_install_lines_install_this_project(doc: str) -> None:
    # `cleaner` on the package index is another project: every install line installs the clone.
    installs = re.findall(r"pip install ((?:[^`&\n)]|\)')*)", (REPO / doc).read_text(encoding="utf-8"))
    assert installs
    for args in installs:
        targets = [a for a in args.split() if not a.startswith("-")]
        assert targets and all(t.strip("'\"").startswith(".") for t in targets[:1]), args


def test_explain_example_is_what_the_command_prints() -> None:
    command = "cleaner clean --explain seeds/004_e0145b2f7efde08b.txt"
    shown = shown_output(command).splitlines()
    result = CliRunner().invoke(main, command.split()[1:], catch_exceptions=False)
    assert result.exit_code == 0
    printed = [line.rstrip() for line in result.stdout.splitlines()]
    # Each line shown is printed, in order; `...` skips lines, `…` ends a text cut to the terminal.
    at = 0
    for line in shown:
        if line == "...":
            continue
        prefix = line[:-1] if line.endswith("…") else line
        while at < len(printed) and not (printed[at] == line or (prefix != line and printed[at].startswith(prefix))):
            at += 1
        assert at < len(printed), f"not printed (or out of order): {line!r}"
        at += 1


def test_hostile_build_example_is_what_the_command_prints(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # "On the hostile corpus the tests write (`python -m tests.hostile DIR` ...) it prints:"
    start = README.index("On the hostile corpus the tests write")
    shown = FENCE.search(README, start).group(2)
    hostile = [sys.executable, "-m", "tests.hostile", str(tmp_path / "crawl")]
    subprocess.run(hostile, cwd=REPO, check=True, capture_output=True)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build", "crawl/", "-w", "1"], catch_exceptions=False)
    assert result.exit_code == 0
    # The README shows the compiled path; the Python path names itself on the same line.
    assert result.stdout == shown.replace("compiled kernels (text, html)", kernels.path())
