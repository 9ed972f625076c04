"""Inputs: folders of article files, JSON Lines files and WARC files, read as a stream of sources."""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import stat
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, cast

from cleaner.decode import decode, http_charset, not_text

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


class CleanError(Exception):
    """A source that could not be read or cleaned; the message names the original error."""


class Rejected(CleanError):
    """A source refused by a budget or a check; `reason` is its one-word kind, `str()` the detail."""

    reason = "rejected"

    def __str__(self) -> str:
        return f"{self.reason}: {super().__str__()}"


class TooLarge(Rejected):
    """More bytes than `Config.max_document_bytes`: refused before it is decoded or cleaned."""

    reason = "too-large"


class NotText(Rejected):
    """Binary data (an image, an archive, mostly NUL or control bytes), not text or HTML."""

    reason = "not-text"


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


def failure_reason(exc: Exception) -> str:
    """One line saying why a source failed: a CleanError's message, else the error's name and message."""
    reason = str(exc) if isinstance(exc, CleanError) else f"{type(exc).__name__}: {exc}"
    return (reason.splitlines() or [type(exc).__name__])[0]


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


def find_inputs(inputs: Sequence[str | os.PathLike[str]], *, any_file: bool = False) -> list[tuple[Path, str]]:
    """(path, name) of every input file: folders searched recursively, sorted by name.

    With one input, names are relative to it (a file given alone is named by its file name);
    with several, each name starts with the input as given, so names never collide. A file
    given by name must have a known suffix, unless `any_file` (then it is read as text).
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
            if not any_file and source_format(root) is None and container_kind(root) is None:
                raise ValueError(f"not a .txt, .html, .htm, .jsonl or .warc file (or .gz of one): {root}")
            found.append((root, root.as_posix() if prefix else root.name))
            continue
        if not root.is_dir():
            raise NotADirectoryError(f"not a file or folder: {root}")
        for path in root.rglob("*"):
            rel = path.relative_to(root)
            # Hidden files and folders are editor swap files, VCS data or our own temp files.
            # A name that is not a folder is kept even when it is no regular file (a dangling
            # symlink, a symlink loop, a FIFO): reading it fails, and the build lists it.
            if any(part.startswith(".") for part in rel.parts) or path.is_dir():
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


def iter_sources(
    files: Sequence[tuple[Path, str]], on_error: OnError, *, max_bytes: int | None = None
) -> Iterator[Source]:
    """The sources of `files` (from `find_inputs`) in order, records of JSONL and WARC files one by one.

    A file or record that cannot be read goes to `on_error` and the stream goes on; so does a
    record of more than `max_bytes` bytes (TooLarge), which is skipped without being held.
    One-document files are read later, by `load`.
    """
    for path, name in files:
        kind = container_kind(path)
        if kind is None:  # a file of another name was given by name (`find_inputs(any_file=True)`): text
            yield Source(path, name, source_format(path) or TEXT, size=file_size(path))
            continue
        read = read_jsonl if kind == JSONL else read_warc
        try:
            yield from read(path, name, on_error, max_bytes=max_bytes)
        except READ_ERRORS as exc:  # a damaged file: its records so far are kept
            on_error(Source(path, name, TEXT), exc)


def spool(stream: IO[bytes], folder: Path) -> Path:
    """Copy `stream` (standard input) to a file in `folder` named for what it holds, and return it.

    The file is `stdin` plus the suffix its first bytes call for (see `sniff`), and `.gz` when
    they are gzip's, so that `iter_sources` reads it as it reads a file of that name.
    """
    head = stream.read(_SNIFF_BYTES)
    gzipped = head[:2] == b"\x1f\x8b"
    suffix = sniff(_gunzip_head(head) if gzipped else head) + (".gz" if gzipped else "")
    path = folder / f"stdin{suffix}"
    with path.open("wb") as out:
        out.write(head)
        while block := stream.read(1 << 20):
            out.write(block)
    return path


_SNIFF_BYTES = 1 << 16
_HTML_START = (b"<!doctype", b"<html", b"<head", b"<body", b"<meta", b"<!--", b"<div", b"<article", b"<p>", b"<p ")


def sniff(head: bytes) -> str:
    """File suffix for data that starts with `head`: `.warc`, `.jsonl` (a `{`), `.html` (a tag), else `.txt`."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1024].lower()
    if start.startswith(b"warc/"):
        return WARC
    if start.startswith(b"{"):
        return JSONL
    if start.startswith(_HTML_START) or b"<html" in start or b"<body" in start:
        return ".html"
    return ".txt"


def _gunzip_head(head: bytes) -> bytes:
    try:
        return zlib.decompressobj(wbits=31).decompress(head, _SNIFF_BYTES)
    except zlib.error:
        return b""  # not gzip after all: reading it fails, and says so


def file_size(path: Path) -> int:
    """Size of `path` in bytes; 0 when it cannot be read (the error comes when it is read)."""
    try:
        return path.stat().st_size
    except OSError:
        return 0


