"""Inputs: folders of article files, JSON Lines files and WARC files, read as a stream of sources."""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import charset_normalizer

from cleaner.html import declared_codec, has_bom

TEXT, HTML = "text", "html"

# Suffix (after any `.gz`) -> format of a one-document file. Anything else in a folder is ignored.
FORMATS = {".txt": TEXT, ".html": HTML, ".htm": HTML}
# Suffix (after any `.gz`) of files that hold many documents.
JSONL, WARC = ".jsonl", ".warc"
CONTAINERS = {JSONL: JSONL, ".ndjson": JSONL, WARC: WARC}
# JSON Lines fields taken as the document's metadata; they win over what the cleaner finds.
JSONL_META = ("url", "date", "title", "author", "site")
# Errors a damaged input file raises while it is read.
READ_ERRORS = (OSError, EOFError, zlib.error, ValueError)


@dataclass(frozen=True, slots=True)
class Source:
    """One input document: where it is, its name in the corpus, how to clean it, what its input says."""

    path: Path  # the file it is in
    name: str  # the `source` column: path relative to the input, plus `:N` for record N of a JSONL or WARC file
    format: str  # TEXT or HTML
    data: str | bytes | None = None  # the document, for a record; None: read `path`
    meta: dict[str, str] | None = None  # metadata the input gives, which wins over the cleaner's
    fallback: dict[str, str] | None = None  # metadata the input gives, used where the cleaner finds none
    size: int = 0  # bytes of input this source accounts for, for progress
    content_type: str | None = None  # a WARC record's HTTP Content-Type: its charset decodes `data` (see `load`)


OnError = Callable[[Source, Exception], None]


def source_format(path: Path) -> str | None:
    """TEXT or HTML from the file name (`x.txt`, `x.html.gz`, ...); None for any other file."""
    return FORMATS.get(_suffix(path))


def container_kind(path: Path) -> str | None:
    """JSONL or WARC for `x.jsonl`, `x.warc.gz`, ...; None for any other file."""
    return CONTAINERS.get(_suffix(path))


def _suffix(path: Path) -> str:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    return suffixes[-1] if suffixes else ""


def find_inputs(inputs: Sequence[str | os.PathLike[str]]) -> list[tuple[Path, str]]:
    """(path, name) of every input file: folders searched recursively, sorted by name.

    With one input, names are relative to it (a file given alone is named by its file name);
    with several, each name starts with the input as given, so names never collide.
    Raises FileNotFoundError, NotADirectoryError or ValueError on an input that cannot be used.
    """
    roots = list(dict.fromkeys(Path(p) for p in inputs))  # the same input twice counts once
    if not roots:
        raise ValueError("no input given")
    found: list[tuple[Path, str]] = []
    for root in roots:
        prefix = "" if len(roots) == 1 else root.as_posix().rstrip("/") + "/"
        if not root.exists():
            raise FileNotFoundError(f"no such file or folder: {root}")
        if root.is_file():
            if source_format(root) is None and container_kind(root) is None:
                raise ValueError(f"not a .txt, .html, .htm, .jsonl or .warc file (or .gz of one): {root}")
            found.append((root, root.as_posix() if prefix else root.name))
            continue
        if not root.is_dir():
            raise NotADirectoryError(f"not a file or folder: {root}")
        for path in root.rglob("*"):
            rel = path.relative_to(root)
            # Hidden files and folders are editor swap files, VCS data or our own temp files.
            if any(part.startswith(".") for part in rel.parts) or not path.is_file():
                continue
            if source_format(path) is not None or container_kind(path) is not None:
                found.append((path, prefix + rel.as_posix()))
    # Sort on the POSIX string, not on Path, so the order is the same on every platform.
    found.sort(key=lambda f: f[1])
    return found


def find_sources(root: Path) -> list[Source]:
    """Every one-document file under the folder `root`, recursively, in sorted name order."""
    if not root.exists():
        raise FileNotFoundError(f"no such folder: {root}")
    if not root.is_dir():
        raise NotADirectoryError(f"not a folder: {root}")
    return [Source(p, n, f) for p, n in find_inputs([root]) if (f := source_format(p)) is not None]


