"""The two paths: the compiled kernels give every output their Python references give, and the path is named.

Every gold page and fixture is cleaned (text and Markdown, metadata, language, dropped blocks)
and labelled (every block, its label and rule) by the path that runs, then again inside
`kernels.pure()`; the two must be equal. Where nothing is compiled the comparison skips, unless
CLEANER_REQUIRE_KERNELS=1 (CI) makes a missing kernel a failure.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner import clean_html, clean_text, kernels, label_html, label_text
from cleaner.eval.gold import load_gold

DATA = Path(__file__).resolve().parent / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# (gold set, scored on its text renders)
GOLD_SETS = [
    ("seeds", False),
    ("scrapinghub", False),
    ("scrapinghub-text", False),
    ("readability", False),
    ("trafilatura-dev", False),
    ("trafilatura-dev", True),
    ("dates-dev", False),
]
REQUIRED = os.environ.get("CLEANER_REQUIRE_KERNELS") == "1"


def outputs(content: str, kind: str) -> tuple:
    """Everything a caller can see of one input: the Document with its Markdown, and every labelled block."""
    if kind == "text":
        return clean_text(content, markdown=True), label_text(content)
    return clean_html(content, markdown=True), label_html(content)


def both_paths(inputs: list[tuple[str, str, str]]) -> list[str]:
    """Keys of the inputs whose outputs differ between the path that runs and the Python path."""
    compiled = [outputs(content, kind) for _, content, kind in inputs]
    with kernels.pure():
        pure = [outputs(content, kind) for _, content, kind in inputs]
    return [key for (key, _, _), a, b in zip(inputs, compiled, pure) if a != b]


def test_the_kernels_are_built_where_ci_requires_them() -> None:
    if not REQUIRED:
        pytest.skip("CLEANER_REQUIRE_KERNELS is not set")
    assert kernels.ctext is not None and kernels.chtml is not None, kernels.path()


@pytest.mark.skipif(kernels.ctext is None and kernels.chtml is None, reason=f"no kernel runs: {kernels.path()}")
@pytest.mark.parametrize(("name", "text"), GOLD_SETS, ids=[f"{n}{'-text' if t else ''}" for n, t in GOLD_SETS])
def test_every_gold_page_gives_the_same_outputs_on_both_paths(name: str, text: bool) -> None:
    pages = load_gold(DATA / name, text=text).pages
    assert pages
    assert both_paths([(p.key, p.content, p.kind) for p in pages]) == []


@pytest.mark.skipif(kernels.ctext is None and kernels.chtml is None, reason=f"no kernel runs: {kernels.path()}")
def test_every_fixture_gives_the_same_outputs_on_both_paths() -> None:
    inputs = [(str(p), p.read_text(encoding="utf-8"), "html") for p in sorted(FIXTURES.rglob("*.html"))]
    inputs += [(str(p), p.read_text(encoding="utf-8"), "text") for p in sorted((DATA.parent.parent / "seeds").glob("*.txt"))]
    assert len(inputs) > 10
    assert both_paths(inputs) == []


def test_pure_switches_both_kernels_off_inside_the_block_only() -> None:
    before = kernels.ctext, kernels.chtml
    with kernels.pure():
        assert kernels.ctext is None and kernels.chtml is None
    assert (kernels.ctext, kernels.chtml) == before


def _path_in_subprocess(**env: str) -> str:
    code = "from cleaner import kernels; print(kernels.path())"
    run = subprocess.run([sys.executable, "-c", code], env={**os.environ, **env}, capture_output=True, text=True, check=True)
    return run.stdout.strip()


def test_the_environment_variable_forces_pure_python() -> None:
    assert _path_in_subprocess(CLEANER_PURE_PYTHON="1") == "pure Python (CLEANER_PURE_PYTHON is set)"
    assert "CLEANER_PURE_PYTHON" not in _path_in_subprocess(CLEANER_PURE_PYTHON="0")


def test_another_selectolax_release_runs_the_python_walk(monkeypatch: pytest.MonkeyPatch) -> None:
    import selectolax

    monkeypatch.delenv(kernels.PURE_ENV, raising=False)
    monkeypatch.setattr(selectolax, "__version__", "0.0.1")
    try:
        kernels.load()
        assert kernels.chtml is None
        if "not compiled" not in kernels.missing["html"]:
            assert kernels.missing["html"].startswith("selectolax 0.0.1 is not one it was built for")
        assert "html in pure Python" in kernels.path() or kernels.path().startswith("pure Python")
        page = "<html><body><article><h1>A title here</h1><p>" + "A sentence of the article that goes on. " * 8 + "</p></article></body></html>"
        assert "A sentence of the article" in clean_html(page).text
    finally:
        monkeypatch.undo()
        kernels.load()
