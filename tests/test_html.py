"""The HTML path: decoding, pruning of each chrome category, DOM blocks, metadata."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

import cleaner.core as core
from cleaner import Config, clean_html, explain_html, label_html
from cleaner.document import BODY
from cleaner.html import hint_of, utf8

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "html"
EXPECTED = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_body(name: str) -> None:
    doc = clean_html((FIXTURES / f"{name}.html").read_bytes())
    assert doc.text == EXPECTED[name]["body"]


@pytest.mark.parametrize("name", sorted(n for n, e in EXPECTED.items() if e.get("pruned")))
def test_pruned_chrome_is_explained(name: str) -> None:
    """A pruned node shows in --explain as one block labelled with its category."""
    blocks = label_html((FIXTURES / f"{name}.html").read_bytes())
    pruned = [b for b in blocks if b.rule in ("class-hint", "chrome-tag")]
    assert EXPECTED[name]["pruned"] in {b.label for b in pruned}
    assert all(b.label != BODY for b in pruned)


@pytest.mark.parametrize("name", ["metadata_meta", "metadata_jsonld"])
def test_metadata(name: str) -> None:
    doc = clean_html((FIXTURES / f"{name}.html").read_bytes())
    for field in ("title", "date", "author", "site", "url", "language"):
        assert getattr(doc, field) == EXPECTED[name].get(field), field  # none in the gold: none found


def test_declared_language_skips_detection(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object) -> None:
        raise AssertionError("language detection ran on a page that declares its language")

    monkeypatch.setattr(core, "detect", fail)  # where the cleaner calls langdetect
    monkeypatch.setattr(core, "identify", fail)  # the stop-word vote, for the text path
    monkeypatch.setattr("cleaner.html.identify", fail)  # and for a declaration the prose contradicts
    doc = clean_html((FIXTURES / "metadata_meta.html").read_bytes())
    assert (doc.language, doc.language_score) == ("en", 1.0)


def test_stale_declared_language_is_checked() -> None:
    """A template's lang="de" on an English page: the stop words overrule it."""
    page = (FIXTURES / "related.html").read_text(encoding="utf-8").replace('lang="en"', 'lang="de"')
    assert clean_html(page).language == "en"


def test_url_argument_wins() -> None:
    doc = clean_html((FIXTURES / "metadata_meta.html").read_bytes(), url="https://x.example/a")
    assert doc.url == "https://x.example/a"


@pytest.mark.parametrize(
    "page",
    [b"", b"<", b"<html><body>", b"\xff\xfe\x00", "<p>unclosed <b>tags <div></p></b>", b"<html>" + b"<div>" * 5000],
)
def test_broken_html_never_raises(page: str | bytes) -> None:
    doc = clean_html(page)
    assert isinstance(doc.text, str)


def test_dom_features() -> None:
    page = """<html lang="en"><body><article>
      <h2>A subheading of the article</h2>
      <ul><li>First point of the list</li></ul>
      <p>Text with <a href="/x">a link inside</a> it.</p>
    </article></body></html>"""
    blocks = {b.text: b for b in label_html(page)}
    assert blocks["A subheading of the article"].heading == 2
    assert blocks["First point of the list"].bullet and blocks["First point of the list"].tag == "li"
    link = blocks["Text with a link inside it."]
    assert link.tag == "p" and 0.3 < link.link_density < 0.8


@pytest.mark.parametrize(
    ("attrs", "category"),
    [
        ({"class": "share-buttons"}, "share"),
        ({"id": "comments"}, "comments"),
        ({"class": "grid with-right-rail"}, ""),  # a layout modifier, not chrome
        ({"class": "article-body"}, ""),
        ({"role": "navigation"}, "navigation"),
        ({"class": "Top-NavBar"}, "navigation"),  # case does not matter
        ({"class": "post\tentry  social-links"}, "share"),  # any whitespace separates the words
        ({"class": "post-no-comments"}, ""),  # a modifier inside a word
        ({"class": "header promo-box", "id": "sidebar"}, "related"),  # the first word that names one decides
        ({"class": "heads loads"}, ""),  # "ads" is a word of its own, not any ending
    ],
)
def test_hint_of(attrs: dict[str, str], category: str) -> None:
    assert hint_of(attrs) == category


def test_article_marker_keeps_a_hinted_wrapper() -> None:
    """Blogger's <div class="widget Blog"> holds the post: its marker (.post-body) keeps it from hint pruning."""
    blocks = label_html((FIXTURES / "widget_wrapper.html").read_bytes())
    body = [b.text for b in blocks if b.label == BODY]
    assert len(body) == 3 and body[0].startswith("The new harbour wall")
    assert any(b.label == "sidebar" and "Most read" in b.text for b in blocks)


