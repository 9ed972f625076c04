"""Metadata: what an HTML page says of itself (`page_metadata`, `page_date`), and what the labelled blocks give (`extract`)."""

from __future__ import annotations

import json
import operator
import re
from bisect import bisect_right
from collections.abc import Callable
from datetime import date, timedelta
from functools import lru_cache
from itertools import accumulate

from selectolax.lexbor import LexborHTMLParser, LexborNode

from . import kernels
from .blocks import Blocks, positions
from .config import DEFAULT, Config
from .document import TITLE
from .rules import BYLINE_LEAD, MONTHS, WRITTEN_MONTHS

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
        day_iso = f"{year}-{month}-{day}"
        return f"{day_iso}T{hour}:{minute}" if hour else day_iso
    if m := _DOTTED.search(text):
        day, month, year = (int(g) for g in m.groups())
        date: str | None = _valid(year, month, day)
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


# --- days written in a page's text ---------------------------------------------------------------

_MONTH_WORD = r"[^\W\d_]{3,12}"
# Every day written in full has a four-digit year: it is found first (a search that skips to the
# digits "19" and "20" fast), then what stands right after it (2020-01-27, 2020/1/27, 2020年1月27日)
# or right before it: 27.01.2020 (or with / or -), "27. Januar 2020", "27 de enero de 2020",
# "January 27th, 2020". A two-digit year is read with dots only (27.01.20).
# Two searches that each start with a literal: the regex engine skips to it fast (6 ns a character
# for "(?:19|20)", 1 for the pair).
_YEARS = (re.compile(r"20\d\d(?!\d)"), re.compile(r"19\d\d(?!\d)"))
_AFTER_YEAR = re.compile(r"([-/.])(\d{1,2})\1(\d{1,2})(?!\d)|\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
# (A month's name is read whole, never in part: no backtracking into it.)
_BEFORE_YEAR = re.compile(
    r"(?:(?P<nd>\d{1,2})(?P<ns>\.\s?|/|-)(?P<nm>\d{1,2})(?P=ns)"
    rf"|(?P<wd>\d{{1,2}})(?:st|nd|rd|th|er|º|\.)?\s*(?:de\s+|of\s+)?(?P<wm>{_MONTH_WORD}+)\.?,?\s*(?:de\s+|del\s+)?"
    rf"|(?<![^\W\d_])(?P<am>{_MONTH_WORD}+)\.?\s+(?P<ad>\d{{1,2}})(?:st|nd|rd|th)?,?\s+)$"
)
# ".01.20" in "27.01.20", found from its first dot (fast, as above); the day is the digits before it.
_SHORT_YEAR = re.compile(r"\.(\d\d)\.(\d\d)(?!\d|\.\d)")
# How far before a year its day and month may start ("27 de septiembre de " is 20 characters).
_BEFORE_CHARS = 24
# Earlier days are not publication dates (htmldate's bound).
_EARLIEST = date(1995, 1, 1)


def text_dates(text: str, month_first: bool = False, latest: date | None = None) -> list[str]:
    """The ISO days written in `text`, in order: no later than `latest` (today) and not before 1995.

    A numeric day with slashes is read day first ("27/01/2020") unless `month_first` (American
    English), as long as it can be: "01/27/2020" is January 27th either way.
    """
    return [day for _, day, _ in _dated(text, month_first, latest or date.today())]


_start = operator.methodcaller("start")
# Words that say the day after them is that of the last edit ("Updated: March 3, 2024"), and the
# stems one of which the 40 characters before a day hold when it has one (found faster).
_UPDATED = re.compile(
    r"(?:updated|update|modified|edited|aktualisiert|geändert|mis à jour|modifié|actualizado|actualización|"
    r"aggiornato|bijgewerkt|zaktualizowano|atualizado)\b[^\d\x00]{0,25}$",
    re.I,
)
_UPDATED_STEMS = ("upd", "modif", "edit", "aktual", "geänd", "mis à", "actuali", "aggiorn", "bijgew", "atualiz")
# Joins blocks read in one pass: no date and no "Updated" lead spans it.
_JOIN = "\x00"


def _dated(text: str, month_first: bool, latest: date) -> list[tuple[int, str, bool]]:
    """(where, ISO day, whether words before it say it is the day of an edit) of each day written in `text`, in order."""
    found: list[tuple[int, int, int, int]] = []  # (start, year, month, day)
    for y in sorted((*_YEARS[0].finditer(text), *_YEARS[1].finditer(text)), key=_start):
        start = y.start()
        before = text[start - 1] if start else " "
        if before.isdigit():
            continue
        year = int(y.group())
        if before != "." and (m := _AFTER_YEAR.match(text, y.end())):
            found.append((start, year, int(m[2] or m[4]), int(m[3] or m[5])))
        elif m := _BEFORE_YEAR.search(text, max(0, start - _BEFORE_CHARS), start):
            before = text[m.start() - 1] if m.start() else " "
            if m["nd"] and not (before.isdigit() or before in ".,"):
                day, month = int(m["nd"]), int(m["nm"])
                if month > 12 or (month_first and m["ns"] == "/" and day <= 12):
                    day, month = month, day
                found.append((m.start(), year, month, day))
            elif (word := m["wm"] or m["am"]) and (number := WRITTEN_MONTHS.get(word.lower())):
                if not (before.isalpha() if m["am"] else before.isdigit() or before in ".,"):
                    found.append((m.start(), year, number, int(m["wd"] or m["ad"])))
    for m in _SHORT_YEAR.finditer(text):
        start = m.start()
        while start > m.start() - 2 and start and text[start - 1].isdigit():
            start -= 1
        if start < m.start() and not (start and (text[start - 1].isdigit() or text[start - 1] in ".,")):
            found.append((start, 2000 + int(m[2]), int(m[1]), int(text[start : m.start()])))
    days = []
    for start, year, month, day in sorted(found):
        try:
            written = date(year, month, day)
        except ValueError:
            continue
        if _EARLIEST <= written <= latest:
            lead = text[max(0, start - 40) : start].lower()
            edited = any(stem in lead for stem in _UPDATED_STEMS) and bool(_UPDATED.search(lead))
            days.append((start, written.isoformat(), edited))
    return days


def _anchor(labels: list[str]) -> int | None:
    """The position of the headline, or of the body's first block when it comes first (`list.index`: a scan in C)."""
    found = [labels.index(label) for label in ("title", "body") if label in labels]
    return min(found) if found else None


def shown_dates(texts: list[str], labels: list[str], config: Config = DEFAULT) -> tuple[list[str], list[str]]:
    """The days a page shows near its headline, nearest first (between it and the body, just after, just before).

    Days said to be of an edit ("Updated ...") are apart, second: a page's publication date is its first.
    """
    anchor = _anchor(labels)
    if anchor is None:
        return [], []
    end = min(len(labels), anchor + config.date_header_blocks)
    body = labels.index("body", anchor, end) if "body" in labels[anchor:end] else anchor
    after = range(anchor, min(len(texts), body + 1 + config.date_after_blocks))
    before = range(anchor - 1, max(-1, anchor - 1 - config.date_before_blocks), -1)
    order = [*after, *before]
    short, lead = config.date_short_chars, config.date_lead_chars
    # Of a long block, the start only: a paragraph's own dates are those of what it tells.
    cuts = [text if len(text) <= short else text[:lead] for text in map(texts.__getitem__, order)]
    found = _dated(_JOIN.join(cuts), False, date.today())  # one pass over the blocks joined
    if not found:
        return [], []
    ends = list(accumulate(len(cut) + 1 for cut in cuts))
    # A block that is a date and nothing else (the classifier's dateline) comes first.
    ranked = sorted((labels[order[bisect_right(ends, where)]] != "dateline", where, day, edited) for where, day, edited in found)
    days: tuple[list[str], list[str]] = ([], [])
    for _, _, day, edited in ranked:
        days[edited].append(day)
    return days


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


# The labels `extract` reads its fields from.
_META_LABELS = frozenset({TITLE, "dateline", "byline", "author-bio", "site-name", "copyright"})


def extract(blocks: Blocks) -> dict[str, str | None]:
    """Title, date, author and site from the labels the classifier set: the first block of each kind that gives one."""
    labels, texts = blocks.label, blocks.text
    # One pass finds the blocks of every label read here (few a page), in order.
    found = positions(labels, _META_LABELS)

    def first(kinds: tuple[str, ...], read: Callable[[int], str | None]) -> str | None:
        for i in [i for i in found if labels[i] in kinds]:
            if value := read(i):
                return value
        return None

    def date(i: int) -> str | None:
        # A dateline often spans two lines: the date, then the time.
        following = texts[i + 1] if i + 1 < len(labels) and labels[i + 1] == "dateline" else ""
        return parse_date(f"{texts[i]} {following}")

    title = next((i for i in found if labels[i] == TITLE), None)
    return {
        "title": texts[title] if title is not None else None,
        "date": first(("dateline",), date),
        "author": first(("byline", "author-bio"), lambda i: author_of(texts[i])),
        "site": first(("site-name",), lambda i: site_of_header(texts[i]))
        or first(("copyright",), lambda i: site_of_copyright(texts[i])),
    }


# --- what an HTML page says of itself -----------------------------------------------------------
#
# `page_metadata` reads, in this order of trust, the first source that gives each field (the
# order of Mozilla Readability, whose outputs are the metadata gold of tests/data/readability):
# 1. JSON-LD of an article type (schema.org): `headline`/`name`, `author` names, `datePublished`,
#    `publisher.name`;
# 2. meta tags: Dublin Core, OpenGraph, `article:*`, Twitter, Parse.ly and plain names (`_META`);
# 3. the page itself: <title> without its site's name, a byline element (rel=author,
#    itemprop=author, a "byline"/"author" class), a date in the URL, <time datetime>;
# and last (in `core.to_document`), what the classifier found: the headline, byline and
# dateline blocks, and the site's name from its header or copyright line.
# Dates: "published" is the publication date of JSON-LD or the meta tags; "date" the best date
# the page's data gives (that, a generic meta "date", the URL's, a <time>'s); "dates" every day
# the data gives (space-separated ISO dates or date-times, the published one first). The page's
# date is `page_date`'s, once the blocks are labelled: the day shown near the headline that the
# data gives too, else the published one, else a day shown; `searched_date` (htmldate) reads the
# pages that give none of these (see `html._clean`).
# Forms: a date is ISO 8601 as the page gives it (a date, or a date-time with its offset); an
# author is a name (or names, joined by ", "), without "By" or a date, and never a URL or the
# site's name; a language is the primary subtag, lower-cased.

_ARTICLE_TYPE = re.compile(
    r"^(?:Article|AdvertiserContentArticle|NewsArticle|AnalysisNewsArticle|AskPublicNewsArticle|BackgroundNewsArticle|"
    r"OpinionNewsArticle|ReportageNewsArticle|ReviewNewsArticle|Report|SatiricalArticle|ScholarlyArticle|"
    r"MedicalScholarlyArticle|SocialMediaPosting|BlogPosting|LiveBlogPosting|DiscussionForumPosting|TechArticle|"
    r"APIReference|WebPage)$"
)
_JSON_LD = 'script[type="application/ld+json"]'
_SCHEMA_ORG = re.compile(r"^https?://schema\.org/?$")
_CDATA = re.compile(r"^\s*<!\[CDATA\[|\]\]>\s*$")
# Meta tags: a `property` holds space-separated names, a `name` one (Readability's patterns).
_PROPERTY = re.compile(r"(article|dc|dcterm|og|twitter)\s*:\s*(author|creator|description|published_time|title|site_name)", re.I)
_META_NAME = re.compile(r"^\s*(?:(dc|dcterm|og|twitter|parsely|weibo:(?:article|webpage))\s*[-.:]\s*)?(author|creator|pub-date|description|title|site_name)\s*$", re.I)
# Field -> meta names in order of trust.
_META = {
    "title": ("dc:title", "dcterm:title", "og:title", "weibo:article:title", "weibo:webpage:title", "title",
              "twitter:title", "parsely-title"),
    "author": ("dc:creator", "dcterm:creator", "author", "parsely-author", "article:author"),
    "date": ("article:published_time", "parsely-pub-date"),
    "site": ("og:site_name",),
}  # fmt: skip
# Other meta names (and itemprops) that carry a publication date, tried after those: htmldate's
# list (`htmldate.core.DATE_ATTRIBUTES`) less the loose "meta" and "timestamp", in its order of
# trust where it has one. "date" and "dc.date" come last: on htmldate's evaluation pages they are
# as often the day of the last edit as of the publication.
_DATE_NAMES = ("og:article:published_time", "datepublished", "article.published", "article:published",
               "article:published_date", "article_date_original", "article:post_date", "originalpublicationdate",
               "publish-date", "publish_date", "publishdate", "publish_time", "published_time", "published-date",
               "published_date", "publisheddate", "publication_date", "article:publicationdate", "pubdate", "pdate",
               "ptime", "dc.date.issued", "dcterms.issued", "dc.date.publication", "dc.date.created", "dc.created",
               "dcterms.created", "date_published", "date_created", "datecreated", "dateposted", "date.created",
               "citation_publication_date", "citation_date", "sailthru.date", "analyticsattributes.articledate",
               "parsely-pub-date", "og:published_time", "og:pubdate", "og:publish_date", "og:datepublished",
               "rnews:datepublished", "displaydate", "doc_date", "bt:pubdate", "rbpubdate", "article.created",
               "content_create_date", "created", "release_date")  # fmt: skip
_GENERIC_DATE_NAMES = ("dcterms.date", "dc:date", "dc.date", "date")
# Meta names (and itemprops) of the day of the last edit: a page may show that day as its date.
_MODIFIED_NAMES = ("article:modified_time", "og:article:modified_time", "og:updated_time", "datemodified",
                   "dc.modified", "dcterms.modified", "modified_time", "article:modified", "lastmodified",
                   "last-modified", "modified", "updated_time", "revision_date")  # fmt: skip
_DATE_KEYS, _GENERIC_KEYS, _MODIFIED_KEYS = (
    tuple(f"other:{name}" for name in names) for names in (_DATE_NAMES, _GENERIC_DATE_NAMES, _MODIFIED_NAMES)
)
_ALL_DATE_KEYS = frozenset((*_DATE_KEYS, *_GENERIC_KEYS, *_MODIFIED_KEYS))
_SEPARATORS = re.compile(r" [|\-–—\\/>»] ")
_HIERARCHICAL = re.compile(r" [\\/>»] ")
_URL_DATE = re.compile(r"/(20\d{2}|19\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|$|[-_.])")
_BYLINE_CLASS = re.compile(r"byline|author|dateline|writtenby|p-author", re.I)
_BY_PREFIX = re.compile(rf"^(?:{BYLINE_LEAD}|By:\s*)", re.I)


def page_metadata(tree: LexborHTMLParser) -> dict[str, str | None]:
    """Title, date, author, site, url and declared language from what the page says of itself (see above)."""
    # The JSON-LD scripts and the meta tags in one pass over the page, not one each.
    nodes = _css(tree, f"{_JSON_LD}, meta[content]")
    found = _json_ld(tree, [node for node in nodes if node.tag == "script"])
    values = _meta_values([node for node in nodes if node.tag == "meta"])
    for field, names in _META.items():
        if not found.get(field):
            found[field] = next((values[n] for n in names if values.get(n)), None)
    if (author := found.get("author")) and author.startswith(("http://", "https://")):
        found["author"] = None
    found["url"] = values.get("other:og:url") or _attr(_css_first(tree, 'link[rel="canonical"]'), "href")
    # <html lang>: the document element is the page's first <html> (no search of the page for it).
    found["language"] = (
        _attr(tree.root, "lang") or values.get("other:content-language") or values.get("other:og:locale")
    )
    if not found.get("title"):
        found["title"] = article_title(tree)
    if not found.get("author"):
        found["author"] = _byline_element(tree)
    _date_fields(found, values, _url_date(found.get("url")), tree)
    return _tidy(found)


def _date_fields(found: dict[str, str | None], values: dict[str, str], url_date: str | None, tree: LexborHTMLParser) -> None:
    """Set the page's date fields, in their ISO forms: "published", "date" and "dates" (see above)."""
    latest = date.today() + timedelta(days=1)  # tomorrow somewhere on Earth is today
    published = _day_of(found.get("date"), latest) or _first_day(values, _DATE_KEYS, latest)
    generic, url_date = _first_day(values, _GENERIC_KEYS, latest), _day_of(url_date, latest)
    # A search of the whole tree: only when neither the head nor the URL gives a date.
    element = None if published or generic or url_date else _day_of(_time_element(tree), latest)
    found["published"] = published
    found["date"] = published or generic or url_date or element
    modified = _day_of(found.pop("modified", None), latest) or _first_day(values, _MODIFIED_KEYS, latest)
    clues = [published, modified, generic, url_date, element]
    clues += [_day_of(value, latest) for key, value in values.items() if key in _ALL_DATE_KEYS]
    found["dates"] = " ".join(dict.fromkeys(clue for clue in clues if clue)) or None


def _first_day(values: dict[str, str], keys: tuple[str, ...], latest: date) -> str | None:
    """The first plausible date of the values of `keys` in `values`."""
    return next((day for key in keys if key in values and (day := _day_of(values[key], latest))), None)


def _day_of(value: str | None, latest: date) -> str | None:
    """The ISO form of a date the page's data gives, if it is a real day since 1995 and not after `latest`.

    Data hold 0000-00-00, the Unix epoch (1970-01-01) and years typed wrong.
    """
    if not value or not (day := iso_date(value)):
        return None
    try:
        return day if _EARLIEST <= date.fromisoformat(day[:10]) <= latest else None
    except ValueError:
        return None


def _time_element(tree: LexborHTMLParser) -> str | None:
    """The date of the first <time> or itemprop=datePublished element that has one in an attribute."""
    for node in _css(tree, "time[datetime], [itemprop=datePublished]"):
        attrs = node.attributes
        if value := (attrs.get("datetime") or attrs.get("content") or "").strip():
            return value
    return None


def _css(tree: LexborHTMLParser, query: str, needles: tuple[str, ...] | None = None) -> list[LexborNode]:
    """`tree.css(query)`: by the compiled kernel where it runs (one pass in C, see `kernels.chtml.select` and its `needles`)."""
    k = kernels.chtml
    if k is None or (root := tree.root) is None:
        return tree.css(query)
    return k.select(root, query, False, needles)


def _css_first(tree: LexborHTMLParser, query: str) -> LexborNode | None:
    """`tree.css_first(query)`, as `_css`."""
    k = kernels.chtml
    if k is None or (root := tree.root) is None:
        return tree.css_first(query)
    return next(iter(k.select(root, query, True)), None)


def _attr(node: LexborNode | None, name: str) -> str | None:
    return (node.attributes.get(name) or "").strip() or None if node is not None else None


def _json_ld(tree: LexborHTMLParser, scripts: list[LexborNode]) -> dict[str, str | None]:
    """Fields of the first JSON-LD object of an article type in the schema.org vocabulary, from the page's `_JSON_LD` scripts."""
    for script in scripts:
        try:
            data = json.loads(_CDATA.sub("", script.text()))
        except (ValueError, RecursionError):
            continue
        article = _article_object(data)
        if article is None:
            continue
        title = _pick_title(article.get("name"), article.get("headline"), tree)
        published, modified = article.get("datePublished"), article.get("dateModified")
        return {
            "title": title,
            "author": _names(article.get("author")),
            "date": published.strip() if isinstance(published, str) else None,
            "modified": modified.strip() if isinstance(modified, str) else None,
            "site": _names(article.get("publisher")),
        }
    return {}


def _article_object(data: object) -> dict | None:
    """The article object of a JSON-LD document: the object itself, one of a list, or one of its @graph."""
    if isinstance(data, list):
        data = next((d for d in data if isinstance(d, dict) and _is_article(d)), None)
    if not isinstance(data, dict):
        return None
    context = data.get("@context")
    vocabulary = context.get("@vocab") if isinstance(context, dict) else context
    if not (isinstance(vocabulary, str) and _SCHEMA_ORG.match(vocabulary)):
        return None
    if "@type" not in data and isinstance(data.get("@graph"), list):
        data = next((d for d in data["@graph"] if isinstance(d, dict) and _is_article(d)), None)
    return data if isinstance(data, dict) and _is_article(data) else None


def _is_article(item: dict) -> bool:
    kind = item.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and _ARTICLE_TYPE.match(k) for k in kinds)


