"""The explain page: a Document and its labelled blocks as one self-contained HTML page.

`cleaner clean --explain --format html` writes it. The page is built in three parts (`page_head`,
one `section` per document, `page_tail`) so that the command can write each document as soon as
it is cleaned; `explain_page` joins them for one document. Everything the page shows of the
input is escaped, and the output depends on nothing but its input: no clock, no network.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from html import escape

from .document import BODY, COMMENT, TITLE, Block, Document
from .rules import LABELS, RULES, STAGE_RULES

# The labels that are the article (or kept beside it) have fixed colours; every other label is a
# kind of chrome.
KEPT_COLOURS: dict[str, str] = {BODY: "#2e7d32", TITLE: "#1a56b0", COMMENT: "#7b3fa0"}
# Chrome colours, far from those three and from each other. A page's chrome labels take them in
# sorted order: distinct within a page matters more than one label keeping its colour across pages
# (a fixed colour for each of the ~30 labels could not keep them all apart).
PALETTE = ("#c62828", "#ef6c00", "#00838f", "#ad1457", "#6d4c41", "#9e9d24", "#37474f", "#757575",
           "#b28704", "#5c6bc0")
_TABLE_RULES = {rule.name: rule for rule in RULES}
_CSS_NAME = re.compile(r"[a-z0-9-]+")


def rule_description(rule: str) -> str:
    """What the rule named `rule` means: STAGE_RULES' description, or the table rule's label and an example."""
    if rule in STAGE_RULES:
        return STAGE_RULES[rule]
    if rule in _TABLE_RULES:
        # A table rule has no description of its own: its label says what it finds, an example how it reads.
        table_rule = _TABLE_RULES[rule]
        example = f", e.g. “{table_rule.examples[0]}”" if table_rule.examples else ""
        return f"the rule table's pattern for a {table_rule.label} line{example}"
    return ""


def label_colours(labels: Iterable[str]) -> dict[str, tuple[str, str]]:
    """Each of `labels` -> (colour, border style): kept labels fixed, chrome from PALETTE in sorted order."""
    chrome = sorted(set(labels) - set(KEPT_COLOURS))
    # Past the palette's end colours come round again, with a dashed border to tell them apart.
    colours = {label: (PALETTE[i % len(PALETTE)], "dashed" if i >= len(PALETTE) else "solid") for i, label in enumerate(chrome)}
    return {**{label: (colour, "solid") for label, colour in KEPT_COLOURS.items()}, **colours}


def label_class(label: str) -> str:
    """The CSS class of `label`'s blocks: `l-` and the label, or a hash for a label CSS cannot name."""
    return f"l-{label}" if _CSS_NAME.fullmatch(label) else f"l-x{zlib.crc32(label.encode()):08x}"


def _label_css(colours: dict[str, tuple[str, str]], scope: str) -> str:
    """A CSS rule per label, inside `scope`, setting the colour and border style its blocks and chips use."""
    return "".join(f"{scope} .{label_class(label)}{{--c:{c};--bs:{style}}}\n" for label, (c, style) in colours.items())


