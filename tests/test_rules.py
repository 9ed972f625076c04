"""The rules table: every rule fires on its own examples and not on article text; triggers hide no match."""

from __future__ import annotations

import random
import re

import pytest

from cleaner import label_html, label_text
from cleaner.blocks import count_words, heads, text_blocks
from cleaner.rules import (  # the private names: to rebuild the patterns as first written
    _DATE_JOINERS,
    _DATE_MARKS,
    _DATE_OPENER_WORDS,
    _HAS_DATE,
    _TIME,
    CHROME_TAGS,
    CLASS_HINTS,
    LABELS,
    MONTHS,
    NUMBER,
    PAGE_TAGS,
    RULES,
    STAGE_RULES,
    SURE_HINTS,
    UNDECIDED,
    WEEKDAYS,
    _first,
    _words,
    fires,
    lead_of,
    match,
    match_blocks,
)

from .conftest import ROOT, read_gz


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_rule_fires_on_each_of_its_examples(rule):
    assert rule.examples, f"{rule.name} has no examples"
    for example in rule.examples:
        assert count_words(example) <= rule.max_words, example
        assert fires(rule, example, count_words(example)), f"{rule.name} misses {example!r}"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_rule_has_a_trigger_that_can_hold(rule):
    assert rule.leads or rule.needles or rule.ends, f"{rule.name} would never be tried"
    for lead in rule.leads:  # a lead is what `lead_of` can return: a run of word characters
        assert lead == NUMBER or re.fullmatch(r"\w+", lead), (rule.name, lead)
    assert all(needle == needle.lower() for needle in rule.needles), rule.name


def test_rule_names_are_unique():
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))


def test_leads():
    assert [lead_of(h) for h in heads(["Tags: a, b", "(Photo: AFP)", "Фото:личный архив", "Nov.3, 2019", "— Monday", "11:36", "© 2024", "***"])] == [
        "tags", "photo", "фото", "nov", "monday", NUMBER, NUMBER, "",
    ]  # fmt: skip


def _gold_lines(scrapinghub_gold_bodies, scrapinghub_text, seeds_gold) -> list[str]:
    lines: set[str] = set()
    for text in [*scrapinghub_gold_bodies, *(page for page, _ in scrapinghub_text)]:
        lines.update(text_blocks(text).text)
    for doc in seeds_gold:
        lines.update(text_blocks((ROOT / doc["input"]).read_text(encoding="utf-8")).text)
    return sorted(lines)


def test_triggers_hide_no_match_on_real_pages(scrapinghub_gold_bodies, scrapinghub_text, seeds_gold):
    """On every line of the gold inputs, a rule whose pattern matches within its word limit is triggered."""
    lines = _gold_lines(scrapinghub_gold_bodies, scrapinghub_text, seeds_gold)
    words = [count_words(line) for line in lines]
    for rule in RULES:
        pattern = re.compile(rule.pattern)
        hidden = [
            line for line, n in zip(lines, words)
            if n <= rule.max_words and pattern.match(line) and not fires(rule, line, n)
        ]  # fmt: skip
        assert not hidden, (rule.name, hidden[:5])


def test_page_matching_equals_block_by_block_matching(scrapinghub_text):
    page = scrapinghub_text[0][0]
    blocks = text_blocks(page)
    found = match_blocks(blocks.text, blocks.head, blocks.n_words)
    for i, (text, n) in enumerate(zip(blocks.text, blocks.n_words)):
        assert found.get(i) == match(text, n), text


def test_no_rule_fires_on_a_seed_body_line(seeds_gold):
    for doc in seeds_gold:
        for line in text_blocks(doc["body"]).text:
            rule = match(line, count_words(line))
            assert rule is None, f"{rule.name} fires on body line {line!r}"


def test_rules_leave_scrapinghub_body_lines_alone(scrapinghub_gold_bodies):
    hits = []
    for body in scrapinghub_gold_bodies:
        for line in text_blocks(body).text:
            rule = match(line, count_words(line))
            if rule:
                hits.append((rule.name, line))
    # The annotators kept a few credit, copyright and schedule lines in the bodies
    # ("© Reuters", "Фото:", "4:14 p.m."); out of ~3,900 gold lines, no more than these may hit.
    assert len(hits) <= 18, hits