def _pick_title(name: object, headline: object, tree: LexborHTMLParser) -> str | None:
    """A JSON-LD title: when `name` and `headline` differ, the one like the page's <title> (some sites put their own name in `name`)."""
    if isinstance(name, str) and isinstance(headline, str) and name.strip() != headline.strip():
        title = article_title(tree) or ""
        if _similarity(headline, title) > 0.75 and not _similarity(name, title) > 0.75:
            return headline.strip()
        return name.strip()
    for value in (name, headline):
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _similarity(a: str, b: str) -> float:
    """Share of b's text made of words that are in a (Readability's text similarity)."""
    words_a, words_b = set(re.findall(r"\w+", a.lower())), re.findall(r"\w+", b.lower())
    if not words_a or not words_b:
        return 0.0
    foreign = " ".join(w for w in words_b if w not in words_a)
    return 1 - len(foreign) / len(" ".join(words_b))


def _names(value: object) -> str | None:
    """The name, or names joined by ", ", of a JSON-LD person, organization or list of them."""
    if isinstance(value, list):
        names = [n for n in (_names(v) for v in value) if n]
        return ", ".join(names) if names else None
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, str) and value.strip() and not value.strip().startswith(("http://", "https://")):
        return value.strip()
    return None


@lru_cache(maxsize=4096)  # pages and sites repeat their meta tags' names ("og:title", "description")
def _meta_keys(prop: str, name: str, itemprop: str, equiv: str) -> tuple[str | None, tuple[str, ...]]:
    """(its key in `_meta_values`' values or None, its keys in the others, in order) of a meta tag's property, name, itemprop and http-equiv."""
    if m := _PROPERTY.search(prop):
        value_key: str | None = f"{m.group(1)}:{m.group(2)}".lower()
    elif _META_NAME.match(name):
        value_key = "".join(name.split()).lower().replace(".", ":")
    else:
        value_key = None
    other_keys = [key for key in [*prop.lower().split(), name.strip().lower(), itemprop.lower()] if key]
    if equiv.lower() == "content-language":
        other_keys.append("content-language")
    return value_key, tuple(other_keys)