_CSS = """
:root{--ink:#1d2330;--muted:#6b7280;--line:#e3e6eb;font-family:system-ui,-apple-system,"Segoe UI",
Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:#fafbfc}
body{margin:0 auto;max-width:1120px;padding:24px 28px 64px;line-height:1.45;font-size:14px}
h1{font-size:20px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 10px;word-break:break-all}
h3{font-size:13px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);margin:18px 0 6px}
.doc{background:#fff;border:1px solid var(--line);border-radius:8px;padding:4px 22px 22px;margin-top:18px}
.meta{display:grid;grid-template-columns:max-content 1fr;gap:3px 18px;margin:0}
.meta dt{color:var(--muted)}.meta dd{margin:0;word-break:break-word}.none{color:var(--muted)}
.tables{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1.5fr);gap:22px;align-items:start}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{text-align:left;padding:3px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{color:var(--muted);font-weight:600}td.n{text-align:right;font-variant-numeric:tabular-nums}
td.d{color:var(--muted)}td code{white-space:nowrap}code{font-family:ui-monospace,"SF Mono",Menlo,Consolas,monospace;font-size:12px}
.chip,.block{--c:#757575;--bs:solid;--bg:color-mix(in srgb,var(--c) 9%,#fff)}
.chip{display:inline-block;padding:0 7px;border-radius:9px;background:var(--bg);color:var(--c);
border:1px solid var(--c);font-size:12px;font-weight:600;white-space:nowrap}
.legend{position:sticky;top:0;z-index:1;background:#fff;padding:10px 0;margin:14px 0 6px;
border-bottom:1px solid var(--line);display:flex;flex-wrap:wrap;gap:6px;align-items:center}
.legend .chip b{font-weight:400;margin-left:4px}.legend label{margin-left:auto;color:var(--muted)}
.block{display:grid;grid-template-columns:44px 150px minmax(0,1fr);gap:10px;padding:5px 10px;
margin:3px 0;border-left:4px var(--bs) var(--c);background:var(--bg);border-radius:3px}
.block .n{color:var(--muted);text-align:right;font-variant-numeric:tabular-nums}
.block .who{overflow:hidden}.block .chip{max-width:100%;overflow:hidden;text-overflow:ellipsis}
.block .rule{display:block;display:none;color:var(--muted);font-size:11px;overflow:hidden;
text-overflow:ellipsis;white-space:nowrap}.block:hover .rule{display:block}
.block .t{margin:0;white-space:pre-wrap;word-break:break-word}.block .tag{color:var(--muted);font-size:11px;
margin-right:6px;font-family:ui-monospace,Menlo,Consolas,monospace}
.chrome .t{color:#5b6270}.l-title .t{font-weight:700;font-size:15px}.block:hover{outline:1px solid var(--c)}
.doc:has(.body-only:checked) .block.chrome{display:none}
.empty{color:var(--muted);font-style:italic}
"""


def page_head(inputs: str = "") -> str:
    """The page up to its first document: doctype, the inline style sheet, the heading naming `inputs`."""
    style = _CSS.strip()
    title = f"cleaner --explain {inputs}".strip()
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>\n{style}\n</style>\n</head>\n<body>\n"
        f"<h1>cleaner --explain</h1>\n<div class=\"none\">{escape(inputs)}</div>\n"
    )


def page_tail() -> str:
    """The end of the page, after its last document."""
    return "</body>\n</html>\n"


def _value(value: object) -> str:
    """`value` escaped, or a muted dash where there is none."""
    return '<span class="none">–</span>' if value in (None, "") else escape(str(value))


def _metadata(doc: Document, source_format: str, blocks: Sequence[Block]) -> str:
    """The metadata list: the Document's fields, the language and its score, kept words, dropped blocks."""
    unit = _unit(source_format)
    rows = (
        ("format", "HTML page" if source_format == "html" else source_format),
        *doc.shown_metadata(),
        ("kept words", f"{len(doc.text.split()):,}"),
        ("dropped", f"{len(doc.dropped):,} of {len(blocks):,} {unit}"),
    )
    return '<dl class="meta">' + "".join(f"<dt>{k}</dt><dd>{_value(v)}</dd>" for k, v in rows) + "</dl>\n"


def _unit(source_format: str) -> str:
    """What a block of this source is called: an HTML page's blocks, a text's lines."""
    return "blocks" if source_format == "html" else "lines"


def _chip(label: str, count: int | None = None) -> str:
    """A label in its colour, with a count when given (the legend's entries)."""
    counted = f"<b>{count:,}</b>" if count is not None else ""
    return f'<span class="chip {label_class(label)}">{escape(label)}{counted}</span>'


