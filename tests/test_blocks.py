"""Text to blocks, and block features."""

from __future__ import annotations

from cleaner.blocks import count_words, set_features, set_stop_density, text_blocks


def test_one_block_per_non_blank_line_with_line_numbers():
    blocks = text_blocks("Title\n\n  First   line. \nSecond line\n")
    assert [(b.line, b.text) for b in blocks] == [(1, "Title"), (3, "First line."), (4, "Second line")]
    assert [b.blank_before for b in blocks] == [True, True, False]


def test_bullets_are_stripped_and_marked():
    blocks = text_blocks("  • Item one\n- Item two\n1. Item three\nPlain")
    assert [b.text for b in blocks] == ["Item one", "Item two", "Item three", "Plain"]
    assert [b.bullet for b in blocks] == [True, True, True, False]


def test_a_lone_dash_is_kept_as_text():
    assert text_blocks("-")[0].text == "-"


def test_features():
    blocks = text_blocks("The cat sat on the mat.\nMenu")
    set_features(blocks)
    set_stop_density(blocks, frozenset({"the", "on"}))
    first, second = blocks
    assert (first.n_chars, first.n_words, first.terminal) == (23, 6, True)
    assert first.stop_density == 0.5
    assert (second.n_words, second.terminal, second.stop_density) == (1, False, 0.0)


def test_quote_after_full_stop_is_terminal():
    blocks = text_blocks('He said "no."\nShe said: «oui.»')
    set_features(blocks)
    assert all(b.terminal for b in blocks)


def test_words_in_scripts_without_spaces():
    assert count_words("hello world") == 2
    assert count_words("東京都は新しい計画を発表した") > 5
