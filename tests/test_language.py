"""Language identification and stop-word lists."""

from __future__ import annotations

from cleaner import Config, clean_text
from cleaner.blocks import set_features, text_blocks
from cleaner.core import language_sample
from cleaner.language import detect, stopwords

GERMAN = "Der Bundestag hat am Donnerstag ein neues Gesetz beschlossen, das die Förderung von Wärmepumpen regelt und ab dem kommenden Jahr gilt."


def test_detect_is_deterministic_and_gives_a_probability():
    results = {detect(GERMAN) for _ in range(5)}
    assert len(results) == 1
    language, probability = results.pop()
    assert language == "de" and 0.5 < probability <= 1.0


def test_detect_on_nothing():
    assert detect("   ") == (None, None)
    assert detect("12345 !!!") == (None, None)


def test_stopwords_cover_many_languages():
    for code, word in [("en", "the"), ("de", "und"), ("fr", "les"), ("ru", "и"), ("pt", "que")]:
        assert word in stopwords(code)
    assert stopwords("xx") == frozenset()
    assert stopwords(None) == frozenset()


def test_sample_is_bounded_whatever_the_length():
    config = Config(language_sample_chars=300)
    blocks = text_blocks("\n".join([GERMAN] * 1000))
    set_features(blocks)
    assert len(language_sample(blocks, config.language_sample_chars)) <= 300


def test_non_english_article_keeps_its_body():
    doc = clean_text("\n".join(["Startseite", "Politik", GERMAN, GERMAN.replace("Donnerstag", "Freitag"), "Impressum"]))
    assert doc.language == "de"
    assert GERMAN in doc.text
    assert "Impressum" not in doc.text
