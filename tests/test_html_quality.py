"""Quality floor of the HTML path on the 181 Scrapinghub pages (Scrapinghub metric)."""

from __future__ import annotations

import gzip
import json

import pytest

from cleaner import clean_html, score

from .conftest import DATA

# Pinned floors: they only ever go up. Scrapinghub: reached F1 0.9585 (P 0.947, R 0.970) on
# 2026-11-23, 0.9596 on 2026-11-29, 0.961 on 2026-11-30; trafilatura 2.3.1 (default settings) scores
# 0.9525 here. Readability (the set the HTML thresholds were not tuned on): 0.920 on 2026-11-23,
# 0.935 on 2026-11-29, 0.940 on 2026-11-30.
F1_FLOORS = {"scrapinghub": 0.960, "readability": 0.938}


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
