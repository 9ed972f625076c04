"""`cleaner build --executor local|ray` against the in-process build: same documents, same text, and documents/s.

Runs the three builds as a user does (the `cleaner` command, one after the other on the same
corpus and cores, alternating for `--rounds`) and prints, for each executor: the Jaccard
similarity of the kept `source` sets with the in-process build's, the share of the common
documents whose text is identical, whether the columns are the same, and documents read per
second of wall-clock time (median of the rounds), also as a ratio to the in-process build.

    python benchmarks/make_corpus.py --docs 3000 --out /tmp/cleaner-scale-3k
    python benchmarks/bench_scale.py /tmp/cleaner-scale-3k --tasks 4 --workers 2 --rounds 3

Needs `pip install -e '.[scale]'`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyarrow.dataset as ds
import pyarrow.parquet as pq

CLEANER = str(Path(sys.executable).with_name("cleaner"))


def run(args: list[str]) -> tuple[float, int]:
    """Seconds the `cleaner build` command took, and the documents it read."""
    start = time.perf_counter()
    done = subprocess.run([CLEANER, "build", *args], check=True, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    read = next(line for line in done.stdout.splitlines() if line.strip().startswith("read"))
    return seconds, int(read.split()[-1].replace(",", ""))


def compare(reference: list[dict], rows: list[dict]) -> tuple[float, float]:
    """Jaccard similarity of the kept sources, and the share of common sources with identical text."""
    a, b = {r["source"]: r["text"] for r in reference}, {r["source"]: r["text"] for r in rows}
    common = a.keys() & b.keys()
    return len(common) / len(a.keys() | b.keys()), sum(a[s] == b[s] for s in common) / max(len(common), 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path, help="folder made by benchmarks/make_corpus.py")
    parser.add_argument("--tasks", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--executors", default="local,ray")
    args = parser.parse_args()
    inputs = [str(args.corpus / "jsonl"), str(args.corpus / "warc")]  # not labels.jsonl.gz
    executors = args.executors.split(",")
    times: dict[str, list[float]] = {name: [] for name in ["in-process", *executors]}
    read = 0
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        out = Path(tmp)
        for _ in range(args.rounds):
            seconds, read = run([*inputs, "-o", str(out / "in-process.parquet"), "-w", str(args.workers)])
            times["in-process"].append(seconds)
            for name in executors:
                folder = out / name
                shutil.rmtree(folder, ignore_errors=True)
                flags = ["--executor", name, "--tasks", str(args.tasks), "-w", str(args.workers)]
                seconds, _ = run([*inputs, "-o", str(folder), *flags])
                times[name].append(seconds)
        reference = pq.read_table(out / "in-process.parquet")
        base = read / statistics.median(times["in-process"])
        print(f"{read:,} documents, {args.tasks} tasks, {args.workers} workers, {os.cpu_count()} cores, {args.rounds} rounds")
        print(f"{'build':<12} {'docs/s':>8} {'ratio':>6} {'jaccard':>8} {'same text':>10} columns")
        print(f"{'in-process':<12} {base:>8.1f} {1:>6.2f} {'':>8} {'':>10} {len(reference.column_names)}")
        for name in executors:
            table = ds.dataset(out / name, format="parquet").to_table()
            jaccard, same = compare(reference.to_pylist(), table.to_pylist())
            speed = read / statistics.median(times[name])
            columns = "same" if table.schema.equals(reference.schema) else "DIFFERENT"
            print(f"{name:<12} {speed:>8.1f} {speed / base:>6.2f} {jaccard:>8.4f} {same:>10.4f} {columns}")


if __name__ == "__main__":
    main()
