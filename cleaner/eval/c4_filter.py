"""The yardstick for the text core's speed: C4's line rules (Raffel et al. 2020), written plainly for speed.

Vendored unchanged (but for this docstring's first lines) from the project's shared bench folder
(`../shared/bench/c4_filter.py`), so that a fresh clone measures against the same yardstick;
`cleaner eval -c c4-filter` runs it, and `benchmarks/bench_text.py` times clean_text against it.
Measure clean_text's MB/s as a ratio to c4_filter's MB/s in the same run, on the same pages
(tests/data/scrapinghub-text/pages), medians of several passes. Keep lines that end in terminal punctuation
and hold at least 3 words; drop lines naming javascript, cookies, policies or lorem ipsum, or holding a '{'."""
_END = ('.', '!', '?', '"', "'", '”', '’')
_BAD = ('javascript', 'lorem ipsum', 'cookie', 'terms of use', 'privacy policy')


def c4_filter(text: str) -> str:
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line.endswith(_END) and line.count(' ') >= 2 and '{' not in line:
            low = line.lower()
            if not any(b in low for b in _BAD):
                out.append(line)
    return '\n'.join(out)
