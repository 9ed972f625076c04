"""The shared classifier's stages, on small hand-made texts."""

from __future__ import annotations

from cleaner import label_text
from cleaner.rules import SLIDE_EXAMPLES

PROSE = [
    "The city council voted on Tuesday to expand the bus network after months of public hearings.",
    "Officials said the new routes would begin running in the spring, with more buses added in the summer.",
    "Residents who spoke at the meeting were mostly in favour of the plan, though some raised concerns about costs.",
    "The council will review the budget for the project again at its next meeting in March.",
]


def labels(text: str) -> dict[str, str]:
    return {block.text: block.label for block in label_text(text)}


def test_prose_is_body_and_headline_is_title():
    got = labels("\n".join(["Council expands bus network", *PROSE]))
    assert got["Council expands bus network"] == "title"
    assert all(got[p] == "body" for p in PROSE)


def test_ticker_run_is_dropped():
    ticker = ["10:15", "Storm closes schools", "10:02", "Exclusive", "Markets rally on rate hopes", "09:47", "Team wins final"]
    got = labels("\n".join([*PROSE, *ticker]))
    assert all(got[line] == "ticker" for line in ticker)


def test_short_line_inside_prose_is_kept():
    got = labels("\n".join([PROSE[0], PROSE[1], "New routes", PROSE[2], PROSE[3]]))
    assert got["New routes"] == "body"


def test_short_lines_between_chrome_are_dropped():
    got = labels("\n".join([*PROSE, "Tags:", "Transport", "Copyright 2024 The Example Times"]))
    assert got["Transport"] != "body"
    assert got["Tags:"] == "navigation"
    assert got["Copyright 2024 The Example Times"] == "copyright"


def test_menu_run_before_article_is_dropped():
    menu = ["Home", "World", "Business", "Sport", "Weather"]
    got = labels("\n".join([*menu, *PROSE]))
    assert all(got[item] != "body" for item in menu)


def test_repeated_teaser_is_dropped():
    teaser = "Mayor promises new parks in every district after a year of campaigning by residents."
    got = labels("\n".join([teaser, *PROSE, teaser]))
    assert got[teaser] != "body"


def test_promo_inside_article_is_dropped_and_article_continues():
    got = labels("\n".join([PROSE[0], PROSE[1], "Also Read: Ten things to know about the new timetable", PROSE[2], PROSE[3]]))
    assert got["Also Read: Ten things to know about the new timetable"] == "promo"
    assert got[PROSE[3]] == "body"


def test_lone_list_item_after_article_is_a_related_link():
    got = labels("\n".join([*PROSE, "• Mayor says the city will also review its taxi licences next year.", "Tags:", "Transport"]))
    assert got["Mayor says the city will also review its taxi licences next year."] == "related-link"


def test_list_inside_article_is_kept():
    items = ["• Route 12 will run every ten minutes in the morning.", "• Route 40 will be extended to the airport by June."]
    got = labels("\n".join([PROSE[0], PROSE[1], *items, PROSE[2], PROSE[3]]))
    assert all(got[item[2:]] == "body" for item in items)


def test_comment_section_after_article_is_dropped():
    comments = ["Jane on March 3, 2024 at 4:47 pm said:", "Great news, finally!", "Reply"]
    got = labels("\n".join([*PROSE, *comments]))
    assert got["Jane on March 3, 2024 at 4:47 pm said:"] == "comments"
    assert got["Great news, finally!"] != "body"


def test_every_dropped_block_has_a_reason_and_a_rule():
    for block in label_text("\n".join(["Home", "News", *PROSE, "Tags:", "© 2024 Example"])):
        assert block.label and block.rule


def test_gallery_run_is_dropped_with_its_captions():
    gallery = [
        "1/4 The harbour at dawn",
        "Fishing boats return with the morning catch, as they have done for three hundred years.",
        "2/4 The market opens",
        "Traders set out their stalls on the quay long before the first customers arrive in town.",
        "3/4 Lunch on the pier",
        "4/4 Sunset over the bay",
        "The last ferry leaves for the islands as the lights of the town come on behind it.",
    ]
    got = labels("\n".join([*PROSE[:2], *gallery, *PROSE[2:]]))
    assert all(got[line] == "gallery" for line in gallery)
    assert all(got[p] == "body" for p in PROSE)


def test_each_slide_counter_example_run_is_a_gallery():
    for run in SLIDE_EXAMPLES:
        got = labels("\n".join([*PROSE[:2], *run, *PROSE[2:]]))
        assert all(got[line] == "gallery" for line in run), run


def test_lone_or_unordered_counters_are_not_a_gallery():
    recipe = ["1/2 cup flour", "3/4 cup sugar", "1/4 teaspoon salt", "2 eggs"]
    dates = ["9/11 Memorial opens its doors to the families of the victims, twenty years on.", "24/7 news"]
    got = labels("\n".join([*PROSE[:2], *recipe, *dates, *PROSE[2:]]))
    assert "gallery" not in {got[line] for line in [*recipe, *dates]}


def test_lead_cut_off_by_datelines_and_share_lines_is_body():
    """The lead paragraph that a template sets between headline and article, with chrome around it."""
    lead = (
        "Nach monatelangen Anhörungen hat der Stadtrat am Dienstag beschlossen, das Busnetz auszubauen, "
        "und die ersten neuen Linien sollen schon im Frühjahr fahren."
    )
    chrome = ["Teilen", "Drucken", "E-Mail", "Von Anna Muster", "03.04.2020, 12:35 Uhr"]
    got = labels("\n".join(["Stadtrat baut Busnetz aus", lead, *chrome, *PROSE]))
    assert got[lead] == "body"
    assert all(got[line] != "body" for line in chrome)
