"""Kept blocks written out by their kind: the lines of `Document.text`, and CommonMark for `Document.markdown`.

A block's kind (`Blocks.kind`) is a short code; the classifier never reads it, it only says
how a kept block is written:

    ""            paragraph
    "h1".."h6"    heading of that level
    "u2", "o1"    list item, unordered or ordered, at that nesting depth (1: a top-level list)
    "c2"          a further paragraph of a list item at that depth
    "j"           the rest of a heading or list item after a line break: on its line in Markdown
    "tr"          table row, its cells joined by a tab in the block's text
    "pre"         preformatted text
    ">" + kind    any of these inside a quote

Both sources (`html.walk`, `blocks.text_blocks`) give these kinds, so one renderer serves both.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from itertools import compress, count

from .blocks import Blocks, nested_kinds, positions
from .document import BODY, COMMENT

# Characters that would start markup anywhere in a line: backslash, code, emphasis with "*",
# a link's or a link definition's "]" (before "(", "[" or ":"; a bare "[2]" is text), HTML
# and autolinks (before a letter, "/", "!" or "?"), entity references. "_" only starts
# emphasis at a word's edge (CommonMark: "_" between two letters or digits is literal); an "_"
# beside another is at an edge ("__init__": the inner ones open and close emphasis).
_INLINE = re.compile(r"[\\`*]|\](?=[(\[:])|<(?=[A-Za-z/!?])|(?<![^\W_])_|_(?![^\W_])|&(?=#?\w+;)")
_MAYBE_INLINE = re.compile(r"[\\`*\]<_&]")
# A line starting with these would be a heading, quote, list item, thematic break or code fence.
_LEAD = re.compile(r"#{1,6}(?=\s|$)|>|[-+](?=\s|$)|-{3,}|~{3,}|(\d{1,9})([.)])(?=\s|$)")
_BACKTICKS = re.compile(r"`+")
# A heading's last "#" and the backslashes before it: an odd number escape it already (`escape`
# doubles the text's own), else it could end a closing sequence ("## C #" reads as "C").
_HEADING_END = re.compile(r"(\\*)#$")
_HEADING = re.compile(r"#{1,6} ")


def escape(text: str) -> str:
    """`text` with the Markdown characters that would change its meaning escaped by a backslash."""
    if _MAYBE_INLINE.search(text):  # most text has none: one scan for a character class is cheaper
        text = _INLINE.sub(r"\\\g<0>", text)
    if m := _LEAD.match(text):
        text = f"{m[1]}\\{m[2]}{text[m.end():]}" if m[1] else "\\" + text
    return text


def _end_heading(line: str) -> str:
    """A heading's Markdown `line` with its last "#" escaped, unless it is already."""
    if line.endswith("#") and (m := _HEADING_END.search(line)) and not len(m[1]) % 2:
        return line[:-1] + "\\#"
    return line


def plain_lines(blocks: Blocks, keep: Iterable[int]) -> list[str]:
    """The lines of `Document.text` for the blocks at `keep`: a list item keeps its bullet.

    A text source's item (or "#" heading) is its line as written (`Blocks.as_written`); an HTML
    item gets "- ", or its number and "." in an ordered list. Only the blocks with a kind are
    visited: most lines are paragraphs.
    """
    text, kind, written = blocks.text, blocks.kind, blocks.as_written
    keep = list(keep)
    if written is not None:  # a text source: every line as written, which is its text but for markers
        return list(map(written.__getitem__, keep))
    lines = list(map(text.__getitem__, keep))
    if not kind:
        return lines
    kinds = list(map(kind.__getitem__, keep))
    numbers = _Numbers()
    previous = -1
    for j in compress(count(), kinds):
        k = kinds[j].lstrip(">")
        if j != previous + 1 or not k:  # a paragraph came between: the list has ended
            numbers.clear()
        previous = j
        if not k:
            continue
        if k[0] in "uo":
            lines[j] = f"{numbers.marker(k)} {lines[j]}"
        elif k[0] not in "cj":  # an item's further paragraph or line: its list goes on
            numbers.clear()
    return lines


_BODY, _COMMENT = frozenset({BODY}), frozenset({COMMENT})


def kept_positions(blocks: Blocks) -> list[int]:
    """Positions of the blocks a Document keeps, in its order: the body, then readers' comments."""
    label = blocks.label
    return positions(label, _BODY) + positions(label, _COMMENT)  # a scan in C each: cheaper than `COMMENT in label`


class _Numbers:
    """Item numbers of the open lists, by depth: a list of the other kind at a depth starts anew."""

    __slots__ = ("at",)

    def __init__(self) -> None:
        self.at: list[tuple[str, int]] = []  # (kind's first letter, items so far) by depth

    def clear(self) -> None:
        self.at.clear()

    def marker(self, kind: str) -> str:
        """The marker of the next item of kind `kind` ("u2", "o1"): "-", or the item's number and "."."""
        depth = int(kind[1:] or 1)
        del self.at[depth:]  # deeper lists have ended
        while len(self.at) < depth:
            self.at.append(("", 0))
        letter, n = self.at[depth - 1]
        n = n + 1 if letter == kind[0] else 1
        self.at[depth - 1] = (kind[0], n)
        return f"{n}." if kind[0] == "o" else "-"


