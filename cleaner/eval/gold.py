"""Gold sets for `cleaner eval`: three layouts (Scrapinghub, snippets, JSON Lines) loaded into one `GoldSet`."""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass, field
from pathlib import Path

from ..decode import decode  # the decoding of clean_html and cleaner build
from .adapters import META_FIELDS

# The file that marks each layout, in the order they are looked for.
LAYOUT_FILES = {"scrapinghub": "ground-truth.json", "snippets": "evaldata.json", "jsonl": "gold.jsonl"}


class GoldError(ValueError):
    """The gold set is missing, ambiguous or malformed."""


@dataclass(slots=True)
class Page:
    """One gold page: its input, decoded once, and whatever gold it carries."""

    key: str
    content: str
    kind: str  # "text" or "html"
    size: int  # bytes of the input as UTF-8, for MB/s
    body: str | None = None  # the expected article body (Scrapinghub metric)
    with_: list[str] = field(default_factory=list)  # snippets that must be kept
    without: list[str] = field(default_factory=list)  # snippets that must be dropped
    lines: list[tuple[str, str]] = field(default_factory=list)  # (line, label) of a labelled text page
    meta: dict[str, str] = field(default_factory=dict)  # gold title, author, date, language, where given
    expected_html: str | None = None  # the expected article as HTML (structure score), where given


@dataclass(slots=True)
class GoldSet:
    """The pages of a gold set and the layout they came in."""

    path: Path
    layout: str
    pages: list[Page]



def detect_layout(path: Path) -> tuple[str, Path]:
    """The layout of the gold set at `path` (a folder, or its gold file) and its gold file."""
    if path.is_file():
        for layout, name in LAYOUT_FILES.items():
            if path.name == name:
                return layout, path
        if path.suffix == ".jsonl":
            return "jsonl", path
        raise GoldError(f"{path}: not a gold file (expected one of {', '.join(LAYOUT_FILES.values())})")
    if not path.is_dir():
        raise GoldError(f"{path}: no such folder")
    found = [(layout, path / name) for layout, name in LAYOUT_FILES.items() if (path / name).is_file()]
    if not found:
        jsonl = sorted(path.glob("*.jsonl"))
        if len(jsonl) == 1:
            return "jsonl", jsonl[0]
        raise GoldError(
            f"{path}: no gold set here (looked for {', '.join(LAYOUT_FILES.values())} or one *.jsonl file)"
        )
    if len(found) > 1:
        names = ", ".join(file.name for _, file in found)
        raise GoldError(f"{path}: holds several gold files ({names}); pass the one to use")
    return found[0]


def load_gold(path: Path) -> GoldSet:
    """Load the gold set at `path`, whichever of the three layouts it is in."""
    layout, file = detect_layout(path)
    loaders = {"scrapinghub": _load_scrapinghub, "snippets": _load_snippets, "jsonl": _load_jsonl}
    pages = loaders[layout](file)
    if not pages:
        raise GoldError(f"{file}: the gold set has no pages")
    return GoldSet(file, layout, pages)


def _read(path: Path) -> str:
    raw = path.read_bytes()
    if path.suffix == ".gz":
        raw = gzip.decompress(raw)
    return decode(raw, html=_kind(path) == "html")


def _kind(path: Path) -> str:
    name = path.name.lower().removesuffix(".gz")
    return "text" if name.endswith((".txt", ".text", ".md")) else "html"


def _page(key: str, path: Path, **gold: object) -> Page:
    content = _read(path)
    return Page(key, content, _kind(path), len(content.encode("utf-8")), **gold)  # type: ignore[arg-type]


def _load_json(file: Path) -> dict:
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise GoldError(f"{file}: not valid JSON ({error})") from error
    if not isinstance(data, dict):
        raise GoldError(f"{file}: expected a JSON object keyed by page")
    return data