def _meta_values(metas: list[LexborNode]) -> dict[str, str]:
    """{meta name: content} of the meta tags with content (`metas`, in page order), a later tag overriding an earlier one.

    A `property` is read by Readability's pattern (its first article/dc/dcterm/og/twitter name),
    a `name` by its own: both as Readability does, so that `_META` ranks them. Every name,
    property and itemprop is also kept as "other:<name>" (the first of each), for the dates of
    `_DATE_NAMES`, the URL and the language.
    """
    values: dict[str, str] = {}
    others: dict[str, str] = {}
    for node in metas:
        attrs = node.attributes
        content = (attrs.get("content") or "").strip()
        if not content:
            continue
        value_key, other_keys = _meta_keys(
            attrs.get("property") or "", attrs.get("name") or "", attrs.get("itemprop") or "", attrs.get("http-equiv") or ""
        )
        if value_key is not None:
            values[value_key] = content
        for key in other_keys:
            others.setdefault(key, content)
    return values | {f"other:{key}": value for key, value in others.items()}


def article_title(tree: LexborHTMLParser) -> str | None:
    """The <title> without the site's name after (or before) a separator, as Readability reads it."""
    node = _css_first(tree, "title")
    original = " ".join((node.text() if node is not None else "").split())
    if not original:
        return None
    title, hierarchical = original, False
    if separators := list(_SEPARATORS.finditer(original)):
        # The part the page's own headline repeats is the title; the rest was the site's name.
        parts = (original[: separators[-1].start()].strip(), original[separators[0].end() :].strip())
        headlines = {" ".join(h.text().split()) for h in _css(tree, "h1")}
        if found := next((part for part in parts if part in headlines), None):
            return found
        hierarchical = bool(_HIERARCHICAL.search(original))
        title = original[: separators[-1].start()]
        if len(title.split()) < 3:  # too short: the site's name came first
            title = original[separators[0].end() :]
    elif ": " in original:
        if not any(h.text(strip=True) == original for h in _css(tree, "h1, h2")):
            title = original[original.rfind(":") + 1 :]
            if len(title.split()) < 3:
                title = original[original.find(":") + 1 :]
            elif len(original[: original.find(":")].split()) > 5:
                title = original
    elif not 15 <= len(original) <= 150 and len(h1 := _css(tree, "h1")) == 1:
        title = " ".join(h1[0].text().split())
    title = title.strip()
    words = len(title.split())
    if words <= 4 and (not hierarchical or words != len(re.sub(r"[|\-–—\\/>»]+", "", original).split()) - 1):
        return original
    return title


