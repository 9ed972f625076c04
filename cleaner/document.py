"""The data that flows through the cleaner: blocks in, a `Document` out."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import NamedTuple

BODY = "body"
TITLE = "title"
# A reader's comment, kept after the body when comments are asked for (`Config.include_comments`).
COMMENT = "comment"


@dataclass(slots=True)
class Block:
    """One unit of the source (a line of text, a paragraph-level HTML element) with its features."""

    text: str
    line: int  # 1-based line number in a text source; for HTML, the block's position
    # Features shared by both sources (`blocks.set_features`).
    n_chars: int = 0
    n_words: int = 0
    terminal: bool = False  # ends like a sentence
    bullet: bool = False  # starts with a list bullet (text) or is an <li> (HTML)
    # Features only HTML gives.
    tag: str = ""
    heading: int = 0  # 1-6 for <h1>..<h6>
    link_density: float = 0.0  # share of the text inside links
    depth: int = 0
    hint: str = ""  # class/id category of the nearest hinted ancestor, if any
    # Set by the classifier.
    label: str = BODY  # "body", "title", "comment", or a chrome kind: the reason code when dropped
    rule: str = ""  # name of the rule or context step that decided the label


class Dropped(NamedTuple):
    """A block left out of the body, with its reason code (a tuple: a page drops hundreds)."""

    text: str
    reason: str
    rule: str
    line: int


@dataclass(slots=True)
class Document:
    """A cleaned article: body text, metadata, language, and what was dropped and why."""

    text: str
    title: str | None = None
    date: str | None = None  # ISO 8601
    author: str | None = None
    site: str | None = None
    url: str | None = None
    language: str | None = None
    language_score: float | None = None
    dropped: list[Dropped] = field(default_factory=list)
    markdown: str | None = None  # the kept blocks as CommonMark, when asked for (`markdown=True`)

    def shown_metadata(self) -> list[tuple[str, str | None]]:
        """The metadata as `--meta` and the explain page show it: (name, value), the language with its score."""
        language = self.language
        if language and self.language_score is not None:
            language = f"{language} ({self.language_score:.2f})"
        return [("title", self.title), ("date", self.date), ("author", self.author), ("site", self.site),
                ("url", self.url), ("language", language)]  # fmt: skip

    def to_dict(self) -> dict[str, object]:
        """The Document as plain data for JSON: its fields, and each dropped block as {line, reason, rule, text}."""
        data: dict[str, object] = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "dropped"}
        data["dropped"] = [{"line": d.line, "reason": d.reason, "rule": d.rule, "text": d.text} for d in self.dropped]
        return data
