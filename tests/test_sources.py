"""Inputs: folders, JSON Lines and WARC files, read as one ordered stream of sources."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import corpus
import corpus.sources
from corpus import HTML, TEXT, find_inputs, iter_sources, load

PAGE = (
    "<html><head><title>Harbour reopens</title></head><body><article>"
    "<h1>Harbour reopens after storm</h1>"
    "<p>The harbour reopened on Tuesday after a week of repairs to the sea wall, "
    "and the first ferries left on time in the morning.</p>"
    "<p>Officials said the work had cost less than expected and that the new wall "
    "would protect the town for the next thirty years.</p>"
    "</article></body></html>"
)


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def read_all(*inputs: Path) -> tuple[list[corpus.Source], list[tuple[str, str]]]:
    errors: list[tuple[str, str]] = []
    sources = list(iter_sources(find_inputs(inputs), lambda s, e: errors.append((s.name, type(e).__name__))))
    return sources, errors


def warc(records: list[tuple[str, str, bytes, list[tuple[str, str]]]], *, compress: bool = True) -> bytes:
    """A WARC file of (type, url, payload, http headers) records; `warcinfo` and requests as a crawler writes them."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=compress)
    writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "test"}))
    for rec_type, url, payload, headers in records:
        if rec_type == "request":
            http = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.com")], is_http_request=True)
        else:
            http = StatusAndHeaders(headers[0][1], headers[1:], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            url,
            rec_type,
            payload=io.BytesIO(payload),
            http_headers=http,
            warc_headers_dict={"WARC-Date": "2026-03-04T05:06:07Z"},
        )
        writer.write_record(record)
    return out.getvalue()


def response(url: str, payload: bytes, status: str = "200 OK", mime: str = "text/html; charset=utf-8", extra=()):
    return ("response", url, payload, [("status", status), ("Content-Type", mime), *extra])


# --- finding inputs ---


def test_folders_hold_every_kind_and_names_are_relative(tmp_path: Path) -> None:
    for name in ["a.txt", "b/c.html.gz", "d.jsonl", "e.warc.gz", "f.ndjson.gz", "g.md", ".h.jsonl"]:
        write(tmp_path / "in" / name, "")
    assert [n for _, n in find_inputs([tmp_path / "in"])] == ["a.txt", "b/c.html.gz", "d.jsonl", "e.warc.gz", "f.ndjson.gz"]


def test_several_inputs_are_prefixed_so_names_do_not_collide(tmp_path: Path) -> None:
    write(tmp_path / "x/a.txt", "one")
    write(tmp_path / "y/a.txt", "two")
    write(tmp_path / "z.jsonl", "")
    names = [n for _, n in find_inputs([tmp_path / "y", tmp_path / "x", tmp_path / "z.jsonl", tmp_path / "x"])]
    root = tmp_path.as_posix()
    assert names == sorted([f"{root}/x/a.txt", f"{root}/y/a.txt", f"{root}/z.jsonl"])


def test_a_single_file_is_named_by_its_file_name(tmp_path: Path) -> None:
    assert [n for _, n in find_inputs([write(tmp_path / "sub/one.jsonl", "")])] == ["one.jsonl"]


