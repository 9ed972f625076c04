"""Scale benchmark of `cleaner build`: documents/s, peak memory, near-duplicate precision and recall.

The corpus comes from benchmarks/make_corpus.py (stories rewritten from the vendored pages, with
exact and near copies whose true duplicate group is known); it is generated into `--out`, or
reused when `--out` holds one made with the same arguments (`OUT/args.json`). The build runs as
a user runs it, `python -m cleaner build OUT/warc OUT/jsonl -o OUT/corpus.parquet --duplicates
OUT/duplicates.parquet --workers N`, in a subprocess whose process tree (the build, its
forkserver and workers) is sampled from /proc every 0.25 s (a sample costs CPU the build would
use): the peak of the summed RSS (an upper bound: pages shared after a fork count once per
process), of the summed PSS (shared pages split between the processes sharing them) and of the
largest single process (its VmHWM).

The outputs are matched to the labels by URL. Duplicate detection: predicted cluster of a
document = `duplicate_of` if it was removed, else its own id; true cluster = its story. Pairwise
precision and recall count same-cluster pairs; document-level precision is the share of removed
documents whose kept document is the same story, recall the share of true copies (every
document of a story but one) removed; "linked" is the share of copies that ended in the cluster
of the document they were made from, by kind and by edit. Text quality is the Scrapinghub
shingle metric (cleaner/eval/metrics.py) of each kept document against its gold body.

    python benchmarks/bench_corpus.py --docs 50000 [--workers 2] [--json out.json] [--repeated-line-min-docs 0]

Options the benchmark does not know (`--repeated-line-min-docs`, `--near-dup-threshold`) go to the build.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

import pyarrow.parquet as pq

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # run from a checkout without installing

import make_corpus  # beside this file

from cleaner.eval.metrics import page_counts, page_pr

# Below this F1 against its gold body, a kept document's text is taken for chrome, not its article.
CHROME_F1 = 0.2
# The targets: peak memory under 1 GB, near-duplicate precision and recall at least 0.95.
MEMORY_LIMIT = 1e9
MIN_DEDUP = 0.95


# --- the corpus -------------------------------------------------------------------------------


def ensure_corpus(out: Path, docs: int, exact: float, near: float, seed: int, regenerate: bool) -> float | None:
    """Generate the corpus into `out` unless it holds one of the same arguments; seconds taken, or None."""
    wanted = {"docs": docs, "exact": exact, "near": near, "seed": seed, "generator": make_corpus.generator_hash()}
    args_file = out / "args.json"
    if not regenerate and args_file.exists() and json.loads(args_file.read_text(encoding="utf-8")) == wanted:
        return None
    out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    make_corpus.generate(out, docs, exact=exact, near=near, seed=seed)
    return time.perf_counter() - start


def folder_size(path: Path) -> int:
    """Bytes of the files under `path`."""
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


# --- memory of a process tree -----------------------------------------------------------------


def descendants(root: int) -> list[int]:
    """`root` and every process below it, from the parent ids in /proc/*/stat."""
    children: dict[int, list[int]] = defaultdict(list)
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:
                stat = f.read()
        except OSError:  # gone since the listing
            continue
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        children[ppid].append(int(entry.name))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, ()))
    return tree


def _kb_fields(path: str, names: tuple[bytes, ...]) -> dict[bytes, int]:
    """Fields `names` (in kB) of a /proc status-like file; empty when the process is gone."""
    try:
        with open(path, "rb") as f:
            lines = f.read().splitlines()
    except OSError:
        return {}
    out = {}
    for line in lines:
        key, _, rest = line.partition(b":")
        if key in names:
            out[key] = int(rest.split()[0])
    return out


class MemorySampler(threading.Thread):
    """Samples the memory of the process tree under `pid` every `interval` seconds until stopped."""

    def __init__(self, pid: int, interval: float = 0.25) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.stopped = threading.Event()
        self.peak_rss = self.peak_pss = self.peak_process = 0  # bytes
        self.peak_processes = self.samples = 0

    def run(self) -> None:
        """Sample until `stop`."""
        while not self.stopped.is_set():
            self.sample()
            self.stopped.wait(self.interval)

    def sample(self) -> None:
        """One reading of every process of the tree."""
        rss = pss = 0
        pids = descendants(self.pid)
        for pid in pids:
            status = _kb_fields(f"/proc/{pid}/status", (b"VmRSS", b"VmHWM"))
            rss += status.get(b"VmRSS", 0) * 1024
            self.peak_process = max(self.peak_process, status.get(b"VmHWM", 0) * 1024)
            pss += _kb_fields(f"/proc/{pid}/smaps_rollup", (b"Pss",)).get(b"Pss", 0) * 1024
        self.peak_rss, self.peak_pss = max(self.peak_rss, rss), max(self.peak_pss, pss)
        self.peak_processes = max(self.peak_processes, len(pids))
        self.samples += 1

    def stop(self) -> None:
        """Stop sampling and wait for the thread."""
        self.stopped.set()
        self.join()


def run_build(out: Path, workers: int, extra: list[str]) -> dict:
    """Run `cleaner build` on the corpus in a subprocess; its wall time, memory peaks and printout."""
    command = [
        sys.executable, "-m", "cleaner", "build", str(out / "warc"), str(out / "jsonl"),
        "-o", str(out / "corpus.parquet"), "--duplicates", str(out / "duplicates.parquet"),
        "--workers", str(workers), *extra,
    ]  # fmt: skip
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))
    print("$ python " + " ".join(command[1:]), flush=True)
    start = time.perf_counter()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = MemorySampler(proc.pid)
    sampler.start()
    stdout, stderr = proc.communicate()
    seconds = time.perf_counter() - start
    sampler.stop()
    if proc.returncode != 0:
        sys.exit(f"build failed with exit code {proc.returncode}:\n{stderr}")
    return {
        "seconds": seconds,
        "peak_rss_sum": sampler.peak_rss,
        "peak_pss_sum": sampler.peak_pss,
        "peak_rss_process": sampler.peak_process,
        "processes": sampler.peak_processes,
        "samples": sampler.samples,
        "stdout": stdout,
    }


# --- scoring --------------------------------------------------------------------------------


def read_labels(out: Path) -> dict[str, dict]:
    """The labels by URL."""
    with gzip.open(out / "labels.jsonl.gz", "rt", encoding="utf-8") as f:
        return {(label := json.loads(line))["url"]: label for line in f}


def pairs(n: int) -> int:
    """Pairs among `n` items."""
    return n * (n - 1) // 2


def ratio(a: float, b: float) -> float | None:
    """a / b, None when b is 0."""
    return a / b if b else None


def f1(p: float | None, r: float | None) -> float | None:
    """Harmonic mean of p and r."""
    return 2 * p * r / (p + r) if p is not None and r is not None and p + r else None


def input_urls(out: Path) -> dict[str, str]:
    """Id -> URL of every input document, read as the build reads them (same inputs, same names)."""
    from corpus import doc_id
    from corpus.sources import find_inputs, iter_sources

    files = find_inputs([str(out / "warc"), str(out / "jsonl")])
    return {doc_id(s.name): (s.meta or {}).get("url", "") for s in iter_sources(files, lambda source, exc: None)}


def evaluate(out: Path, labels: dict[str, dict]) -> dict:
    """Duplicate detection and text quality of the build's outputs against the labels."""
    corpus = pq.read_table(out / "corpus.parquet", columns=["id", "url", "format", "text", "dropped_reasons"])
    dups = pq.read_table(out / "duplicates.parquet", columns=["id", "url", "duplicate_of", "kind", "similarity"])
    cluster: dict[str, str] = {}  # url -> predicted cluster (id of its kept document)
    url_of: dict[str, str] = {}  # id -> url
    unmatched = 0
    quality: dict[str, list[float]] = defaultdict(list)  # "P html", "R text", ...
    repeated = 0
    page_f1: dict[str, float] = {}  # kept id -> F1 of its text against its gold body
    for batch in corpus.to_batches(max_chunksize=1000):
        for row in batch.to_pylist():
            url_of[row["id"]] = row["url"]
            label = labels.get(row["url"])
            if label is None:
                unmatched += 1
                continue
            cluster[row["url"]] = row["id"]
            precision, recall = page_pr(*page_counts(row["text"], label["body"]))
            page_f1[row["id"]] = f1(precision, recall) or 0.0
            for fmt in (label["format"], "all"):
                quality["P " + fmt].append(precision)
                quality["R " + fmt].append(recall)
            repeated += sum(r["count"] for r in row["dropped_reasons"] if r["reason"] == "repeated-line")
    removed = dups.to_pylist()
    for row in removed:
        url_of[row["id"]] = row["url"]
        if row["url"] in labels:
            cluster[row["url"]] = row["duplicate_of"]
        else:
            unmatched += 1
    missing = Counter(label["kind"] for url, label in labels.items() if url not in cluster)
    # A kept document whose lines were all dropped as repeated-line is in neither file, but its
    # duplicates still name it: find its URL from the inputs.
    emptied = {row["duplicate_of"] for row in removed} - url_of.keys()
    if emptied:
        every = input_urls(out)
        url_of.update((i, every[i]) for i in emptied if i in every)

    # pairwise, over the documents present in the outputs
    by_pred: dict[str, list[int]] = defaultdict(list)
    for url, c in cluster.items():
        by_pred[c].append(labels[url]["story"])
    by_story = Counter(labels[url]["story"] for url in cluster)
    tp = sum(pairs(n) for members in by_pred.values() for n in Counter(members).values())
    predicted_pairs = sum(pairs(len(m)) for m in by_pred.values())
    true_pairs = sum(pairs(n) for n in by_story.values())
    pairwise = {"precision": ratio(tp, predicted_pairs), "recall": ratio(tp, true_pairs)}
    pairwise["f1"] = f1(pairwise["precision"], pairwise["recall"])

    # document level: is a removed document's kept document the same story?
    right = wrong = orphan = 0
    confusion: Counter[tuple[str, str]] = Counter()  # (true kind, predicted kind) of removed documents
    false_merges = []
    for row in removed:
        label = labels.get(row["url"])
        if label is None:
            continue
        kept_url = url_of.get(row["duplicate_of"])
        confusion[label["kind"], row["kind"]] += 1
        if kept_url is None or kept_url not in labels:
            orphan += 1  # not found in the inputs either (should not happen)
            continue
        if labels[kept_url]["story"] == label["story"]:
            right += 1
        else:
            wrong += 1
            # the kept document's text: mostly not its article (the cleaner kept chrome), or gone (all repeated lines)
            chrome = page_f1.get(row["duplicate_of"], 0.0) < CHROME_F1
            false_merges.append((row["similarity"], row["kind"], chrome, row["url"], kept_url))
    copies = sum(n - 1 for n in by_story.values())
    document = {"precision": ratio(right, right + wrong), "recall": ratio(right, copies)}
    document["f1"] = f1(document["precision"], document["recall"])

    # linked: a copy in the predicted cluster of the document it was made from
    linked: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for url, label in labels.items():
        if label["kind"] == "distinct" or url not in cluster or label["of"] not in cluster:
            continue
        same = cluster[url] == cluster[label["of"]]
        for key in [label["kind"], *(f"near {e}" for e in label["edit"])]:
            linked[key][0] += same
            linked[key][1] += 1
    false_merges.sort(reverse=True)

    def mean(values: list[float]) -> float | None:
        return sum(values) / len(values) if values else None

    text = {}
    for fmt in ("all", "html", "text"):
        p, r = mean(quality["P " + fmt]), mean(quality["R " + fmt])
        text[fmt] = {"precision": p, "recall": r, "f1": f1(p, r), "n": len(quality["P " + fmt])}
    return {
        "documents": len(labels),
        "kept": corpus.num_rows,
        "removed": len(removed),
        "missing": dict(missing),  # failed or empty: in neither output, by true kind
        "unmatched_urls": unmatched,
        "emptied_kept": len(emptied),
        "removed_kept_missing": orphan,
        "pairwise": pairwise,
        "document": document,
        "confusion": {f"{t}->{p}": n for (t, p), n in sorted(confusion.items())},
        "linked": {k: {"share": ratio(v[0], v[1]), "n": v[1]} for k, v in sorted(linked.items())},
        "false_merges": [
            {"similarity": s, "kind": k, "kept_text_is_chrome": c, "url": u, "kept": kept}
            for s, k, c, u, kept in false_merges[:10]
        ],
        "false_merges_total": len(false_merges),
        "false_merges_by_kind": dict(Counter(k for _, k, _, _, _ in false_merges)),
        "false_merges_chrome": sum(c for _, _, c, _, _ in false_merges),
        "text": text,
        "repeated_lines": repeated,
    }


# --- report ---------------------------------------------------------------------------------


def _fmt(x: float | None, digits: int = 3) -> str:
    """A figure, or "-" for none."""
    return "-" if x is None else f"{x:.{digits}f}"


def report(result: dict) -> None:
    """Print the compact table."""
    b, e = result["build"], result["eval"]
    mb = 1e6
    print(
        f"\ncorpus   {result['docs']} documents ({result['input_mb']:.0f} MB on disk), workers {result['workers']}, "
        f"{os.cpu_count()} cores" + (f", build args {' '.join(result['build_args'])}" if result["build_args"] else "")
    )
    if result.get("generate_seconds") is not None:
        print(f"generate {result['generate_seconds']:.1f} s")
    print(f"build    {b['seconds']:.1f} s   {result['docs'] / b['seconds']:.0f} documents/s")
    print(
        f"memory   peak RSS summed {b['peak_rss_sum'] / mb:.0f} MB   PSS summed {b['peak_pss_sum'] / mb:.0f} MB   "
        f"largest process {b['peak_rss_process'] / mb:.0f} MB   ({b['processes']} processes, {b['samples']} samples)"
    )
    print(
        f"outputs  kept {e['kept']}   removed {e['removed']}   in neither (failed/empty) {sum(e['missing'].values())} "
        f"{e['missing'] or ''}   unmatched URLs {e['unmatched_urls']}"
    )
    print("\nduplicates       precision  recall     F1")
    for name in ("pairwise", "document"):
        m = e[name]
        print(f"  {name:<14} {_fmt(m['precision']):>9} {_fmt(m['recall']):>7} {_fmt(m['f1']):>6}")
    print(
        "  linked to the document they copy: "
        + "   ".join(f"{k} {_fmt(v['share'])} (n={v['n']})" for k, v in e["linked"].items())
    )
    print(f"  removed, true kind -> build's kind: {e['confusion']}")
    if e["emptied_kept"]:
        print(f"  removed whose kept document came out empty (repeated lines): {e['emptied_kept']}")
    if e["removed_kept_missing"]:
        print(f"  removed whose kept document is unknown: {e['removed_kept_missing']}")
    print(
        f"  removed as a copy of another story: {e['false_merges_total']} {e['false_merges_by_kind'] or ''}, "
        f"{e['false_merges_chrome']} of them onto a kept document whose text is not its article "
        f"(F1 < {CHROME_F1} against its gold, or emptied)"
    )
    for m in e["false_merges"][:5]:
        print(f"    {m['similarity']:.2f} {m['kind']:<5} {m['url']}  ->  {m['kept']}")
    print("\ntext quality     precision  recall     F1      n")
    for fmt, m in e["text"].items():
        print(f"  {fmt:<14} {_fmt(m['precision']):>9} {_fmt(m['recall']):>7} {_fmt(m['f1']):>6} {m['n']:>6}")
    print(f"  lines dropped as repeated-line: {e['repeated_lines']}")

    def verdict(ok: bool) -> str:
        return "yes" if ok else "NO"

    def met(m: dict) -> bool:
        return all(m[k] is not None and m[k] >= MIN_DEDUP for k in ("precision", "recall"))

    print(
        f"\ntargets  memory < {MEMORY_LIMIT / 1e9:.0f} GB: {verdict(b['peak_rss_sum'] < MEMORY_LIMIT)} (RSS summed), "
        f"{verdict(b['peak_pss_sum'] < MEMORY_LIMIT)} (PSS summed)   near-duplicate P and R >= {MIN_DEDUP}: "
        f"{verdict(met(e['document']))} (document), {verdict(met(e['pairwise']))} (pairwise)"
    )


def main() -> None:
    """Generate or reuse the corpus, build it, score the outputs, print (and save) the results."""
    # No abbreviations: an option meant for the build must not be taken for a prefix of one of ours.
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0], allow_abbrev=False)
    parser.add_argument("--docs", type=int, default=50_000, help="documents in the corpus (default 50000)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="build workers (default: every core)")
    parser.add_argument(
        "--out", type=Path, default=Path("/tmp/cleaner-scale"), help="corpus folder (default /tmp/cleaner-scale)"
    )
    parser.add_argument("--exact", type=float, default=0.2, help="share of exact copies (default 0.2)")
    parser.add_argument("--near", type=float, default=0.2, help="share of near copies (default 0.2)")
    parser.add_argument("--seed", type=int, default=0, help="generator seed (default 0)")
    parser.add_argument("--regenerate", action="store_true", help="generate the corpus even if OUT holds one")
    parser.add_argument(
        "--keep", action=argparse.BooleanOptionalAction, default=True,
        help="keep OUT afterwards, for reuse and inspection (default); --no-keep deletes it",
    )  # fmt: skip
    parser.add_argument("--json", type=Path, help="also write the results to this JSON file")
    args, build_args = parser.parse_known_args()
    generated = ensure_corpus(args.out, args.docs, args.exact, args.near, args.seed, args.regenerate)
    print(f"{'generated' if generated is not None else 'reusing'} corpus in {args.out}", flush=True)
    input_mb = (folder_size(args.out / "warc") + folder_size(args.out / "jsonl")) / 1e6
    build = run_build(args.out, args.workers, build_args)
    print(build["stdout"].rstrip())
    result = {
        "docs": args.docs,
        "workers": args.workers,
        "build_args": build_args,
        "input_mb": input_mb,
        "generate_seconds": generated,
        "build": build,
        "eval": evaluate(args.out, read_labels(args.out)),
    }
    report(result)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    if not args.keep:
        shutil.rmtree(args.out)


if __name__ == "__main__":
    main()
