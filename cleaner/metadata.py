"""Metadata from labelled blocks: title, date (ISO 8601), author and site name."""

from __future__ import annotations

import re

from .document import TITLE, Block
from .rules import BYLINE_LEAD

_MONTH_NUMBERS = {
    name: number
    for number, names in enumerate(
        (
            "jan january januar janvier enero gennaio",
            "feb february februar février febrero febbraio",
            "mar march märz mars marzo",
            "apr april avril abril aprile",
            "may mai mayo maggio",
            "jun june juni juin junio giugno",
            "jul july juli juillet julio luglio",
            "aug august août agosto",
            "sep sept september septembre septiembre settembre",
            "oct october oktober octobre octubre ottobre",
            "nov november novembre noviembre",
            "dec december dezember décembre diciembre dicembre",
        ),
        1,
    )
    for name in names.split()
}
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
        month = next((_MONTH_NUMBERS[w.lower()] for w in _MONTH.findall(text) if w.lower() in _MONTH_NUMBERS), None)
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


def author_of(block: Block) -> str | None:
    """The person a byline or author bio names."""
    text = block.text
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


def extract(blocks: list[Block]) -> dict[str, str | None]:
    """Title, date, author and site from the labels the classifier set."""
    meta: dict[str, str | None] = {"title": None, "date": None, "author": None, "site": None}
    header_site = copyright_site = None
    for i, block in enumerate(blocks):
        label = block.label
        if label == TITLE and meta["title"] is None:
            meta["title"] = block.text
        elif label == "dateline" and meta["date"] is None:
            # A dateline often spans two lines: the date, then the time.
            following = blocks[i + 1].text if i + 1 < len(blocks) and blocks[i + 1].label == "dateline" else ""
            meta["date"] = parse_date(f"{block.text} {following}")
        elif label in ("byline", "author-bio") and meta["author"] is None:
            meta["author"] = author_of(block)
        elif label == "site-name" and header_site is None:
            header_site = site_of_header(block.text)
        elif label == "copyright" and copyright_site is None:
            copyright_site = site_of_copyright(block.text)
    meta["site"] = header_site or copyright_site
    return meta
