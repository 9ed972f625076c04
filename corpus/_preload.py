"""Imported by the worker pool's forkserver (`workers._Pool`): each worker forks from it with the
code it runs imported and the cleaner's caches built, once for every worker."""

from __future__ import annotations

from . import prepare  # noqa: F401 - what the workers run
from .workers import _warm_up

_warm_up()
