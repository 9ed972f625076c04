"""Imported by the worker pool's forkserver (`workers._Pool`): each worker forks from it with the
code it runs imported and the cleaner's caches built, once for every worker."""

from __future__ import annotations

import gc

from . import prepare  # noqa: F401 - what the workers run
from .workers import _warm_up

_warm_up()
# What the workers inherit is module state that lives as long as they do: frozen, their garbage
# collections pass it by. Measured by callgrind on a 400-document build (`make_corpus.py --docs
# 400`, `-w 2`): each worker 8.64 -> 8.44 billion instructions, the forkserver 4.38 -> 3.89.
# (Importing trafilatura and htmldate here too, for the pages that need them, made each worker
# dearer by 0.9 billion: they are left to the workers that need them.)
gc.freeze()
