"""Which path runs: the compiled kernels or their Python references.

The per-line and per-node work of the two scanners (line features, rule triggers, stop words
and the language vote; the DOM walk) has a compiled kernel, built from `cleaner/_ctext.pyx` and
`cleaner/_chtml.pyx` by `pip install` where a C compiler is found (setup.py). The Python
functions they replace stay the reference: the same outputs, tested on every gold page
(tests/test_kernels.py), and the path that runs where a kernel is absent, where the installed
selectolax is not one the DOM kernel was built for, or where `CLEANER_PURE_PYTHON=1` asks.

Call sites read `kernels.ctext` / `kernels.chtml` at each call (None: run the Python), so
`pure()` can switch paths inside one process.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType

# Set to anything but "" or "0": run the Python path even where the kernels are built.
PURE_ENV = "CLEANER_PURE_PYTHON"
# selectolax releases whose lexbor the DOM kernel was built and tested against: it reads lexbor's
# nodes directly, so another release (another lexbor) runs the Python walk instead.
SELECTOLAX_VERSIONS = frozenset({"1.0.2"})

ctext: ModuleType | None = None
chtml: ModuleType | None = None
# Why a kernel is not in use, by name ("text", "html"); empty when both run.
missing: dict[str, str] = {}


def _load(name: str) -> ModuleType | None:
    try:
        module = importlib.import_module(f"cleaner.{name}")
    except ImportError:
        return None
    return module


def load() -> None:
    """Choose the path from the environment and what is built (at import; again in tests)."""
    global ctext, chtml
    ctext = chtml = None
    missing.clear()
    if os.environ.get(PURE_ENV, "") not in ("", "0"):
        missing["text"] = missing["html"] = f"{PURE_ENV} is set"
        return
    ctext = _load("_ctext")
    if ctext is None:
        missing["text"] = "not compiled"
    chtml = _load("_chtml")
    if chtml is None:
        missing["html"] = "not compiled"
        return
    import selectolax

    version = getattr(selectolax, "__version__", "?")
    if version not in SELECTOLAX_VERSIONS:
        chtml = None
        missing["html"] = f"selectolax {version} is not one it was built for ({', '.join(sorted(SELECTOLAX_VERSIONS))})"
        return
    try:
        chtml.init()  # binds lexbor's functions in selectolax's own library
    except Exception as error:  # a library without the symbols: the Python walk runs
        chtml = None
        missing["html"] = f"lexbor not reachable ({error})"


def path() -> str:
    """The path that runs, as `cleaner --version` says it: "compiled", "pure Python" or which part is compiled."""
    if not missing:
        return "compiled kernels (text, html)"
    if len(missing) == 2:
        reasons = sorted(set(missing.values()))
        return f"pure Python ({'; '.join(reasons)})"
    (name, reason), = missing.items()
    other = "html" if name == "text" else "text"
    return f"compiled kernels ({other}); {name} in pure Python ({reason})"


@contextmanager
def pure() -> Iterator[None]:
    """Run the Python path inside the block, whatever is compiled (tests compare the two paths)."""
    global ctext, chtml
    saved = ctext, chtml
    ctext = chtml = None
    try:
        yield
    finally:
        ctext, chtml = saved


load()
