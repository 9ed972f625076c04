"""Optional compiled kernels (Cython), built from the repo's own .pyx sources by `pip install`.

The package is pure Python at heart: every kernel has its reference in Python (see
`cleaner/kernels.py`). Where a kernel cannot be built (no C compiler, no Python headers), the
install goes on without it and says so; `cleaner --version` names the path that runs.
"""

from __future__ import annotations

import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

HERE = Path(__file__).parent
# Each kernel: cleaner/<name>.pyx -> cleaner.<name>; one whose source is absent is skipped.
KERNELS = ["_ctext", "_chtml"]


class OptionalBuildExt(build_ext):
    """build_ext that leaves a kernel out, with a message, when it cannot be compiled."""

    def finalize_options(self) -> None:
        super().finalize_options()
        if not self.parallel:  # the kernels compile at once, one a core: 22 -> 13 s on 2 cores
            self.parallel = True

    def run(self) -> None:
        self.failed: set[str] = set()
        try:
            super().run()
        except Exception as error:  # no compiler at all: setuptools fails before any extension
            self.failed.update(ext.name for ext in self.extensions)
            for ext in self.extensions:
                self._forget(ext)
            _skipped("the kernels", error)

    def build_extension(self, ext: Extension) -> None:
        try:
            super().build_extension(ext)
        except Exception as error:  # a compiler error, missing headers
            self.failed.add(ext.name)
            self._forget(ext)
            _skipped(ext.name, error)

    def _forget(self, ext: Extension) -> None:
        """Remove what an earlier build left for `ext` (build/lib, or in place): a wheel must not ship it."""
        Path(self.get_ext_fullpath(ext.name)).unlink(missing_ok=True)

    def copy_extensions_to_source(self) -> None:  # editable installs: only what was built
        built = self.extensions
        self.extensions = [ext for ext in built if ext.name not in self.failed]
        try:
            super().copy_extensions_to_source()
        finally:
            self.extensions = built

    def get_outputs(self) -> list[str]:
        return [out for ext, out in zip(self.extensions, super().get_outputs()) if ext.name not in getattr(self, "failed", ())]


def _skipped(what: str, error: Exception) -> None:
    print(
        f"WARNING: cleaner: could not compile {what} ({type(error).__name__}: {error}); installing the "
        "pure-Python path (the same output, slower). `cleaner --version` names the path that runs.",
        file=sys.stderr,
    )


def _extensions() -> list[Extension]:
    sources = [HERE / "cleaner" / f"{name}.pyx" for name in KERNELS]
    present = [(name, source) for name, source in zip(KERNELS, sources) if source.exists()]
    if not present:
        return []
    try:
        from Cython.Build import cythonize
    except ImportError:  # Cython is a build requirement; an install that bypasses it gets pure Python
        print("WARNING: cleaner: Cython is not installed; installing the pure-Python path.", file=sys.stderr)
        return []
    extensions = [
        Extension(f"cleaner.{name}", [str(source.relative_to(HERE))], extra_compile_args=["-O2"])
        for name, source in present
    ]
    return cythonize(extensions, language_level=3, compiler_directives={"boundscheck": False, "wraparound": False})


setup(ext_modules=_extensions(), cmdclass={"build_ext": OptionalBuildExt})
