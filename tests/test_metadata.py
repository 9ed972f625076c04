"""Dates, authors and site names from dateline, byline, bio and copyright lines, and a page's publication date."""

from __future__ import annotations

from datetime import date

import pytest
from selectolax.lexbor import LexborHTMLParser

import cleaner
from cleaner import html
from cleaner.metadata import (
    author_of,
    clean_author,
    iso_date,
    page_metadata,
    parse_date,
    searched_date,
    site_of_copyright,
    site_of_header,
    text_dates,
)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("22 November, 2024 Friday 11:36", "2024-11-22T11:36"),
        ("Nov. 3, 2019 at 5:02 pm", "2019-11-03T17:02"),
        ("Published: 12 March 2021", "2021-03-12"),
        ("2019-11-03T10:15:00Z", "2019-11-03T10:15"),
        ("Montag, 3. Juni 2019", "2019-06-03"),
        ("03.11.2019", "2019-11-03"),
        ("mis à jour le 4 mars 2020 à 10:30", "2020-03-04T10:30"),
    ],
)
def test_parse_date(text, iso):
    assert parse_date(text) == iso


@pytest.mark.parametrize("text", ["11:36", "Tuesday", "no date here", "31 Foo 2020"])
def test_parse_date_needs_a_day_month_and_year(text):
    assert parse_date(text) is None


@pytest.mark.parametrize(
    ("text", "author"),
    [
        ("By Jane Doe", "Jane Doe"),
        ("By JOHN SMITH, Associated Press", "John Smith"),
        ("Von Moritz Bachmann publiziert am 30. Juli 2018", "Moritz Bachmann"),
        ("I am Jane Doe, a freelance journalist covering energy.", "Jane Doe"),
        ("Tom Berg is a reporter for Wired.", "Tom Berg"),
    ],
)
def test_author_of(text, author):
    assert author_of(text) == author


@pytest.mark.parametrize(
    ("text", "site"),
    [
        ("© 2024 Example.com. All rights reserved.", "Example"),
        ("Copyright 2019 The Gazette", "The Gazette"),
        ("© 2010-2020 Acme Media Ltd. All rights reserved", "Acme Media"),
        ("(c) 2021 Foo Corp, Inc.", "Foo Corp"),
    ],
)
def test_site_of_copyright(text, site):
    assert site_of_copyright(text) == site


def test_site_of_header_takes_the_first_segment():
    assert site_of_header("Daily Planet | News") == "Daily Planet"
    assert site_of_header("Example. Global") == "Example"


# --- What an HTML page says of itself: page_metadata's order of trust and normalized forms ---------


def _page(head: str, body: str = "") -> dict[str, str | None]:
    return page_metadata(LexborHTMLParser(f"<html><head>{head}</head><body>{body}</body></html>"))


JSON_LD = (
    '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",'
    ' "headline": "Bridge closes for repairs", "datePublished": "2024-03-12T08:30:00+0100",'
    ' "author": [{"@type": "Person", "name": "Jane Doe"}, {"@type": "Person", "name": "Tom Roe"}],'
    ' "publisher": {"@type": "Organization", "name": "The Gazette"}}</script>'
)
META = (
    '<meta property="og:title" content="OG title"><meta name="author" content="Meta Author">'
    '<meta property="article:published_time" content="2020-01-01"><meta property="og:site_name" content="OG site">'
)


def test_json_ld_comes_before_meta_tags() -> None:
    meta = _page(JSON_LD + META)
    assert meta["title"] == "Bridge closes for repairs"
    assert meta["author"] == "Jane Doe, Tom Roe"  # every name, joined
    assert meta["date"] == "2024-03-12T08:30:00+01:00"  # ISO 8601, the offset kept
    assert meta["site"] == "The Gazette"


def test_meta_tags_fill_in_without_json_ld() -> None:
    meta = _page(META)
    assert (meta["title"], meta["author"], meta["date"], meta["site"]) == ("OG title", "Meta Author", "2020-01-01", "OG site")


def test_json_ld_in_a_graph_with_a_vocab_context() -> None:
    graph = (
        '<script type="application/ld+json">{"@context": {"@vocab": "http://schema.org/"}, "@graph": ['
        '{"@type": "WebSite", "name": "Site"}, {"@type": "BlogPosting", "headline": "Post", "datePublished": "2021-05-06"}]}</script>'
    )
    meta = _page(graph)
    assert (meta["title"], meta["date"]) == ("Post", "2021-05-06")


def test_json_ld_outside_schema_org_and_broken_json_are_ignored() -> None:
    other = '<script type="application/ld+json">{"@context": "https://example.org", "@type": "NewsArticle", "headline": "No"}</script>'
    broken = '<script type="application/ld+json">{"@type": "NewsArticle", </script>'
    assert _page(other + broken + "<title>Fallback title for the page</title>")["title"] == "Fallback title for the page"