def test_deep_nesting_is_flattened_and_its_text_kept() -> None:
    from cleaner.html import flatten_deep_nesting

    sentence = "The harbour wall was finished on Friday, two years after the storm that flooded the old town."
    deep = "<html><body>" + "<div>" * 20_000 + f"<p>{sentence}</p>" + "</div>" * 20_000 + "</body></html>"
    flat = flatten_deep_nesting(deep, 512)
    assert flat.count("<div>") == 512 and flat.count("</div>") == 512
    assert sentence in flat
    assert clean_html(deep).text == sentence
    shallow = "<html><body>" + "<div>" * 100 + "text" + "</div>" * 100 + "</body></html>"
    assert flatten_deep_nesting(shallow, 512) is shallow


def test_unclosed_paragraphs_do_not_count_as_nesting() -> None:
    from cleaner.html import flatten_deep_nesting

    page = "<html><body>" + "<p>One more short paragraph of the story." * 12_000 + "</body></html>"
    assert flatten_deep_nesting(page, 512) is page  # a <p> closes the one before: no depth, nothing removed


def test_unclosed_formatting_tags_are_capped_when_the_parse_multiplies_them(monkeypatch: pytest.MonkeyPatch) -> None:
    """1,000 paragraphs each opening a <b> never closed: the parser reopens all the open ones in every paragraph."""
    import cleaner.html as html

    page = "<html><body>" + "".join(f"<p><b class=c{i}>word{i}</p>" for i in range(1000)) + "</body></html>"
    flat = html.flatten_deep_nesting(page, 512, max_formatting=16)
    assert flat.count("<b ") == 16 and all(f"word{i}" in flat for i in range(1000))  # the text stays
    calls: list[int | None] = []
    real = html.flatten_deep_nesting
    monkeypatch.setattr(html, "flatten_deep_nesting", lambda *a, **k: calls.append(a[2] if len(a) > 2 else None) or real(*a, **k))
    blocks = html.label_html(page)
    assert calls == [None, 16]  # the first walk ran over its budget; the page was parsed again, capped
    assert [b.text for b in blocks[:2]] == ["word0", "word1"] and len(blocks) == 1000


def test_comments_on_request() -> None:
    page = (FIXTURES / "comments.html").read_bytes()
    first, second = "I think this is a great idea", "Nobody asked the shop owners"
    plain = clean_html(page)
    assert first not in plain.text and plain.text == EXPECTED["comments"]["body"]
    kept = clean_html(page, include_comments=True)
    assert kept.text.startswith(EXPECTED["comments"]["body"])  # the body first, the comments after it
    assert first in kept.text and second in kept.text
    assert kept.text.index(first) > kept.text.index("Construction is expected")
    assert {b.label for b in label_html(page, include_comments=True) if first in b.text} == {"comment"}


def test_a_long_comment_thread_never_becomes_the_article(monkeypatch: pytest.MonkeyPatch) -> None:
    """A short article followed by a thread with more text than it: the thread's element is not the article's root."""
    monkeypatch.setattr("cleaner.html._fallback", lambda text, markdown: None)  # the fast path must find the article
    article = [
        "The council voted on Tuesday to close the old market hall for repairs that will last until the spring.",
        "Traders will move to a temporary site in the car park, where the stalls will open from eight in the morning.",
    ]
    comment = (
        "I have been shopping at that market for thirty years and I think the council should have repaired "
        "the roof a long time ago instead of waiting until it was too late, but at least something is done now."
    )
    thread = "".join(f"<li><p>{comment} Reader {n} said so.</p></li>" for n in range(25))
    page = (
        "<html><body><header><a href='/'>Town News</a></header>"
        f"<div class='post'><h1>Market hall to close for repairs</h1><p>{article[0]}</p><p>{article[1]}</p></div>"
        f"<div id='comments'><h3>25 Comments</h3><ol>{thread}</ol></div></body></html>"
    )
    doc = clean_html(page)
    assert doc.text == "\n".join(article)
    assert {d.reason for d in doc.dropped if comment in d.text} == {"outside-article"}