def render(
    blocks: Blocks,
    cells: Mapping[int, Sequence[str]] | None = None,
    raw: Mapping[int, str] | None = None,
) -> str:
    """The kept blocks as CommonMark: `#` headings, nested `-`/`1.` lists, pipe tables, `>` quotes, fenced code.

    `cells` holds a table row's cells where its text lost empty ones (HTML); `raw` holds the
    text of preformatted blocks with its line breaks.
    """
    text = blocks.text
    keep = kept_positions(blocks)
    if not blocks.kind:
        return "\n\n".join(escape(text[i]) for i in keep)
    kinds = nested_kinds(blocks, keep)
    cells, raw = cells or {}, raw or {}
    chunks: list[tuple[str, bool, str]] = []  # (Markdown, quoted, group): blocks of a group join without a blank line
    numbers = _Numbers()
    columns: list[int] = []  # content column of the open list item at each depth
    list_quoted = False
    rows: list[Sequence[str]] = []
    row_quoted = False
    code: list[str] = []
    code_quoted = False

    def end_table() -> None:
        if rows:
            chunks.append((_table(rows), row_quoted, ""))
            rows.clear()

    def end_code() -> None:
        if code:
            body = "\n".join(code)
            fence = "`" * max(3, 1 + max(map(len, _BACKTICKS.findall(body)), default=0))
            chunks.append((f"{fence}\n{body}\n{fence}", code_quoted, ""))
            code.clear()

    previous = -2
    for i in keep:
        kind = kinds[i]
        quoted = kind.startswith(">")
        kind = kind.lstrip(">")
        follows, previous = previous == i - 1, i
        if kind == "j":
            if follows and chunks and not rows and not code:  # the block before it was kept: one line
                chunk, chunk_quoted, group = chunks[-1]
                chunk = f"{chunk} {escape(text[i])}"
                if _HEADING.match(chunk):  # the heading's end moved: a "#" there may close it
                    chunk = _end_heading(chunk)
                chunks[-1] = (chunk, chunk_quoted, group)
                continue
            kind = ""
        if kind != "tr" or quoted != row_quoted:
            end_table()
        if kind != "pre" or quoted != code_quoted:
            end_code()
        if kind == "tr":
            rows.append(cells.get(i) or text[i].split("\t"))
            row_quoted = quoted
            columns.clear()  # a table starts its lines at the margin: the lists have ended
            continue
        if kind == "pre":
            code.append(raw.get(i, text[i]))
            code_quoted = quoted
            columns.clear()  # so does a code fence: a paragraph indented under an item now would be code
            continue
        if not kind or kind[0] == "h":
            numbers.clear()
            columns.clear()
            line = escape(text[i])
            if kind:
                line = _end_heading("#" * int(kind[1]) + " " + line)
            chunks.append((line, quoted, ""))
            continue
        depth = int(kind[1:] or 1)
        if quoted != list_quoted:  # in or out of a quote: the lists outside it have ended
            columns.clear()
            list_quoted = quoted
        del columns[depth:]
        if kind[0] == "c":  # a further paragraph of an item: under the item's content
            indent = columns[-1] if columns else 0
            chunks.append((" " * indent + escape(text[i]), quoted, ""))
            continue
        while len(columns) < depth:  # an item deeper than any open one sits under the last
            columns.append(columns[-1] if columns else 0)
        start = columns[depth - 2] if depth > 1 else 0
        marker = numbers.marker(kind)
        columns[depth - 1] = start + len(marker) + 1
        chunks.append((" " * start + marker + " " + escape(text[i]), quoted, "list"))
    end_table()
    end_code()
    return _join(chunks)


def _table(rows: list[Sequence[str]]) -> str:
    """A GitHub pipe table, the first row its header; a lone one-cell row is a paragraph."""
    if len(rows) == 1 and sum(map(bool, rows[0])) <= 1:
        return escape(" ".join(filter(None, rows[0])))
    width = max(map(len, rows))
    lines = []
    for n, row in enumerate(rows):
        cells = [escape(cell).replace("|", "\\|") for cell in row] + [""] * (width - len(row))
        lines.append("| " + " | ".join(cells) + " |")
        if n == 0:
            lines.append("|" + " --- |" * width)
    return "\n".join(lines)


def _join(chunks: list[tuple[str, bool, str]]) -> str:
    """Chunks one blank line apart (a list's items one line apart), quoted ones under ">"."""
    out: list[str] = []
    previous: tuple[bool, str] | None = None
    for chunk, quoted, group in chunks:
        if quoted:
            chunk = "\n".join("> " + line if line else ">" for line in chunk.split("\n"))
        if previous is not None:
            tight = bool(group) and previous == (quoted, group)
            # Two quoted chunks in a row are paragraphs of one quote: the blank line between them is quoted too.
            out.append("\n" if tight else "\n>\n" if quoted and previous[0] else "\n\n")
        out.append(chunk)
        previous = (quoted, group)
    return "".join(out)