_BYLINE = '[rel="author"], [itemprop~="author"], [class*="byline" i], [class*="author" i], [id*="byline" i], [class*="writtenby" i]'
# A word that each selector of `_BYLINE` needs in its attribute's value: the kernel asks its matcher only of elements with one.
_BYLINE_WORDS = ("author", "byline", "writtenby")


def _byline_element(tree: LexborHTMLParser) -> str | None:
    """Text of the first short element the page marks as its byline (rel=author, itemprop=author, a byline class)."""
    for node in _css(tree, _BYLINE, _BYLINE_WORDS):
        text = " ".join(node.text(separator=" ").split())
        names = f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}"
        marked = node.attributes.get("rel") == "author" or "author" in (node.attributes.get("itemprop") or "")
        if 0 < len(text) < 100 and (marked or _BYLINE_CLASS.search(names)):
            return text
    return None


def _url_date(url: str | None) -> str | None:
    """A date in a URL's path: /2019/11/20/ or /2019-11-20-."""
    if url and (m := _URL_DATE.search(url)):
        return f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    return None


def _tidy(meta: dict[str, str | None]) -> dict[str, str | None]:
    """The normalized forms (see above)."""
    # The dates are in their ISO forms already (`_date_fields`).
    if meta.get("author"):
        meta["author"] = clean_author(meta["author"], meta.get("site"))  # type: ignore[arg-type]
    for field in ("title", "site"):
        if meta.get(field):
            meta[field] = " ".join(meta[field].split())  # type: ignore[union-attr]
    if meta.get("language"):
        code = meta["language"].split(",")[0].strip().replace("_", "-").split("-")[0].lower()  # type: ignore[union-attr]
        meta["language"] = code or None
    return meta


