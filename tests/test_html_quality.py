"""Quality floors of the HTML path: Scrapinghub and Readability (their metric), trafilatura's
multilingual pages (its snippets, per language too) and htmldate's dates (the right day)."""

from __future__ import annotations

import gzip
import json

import pytest

from cleaner import clean_html, score
from cleaner.eval.gold import load_gold
from cleaner.eval.metrics import date_score, meta_match, snippet_score

from .conftest import DATA

# Pinned floors: they only ever go up. Scrapinghub: reached F1 0.9585 (P 0.947, R 0.970) on
# 2026-11-23, 0.9596 on 2026-11-29, 0.961 on 2026-11-30; trafilatura 2.3.1 (default settings) scores
# 0.9525 here. Readability (the set the HTML thresholds were not tuned on): 0.920 on 2026-11-23,
# 0.935 on 2026-11-29, 0.940 on 2026-11-30; on 2026-12-06 (the lead, captions, links up to 0.7 of a
# block, the multilingual phrase tables) Scrapinghub 0.966, Readability 0.947.
F1_FLOORS = {"scrapinghub": 0.965, "readability": 0.945}


@pytest.mark.parametrize("name", sorted(F1_FLOORS))
def test_html_f1_floor(name: str) -> None:
    folder = DATA / name
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pairs = [
        (clean_html(gzip.decompress((folder / "html" / f"{key}.html.gz").read_bytes())).text, truth[key]["articleBody"] or "")
        for key in sorted(truth)
    ]
    result = score(pairs)
    assert result.f1 >= F1_FLOORS[name], result


# trafilatura-dev (its snippets pooled, trafilatura 2.3.1: F1 0.921, P 0.888, R 0.957): reached on
# 2026-12-06 F1 0.935, P 0.937, R 0.934; German 0.939, English 0.921, Spanish 0.933.
SNIPPET_FLOORS = {"f1": 0.935, "precision": 0.93, "recall": 0.93}
LANGUAGE_FLOORS = {"de": 0.935, "en": 0.915, "es": 0.93}


def test_trafilatura_dev_floors() -> None:
    gold = load_gold(DATA / "trafilatura-dev")
    results = [(clean_html(page.content).text, page.with_, page.without) for page in gold.pages]
    total = snippet_score(results)
    assert {k: getattr(total, k) >= floor for k, floor in SNIPPET_FLOORS.items()} == dict.fromkeys(SNIPPET_FLOORS, True), total
    for language, floor in LANGUAGE_FLOORS.items():
        mine = snippet_score([r for r, page in zip(results, gold.pages, strict=True) if page.language == language])
        assert mine.f1 >= floor, (language, mine)


# dates-dev (the right day; htmldate 1.11 and trafilatura 2.3.1: 0.894, precision 0.899): reached on
# 2026-12-06 0.929, precision 0.949.
def test_dates_dev_floors() -> None:
    gold = load_gold(DATA / "dates-dev")
    result = date_score([(clean_html(page.content).date, page.date) for page in gold.pages])
    assert result.accuracy >= 0.925 and result.precision >= 0.945, result


def test_readability_metadata_floors() -> None:
    """Title, date and language against the Readability set's gold (127, 33 and 73 pages give them)."""
    gold = load_gold(DATA / "readability")
    right: dict[str, list[bool]] = {"title": [], "date": [], "language": []}
    for page in gold.pages:
        doc = clean_html(page.content)
        for field, results in right.items():
            if field in page.meta:
                results.append(meta_match(field, getattr(doc, field), page.meta[field]))
    # Reached on 2026-12-06: title 0.976, date 1.000, language 1.000.
    floors = {"title": 0.97, "date": 0.97, "language": 0.99}
    shares = {field: sum(results) / len(results) for field, results in right.items()}
    assert all(shares[field] >= floor for field, floor in floors.items()), shares
