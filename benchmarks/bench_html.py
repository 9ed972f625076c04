"""Speed and quality of `clean_html` against `trafilatura.extract`, in the same run.

Both read the same 181 Scrapinghub pages, decompressed into memory first, as bytes (each tool
decodes them itself). After one untimed pass each (one-time loading such as langdetect's
language profiles is not throughput), each tool runs `--runs` times over all pages (alternating, so machine noise
hits both alike); the median run gives pages/s and MB/s, and the ratio is clean_html's speed over
trafilatura's, the median over the rounds of the two runs of a round. F1 is the Scrapinghub metric of each
tool's output (tests/data/GOLD.md).

    python benchmarks/bench_html.py [--runs 5]
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
from pathlib import Path

import trafilatura

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # run from a checkout without installing

from cleaner import clean_html, score

DATA = REPO / "tests" / "data" / "scrapinghub"


def load() -> tuple[list[bytes], list[str]]:
    truth = json.loads((DATA / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(truth)
    pages = [gzip.decompress((DATA / "html" / f"{key}.html.gz").read_bytes()) for key in keys]
    return pages, [truth[key]["articleBody"] for key in keys]


def ours(page: bytes) -> str:
    return clean_html(page).text


def theirs(page: bytes) -> str:
    return trafilatura.extract(page) or ""


def timed(tool, pages: list[bytes]) -> tuple[float, list[str]]:
    start = time.perf_counter()
    out = [tool(page) for page in pages]
    return time.perf_counter() - start, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per tool; the median counts (default 5)")
    args = parser.parse_args()
    pages, gold = load()
    megabytes = sum(map(len, pages)) / 1e6
    for tool in (ours, theirs):  # one untimed pass each: lazy imports, langdetect's profiles, caches
        timed(tool, pages)
    times: dict[str, list[float]] = {"clean_html": [], "trafilatura": []}
    outputs: dict[str, list[str]] = {}
    for _ in range(max(1, args.runs)):
        for name, tool in (("clean_html", ours), ("trafilatura", theirs)):
            seconds, out = timed(tool, pages)
            times[name].append(seconds)
            outputs.setdefault(name, out)
    print(f"{len(pages)} pages, {megabytes:.1f} MB, median of {args.runs} runs")
    for name, runs in times.items():
        seconds = statistics.median(runs)
        s = score(list(zip(outputs[name], gold)))
        print(
            f"{name:12} {len(pages) / seconds:7.1f} pages/s {megabytes / seconds:6.2f} MB/s"
            f"   F1 {s.f1:.4f}  P {s.precision:.4f}  R {s.recall:.4f}"
        )
    # Each round's ratio of the two runs in it (noise that slows a round slows both), then the median.
    ratios = [theirs / ours for ours, theirs in zip(times["clean_html"], times["trafilatura"])]
    print(f"ratio clean_html / trafilatura: {statistics.median(ratios):.1f}x (rounds: {', '.join(f'{r:.1f}' for r in ratios)})")


if __name__ == "__main__":
    main()