_ISO_FULL = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?")


def iso_date(text: str) -> str | None:
    """ISO 8601 form of a date as a page gives it: a date, or a date-time with its offset when it has one."""
    if m := _ISO_FULL.match(text):
        day, time, zone = m.groups()
        if not time:
            return day
        if zone and zone != "Z" and ":" not in zone:
            zone = f"{zone[:3]}:{zone[3:]}"
        return f"{day}T{time}{zone or ''}"
    return parse_date(text)


_DATE_TAIL = re.compile(rf"\s+(?:on\s+)?(?:{'|'.join(sorted(MONTHS, key=len, reverse=True))})\b.*$|\s+\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}}.*$|\s*[|,]\s*$", re.I)


def clean_author(text: str, site: str | None = None) -> str | None:
    """A person's name from an author field or byline: no "By", no trailing date, not a URL, not the site's name."""
    name = " ".join(text.split())
    name = _BY_PREFIX.sub("", name).strip(" ,;:|-–—")
    name = _DATE_TAIL.sub("", name).rstrip(" ,;:|-–—0123456789")
    if not name or name.startswith(("http://", "https://", "@")) or not any(c.isalpha() for c in name):
        return None
    if site and name.casefold() == site.casefold():
        return None
    return name


def page_date(meta: dict[str, str | None], texts: list[str], labels: list[str], config: Config = DEFAULT) -> str | None:
    """The day the page was published, from what its data says and what it shows near its headline.

    A page's data may give several days (published, modified, a generic "date", its URL's); the
    one the page shows its readers near the headline is the one it stands by, the published one
    first. Then the published date of the data, a day shown near the headline (one said to be an
    update's last), and any date the data gives, in that order.
    """
    clues, published = (meta.get("dates") or "").split(), meta.get("published")
    if published and all(clue[:10] == published[:10] and not _local_days(clue) for clue in clues):
        return published  # the data gives one day, which no day shown can change: spare reading them
    near, edited = shown_dates(texts, labels, config)
    return _agreed(clues, near) or published or next(iter(near + edited), None) or meta.get("date")


