"""Input files: find them, read them (gunzipping), decode text with a fallback that never fails."""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer

TEXT, HTML = "text", "html"

# Suffix (after any `.gz`) -> format. Anything else under the input folder is ignored.
FORMATS = {".txt": TEXT, ".html": HTML, ".htm": HTML}


@dataclass(frozen=True, slots=True)
class Source:
    """One input file: where it is, its name in the corpus, and how to clean it."""

    path: Path
    name: str  # path relative to the input folder, with `/` separators: the `source` column
    format: str  # TEXT or HTML


def source_format(path: Path) -> str | None:
    """TEXT or HTML from the file name (`x.txt`, `x.html.gz`, ...); None for any other file."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    return FORMATS.get(suffixes[-1]) if suffixes else None


def find_sources(root: Path) -> list[Source]:
    """Every input file under `root`, recursively, sorted by relative path so output order is fixed."""
    if not root.exists():
        raise FileNotFoundError(f"no such folder: {root}")
    if not root.is_dir():
        raise NotADirectoryError(f"not a folder: {root}")
    sources = []
    for path in root.rglob("*"):
        rel = path.relative_to(root)
        # Hidden files and folders are editor swap files, VCS data or our own temp files.
        if any(part.startswith(".") for part in rel.parts) or not path.is_file():
            continue
        fmt = source_format(path)
        if fmt is not None:
            sources.append(Source(path, rel.as_posix(), fmt))
    # Sort on the POSIX string, not on Path, so the order is the same on every platform.
    sources.sort(key=lambda s: s.name)
    return sources


def read_bytes(path: Path) -> bytes:
    """Raw bytes of `path`, decompressed when it ends in `.gz`."""
    if path.suffix.lower() == ".gz":
        with gzip.open(path, "rb") as f:
            return f.read()
    return path.read_bytes()


def decode_text(data: bytes) -> str:
    """Text of `data`: UTF-8 (BOM stripped), else charset_normalizer's guess, else cp1252 with U+FFFD."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    encoding = guess_encoding(data)
    if encoding is not None:
        try:
            return data.decode(encoding, errors="replace")
        except LookupError:  # a codec name Python does not know: fall through
            pass
    # cp1252 is what browsers decode "latin-1" pages as; `replace` keeps its 5 unmapped bytes from failing.
    return data.decode("cp1252", errors="replace")


def guess_encoding(data: bytes) -> str | None:
    """charset_normalizer's best encoding for `data`, preferring cp1252 among equally good ones."""
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    # On short texts several single-byte code pages score the same and charset_normalizer picks
    # the first in its own order (often cp1250, turning "è" into "č"); cp1252 is the web's default.
    for match in matches:
        if match.encoding == "cp1252" and match.chaos <= best.chaos and match.coherence >= best.coherence:
            return "cp1252"
    return best.encoding


def load(source: Source) -> str | bytes:
    """What the cleaner takes for `source`: decoded text, or HTML bytes (clean_html reads their charset)."""
    data = read_bytes(source.path)
    return data if source.format == HTML else decode_text(data)
