"""Decoding: byte-order marks, declared charsets, UTF-16 without a mark, stray bytes, the cp1252 tie-break, not-text."""

from __future__ import annotations

import gzip
import os

from cleaner.decode import decode, not_text
from corpus.config import CORPUS_DEFAULT

from .conftest import DATA, ROOT

FRENCH = (
    "Le gouvernement a annoncé mardi une série de mesures destinées à soutenir les ménages. "
    "Selon le ministre, ces décisions étaient nécessaires après une année très difficile.\n"
    "Où en est la réforme? Les élèves et les enseignants attendent des réponses précises, "
    "a déclaré la porte-parole à la presse.\n"
)
HTML_GZ = sorted((DATA / "scrapinghub" / "html").glob("*.html.gz"))
TEXT_PAGES = sorted((DATA / "scrapinghub-text" / "pages").glob("*.txt"))


def test_utf8_bom_is_stripped() -> None:
    assert decode(b"\xef\xbb\xbfHello, world.") == "Hello, world."


def test_latin1_text_falls_back_to_a_guess() -> None:
    assert decode(FRENCH.encode("latin-1")) == FRENCH


def test_short_latin1_text_prefers_cp1252() -> None:
    # Too short for charset_normalizer to tell cp1250 from cp1252: the tie goes to cp1252.
    text = "Le café était très crème. Où est la façade? Voilà, un élève naïf.\n"
    assert decode(text.encode("latin-1")) == text


def test_cp1252_punctuation() -> None:
    text = FRENCH + "Il a dit « c’est fini » — et c’est tout…\n"
    assert decode(text.encode("cp1252")) == text


def test_undecodable_bytes_never_raise() -> None:
    assert isinstance(decode(bytes(range(256)) * 3), str)
    assert isinstance(decode(b"\x81\x8d\x8f\x90\x9d"), str)


def test_not_text_spares_text_in_any_encoding_and_every_gold_page() -> None:
    russian = "Москва — столица России, город федерального значения. " * 40
    chinese = "一波波接續性低溫寒流報到，已將新竹尖石鄉後山一帶層層山巒披上嫣紅的彩衣。\n" * 40
    for text in (russian, chinese, "Plain English text.\r\n\tIndented.\f\x1b[1mbold\x1b[0m " * 50):
        for encoding in ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"):
            assert not_text(text.encode(encoding), 0.05) is None, encoding
    assert not_text(russian.encode("cp1251"), 0.05) is None
    assert not_text(b"", 0.05) is None
    assert not_text(b"A short note.\r\n\x1a", 0.05) is None  # a DOS end-of-file mark
    files = [*HTML_GZ, *sorted((DATA / "readability" / "html").glob("*.html.gz")), *TEXT_PAGES, *sorted((ROOT / "seeds").glob("*.txt"))]
    assert len(files) > 490
    for path in files:
        data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
        assert not_text(data, CORPUS_DEFAULT.not_text_max_control) is None, path.name


def test_not_text_names_binary_data() -> None:
    assert not_text(b"\x89PNG\r\n\x1a\n" + bytes(100), 0.05) == "a PNG image"
    assert not_text(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", 0.05) == "a PDF document"
    assert not_text(bytes(5000), 0.05) == "100% control bytes in its first 4,096"
    assert not_text(os.urandom(4096), 0.05) is not None  # 10.5% control bytes, unpaired surrogates as UTF-16
    assert not_text(b"\xff\xfe" + bytes(4000), 0.05) is not None  # a UTF-16 BOM before NULs
    rng = __import__("random").Random(1)
    for alphabet in (range(1, 32), range(0, 32), range(0, 256)):  # control bytes, with NULs; any byte
        data = bytes(rng.choice(alphabet) for _ in range(4096))
        assert not_text(data, 0.05) is not None, alphabet


def test_utf16_without_a_bom_and_utf8_with_stray_bytes_decode_right() -> None:
    text = "Zázrak jedné sezony? West Ham dává pochybovačům stále pádnější odpovědi.\n" * 20
    assert decode(text.encode("utf-16-le")) == text
    assert decode(text.encode("utf-16-be")) == text
    damaged = text.encode("utf-8").replace(b"\n", b" \xff\n", 3)
    decoded = decode(damaged)
    assert decoded.count("\ufffd") == 3 and decoded.replace(" \ufffd", "") == text
    french = "Les députés ont adopté à une large majorité le projet de loi, présenté à l'été."
    assert decode(french.encode("latin-1")) == french  # a single-byte page is still read as one


def test_decode_by_bom_declaration_and_detection() -> None:
    text = "<html><head><meta charset='windows-1251'></head><body><p>Привет, мир</p></body></html>"
    assert decode(text.encode("cp1251")) == text
    assert decode(b"\xef\xbb\xbf<p>caf\xc3\xa9</p>") == "<p>café</p>"
    assert decode("<p>café</p>".encode("utf-16")) == "<p>café</p>"
    latin = "<p>Ein schöner Tag für eine Fahrradtour über die Brücke, sagte der Bürgermeister.</p>"
    assert decode(latin.encode("cp1252")) == latin  # undeclared, not UTF-8: detected


def test_html_and_text_read_an_undeclared_page_alike() -> None:
    """One set of rules: a latin-1 page without a charset reads the same as HTML (clean_html) and as text (build)."""
    page = "<html><body><p>Le café était très crème, dit-il.</p></body></html>"
    data = page.encode("latin-1")
    assert decode(data, html=True) == decode(data) == page


def test_the_http_charset_comes_before_the_page_s_own() -> None:
    page = "<html><head><meta charset='utf-8'></head><body><p>Привет, мир</p></body></html>"
    assert decode(page.encode("koi8-r"), declared="koi8-r", html=True) == page
    assert decode("<p>café</p>".encode("utf-8"), declared="nonsense", html=True) == "<p>café</p>"  # unusable: ignored


def test_the_cp1252_tie_break_leaves_its_neighbours_their_pages() -> None:
    """cp1252 wins a tie only: a page that is clearly Central European or Cyrillic keeps its code page."""
    czech = "Příliš žluťoučký kůň úpěl ďábelské ódy. Šťastný Čech řekl, že je to skvělé. " * 8
    russian = "Москва — столица России, город федерального значения и крупнейший город страны. " * 8
    greek = "Η Αθήνα είναι η πρωτεύουσα και η μεγαλύτερη πόλη της Ελλάδας, με μακρά ιστορία. " * 8
    assert decode(czech.encode("cp1250")) == czech
    assert decode(russian.encode("cp1251")) == russian
    assert decode(greek.encode("cp1253")) == greek


def test_a_page_s_meta_charset_counts_for_html_only() -> None:
    page = '<meta charset="windows-1252"><p>caf\xe9 \u2013 na\xefve</p>'
    assert decode(page.encode("cp1252"), html=True) == page
    assert decode("plain é".encode()) == "plain é"
