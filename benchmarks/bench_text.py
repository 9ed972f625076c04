"""Speed and quality of `clean_text` against a C4-style line filter, on the 181 Scrapinghub text pages.

Both run in the same process on the same in-memory pages, so the ratio holds across machines
even when the absolute figures do not. Usage: python benchmarks/bench_text.py [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # run from a checkout without installing

from cleaner import clean_text, score  # noqa: E402

DATA = REPO / "tests" / "data" / "scrapinghub-text"

# C4 keeps lines that end in terminal punctuation (or a closing quote after one) and have >= 3 words.
_C4_END = re.compile(r"[.!?][\"'”’]?$")


def c4_filter(text: str) -> str:
    """C4's line heuristic: keep lines ending in terminal punctuation with at least 3 words."""
    kept = []
    for line in text.splitlines():
        line = line.strip()
        if _C4_END.search(line) and len(line.split()) >= 3:
            kept.append(line)
    return "\n".join(kept)


def cleaner(text: str) -> str:
    """The cleaned body."""
    return clean_text(text).text


def load() -> tuple[list[str], list[str]]:
    """Every page's text and its gold body, in key order."""
    gold = json.loads((DATA / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(gold)
    pages = [(DATA / "pages" / f"{key}.txt").read_text(encoding="utf-8") for key in keys]
    return pages, [gold[key]["articleBody"] for key in keys]


def timed(extract: Callable[[str], str], pages: list[str], runs: int) -> tuple[float, list[str]]:
    """Median seconds of `runs` passes over all pages, and the output of the last pass."""
    extract(pages[0])  # warm-up: first-call costs (langdetect's profiles) are not throughput
    times, out = [], []
    for _ in range(runs):
        start = time.perf_counter()
        out = [extract(page) for page in pages]
        times.append(time.perf_counter() - start)
    return statistics.median(times), out


def main() -> None:
    """Time and score both extractors and print one line each, then the speed ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed passes per extractor; the median is shown")
    args = parser.parse_args()
    pages, gold = load()
    megabytes = sum(len(p.encode("utf-8")) for p in pages) / 1e6
    print(f"{len(pages)} pages, {megabytes:.2f} MB, median of {args.runs} runs")
    seconds = {}
    for name, extract in (("cleaner", cleaner), ("c4-lines", c4_filter)):
        seconds[name], out = timed(extract, pages, args.runs)
        quality = score(list(zip(out, gold)))
        print(
            f"{name:<9} {megabytes / seconds[name]:8.2f} MB/s {len(pages) / seconds[name]:9.1f} pages/s"
            f"   F1 {quality.f1:.3f}  P {quality.precision:.3f}  R {quality.recall:.3f}"
        )
    print(f"cleaner is {seconds['cleaner'] / seconds['c4-lines']:.1f}x the time of the C4 filter")


if __name__ == "__main__":
    main()
