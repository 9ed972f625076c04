"""The one frozen Config: its thresholds and what `favor` moves."""

from __future__ import annotations

from dataclasses import replace

import pytest

from cleaner import DEFAULT, Config
from cleaner.config import FAVOR


@pytest.mark.parametrize("favor", ["precision", "recall"])
def test_favor_moves_its_thresholds(favor: str) -> None:
    config = Config(favor=favor)
    assert FAVOR[favor]
    for name, value in FAVOR[favor].items():
        assert getattr(config, name) == value != getattr(DEFAULT, name)


def test_a_threshold_the_caller_sets_wins_over_favor() -> None:
    assert Config(favor="precision", html_root_share=0.9).html_root_share == 0.9
    assert replace(DEFAULT, favor="recall").html_keep_captions is True


def test_favor_is_checked() -> None:
    with pytest.raises(ValueError, match="favor must be one of"):
        Config(favor="speed")
