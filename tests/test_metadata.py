"""Dates, authors and site names from dateline, byline, bio and copyright lines."""

from __future__ import annotations

import pytest

from cleaner.document import Block
from cleaner.metadata import author_of, parse_date, site_of_copyright, site_of_header


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
