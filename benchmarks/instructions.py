"""Instructions one pass of `clean_html` or `clean_text` over the 181 Scrapinghub pages takes, counted by callgrind.

On a shared machine, seconds move with the neighbours' load; instructions do not. To compare two
versions, run this in each checkout: the difference is what the change costs. Each count is the
difference of two runs under `valgrind --tool=callgrind`, one that only loads and warms (one
untimed pass) and one that adds two passes, halved: start-up and first-call costs cancel out.
Needs valgrind (Debian: `apt-get install valgrind`); it runs about 50 times slower than Python.

    python benchmarks/instructions.py [--path html|text] [--pages N]
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

_RUN = """
import sys
sys.path.insert(0, {repo!r})
from pathlib import Path
from cleaner import clean_html, clean_text
from cleaner.eval.gold import load_gold
pages = [p.content for p in load_gold(Path({data!r})).pages][:{pages}]
clean = clean_html if {html!r} else clean_text
for page in pages:
    clean(page)
for _ in range({passes}):
    for page in pages:
        clean(page)
"""


def collected(path: str, pages: int, passes: int) -> int:
    """Instructions callgrind collected for loading, one warm-up pass and `passes` more."""
    html = path == "html"
    data = REPO / "tests" / "data" / ("scrapinghub" if html else "scrapinghub-text")
    code = _RUN.format(repo=str(REPO), data=str(data), pages=pages, html=html, passes=passes)
    out = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-c", code],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    found = re.search(r"Collected\s*:\s*(\d+)", out.stderr)
    if found is None:
        raise SystemExit(f"callgrind printed no count:\n{out.stderr[-2000:]}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", choices=["html", "text"], default="html", help="clean_html or clean_text (default html)")
    parser.add_argument("--pages", type=int, default=181, help="the first N pages (default all 181)")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian: apt-get install valgrind)")
    per_pass = (collected(args.path, args.pages, 2) - collected(args.path, args.pages, 0)) // 2
    print(f"clean_{args.path}: {per_pass:,} instructions a pass over {args.pages} pages ({REPO})")


if __name__ == "__main__":
    main()