def iter_sources(files: Sequence[tuple[Path, str]], on_error: OnError) -> Iterator[Source]:
    """The sources of `files` (from `find_inputs`) in order, records of JSONL and WARC files one by one.

    A file or record that cannot be read goes to `on_error` and the stream goes on.
    """
    for path, name in files:
        fmt = source_format(path)
        if fmt is not None:
            yield Source(path, name, fmt, size=file_size(path))
            continue
        read = read_jsonl if container_kind(path) == JSONL else read_warc
        try:
            yield from read(path, name, on_error)
        except READ_ERRORS as exc:  # a damaged file: its records so far are kept
            on_error(Source(path, name, TEXT), exc)


def file_size(path: Path) -> int:
    """Size of `path` in bytes; 0 when it cannot be read (the error comes when it is read)."""
    try:
        return path.stat().st_size
    except OSError:
        return 0


def read_jsonl(path: Path, name: str, on_error: OnError) -> Iterator[Source]:
    """One source per line of a JSON Lines file: an object with `text` or `html`, and metadata fields."""
    with path.open("rb") as raw, _gunzipped(raw, path) as lines:
        done = 0
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            size, done = raw.tell() - done, raw.tell()
            source = Source(path, f"{name}:{n}", TEXT, size=size)
            try:
                record = json.loads(line)
                if not isinstance(record, dict):
                    raise ValueError("not a JSON object")  # noqa: TRY004 - reported as bad input, like bad JSON
                html, text = record.get("html"), record.get("text")
                if isinstance(html, str) and html.strip():
                    data, fmt = html, HTML
                elif isinstance(text, str):
                    data, fmt = text, TEXT
                else:
                    raise ValueError('no "text" or "html" string')
            except ValueError as exc:  # json.JSONDecodeError is a ValueError
                on_error(source, exc)
                continue
            meta = {k: v for k in JSONL_META if isinstance(v := record.get(k), str) and v.strip()}
            yield Source(path, source.name, fmt, data, meta or None, size=size)


def _gunzipped(raw: IO[bytes], path: Path) -> contextlib.AbstractContextManager[IO[bytes]]:
    """`raw`, read through gzip when the file's name ends in `.gz`."""
    return gzip.GzipFile(fileobj=raw) if path.suffix.lower() == ".gz" else contextlib.nullcontext(raw)


def read_warc(path: Path, name: str, on_error: OnError) -> Iterator[Source]:
    """One source per HTML response of a WARC file; url and date come from the record headers."""
    # Imported here: only builds with WARC inputs need it.
    from warcio.archiveiterator import ArchiveIterator

    with path.open("rb") as raw:
        done = 0
        for n, record in enumerate(ArchiveIterator(raw), 1):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            status = record.http_headers.get_statuscode() or ""
            mime = (record.http_headers.get_header("Content-Type") or "").lower()
            if not status.startswith("2") or not ("html" in mime or mime == ""):
                continue
            size, done = raw.tell() - done, raw.tell()
            source = Source(path, f"{name}:{n}", HTML, size=size)
            try:
                payload = record.content_stream().read()  # undoes chunked and gzip transfer
            except READ_ERRORS as exc:
                on_error(source, exc)
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            date = record.rec_headers.get_header("WARC-Date")
            # The payload stays bytes until a worker loads it: bytes cross to a worker process
            # as one copy, where text would be encoded to UTF-8 and back.
            yield Source(
                path,
                source.name,
                HTML,
                payload,
                {"url": url} if url else None,
                # The crawl date: only a stand-in when the page gives no publication date.
                {"date": date} if date else None,
                size=size,
                content_type=mime,
            )


def _http_decode(payload: bytes, mime: str) -> str | bytes:
    """The page as text when its HTTP header names a charset that decodes it, else its bytes.

    Browsers rank a BOM over the HTTP charset and that over a <meta> one; without a usable
    header charset the bytes go to `clean_html`, which reads the page's own declaration.
    """
    _, _, charset = mime.partition("charset=")
    codec = declared_codec(charset.split(";")[0].strip().strip("\"'"))
    if codec is None or has_bom(payload):
        return payload
    try:
        return payload.decode(codec)
    except UnicodeDecodeError:
        return payload


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
    if source.data is not None:
        if source.content_type and isinstance(source.data, bytes):
            return _http_decode(source.data, source.content_type)
        return source.data
    data = read_bytes(source.path)
    return data if source.format == HTML else decode_text(data)
