"""From inputs to a corpus: clean in parallel, drop duplicates, drop lines repeated across a site.

The build is two passes over the documents, in input order:
1. clean each source (in worker processes), then, in the main process, drop empty bodies, exact
   duplicates (same normalized body) and near-duplicates (MinHash LSH), and spill the kept
   documents and the duplicates to a temporary file while counting the kept documents'
   normalized body lines per site;
2. read the spill back, drop the lines found in too many documents of their site
   (`repeated-line`), and hand each document on with its duplicate-cluster size, and each
   duplicate of a document still there to `on_duplicate`.
Every decision is taken in input order in one process, so any number of workers gives the same
output. Memory holds the dedup index and one batch, never the corpus.

Each document has a budget: bytes read (`Config.max_document_bytes`), CPU time to read and
clean it (`Config.document_timeout`), and words of body (`Config.max_body_words`); a
document over budget, or not text at all, is listed with its reason and the build goes on.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import pickle
import queue
import re
import signal
import sys
import tempfile
import threading
import time
from array import array
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures.process import BrokenProcessPool
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import islice
from multiprocessing.connection import Connection, wait
from operator import itemgetter, methodcaller
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np

from cleaner import DEFAULT, Config, Document, Dropped, clean_html, clean_text
from cleaner.blocks import count_words

from .minhash import NearDupIndex, signature
from .parquet import (
    DUPLICATES_SCHEMA,
    SCHEMA,
    Duplicate,
    doc_id,
    duplicate_row,
    normalize,
    output_lock,
    parquet_writer,
    spill_prefix,
    to_row,
)
from .sources import (
    HTML,
    CleanError,
    OnError,
    Rejected,
    Source,
    file_size,
    find_inputs,
    iter_sources,
    load,
)

REPEATED_LINE = "repeated-line"
EXACT, NEAR = "exact", "near"
# Why a cleaned body is left out (besides being empty or a duplicate): see `body_verdict`.
DEGENERATE, TOO_LARGE = "degenerate", "too-large"

Inputs = str | os.PathLike[str] | Sequence[str | os.PathLike[str]]
# progress(documents read, input bytes read, input bytes in all)
Progress = Callable[[int, int, int], None]

# Sources per task sent to a worker: large enough that inter-process traffic is a small share of
# the work (a task is ~0.1 s of cleaning), small enough to keep the workers evenly busy.
TASK_SOURCES = 16
# Tasks in flight per worker: keeps the workers fed while bounding the documents held in memory.
TASKS_PER_WORKER = 4
# Documents per spill batch between the two passes.
SPILL_BATCH = 100


class TimedOut(Rejected):
    """A source that took more than `Config.document_timeout` seconds of CPU time to read and clean."""

    reason = "timeout"


class Crashed(Rejected):
    """A source whose worker process died while cleaning it (killed by the system, e.g. for memory)."""

    reason = "crashed"


@dataclass(slots=True)
class BuildSummary:
    """What a build did.

    read == documents + duplicates + near_duplicates + empty + degenerate + too_large + len(failures).
    """

    read: int = 0  # documents in the inputs: files, JSON Lines records, WARC HTML responses
    documents: int = 0  # kept: rows written
    duplicates: int = 0  # same normalized body as an earlier document
    near_duplicates: int = 0  # estimated Jaccard similarity >= threshold with an earlier document
    empty: int = 0  # nothing left after cleaning (or after dropping repeated lines)
    repeated_lines: int = 0  # body lines dropped as `repeated-line`
    # (source, reason): not read or not cleaned. The reason starts with its kind: `too-large`,
    # `not-text`, `timeout`, `crashed`, or the name of the error (`BadGzipFile`, `PermissionError`...).
    failures: list[tuple[str, str]] = field(default_factory=list)
    degenerate: int = 0  # body left out as DEGENERATE: a line, word or phrase over and over
    too_large: int = 0  # body left out as TOO_LARGE: more than `Config.max_body_words` words


OnDuplicate = Callable[[Duplicate], None]


# --- cleaning one source (runs in the workers) ------------------------------------------------


def clean_source(source: Source, *, config: Config = DEFAULT) -> Document:
    """Read and clean one source; the input's own metadata (JSON Lines fields, WARC headers) is applied.

    Raises TooLarge or NotText (see `load`) on a source over `config.max_document_bytes` or
    not text; the time limit is the caller's (`build` and `documents` set it).
    """
    data = load(source, max_bytes=config.max_document_bytes or None, max_control=config.not_text_max_control)
    if source.format == HTML:
        doc = clean_html(data, config=config)
    else:
        doc = clean_text(data, config=config)  # type: ignore[arg-type]  # load() decoded it
    for name, value in (source.meta or {}).items():
        setattr(doc, name, value)
    for name, value in (source.fallback or {}).items():
        if not getattr(doc, name):
            setattr(doc, name, value)
    return doc


def clean_sources(
    sources: Iterable[Source], *, config: Config = DEFAULT, on_error: OnError | None = None
) -> Iterator[tuple[Source, Document]]:
    """(source, Document) for each source, no deduplication; a failure goes to `on_error`, or raises.

    Each source has the budgets of `config` (a TimedOut, TooLarge or NotText failure).
    """
    for source in sources:
        try:
            try:
                with _cpu_limit(config.document_timeout):
                    doc = clean_source(source, config=config)
            except _Expired:
                raise TimedOut(f"over {config.document_timeout:g} s of CPU time to read and clean") from None
        except Exception as exc:
            if on_error is None:
                raise
            on_error(source, exc)
            continue
        yield source, doc


def body_verdict(text: str, config: Config = DEFAULT) -> str | None:
    """TOO_LARGE for a body of more than `config.max_body_words` words, DEGENERATE for one that
    repeats itself, else None.

    The repetition checks are Gopher's (Rae et al. 2021, MassiveText quality filters): the
    share of lines that repeat an earlier line, and of characters in them; and, on a body
    of at least `degenerate_min_words` words, the share of word characters that the most
    frequent word 2-, 3- and 4-gram covers (overlapping occurrences counted, as Gopher does).
    """
    if config.max_body_words and count_words(text) > config.max_body_words:
        return TOO_LARGE
    lines = [line for line in map(str.strip, text.split("\n")) if line]
    if not lines:
        return None
    seen: set[str] = set()
    repeated = repeated_chars = 0
    for line in lines:
        if line in seen:
            repeated += 1
            repeated_chars += len(line)
        else:
            seen.add(line)
    if repeated / len(lines) > config.degenerate_dup_lines:
        return DEGENERATE
    if repeated_chars / sum(map(len, lines)) > config.degenerate_dup_line_chars:
        return DEGENERATE
    words = text.split()
    if len(words) < config.degenerate_min_words:
        return None
    chars = sum(map(len, words))
    limits = ((2, config.degenerate_top_2gram), (3, config.degenerate_top_3gram), (4, config.degenerate_top_4gram))
    # An n-gram's occurrences cover at most n times the characters of its most covering word:
    # when even that stays under every limit (prose: "the" covers ~3%), no n-gram is counted.
    top_word = max(count * len(word) for word, count in Counter(words).items())
    if all(n * top_word <= limit * chars for n, limit in limits):
        return None
    for n, limit in limits:
        gram, count = Counter(zip(*(words[i:] for i in range(n)))).most_common(1)[0]
        if count > 1 and count * sum(map(len, gram)) > limit * chars:
            return DEGENERATE
    return None


@dataclass(slots=True)
class _Cleaned:
    """A cleaned source with what the main process needs to deduplicate it."""

    source: Source  # without its data: the main process does not need it back
    doc: Document
    digest: bytes  # exact-duplicate key: hash of the normalized body
    signature: np.ndarray  # MinHash
    line_keys: np.ndarray  # uint64 hash of (site, normalized line), one per body line
    # Dropped blocks per reason, when `doc.dropped` was emptied to spare moving it between
    # processes and through the spill (a build writes the counts only); else None.
    reasons: Counter[str] | None = None
    # DEGENERATE or TOO_LARGE when the body is left out for itself (`doc` is then emptied and
    # nothing else computed); else None.
    verdict: str | None = None


# A failure: the source (without its data) and a Rejected error, or the message of another one.
_Failed = tuple[Source, "Rejected | str"]


def _clean(source: Source, config: Config, keep_dropped: bool = True) -> _Cleaned | _Failed:
    """A cleaned source, or (source, error) when it cannot be read or cleaned within its budget."""
    light = replace(source, data=None)
    try:
        with _cpu_limit(config.document_timeout):
            doc = clean_source(source, config=config)
            verdict = body_verdict(doc.text, config)
            if verdict is not None:
                empty = np.empty(0, dtype=np.uint64)
                return _Cleaned(light, Document(text=""), b"", empty, empty, None, verdict)
            digest = hashlib.blake2b(normalize(doc.text).encode("utf-8"), digest_size=16).digest()
            sig = signature(doc.text, num_hashes=config.minhash_hashes, words=config.shingle_words)
            keys = line_keys(site_key(doc), doc.text)
    except _Expired:
        return light, TimedOut(f"over {config.document_timeout:g} s of CPU time to read and clean")
    except Rejected as exc:
        return light, exc
    except Exception as exc:  # noqa: BLE001 - recorded as a failure; exceptions may not pickle
        return light, f"{type(exc).__name__}: {exc}".splitlines()[0]
    reasons = None
    if not keep_dropped:
        reasons = Counter(map(itemgetter(1), doc.dropped))
        doc.dropped = []
    return _Cleaned(light, doc, digest, sig, keys, reasons)


# --- the time limit of one document -----------------------------------------------------------


class _Expired(BaseException):
    """Raised by the CPU timer in the code cleaning a document: a BaseException, so that no
    `except Exception` in the cleaner or a library it calls takes it for an error of its own."""


_timer_armed = False


def _on_timer(signum: int, frame: object) -> None:
    """SIGPROF: raise _Expired once, and only while a document is being cleaned."""
    global _timer_armed
    if _timer_armed:
        _timer_armed = False
        raise _Expired


class _cpu_limit:  # noqa: N801 - used as a function, like contextlib's context managers
    """In its block, raise _Expired once this process has spent `seconds` of CPU time there.

    The timer (ITIMER_PROF) counts this process's CPU time, user and system, not the wall
    clock: what times out does not depend on the machine's load or on the number of workers.
    It fires once and raises at most once, only between entering and leaving the block
    (`_clean` catches it there), so it never goes off in other code. A Python signal handler
    runs between bytecodes (`re` checks for signals as it matches), so a C call that does not
    return is not stopped here: the worker pool kills such a worker (`_Pool`). Without a timer
    (not Unix, or not the main thread) there is no limit.
    """

    def __init__(self, seconds: float | None) -> None:
        usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
        self.seconds = seconds if usable and seconds and seconds > 0 else None
        self.previous: object = None

    def __enter__(self) -> None:
        global _timer_armed
        if self.seconds is None:
            return
        self.previous = signal.signal(signal.SIGPROF, _on_timer)
        _timer_armed = True
        signal.setitimer(signal.ITIMER_PROF, self.seconds)

    def __exit__(self, *exc: object) -> None:
        global _timer_armed
        if self.seconds is None:
            return
        _timer_armed = False  # first: from here on a SIGPROF raises nothing
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, signal.SIG_DFL if self.previous is None else self.previous)  # type: ignore[arg-type]


_PUNCTUATION = re.compile(r"[^\w\s]+")
_DIGIT = re.compile(r"\d")


def normalize_line(line: str) -> str:
    """A line as repeated-line counting sees it (CCNet): case-folded, digits as 0, no punctuation."""
    return " ".join(_DIGIT.sub("0", _PUNCTUATION.sub("", line.casefold())).split())


def line_key(site: str, line: str) -> int:
    """64-bit key of a normalized line within a site: the unit of repeated-line counting."""
    return int(line_keys(site, line)[0])


def line_keys(site: str, text: str) -> np.ndarray:
    """`line_key` of every line of `text`, normalized in one pass over the text and hashed in C."""
    lines = map(" ".join, map(str.split, _DIGIT.sub("0", _PUNCTUATION.sub("", text.casefold())).split("\n")))
    data = map(str.encode, map(f"{site}\n".__add__, lines))
    digests = map(methodcaller("digest"), map(partial(hashlib.blake2b, digest_size=8), data))
    return np.frombuffer(b"".join(digests), dtype="<u8").astype(np.uint64)


def site_key(doc: Document) -> str:
    """The site a document's lines are counted in: its URL's host, else its site name, else ''."""
    if doc.url:
        host = (urlsplit(doc.url).hostname or "").removeprefix("www.")
        if host:
            return host
    return (doc.site or "").casefold()


# --- running the workers ------------------------------------------------------------------------

# glibc's mallopt parameter for the size from which an allocation gets its own mmap.
_M_MMAP_THRESHOLD = -3


def _return_large_blocks() -> None:
    """Make glibc give large blocks (pages, pickled tasks) back to the system when freed.

    By default glibc raises its mmap threshold each time a large block is freed, so later
    page-sized buffers come from the heap and fragment it: on the 50,000-document scale
    benchmark the main process grew ~24 KB per HTML page read, to 486 MB. Fixing the threshold
    at its default 128 KiB (as MALLOC_MMAP_THRESHOLD_ does) kept it near 200 MB. No-op off glibc.
    """
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").mallopt(_M_MMAP_THRESHOLD, 128 * 1024)
    except (OSError, AttributeError):
        pass


# Linux prctl option: the signal this process gets when its parent dies.
_PR_SET_PDEATHSIG = 1
# CPU seconds past `Config.document_timeout` after which the pool kills a worker still on one
# document. The worker's own timer stops Python code (and `re`) within 0.4 s of the limit on
# the pathological pages tried; this is for a C call that does not return.
_HARD_STOP_GRACE = 5.0
# Seconds between two looks at the workers' CPU time while the main process waits for results.
_CHECK_EVERY = 0.5
# Tasks a worker is sent ahead of its results: the one it cleans and the next, so that it does
# not wait for the main process; more would pile up work behind a slow document.
_QUEUED_PER_WORKER = 2
_READY = "ready"
_warm = False


def _warm_up() -> None:
    """Build the cleaner's caches (the stop-word vote index: 0.3 s) once per process, before the
    first document, so that its time limit counts its own cost only."""
    global _warm
    if not _warm:
        clean_text("A short text, cleaned once so that the caches are built before any document.")
        _warm = True


def _worker(conn: Connection, alive: Connection, config: Config, keep_dropped: bool) -> None:
    """A worker process: clean the tasks that come through `conn`, sending one result per source, in order.

    Ctrl-C is left to the main process, which stops the pool. Ends at None, or when the main
    process is gone (see `_die_with_parent`).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent(alive)
    _return_large_blocks()
    _warm_up()
    try:
        conn.send(_READY)
        while (sources := conn.recv()) is not None:
            for source in sources:
                conn.send(_clean(source, config, keep_dropped))
    except (EOFError, OSError):  # the main process closed the pipe or is gone
        pass