def test_unusable_inputs_raise(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        find_inputs([tmp_path / "nope"])
    with pytest.raises(ValueError, match="not a .txt"):
        find_inputs([write(tmp_path / "notes.md", "x")])
    with pytest.raises(ValueError, match="no input"):
        find_inputs([])


# --- JSON Lines ---


def test_jsonl_records_with_metadata(tmp_path: Path) -> None:
    lines = [
        {"text": "A plain article.\nIts second paragraph.", "url": "https://news.example/a", "title": "A", "id": 7},
        {"html": PAGE, "date": "2026-01-02", "author": "", "lang": "en"},
        {},  # no text: reported, not fatal
        "not an object",
        {"text": 42},
    ]
    raw = "\n".join(json.dumps(x) for x in lines) + "\n\n{broken json\n"
    write(tmp_path / "in/part.jsonl.gz", gzip.compress(raw.encode("utf-8")))
    sources, errors = read_all(tmp_path / "in")
    assert [(s.name, s.format) for s in sources] == [("part.jsonl.gz:1", TEXT), ("part.jsonl.gz:2", HTML)]
    assert sources[0].data == "A plain article.\nIts second paragraph."
    assert sources[0].meta == {"url": "https://news.example/a", "title": "A"}
    assert sources[1].meta == {"date": "2026-01-02"}  # the empty author is not metadata
    assert errors == [("part.jsonl.gz:3", "ValueError"), ("part.jsonl.gz:4", "ValueError"),
                      ("part.jsonl.gz:5", "ValueError"), ("part.jsonl.gz:7", "JSONDecodeError")]


def test_jsonl_metadata_wins_over_the_cleaner(tmp_path: Path) -> None:
    record = {"html": PAGE, "url": "https://news.example/harbour", "title": "Given title"}
    write(tmp_path / "in.jsonl", json.dumps(record) + "\n")
    (record,) = corpus.documents(tmp_path / "in.jsonl", workers=1)
    assert (record.doc.url, record.doc.title) == ("https://news.example/harbour", "Given title")
    assert "harbour reopened on Tuesday" in record.doc.text
    assert record.source == "in.jsonl:1"


def test_a_truncated_gzip_keeps_the_records_before_the_damage(tmp_path: Path) -> None:
    body = "".join(json.dumps({"text": f"Article number {i} has its own words."}) + "\n" for i in range(2000))
    data = gzip.compress(body.encode("utf-8"))
    write(tmp_path / "cut.jsonl.gz", data[: len(data) // 2])
    sources, errors = read_all(tmp_path / "cut.jsonl.gz")
    assert 0 < len(sources) < 2000
    assert errors == [("cut.jsonl.gz", "EOFError")]


# --- WARC ---


def test_warc_html_responses_only_with_url_and_date(tmp_path: Path) -> None:
    records = [
        ("request", "https://news.example/a", b"", []),
        response("https://news.example/a", PAGE.encode("utf-8")),
        response("https://news.example/logo.png", b"\x89PNG...", mime="image/png"),
        response("https://news.example/gone", b"<html>gone</html>", status="404 Not Found"),
        response("https://news.example/moved", b"", status="301 Moved Permanently"),
        response("https://news.example/b", PAGE.replace("Tuesday", "Friday").encode("cp1252"),
                 mime="text/html; charset=ISO-8859-1"),
    ]
    write(tmp_path / "crawl.warc.gz", warc(records))
    sources, errors = read_all(tmp_path / "crawl.warc.gz")
    assert errors == []
    assert [s.name for s in sources] == ["crawl.warc.gz:3", "crawl.warc.gz:7"]
    assert all(s.format == HTML for s in sources)
    assert sources[0].meta == {"url": "https://news.example/a"}
    assert sources[0].fallback == {"date": "2026-03-04T05:06:07Z"}
    page = load(sources[1])  # decoded by the HTTP charset when a worker loads it
    assert isinstance(page, str) and "Friday" in page


def test_warc_chunked_and_gzip_bodies_are_undone(tmp_path: Path) -> None:
    body = gzip.compress(PAGE.encode("utf-8"))
    chunked = f"{len(body):x}\r\n".encode() + body + b"\r\n0\r\n\r\n"
    extra = [("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")]
    write(tmp_path / "raw.warc", warc([response("https://news.example/z", chunked, extra=extra)], compress=False))
    sources, errors = read_all(tmp_path / "raw.warc")
    assert errors == []
    assert b"sea wall" in sources[0].data


def test_warc_date_is_a_fallback_and_url_wins(tmp_path: Path) -> None:
    other = (
        '<html><head><meta property="article:published_time" content="2025-12-24">'
        '<link rel="canonical" href="https://news.example/canonical"></head><body><article>'
        "<p>The city council voted on Monday to build a new library next to the railway station, "
        "ending a debate that had lasted for almost ten years.</p>"
        "<p>Construction should begin in the spring, and the library is expected to open its "
        "doors to readers before the end of the following year.</p></article></body></html>"
    )
    records = [response("https://news.example/a", PAGE.encode()), response("https://news.example/b?x=1", other.encode())]
    write(tmp_path / "c.warc.gz", warc(records))
    first, second = (record.doc for record in corpus.documents(tmp_path / "c.warc.gz", workers=1))
    assert (first.url, first.date) == ("https://news.example/a", "2026-03-04T05:06:07Z")
    assert (second.url, second.date) == ("https://news.example/b?x=1", "2025-12-24")


# --- standard input, and files given by name (`cleaner clean`) ---


@pytest.mark.parametrize(
    ("head", "suffix"),
    [
        (b"WARC/1.1\r\nWARC-Type: warcinfo\r\n", ".warc"),
        (b'\n{"text": "a"}\n', ".jsonl"),
        (b"\xef\xbb\xbf<!DOCTYPE html><html>", ".html"),
        (b"  <div class=a>x</div>", ".html"),
        (b"Some headline\nA paragraph <b> with a tag later.", ".txt"),
        (b"", ".txt"),
    ],
)
def test_sniff_names_what_standard_input_holds(head: bytes, suffix: str) -> None:
    assert corpus.sources.sniff(head) == suffix


def test_spool_keeps_every_byte_and_marks_gzip(tmp_path: Path) -> None:
    data = json.dumps({"text": "x" * 200_000}).encode() + b"\n"
    path = corpus.sources.spool(io.BytesIO(gzip.compress(data)), tmp_path)
    assert path.name == "stdin.jsonl.gz"
    assert gzip.decompress(path.read_bytes()) == data
    sources, errors = read_all(path)
    assert [s.name for s in sources] == ["stdin.jsonl.gz:1"] and not errors


def test_a_file_of_another_name_is_text_when_any_file_is_allowed(tmp_path: Path) -> None:
    notes = write(tmp_path / "notes.md", "A line of text.\n")
    with pytest.raises(ValueError, match="not a .txt"):
        find_inputs([notes])
    files = find_inputs([notes], any_file=True)
    assert [(s.name, s.format) for s in iter_sources(files, lambda s, e: None)] == [("notes.md", TEXT)]
