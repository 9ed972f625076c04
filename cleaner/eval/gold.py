"""Gold sets for `cleaner eval`: four layouts (Scrapinghub, snippets, dates, JSON Lines) loaded into one `GoldSet`."""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path

from ..config import DEFAULT
from ..decode import decode  # the decoding of clean_html and cleaner build
from ..language import detect, identify
from .adapters import META_FIELDS, visible_text
from .metrics import primary_language

# The files that mark a gold set, and the layout each holds. A URL-keyed JSON file (trafilatura's
# evaldata.json, gold.json) holds snippets or dates: its entries tell which.
GOLD_FILES = {"ground-truth.json": "scrapinghub", "evaldata.json": "keyed", "gold.json": "keyed", "gold.jsonl": "jsonl"}
# htmldate publishes its evaluation as several such files (eval_default.json, eval_mediacloud_2020.json)
# beside one folder of pages: a folder of them is one set.
HTMLDATE_FILES = "eval_*.json"
# Where a keyed set's page files are: beside the gold file, cache/ (htmldate's pages; trafilatura's
# scorer looks there before eval/, so a page in both is read from cache/ as it does), eval/
# (trafilatura's pages), and this project's html/ and pages/.
PAGE_FOLDERS = ("", "cache", "eval", "html", "pages")
TEXT_FOLDER = "text"  # a snippet set's plain-text renders: text/<stem>.txt[.gz], one per page file
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


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
    date: str | None = None  # the gold publication day, YYYY-MM-DD (date sets)
    language: str | None = None  # the page's language for the per-language rows (snippet and date sets)


@dataclass(slots=True)
class GoldSet:
    """The pages of a gold set and the layout they came in."""

    path: Path  # the gold file, or the folder of a set published as several files (htmldate's)
    layout: str
    pages: list[Page]


def detect_layout(path: Path) -> tuple[str, list[Path]]:
    """The layout of the gold set at `path` (a folder, or its gold file) and its gold files."""
    if path.is_file():
        name = path.name
        if name in GOLD_FILES or fnmatch(name, HTMLDATE_FILES):
            files = [path]
        elif path.suffix == ".jsonl":
            return "jsonl", [path]
        else:
            known = ", ".join([*GOLD_FILES, HTMLDATE_FILES])
            raise GoldError(f"{path}: not a gold file (expected one of {known})")
    elif not path.is_dir():
        raise GoldError(f"{path}: no such folder")
    else:
        files = [path / name for name in GOLD_FILES if (path / name).is_file()]
        htmldate = sorted(path.glob(HTMLDATE_FILES))
        if not files and not htmldate:
            jsonl = sorted(path.glob("*.jsonl"))
            if len(jsonl) == 1:
                return "jsonl", jsonl
            known = ", ".join([*GOLD_FILES, HTMLDATE_FILES])
            raise GoldError(f"{path}: no gold set here (looked for {known} or one *.jsonl file)")
        if len(files) + bool(htmldate) > 1:
            names = ", ".join(file.name for file in [*files, *htmldate])
            raise GoldError(f"{path}: holds several gold files ({names}); pass the one to use")
        files = files or htmldate
    layout = GOLD_FILES.get(files[0].name, "keyed")
    return (_keyed_layout(files) if layout == "keyed" else layout), files


def _keyed_layout(files: list[Path]) -> str:
    """"snippets" or "dates": what the entries of URL-keyed gold files hold (all of them the same)."""
    kinds: Counter[str] = Counter()
    for file in files:
        for url, item in _load_json(file).items():
            if not isinstance(item, dict):
                raise GoldError(f"{file}: entry {url} is not a JSON object")
            if "with" in item or "without" in item:
                kinds["snippets"] += 1
            elif "date" in item:
                kinds["dates"] += 1
            else:
                raise GoldError(f"{file}: entry {url} has neither 'with'/'without' snippets nor a 'date'")
    if len(kinds) > 1:
        raise GoldError(
            f"{', '.join(map(str, files))}: mixed layouts ({kinds['snippets']} entries with 'with'/'without' "
            f"snippets, {kinds['dates']} with a 'date' only); a gold set holds one"
        )
    if not kinds:
        raise GoldError(f"{', '.join(map(str, files))}: the gold set has no pages")
    return next(iter(kinds))