def _die_with_parent(alive: Connection) -> None:
    """End this worker when the main process ends, however it ends (SIGKILL included).

    Without this a killed build's workers wait forever on pipes they hold both ends of, and
    keep the forkserver and resource tracker alive with them. Two ways, as neither covers all:
    - a thread reads `alive`, a pipe whose write end only the main process holds and never
      writes to: the read ends (end of file) once that process is gone, and so does this one;
    - on Linux the kernel kills this process when its parent dies (PR_SET_PDEATHSIG), even in a
      C call that holds the GIL, where the thread cannot run. The parent is the forkserver,
      which exits once every holder of its "alive" pipe has ended: this worker gives up its
      copy (it starts no process), so the forkserver ends with the main process.
    """

    def watch() -> None:
        try:
            alive.recv_bytes()
        except (EOFError, OSError):
            pass
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()
    if not sys.platform.startswith("linux"):
        return
    from multiprocessing import forkserver

    server = getattr(forkserver, "_forkserver", None)
    fd = getattr(server, "_forkserver_alive_fd", None)
    if fd is not None:  # forked by the forkserver
        os.close(fd)
        server._forkserver_alive_fd = None  # type: ignore[union-attr]
    try:
        import ctypes

        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def _cpu_seconds(pid: int) -> float | None:
    """CPU time (user and system) process `pid` has used, from /proc; None where there is none."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            fields = f.read().rpartition(b")")[2].split()
        return (int(fields[11]) + int(fields[12])) / _CLOCK_TICKS
    except (OSError, ValueError, IndexError):
        return None


_CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _feed(conn: Connection, outbox: queue.SimpleQueue) -> None:
    """Send a worker its tasks, from a thread: a send waits while the worker is busy, the main thread must not."""
    while True:
        item = outbox.get()
        try:
            conn.send(item)
        except (OSError, ValueError):  # the worker is gone, or the pool closed the pipe
            return
        if item is None:
            return


# Sources of a task, each with its number in the input.
_Task = list[tuple[int, Source]]


@dataclass(eq=False)
class _Slot:
    """One worker process, and what the main process knows of it."""

    process: multiprocessing.process.BaseProcess
    conn: Connection
    outbox: queue.SimpleQueue
    sender: threading.Thread
    ready: bool = False  # it has started
    tasks: deque[_Task] = field(default_factory=deque)  # sent, oldest first, without the sources done
    done: int = 0  # results it has sent
    # Its CPU time at the first look (`_stop_stuck`) after its `marked`-th result: the document it
    # is on has cost it at least the CPU time since. None: not looked at since its last result.
    mark: float | None = None
    marked: int = 0


def _describe_exit(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        return f"killed by {name}" + (", most often for lack of memory" if name == "SIGKILL" else "")
    return f"exit code {code}"


class _Pool:
    """Worker processes that clean sources; results come back in input order.

    Each worker gets tasks (lists of sources) through its own pipe and sends back one result
    per source, in order, so the main process knows which document each worker is on. A worker
    that dies while cleaning one (killed by the system, a crash in C code) costs that document
    alone, listed as `crashed`; a worker that has spent `document_timeout` + _HARD_STOP_GRACE
    CPU seconds on one document (its own timer could not stop it: a C call that does not
    return) is killed, and the document listed as `timeout`. A new worker takes over the rest
    of its tasks. On Linux, where /proc gives a process's CPU time.
    """

    def __init__(self, workers: int, config: Config, keep_dropped: bool) -> None:
        # forkserver (spawn where there is none): forking a process that runs pyarrow's threads is unsafe.
        method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
        self.context = multiprocessing.get_context(method)
        if method == "forkserver":
            # The server imports the cleaner once; each worker forks from it ready to run.
            self.context.set_forkserver_preload(["corpus.pipeline"])
        self.workers, self.config, self.keep_dropped = workers, config, keep_dropped
        timeout = config.document_timeout
        self.hard_limit = timeout + _HARD_STOP_GRACE if timeout and timeout > 0 else None
        # Every worker gets the read end; the write end stays here, never written (_die_with_parent).
        self.alive_r, self.alive_w = self.context.Pipe(duplex=False)
        self.slots: list[_Slot] = []
        self.last_check = 0.0  # time.monotonic() of the last look for stuck workers

    def _spawn(self) -> _Slot:
        here, there = self.context.Pipe()
        process = self.context.Process(
            target=_worker, args=(there, self.alive_r, self.config, self.keep_dropped), name="cleaner-worker", daemon=True
        )
        process.start()
        there.close()
        outbox: queue.SimpleQueue = queue.SimpleQueue()
        sender = threading.Thread(target=_feed, args=(here, outbox), name="cleaner-feed", daemon=True)
        sender.start()
        return _Slot(process, here, outbox, sender)

    def start(self) -> None:
        """Start every worker and wait until each is up; Ctrl-C and SIGTERM wait until then.

        A process torn down while it starts (the forkserver importing the cleaner) prints a traceback.
        """
        held: list[int] = []
        # Signal handlers can only be set from the main thread; elsewhere the race is left as it is.
        hold = threading.current_thread() is threading.main_thread()
        if hold:
            previous = {s: signal.signal(s, lambda n, _: held.append(n)) for s in (signal.SIGINT, signal.SIGTERM)}
        try:
            for _ in range(self.workers):
                self.slots.append(self._spawn())
            for slot in self.slots:
                self._receive(slot, {}, deque())
        finally:
            if hold:
                for number, handler in previous.items():
                    signal.signal(number, handler)
                if held:
                    signal.raise_signal(held[0])

    def run(self, sources: Iterable[Source]) -> Iterator[_Cleaned | _Failed]:
        """Clean `sources`: their results in input order, at most TASKS_PER_WORKER tasks a worker ahead."""
        numbered = enumerate(sources)
        retry: deque[_Task] = deque()  # the tasks of a worker that died, to send again
        results: dict[int, _Cleaned | _Failed] = {}
        taken = done = 0  # sources taken from `sources`, results handed on
        window = self.workers * TASKS_PER_WORKER * TASK_SOURCES
        exhausted = False
        while True:
            while (slot := self._idlest()) is not None:
                if retry:
                    task = retry.popleft()
                elif exhausted or taken - done >= window:
                    break
                else:
                    task = list(islice(numbered, TASK_SOURCES))
                    if not task:
                        exhausted = True
                        break
                    taken += len(task)
                self._send(slot, task)
            while done in results:
                yield results.pop(done)
                done += 1
            if exhausted and done == taken:
                return
            by_conn = {slot.conn: slot for slot in self.slots}
            for conn in wait(list(by_conn), timeout=_CHECK_EVERY):
                self._receive(by_conn[conn], results, retry)  # type: ignore[index]
            self._stop_stuck(results, retry)

    def _idlest(self) -> _Slot | None:
        """The started worker with the fewest tasks, if it can take one more."""
        free = [slot for slot in self.slots if slot.ready and len(slot.tasks) < _QUEUED_PER_WORKER]
        return min(free, key=lambda slot: len(slot.tasks)) if free else None

    def _send(self, slot: _Slot, task: _Task) -> None:
        if not slot.tasks:
            slot.mark = None  # idle until now: its next document starts the count
        slot.tasks.append(task)
        slot.outbox.put([source for _, source in task])

    def _receive(self, slot: _Slot, results: dict[int, _Cleaned | _Failed], retry: deque[_Task]) -> None:
        """Take every message `slot` has sent; replace it if it died."""
        while True:
            try:
                message = slot.conn.recv()
            except (EOFError, OSError):
                self._replace(slot, results, retry, None)
                return
            if isinstance(message, str):  # _READY
                slot.ready = True
            else:
                task = slot.tasks[0]
                number, _ = task.pop(0)
                results[number] = message
                if not task:
                    slot.tasks.popleft()
                slot.done += 1
            if not slot.conn.poll():
                return

    def _stop_stuck(self, results: dict[int, _Cleaned | _Failed], retry: deque[_Task]) -> None:
        """Kill a worker that has spent more than its hard limit of CPU time on one document.

        Looks at most every _CHECK_EVERY seconds: reading a worker's CPU time from /proc after
        every document cost the main process more than the look is worth.
        """
        now = time.monotonic()
        if self.hard_limit is None or now - self.last_check < _CHECK_EVERY:
            return
        self.last_check = now
        for slot in list(self.slots):
            if not slot.tasks:
                slot.mark = None
                continue
            used = _cpu_seconds(slot.process.pid)  # type: ignore[arg-type]
            if used is None:
                continue
            if slot.mark is None or slot.marked != slot.done:  # on a new document since the last look
                slot.mark, slot.marked = used, slot.done
            elif used - slot.mark > self.hard_limit:
                slot.process.kill()
                slot.process.join()
                timeout = self.config.document_timeout
                error = TimedOut(f"over {timeout:g} s of CPU time to read and clean (its worker was stopped)")
                self._replace(slot, results, retry, error)

    def _replace(
        self, slot: _Slot, results: dict[int, _Cleaned | _Failed], retry: deque[_Task], error: Rejected | None
    ) -> None:
        """`slot`'s worker is gone: its document fails, a new worker takes over the rest of its tasks."""
        # Results it sent before it ended come first: they say which document it was on.
        while True:
            try:
                if not slot.conn.poll():
                    break
                message = slot.conn.recv()
            except (EOFError, OSError):
                break
            if not isinstance(message, str) and slot.tasks:
                task = slot.tasks[0]
                results[task.pop(0)[0]] = message
                if not task:
                    slot.tasks.popleft()
        slot.process.join(timeout=5)
        if not slot.ready:
            raise BrokenProcessPool(f"a worker process ended as it started ({_describe_exit(slot.process.exitcode)})")
        if slot.tasks:
            number, source = slot.tasks[0].pop(0)
            reason = error or Crashed(f"its worker process died ({_describe_exit(slot.process.exitcode)})")
            results[number] = (replace(source, data=None), reason)
            left = [task for task in slot.tasks if task]
            retry.extend(left)
            ordered = sorted(retry, key=lambda task: task[0][0])  # earliest first: results go out in order
            retry.clear()
            retry.extend(ordered)
        self._dispose(slot)
        self.slots[self.slots.index(slot)] = self._spawn()

    def _dispose(self, slot: _Slot) -> None:
        if slot.process.is_alive():
            slot.process.kill()
        slot.process.join(timeout=5)
        slot.outbox.put(None)  # wakes its sender, which ends on it or on the closed pipe
        slot.sender.join(timeout=5)
        slot.conn.close()

    def close(self, graceful: bool) -> None:
        """Stop the workers: let them end when `graceful` (all work done), else kill them."""
        for slot in self.slots:
            if graceful:
                slot.outbox.put(None)
            elif slot.process.is_alive():
                slot.process.kill()
        for slot in self.slots:
            slot.process.join(timeout=10 if graceful else 5)
            self._dispose(slot)
        self.slots.clear()
        self.alive_w.close()
        self.alive_r.close()