def _load_scrapinghub(file: Path) -> list[Page]:
    folder = file.parent
    pages = []
    for key, item in _load_json(file).items():
        candidates = [
            folder / "html" / f"{key}.html",
            folder / "html" / f"{key}.html.gz",
            folder / "pages" / f"{key}.txt",
        ]
        source = next((c for c in candidates if c.is_file()), None)
        if source is None:
            raise GoldError(
                f"{file}: no page for {key} (looked for html/{key}.html[.gz] and pages/{key}.txt)"
            )
        page = _page(key, source, body=item.get("articleBody") or "", meta=_gold_meta(item, _READABILITY_FIELDS))
        # The readability set's expected/<key>.html.gz: the expected article with its structure.
        expected = next((e for e in (folder / "expected" / f"{key}.html.gz", folder / "expected" / f"{key}.html") if e.is_file()), None)
        if expected is not None:
            page.expected_html = _read(expected)
        pages.append(page)
    return pages


# Gold metadata field names: Mozilla Readability's (the readability set), then this project's own.
_READABILITY_FIELDS = {"title": "title", "byline": "author", "publishedTime": "date", "lang": "language"}
_OWN_FIELDS = {name: name for name in META_FIELDS}


def _gold_meta(item: dict, names: dict[str, str]) -> dict[str, str]:
    """{field: gold value} for the metadata a gold item gives (null, empty and "None" count as none)."""
    return {
        field: value.strip()
        for name, field in names.items()
        if isinstance(value := item.get(name), str) and value.strip() and value.strip() != "None"
    }


def _load_snippets(file: Path) -> list[Page]:
    folder = file.parent
    pages = []
    for url, item in _load_json(file).items():
        name = item.get("file")
        if not name:
            raise GoldError(f"{file}: entry {url} has no 'file'")
        candidates = [folder / sub / name for sub in ("", "cache", "html", "pages")]
        candidates += [c.with_name(c.name + ".gz") for c in candidates]
        source = next((c for c in candidates if c.is_file()), None)
        if source is None:
            raise GoldError(
                f"{file}: page file {name} for {url} not found beside it, in cache/, html/ or pages/"
            )
        pages.append(
            _page(url, source, with_=list(item.get("with", [])), without=list(item.get("without", [])))
        )
    return pages


def _resolve_input(name: str, folder: Path) -> Path:
    """An `input` path relative to the gold file's folder, any folder above it, or the cwd."""
    given = Path(name)
    if given.is_absolute():
        return given
    for base in (folder, *folder.resolve().parents, Path.cwd()):
        if (base / given).is_file():
            return base / given
    raise GoldError(f"input {name} not found relative to {folder}, the folders above it, or the cwd")


def _line_labels(record: dict, content: str, where: str) -> list[tuple[str, str]]:
    source_lines = [line.rstrip("\r") for line in content.split("\n")]
    if "lines" in record:
        numbered = [(int(item["n"]), item["label"]) for item in record["lines"]]
    elif isinstance(record.get("labels"), dict):
        numbered = [(int(n), label) for n, label in record["labels"].items()]
    elif isinstance(record.get("labels"), list):
        numbered = [(i, label) for i, label in enumerate(record["labels"], start=1) if label]
    else:
        return []
    labelled = []
    for n, label in numbered:
        if not 1 <= n <= len(source_lines):
            raise GoldError(f"{where}: line {n} is outside the input's {len(source_lines)} lines")
        labelled.append((source_lines[n - 1], label))
    return labelled


def _load_jsonl(file: Path) -> list[Page]:
    pages = []
    for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{file}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise GoldError(f"{where}: not valid JSON ({error})") from error
        key = str(record.get("id", number))
        if "input" in record:
            path = _resolve_input(record["input"], file.parent)
            content, kind = _read(path), _kind(path)
        elif "html" in record or "text" in record:
            kind = "html" if "html" in record else "text"
            content = record[kind]
        else:
            raise GoldError(
                f"{where}: a record needs an 'input' path, or the page inline as 'html' or 'text'"
            )
        kind = record.get("format", kind)
        if kind not in ("text", "html"):
            raise GoldError(f"{where}: format must be 'text' or 'html', not {kind!r}")
        # Line labels number the lines of a text page; an HTML page has no such lines.
        lines = _line_labels(record, content, where) if kind == "text" else []
        meta = _gold_meta(record, _OWN_FIELDS)
        pages.append(
            Page(key, content, kind, len(content.encode("utf-8")), body=record.get("body"), lines=lines, meta=meta)
        )
    return pages
