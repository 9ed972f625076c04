"""A hostile corpus, made on the spot: every encoding and kind of bad input a crawl holds.

`make(root)` writes it and returns what a build must make of it: the good files, each with
the paragraphs of real article text (distinct for every file) its kept body must hold, decoded
right; the bad files, each with the kind its failure reason starts with; the files whose body
is degenerate. Also a script, for a timing by hand:

    python -m tests.hostile OUT_DIR && cleaner build OUT_DIR -o corpus.parquet
"""

from __future__ import annotations

import gzip
import json
import os
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"

# Bytes of the one-line `word word word ...` file (the 50 MB).
HUGE_BYTES = 50_000_000
# Nesting depth of the deep HTML page.
DEPTH = 100_000


@dataclass
class Hostile:
    """What a build of the corpus must do with each file (names relative to its root)."""

    good: dict[str, list[str]] = field(default_factory=dict)  # name -> paragraphs its body must hold
    bad: dict[str, str] = field(default_factory=dict)  # name -> the start of its failure reason
    degenerate: list[str] = field(default_factory=list)  # names whose body is left out as degenerate

    @property
    def files(self) -> int:
        return len(self.good) + len(self.bad) + len(self.degenerate)


# Typographic punctuation that latin-1 lacks, as a latin-1 page writes it.
_PLAIN = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-", "\u2026": "..."})


def _paragraphs(body: str, encoding: str | None = None, n: int = 6) -> list[str]:
    """Up to `n` long paragraphs of `body` (the cleaner keeps long prose), each encodable in `encoding`."""
    kept = []
    for paragraph in body.split("\n"):
        paragraph = " ".join(paragraph.split())
        if len(paragraph.split()) < 15 or len(paragraph) > 1500:
            continue
        if encoding is not None:
            paragraph = paragraph.translate(_PLAIN)
            try:
                paragraph.encode(encoding)
            except UnicodeEncodeError:
                continue
        kept.append(paragraph)
        if len(kept) == n:
            break
    return kept


def articles() -> dict[str, list[str]]:
    """Real article paragraphs from the gold sets, a different article for each use."""
    shub = json.loads((DATA / "scrapinghub" / "ground-truth.json").read_text(encoding="utf-8"))
    readability = json.loads((DATA / "readability" / "ground-truth.json").read_text(encoding="utf-8"))
    english = [key for key in sorted(shub) if len(_paragraphs(shub[key]["articleBody"], "latin-1")) >= 6]
    picked = {
        "russian": _paragraphs(shub[next(k for k in sorted(shub) if k.startswith("c82b3d1d540b"))]["articleBody"], "cp1251"),
        "french": _paragraphs(readability["lemonde-1"]["articleBody"], "latin-1"),
        "german": _paragraphs(readability["heise"]["articleBody"], "cp1252", n=4),
        "spanish": _paragraphs(readability["cnet-svg-classes"]["articleBody"], n=4),
        "czech": _paragraphs(readability["aktualne"]["articleBody"]),
        "portuguese": _paragraphs(readability["folha"]["articleBody"]),
    }
    for i, key in enumerate(english[:8]):
        picked[f"english{i}"] = _paragraphs(shub[key]["articleBody"], "latin-1")
    for name, paragraphs in picked.items():
        assert len(paragraphs) >= 3, name
    return picked


def _html(title: str, paragraphs: list[str], charset: str = "utf-8") -> str:
    body = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    return (
        f'<!doctype html><html><head><meta charset="{charset}"><title>{title}</title></head><body>\n'
        '<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>\n'
        f"<article><h1>{title}</h1>\n{body}</article>\n"
        "<footer>Copyright 2026 Example News. All rights reserved.</footer></body></html>\n"
    )