def test_long_prose_is_never_matched():
    line = "Also read the full report, which the committee published on Monday after a year of hearings in three cities and many interviews with officials."
    assert match(line, count_words(line)) is None


# Prose that opens with a word of the chrome vocabulary, in the languages the tables speak: the
# phrase must be followed by a separator or end the line, or the line must stay short.
@pytest.mark.parametrize(
    "line",
    [
        "Anzeige gegen Unbekannt erstattet",
        "Weiter geht es am Montag mit der nächsten Sitzung des Ausschusses.",
        "Kommentare von Lesern zeigen, wie sehr das Thema bewegt.",
        "Teilen ist für viele Familien längst Alltag geworden.",
        "Zurück in Berlin traf sich die Ministerin mit den Verbänden.",
        "Stand der Dinge: Die Verhandlungen gehen weiter.",
        "Suche nach vermisstem Wanderer eingestellt",
        "Cookies backen mit Kindern: So gelingt es",
        "Datenschutz ist für viele Unternehmen ein wichtiges Thema geworden, sagt die Expertin.",
        "Mira cómo ha crecido la economía de la región en los últimos años.",
        "Compartir los datos con terceros está prohibido por la ley.",
        "Partager les richesses reste l'objectif affiché du gouvernement.",
        "Publicité mensongère : l'entreprise condamnée à une amende.",
        "Zobacz, jak zmieniały się ceny mieszkań w ostatnich latach.",
        "Reklama w telewizji publicznej budzi kontrowersje.",
        "Leggi anche le motivazioni della sentenza depositate ieri in cancelleria dai giudici della Corte.",
        "Delen van kennis is belangrijk voor de hele sector.",
        "Veja como ficou a votação na Câmara dos Deputados nesta quarta-feira.",
    ],
)
def test_prose_opening_like_chrome_is_not_matched(line):
    rule = match(line, count_words(line))
    assert rule is None, (rule.name, line)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Lesen Sie auch: Die neue Regierung steht", "promo-lead"),
        ("Zur Startseite", "more-link"),
        ("Artikel teilen", "share"),
        ("Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert.", "comment-form"),
        ("3 Gedanken zu „Hallo Welt!“", "thread-heading"),
        ("Sie sind hier: Startseite > Politik", "breadcrumb"),
        ("Impressum | Datenschutz | Kontakt", "legal-links"),
        ("Publicidad", "advertisement"),
        ("Czytaj także: Rząd przyjął projekt budżetu", "promo-lead"),
        ("Read more", "promo-lead"),
        ("Photo: Getty Images", "image-credit"),
        ("Published 3 hours ago", "relative-time"),
        ("12 Comments", "comments"),
        ("Copyright © 2020 The Example Post", "copyright"),
        ("Tagi: polityka, wybory", "tag-list"),
        ("Windows 10 1909 is now available via Windows 10 Update Ass...", "cut-teaser"),
        ("A protester in Hong Kong. (AFP/Getty Images)", "image-credit"),
        ("Jane Doe is a staff writer at the Daily Planet covering science.", "third-person-bio"),
        ("client/title.list_title", "template-leak"),
    ],
)
def test_first_rule_to_fire(text, name):
    rule = match(text, count_words(text))
    assert rule is not None and rule.name == name


# --- the registry of reason codes -----------------------------------------------------------------


def test_every_label_the_tables_name_is_registered():
    named = {rule.label for rule in RULES} | {name for name, _ in CLASS_HINTS}
    named |= set(CHROME_TAGS.values()) | set(PAGE_TAGS.values()) | SURE_HINTS | UNDECIDED
    assert named <= set(LABELS), named - set(LABELS)
    assert not {rule.name for rule in RULES} & set(STAGE_RULES), "a stage rule shadows a table rule"
    assert all(meaning.strip() for meaning in [*LABELS.values(), *STAGE_RULES.values()])