def _agreed(clues: list[str], days: list[str]) -> str | None:
    """The first clue (ISO date or date-time) whose day is one of `days`: the clue, or the day shown.

    The day shown may be the one a UTC time falls on in the site's zone.
    """
    for clue in clues:
        local = (clue[:10], *_local_days(clue))
        if day := next((d for d in days if d in local), None):
            return clue if day == clue[:10] else day
    return None


_UTC = re.compile(r"^(\d{4}-\d{2}-\d{2})T(\d{2}):\d{2}(?::\d{2})?(?:Z|[+-]00:?00)$")
# A time given in UTC may be shown on the day before by a site west of Greenwich, as far as UTC-8
# (the American west coast); east of it, sites give their own offset (Europe's +01:00, +02:00).
_BEHIND_UTC_HOURS = 8


def _local_days(clue: str) -> tuple[str, ...]:
    """The day before a UTC time's own when, in a zone up to `_BEHIND_UTC_HOURS` behind UTC, it falls then."""
    if (m := _UTC.match(clue)) and int(m.group(2)) < _BEHIND_UTC_HOURS:
        return ((date.fromisoformat(m.group(1)) - timedelta(days=1)).isoformat(),)
    return ()


def searched_date(html: str, texts: list[str], config: Config = DEFAULT) -> str | None:
    """htmldate's date of a page (its fast search, original date first), checked against the days the page writes.

    htmldate reads a month or a year ("Januar 2022", "© 2016") as its first day, and may read a
    day and month the wrong way round: such a day stands only when the page writes it; else the
    day the page writes the other way round, or the first day it writes, if any. When htmldate
    finds nothing, the first day the page writes is the date: what htmldate's extensive search
    would look for, at less than half its cost (6 ms a page instead of 15 on dates-dev).
    """
    from htmldate import find_date  # lxml parses the page again: only for the pages that need it

    try:
        found = find_date(html[: config.date_search_max_chars], extensive_search=False, original_date=True)
    except (ValueError, TypeError, OverflowError, RecursionError):
        found = None
    written = _written_days(texts, config.date_written_max_chars)
    if not found or (found.endswith("-01") and found not in written):
        return written[0] if written else None
    swapped = f"{found[:4]}-{found[8:10]}-{found[5:7]}"
    return swapped if found not in written and swapped in written else found


def _written_days(texts: list[str], budget: int) -> list[str]:
    """The days written in the first `budget` characters of `texts`, in order."""
    ends = accumulate(len(text) + 1 for text in texts)
    count = next((i for i, end in enumerate(ends, 1) if end >= budget), len(texts))
    return text_dates(_JOIN.join(texts[:count])[:budget])
