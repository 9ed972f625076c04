"""Speed and quality of `clean_text` against the C4 line filter, on the 181 Scrapinghub text pages.

Both run in the same process on the same in-memory pages (loaded by `cleaner eval`'s gold
loader), in alternating passes (its timer, `take_turns`), so that the ratio holds across
machines even when the absolute figures do not. Printed:
- MB/s of clean_text with its language detection, and with langdetect stubbed out (the
  stop-word vote still runs; pages it cannot settle keep its best guess), and of the C4 filter
  (`cleaner/eval/c4_filter.py`, the project's yardstick), each the median of `--runs` passes; and the speed
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
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # run from a checkout without installing

import cleaner.core as core
from cleaner import DEFAULT, Document, clean_text
from cleaner.blocks import text_blocks
from cleaner.classify import context, grade
from cleaner.eval.adapters import ADAPTERS, Extract, Extracted
from cleaner.eval.gold import load_gold
from cleaner.eval.metrics import score
from cleaner.eval.report import take_turns
from cleaner.language import identify, stopwords
from cleaner.rules import match_blocks

DATA = REPO / "tests" / "data" / "scrapinghub-text"
STAGES = ("blocks", "language", "rules", "grade", "context", "document")


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
    gold = load_gold(DATA)
    inputs = [(p.content, p.kind) for p in gold.pages]
    megabytes = sum(p.size for p in gold.pages) / 1e6
    tools: dict[str, Extract] = {
        "clean_text": ADAPTERS["cleaner"].load(),
        "without langdetect": lambda page, kind: without_langdetect(page).text,
        "c4_filter": ADAPTERS["c4-filter"].load(),
    }
    timed = take_turns(tools, inputs, args.runs)
    # The ratio of each pass to the C4 filter's pass of the same round: noise that slows a round slows both.
    c4 = timed["c4_filter"].seconds
    print(f"{len(inputs)} pages, {megabytes:.2f} MB, median of {args.runs} passes each, the tools taking turns")
    for name, timing in timed.items():
        seconds = statistics.median(timing.seconds)
        ratio = statistics.median(map(float.__truediv__, c4, timing.seconds))
        texts = [out.text if isinstance(out, Extracted) else out for out in timing.outputs]
        quality = score([(text, p.body or "") for text, p in zip(texts, gold.pages, strict=True)])
        print(
            f"{name:19} {megabytes / seconds:7.2f} MB/s {len(inputs) / seconds:8.1f} pages/s"
            f"   {ratio:5.3f} of the C4 filter's speed   F1 {quality.f1:.3f}  P {quality.precision:.3f}  R {quality.recall:.3f}"
        )
    clock = dict.fromkeys(STAGES, 0.0)
    calls = 0

    def stage_by_stage(page: str, kind: str) -> Document:
        nonlocal calls
        calls += 1  # the first call is take_turns' untimed warm-up: not counted
        return staged(page, clock if calls > 1 else dict.fromkeys(STAGES, 0.0))

    stages = take_turns({"stages": stage_by_stage, "c4_filter": tools["c4_filter"]}, inputs, args.runs)
    assert stages["stages"].outputs == [clean_text(p.content) for p in gold.pages], "stages drifted"
    c4_pass = statistics.median(stages["c4_filter"].seconds)
    total = sum(clock.values()) / args.runs
    pages = len(inputs)
    print(f"\nclean_text stage by stage (mean of {args.runs} passes; the C4 filter's pass: {1000 * c4_pass:.1f} ms):")
    for stage, spent in clock.items():
        spent /= args.runs
        print(f"  {stage:9} {1000 * spent / pages:6.3f} ms/page  {spent / c4_pass:5.2f}x the C4 filter  {100 * spent / total:5.1f}%")
    print(f"  {'all':9} {1000 * total / pages:6.3f} ms/page  {total / c4_pass:5.2f}x the C4 filter")


if __name__ == "__main__":
    main()