@pytest.mark.parametrize("box", ["<div class='modal login'>", "<div id='cookie-consent'>"])
def test_a_long_dialog_never_becomes_the_article(monkeypatch: pytest.MonkeyPatch, box: str) -> None:
    """A login dialog or a consent notice with more text than a short article is not its root."""
    monkeypatch.setattr("cleaner.html._fallback", lambda text, markdown: None)  # the fast path must find the article
    article = "The council voted on Tuesday to close the old market hall for repairs that will last until the spring."
    message = "Your password must be at least eight characters long and must contain a number and a capital letter, as our terms say."
    dialog = "".join(f"<p>{message} Rule {n}.</p>" for n in range(20))
    page = (
        f"<html><body><div class='post'><h1>Market hall to close</h1><p>{article}</p></div>"
        f"{box}{dialog}</div></body></html>"
    )
    doc = clean_html(page)
    assert doc.text == article


def test_explain_gives_the_document_and_the_blocks_of_one_pass() -> None:
    page = (FIXTURES / "metadata_meta.html").read_bytes()
    doc, blocks = explain_html(page)
    assert doc == clean_html(page)
    assert blocks == label_html(page)


def test_after_the_fallback_the_document_describes_the_text_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    """When trafilatura's text replaces the fast path's, what it kept is not dropped, and the language is its text's."""
    fallback = (
        "Die Stadt baut eine neue Brücke über den Fluss, und die Arbeiten beginnen im Frühjahr.\n"
        "Der Bürgermeister sagte, dass die alte Brücke nicht mehr sicher sei und ersetzt werden müsse."
    )
    monkeypatch.setattr("cleaner.html._fallback", lambda text, markdown: (fallback, None))
    page = "<html><body><nav>Home News Sport</nav><div><span>Die Stadt baut eine neue Brücke über den Fluss, und die Arbeiten beginnen im Frühjahr.</span></div></body></html>"
    doc = clean_html(page)
    assert doc.text == fallback
    assert "Home News Sport" in {d.text for d in doc.dropped}
    assert not any(d.text in fallback for d in doc.dropped)
    assert doc.language == "de"
    monkeypatch.setattr("cleaner.html._fallback", lambda text, markdown: ("The city will build a new bridge over the river this spring.", None))
    declared = clean_html(page.replace("<html>", '<html lang="de">'))
    assert declared.language == "de"  # a language the page declares (and its prose confirms) stands


# --- input types -------------------------------------------------------------------------------

PAGE = "<html><head><meta charset='windows-1252'></head><body><p>Le réseau de bus s'étend à la banlieue nord.</p></body></html>"


def test_bytes_are_decoded_by_their_declared_charset() -> None:
    assert clean_html(PAGE.encode("cp1252")).text == clean_html(PAGE).text == "Le réseau de bus s'étend à la banlieue nord."


@pytest.mark.parametrize("value", [None, 42, ["<p>hi</p>"], bytearray(b"<p>hi</p>"), Path("page.html")])
def test_other_types_raise_a_type_error_naming_the_accepted_ones(value: object) -> None:
    with pytest.raises(TypeError, match=r"clean_html\(\) takes str or bytes, not "):
        clean_html(value)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", ["", b"", "  \n\t ", b" \r\n ", "<html><body> </body></html>"])
def test_empty_and_blank_pages_give_an_empty_document(value: str | bytes) -> None:
    doc = clean_html(value, markdown=True)
    assert (doc.text, doc.markdown) == ("", "")


# --- the lead, captions, and --favor -------------------------------------------------------

_PROSE = (
    "Die Stadt hat am Dienstag beschlossen, die Brücke über den Fluss im kommenden Jahr zu erneuern, "
    "und sie will dafür mehr als zwei Millionen Euro aus dem eigenen Haushalt ausgeben."
)
_LEAD = (
    "Nach jahrelangem Streit ist die Entscheidung gefallen: Die alte Brücke wird nicht abgerissen, "
    "sondern saniert, und die Arbeiten sollen noch in diesem Herbst beginnen."
)


def _news_page(header: str, body: str) -> str:
    return (
        "<html><body><nav><a href='/'>Start</a> <a href='/politik'>Politik</a></nav>"
        f"<div class='article-header'><h1>Die Brücke bleibt stehen</h1>{header}</div>"
        f"<div class='article-text'>{body}</div>"
        "<footer>Impressum Datenschutz Kontakt</footer></body></html>"
    )


def test_a_lead_in_a_header_box_of_its_own_is_body() -> None:
    """German "Vorspann", French "chapô": the lead sits beside the headline, not in the article's box."""
    body = "".join(f"<p>{_PROSE} Absatz {n}.</p>" for n in range(5))
    page = _news_page(f"<div class='intro'><p>{_LEAD}</p></div><div class='date'>3. März 2021</div>", body)
    doc, blocks = explain_html(page)
    assert doc.text.startswith(_LEAD)
    assert any(b.rule == "lead" for b in blocks)