def test_the_page_itself_is_read_last() -> None:
    body = '<h1>Trains return</h1><a rel="author" href="/jane">By Jane Doe</a><time datetime="2023-07-08">8 July</time>'
    meta = _page("<title>Trains return - The Daily</title>", body)
    assert meta["title"] == "Trains return"  # the headline says the rest was the site's name
    assert meta["author"] == "Jane Doe"  # without "By"
    assert meta["date"] == "2023-07-08"


def test_a_date_in_the_url_when_nothing_else_gives_one() -> None:
    meta = _page('<link rel="canonical" href="https://example.com/2019/11/20/story-slug/">')
    assert (meta["url"], meta["date"]) == ("https://example.com/2019/11/20/story-slug/", "2019-11-20")


def test_language_is_the_declared_primary_subtag() -> None:
    tree = LexborHTMLParser('<html lang="pt_BR"><head></head><body></body></html>')
    assert page_metadata(tree)["language"] == "pt"


@pytest.mark.parametrize(
    ("text", "site", "author"),
    [
        ("By Jane Doe", None, "Jane Doe"),
        ("By: Jane Doe | March 3, 2024", None, "Jane Doe"),  # no trailing date
        ("Jane Doe, 12.03.2024", None, "Jane Doe"),
        ("https://facebook.com/janedoe", None, None),  # a URL is not a name
        ("The Gazette", "the gazette", None),  # nor is the site's name
        ("2024", None, None),
    ],
)
def test_clean_author(text: str, site: str | None, author: str | None) -> None:
    assert clean_author(text, site) == author


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2024-03-12", "2024-03-12"),
        ("2024-03-12T08:30:00Z", "2024-03-12T08:30:00Z"),
        ("2024-03-12 08:30:00.123-0500", "2024-03-12T08:30:00-05:00"),
        ("March 12, 2024", "2024-03-12"),  # free text through parse_date
    ],
)
def test_iso_date(text: str, iso: str) -> None:
    assert iso_date(text) == iso


# --- Days written in text, in the languages and forms pages use -----------------------------------


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("27.01.2020", ["2020-01-27"]),
        ("Donnerstag, 15.2.2018, 19:51", ["2018-02-15"]),
        ("am 03.05.13 um 11:51", ["2013-05-03"]),  # a two-digit year with dots
        ("Veröffentlicht am 27. Januar 2020", ["2020-01-27"]),
        ("28. Jan. 2022", ["2022-01-28"]),
        ("Publié le 27 janvier 2020 à 10h", ["2020-01-27"]),
        ("27 de enero de 2020", ["2020-01-27"]),
        ("27 stycznia 2020", ["2020-01-27"]),
        ("27 января 2020 г.", ["2020-01-27"]),
        ("January 27th, 2020", ["2020-01-27"]),
        ("Jan. 27, 2020 at 5:02 pm", ["2020-01-27"]),
        ("04:30, 3 NOV 2023", ["2023-11-03"]),
        ("2020-01-27T08:00:00Z", ["2020-01-27"]),
        ("2023.11.02. 오후 3:15", ["2023-11-02"]),
        ("2020年1月27日", ["2020-01-27"]),
        ("27/01/2020 and 2020/02/03", ["2020-01-27", "2020-02-03"]),  # in order
    ],
)
def test_text_dates(text: str, days: list[str]) -> None:
    assert text_dates(text, latest=date(2024, 1, 1)) == days


@pytest.mark.parametrize(
    "text",
    ["Version 1.2.13", "31.02.2020", "March 2020", "© 2016", "call 12.12.12.12", "1.1.1990", "2030-01-01", "Tuesday 14:30"],
)
def test_text_dates_needs_a_real_day_since_1995_and_not_after_latest(text: str) -> None:
    assert text_dates(text, latest=date(2024, 1, 1)) == []


def test_text_dates_reads_slashes_day_first_unless_told() -> None:
    assert text_dates("02/03/2020") == ["2020-03-02"]
    assert text_dates("02/03/2020", month_first=True) == ["2020-02-03"]
    assert text_dates("13/03/2020", month_first=True) == ["2020-03-13"]  # no 13th month: day first after all


# --- A page's publication date: what its data says, checked against what it shows --------------

PROSE = (
    "<p>The council met on a rainy evening to decide the future of the old bridge, which has carried traffic"
    " across the river for more than a century and now needs repairs.</p>"
    "<p>Engineers told the members that the steel frame is sound but the deck must be replaced, a job that"
    " will close the crossing to cars for at least six months next year.</p>"
    "<p>Residents who spoke at the meeting asked for a ferry service during the works, and the council agreed"
    " to look at the cost before its next meeting in the spring.</p>"
)
ARTICLE_LD = (
    '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",'
    ' "headline": "Bridge to close for repairs", "datePublished": "%s", "dateModified": "%s"}</script>'
)


def _article(head: str = "", header: str = "", after: str = "") -> str:
    return (
        f"<html><head><title>Bridge to close for repairs</title>{head}</head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>Bridge to close for repairs</h1>{header}{PROSE}</article>{after}"
        "<footer>© 2019 The Gazette</footer></body></html>"
    )