def _cleaned(sources: Iterable[Source], config: Config, workers: int, keep_dropped: bool) -> Iterator[_Cleaned | _Failed]:
    """Clean `sources` on `workers` processes (1: in this one); results come in input order."""
    if workers <= 1:
        _warm_up()
        for source in sources:
            yield _clean(source, config, keep_dropped)
        return
    pool = _Pool(workers, config, keep_dropped)
    graceful = False
    try:
        pool.start()
        yield from pool.run(sources)
        graceful = True
    finally:
        pool.close(graceful)


def default_workers() -> int:
    """Cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


# --- the two passes -----------------------------------------------------------------------------


class _Dedup:
    """Exact and near-duplicate decisions, in input order; the first document of a cluster is kept."""

    def __init__(self, config: Config) -> None:
        self.exact: dict[bytes, int] = {}  # body digest -> first document with it
        self.near = NearDupIndex(
            num_hashes=config.minhash_hashes, bands=config.minhash_bands, threshold=config.near_dup_threshold
        )
        self.root = array("q")  # document number -> number of its cluster's kept document
        self.size: dict[int, int] = {}  # kept document number -> its cluster's size
        self.ids: dict[int, str] = {}  # kept document number -> its id

    def add(self, item: _Cleaned, doc_id: str) -> tuple[str, int, float] | None:
        """None if `item` is kept, else (kind, number of its cluster's kept document, similarity)."""
        n = len(self.root)
        match: tuple[str, int, float] | None = None
        if (first := self.exact.get(item.digest)) is not None:
            match = (EXACT, first, 1.0)
        else:
            self.exact[item.digest] = n
            if (near := self.near.add(n, item.signature)) is not None:
                match = (NEAR, near[0], near[1])
        if match is None:
            self.root.append(n)
            self.size[n] = 1
            self.ids[n] = doc_id
            return None
        kind, other, similarity = match
        root = self.root[other]
        self.root.append(root)
        self.size[root] += 1
        return kind, root, similarity


def _repeated(keys: list[np.ndarray], min_docs: int) -> np.ndarray:
    """The line keys found in at least `min_docs` of the documents (each given its unique keys)."""
    if min_docs <= 0 or not keys:
        return np.empty(0, dtype=np.uint64)
    values, counts = np.unique(np.concatenate(keys), return_counts=True)
    return values[counts >= min_docs]


def _corpus(
    files: list[tuple[Path, str]],
    *,
    config: Config,
    workers: int | None,
    summary: BuildSummary,
    on_error: OnError | None,
    on_duplicate: OnDuplicate | None,
    progress: Progress | None,
    tmp_dir: Path | None,
    keep_dropped: bool = True,
    spill_name: str = ".cleaner-build-",
) -> Iterator[tuple[Source, Document, Counter[str] | None]]:
    """The kept (source, Document, dropped blocks per reason) of a corpus build, in input order.

    `summary` is kept up to date. Without `keep_dropped`, documents come with an empty
    `dropped` list and their dropped blocks counted per reason instead; with it, the counts are None.
    """
    total = sum(file_size(path) for path, _ in files)
    _return_large_blocks()

    def failed(source: Source, exc: Exception) -> None:
        summary.read += 1
        if on_error is None:
            raise exc
        on_error(source, exc)

    dedup = _Dedup(config)
    line_keys: list[np.ndarray] = []  # unique line keys of each kept document
    done = 0
    with tempfile.TemporaryDirectory(dir=tmp_dir, prefix=spill_name) as tmp:
        # Kept documents and duplicates, in input order, as `_Spilled` batches.
        spill = Path(tmp) / "pass1.pickle"
        with spill.open("wb") as out:
            batch: list[_Spilled] = []
            sources = iter_sources(files, failed, max_bytes=config.max_document_bytes or None)
            for item in _cleaned(sources, config, workers or default_workers(), keep_dropped):
                source = item[0] if isinstance(item, tuple) else item.source
                done += source.size
                if isinstance(item, tuple):
                    error = item[1]
                    failed(source, error if isinstance(error, CleanError) else CleanError(error))
                else:
                    summary.read += 1
                    _first_pass(item, dedup, summary, batch, line_keys)
                if len(batch) >= SPILL_BATCH:
                    pickle.dump(batch, out, pickle.HIGHEST_PROTOCOL)
                    batch = []
                if progress is not None:
                    progress(summary.read, done, total)
            pickle.dump(batch, out, pickle.HIGHEST_PROTOCOL)
        repeated = _repeated(line_keys, config.repeated_line_min_docs)
        del line_keys
        emptied: set[int] = set()  # kept documents that repeated-line removal left empty
        with spill.open("rb") as f:
            while True:
                try:
                    batch = pickle.load(f)
                except EOFError:
                    break
                for entry in batch:
                    if isinstance(entry[0], Duplicate):
                        dup, root = entry
                        if root in emptied:  # as good as empty too: not a duplicate of anything written
                            summary.empty += 1
                            if dup.kind == EXACT:
                                summary.duplicates -= 1
                            else:
                                summary.near_duplicates -= 1
                        elif on_duplicate is not None:
                            on_duplicate(dup)
                        continue
                    source, doc, keys, n, reasons = entry
                    if _second_pass(doc, keys, reasons, repeated, summary):
                        doc.dup_cluster_size = dedup.size[n]
                        summary.documents += 1
                        yield source, doc, reasons
                    else:
                        emptied.add(n)


# A kept document (source, Document, its line keys, its number, its dropped reasons), or (a duplicate, its
# kept document's number).
_Spilled = tuple[Source, Document, np.ndarray, int, "Counter[str] | None"] | tuple["Duplicate", int]


def _first_pass(
    item: _Cleaned, dedup: _Dedup, summary: BuildSummary, spill: list[_Spilled], line_keys: list[np.ndarray]
) -> None:
    """Decide on one cleaned document: degenerate, too large, empty, duplicate, or kept; add the last two to `spill`."""
    if item.verdict == DEGENERATE:
        summary.degenerate += 1
        return
    if item.verdict == TOO_LARGE:
        summary.too_large += 1
        return
    doc = item.doc
    if not doc.text.strip():
        summary.empty += 1
        return
    doc.id, doc.source = doc_id(item.source.name), item.source.name
    n = len(dedup.root)
    verdict = dedup.add(item, doc.id)
    if verdict is not None:
        kind, root, similarity = verdict
        if kind == EXACT:
            summary.duplicates += 1
        else:
            summary.near_duplicates += 1
        spill.append((Duplicate(doc.id, doc.source, doc.url, dedup.ids[root], kind, similarity), root))
        return
    doc.dup_cluster_id = doc.id
    spill.append((item.source, doc, item.line_keys, n, item.reasons))
    # A line counts once per document: repeating within one page is not repeating across a site.
    line_keys.append(np.unique(item.line_keys))


def _second_pass(
    doc: Document, keys: np.ndarray, reasons: Counter[str] | None, repeated: np.ndarray, summary: BuildSummary
) -> bool:
    """Drop `doc`'s repeated lines; False when nothing is left."""
    if repeated.size:
        drop = np.isin(keys, repeated)
        if drop.any():
            lines = doc.text.split("\n")
            doc.text = "\n".join(line for line, d in zip(lines, drop, strict=True) if not d)
            if reasons is None:
                doc.dropped.extend(
                    Dropped(line, REPEATED_LINE, "corpus", 0) for line, d in zip(lines, drop, strict=True) if d
                )
            else:
                reasons[REPEATED_LINE] += int(drop.sum())
            summary.repeated_lines += int(drop.sum())
    if not doc.text.strip():
        summary.empty += 1
        return False
    return True


# --- the public entry points -------------------------------------------------------------------


def _find(inputs: Inputs) -> list[tuple[Path, str]]:
    return find_inputs([inputs] if isinstance(inputs, (str, os.PathLike)) else inputs)


def documents(
    inputs: Inputs,
    *,
    config: Config = DEFAULT,
    workers: int | None = None,
    on_error: OnError | None = None,
    on_duplicate: OnDuplicate | None = None,
    progress: Progress | None = None,
    tmp_dir: str | os.PathLike[str] | None = None,
) -> Iterator[Document]:
    """The corpus as a stream of `Document`s: cleaned, deduplicated, repeated lines dropped, in input order.

    `inputs` is a folder, a JSON Lines or WARC file, or a list of them. The first document comes
    after the first pass has read every input. A source that cannot be read or cleaned raises
    (`CleanError` or the reader's error) unless `on_error(source, exc)` is given. `workers`
    defaults to every core; call from under `if __name__ == "__main__":` in a script, as
    multiprocessing requires. `tmp_dir` holds the spill between the passes (the system's default).
    A source over its budget or not text raises a `Rejected` error (TooLarge, NotText,
    TimedOut, Crashed), a CleanError, that `on_error` gets as well; a body left out as
    degenerate or too large is skipped, like an empty one.
    """
    summary = BuildSummary()
    for _, doc, _ in _corpus(
        _find(inputs),
        config=config,
        workers=workers,
        summary=summary,
        on_error=on_error,
        on_duplicate=on_duplicate,
        progress=progress,
        tmp_dir=Path(tmp_dir) if tmp_dir else None,
    ):
        yield doc


def build(
    inputs: Inputs,
    output_path: str | os.PathLike[str],
    *,
    config: Config = DEFAULT,
    workers: int | None = None,
    duplicates: str | os.PathLike[str] | None = None,
    progress: Progress | None = None,
) -> BuildSummary:
    """Clean `inputs` into one Parquet file at `output_path`; list removed duplicates at `duplicates`.

    Sources that cannot be read or cleaned, or are over their budget (see `Config`), are
    recorded in the summary with their reason, not raised. The output files appear only when
    the build succeeds; on any error or interrupt nothing is written and an earlier file at the
    same path is left as it was. While it runs the build holds a lock beside each output
    (`.NAME.lock`); on taking it, it removes what a killed build of the same output left there.
    Raises FileNotFoundError, ValueError or NotADirectoryError on an unusable input, OutputBusy
    when another build is writing the same output, OSError when the output cannot be written.
    """
    output = Path(output_path)
    summary = BuildSummary()
    files = _find(inputs)  # before creating any file: a bad input raises here

    def failed(source: Source, exc: Exception) -> None:
        reason = str(exc) if isinstance(exc, CleanError) else f"{type(exc).__name__}: {exc}"
        summary.failures.append((source.name, reason.splitlines()[0]))

    locked = output_lock(output, *([Path(duplicates)] if duplicates else []))
    dup_writer = parquet_writer(Path(duplicates), DUPLICATES_SCHEMA) if duplicates else nullcontext(None)
    with locked, parquet_writer(output, SCHEMA) as write, dup_writer as write_duplicate:
        on_duplicate = (lambda d: write_duplicate(duplicate_row(d))) if write_duplicate else None
        for source, doc, reasons in _corpus(
            files,
            config=config,
            workers=workers,
            summary=summary,
            on_error=failed,
            on_duplicate=on_duplicate,
            progress=progress,
            tmp_dir=output.parent,
            keep_dropped=False,
            spill_name=spill_prefix(output),
        ):
            write(to_row(source, doc, reasons))
    return summary
