"""The cleaner as a datatrove extractor: `CleanerExtractor` goes where FineWeb-style pipelines put `Trafilatura`.

    WarcReader(...) -> CleanerExtractor() -> filters -> JsonlWriter(...)

Each Document's text is HTML (as `WarcReader` yields it) or plain text, told apart as `cleaner
clean` tells standard input apart (`sources.sniff`). The extractor replaces it with the cleaned
body and puts the project's metadata in `doc.metadata`, as a corpus row has it (`document_columns`:
title, date, author, site, url, language, language_score, n_chars, n_words), plus `format`
and `dropped_reasons` (reason -> blocks dropped). A document whose body is empty is dropped.

Re-exported by `corpus.datatrove`; datatrove is imported here only (the `scale` extra).
"""

from __future__ import annotations

from collections import Counter
from operator import itemgetter

from datatrove.data import DocumentsPipeline
from datatrove.pipeline.extractors.base import BaseExtractor, ExtractorSandbox
from datatrove.utils.logging import logger
from datatrove.utils.typeshelper import StatHints

from cleaner import Config, clean_html, clean_text

from .parquet import document_columns
from .sources import FORMATS, HTML, TEXT, CleanError, sniff
from .workers import _warm_up

# Characters of a document's start handed to `sniff`, which reads its first 1 KiB after whitespace.
_HEAD = 4096
# Prefix of the stats that count dropped blocks per reason: apart from datatrove's own names (`dropped`...).
DROPPED_BLOCKS = "dropped_"


def document_format(text: str) -> str:
    """`sources.HTML` or `sources.TEXT` for a document's text, as `cleaner clean` reads standard input."""
    # `sniff` also knows WARC and JSON Lines files: a single document that starts so is text.
    return FORMATS.get(sniff(text.lstrip()[:_HEAD].encode("utf-8", "replace")), TEXT)


class CleanerExtractor(BaseExtractor):
    """The cleaner as a datatrove extractor, with datatrove's per-document timeout (wall-clock seconds).

    `favor` is the cleaner's `Config.favor` ("balanced", "precision" as trafilatura's
    `favour_precision`, "recall"); `markdown` makes the text the kept blocks as CommonMark;
    `include_comments` keeps readers' comments after the body. A WARC record's URL
    (`metadata["url"]`) goes in as known metadata and its crawl date (`metadata["date"]`) as the
    date where the page gives none, as `cleaner build` does; the project's date then replaces it.

    Stats: datatrove's extractor counts (total, extracted, forwarded, dropped, timeout,
    clean_error, broken_process), and `dropped_REASON` the blocks dropped per reason.
    """

    name = "⛏ cleaner"

    def __init__(
        self, favor: str = "balanced", markdown: bool = False, include_comments: bool = False, timeout: float = 5.0
    ) -> None:
        """See the class; `Config` checks `favor`. The timeout is 10x the slowest gold page (0.5 s)."""
        super().__init__(timeout)
        self._warned_error: bool = False  # BaseExtractor's flag, typed here (datatrove has no annotations)
        self.config = Config(favor=favor, include_comments=include_comments)
        self.markdown = markdown

    def extract(self, text: str) -> str:
        """The cleaned body of one document (HTML or text), "" when nothing is kept: BaseExtractor's interface."""
        return self.clean(text)[0]

    def clean(self, text: str, url: str | None = None, date: str | None = None) -> tuple[str, dict]:
        """(cleaned body or "", the project's metadata) of one document; `url` known, `date` a default."""
        fmt = document_format(text)
        clean = clean_html if fmt == HTML else clean_text
        known = {"url": url} if url else None
        defaults = {"date": date} if date else None
        doc = clean(text, markdown=self.markdown, config=self.config, known=known, defaults=defaults)
        body = doc.markdown if self.markdown and doc.markdown is not None else doc.text
        reasons = Counter(map(itemgetter(1), doc.dropped))
        meta = {**document_columns(doc, body), "format": fmt, "dropped_reasons": dict(sorted(reasons.items()))}
        # Empty as the build counts it: a body of whitespace alone is no document.
        return (body if doc.text.strip() else ""), meta

    def _sandboxed(self, text: str, url: str | None = None, date: str | None = None) -> tuple[str, dict] | Exception:
        """`clean` in the sandbox's process: an error is returned, since one raised there kills the process."""
        try:
            return self.clean(text, url, date)
        except Exception as exc:  # noqa: BLE001 - the sandbox re-raises it in the pipeline's process
            # A CleanError with the message pickles whatever the original error holds.
            return CleanError(f"{type(exc).__name__}: {exc}")

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        """BaseExtractor's loop, which hands the sandbox the URL and date too and keeps the metadata it returns."""
        _warm_up()  # the cleaner's caches, built before the sandbox forks: no document's timeout pays for them
        with ExtractorSandbox(timeout=self.timeout, warmup_text="") as sandbox:
            for doc in data:
                self.stat_update(StatHints.total)
                with self.track_time():
                    url, date = (v if isinstance(v := doc.metadata.get(k), str) else None for k in ("url", "date"))
                    try:
                        text, meta = sandbox.process_document((doc.text, url, date), self._sandboxed)
                        self.stat_update("extracted")
                    except TimeoutError:
                        self.stat_update("timeout")
                        logger.warning("⏰ Timeout while cleaning record text. Skipping record.")
                        continue
                    except EOFError:  # the sandbox's process died (out of memory): a new one takes the next
                        self.stat_update("broken_process")
                        logger.warning("Process died unexpectedly, will create new process for next document")
                        continue
                    except Exception as exc:  # noqa: BLE001 - one document's failure, counted, as BaseExtractor does
                        self.stat_update("clean_error")
                        if not self._warned_error:
                            logger.warning(f'❌ Error "{exc}" while cleaning record text. Skipping record. '
                                           "This message will only appear once.")  # fmt: skip
                            self._warned_error = True
                        continue
                for reason, count in meta["dropped_reasons"].items():
                    self.stat_update(DROPPED_BLOCKS + reason, value=count)
                doc.text = text
                doc.metadata.update(meta)
                if doc.text:
                    self.stat_update(StatHints.forwarded)
                    self.update_doc_stats(doc)
                    yield doc
                else:
                    self.stat_update(StatHints.dropped)