def load_gold(path: Path, text: bool = False) -> GoldSet:
    """Load the gold set at `path`, whichever of the four layouts it is in.

    `text`: read a snippet set's plain-text renders (text/<stem>.txt[.gz]) instead of its pages.
    """
    layout, files = detect_layout(path)
    if text and layout != "snippets":
        raise GoldError(f"{files[0]}: only a snippet set has text renders ({TEXT_FOLDER}/<stem>.txt[.gz]); this is a {layout} set")
    if layout in ("snippets", "dates"):
        pages = [page for file in files for page in (_load_snippets(file, text) if layout == "snippets" else _load_dates(file))]
    else:
        pages = {"scrapinghub": _load_scrapinghub, "jsonl": _load_jsonl}[layout](files[0])
    if not pages:
        raise GoldError(f"{files[0]}: the gold set has no pages")
    return GoldSet(files[0] if len(files) == 1 else files[0].parent, layout, pages)


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


def _find_page(file: Path, url: str, name: str) -> Path:
    """The page file `name` of entry `url` of the keyed gold file `file`, plain or gzipped."""
    for sub in PAGE_FOLDERS:
        for candidate in (file.parent / sub / name, file.parent / sub / f"{name}.gz"):
            if candidate.is_file():
                return candidate
    folders = ", ".join(f"{sub}/" for sub in PAGE_FOLDERS if sub)
    raise GoldError(f"{file}: page file {name} for {url} not found beside it or in {folders} (plain or .gz)")


def _find_render(file: Path, url: str, name: str) -> Path:
    """The plain-text render of page file `name`: text/<stem>.txt[.gz] beside the gold file."""
    stem = Path(name.removesuffix(".gz")).stem
    for candidate in (file.parent / TEXT_FOLDER / f"{stem}.txt", file.parent / TEXT_FOLDER / f"{stem}.txt.gz"):
        if candidate.is_file():
            return candidate
    raise GoldError(f"{file}: no text render of {name} for {url} ({TEXT_FOLDER}/{stem}.txt[.gz])")


def _entries(file: Path) -> list[tuple[str, dict, str]]:
    """(url, entry, page file name) of each entry of a URL-keyed gold file."""
    entries = []
    for url, item in _load_json(file).items():
        name = item.get("file") if isinstance(item, dict) else None
        if not name or not isinstance(name, str):
            raise GoldError(f"{file}: entry {url} has no 'file'")
        entries.append((url, item, name))
    return entries


def _load_snippets(file: Path, text: bool = False) -> list[Page]:
    pages = []
    for url, item, name in _entries(file):
        source = _find_render(file, url, name) if text else _find_page(file, url, name)
        with_, without = list(item.get("with", [])), list(item.get("without", []))
        page = _page(url, source, with_=with_, without=without)
        # The article's language, from the snippets it must keep: the same for the page and its text render.
        page.language = _language(" ".join(with_))
        pages.append(page)
    return pages


def _load_dates(file: Path) -> list[Page]:
    pages = []
    for url, item, name in _entries(file):
        date = item.get("date")
        if not isinstance(date, str) or not _DAY.fullmatch(date.strip()):
            raise GoldError(f"{file}: entry {url} has no date as YYYY-MM-DD (got {date!r})")
        page = _page(url, _find_page(file, url, name), date=date.strip())
        page.language = page_language(page.content) if page.kind == "html" else _language(page.content)
        pages.append(page)
    return pages


# <html lang> alone: the document's own word on its language. `metadata.page_metadata` reads
# Content-Language and og:locale too, which speak of the site, and on dates-dev move a page.
_DECLARED = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})\b", re.I)


def page_language(page: str) -> str | None:
    """The language of an HTML page's visible text, else the one its <html lang> declares."""
    if language := _language(visible_text(page)):
        return language
    declared = _DECLARED.search(page)
    return declared.group(1).lower() if declared else None


def _language(sample: str) -> str | None:
    """The primary language code of `sample` as this project tells it: a clear stop-word vote, else langdetect (seeded)."""
    language, _, settled = identify(sample, DEFAULT)
    if not settled:
        language, _ = detect(sample)
    return primary_language(language) if language else None


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
