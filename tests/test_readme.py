"""The README's and docs' examples run as written: every Python block, and every output they show.

The pages checked are README.md, every docs/*.md and CHANGELOG.md (`PAGES`). Their Python blocks
run (those that use datatrove in tests/test_datatrove.py, which has the `scale` extra), every
`$ command` block shows what the command prints, every Markdown excerpt is in the output of the
`cleaner clean --format markdown` command named before it, every install line installs this
project, and every relative link points to a file (and heading) that exists.
"""

from __future__ import annotations

import dataclasses
import gzip
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

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
PAGES = ["README.md", *sorted(f"docs/{p.name}" for p in (REPO / "docs").glob("*.md")), "CHANGELOG.md"]
TEXTS = {page: (REPO / page).read_text(encoding="utf-8") for page in PAGES}
README = TEXTS["README.md"]
FENCE = re.compile(r"^```(\w*)\n(.*?)^```$", re.S | re.M)
# (page, language, body, offset of the block in its page)
BLOCKS = [(page, m.group(1), m.group(2), m.start()) for page, text in TEXTS.items() for m in FENCE.finditer(text)]
# Blocks that use datatrove need the `scale` extra: tests/test_datatrove.py runs them (`DATATROVE_BLOCKS`).
PYTHON = [(page, body) for page, lang, body, _ in BLOCKS if lang == "python" and "datatrove" not in body]
DATATROVE_BLOCKS = [body for page, lang, body, _ in BLOCKS if lang == "python" and "datatrove" in body]
# Plain blocks that start with `$ command`: the command, then what it prints.
SHOWN = [(page, body.split("\n", 1)[0][2:], body.split("\n", 1)[1]) for page, lang, body, _ in BLOCKS if not lang and body.startswith("$ ")]
# The kernels' path as the docs show it (what CI's install builds); the Python path names itself there.
SHOWN_PATH = "compiled kernels (text, html)"


def shown_output(command: str) -> str:
    """The output a page shows under `$ command` (a plain block that starts with it)."""
    for _page, shown_command, shown in SHOWN:
        if shown_command == command:
            return shown
    raise AssertionError(f"no page shows the output of: {command}")


def _prepared_folder(tmp_path: Path) -> Path:
    """Where a user of a clone runs the examples: the clone's files at hand, plus the inputs the
    blocks name that a clone does not have (a crawl folder and a JSON Lines file)."""
    for name in ("seeds", "tests"):
        (tmp_path / name).symlink_to(REPO / name)
    shutil.copytree(REPO / "seeds", tmp_path / "crawl")
    seed = sorted((REPO / "seeds").glob("*.txt"))[0]
    record = {"text": seed.read_text(encoding="utf-8"), "url": "https://news.example/a"}
    (tmp_path / "extra.jsonl.gz").write_bytes(gzip.compress(json.dumps(record).encode() + b"\n"))
    return tmp_path


def test_the_pages_have_python_blocks() -> None:
    assert len([body for page, body in PYTHON if page == "README.md"]) >= 2
    assert len(PYTHON) >= 8
    assert len(DATATROVE_BLOCKS) == 1


