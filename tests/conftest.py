"""Shared paths to the vendored gold sets."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"


@pytest.fixture(scope="session")
def seeds_gold() -> list[dict]:
    """The hand-labelled seeds: one dict per document."""
    with open(DATA / "seeds" / "gold.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


@pytest.fixture(scope="session")
def scrapinghub_text() -> list[tuple[str, str]]:
    """(full-page text, gold article body) for the 181 Scrapinghub pages rendered to text."""
    folder = DATA / "scrapinghub-text"
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    return [
        ((folder / "pages" / f"{key}.txt").read_text(encoding="utf-8"), truth[key]["articleBody"])
        for key in sorted(truth)
    ]


@pytest.fixture(scope="session")
def scrapinghub_gold_bodies() -> list[str]:
    """The 181 gold article bodies of the Scrapinghub set."""
    truth = json.loads((DATA / "scrapinghub" / "ground-truth.json").read_text(encoding="utf-8"))
    return [truth[key]["articleBody"] for key in sorted(truth)]


def read_gz(path: Path) -> bytes:
    """Bytes of a gzip file."""
    with gzip.open(path, "rb") as f:
        return f.read()