def test_corpus_reason_is_registered():
    from corpus.pipeline import REPEATED_LINE

    assert REPEATED_LINE in LABELS and REPEATED_LINE in STAGE_RULES


def _emitted(blocks):
    return {b.label for b in blocks}, {b.rule for b in blocks}


def test_every_label_and_rule_emitted_is_registered(scrapinghub_text, seeds_gold):
    """Run both paths, with and without comments, on real pages: nothing emitted is unregistered."""
    labels, rules = set(), set()
    texts = [text for text, _ in scrapinghub_text] + [(ROOT / d["input"]).read_text(encoding="utf-8") for d in seeds_gold]
    pages = [read_gz(p) for p in sorted((ROOT / "tests/data/readability/html").glob("*.html.gz"))[:40]]
    pages += [p.read_bytes() for p in sorted((ROOT / "tests/fixtures").rglob("*.htm*"))]
    for comments in (False, True):
        for text in texts:
            found = _emitted(label_text(text, include_comments=comments))
            labels |= found[0]
            rules |= found[1]
        for page in pages:
            found = _emitted(label_html(page, include_comments=comments))
            labels |= found[0]
            rules |= found[1]
    assert labels <= set(LABELS), labels - set(LABELS)
    assert rules <= {rule.name for rule in RULES} | set(STAGE_RULES) | {""}, rules - set(STAGE_RULES)


def test_first_character_guards_change_no_match(scrapinghub_gold_bodies, scrapinghub_text, seeds_gold):
    """A `_first` lookahead only lets the engine skip alternatives: without it, each pattern matches the same spans."""
    guard = re.compile(r"\(\?=\[[^\]]*\]\)")
    lines = _gold_lines(scrapinghub_gold_bodies, scrapinghub_text, seeds_gold)
    lines += [e for rule in RULES for e in rule.examples] + ["ſunday, 3 ſep 2021", "K", "Published: ſat, 3. März 2021"]
    guarded = [rule for rule in RULES if guard.search(rule.pattern)]
    assert {"date-line", "comment-meta", "newsletter", "image-credit", "cookies", "copyright", "share"} <= {r.name for r in guarded}
    for rule in guarded:
        with_guards, without = re.compile(rule.pattern).match, re.compile(guard.sub("", rule.pattern)).match
        for line in lines:
            a, b = with_guards(line), without(line)
            assert (a and a.span()) == (b and b.span()), (rule.name, line)


# --- cheaper patterns, same matches ------------------------------------------------------------------

# The time as the rules first wrote it, before the possessive quantifiers.
_OLD_TIME = r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*(?:[A-Z]{2,4}|UTC|GMT)(?:[+-]\d{1,2})?)?"


def _old_date_line() -> str:
    """The date-line pattern as first written: each name with its own ".", a number split before any time."""
    names = rf"{_first(MONTHS)}(?:{_words(MONTHS)})\.?|{_first(WEEKDAYS)}(?:{_words(WEEKDAYS)})\.?"
    word = (
        rf"{_first(MONTHS, WEEKDAYS, _DATE_JOINERS, _DATE_MARKS, digit=True)}"
        rf"(?:{names}|\d{{1,4}}(?:(?!\d)|(?={_OLD_TIME}))(?:st|nd|rd|th|\.)?|{_OLD_TIME}|"
        + "|".join(map(re.escape, (*_DATE_JOINERS, *_DATE_MARKS)))
        + ")"
    )
    opener = rf"{_first(_DATE_OPENER_WORDS)}(?:{_words(_DATE_OPENER_WORDS)})\s*(?:on|am|le|el|em|il|op)?:?\s*"
    return rf"(?i)(?=(?:{opener})?(?:{word}\s*)+$){_HAS_DATE}"


def _old_patterns() -> dict[str, str]:
    """{rule name: its pattern as first written} for the rules whose patterns were made cheaper."""
    new = {rule.name: rule.pattern for rule in RULES}
    return {
        "date-line": _old_date_line(),
        "time-stamp": rf"(?i){_OLD_TIME}$",
        "relative-time": new["relative-time"].replace(_TIME, _OLD_TIME),
    }


