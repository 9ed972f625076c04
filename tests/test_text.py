"""The public plain-text API."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from cleaner import DEFAULT, Document, Dropped, clean_text, explain_text, label_text

ARTICLE = """Example News

Council expands bus network

By Jane Doe
12 March 2024

The city council voted on Tuesday to expand the bus network after months of public hearings.
Officials said the new routes would begin running in the spring, with more buses added in the summer.
Also Read: Ten things to know about the new timetable
Residents who spoke at the meeting were mostly in favour of the plan, though some raised concerns.
Image: Shutterstock
© 2024 Example News. All rights reserved.
"""


def test_clean_text_returns_a_document():
    doc = clean_text(ARTICLE)
    assert isinstance(doc, Document)
    assert doc.text.splitlines() == [
        "The city council voted on Tuesday to expand the bus network after months of public hearings.",
        "Officials said the new routes would begin running in the spring, with more buses added in the summer.",
        "Residents who spoke at the meeting were mostly in favour of the plan, though some raised concerns.",
    ]
    assert (doc.title, doc.author, doc.date, doc.site) == ("Council expands bus network", "Jane Doe", "2024-03-12", "Example News")
    assert doc.language == "en"


def test_every_drop_has_a_reason_code():
    reasons = {d.reason for d in clean_text(ARTICLE).dropped}
    assert {"title", "byline", "dateline", "promo", "image-credit", "copyright"} <= reasons
    assert all(isinstance(d, Dropped) and d.rule and d.line > 0 for d in clean_text(ARTICLE).dropped)


def test_same_input_same_output():
    assert clean_text(ARTICLE) == clean_text(ARTICLE)


def test_document_and_config_shape():
    assert hasattr(Document, "__slots__")
    assert dataclasses.is_dataclass(DEFAULT)
    fields = {f.name for f in dataclasses.fields(Document)}
    assert {"text", "title", "date", "author", "site", "url", "language", "language_score", "dropped"} <= fields


def test_empty_and_odd_inputs_do_not_raise():
    for text in ["", "\n\n", "   ", "a", "\x00\x01", "🙂" * 50]:
        doc = clean_text(text)
        assert isinstance(doc.text, str)


COMMENTED = ARTICLE.replace(
    "Image: Shutterstock\n",
    "Image: Shutterstock\n3 Comments\nJane on March 3, 2024 at 4:47 pm said:\nGreat news, finally a bus to the hospital!\nReply\n"
    "Tom wrote:\nThe council should have done this years ago, the old routes were useless.\nReply\n",
)


def test_comments_on_request():
    plain = clean_text(COMMENTED)
    assert "Great news" not in plain.text
    kept = clean_text(COMMENTED, include_comments=True)
    assert kept.text.splitlines()[-2:] == [
        "Great news, finally a bus to the hospital!",
        "The council should have done this years ago, the old routes were useless.",
    ]
    assert kept.text.startswith(plain.text)
    assert {d.text for d in kept.dropped} >= {"Reply", "Tom wrote:", "3 Comments"}
    assert clean_text(COMMENTED, config=dataclasses.replace(DEFAULT, include_comments=True)) == kept


def test_explain_gives_the_document_and_the_blocks_of_one_pass() -> None:
    doc, blocks = explain_text(ARTICLE)
    assert doc == clean_text(ARTICLE)
    assert blocks == label_text(ARTICLE)


# --- input types -------------------------------------------------------------------------------


def test_bytes_are_decoded_as_the_build_decodes_them() -> None:
    assert clean_text(ARTICLE.encode("utf-8")).text == clean_text(ARTICLE).text
    latin = "Le conseil municipal a voté mardi l'extension du réseau de bus, après des mois de débats publics très animés."
    assert clean_text(latin.encode("cp1252")).text == clean_text(latin).text == latin


@pytest.mark.parametrize("value", [None, 42, ["a line"], bytearray(b"text"), Path("article.txt")])
def test_other_types_raise_a_type_error_naming_the_accepted_ones(value: object) -> None:
    with pytest.raises(TypeError, match=r"clean_text\(\) takes str or bytes, not "):
        clean_text(value)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", ["", b"", "  \n\t \n", b" \r\n "])
def test_empty_and_blank_input_give_an_empty_document(value: str | bytes) -> None:
    doc = clean_text(value, markdown=True)
    assert (doc.text, doc.markdown, doc.dropped) == ("", "", [])
