"""Speed and quality of `clean_text` against the C4 line filter, on the 181 Scrapinghub text pages.

Both run in the same process on the same in-memory pages, in alternating passes, so that the
ratio holds across machines even when the absolute figures do not. Printed:
- MB/s of clean_text with its language detection, and with langdetect stubbed out (the
  stop-word vote still runs; pages it cannot settle keep its best guess), and of the C4 filter
  (`c4_filter.py`, the project's yardstick), each the median of `--runs` passes; and the speed
  as a share of the C4 filter's: the median over the rounds of each pass against the C4
  filter's pass of the same round;
- the time of each stage of clean_text, per page and as a multiple of the C4 filter's time,
  from a pass that calls the stages one by one as `clean_text` does (checked to give the same
  Documents);
- F1, precision and recall of each against the gold bodies (the Scrapinghub metric).

    python benchmarks/bench_text.py [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # run from a checkout without installing

from c4_filter import c4_filter  # noqa: E402  # beside this file

import cleaner.core as core  # noqa: E402
from cleaner import DEFAULT, Document, clean_text, score  # noqa: E402
from cleaner.blocks import text_blocks  # noqa: E402
from cleaner.classify import context, grade  # noqa: E402
from cleaner.language import identify, stopwords  # noqa: E402
from cleaner.rules import match_blocks  # noqa: E402

DATA = REPO / "tests" / "data" / "scrapinghub-text"
STAGES = ("blocks", "language", "rules", "grade", "context", "document")


def load() -> tuple[list[str], list[str]]:
    """Every page's text and its gold body, in key order."""
    gold = json.loads((DATA / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(gold)
    pages = [(DATA / "pages" / f"{key}.txt").read_text(encoding="utf-8") for key in keys]
    return pages, [gold[key]["articleBody"] for key in keys]


def passes(tools: dict[str, Callable[[str], object]], pages: list[str], runs: int) -> dict[str, list[float]]:
    """Seconds of each of `runs` passes of each tool over all pages, the tools taking turns."""
    seconds: dict[str, list[float]] = {name: [] for name in tools}
    for _ in range(runs):
        for name, tool in tools.items():
            start = time.perf_counter()
            for page in pages:
                tool(page)
            seconds[name].append(time.perf_counter() - start)
    return seconds


def without_langdetect(text: str) -> Document:
    """clean_text with langdetect stubbed out: unsettled pages keep the stop-word vote's best guess."""
    detect = core.detect
    core.detect = lambda sample: (None, None)  # type: ignore[assignment]
    try:
        return clean_text(text)
    finally:
        core.detect = detect  # type: ignore[assignment]


def staged(text: str, clock: dict[str, float]) -> Document:
    """clean_text stage by stage, adding each stage's seconds to `clock`."""
    config = DEFAULT
    t0 = time.perf_counter()
    blocks = text_blocks(text)
    t1 = time.perf_counter()
    language, confidence, settled = identify(core.language_sample(blocks, config.language_sample_chars), config)
    words = stopwords(language)
    t2 = time.perf_counter()
    matches = match_blocks(blocks.text, blocks.head, blocks.n_words)
    t3 = time.perf_counter()
    grades = grade(blocks, matches, words, config) if len(blocks) else bytearray()
    t4 = time.perf_counter()
    if len(blocks):
        context(blocks, grades, config)
    t5 = time.perf_counter()
    doc = core.to_document(blocks, language, confidence)
    t6 = time.perf_counter()
    if not settled:
        core.settle_language(doc, blocks, config)
    t7 = time.perf_counter()
    for stage, seconds in zip(STAGES, (t1 - t0, t2 - t1 + t7 - t6, t3 - t2, t4 - t3, t5 - t4, t6 - t5)):
        clock[stage] += seconds
    return doc


def main() -> None:
    """Time and score clean_text and the C4 filter, then time clean_text's stages."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed passes per tool; the median is shown")
    args = parser.parse_args()
    pages, gold = load()
    megabytes = sum(len(p.encode("utf-8")) for p in pages) / 1e6
    tools = {"clean_text": clean_text, "without langdetect": without_langdetect, "c4_filter": c4_filter}
    passes(tools, pages[:20], 1)  # warm-up: first-call costs (tables, langdetect's profiles) are not throughput
    timed = passes(tools, pages, args.runs)
    seconds = {name: statistics.median(s) for name, s in timed.items()}
    # The ratio of each pass to the C4 filter's pass of the same round: noise that slows a round slows both.
    ratios = {name: statistics.median(map(float.__truediv__, timed["c4_filter"], s)) for name, s in timed.items()}
    print(f"{len(pages)} pages, {megabytes:.2f} MB, median of {args.runs} passes each, the tools taking turns")
    for name, tool in tools.items():
        out = [tool(page) for page in pages]
        texts = [o.text if isinstance(o, Document) else o for o in out]
        quality = score(list(zip(texts, gold)))
        ratio = ratios[name]
        print(
            f"{name:19} {megabytes / seconds[name]:7.2f} MB/s {len(pages) / seconds[name]:8.1f} pages/s"
            f"   {ratio:5.3f} of the C4 filter's speed   F1 {quality.f1:.3f}  P {quality.precision:.3f}  R {quality.recall:.3f}"
        )
    clock = dict.fromkeys(STAGES, 0.0)
    c4_seconds = []
    for _ in range(args.runs):
        start = time.perf_counter()
        for page in pages:
            c4_filter(page)
        c4_seconds.append(time.perf_counter() - start)
        for page in pages:
            staged(page, clock)
    assert [staged(page, dict.fromkeys(STAGES, 0.0)) for page in pages] == [clean_text(p) for p in pages], "stages drifted"
    c4 = statistics.median(c4_seconds)
    total = sum(clock.values()) / args.runs
    print(f"\nclean_text stage by stage (mean of {args.runs} passes; the C4 filter's pass: {1000 * c4:.1f} ms):")
    for stage, spent in clock.items():
        spent /= args.runs
        print(f"  {stage:9} {1000 * spent / len(pages):6.3f} ms/page  {spent / c4:5.2f}x the C4 filter  {100 * spent / total:5.1f}%")
    print(f"  {'all':9} {1000 * total / len(pages):6.3f} ms/page  {total / c4:5.2f}x the C4 filter")


if __name__ == "__main__":
    main()
