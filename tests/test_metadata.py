"""Dates, authors and site names from dateline, byline, bio and copyright lines."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from cleaner.metadata import (
    author_of,
    clean_author,
    iso_date,
    page_metadata,
    parse_date,
    site_of_copyright,
    site_of_header,
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
