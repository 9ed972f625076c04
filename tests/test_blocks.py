"""Text to blocks, and block features."""

from __future__ import annotations

from cleaner.blocks import (
    HEAD_CHARS,
    count_words,
    stop_density,
    text_blocks,
)


def test_one_block_per_non_blank_line_with_line_numbers():
    blocks = text_blocks("Title\n\n  First   line. \nSecond\tline\xa0two\n")
    assert blocks.text == ["Title", "First line.", "Second line two"]
    assert blocks.line == [1, 3, 4]


def test_bullets_are_stripped_and_marked():
    blocks = text_blocks("  • Item one\n- Item two\n1. Item three\n* Item four\n*Bold\nPlain\n2024. A year")
    assert blocks.text == ["Item one", "Item two", "Item three", "Item four", "Bold", "Plain", "2024. A year"]
    assert blocks.bullet == [True, True, True, True, True, False, False]


def test_a_lone_dash_is_kept_as_text():
    blocks = text_blocks("-\n*\n-x")
    assert blocks.text == ["-", "*", "-x"]
    assert blocks.bullet == [False, True, False]


def test_features():
    blocks = text_blocks("The cat sat on the mat.\nMenu")
    assert (blocks.n_chars, blocks.n_words, blocks.terminal) == ([23, 4], [6, 1], [True, False])
    assert stop_density(blocks.head[0], frozenset({"the", "on"})) == 0.5
    assert stop_density("", frozenset({"the"})) == 0.0


def test_heads_are_lower_cased_and_bounded():
    long = "Word " * 100
    blocks = text_blocks(f"HELLO World\n{long}")
    assert blocks.head[0] == "hello world"
    assert len(blocks.head[1]) == HEAD_CHARS and blocks.head[1].startswith("word word")


def test_quote_after_full_stop_is_terminal():
    blocks = text_blocks('He said "no."\nShe said: «oui.»\nNot (this)')
    assert blocks.terminal == [True, True, False]


def test_words_in_scripts_without_spaces():
    assert count_words("hello world") == 2
    assert count_words("東京都は新しい計画を発表した") > 5
    blocks = text_blocks("東京都は新しい計画を発表した。大阪でも同じ計画がある。")
    assert blocks.n_words[0] > 5


