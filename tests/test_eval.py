"""`cleaner eval`: gold-set layouts, adapters, timing, reports, and the command end to end."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner.cli import main
from cleaner.eval.adapters import ADAPTERS, Missing, visible_text, wrap_text
from cleaner.eval.gold import GoldError, GoldSet, Page, detect_layout, load_gold, page_language
from cleaner.eval.metrics import DateScore, date_score, score
from cleaner.eval.report import (
    _speed,
    default_cleaners,
    diff,
    evaluate,
    format_text,
    language_groups,
    take_turns,
    time_cleaner,
    to_json,
    worst_pages,
)

DATA = Path(__file__).parent / "data"
EVAL = DATA / "eval"
SCRAPINGHUB = EVAL / "scrapinghub-mini"
SNIPPETS = EVAL / "snippets-mini"
JSONL = EVAL / "jsonl-mini"
TRAFILATURA = EVAL / "trafilatura-mini"  # shaped as adbar/trafilatura's tests/: evaldata.json, eval/ (and text/ renders)
HTMLDATE = EVAL / "htmldate-mini"  # shaped as adbar/htmldate's tests/: eval_default.json, eval_mediacloud_2020.json, cache/


# --- layouts ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("folder", "layout", "file"),
    [
        (SCRAPINGHUB, "scrapinghub", "ground-truth.json"),
        (SNIPPETS, "snippets", "evaldata.json"),
        (JSONL, "jsonl", "gold.jsonl"),
    ],
)
def test_layout_is_detected_from_the_folder_or_the_file(folder: Path, layout: str, file: str) -> None:
    assert detect_layout(folder) == (layout, [folder / file])
    assert detect_layout(folder / file) == (layout, [folder / file])


def test_a_folder_without_gold_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(GoldError, match="no gold set"):
        detect_layout(tmp_path)


def test_a_folder_with_two_gold_files_is_ambiguous(tmp_path: Path) -> None:
    (tmp_path / "ground-truth.json").write_text("{}")
    (tmp_path / "gold.jsonl").write_text("")
    with pytest.raises(GoldError, match="several gold files"):
        detect_layout(tmp_path)


def test_any_single_jsonl_file_is_a_jsonl_set(tmp_path: Path) -> None:
    (tmp_path / "mine.jsonl").write_text('{"text": "Hello there", "body": "Hello there"}\n')
    assert detect_layout(tmp_path) == ("jsonl", [tmp_path / "mine.jsonl"])


def test_scrapinghub_html_pages_are_read_and_decoded() -> None:
    gold = load_gold(SCRAPINGHUB)
    truth = json.loads((SCRAPINGHUB / "ground-truth.json").read_text(encoding="utf-8"))
    assert gold.layout == "scrapinghub"
    assert [p.key for p in gold.pages] == list(truth)
    assert {p.kind for p in gold.pages} == {"html"}
    first = gold.pages[0]
    assert first.body == truth[first.key]["articleBody"]
    raw = gzip.decompress((SCRAPINGHUB / "html" / f"{first.key}.html.gz").read_bytes())
    assert first.content == raw.decode("utf-8")
    assert first.size == len(raw)


def test_scrapinghub_text_pages_are_read_from_pages(tmp_path: Path) -> None:
    truth = json.loads((SCRAPINGHUB / "ground-truth.json").read_text(encoding="utf-8"))
    (tmp_path / "pages").mkdir()
    for key in truth:
        shutil.copy(DATA / "scrapinghub-text" / "pages" / f"{key}.txt", tmp_path / "pages")
    (tmp_path / "ground-truth.json").write_text(json.dumps(truth))
    gold = load_gold(tmp_path)
    assert {p.kind for p in gold.pages} == {"text"}
    assert len(gold.pages) == len(truth)


def test_scrapinghub_missing_page_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "ground-truth.json").write_text(json.dumps({"abc": {"articleBody": "x"}}))
    with pytest.raises(GoldError, match="no page for abc"):
        load_gold(tmp_path)


def test_snippet_pages_are_found_in_the_cache_folder() -> None:
    gold = load_gold(SNIPPETS)
    assert gold.layout == "snippets"
    assert len(gold.pages) == 2
    harbour = gold.pages[0]
    assert harbour.key == "https://coast-gazette.example/news/harbour-reopens"
    assert harbour.kind == "html"
    assert "reopened to fishing boats on Monday" in harbour.with_
    assert "All rights reserved" in harbour.without
    assert harbour.body is None


def test_jsonl_line_labels_in_both_forms_and_inline_html() -> None:
    bakery, bridge, market = load_gold(JSONL).pages
    assert (bakery.kind, bridge.kind, market.kind) == ("text", "text", "html")
    assert ("Home | Local | Business | Sport", "navigation") in bakery.lines  # from "lines"
    assert bridge.lines[0] == ("Bridge to close for three weeks of repairs", "title")  # from "labels"
    assert ("Photo: City Council", "image-credit") in bridge.lines
    assert len(bridge.lines) == 5  # the unlabelled blank line is left out
    assert market.lines == []
    assert market.content.startswith("<html>")


def test_jsonl_inputs_resolve_against_the_folders_above_the_gold_file() -> None:
    # tests/data/seeds/gold.jsonl names its inputs "seeds/<id>.txt": the repo's seeds/ folder.
    gold = load_gold(DATA / "seeds")
    repo = DATA.parent.parent
    assert len(gold.pages) == 5
    first = gold.pages[0]
    assert first.content == (repo / "seeds" / f"{first.key}.txt").read_text(encoding="utf-8")
    assert {label for p in gold.pages for _, label in p.lines} >= {"ticker", "promo", "body"}


def test_jsonl_line_out_of_range_is_an_error(tmp_path: Path) -> None:
    record = {"text": "one\ntwo", "body": "one", "lines": [{"n": 3, "label": "promo"}]}
    (tmp_path / "gold.jsonl").write_text(json.dumps(record) + "\n")
    with pytest.raises(GoldError, match="line 3 is outside"):
        load_gold(tmp_path)


# --- upstream layouts: trafilatura's evaldata.json + eval/, htmldate's eval_*.json + cache/ ------


def test_trafilatura_upstream_pages_are_read_from_eval_plain_and_gzipped() -> None:
    gold = load_gold(TRAFILATURA)
    entries = json.loads((TRAFILATURA / "evaldata.json").read_text(encoding="utf-8"))
    assert gold.layout == "snippets" and gold.path == TRAFILATURA / "evaldata.json"
    assert [p.key for p in gold.pages] == list(entries)
    harbour, hafen = gold.pages
    assert harbour.content == gzip.decompress((TRAFILATURA / "eval" / "coast-gazette.example.harbour.html.gz").read_bytes()).decode()
    assert hafen.content == (TRAFILATURA / "eval" / "kuestenzeitung.example.hafen.html").read_text(encoding="utf-8")
    assert {p.kind for p in gold.pages} == {"html"}
    assert hafen.with_ == entries[hafen.key]["with"] and hafen.without == entries[hafen.key]["without"]
    assert hafen.date is None  # the metadata of trafilatura's entries is no date gold: the set scores snippets
    assert (harbour.language, hafen.language) == ("en", "de")


def test_text_renders_stand_in_for_the_pages_with_the_same_gold_and_language() -> None:
    html, text = load_gold(TRAFILATURA), load_gold(TRAFILATURA, text=True)
    assert text.layout == "snippets" and {p.kind for p in text.pages} == {"text"}
    harbour, hafen = text.pages
    assert harbour.content == gzip.decompress((TRAFILATURA / "text" / "coast-gazette.example.harbour.txt.gz").read_bytes()).decode()
    assert hafen.content == (TRAFILATURA / "text" / "kuestenzeitung.example.hafen.txt").read_text(encoding="utf-8")
    for a, b in zip(html.pages, text.pages, strict=True):
        assert (a.key, a.with_, a.without, a.language) == (b.key, b.with_, b.without, b.language)


def test_a_missing_text_render_is_an_error(tmp_path: Path) -> None:
    shutil.copytree(TRAFILATURA, tmp_path / "set")
    (tmp_path / "set" / "text" / "kuestenzeitung.example.hafen.txt").unlink()
    load_gold(tmp_path / "set")  # the pages alone are whole
    with pytest.raises(GoldError, match=r"no text render of kuestenzeitung\.example\.hafen\.html .*text/kuestenzeitung\.example\.hafen\.txt\[\.gz\]"):
        load_gold(tmp_path / "set", text=True)


def test_only_a_snippet_set_has_text_renders() -> None:
    with pytest.raises(GoldError, match="only a snippet set has text renders"):
        load_gold(HTMLDATE, text=True)


def test_a_page_in_cache_and_eval_is_read_from_cache_as_trafilatura_does(tmp_path: Path) -> None:
    for folder in ("cache", "eval"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.html").write_text(f"<html><body><p>from {folder}</p></body></html>")
    (tmp_path / "evaldata.json").write_text(json.dumps({"https://a.example/": {"file": "a.html", "with": ["from"], "without": []}}))
    assert "from cache" in load_gold(tmp_path).pages[0].content


def test_htmldate_upstream_eval_files_are_one_set_with_pages_in_cache() -> None:
    files = [HTMLDATE / "eval_default.json", HTMLDATE / "eval_mediacloud_2020.json"]
    assert detect_layout(HTMLDATE) == ("dates", files)
    gold = load_gold(HTMLDATE)
    assert gold.layout == "dates" and gold.path == HTMLDATE
    expected = {url: item for file in files for url, item in json.loads(file.read_text()).items()}
    assert {p.key: p.date for p in gold.pages} == {url: item["date"] for url, item in expected.items()}
    market = next(p for p in gold.pages if "zeitung" in p.key)  # "file" names the page; cache/ holds it gzipped
    assert market.content == gzip.decompress((HTMLDATE / "cache" / "zeitung.example.de.markt.html.gz").read_bytes()).decode()
    assert {p.key: p.language for p in gold.pages} == {
        "https://blog.example.org/2019/spring-garden": "en",
        "https://bakery.example.com/about": "en",
        "https://zeitung.example.de/lokales/markt": "de",
    }
    # One of the files, passed as such, is a set of its own.
    assert [p.key for p in load_gold(files[1]).pages] == ["https://zeitung.example.de/lokales/markt"]


def test_a_date_set_as_gold_json_with_pages_in_html(tmp_path: Path) -> None:
    (tmp_path / "html").mkdir()
    page = "<html lang='en'><head><title>T</title></head><body><p>Short.</p></body></html>"
    (tmp_path / "html" / "0000.html.gz").write_bytes(gzip.compress(page.encode()))
    (tmp_path / "gold.json").write_text(json.dumps({"https://a.example/": {"file": "0000.html.gz", "date": "2016-12-23"}}))
    assert detect_layout(tmp_path) == ("dates", [tmp_path / "gold.json"])
    (only,) = load_gold(tmp_path).pages
    assert (only.content, only.date, only.kind) == (page, "2016-12-23", "html")


def test_the_vendored_dev_sets_are_whole() -> None:
    # Layout and files only: loading every page belongs to `cleaner eval`, not to a fast test.
    snippets = DATA / "trafilatura-dev"
    assert detect_layout(snippets) == ("snippets", [snippets / "evaldata.json"])
    for item in json.loads((snippets / "evaldata.json").read_text(encoding="utf-8")).values():
        assert (snippets / "eval" / f"{item['file']}.gz").is_file()
        assert (snippets / "text" / f"{Path(item['file']).stem}.txt.gz").is_file()
    dates = DATA / "dates-dev"
    assert detect_layout(dates) == ("dates", [dates / "gold.json"])
    assert all((dates / "html" / item["file"]).is_file() for item in json.loads((dates / "gold.json").read_text()).values())
    assert (snippets / "LICENSE").is_file() and (dates / "LICENSE").is_file()


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ({"a": {"file": "a.html", "with": ["x"], "without": []}, "b": {"file": "b.html", "date": "2020-01-01"}}, "mixed layouts"),
        ({"a": {"file": "a.html", "title": "T"}}, "entry a has neither 'with'/'without' snippets nor a 'date'"),
        ({"a": {"file": "a.html", "date": "27.01.2020"}}, r"entry a has no date as YYYY-MM-DD \(got '27.01.2020'\)"),
        ({"a": {"date": "2020-01-27"}}, "entry a has no 'file'"),
        ({"a": {"file": "gone.html", "date": "2020-01-27"}}, r"page file gone.html for a not found beside it or in cache/, eval/, html/, pages/"),
        ({}, "the gold set has no pages"),
    ],
)
def test_malformed_keyed_gold_is_an_error(tmp_path: Path, entries: dict, message: str) -> None:
    (tmp_path / "a.html").write_text("<html><body><p>A page.</p></body></html>")
    (tmp_path / "evaldata.json").write_text(json.dumps(entries))
    with pytest.raises(GoldError, match=message):
        load_gold(tmp_path)


def test_htmldate_files_beside_evaldata_are_ambiguous(tmp_path: Path) -> None:
    (tmp_path / "evaldata.json").write_text("{}")
    (tmp_path / "eval_default.json").write_text("{}")
    with pytest.raises(GoldError, match="several gold files"):
        detect_layout(tmp_path)


def test_a_snippet_page_has_the_language_of_its_snippets_not_of_its_chrome(tmp_path: Path) -> None:
    english = "<p>Home. Sign up to our newsletter. Read the most popular stories of the week on our site.</p>" * 5
    page = f"<html lang='en'><body>{english}<p>Der Gemeinderat hat am Dienstag beschlossen, die Buslinie zu verlängern.</p></body></html>"
    (tmp_path / "a.html").write_text(page)
    snippet = "Der Gemeinderat hat am Dienstag beschlossen, die Buslinie zu verlängern"
    (tmp_path / "evaldata.json").write_text(json.dumps({"a": {"file": "a.html", "with": [snippet], "without": ["Home"]}}))
    assert load_gold(tmp_path).pages[0].language == "de"


def test_a_date_page_has_the_language_of_its_text_else_the_declared_one() -> None:
    german = "<p>Der Wochenmarkt findet ab sofort auf dem Rathausplatz statt, weil die Straße gesperrt wird.</p>"
    assert page_language(f"<html lang='en'><body>{german}</body></html>") == "de"
    assert page_language("<html lang='fr-FR'><body><p>12 34</p></body></html>") == "fr"
    assert page_language("<html><body><p>12 34</p></body></html>") is None


# --- adapters and running -----------------------------------------------------------------------


def test_wrap_text_gives_one_escaped_paragraph_per_line() -> None:
    html = wrap_text("Fish & chips\n\n <b>not a tag</b> \n")
    assert "<p>Fish &amp; chips</p>" in html
    assert "<p>&lt;b&gt;not a tag&lt;/b&gt;</p>" in html
    assert html.count("<p>") == 2


def test_visible_text_keeps_blocks_apart_and_drops_scripts() -> None:
    page = (
        "<html><head><title>T</title><script>var x=1;</script></head>"
        "<body><p>One <b>two</b></p><div>three</div></body></html>"
    )
    assert visible_text(page) == "One two\nthree"
    assert visible_text("") == ""


def test_a_missing_package_is_reported_not_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "resiliparse", None)  # import fails as if not installed
    monkeypatch.setitem(sys.modules, "resiliparse.extract.html2text", None)
    with pytest.raises(Missing, match=r"\.\[compare\]"):
        ADAPTERS["resiliparse"].load()
    report = evaluate(load_gold(SNIPPETS), ["keep-all", "resiliparse"], runs=1)
    assert [row.name for row in report.rows] == ["keep-all"]
    assert report.skipped[0][0] == "resiliparse"


def test_time_cleaner_counts_failures_and_times_every_run() -> None:
    calls = []

    def flaky(page: str, kind: str) -> str:
        calls.append(page)
        if page == "bad":
            raise RuntimeError("boom")
        return page.upper()

    outputs, seconds, failures = time_cleaner(flaky, [("ok", "text"), ("bad", "text")], runs=3)
    assert outputs == ["OK", ""]
    assert len(seconds) == 3 and all(s >= 0 for s in seconds)
    assert failures == 1  # counted once, not once per run
    assert len(calls) == 1 + 2 * 3  # one warm-up call, then every page in every run
    assert time_cleaner(flaky, [("bad", "text"), ("ok", "text")], runs=1)[0] == ["", "OK"]  # bad warm-up


def test_take_turns_alternates_the_cleaners_in_each_round() -> None:
    calls: list[str] = []

    def tool(name: str):
        return lambda page, kind: calls.append(name) or name

    timings = take_turns({"a": tool("a"), "b": tool("b")}, [("p", "text")], runs=2)
    assert calls == ["a", "b", "a", "b", "a", "b"]  # warm-ups, then round 1, then round 2
    assert timings["a"].outputs == ["a"] and len(timings["b"].seconds) == 2


def test_c4_filter_baseline_keeps_sentences_of_text_and_of_visible_html() -> None:
    extract = ADAPTERS["c4-filter"].load()
    text = "Home\nThe council voted to extend the bus network.\nWe use cookies to improve the site.\nShort one."
    assert extract(text, "text") == "The council voted to extend the bus network."
    page = "<html><body><nav>Home</nav><p>The council voted to extend the bus network.</p><script>x = 1;</script></body></html>"
    assert extract(page, "html") == "The council voted to extend the bus network."


def test_text_pages_reach_html_only_cleaners_wrapped(monkeypatch: pytest.MonkeyPatch) -> None:
    from cleaner.eval import adapters

    seen: list[tuple[str, str]] = []

    def load() -> adapters.Extract:
        return lambda page, kind: seen.append((page, kind)) or ""

    monkeypatch.setitem(ADAPTERS, "html-probe", adapters.Adapter("html-probe", "test", load, True))
    gold = GoldSet(Path("x"), "jsonl", [Page("a", "Line one\nLine two", "text", 17, body="Line one")])
    report = evaluate(gold, ["html-probe"], runs=1)
    assert seen[-1] == (wrap_text("Line one\nLine two"), "html")
    assert report.notes and "<p>" in report.notes[0]


def test_evaluate_scores_keep_all_as_the_metric_does() -> None:
    gold = load_gold(SCRAPINGHUB)
    row = evaluate(gold, ["keep-all"], runs=2).rows[0]
    expected = score([(visible_text(p.content), p.body or "") for p in gold.pages])
    assert row.score == expected
    assert row.pages_per_s > 0 and row.mb_per_s > 0
    assert len(row.page_f1) == len(gold.pages)


def test_diff_lists_missed_and_added_runs() -> None:
    missed, added = diff("The cat sat on the mat today", "Menu The cat sat on the mat")
    assert missed == ["today"]
    assert added == ["Menu"]


def test_worst_pages_ranks_lowest_f1_first() -> None:
    gold = load_gold(SCRAPINGHUB)
    report = evaluate(gold, ["keep-all"], runs=1)
    text = worst_pages(report, "keep-all", 1)
    row = report.rows[0]
    worst = min(range(len(gold.pages)), key=lambda i: row.page_f1[i])
    assert gold.pages[worst].key in text
    assert "added:" in text and "missed:" in text


def _dated(key: str, date: str, language: str | None) -> Page:
    return Page(key, f"<html><body><p>{key}</p></body></html>", "html", 40, date=date, language=language)


def test_language_groups_pool_rare_languages_and_unknown_ones() -> None:
    pages = [_dated(str(i), "2020-01-01", "de") for i in range(57)]
    pages += [_dated(f"en{i}", "2020-01-01", "en") for i in range(40)]
    pages += [_dated("fr", "2020-01-01", "fr"), _dated("none1", "2020-01-01", None), _dated("none2", "2020-01-01", None)]
    groups = language_groups(pages)
    assert groups.count("de") == 57 and groups.count("en") == 40
    assert groups[57 + 40 :] == ["other", "und", "und"]  # fr: 1 page of 100, under 2%; und: 2, not under
    assert language_groups(pages[:1] + pages[-1:]) == ["de", "und"]  # in a small set every language is a row


def test_a_date_set_runs_the_date_finders_and_a_body_set_the_body_cleaners() -> None:
    dates = GoldSet(Path("d"), "dates", [_dated("a", "2020-01-01", "en")])
    assert default_cleaners(dates) == ["cleaner", "trafilatura", "htmldate"]
    bodies = default_cleaners(load_gold(SNIPPETS))
    assert "htmldate" not in bodies and {"cleaner", "trafilatura", "keep-all", "cleaner-markdown"} <= set(bodies)
    report = evaluate(dates, ["keep-all"], runs=1)
    assert report.rows == [] and report.skipped == [("keep-all", "it finds no publication dates of its own")]
    report = evaluate(load_gold(SNIPPETS), ["htmldate", "keep-all"], runs=1)
    assert [r.name for r in report.rows] == ["keep-all"] and report.skipped == [("htmldate", "it reads no article body")]


def test_dates_are_scored_with_known_answers_overall_and_per_language(monkeypatch: pytest.MonkeyPatch) -> None:
    from cleaner.eval import adapters

    found = {"right": "2020-01-27T10:00:00", "wrong": "2020-01-26", "none": None, "also-right": "2019-05-03"}

    def load() -> adapters.Extract:
        return lambda page, kind: adapters.Extracted("", {"date": next(d for k, d in found.items() if f"<p>{k}</p>" in page)})

    monkeypatch.setitem(ADAPTERS, "dater", adapters.Adapter("dater", "test", None, False, load_date=load))
    pages = [
        _dated("right", "2020-01-27", "de"),
        _dated("wrong", "2020-01-27", "de"),
        _dated("none", "2018-06-01", "de"),
        _dated("also-right", "2019-05-03", "en"),
    ]
    report = evaluate(GoldSet(Path("d"), "dates", pages), ["dater"], runs=1)
    (row,) = report.rows
    assert row.dates == DateScore(right=2, dated=3, pages=4)
    assert row.languages == {"de": DateScore(1, 2, 3), "en": DateScore(1, 1, 1)}
    assert worst_pages(report, "dater", 5).splitlines()[1:] == [
        "- wrong  gold 2020-01-27, found 2020-01-26",
        "- none  gold 2018-06-01, found no date",
    ]
    data = to_json(report)
    assert data["cleaners"][0]["dates"] == {
        "right": 2, "dated": 3, "pages": 4, "accuracy": 0.5, "coverage": 0.75, "precision": pytest.approx(2 / 3)
    }  # fmt: skip
    assert data["cleaners"][0]["languages"]["en"]["right"] == 1
    assert data["page_languages"] == {"right": "de", "wrong": "de", "none": "de", "also-right": "en"}
    table = format_text(report)
    assert "date right" in table and "date given" in table
    # per language, then all: (language, cleaner, pages, right share, ...)
    rows = [line.split() for line in table.splitlines() if line.split()[:2] in (["de", "dater"], ["en", "dater"], ["all", "dater"])]
    assert rows == [
        ["de", "dater", "3", "0.333", "0.667", "0.500", "1", "2"],
        ["en", "dater", "1", "1.000", "1.000", "1.000", "1", "1"],
        ["all", "dater", "4", "0.500", "0.750", "0.667", "2", "3"],
    ]


# --- the command --------------------------------------------------------------------------------


def _run(*args: str) -> object:
    return CliRunner().invoke(main, ["eval", *args], catch_exceptions=False)


def test_eval_scrapinghub_table_and_json(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    result = _run(str(SCRAPINGHUB), "-c", "cleaner", "-c", "keep-all", "--runs", "1", "--json", str(out))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    header = next(line for line in lines if line.startswith("cleaner "))
    for column in ("F1", "precision", "recall", "accuracy", "pages/s", "MB/s"):
        assert column in header
    assert any(line.startswith("keep-all ") and "±" in line for line in lines)
    data = json.loads(out.read_text())
    assert data["layout"] == "scrapinghub" and data["pages"] == 3 and data["resamples"] == 1000
    names = [c["name"] for c in data["cleaners"]]
    assert names == ["cleaner", "keep-all"]
    keep_all = data["cleaners"][1]
    gold = load_gold(SCRAPINGHUB)
    expected = score([(visible_text(p.content), p.body or "") for p in gold.pages])
    assert keep_all["f1"] == pytest.approx(expected.f1)
    assert keep_all["recall"] == pytest.approx(expected.recall)
    assert 0 <= keep_all["f1_std"] < 1
    assert set(keep_all["page_f1"]) == {p.key for p in gold.pages}
    # the table shows the same figure as the JSON
    assert f"{keep_all['f1']:.3f} ± {keep_all['f1_std']:.3f}" in result.stdout


def _metadata_gold(folder: Path) -> Path:
    """A two-page Scrapinghub set with Readability's metadata fields, one page's byline unknown."""
    (folder / "html").mkdir(parents=True)
    page = (
        "<html lang='{lang}'><head><title>{title} - The Daily</title>"
        "<meta name='author' content='{author}'></head><body><article><h1>{title}</h1>"
        + "<p>The council voted on Tuesday to extend the bus network to the hospital and the new estates.</p>" * 4
        + "</article></body></html>"
    )
    pages = {
        "a": ("Buses reach the hospital", "Jane Doe", "en"),
        "b": ("Neue Buslinie zum Krankenhaus", "Max Muster", "de"),
    }
    truth = {}
    for key, (title, author, lang) in pages.items():
        (folder / "html" / f"{key}.html").write_text(page.format(title=title, author=author, lang=lang))
        truth[key] = {"articleBody": "The council voted.", "title": title, "lang": lang}
    truth["a"]["byline"] = "By Jane Doe"
    truth["b"]["byline"] = None  # no gold: the page is not counted for author
    truth["b"]["publishedTime"] = "None"  # Readability's placeholder for none
    (folder / "ground-truth.json").write_text(json.dumps(truth))
    return folder


def test_gold_metadata_is_read_and_placeholders_skipped(tmp_path: Path) -> None:
    gold = load_gold(_metadata_gold(tmp_path))
    assert gold.pages[0].meta == {"title": "Buses reach the hospital", "author": "By Jane Doe", "language": "en"}
    assert gold.pages[1].meta == {"title": "Neue Buslinie zum Krankenhaus", "language": "de"}


def test_eval_scores_metadata_in_text_markdown_and_json(tmp_path: Path) -> None:
    gold = _metadata_gold(tmp_path / "gold")
    out, md = tmp_path / "r.json", tmp_path / "r.md"
    result = _run(str(gold), "-c", "cleaner", "-c", "keep-all", "--runs", "1", "--json", str(out), "--markdown", str(md))
    assert result.exit_code == 0, result.output
    header = next(line for line in result.stdout.splitlines() if line.startswith("cleaner "))
    for column in ("title", "author", "language"):
        assert column in header
    assert "date" not in header.split()  # no page has a gold date
    cleaner_row, keep_all = json.loads(out.read_text())["cleaners"]
    assert cleaner_row["metadata"] == {
        "title": {"right": 2, "pages": 2, "accuracy": 1.0},
        "author": {"right": 1, "pages": 1, "accuracy": 1.0},
        "language": {"right": 2, "pages": 2, "accuracy": 1.0},
    }
    assert "metadata" not in keep_all  # a cleaner that reads no metadata is not scored on it
    assert "Metadata columns" in result.stdout and "title 2, author 1, language 2" in result.stdout
    table = md.read_text()
    assert "| title | author | language |" in table and "| 1.000 | 1.000 | 1.000 |" in table


def test_eval_snippets_counts(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    result = _run(str(SNIPPETS), "-c", "keep-all", "-c", "cleaner", "--runs", "1", "--json", str(out))
    assert result.exit_code == 0, result.output
    assert "snippet F1" in result.stdout and "TP" in result.stdout
    keep_all = json.loads(out.read_text())["cleaners"][0]
    # Keeping every visible line finds all 5 wanted snippets and all 6 unwanted ones.
    assert keep_all["snippets"] == {
        "tp": 5,
        "fn": 0,
        "fp": 6,
        "tn": 0,
        "precision": pytest.approx(5 / 11),
        "recall": 1.0,
        "f1": pytest.approx(10 / 16),
        "accuracy": pytest.approx(5 / 11),
    }
    assert "f1" not in keep_all  # no article bodies in a snippet set


def test_eval_jsonl_labels(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    md = tmp_path / "r.md"
    result = _run(str(JSONL), "-c", "keep-all", "--runs", "1", "--json", str(out), "--markdown", str(md))
    assert result.exit_code == 0, result.output
    assert "chrome label" in result.stdout
    keep_all = json.loads(out.read_text())["cleaners"][0]
    # Keep-all drops no line of a text page, so no chrome label is caught.
    assert keep_all["labels"]["navigation"] == {"dropped": 0, "lines": 1, "recall": 0.0}
    assert keep_all["labels"]["promo"] == {"dropped": 0, "lines": 2, "recall": 0.0}
    assert "body" not in keep_all["labels"]
    assert keep_all["recall"] == pytest.approx(1.0)  # every body line is in the page
    assert md.read_text().splitlines()[2].startswith("| cleaner | F1 |")


def test_eval_cleaner_drops_counted_per_label(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    result = _run(str(JSONL), "-c", "cleaner", "--runs", "1", "--json", str(out))
    assert result.exit_code == 0, result.output
    row = json.loads(out.read_text())["cleaners"][0]
    gold = load_gold(JSONL)
    from cleaner import clean_text
    from cleaner.eval.metrics import label_counts

    # The label table agrees with the lines the cleaner's own output leaves out.
    bakery = gold.pages[0]
    chrome = [(t, label) for t, label in bakery.lines if label != "body"]
    counts = label_counts(chrome, clean_text(bakery.content).text)
    assert row["labels"]["navigation"]["dropped"] == counts["navigation"][0]


def test_eval_notes_a_missing_competitor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "boilerpy3", None)
    result = _run(str(SNIPPETS), "-c", "keep-all", "-c", "boilerpy3", "--runs", "1")
    assert result.exit_code == 0, result.output
    assert (
        "note: skipped boilerpy3: boilerpy3 is not installed (pip install '.[compare]' in the cleaner-corpus clone)"
        in result.stderr
    )
    assert "boilerpy3" not in result.stdout


def test_eval_with_only_missing_cleaners_fails_cleanly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "boilerpy3", None)
    result = CliRunner().invoke(main, ["eval", str(SNIPPETS), "-c", "boilerpy3"])
    assert result.exit_code == 1
    assert "Error: no cleaner could run" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_eval_errors_prints_worst_pages() -> None:
    result = _run(
        str(SCRAPINGHUB),
        "-c",
        "cleaner",
        "-c",
        "keep-all",
        "--runs",
        "1",
        "--errors",
        "2",
        "--errors-cleaner",
        "keep-all",
    )
    assert result.exit_code == 0, result.output
    assert "Worst 2 pages for keep-all:" in result.stdout
    assert result.stdout.count("  missed: ") == 2 and result.stdout.count("  added:  ") == 2


def test_eval_errors_cleaner_must_be_run() -> None:
    result = CliRunner().invoke(
        main, ["eval", str(SNIPPETS), "-c", "keep-all", "--errors", "1", "--errors-cleaner", "cleaner"]
    )
    assert result.exit_code == 1
    assert "not among the cleaners run" in result.output


def test_eval_rejects_an_unknown_cleaner_and_a_folder_without_gold(tmp_path: Path) -> None:
    unknown = CliRunner().invoke(main, ["eval", str(SNIPPETS), "-c", "nope"])
    assert unknown.exit_code == 2 and "nope" in unknown.output
    empty = CliRunner().invoke(main, ["eval", str(tmp_path)])
    assert empty.exit_code == 1 and "no gold set here" in empty.output


def test_eval_plot_writes_a_png(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    png = tmp_path / "plot.png"
    result = _run(str(SNIPPETS), "-c", "keep-all", "-c", "cleaner", "--runs", "1", "--plot", str(png))
    assert result.exit_code == 0, result.output
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def _not_run(*args: object, **kwargs: object) -> None:
    raise AssertionError("the benchmark ran before its outputs were checked")


def test_eval_plot_without_matplotlib_says_what_to_install_before_running(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setattr("cleaner.eval.report.evaluate", _not_run)
    result = CliRunner().invoke(
        main, ["eval", str(SNIPPETS), "-c", "keep-all", "--runs", "1", "--plot", str(tmp_path / "p.png")]
    )
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and result.output.startswith("Error: --plot needs matplotlib")
    assert "'.[compare]'" in result.output and "cleaner-corpus clone" in result.output


@pytest.mark.parametrize("option", ["--json", "--markdown", "--plot"])
def test_eval_checks_its_output_paths_before_running(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, option: str
) -> None:
    monkeypatch.setattr("cleaner.eval.report.evaluate", _not_run)
    result = CliRunner().invoke(main, ["eval", str(SNIPPETS), "-c", "keep-all", option, str(tmp_path / "no/out")])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.output == f"Error: {option} folder does not exist: {tmp_path / 'no'}\n"


def test_eval_speeds_have_no_trailing_point() -> None:
    assert [_speed(v) for v in (99.97, 99.94, 12.0, 0.5, 1234.4)] == ["100", "99.9", "12.0", "0.500", "1,234"]


def test_eval_quiet_says_nothing_on_stderr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "boilerpy3", None)
    result = _run(str(SNIPPETS), "-q", "-c", "keep-all", "-c", "boilerpy3", "--runs", "1")
    assert result.exit_code == 0 and result.stderr == "" and "keep-all" in result.stdout


def test_plot_labels_overlap_no_label_and_no_point() -> None:
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot
    from matplotlib.text import Text

    from cleaner.eval.report import _place_labels

    # Good cleaners bunch up: five at one F1 and nearly one speed, as on the gold sets.
    points = [(10.0, 0.95), (11.0, 0.95), (12.0, 0.952), (13.0, 0.95), (14.0, 0.949), (300.0, 0.9), (150.0, 0.6)]
    figure, axes = pyplot.subplots(figsize=(7, 4.5))
    labels = []
    for n, (x, y) in enumerate(points):
        axes.scatter(x, y)
        labels.append(axes.annotate(f"cleaner-number-{n}", (x, y), textcoords="offset points", xytext=(6, 3), fontsize=8))
    axes.set_xscale("log")
    axes.margins(x=0.2, y=0.1)
    figure.tight_layout()
    _place_labels(figure, axes, labels, points)
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    boxes = [Text.get_window_extent(label, renderer) for label in labels]
    frame = axes.get_window_extent(renderer)
    centres = axes.transData.transform(points)
    for i, box in enumerate(boxes):
        assert frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1
        assert not any(box.overlaps(other) for other in boxes[:i] + boxes[i + 1 :])
        assert not any(box.contains(x, y) for x, y in centres)
    pyplot.close(figure)


def test_eval_upstream_trafilatura_layout_per_language_in_text_markdown_and_json(tmp_path: Path) -> None:
    out, md = tmp_path / "r.json", tmp_path / "r.md"
    result = _run(str(TRAFILATURA), "-c", "cleaner", "-c", "keep-all", "--runs", "1", "--json", str(out), "--markdown", str(md))
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text())
    assert data["layout"] == "snippets" and data["pages"] == 2
    assert data["page_languages"] == {
        "https://coast-gazette.example/news/harbour-reopens": "en",
        "https://kuestenzeitung.example/lokales/hafen": "de",
    }
    for row in data["cleaners"]:
        languages = row["languages"]
        assert list(languages) == ["de", "en"]  # one page each: by name
        for count in ("tp", "fn", "fp", "tn"):
            assert sum(language[count] for language in languages.values()) == row["snippets"][count]
    keep_all = data["cleaners"][1]
    assert keep_all["languages"]["de"] == {
        "tp": 3, "fn": 0, "fp": 3, "tn": 0, "precision": 0.5, "recall": 1.0, "f1": pytest.approx(2 / 3), "accuracy": 0.5
    }  # fmt: skip
    lines = result.stdout.splitlines()
    assert "Per language of the page" in result.stdout
    assert [line.split()[:3] for line in lines if line.split()[:1] in (["de"], ["en"], ["all"])] == [
        ["de", "cleaner", "1"], ["de", "keep-all", "1"], ["en", "cleaner", "1"], ["en", "keep-all", "1"],
        ["all", "cleaner", "2"], ["all", "keep-all", "2"],
    ]  # fmt: skip
    table = md.read_text()
    assert "| language | cleaner | pages | snippet F1 |" in table and "| --- | --- | ---: |" in table
    assert "| de | keep-all | 1 | 0.667 | 0.500 | 1.000 | 3 | 0 | 3 |" in table
    assert "A page's language is told from the gold" in table


def test_eval_text_renders_of_a_snippet_set(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    result = _run(str(TRAFILATURA), "--text", "-c", "keep-all", "--runs", "1", "--json", str(out))
    assert result.exit_code == 0, result.output
    assert "2 pages (2 text)" in result.stdout
    # Keeping every line of the renders finds every snippet, wanted or not.
    assert json.loads(out.read_text())["cleaners"][0]["snippets"] == {
        "tp": 6, "fn": 0, "fp": 6, "tn": 0, "precision": 0.5, "recall": 1.0, "f1": pytest.approx(2 / 3), "accuracy": 0.5
    }  # fmt: skip


def test_eval_upstream_htmldate_layout_scores_dates(tmp_path: Path) -> None:
    from cleaner import clean_html

    out, md = tmp_path / "r.json", tmp_path / "r.md"
    result = _run(
        str(HTMLDATE), "-c", "cleaner", "-c", "htmldate", "-c", "keep-all", "--runs", "1", "--json", str(out), "--markdown", str(md)
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "note: skipped keep-all: it finds no publication dates of its own" in result.stderr
    data = json.loads(out.read_text())
    assert data["layout"] == "dates" and data["pages"] == 3
    cleaner_row, htmldate_row = data["cleaners"]
    # Two pages carry their day in a meta tag, the third no date at all.
    assert htmldate_row["dates"] == {
        "right": 2, "dated": 2, "pages": 3, "accuracy": pytest.approx(2 / 3), "coverage": pytest.approx(2 / 3), "precision": 1.0
    }  # fmt: skip
    assert htmldate_row["languages"]["en"]["pages"] == 2 and htmldate_row["languages"]["de"]["right"] == 1
    gold = load_gold(HTMLDATE)
    expected = date_score([(clean_html(p.content).date, p.date or "") for p in gold.pages])
    assert (cleaner_row["dates"]["right"], cleaner_row["dates"]["dated"]) == (expected.right, expected.dated)
    header = next(line for line in result.stdout.splitlines() if line.startswith("cleaner "))
    assert header.split()[1:6] == ["date", "right", "date", "given", "date"]
    assert "| language | cleaner | pages | date right | date given | date P | right | given |" in md.read_text()


def test_eval_errors_on_a_date_set_lists_the_pages_dated_wrong() -> None:
    result = _run(str(HTMLDATE), "-c", "htmldate", "--runs", "1", "--errors", "5")
    assert result.exit_code == 0, result.output
    assert "- https://bakery.example.com/about  gold 2018-06-01, found no date" in result.stdout


def _gold_folder(tmp_path: Path, entries: object, raw: str | None = None) -> Path:
    (tmp_path / "eval").mkdir()
    (tmp_path / "eval" / "a.html").write_text("<html><body><p>A page.</p></body></html>")
    (tmp_path / "evaldata.json").write_text(raw if raw is not None else json.dumps(entries))
    return tmp_path


@pytest.mark.parametrize(
    ("entries", "raw", "args", "message"),
    [
        ({"u": {"file": "gone.html", "with": ["x"], "without": []}}, None, [], "page file gone.html for u not found"),
        (None, '{"u": {"file": "a.html",', [], "not valid JSON"),
        ({"u": {"file": "a.html", "with": ["A"], "without": []}, "v": {"file": "a.html", "date": "2020-01-01"}}, None, [], "mixed layouts"),
        ({"u": {"file": "a.html", "date": "2020-01-01"}}, None, ["--text"], "only a snippet set has text renders"),
        ({"u": {"file": "a.html", "with": ["A"], "without": []}}, None, ["--text"], r"no text render of a\.html for u"),
    ],
)
def test_eval_gold_errors_are_messages_not_tracebacks(
    tmp_path: Path, entries: object, raw: str | None, args: list[str], message: str
) -> None:
    folder = _gold_folder(tmp_path, entries, raw)
    result = CliRunner().invoke(main, ["eval", str(folder), "-c", "keep-all", "--runs", "1", *args])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.output.startswith("Error: ") and re.search(message, result.output)
    assert "Traceback" not in result.output


def test_eval_help_states_the_language_rule_and_its_pooling_share() -> None:
    from cleaner.eval.report import MIN_LANGUAGE_SHARE

    result = CliRunner().invoke(main, ["eval", "--help"], terminal_width=200)
    text = " ".join(result.output.split())
    assert f"Languages under {MIN_LANGUAGE_SHARE:.0%} of the pages are pooled" in text
    assert "from its \"with\" snippets joined" in text and "langdetect with a fixed seed" in text
    assert "{COMPARE_INSTALL}" not in text and "pip install '.[compare]'" in text