def test_a_short_dek_before_the_article_is_not_a_lead() -> None:
    """A one-line subtitle is a dek: Scrapinghub's gold, and most readers, leave it out of the body."""
    body = "".join(f"<p>{_PROSE} Absatz {n}.</p>" for n in range(5))
    dek = "Die Sanierung kostet weniger als erwartet."
    doc = clean_html(_news_page(f"<h2>{dek}</h2>", body))
    assert dek not in doc.text and doc.text.startswith(_PROSE)


def test_figure_captions_are_chrome_unless_kept() -> None:
    caption = "Die alte Brücke im Abendlicht, von der Uferpromenade aus gesehen."
    body = f"<p>{_PROSE}</p><figure><img src='b.jpg'><figcaption>{caption}</figcaption></figure><p>{_LEAD}</p>"
    page = _news_page("", body)
    doc, blocks = explain_html(page)
    assert caption not in doc.text and _LEAD in doc.text
    assert [b.label for b in blocks if b.text == caption] == ["caption"]
    assert caption in clean_html(page, config=Config(html_keep_captions=True)).text
    assert caption in clean_html(page, config=Config(favor="recall")).text


def test_favor_precision_drops_the_article_trailer() -> None:
    body = "".join(f"<p>{_PROSE} Absatz {n}.</p>" for n in range(5)) + "<p>Die alte Brücke, 1902</p>"
    page = _news_page("", body)
    assert "Die alte Brücke, 1902" in clean_html(page).text
    assert "Die alte Brücke, 1902" not in clean_html(page, config=Config(favor="precision")).text


def test_a_teaser_box_beside_the_headline_is_the_lead() -> None:
    """"teaser" classes name both the article's own lead and teasers of other stories: the lead is kept."""
    body = "".join(f"<p>{_PROSE} Absatz {n}.</p>" for n in range(5))
    page = _news_page(f"<div class='artikel-teaser'><p>{_LEAD}</p></div>", body)
    assert clean_html(page).text.startswith(_LEAD)
    other = "Mehr aus der Stadt: Der neue Spielplatz am Hafen wird im Sommer eröffnet, sagt die Bürgermeisterin heute."
    page = _news_page("", body + f"<div class='teaser'><a href='/spielplatz'>{other}</a></div>")
    assert other not in clean_html(page).text


def test_short_lines_that_are_not_links_are_not_a_menu() -> None:
    """A recipe's ingredients are a run of short lines, but not links: they stay with the article."""
    items = ["200 g Mehl", "100 g Butter", "2 Eier", "1 Prise Salz"]
    intro = "Für diesen Kuchen braucht man nur wenige Zutaten, und er ist in einer Stunde fertig gebacken."
    steps = "Die Butter mit dem Mehl verkneten, die Eier und das Salz dazugeben und den Teig eine Stunde kühlen."
    lines = "".join(f"<p>{i}</p>" for i in items)
    # No article element around it: the classifier alone decides.
    text = clean_html(f"<html><body><p>{intro}</p>{lines}<p>{steps}</p><p>{_PROSE}</p></body></html>").text
    assert all(i in text for i in items)
    menu = "".join(f"<p><a href='/{i}'>{i}</a></p>" for i in ("Politik", "Sport", "Kultur", "Wetter"))
    text = clean_html(f"<html><body><p>{intro}</p>{menu}<p>{steps}</p><p>{_PROSE}</p></body></html>").text
    assert "Politik" not in text


def test_a_paragraph_is_never_the_headline_of_a_page() -> None:
    """A lead with no full stop reads like a headline to the text classifier; on a page the headline is a heading."""
    quote = "„Wir bauen die Brücke neu, aber wir bauen sie so, wie die Stadt sie kennt“"
    body = f"<p>{quote}</p>" + "".join(f"<p>{_PROSE} Absatz {n}.</p>" for n in range(5))
    doc = clean_html(f"<html><body><div class='story'>{body}</div></body></html>")
    assert doc.text.startswith(quote)


def test_lexbor_is_fed_the_utf8_selectolax_makes_of_a_str() -> None:
    page = "<html lang=fr><body><p class='a\udc80b'>été \ud800 naïve 😀</p><div id=x>日本</div></body></html>"
    assert utf8(page) == page.encode("utf-8", "ignore")
    assert LexborHTMLParser(utf8(page)).html == LexborHTMLParser(page).html
