"""The five hand-labelled seeds: exact bodies and the metadata the gold gives."""

from __future__ import annotations

import pytest

from cleaner import clean_text, label_text

from .conftest import ROOT


def _fold(text: str) -> str:
    return " ".join(text.split())


def _ids(doc: dict) -> str:
    return doc["id"]


@pytest.fixture(scope="module", params=range(5), ids=lambda i: f"seed{i}")
def seed(request, seeds_gold):
    doc = seeds_gold[request.param]
    text = (ROOT / doc["input"]).read_text(encoding="utf-8")
    return doc, text


def test_body_equals_gold(seed):
    doc, text = seed
    assert _fold(clean_text(text).text) == _fold(doc["body"])


def test_body_is_one_paragraph_per_line(seed):
    doc, text = seed
    assert clean_text(text).text.splitlines() == [line.strip() for line in doc["body"].splitlines() if line.strip()]


@pytest.mark.parametrize("field", ["title", "date", "site", "author"])
def test_metadata_matches_gold(seed, field):
    doc, text = seed
    if doc[field] is None:
        pytest.skip(f"the gold gives no {field}")
    assert getattr(clean_text(text), field) == doc[field]


def test_language(seed):
    doc, text = seed
    result = clean_text(text)
    assert result.language == doc["language"]
    assert 0.5 < result.language_score <= 1.0


def test_body_lines_are_labelled_body_and_chrome_dropped(seed):
    doc, text = seed
    labels = {block.line: block.label for block in label_text(text)}
    for line in doc["lines"]:
        got = labels[line["n"]]
        if line["label"] in ("body", "title"):
            assert got == line["label"], line
        else:
            assert got not in ("body", "title"), line
