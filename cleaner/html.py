"""The HTML path: decode, parse with lexbor, prune chrome, DOM blocks, the shared classifier.

1. `decode`: bytes by BOM, then the declared charset, then UTF-8, then detection.
2. `page_metadata`: title, date, author, site, url and language from meta tags and JSON-LD.
3. `dom_blocks`: one walk over <body>. Chrome nodes are pruned whole (tags such as script,
   nav, aside and forms; hidden nodes; class/id/role categories of `rules.CLASS_HINTS`), each
   pruned node with text becoming one pre-labelled block (rule "class-hint" / "chrome-tag")
   so that `--explain` shows it. Every paragraph-level element's text becomes a block with
   its DOM features (tag, heading level, list item, link density, depth, hint).
4. The shared classifier (`core.label_blocks`) labels the kept blocks; `core.to_document`
   builds the Document, page metadata winning over what the blocks give.
5. When the fast path keeps almost nothing, trafilatura reads the page instead.
"""

from __future__ import annotations

import codecs
import json
import re
from functools import lru_cache

from selectolax.lexbor import LexborHTMLParser

from .config import DEFAULT, Config
from .core import label_blocks, to_document
from .document import BODY, Block, Document
from .language import stopwords
from .metadata import parse_date
from .rules import BYLINE_LEAD, CLASS_HINTS

# --- decoding -----------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)


def has_bom(data: bytes) -> bool:
    """True when `data` starts with a Unicode byte-order mark, which outranks any declared charset."""
    return data.startswith(tuple(bom for bom, _ in _BOMS))


def declared_codec(label: str) -> str | None:
    """Python codec for a charset a page or its HTTP header declares, as browsers read it; None if unusable."""
    try:
        encoding = codecs.lookup(label).name
    except LookupError:
        return None
    if encoding in ("utf-16-le", "utf-16-be", "utf-16", "utf-32"):
        return None  # an 8-bit page cannot be UTF-16: the declaration is wrong
    # A page that says latin-1 is read as windows-1252, as browsers do.
    return "cp1252" if encoding in ("latin-1", "iso8859-1", "ascii") else encoding


def decode(html: str | bytes) -> str:
    """Text of a page: by its BOM, else its declared charset, else UTF-8, else detection."""
    if isinstance(html, str):
        return html
    for bom, encoding in _BOMS:
        if html.startswith(bom):
            return html[len(bom) :].decode(encoding, errors="replace")
    if (m := _DECLARED.search(html[:4096])) and (encoding := declared_codec(m.group(1).decode("ascii"))):
        try:
            return html.decode(encoding)
        except UnicodeDecodeError:
            pass  # the declaration lies: fall through to UTF-8 and detection
    try:
        return html.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # slow; only for pages that need it

    best = from_bytes(html[:65536]).best()
    return html.decode(best.encoding if best else "utf-8", errors="replace")


# --- page metadata ------------------------------------------------------------------------

_META_KEYS = {
    "og:title": "title", "twitter:title": "title", "dc.title": "title",
    "article:published_time": "date", "og:article:published_time": "date", "datepublished": "date",
    "publish-date": "date", "publish_date": "date", "pubdate": "date", "date": "date",
    "dc.date": "date", "dc.date.issued": "date", "dcterms.date": "date", "sailthru.date": "date",
    "parsely-pub-date": "date", "article.published": "date", "publication_date": "date",
    "author": "author", "article:author": "author", "dc.creator": "author", "byl": "author",
    "sailthru.author": "author", "parsely-author": "author",
    "og:site_name": "site", "application-name": "site", "twitter:site": "site",
    "og:url": "url", "og:locale": "language",
}  # fmt: skip
_ARTICLE_TYPES = re.compile(r"(?:News|Blog|Report|Scholarly|Tech)?Article|BlogPosting|Posting|ReportageNews|WebPage|Report")


def page_metadata(tree: LexborHTMLParser) -> dict[str, str | None]:
    """Title, date (ISO 8601), author, site, url and declared language from the page's own tags."""
    meta: dict[str, str | None] = {}
    for node in tree.css("meta[content]"):
        attrs = node.attributes
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        field = _META_KEYS.get(key)
        value = (attrs.get("content") or "").strip()
        if field and value and field not in meta:
            if field == "author" and value.startswith(("http", "@")):
                continue
            if field == "site" and value.startswith("@"):
                continue
            meta[field] = value
        elif key in ("content-language",) or (attrs.get("http-equiv") or "").lower() == "content-language":
            meta.setdefault("language", value)
    for node in tree.css('script[type="application/ld+json"]'):
        _json_ld(node.text(), meta)
    if "url" not in meta and (link := tree.css_first('link[rel="canonical"]')):
        meta["url"] = link.attributes.get("href")
    if "title" not in meta and (title := tree.css_first("title")):
        meta["title"] = title.text(strip=True) or None
    html_node = tree.css_first("html")
    if html_node is not None and (lang := html_node.attributes.get("lang")):
        meta["language"] = lang
    return _tidy(meta)