def read_jsonl(path: Path, name: str, on_error: OnError, *, max_bytes: int | None = None) -> Iterator[Source]:
    """One source per line of a JSON Lines file: an object with `text` or `html`, and metadata fields.

    A line longer than `max_bytes` goes to `on_error` as TooLarge, read through but never held.
    """
    with open_file(path) as raw, _gunzipped(raw, path) as lines:
        done = 0
        for n, (line, length) in enumerate(_bounded_lines(lines, max_bytes), 1):
            if line is not None and not line.strip():
                continue
            size, done = raw.tell() - done, raw.tell()
            source = Source(path, f"{name}:{n}", TEXT, size=size)
            if line is None:
                on_error(source, TooLarge(f"a line of {length:,} bytes, over the limit of {max_bytes:,}"))
                continue
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


def _bounded_lines(f: IO[bytes], limit: int | None) -> Iterator[tuple[bytes | None, int]]:
    """(line, its length) for each line of `f`; the line is None when longer than `limit` bytes.

    A long line is read in blocks and dropped, so memory holds at most `limit` + 1 bytes of it.
    """
    while True:
        line = f.readline() if limit is None else f.readline(limit + 1)
        if not line:
            return
        if limit is None or len(line) <= limit or line.endswith(b"\n"):
            yield line, len(line)
            continue
        length = len(line)
        while not line.endswith(b"\n"):
            line = f.readline(1 << 20)
            if not line:
                break
            length += len(line)
        yield None, length


def _gunzipped(raw: IO[bytes], path: Path) -> contextlib.AbstractContextManager[IO[bytes]]:
    """`raw`, read through gzip when the file's name ends in `.gz`."""
    if path.suffix.lower() == ".gz":
        return cast(IO[bytes], gzip.GzipFile(fileobj=raw))  # a binary file object, as `raw` is
    return contextlib.nullcontext(raw)


_WARC_BLOCK = 1 << 16


def read_warc(path: Path, name: str, on_error: OnError, *, max_bytes: int | None = None) -> Iterator[Source]:
    """One source per HTML response of a WARC file; url and date come from the record headers.

    A payload longer than `max_bytes` goes to `on_error` as TooLarge; at most `max_bytes` + 1
    bytes of it are read.
    """
    # Imported here: only builds with WARC inputs need it.
    from warcio.archiveiterator import ArchiveIterator

    with open_file(path) as raw:
        done = 0
        # 64 KiB blocks, not 16: a quarter of the calls through warcio's Python readers for the same inflating.
        for n, record in enumerate(ArchiveIterator(raw, block_size=_WARC_BLOCK), 1):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            status = record.http_headers.get_statuscode() or ""
            mime = (record.http_headers.get_header("Content-Type") or "").lower()
            if not status.startswith("2") or not ("html" in mime or mime == ""):
                continue
            size, done = raw.tell() - done, raw.tell()
            source = Source(path, f"{name}:{n}", HTML, size=size)
            try:
                # Undoes chunked and gzip transfer.
                stream = record.content_stream()
                payload = stream.read() if max_bytes is None else stream.read(max_bytes + 1)
            except READ_ERRORS as exc:
                on_error(source, exc)
                continue
            if max_bytes is not None and len(payload) > max_bytes:
                on_error(source, TooLarge(f"a payload over the limit of {max_bytes:,} bytes"))
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


def open_file(path: Path) -> IO[bytes]:
    """`path` opened for reading if it is a regular file (a FIFO would block a read forever)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = "a folder" if stat.S_ISDIR(mode) else "a special file"
            raise OSError(f"not a regular file but {kind}: {path}")
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_bytes(path: Path, max_bytes: int | None = None) -> bytes:
    """Raw bytes of `path`, decompressed when it ends in `.gz`; TooLarge past `max_bytes`.

    The size of a plain file is checked before it is read, that of a gzip file as it is
    decompressed (at most `max_bytes` + 1 bytes are ever held).
    """
    with open_file(path) as raw:
        if path.suffix.lower() == ".gz":
            with gzip.GzipFile(fileobj=raw) as f:
                data = f.read(-1 if max_bytes is None else max_bytes + 1)
            if max_bytes is not None and len(data) > max_bytes:
                raise TooLarge(f"over {max_bytes:,} bytes once decompressed (the limit)")
            return data
        size = os.fstat(raw.fileno()).st_size
        if max_bytes is not None and size > max_bytes:
            raise TooLarge(f"{size:,} bytes, over the limit of {max_bytes:,}")
        return raw.read()


def load(source: Source, *, max_bytes: int | None = None, max_control: float | None = None) -> str:
    """The text of `source`, decoded by `cleaner.decode` (with its HTTP charset, for a WARC record).

    Raises TooLarge past `max_bytes` bytes (checked before anything is decoded) and NotText
    when more than `max_control` of its first bytes are control bytes (see `not_text`);
    None turns either check off.
    """
    data = source.data
    if data is None:
        data = read_bytes(source.path, max_bytes)
    elif max_bytes is not None and len(data) > max_bytes:  # a str has at least as many bytes as characters
        raise TooLarge(f"{len(data):,} {'bytes' if isinstance(data, bytes) else 'characters'}, over the limit of {max_bytes:,}")
    if max_control is not None and (kind := not_text(data, max_control)) is not None:
        raise NotText(kind)
    declared = http_charset(source.content_type) if source.content_type else None
    return decode(data, declared=declared, html=source.format == HTML)