@pytest.mark.parametrize("number", range(len(PYTHON)), ids=[f"{page}-{i}" for i, (page, _) in enumerate(PYTHON)])
def test_python_block_runs_as_written(number: int, tmp_path: Path) -> None:
    page, body = PYTHON[number]
    _prepared_folder(tmp_path)
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
    script.write_text(body, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, f"{page}, Python block:\n{body}\n{result.stderr}"


def _seeds_corpus(folder: Path) -> pa.Table:
    """The seeds built in-process, one worker, read back."""
    path = folder / "seeds.parquet"
    corpus.build([REPO / "seeds"], path, workers=1)
    return pq.read_table(path)


@pytest.mark.parametrize("doc", [*PAGES, "cleaner/cli.py", "cleaner/eval/adapters.py"])
def test_install_lines_install_this_project(doc: str) -> None:
    # `cleaner` on the package index is another project: every install line installs the clone.
    installs = re.findall(r"pip install ((?:[^`&\n)]|\)')*)", (REPO / doc).read_text(encoding="utf-8"))
    if doc in ("README.md", "docs/eval.md", "docs/scaling-out.md", "cleaner/cli.py", "cleaner/eval/adapters.py"):
        assert installs
    for args in installs:
        targets = [a for a in args.split() if not a.startswith("-")]
        assert targets and all(t.strip("'\"").startswith(".") for t in targets[:1]), args


def _printed_in_order(shown: list[str], printed: list[str]) -> None:
    """Each line shown is printed, in order; `...` skips lines, `…` ends a text cut to the terminal.
    Shown with neither, the output is exactly the lines shown."""
    if not any(line == "..." or line.endswith("…") for line in shown):
        assert printed == shown
        return
    at = 0
    for line in shown:
        if line == "...":
            continue
        prefix = line[:-1] if line.endswith("…") else line
        while at < len(printed) and not (printed[at] == line or (prefix != line and printed[at].startswith(prefix))):
            at += 1
        assert at < len(printed), f"not printed (or out of order): {line!r}"
        at += 1


def test_the_pages_show_commands_outputs() -> None:
    shown = {command for _page, command, _ in SHOWN}
    assert "cleaner clean --explain seeds/004_e0145b2f7efde08b.txt" in shown
    assert "cleaner build seeds/ -o corpus.parquet" in shown


@pytest.mark.parametrize("number", range(len(SHOWN)), ids=[f"{page}: {command}" for page, command, _ in SHOWN])
def test_shown_output_is_what_the_command_prints(number: int, tmp_path: Path) -> None:
    page, command, shown = SHOWN[number]
    words = shlex.split(command)
    assert words[0] == "cleaner", f"{page}: only cleaner's commands are checked: {command}"
    _prepared_folder(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        [sys.executable, "-m", "cleaner", *words[1:]], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    assert result.returncode == 0, f"{page}: {command}\n{result.stderr}"
    expected = shown.replace(SHOWN_PATH, kernels.path()).splitlines()
    _printed_in_order(expected, [line.rstrip() for line in result.stdout.splitlines()])


def test_explain_example_is_what_the_command_prints() -> None:
    command = "cleaner clean --explain seeds/004_e0145b2f7efde08b.txt"
    shown = shown_output(command).splitlines()
    result = CliRunner().invoke(main, command.split()[1:], catch_exceptions=False)
    assert result.exit_code == 0
    _printed_in_order(shown, [line.rstrip() for line in result.stdout.splitlines()])


def test_hostile_build_example_is_what_the_command_prints(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # "On the hostile corpus the tests write (`python -m tests.hostile DIR` ...) `cleaner build crawl/` prints:"
    [(page, text)] = [(page, text) for page, text in TEXTS.items() if "On the hostile corpus the tests write" in text]
    start = text.index("On the hostile corpus the tests write")
    shown = FENCE.search(text, start).group(2)
    hostile = [sys.executable, "-m", "tests.hostile", str(tmp_path / "crawl")]
    subprocess.run(hostile, cwd=REPO, check=True, capture_output=True)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build", "crawl/", "-w", "1"], catch_exceptions=False)
    assert result.exit_code == 0
    # The page shows the compiled path; the Python path names itself on the same line.
    assert result.stdout == shown.replace(SHOWN_PATH, kernels.path())


MARKDOWN_COMMAND = re.compile(r"`cleaner clean --format markdown\s+(\S+?)`")
EXCERPTS = [
    (page, MARKDOWN_COMMAND.findall(TEXTS[page][:at])[-1:], body)
    for page, lang, body, at in BLOCKS
    if lang == "markdown"
]


def test_the_pages_have_markdown_excerpts() -> None:
    assert len(EXCERPTS) >= 2


@pytest.mark.parametrize("number", range(len(EXCERPTS)))
def test_markdown_excerpt_is_what_the_command_prints(number: int) -> None:
    # Each Markdown excerpt follows the `cleaner clean --format markdown PATH` it is taken from;
    # its lines are printed in order, `[...] ` standing for the text left out before a line.
    page, paths, body = EXCERPTS[number]
    assert paths, f"{page}: no `cleaner clean --format markdown PATH` before the excerpt:\n{body}"
    result = CliRunner().invoke(main, ["clean", "--format", "markdown", str(REPO / paths[0])], catch_exceptions=False)
    assert result.exit_code == 0
    printed = result.stdout.splitlines()
    at = 0
    for line in body.splitlines():
        line = line.removeprefix("[...] ")
        while at < len(printed) and printed[at] != line:
            at += 1
        assert at < len(printed), f"{page}: not printed by cleaner clean --format markdown {paths[0]} (or out of order): {line!r}"
        at += 1


def _slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, markup and punctuation dropped, spaces as hyphens."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading.strip()).lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def _anchors(text: str) -> set[str]:
    prose = FENCE.sub("", text)
    return {_slug(m.group(1)) for m in re.finditer(r"^#{1,6} (.+)$", prose, re.M)}


LINK = re.compile(r"\]\(([^)\s]+)\)|^\[[^\]]+\]: (\S+)", re.M)


def _relative_links(text: str) -> list[str]:
    prose = FENCE.sub("", text)
    prose = re.sub(r"`[^`\n]*`", "", prose)  # code spans are not links
    links = [m.group(1) or m.group(2) for m in LINK.finditer(prose)]
    return [link for link in links if not re.match(r"[a-z]+:", link)]


def test_the_pages_link_to_every_docs_page() -> None:
    linked = {link.split("#")[0] for link in _relative_links(README)}
    assert {page for page in PAGES if page != "README.md"} <= linked
    targets = {((REPO / page).parent / link.split("#")[0]).resolve() for page in PAGES for link in _relative_links(TEXTS[page])}
    assert (REPO / "docs" / "explain.png").resolve() in targets


@pytest.mark.parametrize("page", PAGES)
def test_relative_links_point_to_files_and_headings(page: str) -> None:
    links = _relative_links(TEXTS[page])
    assert links or page == "CHANGELOG.md"
    for link in links:
        path, _, anchor = link.partition("#")
        target = (REPO / page).parent / unquote(path) if path else REPO / page
        assert target.exists(), f"{page}: {link} points to no file"
        if anchor and target.suffix == ".md":
            assert anchor in _anchors(target.read_text(encoding="utf-8")), f"{page}: {link} points to no heading"
