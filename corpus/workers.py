"""Running the cleaner on many sources: worker processes, each document's CPU-time limit, and
workers that die with the build.

`run` hands each source to `work` (the cleaning) in worker processes and yields the outcomes
in input order. Each document gets `seconds` of CPU time (`cpu_limit`, a timer inside the
worker); a worker stuck past that in a C call is killed by the pool and replaced, and one
killed by the system (for memory) costs its document alone (`Crashed`). Workers watch the
build and end with it, however it ends.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import chain, islice
from multiprocessing.connection import Connection, wait
from typing import Any

from cleaner import DEFAULT, Block, Config, Document, clean_html, clean_text, explain_html, explain_text

from .config import CORPUS_DEFAULT, CorpusConfig
from .sources import HTML, CleanError, OnError, Rejected, Source, load

# Sources per task sent to a worker: large enough that inter-process traffic is a small share of
# the work (a task is ~0.1 s of cleaning), small enough to keep the workers evenly busy.
TASK_SOURCES = 16
# Tasks in flight per worker: keeps the workers fed while bounding the documents held in memory.
TASKS_PER_WORKER = 4
# Sources read while the workers start (`_Pool.start`), at most: their data in bytes (or characters), and their number.
_EARLY_BYTES = 128 * 1024 * 1024
_EARLY_SOURCES = 4096


class TimedOut(Rejected):
    """A source that took more than its CPU time (`CorpusConfig.document_timeout`) to read and clean."""

    reason = "timeout"


class Crashed(Rejected):
    """A source whose worker process died while cleaning it (killed by the system, e.g. for memory)."""

    reason = "crashed"


# What `work` made of a source, or why it failed: a Rejected error, or the message of another one
# (an exception may not pickle on its way back from a worker).
Outcome = object
Work = Callable[[Source], object]


def attempt(work: Work, source: Source, seconds: float | None) -> Outcome:
    """`work(source)` within `seconds` of CPU time; a failure as a Rejected error or a one-line message."""
    limit = cpu_limit(seconds)
    outcome: Outcome
    try:
        with limit:
            outcome = work(source)
    except _Expired:
        limit.fired = True
    except Rejected as exc:
        outcome = exc
    except Exception as exc:  # noqa: BLE001 - recorded as a failure; exceptions may not pickle
        outcome = f"{type(exc).__name__}: {exc}".splitlines()[0]
    # Fired, but its exception never came here: Python drops an exception raised in a garbage collector's callback
    # or a __del__ (the signal's handler runs wherever the time runs out). The document took too long all the same.
    return TimedOut(f"over {seconds:g} s of CPU time to read and clean") if limit.fired else outcome


def failed(outcome: Outcome) -> bool:
    """Whether an outcome of `attempt` is a failure."""
    return isinstance(outcome, (Rejected, str))


# --- one source at a time, in this process (`cleaner clean`, `corpus.clean_sources`) -------------


def _load(source: Source, corpus_config: CorpusConfig) -> str:
    return load(source, max_bytes=corpus_config.max_document_bytes or None, max_control=corpus_config.not_text_max_control)


def clean_source(source: Source, *, config: Config = DEFAULT, corpus_config: CorpusConfig = CORPUS_DEFAULT) -> Document:
    """Read and clean one source; the metadata its input gives (JSON Lines fields, WARC headers) goes in as known.

    Raises TooLarge or NotText (see `load`) on a source over `corpus_config.max_document_bytes`
    or not text; the time limit is the caller's (`build` and `documents` set it).
    """
    clean = clean_html if source.format == HTML else clean_text
    markdown = corpus_config.text_format == "markdown"
    return clean(
        _load(source, corpus_config), markdown=markdown, config=config, known=source.meta, defaults=source.fallback
    )


def explain_source(
    source: Source, *, config: Config = DEFAULT, corpus_config: CorpusConfig = CORPUS_DEFAULT
) -> tuple[Document, list[Block]]:
    """`clean_source`, and every block of the source with its label and rule (see `explain_text`)."""
    explain = explain_html if source.format == HTML else explain_text
    doc, blocks = explain(_load(source, corpus_config), config=config, known=source.meta, defaults=source.fallback)
    return doc, list(blocks)


def clean_sources(
    sources: Iterable[Source],
    *,
    config: Config = DEFAULT,
    corpus_config: CorpusConfig = CORPUS_DEFAULT,
    on_error: OnError | None = None,
) -> Iterator[tuple[Source, Document]]:
    """(source, Document) for each source, no deduplication; a failure goes to `on_error`, or raises.

    Each source has the budgets of `corpus_config` (a TimedOut, TooLarge or NotText failure).
    """
    work = partial(clean_source, config=config, corpus_config=corpus_config)
    yield from _one_by_one(work, sources, corpus_config, on_error)  # type: ignore[misc]


def explain_sources(
    sources: Iterable[Source],
    *,
    config: Config = DEFAULT,
    corpus_config: CorpusConfig = CORPUS_DEFAULT,
    on_error: OnError | None = None,
) -> Iterator[tuple[Source, tuple[Document, list[Block]]]]:
    """`clean_sources` with the blocks of each source (see `explain_source`)."""
    work = partial(explain_source, config=config, corpus_config=corpus_config)
    yield from _one_by_one(work, sources, corpus_config, on_error)  # type: ignore[misc]


def _one_by_one(
    work: Work, sources: Iterable[Source], corpus_config: CorpusConfig, on_error: OnError | None
) -> Iterator[tuple[Source, object]]:
    for source in sources:
        outcome = attempt(work, source, corpus_config.document_timeout)
        if failed(outcome):
            error = outcome if isinstance(outcome, CleanError) else CleanError(outcome)
            if on_error is None:
                raise error
            on_error(source, error)
            continue
        yield source, outcome


# --- the time limit of one document -----------------------------------------------------------


class _Expired(BaseException):
    """Raised by the CPU timer in the code cleaning a document: a BaseException, so that no
    `except Exception` in the cleaner or a library it calls takes it for an error of its own."""


_timer_armed = False
_timer_fired = False


def _on_timer(signum: int, frame: object) -> None:
    """SIGPROF: raise _Expired once, and only while a document is being cleaned."""
    global _timer_armed, _timer_fired
    if _timer_armed:
        _timer_armed = False
        _timer_fired = True
        raise _Expired


class cpu_limit:  # noqa: N801 - used as a function, like contextlib's context managers
    """In its block, raise _Expired once this process has spent `seconds` of CPU time there.

    The timer (ITIMER_PROF) counts this process's CPU time, user and system, not the wall
    clock: what times out does not depend on the machine's load or on the number of workers.
    It fires once and raises at most once, only between entering and leaving the block
    (`attempt` catches it there), so it never goes off in other code. A Python signal handler
    runs between bytecodes (`re` checks for signals as it matches), so a C call that does not
    return is not stopped here: the worker pool kills such a worker (`_Pool`). Without a timer
    (not Unix, or not the main thread) there is no limit.
    """

    def __init__(self, seconds: float | None) -> None:
        usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
        self.seconds = seconds if usable and seconds and seconds > 0 else None
        self.previous: object = None
        self.fired = False  # the time ran out in the block (its exception may have been dropped: see `attempt`)

    def __enter__(self) -> None:
        global _timer_armed, _timer_fired
        if self.seconds is None:
            return
        self.previous = signal.signal(signal.SIGPROF, _on_timer)
        _timer_fired = False
        _timer_armed = True
        signal.setitimer(signal.ITIMER_PROF, self.seconds)

    def __exit__(self, *exc: object) -> None:
        global _timer_armed
        if self.seconds is None:
            return
        _timer_armed = False  # first: from here on a SIGPROF raises nothing
        self.fired = self.fired or _timer_fired
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, signal.SIG_DFL if self.previous is None else self.previous)  # type: ignore[arg-type]


# --- the worker processes -------------------------------------------------------------------

# glibc's mallopt parameter for the size from which an allocation gets its own mmap.
_M_MMAP_THRESHOLD = -3


def return_large_blocks() -> None:
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
# CPU seconds past `CorpusConfig.document_timeout` after which the pool kills a worker still on one
# document. The worker's own timer stops Python code (and `re`) within 0.4 s of the limit on
# the pathological pages tried; this is for a C call that does not return.
_HARD_STOP_GRACE = 5.0
# Seconds between two looks at the workers' CPU time while the main process waits for results.
_CHECK_EVERY = 0.5
# Tasks a worker is sent ahead of its results: the one it cleans and the next, so that it does
# not wait for the main process; more would pile up work behind a slow document.
_QUEUED_PER_WORKER = 2
_READY = None  # what a worker sends once it is up (an outcome is never None)
_warm = False


def _warm_up() -> None:
    """Build the cleaner's caches (the stop-word vote index: 0.3 s) once per process, before the
    first document, so that its time limit counts its own cost only."""
    global _warm
    if not _warm:
        clean_text("A short text, cleaned once so that the caches are built before any document.")
        _warm = True


def _worker(conn: Connection, alive: Connection, work: Work, seconds: float | None) -> None:
    """A worker process: run `work` on the tasks that come through `conn`, sending one outcome per source, in order.

    Ctrl-C is left to the main process, which stops the pool. Ends at None, or when the main
    process is gone (see `_die_with_parent`).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent(alive)
    return_large_blocks()
    _warm_up()
    try:
        conn.send(_READY)
        while (sources := conn.recv()) is not None:
            for source in sources:
                conn.send(attempt(work, source, seconds))
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

    def __init__(self, workers: int, work: Work, seconds: float | None) -> None:
        # forkserver (spawn where there is none): forking a process that runs pyarrow's threads is unsafe.
        method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
        # typeshed's BaseContext lacks `Process`, which every concrete context has.
        self.context: Any = multiprocessing.get_context(method)
        if method == "forkserver":
            # The server imports the cleaner and builds its caches once; each worker forks from it ready to run.
            self.context.set_forkserver_preload(["corpus._preload"])
        self.workers, self.work, self.seconds = workers, work, seconds
        self.hard_limit = seconds + _HARD_STOP_GRACE if seconds and seconds > 0 else None
        # Every worker gets the read end; the write end stays here, never written (_die_with_parent).
        self.alive_r, self.alive_w = self.context.Pipe(duplex=False)
        self.slots: list[_Slot] = []
        self.last_check = 0.0  # time.monotonic() of the last look for stuck workers

    def _spawn(self) -> _Slot:
        here, there = self.context.Pipe()
        process = self.context.Process(
            target=_worker, args=(there, self.alive_r, self.work, self.seconds), name="cleaner-worker", daemon=True
        )
        process.start()
        there.close()
        outbox: queue.SimpleQueue = queue.SimpleQueue()
        sender = threading.Thread(target=_feed, args=(here, outbox), name="cleaner-feed", daemon=True)
        sender.start()
        return _Slot(process, here, outbox, sender)

    def start(self, ahead: Iterator[Source] | None = None) -> deque[Source]:
        """Start every worker and wait until each is up; Ctrl-C and SIGTERM wait until then.

        Meanwhile the first sources of `ahead` are read and returned (up to _EARLY_BYTES of data,
        _EARLY_SOURCES sources): the forkserver takes about a second of one core to import the
        cleaner and build its caches, in which the main process would only wait, and reading
        (inflating WARC files) is most of its own work. A process torn down while it starts
        prints a traceback.
        """
        held: list[int] = []
        early: deque[Source] = deque()
        # Signal handlers can only be set from the main thread; elsewhere the race is left as it is.
        hold = threading.current_thread() is threading.main_thread()
        if hold:
            previous = {s: signal.signal(s, lambda n, _: held.append(n)) for s in (signal.SIGINT, signal.SIGTERM)}
        try:
            # Starting a worker waits for the forkserver to be up (it answers with the worker's
            # pid), so the workers are started from a thread while this one reads.
            spawned: list[_Slot] = []
            errors: list[BaseException] = []
            spawner = threading.Thread(target=self._spawn_all, args=(spawned, errors), name="cleaner-spawn", daemon=True)
            spawner.start()
            try:
                size = 0
                while ahead is not None and spawner.is_alive() and size < _EARLY_BYTES and len(early) < _EARLY_SOURCES:
                    if (source := next(ahead, None)) is None:
                        break
                    early.append(source)
                    size += len(source.data or "")
            finally:
                spawner.join()
                self.slots.extend(spawned)  # so that `close` stops them, whatever happened here
            if errors:
                raise errors[0]
            for slot in self.slots:
                self._receive(slot, {}, deque())
        finally:
            if hold:
                for number, handler in previous.items():
                    signal.signal(number, handler)
                if held:
                    signal.raise_signal(held[0])
        return early

    def _spawn_all(self, spawned: list[_Slot], errors: list[BaseException]) -> None:
        """Start the workers into `spawned`; an error goes to `errors` (this runs in a thread)."""
        try:
            for _ in range(self.workers):
                spawned.append(self._spawn())
        except BaseException as exc:  # noqa: BLE001 - raised again by `start`, in the main thread
            errors.append(exc)

    def run(self, sources: Iterable[Source]) -> Iterator[tuple[Source, Outcome]]:
        """(source without its data, outcome) for each of `sources`, in input order, at most TASKS_PER_WORKER tasks a worker ahead."""
        numbered = enumerate(sources)
        retry: deque[_Task] = deque()  # the tasks of a worker that died, to send again
        results: dict[int, tuple[Source, Outcome]] = {}
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

    def _receive(self, slot: _Slot, results: dict[int, tuple[Source, Outcome]], retry: deque[_Task]) -> None:
        """Take every message `slot` has sent; replace it if it died."""
        while True:
            try:
                message = slot.conn.recv()
            except (EOFError, OSError):
                self._replace(slot, results, retry, None)
                return
            if message is _READY:
                slot.ready = True
            else:
                task = slot.tasks[0]
                number, source = task.pop(0)
                results[number] = (replace(source, data=None), message)
                if not task:
                    slot.tasks.popleft()
                slot.done += 1
            if not slot.conn.poll():
                return

    def _stop_stuck(self, results: dict[int, tuple[Source, Outcome]], retry: deque[_Task]) -> None:
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
                error = TimedOut(f"over {self.seconds:g} s of CPU time to read and clean (its worker was stopped)")
                self._replace(slot, results, retry, error)

    def _replace(
        self, slot: _Slot, results: dict[int, tuple[Source, Outcome]], retry: deque[_Task], error: Rejected | None
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
            if message is not _READY and slot.tasks:
                task = slot.tasks[0]
                number, source = task.pop(0)
                results[number] = (replace(source, data=None), message)
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


def run(work: Work, sources: Iterable[Source], workers: int, seconds: float | None) -> Iterator[tuple[Source, Outcome]]:
    """(source without its data, outcome of `work` on it) for each source, in input order.

    On `workers` processes (1: in this one), each source within `seconds` of CPU time (see
    `attempt`). `work` must be picklable (a module-level function, or a partial of one).
    """
    if workers <= 1:
        _warm_up()
        for source in sources:
            outcome = attempt(work, source, seconds)
            yield replace(source, data=None), outcome
        return
    pool = _Pool(workers, work, seconds)
    graceful = False
    sources = iter(sources)
    try:
        yield from pool.run(chain(_emptied(pool.start(sources)), sources))
        graceful = True
    finally:
        pool.close(graceful)


def _emptied(items: deque[Source]) -> Iterator[Source]:
    """The items of `items`, each let go of as it is handed on (they hold the documents read early)."""
    while items:
        yield items.popleft()


def default_workers() -> int:
    """Cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