@pytest.mark.parametrize(
    "byline",
    [
        "<p class='byline'>Veröffentlicht am 27. Januar 2020</p>",
        "<p>Publié le 27 janvier 2020</p>",
        "<p>Madrid, 27 de enero de 2020</p>",
        "<p>Opublikowano 27 stycznia 2020</p>",
        "<p><small>Von Anna Berg | 27.01.2020, 08:15</small></p>",
    ],
)
def test_the_day_shown_under_the_headline(byline: str) -> None:
    assert cleaner.clean_html(_article(header=byline)).date == "2020-01-27"


def test_published_date_over_an_update_shown() -> None:
    head = ARTICLE_LD % ("2024-03-01T09:00:00+01:00", "2024-03-05T10:00:00+01:00")
    assert cleaner.clean_html(_article(head, "<p>Updated March 5, 2024</p>")).date == "2024-03-01T09:00:00+01:00"
    # Both shown: the first publication wins, as htmldate's original_date.
    both = "<p>1 March 2024, updated 5 March 2024</p>"
    assert cleaner.clean_html(_article(head, both)).date == "2024-03-01T09:00:00+01:00"


def test_a_day_the_data_gives_and_the_page_shows_wins() -> None:
    # The page stands by the day it shows its readers, when its data gives that day too.
    head = ARTICLE_LD % ("2024-03-01T09:00:00+01:00", "2024-03-05T10:00:00+01:00")
    assert cleaner.clean_html(_article(head, "<p>5 March 2024</p>")).date == "2024-03-05T10:00:00+01:00"


def test_a_utc_time_shown_on_the_day_before() -> None:
    head = ARTICLE_LD % ("2024-03-12T03:00:00Z", "2024-03-12T03:00:00Z")
    assert cleaner.clean_html(_article(head, "<p>March 11, 2024</p>")).date == "2024-03-11"
    # A UTC time in the afternoon is no other day anywhere west of Greenwich: the data stands.
    head = ARTICLE_LD % ("2024-03-12T15:00:00Z", "2024-03-12T15:00:00Z")
    assert cleaner.clean_html(_article(head, "<p>March 11, 2024</p>")).date == "2024-03-12T15:00:00Z"


def test_related_article_and_copyright_dates_do_not_mislead() -> None:
    related = (
        "<aside><h2>Related</h2><ul><li><a href='/a'>Other story</a> 4 May 2021</li>"
        "<li><a href='/b'>More news</a> 5 May 2021</li></ul></aside>"
    )
    page = _article(header="<p>By Jane Doe, 3 June 2021</p>", after=related)
    assert cleaner.clean_html(page).date == "2021-06-03"


def test_the_data_alone_and_the_url_alone() -> None:
    meta = '<meta property="article:published_time" content="2022-05-06T07:08:09+02:00">'
    assert cleaner.clean_html(_article(meta)).date == "2022-05-06T07:08:09+02:00"
    canonical = '<link rel="canonical" href="https://example.com/2019/11/20/bridge/">'
    assert cleaner.clean_html(_article(canonical)).date == "2019-11-20"


def test_no_date(monkeypatch: pytest.MonkeyPatch) -> None:
    assert cleaner.clean_html(_article()).date is None  # "© 2019" is no day
    # htmldate reads only the pages that show no date and whose caller gives none.
    def fail(*args: object) -> None:
        raise AssertionError("htmldate called")

    monkeypatch.setattr(html, "searched_date", fail)
    assert cleaner.clean_html(_article(header="<p>27.01.2020</p>")).date == "2020-01-27"
    assert cleaner.clean_html(_article(), known={"date": "2020-02-03"}).date == "2020-02-03"


def test_searched_date_takes_only_days_the_page_writes() -> None:
    page = "<html><body><div class='sidebar'>Menu</div><p>Text</p><span class='date'>27/06/2019</span></body></html>"
    assert searched_date(page, ["Menu", "Text", "27/06/2019"]) == "2019-06-27"
    # htmldate reads "Januar 2022" or "© 2016" as the first of a month: not a day this page writes.
    page = "<html><body><p>Januar 2022</p><p>© 2016 Example</p></body></html>"
    assert searched_date(page, ["Januar 2022", "© 2016 Example"]) is None


def test_searched_date_reads_a_bounded_share_of_a_huge_page() -> None:
    huge = "<html><body>" + "<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit.</p>" * 50_000 + "</body></html>"
    assert searched_date(huge + "<p>27.01.2020</p>", ["x"] * 10) is None  # the date is beyond what it reads


def test_implausible_dates_in_the_data_are_ignored() -> None:
    epoch = '<meta property="article:published_time" content="1970-01-01T01:00:00+01:00">'
    later = '<meta name="date" content="2021-04-28">'
    assert _page(epoch)["date"] is None  # the Unix epoch: a CMS's empty date
    assert (_page(epoch + later)["date"], _page(epoch + later)["dates"]) == ("2021-04-28", "2021-04-28")
    assert _page('<meta property="article:published_time" content="0000-00-00 00:00:00">')["date"] is None
