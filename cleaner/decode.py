"""Bytes to text: one set of rules for every input, so a page reads the same through `clean_html`,
`cleaner build`, `cleaner clean` and `cleaner eval`.

`decode` reads, in order: a byte-order mark; the charset the transport declares (an HTTP
header's); for HTML, the page's own <meta> charset; UTF-16 without a mark (NUL bytes beside
ASCII); UTF-8 (kept when only a few bytes are invalid); charset_normalizer's guess, cp1252 among
equally good ones; else cp1252. Declared charsets are read as browsers read them (`declared_codec`).
`not_text` tells binary data (an image, an archive, control bytes) from text before any of this.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter

# Bytes at the start of a document that the checks look at: enough for a stable share of
# control bytes (random data: 10.5% +- 0.5%), cheap next to cleaning.
SNIFF_BYTES = 4096
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)


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


def http_charset(content_type: str) -> str | None:
    """The charset an HTTP Content-Type header names, or None."""
    _, _, charset = content_type.partition("charset=")
    return charset.split(";")[0].strip().strip("\"'") or None


def decode(data: str | bytes, *, declared: str | None = None, html: bool = False) -> str:
    """Text of `data` (see the module's docstring for the order); decoding never fails.

    `declared` is the charset the transport names (an HTTP header's); with `html`, a <meta>
    charset in the page's first 4 KiB counts too, after it.
    """
    if isinstance(data, str):
        return data
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    labels = [declared] if declared else []
    if html and (m := _META_CHARSET.search(data[:SNIFF_BYTES])):
        labels.append(m.group(1).decode("ascii"))
    for label in labels:
        if codec := declared_codec(label):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                pass  # the declaration lies: read on
    if codec := utf16_codec(data[:SNIFF_BYTES]):
        return data.decode(codec, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # UTF-8 with a few stray bytes: more valid non-ASCII characters than invalid sequences
    # (text in a single-byte code page has next to no valid ones). Kept as UTF-8, the stray
    # bytes U+FFFD, rather than every accented letter turned into mojibake.
    text = data.decode("utf-8", errors="replace")
    invalid = text.count("\ufffd")
    if len(text) - len(text.encode("ascii", "ignore")) - invalid > invalid:
        return text
    guessed = guess_encoding(data)
    if guessed is not None:
        try:
            return data.decode(guessed, errors="replace")
        except LookupError:  # a codec name Python does not know: fall through
            pass
    # cp1252 is what browsers decode "latin-1" pages as; `replace` keeps its 5 unmapped bytes from failing.
    return data.decode("cp1252", errors="replace")


def source_text(data: object, function: str, *, html: bool = False) -> str:
    """`data` as text: a str as it is, bytes decoded by `decode`; any other type is a TypeError naming `function`."""
    if isinstance(data, str):
        return data
    if isinstance(data, bytes):
        return decode(data, html=html)
    raise TypeError(f"{function}() takes str or bytes, not {type(data).__name__}")


def guess_encoding(data: bytes) -> str | None:
    """charset_normalizer's best encoding for `data`, preferring cp1252 among equally good ones."""
    from charset_normalizer import from_bytes  # slow to import; only for bytes that need it

    matches = from_bytes(data[:65536])
    best = matches.best()
    if best is None:
        return None
    # On short texts several single-byte code pages score the same and charset_normalizer picks
    # the first in its own order (often cp1250, turning "è" into "č"); cp1252 is the web's default.
    for match in matches:
        if match.encoding == "cp1252" and match.chaos <= best.chaos and match.coherence >= best.coherence:
            return "cp1252"
    return best.encoding


# Signatures of common binary formats, named in the not-text reason. Only signatures that no
# text starts with (they hold bytes outside printable ASCII, or are a format's own header).
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "gzip data"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"(\xb5/\xfd", "zstd data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive"),
    (b"\x7fELF", "an executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
# C0 control bytes that text does not hold: all but tab, line feed, vertical tab, form feed,
# carriage return and escape (ISO-2022 encodings and terminal colours use it); and DEL.
_CONTROL_BYTES = bytes(sorted(set(range(32)) - {9, 10, 11, 12, 13, 27} | {127}))
_CONTROL_CHARS = _CONTROL_BYTES.decode("ascii")
_NO_CONTROL = str.maketrans("", "", _CONTROL_CHARS)


def _control_share(head: bytes | str) -> float:
    """Share of `head` (bytes, or characters) that are control codes text does not use.

    Counted over at least 256 bytes, so that one stray byte (a DOS end-of-file mark) does not
    make a note of a few words binary.
    """
    if not head:
        return 0.0
    rest = head.translate(None, _CONTROL_BYTES) if isinstance(head, bytes) else head.translate(_NO_CONTROL)
    return (len(head) - len(rest)) / max(len(head), 256)


def utf16_codec(head: bytes, max_control: float = 0.05, *, need_nul: bool = True) -> str | None:
    """`utf-16-le` or `utf-16-be` when `head`, without a BOM, reads as UTF-16 text; else None.

    UTF-16 puts a NUL byte beside every ASCII character, which UTF-8 text never holds (with
    `need_nul`, a head without one is not UTF-16: text in CJK scripts alone has none). Binary
    data rarely decodes as UTF-16 (unpaired surrogates) and, when it does, into control
    characters or characters of many scripts at once, where text keeps to one or two
    (`_one_script`).
    """
    if need_nul and b"\x00" not in head:
        return None
    data = head[: len(head) // 2 * 2]
    # An ASCII character is a NUL then its byte in big-endian order, the other way round in
    # little-endian: the side with more NULs names the order (read the wrong way, Latin text
    # turns into CJK ideographs, which would pass the checks below).
    little_first = data[1::2].count(0) >= data[0::2].count(0)
    for codec in ("utf-16-le", "utf-16-be") if little_first else ("utf-16-be", "utf-16-le"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as exc:
            if exc.start < len(data) - 4:  # not merely a character cut at the end of the sample
                continue
            text = data[: exc.start].decode(codec)
        if text and _control_share(text) <= max_control and _one_script(text):
            return codec
    return None


def _one_script(text: str) -> bool:
    """Whether 90% of `text` is in at most three scripts, as text is (bytes read as UTF-16 are not).

    A script here is ASCII, the CJK ideographs, Hangul, or else a 256-character page of
    Unicode (Cyrillic, Arabic, kana with CJK punctuation, fullwidth forms...).
    """
    def script(ch: str) -> int:
        code = ord(ch)
        if 0x3400 <= code <= 0x9FFF:
            return 0x4E
        if 0xAC00 <= code <= 0xD7A3:
            return 0xAC
        return code >> 8

    counts = Counter(map(script, text))
    return sum(n for _, n in counts.most_common(3)) >= 0.9 * len(text)


def not_text(data: bytes | str, max_control: float) -> str | None:
    """Why `data` is not text (e.g. "a PNG image"), looking at its first SNIFF_BYTES; None when it is text.

    Text is what has at most `max_control` of control bytes (after its BOM, if any, decoded
    as UTF-16 or UTF-32 when it is one of those, with or without a BOM) and no binary
    format's signature.
    """
    head = data[:SNIFF_BYTES]
    if isinstance(head, str):
        share = _control_share(head)
        return None if share <= max_control else f"{share:.0%} control characters in its first {len(head):,}"
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    for bom, codec in _BOMS:
        if head.startswith(bom):
            if codec != "utf-8":
                body = head[len(bom) :]
                text = body[: len(body) // 4 * 4].decode(codec, errors="replace")
                share = _control_share(text)
                return None if share <= max_control else f"{share:.0%} control characters in its first {len(head):,} bytes"
            head = head[len(bom) :]
            break
    share = _control_share(head)
    if share <= max_control or utf16_codec(head, max_control, need_nul=False) is not None:
        return None
    return f"{share:.0%} control bytes in its first {len(head):,}"
