"""Speed and quality of `clean_html` against `trafilatura.extract`, in the same run (with --markdown, `clean_html(markdown=True)` too).

Both read the same 181 Scrapinghub pages, loaded and decoded once by `cleaner eval`'s gold
loader, and run through its adapters and its timer (`take_turns`): one untimed call each, then
`--runs` passes over all pages, the two taking turns so that machine noise hits both alike.
The median pass gives pages/s and MB/s; the ratio is the median over the rounds of trafilatura's
pass over clean_html's. F1 is the Scrapinghub metric of each tool's output (tests/data/GOLD.md).
With --markdown, `clean_html(page, markdown=True)` takes its turns too, and the cost of the
Markdown is the median over the rounds of its pass over the plain call's; then, as whole passes
take much of a shared machine's noise, it is measured page by page too: each page cleaned both
ways in turn, CPU time summed over the pages, the median of `--runs` passes.
With --cold, every tool's caches of what it read are emptied before each of its passes (the
cleaner's class/id hints; trafilatura's `reset_caches()`), so each pass sees the pages as a
crawl's first page of a site is seen: repeated passes over the same pages otherwise find every
class name already read. A floor takes its turns too (`floor`: not a cleaner, the least a DOM walk with class/id hints
does), to show how much of a pass at 8x trafilatura's speed is left for all it omits.

    python benchmarks/bench_html.py [--runs 5] [--markdown] [--cold]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # run from a checkout without installing

from selectolax.lexbor import LexborHTMLParser

from cleaner import html, kernels, metadata
from cleaner.decode import decode
from cleaner.eval.adapters import ADAPTERS, Extracted
from cleaner.eval.gold import load_gold
from cleaner.eval.metrics import score
from cleaner.eval.report import take_turns

DATA = REPO / "tests" / "data" / "scrapinghub"
TOOLS = {"clean_html": "cleaner", "trafilatura": "trafilatura"}  # name shown -> adapter


def floor(page: str | bytes, kind: str = "html") -> str:
    """Not a cleaner: a floor under any cleaner that walks the DOM in Python with class/id hints.

    Decode, parse with lexbor, drop scripts and styles in C, then one pass over <body> reading
    each element's tag and attributes and each text node's text, and join the text. No hints
    matched, no blocks, no classifier, no metadata, language or fallback.
    """
    tree = LexborHTMLParser(decode(page))
    tree.strip_tags(html._STRIP)
    if tree.body is None:
        return ""
    texts = []
    for node in tree.body.traverse(include_text=True):
        if node.tag == "-text":
            texts.append(node.text_content)
        else:
            node.attributes
    return " ".join("".join(texts).split())


def empty_caches(name: str) -> None:
    """Forget what a tool cached from the pages it read: ours for clean_html, trafilatura's own for it."""
    if name == "trafilatura":
        from trafilatura.meta import reset_caches

        reset_caches()
    elif name != "floor":
        html._hints.cache_clear()
        html._word_hint.cache_clear()
        html._kind.cache_clear()
        metadata._meta_keys.cache_clear()
        if kernels.chtml is not None:
            kernels.chtml.clear_hints()


def main() -> None:
    """Time and score both tools, then print their ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per tool; the median counts (default 5)")
    parser.add_argument("--markdown", action="store_true", help="also time clean_html(markdown=True)")
    parser.add_argument("--cold", action="store_true", help="empty every tool's caches before each of its passes")
    args = parser.parse_args()
    gold = load_gold(DATA)
    inputs = [(p.content, p.kind) for p in gold.pages]
    megabytes = sum(p.size for p in gold.pages) / 1e6
    tools = {**TOOLS, "markdown": "cleaner-markdown"} if args.markdown else TOOLS
    extracts = {name: ADAPTERS[adapter].load() for name, adapter in tools.items()}
    timings = take_turns({**extracts, "floor": floor}, inputs, max(1, args.runs), empty_caches if args.cold else None)
    print(f"{len(inputs)} pages, {megabytes:.1f} MB, median of {args.runs} runs{', caches emptied before each' if args.cold else ''}")
    for name, timing in timings.items():
        seconds = statistics.median(timing.seconds)
        texts = [out.text if isinstance(out, Extracted) else out for out in timing.outputs]
        s = score([(text, p.body or "") for text, p in zip(texts, gold.pages, strict=True)])
        print(
            f"{name:12} {len(inputs) / seconds:7.1f} pages/s {megabytes / seconds:6.2f} MB/s"
            f"   F1 {s.f1:.4f}  P {s.precision:.4f}  R {s.recall:.4f}"
        )
    # Each round's ratio of the two runs in it (noise that slows a round slows both), then the median.
    ratios = [t / c for c, t in zip(timings["clean_html"].seconds, timings["trafilatura"].seconds, strict=True)]
    print(f"ratio clean_html / trafilatura: {statistics.median(ratios):.1f}x (rounds: {', '.join(f'{r:.1f}' for r in ratios)})")
    # The floor's share of a pass at 8x trafilatura: what is left is all the floor omits.
    shares = [8 * f / t for f, t in zip(timings["floor"].seconds, timings["trafilatura"].seconds, strict=True)]
    used = [c * 8 / t for c, t in zip(timings["clean_html"].seconds, timings["trafilatura"].seconds, strict=True)]
    print(
        f"floor (not a cleaner: `floor` in this file): {statistics.median(shares):.2f} of a pass at 8x trafilatura, "
        f"which leaves {1 - statistics.median(shares):.2f} for all it omits; clean_html spends {statistics.median(used) - statistics.median(shares):.2f} on it"
    )
    if args.markdown:
        costs = [m / c for c, m in zip(timings["clean_html"].seconds, timings["markdown"].seconds, strict=True)]
        print(f"markdown=True / plain clean_html: {statistics.median(costs):.3f} (rounds: {', '.join(f'{r:.3f}' for r in costs)})")
        costs = markdown_cost([p.content for p in gold.pages], max(1, args.runs))
        print(f"  page by page: {statistics.median(costs):.3f} (passes: {', '.join(f'{r:.3f}' for r in costs)})")


def markdown_cost(pages: list[str], runs: int) -> list[float]:
    """Per pass, CPU time of `clean_html(page, markdown=True)` over that of `clean_html(page)`, each page both ways in turn."""
    from cleaner import clean_html

    costs = []
    for _ in range(runs):
        plain = markdown = 0.0
        for page in pages:
            start = time.process_time()
            clean_html(page)
            middle = time.process_time()
            clean_html(page, markdown=True)
            markdown += time.process_time() - middle
            plain += middle - start
        costs.append(markdown / plain)
    return costs


if __name__ == "__main__":
    main()