def _ordered(counts: Counter[str]) -> list[tuple[str, int]]:
    """(name, count) pairs, most frequent first."""
    # Most frequent first, ties by name: the same blocks always give the same rows.
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def _counts(blocks: Sequence[Block], unit: str) -> str:
    """The two tables: blocks and words per reason (label), blocks and labels per rule, with their meanings."""
    by_label = Counter(b.label for b in blocks)
    words = Counter[str]()
    for b in blocks:
        words[b.label] += len(b.text.split())
    by_rule = Counter(b.rule for b in blocks)
    gives: dict[str, set[str]] = {}
    for b in blocks:
        gives.setdefault(b.rule, set()).add(b.label)
    labels = "".join(
        f'<tr><td>{_chip(label)}</td><td class="n">{n:,}</td><td class="n">{words[label]:,}</td>'
        f'<td class="d">{escape(LABELS.get(label, ""))}</td></tr>'
        for label, n in _ordered(by_label)
    )
    rules = "".join(
        f'<tr><td><code>{_value(rule)}</code></td><td class="n">{n:,}</td>'
        f"<td>{' '.join(_chip(label) for label in sorted(gives[rule]))}</td>"
        f'<td class="d">{escape(rule_description(rule))}</td></tr>'
        for rule, n in _ordered(by_rule)
    )
    return (
        f'<div class="tables"><div><h3>Per reason</h3><table><tr><th>label</th><th>{unit}</th><th>words</th>'
        f"<th>meaning</th></tr>{labels}</table></div>\n"
        f'<div><h3>Per rule</h3><table><tr><th>rule</th><th>{unit}</th><th>labels</th><th>description</th></tr>'
        f"{rules}</table></div></div>\n"
    )


def _block(block: Block, source_format: str) -> str:
    """One block: number, label, its rule (on hover, with the descriptions and HTML features in the title), text."""
    kind = "kept" if block.label in KEPT_COLOURS else "chrome"
    hover = [f"{block.label} · {block.rule or '(no rule)'}"]
    if description := rule_description(block.rule):
        hover.append(f"rule: {description}")
    if meaning := LABELS.get(block.label):
        hover.append(f"label: {meaning}")
    tag = ""
    if source_format == "html":
        hover.append(
            f"<{block.tag or '?'}> depth {block.depth}, link density {block.link_density:.2f}"
            + (f", class/id hint: {block.hint}" if block.hint else "")
        )
        tag = f'<span class="tag">{escape(block.tag)}</span>' if block.tag else ""
    return (
        f'<div class="block {kind} {label_class(block.label)}" data-label="{escape(block.label)}" '
        f'data-rule="{escape(block.rule)}" title="{escape(chr(10).join(hover))}">'
        f'<span class="n">{block.line}</span><span class="who">{_chip(block.label)}'
        f'<span class="rule">{escape(block.rule)}</span></span><p class="t">{tag}{escape(block.text)}</p></div>\n'
    )


def section(doc: Document, blocks: Sequence[Block], *, name: str = "", source_format: str = "html", number: int = 1) -> str:
    """One document: its metadata, the counts per reason and per rule, the legend, and every block in order."""
    present = Counter(b.label for b in blocks)
    # The colours are this section's own: its chrome labels take the palette in order.
    style = f"<style>\n{_label_css(label_colours(present), f'#doc{number}')}</style>\n"
    # Kept labels first, in the order a reader meets them, then the chrome, alphabetically.
    order = [label for label in (TITLE, BODY, COMMENT) if label in present] + sorted(
        label for label in present if label not in KEPT_COLOURS
    )
    legend = "".join(_chip(label, present[label]) for label in order)
    body = "".join(_block(b, source_format) for b in blocks) or '<p class="empty">no blocks</p>\n'
    return (
        f'<section class="doc" id="doc{number}">\n{style}<h2>{escape(name or "document")}</h2>\n'
        f"{_metadata(doc, source_format, blocks)}{_counts(blocks, _unit(source_format))}"
        f'<div class="legend">{legend}<label><input type="checkbox" class="body-only"> hide chrome</label></div>\n'
        f'<div class="blocks">\n{body}</div>\n</section>\n'
    )


def explain_page(
    doc: Document, blocks: Sequence[Block], *, name: str = "", source_format: str = "html"
) -> str:
    """The whole page for one document (what `cleaner clean --explain --format html PAGE` writes)."""
    return page_head(name) + section(
        doc, blocks, name=name, source_format=source_format
    ) + page_tail()
