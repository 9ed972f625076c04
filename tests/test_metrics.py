"""The metrics on hand-made cases whose values are worked out by hand."""

from __future__ import annotations

from collections import Counter

import pytest

from cleaner.eval.metrics import (
    DateScore,
    SnippetScore,
    bootstrap_std,
    date_score,
    label_counts,
    lines_kept,
    meta_match,
    page_counts,
    page_f1,
    page_pr,
    score,
    shingles,
    snippet_counts,
    snippet_found,
    snippet_score,
)


def test_shingles_are_four_token_windows() -> None:
    assert shingles("a b, c d! e") == Counter({("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1})


def test_a_short_text_is_one_shingle_and_an_empty_one_none() -> None:
    assert shingles("Hello world") == Counter({("Hello", "world"): 1})
    assert shingles("") == Counter()
    assert shingles(" -- !! ") == Counter()


def test_shingles_count_repeats() -> None:
    # abcd, bcda, cdab, dabc, abcd
    assert shingles("a b c d a b c d")[("a", "b", "c", "d")] == 2


def test_page_counts_are_normalised_to_sum_to_one() -> None:
    assert page_counts("a b c d e", "a b c d") == (0.5, 0.5, 0.0)
    assert page_counts("a b c d", "a b c d e") == (0.5, 0.0, 0.5)
    assert page_counts("a b c d a b c d", "a b c d") == pytest.approx((0.2, 0.8, 0.0))


def test_page_counts_of_empty_texts() -> None:
    assert page_counts("", "a b c d") == (0.0, 0.0, 1.0)
    assert page_counts("a b c d", "") == (0.0, 1.0, 0.0)
    assert page_counts("", "") == (0.0, 0.0, 0.0)


def test_page_precision_recall_edge_cases() -> None:
    assert page_pr(0.0, 0.0, 0.0) == (1.0, 1.0)  # nothing expected, nothing given
    assert page_pr(0.0, 0.0, 1.0) == (0.0, 0.0)  # nothing given
    assert page_pr(0.0, 1.0, 0.0) == (0.0, 0.0)  # nothing expected, something given
    assert page_pr(0.5, 0.5, 0.0) == (0.5, 1.0)


def test_page_f1() -> None:
    assert page_f1("a b c d e", "a b c d") == pytest.approx(2 * 0.5 / 1.5)
    assert page_f1("", "a b c d") == 0.0


def test_score_averages_pages_then_takes_f1() -> None:
    result = score([("a b c d e", "a b c d"), ("x y z w", "x, y z w.")])
    assert result.precision == pytest.approx(0.75)  # (0.5 + 1) / 2
    assert result.recall == pytest.approx(1.0)
    assert result.f1 == pytest.approx(2 * 0.75 / 1.75)
    assert result.accuracy == pytest.approx(0.5)  # only the second page's tokens are equal
    assert result.n == 2


def test_score_counts_an_empty_prediction_as_zero() -> None:
    result = score([("", "a b c d"), ("a b c d", "a b c d")])
    assert (result.precision, result.recall, result.accuracy) == (0.5, 0.5, 0.5)


def test_score_of_no_pages() -> None:
    assert score([]).n == 0
    assert score([]).f1 == 0.0


def test_bootstrap_std_is_deterministic_with_a_seed() -> None:
    pairs = [("a b c d e", "a b c d"), ("x y z w", "x y z w"), ("", "p q r s")]
    assert bootstrap_std(pairs, seed=7) == bootstrap_std(pairs, seed=7)
    assert bootstrap_std(pairs, seed=7) != bootstrap_std(pairs, seed=8)


def test_bootstrap_std_of_identical_pages_is_zero() -> None:
    std = bootstrap_std([("a b c d e", "a b c d")] * 5)
    assert (std.precision, std.recall, std.f1, std.accuracy) == pytest.approx((0.0, 0.0, 0.0, 0.0), abs=1e-12)


def test_bootstrap_std_of_a_right_and_a_wrong_page() -> None:
    # Resampling two pages scoring 1 and 0 gives means 0, 0.5, 1 with odds 1/4, 1/2, 1/4:
    # a standard deviation of sqrt(1/8) = 0.354.
    std = bootstrap_std([("a b c d", "a b c d"), ("", "e f g h")], resamples=1000, seed=0)
    assert std.precision == pytest.approx(0.125**0.5, abs=0.02)
    assert std.accuracy == pytest.approx(0.125**0.5, abs=0.02)
    assert std.n == 2


def test_snippet_counts_use_substring_tests() -> None:
    counts = snippet_counts("alpha beta gamma", ["alpha beta", "delta"], ["gamma", "zeta"])
    assert counts == SnippetScore(tp=1, fn=1, fp=1, tn=1)


def test_snippet_score_is_micro_averaged() -> None:
    total = snippet_score(
        [
            ("one two three", ["one", "two", "three"], ["four"]),  # tp 3, tn 1
            ("five six", ["seven"], ["five", "six"]),  # fn 1, fp 2
        ]
    )
    assert total == SnippetScore(tp=3, fn=1, fp=2, tn=1)
    assert total.precision == pytest.approx(3 / 5)
    assert total.recall == pytest.approx(3 / 4)
    assert total.f1 == pytest.approx(6 / 9)  # 2tp / (2tp + fp + fn)
    assert total.accuracy == pytest.approx(4 / 7)


def test_snippet_score_of_nothing_is_zero() -> None:
    total = snippet_score([])
    assert (total.precision, total.recall, total.f1, total.accuracy) == (0.0, 0.0, 0.0, 0.0)


def test_snippets_are_found_with_whitespace_folded_on_both_sides() -> None:
    # As trafilatura's count_item: a line break or a run of spaces in either is one space.
    output = "The harbour\nreopened  to boats\n\nAll rights reserved"
    assert snippet_found("harbour reopened to", output)
    assert snippet_found("rights\t reserved", output)
    assert not snippet_found("harbourreopened", output)
    assert snippet_counts(output, ["harbour   reopened"], ["boats All rights"]) == SnippetScore(tp=1, fn=0, fp=1, tn=0)


def test_date_score_counts_right_wrong_and_missing_dates() -> None:
    pairs = [
        ("2020-01-27", "2020-01-27"),  # right
        ("2020-01-27T23:30:00+01:00", "2020-01-27"),  # right: the day of an ISO 8601 time
        ("2020-01-28", "2020-01-27"),  # wrong day
        ("2019", "2019-05-03"),  # a year only: given, but not the day
        (None, "2018-06-01"),  # no date: wrong, and not given
        ("", "2018-06-01"),  # an empty date is none
    ]
    score = date_score(pairs)
    assert score == DateScore(right=2, dated=4, pages=6)
    assert score.accuracy == pytest.approx(2 / 6)
    assert score.coverage == pytest.approx(4 / 6)
    assert score.precision == pytest.approx(2 / 4)
    assert date_score(pairs[:2]) + date_score(pairs[2:]) == score


def test_date_score_of_nothing_is_zero() -> None:
    score = date_score([])
    assert (score.accuracy, score.coverage, score.precision) == (0.0, 0.0, 0.0)
    assert date_score([(None, "2020-01-01")]).precision == 0.0  # no date given: no precision to speak of


def test_a_short_line_is_kept_only_when_it_stands_alone() -> None:
    output = "Share the news with your friends today.\nMore"
    assert lines_kept(["Share", "More"], output) == [False, True]


def test_a_long_line_is_kept_when_its_tokens_run_on_in_the_output() -> None:
    output = "Intro. The council voted to close the   night bus route on Monday. Outro"
    assert lines_kept(["The council voted to close the night bus route", "close the day bus"], output) == [
        True,
        False,
    ]


def test_a_repeated_line_is_matched_once_per_output_line() -> None:
    assert lines_kept(["Share", "Share"], "Share\nbody text here") == [True, False]


def test_label_counts_per_label() -> None:
    labelled = [
        ("Home | News", "navigation"),
        ("Sport | Weather", "navigation"),
        ("© 2024 Gazette", "copyright"),
    ]
    counts = label_counts(labelled, "Home | News\nThe article itself.")
    assert counts == {"navigation": (1, 2), "copyright": (1, 1)}


@pytest.mark.parametrize(
    ("field", "got", "gold", "right"),
    [
        ("title", "Bridge  to close", "bridge to Close", True),  # case and spaces folded
        ("title", "Bridge to close | Example News", "Bridge to close", False),  # a site suffix is wrong
        ("author", "Jane Doe", "By Jane Doe and Tom Roe", True),  # the gold byline contains it
        ("author", "Jane Doe, Staff Writer", "jane doe", True),  # or it the byline
        ("author", "Example News", "Jane Doe", False),
        ("date", "2024-03-12T23:10:00+01:00", "2024-03-12", True),  # the same day
        ("date", "2024-03-13", "2024-03-12T23:10:00Z", False),
        ("language", "en", "en-GB", True),  # primary subtags
        ("language", "no", "nb-NO", True),  # langdetect's Norwegian is Bokmål's
        ("language", "de", "en", False),
        ("title", None, "Anything", False),  # nothing found is wrong
        ("author", "", "Jane Doe", False),
    ],
)
def test_meta_match_rules(field: str, got: str | None, gold: str, right: bool) -> None:
    assert meta_match(field, got, gold) is right


def test_meta_match_rejects_an_unknown_field() -> None:
    with pytest.raises(ValueError, match="no rule"):
        meta_match("colour", "red", "red")