# Lines where a cheaper pattern could part from the first: digit runs split or glued to a time,
# names glued together, their "." and suffixes, case-folding characters (ſ K İ ı ẞ), line ends.
_HARD_LINES = [
    "21:17 18.11.2019 Get short URL", "2018.04.05 ~ OPEN RUN", "Published Wed, Nov 20 20194:29 AM ESTUpdated an hour ago",
    "Nov 15, 20195:45 AM", "November 9, 20235:01 AM ET", "miércoles, 4 de mayo de 202200:00 hs", "20194:29", "201945:29",
    "2019456:29 May", "12345.67 May", "123456.78 May", "1234567.89 May", "12345.6 May", "12345.67:89 May",
    "123456.78:90 May", "12345.67th May", "20195.29:30 May", "12:345 May", "1.2.3.4.5.6.7.8.9 May", "١٢:٣٠ May",
    "12:30 monday", "12:30 ESTmonday", "12:30 GMT+3 May", "12:30 GMT+345 May", "12:30 ſT May", "12:30  pm May",
    "3rdMay", "3 Mayday", "dellundi 4 May", "Mon.,dec.3", "4thu", "44th Mon", "9 ſt May", "3RD May", "ſunday, 3 ſep 2021",
    "Published: ſat, 3. März 2021", "4 ſeptember", "DEC", "K", "İ", "ı", "ẞ", "Σ", "3 MAY\n", "3 May\n\n", "May 3\nfoo",
    "12.30\n", "12:30 pm\n", "12:30\n", "2019-11-20", "20:19-11-20", "11/20/2019", "Updated at 1:23 p.m.",
    "Stand: 12.03.2021", "zuletzt aktualisiert am 3. Mai 2020", "Published  on:  3 May", "mis à jour le 4 mars 2020 à 10:30",
    "2 days ago at 07:50 am", "2 days ago at 07:50 amx", "3 hours ago at 1:2", "7:45 am PST", "7:45 am PSTX", "12:30 am:",
]  # fmt: skip


def _date_like_lines(n: int) -> list[str]:
    """`n` lines of date words, numbers, times and a few other words, glued or spaced at random (seeded)."""
    rng = random.Random(7)
    words = [*MONTHS, *WEEKDAYS, *_DATE_JOINERS, *_DATE_MARKS, *_DATE_OPENER_WORDS, "by", "x", "~", ":", "+", "am", "p.m.", "GMT"]

    def cased(word: str) -> str:
        return "".join(rng.choice((c, c.upper(), {"s": "ſ", "k": "K", "i": "İ"}.get(c, c))) for c in word)

    def number() -> str:
        runs = [str(rng.randrange(10 ** rng.randint(1, 7))) for _ in range(rng.randint(1, 3))]
        return "".join(run + rng.choice(("", ":", ".", "/", "-", " ")) for run in runs) + rng.choice(("", "", "st", "th", " am", "pm ET", " CEST+2"))

    def token() -> str:
        return cased(rng.choice(words)) if rng.random() < 0.5 else number()

    return ["".join(token() + rng.choice(("", "", " ", ", ", "\n")) for _ in range(rng.randint(1, 6))) for _ in range(n)]


def test_cheaper_patterns_match_as_the_first(scrapinghub_gold_bodies, scrapinghub_text, seeds_gold):
    """Each pattern made cheaper matches the same spans as it did first, on real and made-up lines."""
    lines = _gold_lines(scrapinghub_gold_bodies, scrapinghub_text, seeds_gold)
    lines += [e for rule in RULES for e in rule.examples] + _HARD_LINES + _date_like_lines(20000)
    old = _old_patterns()
    assert set(old) <= {rule.name for rule in RULES}
    for rule in RULES:
        if rule.name in old:
            first, now = re.compile(old[rule.name]).match, re.compile(rule.pattern).match
            assert first.__self__.pattern != rule.pattern, rule.name
            for line in lines:
                a, b = first(line), now(line)
                assert (a and a.span()) == (b and b.span()), (rule.name, line)
