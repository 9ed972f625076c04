"""Metadata from labelled blocks: title, date (ISO 8601), author and site name."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from .blocks import Blocks
from .document import TITLE
from .rules import BYLINE_LEAD, MONTHS

_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?")
_DOTTED = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
_YEAR = re.compile(r"\b(19\d{2}|20\d{2})\b")
_DAY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th|\.)?\b")
_TIME = re.compile(r"\b(\d{1,2})[:.](\d{2})\s*([ap])?\.?m?\b", re.I)
_MONTH = re.compile(r"\b([^\W\d_]{3,9})\.?", re.U)


def parse_date(text: str) -> str | None:
    """ISO 8601 date (with the minutes when given) of a dateline such as '22 November, 2024 Friday 11:36'."""
    if m := _ISO.search(text):
        year, month, day, hour, minute = m.groups()
        date = f"{year}-{month}-{day}"
        return f"{date}T{hour}:{minute}" if hour else date
    if m := _DOTTED.search(text):
        day, month, year = (int(g) for g in m.groups())
        date = _valid(year, month, day)
    else:
        year_match = _YEAR.search(text)
        month = next((MONTHS[w.lower()] for w in _MONTH.findall(text) if w.lower() in MONTHS), None)
        if not year_match or month is None:
            return None
        rest = _YEAR.sub(" ", _TIME.sub(" ", text))
        day_match = _DAY.search(rest)
        date = _valid(int(year_match.group(1)), month, int(day_match.group(1)) if day_match else 0)
    if date is None:
        return None
    if t := _TIME.search(text.replace(m.group(0), " ") if m else text):
        hour, minute = int(t.group(1)), int(t.group(2))
        if t.group(3) and t.group(3).lower() == "p" and hour < 12:
            hour += 12
        if hour < 24 and minute < 60:
            return f"{date}T{hour:02d}:{minute:02d}"
    return date


def _valid(year: int, month: int, day: int) -> str | None:
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


_BYLINE_LEAD = re.compile(BYLINE_LEAD)
_NAME = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-Ž][\w'.-]*(?:\s+(?:van|von|de|da|del|der|le|la|[A-ZÀ-ÖØ-ÞĀ-Ž][\w'.-]*))*")
_SELF_BIO = re.compile(r"^(?:I am|I'm) ([^,]+),")
_THIRD_BIO = re.compile(r"^([A-Z][\w'-]+(?: [A-Z][\w'.-]+){1,2}) (?:is|was|has been) ")


def author_of(text: str) -> str | None:
    """The person a byline or author bio names."""
    if m := _SELF_BIO.match(text) or _THIRD_BIO.match(text):
        return m.group(1).strip()
    if m := _BYLINE_LEAD.match(text):
        name = _NAME.match(text, m.end())
        if name:
            words = name.group(0).split()
            return " ".join(words).title() if name.group(0).isupper() else " ".join(words)
    return None


_COPYRIGHT_LEAD = re.compile(r"^(?:©|\(c\)|copyright|copr\.)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*,?\s*", re.I)
_TLD = re.compile(r"\.(?:com|net|org|co\.uk|co|info|news|io|de|fr|es|it|ru|ua|in|au|ca)$", re.I)
_SEGMENT_END = re.compile(r"\.\s|\s[|:–—-]\s|,|\.$|\s(?:inc|ltd|llc|gmbh|all rights)\b", re.I)


def site_of_copyright(text: str) -> str | None:
    """Owner named by a copyright line: '© 2024 Benzinga.com. All rights…' gives 'Benzinga'."""
    m = _COPYRIGHT_LEAD.match(text)
    if not m:
        return None
    return _first_segment(text[m.end() :])


def site_of_header(text: str) -> str | None:
    """Brand from a site-name line: its first segment ('Espreso. Global' gives 'Espreso')."""
    return _first_segment(text)


def _first_segment(text: str) -> str | None:
    end = _SEGMENT_END.search(text)
    name = _TLD.sub("", (text[: end.start()] if end else text).strip())
    return name if name and any(c.isalpha() for c in name) else None


def extract(blocks: Blocks) -> dict[str, str | None]:
    """Title, date, author and site from the labels the classifier set: the first block of each kind that gives one."""
    labels, texts = blocks.label, blocks.text

    def first(kinds: tuple[str, ...], read: Callable[[int], str | None]) -> str | None:
        for i in sorted(i for kind in kinds for i in _positions(labels, kind)):
            if value := read(i):
                return value
        return None

    def date(i: int) -> str | None:
        # A dateline often spans two lines: the date, then the time.
        following = texts[i + 1] if i + 1 < len(labels) and labels[i + 1] == "dateline" else ""
        return parse_date(f"{texts[i]} {following}")

    return {
        "title": texts[labels.index(TITLE)] if TITLE in labels else None,
        "date": first(("dateline",), date),
        "author": first(("byline", "author-bio"), lambda i: author_of(texts[i])),
        "site": first(("site-name",), lambda i: site_of_header(texts[i]))
        or first(("copyright",), lambda i: site_of_copyright(texts[i])),
    }


def _positions(labels: list[str], kind: str) -> Iterator[int]:
    """Indices of `kind` in `labels`, found by `list.index` (a scan in C: most pages have few such blocks)."""
    i = -1
    while True:
        try:
            i = labels.index(kind, i + 1)
        except ValueError:
            return
        yield i
