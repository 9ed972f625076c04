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
- F1, precision and recall of each against the gold bodies (the Scrapinghub metric);
- a floor (`floor`): the least per-line work a block classifier of jusText's kind does (line
  features, rule leads, stop words, one main region), as a share of the C4 filter's speed: what
  Python alone allows before rules run, context steps, language and metadata.

    python benchmarks/bench_text.py [--runs 5]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from itertools import compress, count, repeat
from operator import itemgetter, truediv
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
from cleaner.rules import NUMBER, RULES, match_blocks

DATA = REPO / "tests" / "data" / "scrapinghub-text"
STAGES = ("blocks", "language", "rules", "grade", "context", "document")


_ENDS = tuple(".!?…。！？\"'”’»)]")
_LEADS = {lead for rule in RULES for lead in rule.leads} | set("0123456789") - {NUMBER}
_FIRST_WORD = re.compile(r"[^\w\n]*(\d|\w*)[^\n]*\n")
_STOPWORDS = stopwords("en")


def floor(text: str) -> str:
    """Not a cleaner: a floor under any cleaner of this kind, in Python.

    Per line only what a block classifier cannot skip: strip, length, words, sentence end, the
    lower-cased head, its first word looked up among the rules' leads (no rule is tried), stop
    words of the lines long enough to be graded by them (English's, no language step), one main
    region of good lines. No bullets, headings, rules, context steps, language or metadata.
    """
    lines = list(filter(None, map(str.strip, text.splitlines())))
    n_chars = list(map(len, lines))
    list(map(str.count, lines, repeat(" ")))
    list(map(str.endswith, lines, repeat(_ENDS)))
    head = list(map(str.lower, map(itemgetter(slice(0, 300)), lines)))
    leads = _FIRST_WORD.findall("\n".join(map(itemgetter(slice(0, 40)), head)) + "\n")
    list(compress(count(), map(_LEADS.__contains__, leads)))
    good = bytearray(len(lines))
    long = list(compress(count(), map((30).__le__, n_chars)))
    words = list(map(str.split, map(head.__getitem__, long)))
    for i, density in zip(long, map(truediv, map(sum, map(map, repeat(_STOPWORDS.__contains__), words)), map(len, words))):
        good[i] = density >= 0.3
    best = total = 0
    start = best_start = best_end = 0
    for i, (g, chars) in enumerate(zip(good, n_chars)):
        if total <= 0:
            total, start = 0, i
        total += chars if g else -chars
        if total > best:
            best, best_start, best_end = total, start, i + 1
    return "\n".join(compress(lines[best_start:best_end], good[best_start:best_end]))


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
        "floor": lambda page, kind: floor(page),
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
    # The floor does the work of `blocks` and `grade` at its least; the other stages are what it omits.
    floor_passes = 1 / statistics.median(map(float.__truediv__, c4, timed["floor"].seconds))
    omitted = sum(clock[stage] for stage in ("language", "rules", "context", "document")) / args.runs / c4_pass
    print(
        f"\nA quarter of the C4 filter's speed is 4.00 of its passes. The floor (not a cleaner: `floor` in this file)\n"
        f"takes {floor_passes:.2f}, which leaves {4 - floor_passes:.2f} for all it omits; clean_text spends {omitted:.2f} on those\n"
        "stages alone (language, rules, context, document)."
    )


if __name__ == "__main__":
    main()
