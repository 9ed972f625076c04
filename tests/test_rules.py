"""The rules table: every rule fires on its own examples and not on article text."""

from __future__ import annotations

import re

import pytest

from cleaner.blocks import count_words, text_blocks
from cleaner.rules import RULES, match


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_rule_fires_on_each_of_its_examples(rule):
    assert rule.examples, f"{rule.name} has no examples"
    pattern = re.compile(rule.pattern)
    for example in rule.examples:
        assert count_words(example) <= rule.max_words, example
        assert pattern.match(example), f"{rule.name} misses {example!r}"


def test_rule_names_are_unique():
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))


def test_no_rule_fires_on_a_seed_body_line(seeds_gold):
    for doc in seeds_gold:
        for block in text_blocks(doc["body"]):
            rule = match(block.text, count_words(block.text))
            assert rule is None, f"{rule.name} fires on body line {block.text!r}"


def test_rules_leave_scrapinghub_body_lines_alone(scrapinghub_gold_bodies):
    hits = []
    for body in scrapinghub_gold_bodies:
        for block in text_blocks(body):
            rule = match(block.text, count_words(block.text))
            if rule:
                hits.append((rule.name, block.text))
    # The annotators kept a few credit, copyright and schedule lines in the bodies
    # ("© Reuters", "Фото:", "4:14 p.m."); out of ~3,900 gold lines, no more than these may hit.
    assert len(hits) <= 18, hits


def test_long_prose_is_never_matched():
    line = "Also read the full report, which the committee published on Monday after a year of hearings in three cities and many interviews with officials."
    assert match(line, count_words(line)) is None


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Read more", "promo-lead"),
        ("Photo: Getty Images", "image-credit"),
        ("Published 3 hours ago", "relative-time"),
        ("12 Comments", "comments"),
        ("Copyright © 2020 The Example Post", "copyright"),
        ("Tagi: polityka, wybory", "tag-list"),
    ],
)
def test_first_rule_to_fire(text, name):
    rule = match(text, count_words(text))
    assert rule is not None and name in (rule.name, rule.label)
