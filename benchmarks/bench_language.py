"""Language decisions of the cleaner against langdetect on the whole gold body, on every gold set.

For each page of each vendored gold set the cleaner runs as a user would (`clean_text` on the
text sets, `clean_html` on the HTML sets) and its language is compared with:
- langdetect (seeded, its default 7 trials) run on the page's whole gold body: the agreement;
- the gold `lang` where the set gives one (readability): the accuracy.
Codes are compared by primary subtag, with `nb`/`nn` read as langdetect's `no`. It also counts how
often langdetect ran inside the cleaner (the stop-word vote settles the rest) and the time per page.

    python benchmarks/bench_language.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # run from a checkout without installing

from langdetect import DetectorFactory, detect_langs
from langdetect.lang_detect_exception import LangDetectException

import cleaner.core as core
from cleaner import clean_html, clean_text
from cleaner.eval.gold import Page, load_gold
from cleaner.eval.metrics import primary_language

DATA = REPO / "tests" / "data"


def primary(code: str | None) -> str | None:
    """`primary_language` of a code, None for none."""
    return primary_language(code) if code else None


def reference(body: str) -> str | None:
    """langdetect's language of the whole gold body, seeded as the cleaner seeds it."""
    DetectorFactory.seed = 0
    try:
        return primary(detect_langs(body)[0].lang)
    except (LangDetectException, IndexError):
        return None


def gold_sets() -> list[tuple[str, list[Page]]]:
    """(name, pages) of every vendored gold set, loaded by `cleaner eval`'s gold loader."""
    return [(name, load_gold(DATA / name).pages) for name in ("seeds", "scrapinghub-text", "scrapinghub", "readability")]


def main() -> None:
    """One line per gold set, then the totals."""
    calls = 0
    detect = core.detect

    def counted(sample: str) -> tuple[str | None, float | None]:
        nonlocal calls
        calls += 1
        return detect(sample)

    core.detect = counted  # type: ignore[assignment]  # where the cleaner calls langdetect
    clean_html(b"<p>warm-up</p>")  # langdetect's profiles load once
    total_agree = total_pages = total_gold = total_right = 0
    print(f"{'set':18} {'pages':>5} {'agree':>7} {'gold':>5} {'right':>7} {'langdetect':>10} {'ms/page':>8}")
    for name, pages in gold_sets():
        calls, agree, gold, right, seconds = 0, 0, 0, 0, 0.0
        for page in pages:
            clean = clean_text if page.kind == "text" else clean_html
            start = time.perf_counter()
            got = primary(clean(page.content).language)
            seconds += time.perf_counter() - start
            agree += got == reference(page.body or "")
            if lang := page.meta.get("language"):
                gold += 1
                right += got == primary(lang)
        total_agree, total_pages = total_agree + agree, total_pages + len(pages)
        total_gold, total_right = total_gold + gold, total_right + right
        accuracy = f"{right / gold:.3f}" if gold else "-"
        print(f"{name:18} {len(pages):5d} {agree / len(pages):7.3f} {gold:5d} {accuracy:>7} {calls:10d} {1000 * seconds / len(pages):8.2f}")
    print(f"{'all':18} {total_pages:5d} {total_agree / total_pages:7.3f} {total_gold:5d} {total_right / total_gold:7.3f}")
    print(f"agreement {total_agree}/{total_pages} = {total_agree / total_pages:.4f}; accuracy {total_right}/{total_gold} = {total_right / total_gold:.4f}")


if __name__ == "__main__":
    main()