def make(root: Path, *, huge_bytes: int = HUGE_BYTES) -> Hostile:
    """Write the hostile corpus into the folder `root` (made if missing) and say what a build must do."""
    root.mkdir(parents=True, exist_ok=True)
    text = articles()
    out = Hostile()

    def good(name: str, data: bytes, paragraphs: list[str]) -> None:
        (root / name).write_bytes(data)
        out.good[name] = paragraphs

    def bad(name: str, data: bytes, reason: str) -> None:
        (root / name).write_bytes(data)
        out.bad[name] = reason

    lines = "\n".join
    # Encodings that must decode right.
    good("utf8.txt", lines(text["english0"]).encode("utf-8"), text["english0"])
    good("cp1251.txt", lines(text["russian"]).encode("cp1251"), text["russian"])
    good("latin1.txt", lines(text["french"]).encode("latin-1"), text["french"])
    good("utf16-bom.txt", lines(text["spanish"]).encode("utf-16"), text["spanish"])
    good("utf16-no-bom.txt", lines(text["czech"]).encode("utf-16-le"), text["czech"])
    good("utf8-bom.txt", b"\xef\xbb\xbf" + lines(text["portuguese"]).encode("utf-8"), text["portuguese"])
    good("crlf.txt", "\r\n".join(text["english1"]).encode("utf-8") + b"\r\n", text["english1"])
    # UTF-8 with stray bytes that are not UTF-8 between its paragraphs: only those become U+FFFD.
    mixed = b"\n".join(p.encode("utf-8") + b" \xff\xfe\x80" for p in text["german"])
    good("mixed-invalid.txt", mixed, text["german"])
    good("article.txt.gz", gzip.compress(lines(text["english2"]).encode("utf-8")), text["english2"])
    # HTML: plain, in another charset, with unclosed tags, and nested 100,000 deep.
    good("page.html", _html("A plain page", text["english3"]).encode("utf-8"), text["english3"])
    good("page-latin1.html", _html("Une page", text["english4"], "iso-8859-1").encode("latin-1"), text["english4"])
    unclosed = "<html><body><div><article><h1>Unclosed tags</h1>" + "".join(f"<p><b>{p}" for p in text["english5"])
    good("unclosed.html", unclosed.encode("utf-8"), text["english5"])
    deep = "<div>" * DEPTH + "<article><h1>Deep page</h1>" + "".join(f"<p>{p}</p>" for p in text["english6"])
    good("deep.html", f"<html><body>{deep}</article>{'</div>' * DEPTH}</body></html>".encode(), text["english6"])

    # Not text.
    rng = random.Random(10)
    bad("binary.txt", rng.randbytes(64 * 1024), "not-text")
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00" + rng.randbytes(8000)
    bad("image.txt", png, "not-text")
    bad("nul.txt", b"\x00" * 5000 + b"a few words at the end", "not-text")
    bad("controls.html", bytes(rng.choice(range(1, 32)) for _ in range(6000)), "not-text")
    # Damaged, too large, unreadable.
    bad("truncated.txt.gz", gzip.compress(lines(text["english7"]).encode("utf-8"))[:-40], "EOFError")
    with (root / "huge.txt").open("wb") as f:
        chunk = b"word " * 200_000
        for _ in range(huge_bytes // len(chunk)):
            f.write(chunk)
    out.bad["huge.txt"] = "too-large"
    os.symlink("loop.txt", root / "loop.txt")  # a symlink to itself
    out.bad["loop.txt"] = "OSError"
    os.symlink("no-such-file.txt", root / "dangling.txt")
    out.bad["dangling.txt"] = "FileNotFoundError"
    # chmod 000 blocks no read for root, where the file would be read as a good one.
    if os.geteuid() != 0:
        bad("unreadable.txt", lines(text["english7"]).encode("utf-8"), "PermissionError")
        os.chmod(root / "unreadable.txt", 0)
    # Read and cleaned, but left out: one word, or one sentence, said over and over.
    (root / "words.txt").write_bytes(b"word " * 60_000)
    sentence = b"Buy cheap watches online today, the best prices in town are waiting for you.\n"
    (root / "spam.txt").write_bytes(sentence * 3000)
    out.degenerate += ["spam.txt", "words.txt"]
    return out


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m tests.hostile OUT_DIR")
    made = make(Path(sys.argv[1]))
    print(f"{made.files} files: {len(made.good)} good, {len(made.bad)} bad, {len(made.degenerate)} degenerate")
