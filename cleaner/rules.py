"""Boilerplate knowledge in one place: named rule categories, each with examples of its own.

A rule fires on a whole block (a line of text, a paragraph of HTML) that it matches from the
start, and only while the block has at most `max_words` words: a long line of prose that
happens to begin like a promo is still prose. Its `label` is the reason code a dropped block
carries. Adding a rule is one entry here plus its examples; `tests/test_rules.py` checks that
each rule fires on every one of its examples and on no body line of the gold sets.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate, compress, count, repeat
from operator import itemgetter

from .blocks import heads


@dataclass(frozen=True, slots=True)
class Rule:
    """A named pattern for one kind of chrome, and the cheap trigger that decides when to try it.

    The pattern is only tried on a block whose lead (`lead_of`: its first run of letters or
    digits, lower-cased) is one of `leads`, or whose head (its first `blocks.HEAD_CHARS` characters, lower-cased)
    contains one of `needles`, or which ends with one of `ends`. Most blocks of a page trigger no
    rule at all, so they never meet a regex: that is what makes the table cheap to scan.
    """

    name: str
    label: str
    pattern: str
    max_words: int
    examples: tuple[str, ...]
    leads: tuple[str, ...] = ()
    needles: tuple[str, ...] = ()
    ends: tuple[str, ...] = ()


# The lead of a block that starts with a number (`lead_of`).
NUMBER = "0"

# Month names and abbreviations in the languages the date rules read, with their number: the one
# month table of the project (`metadata.parse_date` reads dates with it).
MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            "jan january januar janvier enero gennaio",
            "feb february februar février febrero febbraio",
            "mar march märz mars marzo",
            "apr april avril abril aprile",
            "may mai mayo maggio",
            "jun june juni juin junio giugno",
            "jul july juli juillet julio luglio",
            "aug august août agosto",
            "sep sept september septembre septiembre settembre",
            "oct october oktober octobre octubre ottobre",
            "nov november novembre noviembre",
            "dec december dezember décembre diciembre dicembre",
        ),
        1,
    )
    for name in names.split()
}
WEEKDAYS: tuple[str, ...] = (
    "mon monday tue tues tuesday wed wednesday thu thurs thursday fri friday sat saturday sun sunday "
    "montag dienstag mittwoch donnerstag freitag samstag sonntag "
    "lundi mardi mercredi jeudi vendredi samedi dimanche "
    "lunes martes miércoles jueves viernes sábado domingo"
).split()


def _words(names: object) -> str:
    """A regex matching any of `names`, as a trie ("ma(?:y|rch|...)"): the regex engine tries
    alternatives one by one, so a trie tries a few first letters instead of a hundred words."""
    trie: dict = {}
    for name in names:  # type: ignore[attr-defined]
        node = trie
        for char in name:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        # Longest first: a word ending here is tried only after its longer continuations.
        return f"(?:{body})?" if ends else body

    return pattern(trie)


_MONTH_NAMES, _WEEKDAY_NAMES = _words(MONTHS), _words(WEEKDAYS)
_MONTHS = rf"(?:{_MONTH_NAMES})\.?"
_WEEKDAYS = rf"(?:{_WEEKDAY_NAMES})\.?"
_TIME = r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*(?:[A-Z]{2,4}|UTC|GMT)(?:[+-]\d{1,2})?)?"
_DATE_LEADS = ("published", "updated", "posted", "last", "veröffentlicht", "aktualisiert", "publié", "mis")
# The date words that are not months or weekdays (punctuation never leads: see `lead_of`).
_DATE_JOINERS = ("at", "on", "um", "à", "de", "del")
# A number is not split in two, unless a time follows it glued ("20195:45"): a run of digits
# read as several date words in every possible way is exponential backtracking.
_DATE_WORD = rf"(?:{_MONTHS}|{_WEEKDAYS}|\d{{1,4}}(?:(?!\d)|(?={_TIME}))(?:st|nd|rd|th|\.)?|{_TIME}|at|on|um|à|de|del|\||/|-|—|–|,|\.)"
# A line made only of date words: "22 November, 2024 Friday", "2025, Tuesday", "11:36", "Nov. 3, 2019 at 5:02 pm".
# It must name a month or weekday, or be a numeric date: digits alone are a phone number or a score.
_HAS_DATE = rf"(?=.*?(?:\b(?:{_MONTH_NAMES}|{_WEEKDAY_NAMES})\b|\d{{4}}-\d{{1,2}}-\d{{1,2}}|\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}))"
_DATE_BODY = rf"(?:(?:published|updated|posted|last updated|veröffentlicht|aktualisiert|publié le|mis à jour)\s*(?:on|am|le)?:?\s*)?(?:{_DATE_WORD}\s*)+$"
# The shape of the line is checked first: it fails fast on most lines, where looking for a
# month name at every position would not. (Both are lookaheads: the match is empty.)
DATE_LINE = rf"(?i)(?={_DATE_BODY}){_HAS_DATE}"
TIME_LINE = rf"(?i){_TIME}$"

# The words that open a byline, before the name; metadata.py reads the name after them.
BYLINE_LEAD = r"(?:By|BY|by|Von|Par|Por|Di|Door|Av|Written by|Words by|Reporting by|Text:|Autor:|Author:|Auteur ?:)\s+"
_BYLINE_LEADS = ("by", "von", "par", "por", "di", "door", "av", "written", "words", "reporting", "text", "autor", "author", "auteur")

_PROMO_LEADS = (
    r"also read|read also|read more|read next|see also|related(?: articles?| stories| news| content| posts?| coverage)?"
    r"|more (?:from|on|about|articles)|recommended(?: for you| stories| articles)?"
    r"|you (?:may|might) (?:also )?(?:like|be interested in|enjoy)|don'?t miss|most (?:read|popular|viewed|shared)"
    r"|trending(?: now| stories)?|editor'?s? picks?|top stories|latest (?:news|stories)|further reading"
    r"|lesen sie (?:auch|mehr)|mehr zum thema|das könnte sie (?:auch )?interessieren|weitere (?:beiträge|artikel|nachrichten)"
    r"|lire aussi|à lire aussi|a lire aussi|voir aussi|sur le même sujet"
    r"|leer (?:también|más)|lee también|te puede interesar|leia também|leia mais|veja também"
    r"|leggi anche|potrebbe interessarti|lees ook|läs också|czytaj (?:też|także)|zobacz (?:też|także)"
    r"|читайте (?:также|також)|смотрите также|дивіться також"
)
# The first words of those leads.
_PROMO_FIRST = (
    "also", "read", "see", "related", "more", "recommended", "you", "don", "dont", "most", "trending",
    "editor", "editors", "top", "latest", "further", "lesen", "mehr", "das", "weitere", "lire",
    "à", "a", "voir", "sur", "leer", "lee", "te", "leia", "veja", "leggi", "potrebbe", "lees", "läs",
    "czytaj", "zobacz", "читайте", "смотрите", "дивіться",
)  # fmt: skip

RULES: tuple[Rule, ...] = (
    # --- time stamps and datelines (tickers are runs of them, found by the context pass) ---
    Rule(
        "time-stamp", "dateline", TIME_LINE, 4, ("11:36", "9:05 am", "21:45 CET", "14.30"),
        leads=(NUMBER,),
    ),
    Rule(
        "date-line", "dateline", DATE_LINE, 10,
        ("4 February", "2025, Tuesday", "Nov. 3, 2019 at 5:02 pm", "Published: 12 March 2021",
         "Montag, 3. Juni 2019", "mis à jour le 4 mars 2020 à 10:30"),
        leads=(NUMBER, *MONTHS, *WEEKDAYS, *_DATE_LEADS, *_DATE_JOINERS),
    ),
    Rule(
        "relative-time", "dateline",
        r"(?i)(?:(?:updated|posted|published)\s+)?(?:\d+\s*(?:s|m|h|d|w|mins?|minutes?|hrs?|hours?|days?|weeks?|months?|years?)|an? (?:minute|hour|day|week|month|year)|yesterday)\s+ago\b(?:\s+at\s+" + _TIME + r")?\W*$|"
        r"vor \d+ (?:minuten|stunden|tagen)$|il y a \d+ (?:minutes?|heures?|jours?)$|hace \d+ (?:minutos?|horas?|días?)$",
        8, ("32M ago", "2 days ago at 07:50 am", "Updated 3 hours ago", "an hour ago", "vor 5 Stunden"),
        leads=(NUMBER, "updated", "posted", "published", "a", "an", "yesterday", "vor", "il", "hace"),
    ),
    # --- promos and related-story links ---
    Rule(
        "promo-lead", "promo", rf"(?i)(?:{_PROMO_LEADS})\b(?:\s*[:»>|–-]|\W*$)", 25,
        ("Also Read: Fed holds rates steady as inflation cools", "Read Next:", "Related Articles",
         "Lesen Sie auch: Die neue Regierung steht", "À lire aussi", "You may also like",
         "Читайте также: Новые санкции"),
        leads=_PROMO_FIRST,
    ),
    Rule(
        "cut-teaser", "promo", r".{10,}[^\W\d_](?:\.\.\.|…)$", 40,
        ("Windows 10 1909 is now available via Windows 10 Update Ass...",
         "The minister said on Monday that the new rules would apply from…"),
        ends=("...", "…"),
    ),
    Rule(
        "more-link", "navigation",
        r"(?i)(?:more news|more stories|load more|show more|view (?:all|more)|see (?:all|more)|continue reading|"
        r"next (?:article|story|post|page)|previous (?:article|story|post|page)|back to (?:top|home)|"
        r"skip to (?:main )?content|zurück(?: zur übersicht)?|mehr anzeigen|weiterlesen|voir plus|ver más)\b\W*$",
        5, ("More news", "Load more", "Continue reading »", "Back to top", "Zurück zur Übersicht"),
        leads=("more", "load", "show", "view", "see", "continue", "next", "previous", "back", "skip", "zurück",
               "mehr", "weiterlesen", "voir", "ver"),
    ),
    # --- authors ---
    Rule(
        "byline", "byline",
        BYLINE_LEAD + r"[A-ZÀ-ÖØ-ÞĀ-Ž]",
        12, ("By Jane Doe", "By JOHN SMITH and Ann Lee, Associated Press", "Von Moritz Bachmann publiziert am 30. Juli 2018"),
        leads=_BYLINE_LEADS,
    ),
    Rule(
        "self-bio", "author-bio",
        r"(?:I am|I'm) [A-Z][\w'-]+(?: [A-Z][\w'.-]+)+, (?:an? |the )?(?:[\w-]+ ){0,4}"
        r"(?:writer|journalist|reporter|editor|correspondent|columnist|author|contributor|blogger)",
        80, ("I am Jane Doe, a freelance journalist covering energy markets.",
             "I'm Tom Berg, the senior editor of this site. I write about cars."),
        leads=("i",),
    ),
    Rule(
        "third-person-bio", "author-bio",
        r"[A-Z][\w'-]+(?: [A-Z][\w'.-]+){1,2} (?:is|was|has been) (?:an? |the )(?:[\w-]+ ){0,4}"
        r"(?:staff writer|writer|journalist|reporter|editor|correspondent|columnist|contributor|contributing writer)"
        r" (?:at|for|with|of|based|who|covering)\b",
        60, ("Jane Doe is a staff writer at the Daily Planet covering science.",
             "Tom Berg has been a reporter for Wired since 2015."),
        needles=(" is a", " is the", " was a", " was the", " has been "),
    ),
    Rule(
        "about-author", "author-bio",
        r"(?i)(?:about the authors?|about the writer|über (?:den|die) autor(?:in)?|à propos de l'auteur|sobre el autor|"
        r"author bio|über [A-ZÄÖÜ]\w+ [A-ZÄÖÜ]\w+$)",
        6, ("About the author", "Über den Autor", "À propos de l'auteur"),
        leads=("about", "über", "à", "sobre", "author"),
    ),
    # --- credits and sources ---
    Rule(
        "source-credit", "source-credit",
        r"(?i)(?:source|sources|via|quelle|quellen|fuente|fonte|źródło|источник|джерело)\s*:", 12,
        ("Source: Reuters", "Sources: company filings", "Quelle: dpa", "Fuente: EFE"),
        leads=("source", "sources", "via", "quelle", "quellen", "fuente", "fonte", "źródło", "источник", "джерело"),
    ),
    Rule(
        "image-credit", "image-credit",
        r"(?i)(?:image|images|photo|photos|picture|photograph|illustration|graphic|video|foto|bild|imagen|фото)"
        r"(?:\s*(?:credit|credits|source|by|courtesy))?\s*(?::|/|©|by\b)|"
        r"(?:photo|image|picture) credit|\(?(?:photo|image)s?\)?\s*:|"
        r".{0,60}(?:getty images|shutterstock|istock(?:photo)?|afp photo|ap photo|reuters/|epa-efe|dpa/|imago)\W*$",
        14, ("Image: Shutterstock", "Photo credit: NASA/JPL", "Photo by John Doe on Unsplash",
             "A protester in Hong Kong. (AFP/Getty Images)", "Foto: dpa"),
        leads=("image", "images", "photo", "photos", "picture", "photograph", "illustration", "graphic", "video",
               "foto", "bild", "imagen", "фото"),
        needles=("getty images", "shutterstock", "istock", "afp photo", "ap photo", "reuters/", "epa-efe", "dpa/",
                 "imago"),
    ),
    # --- footers ---
    Rule(
        "vendor-footer", "vendor-footer",
        r"(?i)(?:(?:market )?(?:news|data|quotes?|prices?)(?: and (?:news|data|quotes?))?\s+(?:brought to you|provided|powered|supplied)\s+by|"
        r"powered by|data (?:provided|supplied) by|quotes? (?:are )?delayed|market data (?:by|from))",
        20, ("Market News and Data brought to you by Acme APIs", "Quotes delayed at least 15 minutes.",
             "Powered by WordPress", "Data provided by Refinitiv."),
        leads=("market", "news", "data", "quote", "quotes", "price", "prices", "powered"),
    ),
    Rule(
        "copyright", "copyright",
        r"(?i)(?:©|\(c\)\s*\d{4}|copyright\b|copr\.)|.{0,80}(?:all rights reserved|alle rechte vorbehalten|"
        r"tous droits réservés|todos los derechos reservados|tutti i diritti riservati|все права защищены)",
        40, ("© 2024 Example Media. All rights reserved.", "Copyright 2019 The Gazette",
             "(c) 2021 Foo Corp", "Alle Rechte vorbehalten."),
        leads=("c", "copyright", "copr"),
        needles=("©", "all rights reserved", "alle rechte vorbehalten", "tous droits réservés",
                 "todos los derechos reservados", "tutti i diritti riservati", "все права защищены"),
    ),
    # --- tags, navigation, sharing, ads ---
    Rule(
        "tag-list", "navigation",
        r"(?i)(?:tags?|tagged(?: with)?|topics?|filed under|categories|category|keywords|schlagwörter|stichwörter|"
        r"themen|étiquettes|mots-clés|etiquetas|temas|теги|тэги|tagi)\s*:", 30,
        ("Tags:", "Topics: Economy, Elections", "Filed under: Politics", "Schlagwörter: Bahn, Streik"),
        leads=("tag", "tags", "tagged", "topic", "topics", "filed", "categories", "category", "keywords",
               "schlagwörter", "stichwörter", "themen", "étiquettes", "mots", "etiquetas", "temas", "теги",
               "тэги", "tagi"),
    ),
    Rule(
        "share", "share",
        r"(?i)(?:share(?: this| on| via| the)?(?: article| story| page| post)?|tweet|e-?mail|print|facebook|twitter|"
        r"whatsapp|linkedin|pinterest|reddit|telegram|flipboard|copy link|copied|teilen|partager|compartir)\W*$",
        4, ("Share", "Share this article", "Facebook", "Copy link", "Teilen"),
        leads=("share", "tweet", "email", "e", "print", "facebook", "twitter", "whatsapp", "linkedin",
               "pinterest", "reddit", "telegram", "flipboard", "copy", "copied", "teilen", "partager", "compartir"),
    ),
    Rule(
        "follow", "share",
        r"(?i)(?:follow (?:us|me|him|her|them)|like us on|find us on|join us on|folgen sie uns|suivez-nous|síguenos)\b",
        20, ("Follow us on Twitter and Facebook", "Follow him on Twitter @jdoe", "Folgen Sie uns auf Instagram"),
        leads=("follow", "like", "find", "join", "folgen", "suivez", "síguenos"),
    ),
    Rule(
        "newsletter", "newsletter",
        r"(?i)(?:sign up|subscribe|register|join)\b.{0,60}\b(?:newsletter|inbox|daily|weekly|briefing|updates|alerts)|"
        r"(?:get|receive) (?:the|our) .{0,40}(?:newsletter|in your inbox)|newsletter\W*$|subscribe(?: now| today)?\W*$|"
        r"abonnieren|s'abonner|suscríbete",
        30, ("Sign up for our daily newsletter", "Get the best of the week in your inbox.", "Subscribe now",
             "Newsletter"),
        leads=("sign", "subscribe", "register", "join", "get", "receive", "newsletter", "abonnieren", "s",
               "suscríbete"),
    ),
    Rule(
        "advertisement", "ad",
        r"(?i)(?:advertisement|advertising|sponsored(?: content| post| by .*)?|paid (?:content|post)|promoted|"
        r"anzeige|werbung|publicité|publicidad|pubblicità|реклама)\W*$",
        6, ("Advertisement", "ADVERTISEMENT", "Sponsored by Acme", "Anzeige"),
        leads=("advertisement", "advertising", "sponsored", "paid", "promoted", "anzeige", "werbung", "publicité",
               "publicidad", "pubblicità", "реклама"),
    ),
    Rule(
        "comments", "comments",
        r"(?i)(?:\d+\s+)?(?:comments?|responses?|replies|kommentare|commentaires|comentarios)\W*$|"
        r"(?:leave|post|add|write|show|view|read) (?:a |the |all )?(?:\d+ )?(?:comments?|reply|responses?)\b|"
        r"join the (?:conversation|discussion)",
        8, ("12 Comments", "Leave a comment", "Join the conversation", "Kommentare"),
        leads=(NUMBER, "comment", "comments", "response", "responses", "replies", "kommentare", "commentaires",
               "comentarios", "leave", "post", "add", "write", "show", "view", "read", "join"),
    ),
    Rule(
        "comment-meta", "comments",
        r"(?i).{1,80}\b(?:said|says|wrote|replied|schrieb|sagt|a écrit|dit|escribió|dice|disse)\s*:$|"
        r"(?:rating|score|votes?|likes?|points?)\s*:?\s*[+-]?\d+(?:\s+(?:votes?|likes?|points?))?$|"
        r"(?:reply|report|like|upvote|downvote|flag|permalink|antworten|répondre|responder)(?:\s*[|·]\s*\w+)*\W*$",
        16, ("Jane on March 3, 2019 at 4:47 pm said:", "Rating: 25 Votes", "Reply", "Reply | Report", "Tom wrote:"),
        leads=("rating", "score", "vote", "votes", "like", "likes", "point", "points", "reply", "report", "upvote",
               "downvote", "flag", "permalink", "antworten", "répondre", "responder"),
        ends=(":",),
    ),
    Rule(
        "cookies", "cookies",
        r"(?i).{0,40}\b(?:we use cookies|this (?:web)?site uses cookies|uses cookies to|accept (?:all )?cookies|"
        r"cookie (?:policy|settings|preferences)|wir verwenden cookies|nous utilisons des cookies)",
        150, ("We use cookies to improve your experience.", "This website uses cookies.", "Accept all cookies"),
        needles=("cookie",),
    ),
    Rule(
        "legal-links", "navigation",
        r"(?i)(?:privacy policy|terms (?:of (?:use|service)|and conditions)|cookie policy|impressum|datenschutz|"
        r"contact us|about us|advertise with us|mentions légales|aviso legal|sitemap)\b",
        8, ("Privacy Policy", "Terms of Use | Privacy Policy", "About Us", "Impressum"),
        leads=("privacy", "terms", "cookie", "impressum", "datenschutz", "contact", "about", "advertise", "mentions",
               "aviso", "sitemap"),
    ),
    Rule(
        "login", "navigation",
        r"(?i)(?:log ?in|sign ?in|log ?out|sign ?out|register|my account|menu|search|home|anmelden|connexion)\W*$",
        3, ("Log in", "Sign In", "Menu", "Search"),
        leads=("log", "login", "sign", "signin", "logout", "signout", "register", "my", "menu", "search", "home",
               "anmelden", "connexion"),
    ),
    # --- template leaks: variables and placeholders the site failed to fill ---
    Rule(
        "template-leak", "template-leak",
        r"(?:\{\{.*\}\}|\$\{.*\}|%%?[A-Z_]+%%?|\[object \w+\]|undefined|null|NaN|"
        r"(?=[a-z_./]*[_/])[a-z][a-z0-9_]*(?:[./][a-z][a-z0-9_]*)+)$",
        3, ("client/title.list_title", "{{ article.headline }}", "${author_name}", "[object Object]", "undefined"),
        leads=("undefined", "null", "nan"),
        needles=("{", "[", "%", "_", "/"),  # single characters: found at memory speed
    ),
)  # fmt: skip

# Category of an HTML class/id/role value: nodes whose own hint falls here are pruned as chrome.
CLASS_HINTS: tuple[tuple[str, str], ...] = (
    # "teaser" names both a teaser of another story and the article's own lead ("article-teaser",
    # "teaser-text" beside the headline, as many German sites write it): walked, not pruned on sight
    # (`SOFT_HINTS`), so that `html._mark_lead` can tell the two apart.
    ("teaser", r"teaser"),
    ("related", r"related|recommend|more-?stories|read-?more|read-?next|also-?read|outbrain|taboola|promo"),
    ("share", r"share|sharing|social|sociable"),
    ("newsletter", r"newsletter|subscribe|signup|sign-up"),
    ("navigation", r"\bnav\b|navbar|navigation|menu|breadcrumb|pagination|pager|\btags?\b|tag-?list|topics"),
    ("author-bio", r"author-?bio|author-?box|about-?author|byline-?bio|contributor-?bio"),
    ("comments", r"comment|disqus|discussion|replies"),
    ("cookies", r"cookie|consent|gdpr|privacy-?banner"),
    ("ad", r"\bads?\b|advert|sponsor|dfp|banner|google-?ad|ad-?slot|ad-?container"),
    ("footer", r"footer|copyright|colophon"),
    ("sidebar", r"sidebar|side-?bar|widget|\b(?:right-?|left-?|ad-?)?rail\b"),
    ("modal", r"modal|popup|overlay"),
)

# Elements that mark an article's text (HTML5, microformats, schema.org, the common CMS classes):
# an element hinted as chrome above one of these is not pruned on sight (Blogger puts every
# post in a <div class="widget Blog">; themes wrap <article> in "widget" boxes). A CSS selector.
ARTICLE_MARKERS = (
    "article, [itemprop=articleBody], [itemtype*=Article], .hentry, .h-entry, .entry-content, .post-body, "
    ".post-content, .article-body, .article-content, .story-body"
)


# Chrome by its tag: pruned, the tag's label its reason.
# A figure's caption describes a picture, not the article: trafilatura's and Scrapinghub's gold
# leave captions out (dropping them gained on trafilatura-dev, Scrapinghub and Readability alike).
CHROME_TAGS = {"nav": "navigation", "aside": "sidebar", "form": "form", "menu": "navigation", "dialog": "modal",
               "figcaption": "caption"}
# Chrome by its tag when outside <article> and <main>.
PAGE_TAGS = {"header": "header", "footer": "footer"}
# Hint categories that are chrome however much text they hold: a comment thread, a login dialog
# with all its messages or a long consent notice can outweigh the article it comes with, so no
# share of the body makes one the article's wrapper.
SURE_HINTS = frozenset({"comments", "modal", "cookies"})
# Hint categories that say too little to prune an element on sight: it is walked, its hint kept.
SOFT_HINTS = frozenset({"teaser"})
# Class/id words of article containers (Readability's "maybe a candidate" list, in spirit):
# an element hinted as chrome that also has one of these is never pruned on sight.
ARTICLE_WORDS = r"article|body|content|entry|main|story|text"


# --- reason codes --------------------------------------------------------------------------------

# Every label a block can carry, with its meaning: the reasons `--explain` and the Parquet
# `dropped_reasons` column show. The rules above give the kinds of chrome they name; the other
# stages (`classify.py`, `html.py`, the corpus build) add the rest. `tests/test_rules.py`
# checks that every label the code emits is here.
LABELS: dict[str, str] = {
    # kept, or kept apart
    "body": "the article's text",
    "comment": "a reader's comment, kept after the body when asked for (include_comments)",
    "title": "the headline: the Document's title, not its body",
    # named by a rule or a class/id/role hint
    "ad": "an advertisement or sponsor line",
    "author-bio": "a note about the author",
    "byline": "the author's name line",
    "comments": "a comment thread or its chrome (counts, 'Reply', 'said:')",
    "cookies": "a cookie or consent notice",
    "copyright": "a copyright line",
    "dateline": "the publication date or time line",
    "image-credit": "a photo or image credit",
    "modal": "a popup or overlay",
    "navigation": "menus, breadcrumbs, tag lists, pagination, legal and login links",
    "newsletter": "a newsletter or subscription prompt",
    "promo": "'Also read', 'Read next' and other links to other articles",
    "related": "a block of related or recommended stories",
    "teaser": "a teaser of another story (a class/id says teaser, and it is not the article's lead)",
    "share": "share and follow buttons",
    "sidebar": "a sidebar or widget",
    "source-credit": "a 'Source:' credit",
    "template-leak": "template code leaking into the text (`client/title.list_title`, `{{ x }}`, `undefined`)",
    "vendor-footer": "a data vendor's footer (quotes delayed, prices by ...)",
    # HTML elements pruned by their tag
    "caption": "a figure's caption (<figcaption>): it describes a picture, not the article",
    "footer": "a page or section footer",
    "form": "a form",
    "header": "the page header, outside the article",
    # found by the classifier's context pass
    "boilerplate": "inside the article's region, too little text or too many links to be prose",
    "outside-article": "outside the article's region (before or after it, or outside its DOM root)",
    "related-link": "a lone list item at the article's edge: a link to another story",
    "site-name": "a short line above the headline that opens the page: the site's name",
    "ticker": "a run of time stamps and headlines (a news ticker)",
    "gallery": "a slideshow in the page: its counters (1/50, 2/50, ...) and captions",
    # found by the corpus build
    "repeated-line": "a line found in many documents of the same site (`cleaner build`)",
}

# The rules of the stages after the table (a Block's `.rule`, beside the table's rule names).
STAGE_RULES: dict[str, str] = {
    "good": "graded good: long, with enough stop words and few links",
    "low-text": "graded bad inside the article's region",
    "repeated-in-page": "prose found twice on the page: a teaser of the article",
    "ticker-run": "time stamps alternating with headlines",
    "gallery-run": "slideshow counters counting up, with the captions between them",
    "short-run": "a run of short blocks: a menu",
    "short-in-prose": "a short block between prose blocks: body",
    "short-near-chrome": "a short block beside chrome",
    "near-good-by-prose": "a borderline block beside prose: body",
    "near-good-alone": "a borderline block with no prose beside it",
    "main-region": "outside the contiguous region with the most body text",
    "lone-item-at-edge": "a list item alone at the article's first or last block",
    "headline-opens-article": "the article's first block is its headline",
    "headline-before-article": "the heading just before the article",
    "first-line-above-headline": "the page's first short line, above the headline",
    "after-comments-heading": "a comment-like block after a comments heading (include_comments)",
    "class-hint": "an element whose class, id or role names this kind of chrome",
    "chrome-tag": "an element whose tag is chrome (nav, aside, form, a page header or footer)",
    "dom-root": "outside the deepest element holding most of the body",
    "dom-article": "inside that element: body again, though the context pass dropped it",
    "lead": "the lead paragraph between the headline and that element: body",
    "in-comments-element": "a comment-like block inside a comments element (include_comments)",
    "repeated-line": "a line found in many documents of its site (`cleaner build`)",
}

# Labels that only say a block fell outside the body, not what it is: later stages (the DOM's
# article root, a comment thread) may rename them.
UNDECIDED = frozenset({"outside-article", "boilerplate"})


# A slideshow's counter opening a block: "1/50 United goin down", "3 of 12", "12 / 30 Paris at
# night", "4 von 8". One alone proves nothing ("9/11 Memorial", "3/4 cup sugar", "24/7 news"): the
# context pass (`classify.mark_galleries`) takes a run of them, counting up to one total, for a
# gallery embedded in the page, and the captions between them with it.
SLIDE_COUNTER = r"(\d{1,3})\s*(?:/|of|von|de|sur|di|из)\s*(\d{1,3})(?!\d|[/.,:-]\d)"
SLIDE_EXAMPLES = (("1/50 United goin down", "2/50 Star Wars boosts economy", "3/50 Natalie Massenet leaves"),
                  ("1 of 12", "2 of 12", "3 of 12"), ("4 von 8 Der Hafen am Morgen", "5 von 8", "6 von 8"))


# --- matching -----------------------------------------------------------------------------------

# A block's lead is its first run of word characters, lower-cased, after any punctuation:
# "Tags:", "(Photo", "Фото:личный", "Nov.3" and "— Monday" lead with "tags", "photo", "фото",
# "nov" and "monday". A block opening with a number leads with its first digit, which stands
# for NUMBER. One `findall` over the page's heads reads every lead.
_LEAD = re.compile(r"^[^\w\n]*(\d|\w*)", re.MULTILINE)
# Leads are read from each block's first characters only, and needles looked for in its first
# 120: an image agency is within 60 characters of the start, "all rights reserved" within 80,
# "cookie" within 70, a byline's "is a" after a name.
_LEAD_CHARS = slice(0, 40)
_NEEDLE_CHARS = slice(0, 120)
_COMPILED = tuple(re.compile(rule.pattern) for rule in RULES)
_LIMITS = tuple(rule.max_words for rule in RULES)
# No rule looks at longer blocks, so prose lines skip the table entirely.
MAX_RULE_WORDS = max(_LIMITS)


def lead_of(head: str) -> str:
    """The lead rules are looked up by (see `Rule`): NUMBER when the block starts with a number."""
    lead = _LEAD.match(head).group(1)  # type: ignore[union-attr]  # the pattern matches any string
    return NUMBER if lead.isdigit() else lead


def _rules_by(attribute: str) -> dict[str, tuple[int, ...]]:
    """Each lead (or needle, or end) -> the numbers of the rules that have it, in table order."""
    table: dict[str, list[int]] = {}
    for number, rule in enumerate(RULES):
        for key in getattr(rule, attribute):
            table.setdefault(key, []).append(number)
    return {key: tuple(numbers) for key, numbers in table.items()}


_BY_LEAD = _rules_by("leads")
_BY_LEAD.update(dict.fromkeys("123456789", _BY_LEAD[NUMBER]))
# Needles grouped by the word limit of their rules: each group is looked for only in the heads
# of blocks short enough for its rules ("is a" of a bio in blocks of 60 words or fewer, "{" of
# a template leak in blocks of 3), so common needles do not send every paragraph of prose to a
# pattern that could not fire on it.
_NEEDLE_GROUPS: tuple[tuple[int, tuple[tuple[str, tuple[int, ...]], ...]], ...] = tuple(
    (limit, tuple((n, rules) for n, rules in _rules_by("needles").items() if max(_LIMITS[r] for r in rules) == limit))
    for limit in sorted({max(_LIMITS[r] for r in rules) for rules in _rules_by("needles").values()})
)
_BY_END = tuple(_rules_by("ends").items())
_ENDS = tuple(end for end, _ in _BY_END)


def fires(rule: Rule, text: str, n_words: int) -> bool:
    """True when `rule` labels the block `text` of `n_words` words: its trigger holds and its pattern matches."""
    head = heads([text])[0]
    triggered = (
        lead_of(head) in rule.leads
        or any(needle in head[_NEEDLE_CHARS] for needle in rule.needles)
        or text.endswith(rule.ends)
    )
    return triggered and n_words <= rule.max_words and _COMPILED[RULES.index(rule)].match(text) is not None


def match(text: str, n_words: int) -> Rule | None:
    """The first rule that fires on the block `text` (stripped), or None."""
    return match_blocks([text], heads([text]), [n_words]).get(0)


def match_blocks(texts: list[str], heads: list[str], n_words: list[int]) -> dict[int, Rule]:
    """{block index: the first rule that fires on it} for a page's blocks (`heads`: see `blocks.heads`).

    Each trigger is one pass over the page in C: leads are read with `map` over the lines and
    looked up in one dictionary, needles found by `str.find` over the lines' heads joined,
    ends by `str.endswith`. A rule's pattern then runs only on the few blocks it picked.
    """
    leads = _LEAD.findall("\n".join(map(itemgetter(_LEAD_CHARS), heads)))
    tried = {i: _BY_LEAD[leads[i]] for i in compress(count(), map(_BY_LEAD.__contains__, leads))}
    for i in compress(count(), map(str.endswith, texts, repeat(_ENDS))):
        for end, numbers in _BY_END:
            if texts[i].endswith(end):
                _add(tried, i, numbers)
    _find_needles(tried, heads, n_words)
    found: dict[int, Rule] = {}
    for i, numbers in tried.items():
        words_i = n_words[i]
        if words_i > MAX_RULE_WORDS:
            continue
        for number in numbers:
            if words_i <= _LIMITS[number] and _COMPILED[number].match(texts[i]):
                found[i] = RULES[number]
                break
    return found


def _add(tried: dict[int, tuple[int, ...]], i: int, numbers: tuple[int, ...]) -> None:
    """Add rule `numbers` to those tried on block i, keeping table order."""
    old = tried.get(i)
    tried[i] = numbers if old is None else tuple(sorted({*old, *numbers}))


def _find_needles(tried: dict[int, tuple[int, ...]], heads: list[str], n_words: list[int]) -> None:
    """Add the rules of each needle found in a block's head to the rules tried on that block.

    The heads are joined shortest block first, so that the blocks a needle group may look at
    (those within its word limit) are a prefix of the joined text: one `str.find` per needle
    over that prefix, in C, and a bisection per hit to know the block.
    """
    order = sorted(range(len(heads)), key=n_words.__getitem__)
    words = list(map(n_words.__getitem__, order))
    needled = list(map(itemgetter(_NEEDLE_CHARS), map(heads.__getitem__, order)))
    page = "\n".join(needled) + "\n"
    starts = list(accumulate(map((1).__add__, map(len, needled)), initial=0))
    for limit, needles in _NEEDLE_GROUPS:
        end = starts[bisect_right(words, limit)]
        for needle, numbers in needles:
            at = page.find(needle, 0, end)
            while at >= 0:
                i = bisect_right(starts, at) - 1
                _add(tried, order[i], numbers)
                at = page.find(needle, starts[i + 1], end)
