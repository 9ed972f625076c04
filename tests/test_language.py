"""Language identification and stop-word lists."""

from __future__ import annotations

import pytest

from cleaner import Config, clean_text
from cleaner.blocks import set_features, text_blocks
from cleaner.core import language_sample
from cleaner.language import detect, identify, stopwords, vote

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


def test_clear_vote_needs_no_langdetect(monkeypatch):
    import cleaner.core

    monkeypatch.setattr(cleaner.core, "detect", lambda sample: pytest.fail("langdetect ran"))
    doc = clean_text("\n".join([GERMAN, GERMAN.replace("Donnerstag", "Freitag")]))
    assert doc.language == "de" and 0.5 < doc.language_score <= 1.0


def test_vote_ignores_english_leaks_into_other_lists():
    # "the", "your", "new" are on jusText's Finnish list: English prose must still win clearly.
    best, votes, runner_up = vote("the mayor said your city will get a new bridge over the river by the end of the year".split())
    assert best == "en" and votes >= 2 * runner_up


def test_close_call_is_settled_from_the_body():
    language, score, settled = identify("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.", Config())
    assert not settled
    assert identify("", Config()) == (None, None, False)


def test_kana_is_japanese_without_langdetect():
    assert identify("東京都は新しい計画を発表した。大阪でも同じ計画がある。", Config())[0] == "ja"


def test_a_language_without_stop_words_keeps_its_sentences():
    sentence = (
        "東京都は新しい交通計画を発表し、来年の春から市内のバス路線を大きく広げることを決めたと関係者が明らかにした。"
        "計画では通勤時間帯の本数を増やし、高齢者の多い地域にも新しい停留所を設ける。"
    )
    doc = clean_text("\n".join(["ホーム", "ニュース", sentence, sentence.replace("来年", "再来年"), "お問い合わせ"]))
    assert doc.language == "ja"
    assert sentence in doc.text and "お問い合わせ" not in doc.text
