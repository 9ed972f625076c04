"""Quality gate of the plain-text path on real pages: the Scrapinghub F1 floor."""

from __future__ import annotations

from cleaner import clean_text
from cleaner.eval.metrics import score

# Pinned floors: they only ever go up. Reached 2026-11-23: F1 0.893, P 0.870, R 0.918; 2026-11-29
# (stop-word density retuned for whitespace tokens, languages without stop lists): F1 0.905,
# P 0.889, R 0.921. For scale: keeping every line scores 0.679, the C4 line filter 0.837.
F1_FLOOR = 0.90
PRECISION_FLOOR = 0.88
RECALL_FLOOR = 0.915


def test_scrapinghub_text_f1_floor(scrapinghub_text):
    result = score([(clean_text(page).text, gold) for page, gold in scrapinghub_text])
    assert result.n == 181
    assert result.f1 >= F1_FLOOR, result
    assert result.precision >= PRECISION_FLOOR, result
    assert result.recall >= RECALL_FLOOR, result