def _json_ld(source: str, meta: dict[str, str | None]) -> None:
    try:
        data = json.loads(source)
    except (ValueError, RecursionError):
        return
    items = data if isinstance(data, list) else [data]
    items = [g for item in items if isinstance(item, dict) for g in (item.get("@graph") or [item])]
    for item in items:
        if not isinstance(item, dict):
            continue
        kind = item.get("@type")
        kind = " ".join(kind) if isinstance(kind, list) else str(kind or "")
        if not _ARTICLE_TYPES.search(kind):
            continue
        pairs = (("title", item.get("headline")), ("date", item.get("datePublished")),
                 ("author", _name(item.get("author"))), ("site", _name(item.get("publisher"))))  # fmt: skip
        for field, value in pairs:
            if isinstance(value, str) and value.strip() and field not in meta:
                meta[field] = value.strip()


def _name(value: object) -> str | None:
    if isinstance(value, list):
        names = [n for n in (_name(v) for v in value) if n]
        return ", ".join(names) if names else None
    if isinstance(value, dict):
        value = value.get("name")
    return value if isinstance(value, str) and not value.startswith("http") else None


_BY = re.compile(rf"^{BYLINE_LEAD}", re.IGNORECASE)


def _tidy(meta: dict[str, str | None]) -> dict[str, str | None]:
    if meta.get("date"):
        meta["date"] = parse_date(meta["date"])  # type: ignore[arg-type]
    if meta.get("author"):
        meta["author"] = _BY.sub("", " ".join(meta["author"].split()))  # type: ignore[union-attr]
    if meta.get("title"):
        meta["title"] = " ".join(meta["title"].split())  # type: ignore[union-attr]
    if meta.get("language"):
        meta["language"] = meta["language"].split(",")[0].strip().split("-")[0].split("_")[0].lower()  # type: ignore[union-attr]
    return meta


# --- DOM to blocks ------------------------------------------------------------------------

# Dropped whole, and not worth showing in --explain.
_SKIP = frozenset({"script", "style", "noscript", "template", "svg", "head", "iframe", "object", "embed",
                   "canvas", "video", "audio", "map", "button", "select", "input", "textarea", "img",
                   "picture", "source", "math", "link", "meta", "-comment"})  # fmt: skip
_STRIP = ["script", "style", "noscript", "template", "svg", "iframe", "select", "textarea"]
# Chrome by their tag: pruned, their text shown in --explain with the tag as reason.
_CHROME_TAGS = {"nav": "navigation", "aside": "sidebar", "form": "form", "menu": "navigation", "dialog": "modal"}
# Chrome when outside <article>/<main>.
_PAGE_TAGS = {"header": "header", "footer": "footer"}
# Elements that start a new block; all others are inline.
_BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "main", "header", "footer", "li", "ul", "ol", "dl", "dt", "dd",
    "table", "tbody", "thead", "tfoot", "tr", "td", "th", "caption", "blockquote", "pre", "figure",
    "figcaption", "address", "center", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "br", "details",
    "summary", "fieldset", "legend", "hgroup", "body", "html",
})  # fmt: skip
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_ARTICLE_TAGS = frozenset({"article", "main"})
_HINT_RE = re.compile("|".join(f"(?P<{name.replace('-', '_')}>{pattern})" for name, pattern in CLASS_HINTS))
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


# Layout modifiers ("has-sidebar", "with-right-rail") say what a box contains, not what it is.
_MODIFIER = re.compile(r"\b(?:with|has|no)-[\w-]+")
# Class/id words of article containers (readability's "maybe a candidate" list, in spirit):
# an element hinted as chrome that also has one of these is never pruned on sight.
_POSITIVE = re.compile(r"article|body|content|entry|main|story|text", re.IGNORECASE)


def hint_of(attrs: dict[str, str | None]) -> str:
    """Chrome category that an element's class, id or role names, or ''."""
    names = " ".join(v for k in ("class", "id", "role") if (v := attrs.get(k)))
    if not names:
        return ""
    return _hint(names)


@lru_cache(maxsize=16384)
def _hint(names: str) -> str:
    m = _HINT_RE.search(_MODIFIER.sub(" ", names.lower()))
    return m.lastgroup.replace("_", "-") if m and m.lastgroup else ""


