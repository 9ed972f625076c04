"""Quality floor of the HTML path on the 181 Scrapinghub pages (Scrapinghub metric)."""

from __future__ import annotations

import gzip
import json

from cleaner import clean_html, score

from .conftest import DATA

# Reached: F1 0.9585 (P 0.947, R 0.970); trafilatura 2.3.1 (default settings) scores 0.9525 here.
F1_FLOOR = 0.955


def test_html_f1_floor() -> None:
    folder = DATA / "scrapinghub"
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pairs = [
        (clean_html(gzip.decompress((folder / "html" / f"{key}.html.gz").read_bytes())).text, truth[key]["articleBody"])
        for key in sorted(truth)
    ]
    result = score(pairs)
    assert result.f1 >= F1_FLOOR, result