@lru_cache(maxsize=16384)
def _positive(names: str) -> bool:
    return bool(_POSITIVE.search(names))


def _hidden(attrs: dict[str, str | None]) -> bool:
    if "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return True
    style = attrs.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


class _Walker:
    """One pass over the DOM: kept blocks (to classify) and pruned blocks (already labelled)."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.blocks: list[Block] = []  # every block in page order, pruned ones included
        self.kept: list[Block] = []
        self.paths: list[tuple[int, ...]] = []  # ids of each kept block's ancestor elements
        self.hinted: list[int] = []  # index in its path of each kept block's nearest hinted ancestor, or -1
        self.element = 0  # id of the last element entered
        self.sure: set[int] = set()  # hinted elements that are chrome whatever their size (comment threads)
        self.parts: list[str] = []
        self.chars = 0
        self.link_chars = 0
        self.position = 0

    def flush(self, stack: list) -> None:
        """Close the text so far as one block of the nearest enclosing block element."""
        if not self.parts:
            return
        text = " ".join("".join(self.parts).split())
        chars, links = self.chars, self.link_chars
        self.parts, self.chars, self.link_chars = [], 0, 0
        if not text:
            return
        n = len(stack)
        while n > 1 and stack[n - 1][1] not in _BLOCK_TAGS:
            n -= 1
        _, tag, depth, hint, hint_at, _, _, _ = stack[n - 1]
        self.position += 1
        block = Block(
            text, self.position, bullet=tag == "li", tag=tag, heading=_HEADINGS.get(tag, 0),
            link_density=min(1.0, links / chars) if chars else 0.0, depth=depth, hint=hint,
        )  # fmt: skip
        self.blocks.append(block)
        self.kept.append(block)
        self.paths.append(tuple(e[7] for e in stack[:n]))
        self.hinted.append(hint_at)

    def pruned(self, node, label: str, rule: str, tag: str, depth: int) -> None:
        text = " ".join(node.text(deep=True, separator=" ").split())
        if text:
            self.position += 1
            self.blocks.append(Block(text, self.position, tag=tag, depth=depth, hint=label, label=label, rule=rule))

    def walk(self, root) -> None:
        # Iterative depth-first walk; a stack entry is
        # (children, tag, depth, hint, index of the hinted ancestor, in_article, in_link, element id).
        stack = [(root.iter(include_text=True), root.tag, 0, "", -1, False, False, 0)]
        while stack:
            children, tag, depth, hint, hint_at, in_article, in_link, _ = stack[-1]
            child = next(children, None)
            if child is None:
                if tag in _BLOCK_TAGS:
                    self.flush(stack)
                stack.pop()
                continue
            ctag = child.tag
            if ctag == "-text":
                text = child.text_content
                if text:
                    self.parts.append(text)
                    n = len(text.strip())
                    self.chars += n
                    if in_link:
                        self.link_chars += n
                continue
            if ctag in _SKIP or ctag is None:
                continue
            attrs = child.attributes
            chint = ""
            chrome_hint = False  # hinted as chrome, and nothing in its class/id says article
            if attrs:
                if _hidden(attrs):
                    continue
                chint = hint_of(attrs)
                chrome_hint = bool(chint) and ctag not in _ARTICLE_TAGS and not _positive(
                    f"{attrs.get('class')} {attrs.get('id')}"
                )
                if chrome_hint and self._prunable(child):
                    self.flush(stack)
                    self.pruned(child, chint, "class-hint", ctag, depth + 1)
                    continue
            chrome = _CHROME_TAGS.get(ctag) or (not in_article and _PAGE_TAGS.get(ctag))
            if chrome and self._prunable(child):
                self.flush(stack)
                self.pruned(child, chrome, "chrome-tag", ctag, depth + 1)
                continue
            if ctag in _BLOCK_TAGS:
                self.flush(stack)
                if ctag == "br" or ctag == "hr":
                    continue
            self.element += 1
            if chrome_hint and chint in _SURE_HINTS:
                self.sure.add(self.element)
            stack.append(
                (child.iter(include_text=True), ctag, depth + 1, chint or hint,
                 len(stack) if chint else hint_at, in_article or ctag in _ARTICLE_TAGS,
                 in_link or ctag == "a", self.element)
            )  # fmt: skip

    def _prunable(self, node) -> bool:
        # A "chrome" box that holds much text that is not links may be the article's own wrapper
        # ("post tag-x" classes, ASP.NET's page-wide <form>): it is walked, its hint kept, and
        # `article_root` decides once the article is known.
        return len(node.text(deep=True)) < self.config.html_prune_max_chars


_RECOVER = frozenset({"outside-article", "boilerplate"})


def article_root(
    blocks: list[Block],
    paths: list[tuple[int, ...]],
    hinted: list[int],
    sure: set[int],
    title: str | None,
    config: Config,
) -> None:
    """Let the DOM settle the article's extent, which the text classifier can only guess.

    The root is the deepest element holding `html_root_share` of the text the classifier calls
    body. Body outside it becomes `outside-article`; inside it, text the context steps dropped
    (short lines, lists, subheads next to chrome) is body again unless a rule named it chrome,
    it is mostly links, or it is the page's headline. Text under a class/id-hinted element
    inside the root (a comment thread too long to prune blindly) is that kind of chrome,
    unless the element holds `html_hint_keep_share` of the body: then it is the article's
    wrapper whatever its class says ("grid-layout--adrail").
    """
    total = 0
    held: dict[int, int] = {}
    for block, path in zip(blocks, paths):
        if block.label == BODY:
            total += block.n_chars
            for element in path:
                held[element] = held.get(element, 0) + block.n_chars
    if not total:
        return
    need = config.html_root_share * total
    root, root_depth = 0, -1
    for block, path in zip(blocks, paths):
        if block.label != BODY:
            continue
        for depth in range(len(path) - 1, root_depth, -1):
            if held[path[depth]] >= need:
                root, root_depth = path[depth], depth
                break
    if root_depth < 1:  # only <body> holds it: no article element to go by
        return
    for block, path, hint_at in zip(blocks, paths, hinted):
        inside = len(path) > root_depth and path[root_depth] == root
        if (
            inside
            and hint_at > root_depth
            and (
                held.get(path[hint_at], 0) < config.html_hint_keep_share * total
                or (sure and not sure.isdisjoint(path[root_depth + 1 :]))
            )
        ):
            block.label, block.rule = block.hint, "class-hint"
        elif not inside:
            if block.label == BODY:
                block.label, block.rule = "outside-article", "dom-root"
        elif (
            block.label in _RECOVER
            and block.link_density <= config.max_link_density
            and block.heading != 1
            and block.text != title
        ):
            block.label, block.rule = BODY, "dom-article"


# Comment threads can outweigh the article they follow: no share of the body makes one the article.
_SURE_HINTS = frozenset({"comments"})
_LANG_CODE = re.compile(r"[a-z]{2,3}")


def _declared_language(meta: dict[str, str | None], blocks: list[Block], config: Config) -> str | None:
    """The page's declared language, when its stop words show up in the page's prose.

    <html lang>, Content-Language or og:locale is right on most pages and saves langdetect's
    cost; a template's stale `lang="en"` on a page in another language is caught by its stop
    words being rare in the prose. A language with no stop-word list is taken as declared.
    """
    language = meta.get("language")
    if not language or not _LANG_CODE.fullmatch(language):
        return None
    words = stopwords(language)
    if not words:
        return language
    sample = " ".join(b.text for b in blocks if len(b.text) > 80)[:2000].lower().split()
    if not sample:
        return language
    hits = sum(w.strip(".,;:!?\"'()") in words for w in sample)
    return language if hits / len(sample) >= config.html_declared_min_stop else None


def _label(text: str, config: Config) -> tuple[list[Block], dict[str, str | None], str | None, float | None]:
    tree = LexborHTMLParser(text)
    meta = page_metadata(tree)
    tree.strip_tags(_STRIP)  # in C: the walk never visits them
    walker = _Walker(config)
    if tree.body is not None:
        walker.walk(tree.body)
    declared = _declared_language(meta, walker.kept, config)
    language, score = label_blocks(walker.kept, config, language=declared)
    article_root(walker.kept, walker.paths, walker.hinted, walker.sure, meta.get("title"), config)
    return walker.blocks, meta, language, score


def label_html(html: str | bytes, *, config: Config = DEFAULT) -> list[Block]:
    """Every block of the page, pruned ones included, with its label and the rule that set it."""
    return _label(decode(html), config)[0]


def clean_html(html: str | bytes, *, url: str | None = None, config: Config = DEFAULT) -> Document:
    """Extract the article body and metadata from one HTML page."""
    text = decode(html)
    blocks, meta, language, score = _label(text, config)
    known = {k: meta.get(k) for k in ("title", "date", "author", "site", "url")}
    if url:
        known["url"] = url
    doc = to_document(blocks, language, score, **known)
    if len(doc.text) < config.html_fallback_chars:
        doc.text = _fallback(text) or doc.text
    return doc


def _fallback(text: str) -> str | None:
    import trafilatura  # slow to import and to run: only for pages the fast path finds empty

    return trafilatura.extract(text)


__all__ = ["clean_html", "decode", "hint_of", "label_html", "page_metadata"]
