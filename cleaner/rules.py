"""Boilerplate knowledge in one place: named rule categories, each with examples of its own.

A rule fires on a whole block (a line of text, a paragraph of HTML) that it matches from the
start, and only while the block has at most `max_words` words: a long line of prose that
happens to begin like a promo is still prose. Its `label` is the reason code a dropped block
carries. Adding a rule is one entry here plus its examples; `tests/test_rules.py` checks that
each rule fires on every one of its examples and on no body line of the gold sets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Rule:
    """A named pattern for one kind of chrome."""

    name: str
    label: str
    pattern: str
    max_words: int
    examples: tuple[str, ...]


_MONTHS = (
    r"jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|aug(?:ust|\.)?"
    r"|sep(?:t(?:ember)?)?\.?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?"
    r"|januar|februar|märz|mai|juni|juli|oktober|dezember"  # German
    r"|janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre"  # French
    r"|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre"
    r"|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre"  # Italian
)
_WEEKDAYS = (
    r"mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:rs|rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?"
    r"|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag"
    r"|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
    r"|lunes|martes|miércoles|jueves|viernes|sábado|domingo"
)
_TIME = r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*(?:[A-Z]{2,4}|UTC|GMT)(?:[+-]\d{1,2})?)?"
_DATE_WORD = rf"(?:{_MONTHS}|{_WEEKDAYS}|\d{{1,4}}(?:st|nd|rd|th|\.)?|{_TIME}|at|on|um|à|de|del|\||/|-|—|–|,|\.)"
# A line made only of date words: "22 November, 2024 Friday", "2025, Tuesday", "11:36", "Nov. 3, 2019 at 5:02 pm".
# It must name a month or weekday, or be a numeric date: digits alone are a phone number or a score.
_HAS_DATE = rf"(?=.*?(?:\b(?:{_MONTHS}|{_WEEKDAYS})\b|\d{{4}}-\d{{1,2}}-\d{{1,2}}|\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}))"
DATE_LINE = rf"(?i){_HAS_DATE}(?:(?:published|updated|posted|last updated|veröffentlicht|aktualisiert|publié le|mis à jour)\s*(?:on|am|le)?:?\s*)?(?:{_DATE_WORD}\s*)+$"
TIME_LINE = rf"(?i){_TIME}$"

# The words that open a byline, before the name; metadata.py reads the name after them.
BYLINE_LEAD = r"(?:By|BY|by|Von|Par|Por|Di|Door|Av|Written by|Words by|Reporting by|Text:|Autor:|Author:|Auteur ?:)\s+"

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


RULES: tuple[Rule, ...] = (
    # --- time stamps and datelines (tickers are runs of them, found by the context pass) ---
    Rule("time-stamp", "dateline", TIME_LINE, 4, ("11:36", "9:05 am", "21:45 CET", "14.30")),
    Rule(
        "date-line", "dateline", DATE_LINE, 10,
        ("4 February", "2025, Tuesday", "Nov. 3, 2019 at 5:02 pm", "Published: 12 March 2021",
         "Montag, 3. Juni 2019", "mis à jour le 4 mars 2020 à 10:30"),
    ),
    Rule(
        "relative-time", "dateline",
        r"(?i)(?:(?:updated|posted|published)\s+)?(?:\d+\s*(?:s|m|h|d|w|mins?|minutes?|hrs?|hours?|days?|weeks?|months?|years?)|an? (?:minute|hour|day|week|month|year)|yesterday)\s+ago\b(?:\s+at\s+" + _TIME + r")?\W*$|"
        r"vor \d+ (?:minuten|stunden|tagen)$|il y a \d+ (?:minutes?|heures?|jours?)$|hace \d+ (?:minutos?|horas?|días?)$",
        8, ("32M ago", "2 days ago at 07:50 am", "Updated 3 hours ago", "an hour ago", "vor 5 Stunden"),
    ),
    # --- promos and related-story links ---
    Rule(
        "promo-lead", "promo", rf"(?i)(?:{_PROMO_LEADS})\b(?:\s*[:»>|–-]|\W*$)", 25,
        ("Also Read: Fed holds rates steady as inflation cools", "Read Next:", "Related Articles",
         "Lesen Sie auch: Die neue Regierung steht", "À lire aussi", "You may also like",
         "Читайте также: Новые санкции"),
    ),
    Rule(
        "cut-teaser", "promo", r".{10,}[^\W\d_](?:\.\.\.|…)$", 40,
        ("Windows 10 1909 is now available via Windows 10 Update Ass...",
         "The minister said on Monday that the new rules would apply from…"),
    ),
    Rule(
        "more-link", "navigation",
        r"(?i)(?:more news|more stories|load more|show more|view (?:all|more)|see (?:all|more)|continue reading|"
        r"next (?:article|story|post|page)|previous (?:article|story|post|page)|back to (?:top|home)|"
        r"skip to (?:main )?content|zurück(?: zur übersicht)?|mehr anzeigen|weiterlesen|voir plus|ver más)\b\W*$",
        5, ("More news", "Load more", "Continue reading »", "Back to top", "Zurück zur Übersicht"),
    ),
    # --- authors ---
    Rule(
        "byline", "byline",
        BYLINE_LEAD + r"[A-ZÀ-ÖØ-ÞĀ-Ž]",
        12, ("By Jane Doe", "By JOHN SMITH and Ann Lee, Associated Press", "Von Moritz Bachmann publiziert am 30. Juli 2018"),
    ),
    Rule(
        "self-bio", "author-bio",
        r"(?:I am|I'm) [A-Z][\w'-]+(?: [A-Z][\w'.-]+)+, (?:an? |the )?(?:[\w-]+ ){0,4}"
        r"(?:writer|journalist|reporter|editor|correspondent|columnist|author|contributor|blogger)",
        80, ("I am Jane Doe, a freelance journalist covering energy markets.",
             "I'm Tom Berg, the senior editor of this site. I write about cars."),
    ),
    Rule(
        "third-person-bio", "author-bio",
        r"[A-Z][\w'-]+(?: [A-Z][\w'.-]+){1,2} (?:is|was|has been) (?:an? |the )(?:[\w-]+ ){0,4}"
        r"(?:staff writer|writer|journalist|reporter|editor|correspondent|columnist|contributor|contributing writer)"
        r" (?:at|for|with|of|based|who|covering)\b",
        60, ("Jane Doe is a staff writer at the Daily Planet covering science.",
             "Tom Berg has been a reporter for Wired since 2015."),
    ),
    Rule(
        "about-author", "author-bio",
        r"(?i)(?:about the authors?|about the writer|über (?:den|die) autor(?:in)?|à propos de l'auteur|sobre el autor|"
        r"author bio|über [A-ZÄÖÜ]\w+ [A-ZÄÖÜ]\w+$)",
        6, ("About the author", "Über den Autor", "À propos de l'auteur"),
    ),
    # --- credits and sources ---
    Rule(
        "source-credit", "source-credit",
        r"(?i)(?:source|sources|via|quelle|quellen|fuente|fonte|źródło|источник|джерело)\s*:", 12,
        ("Source: Reuters", "Sources: company filings", "Quelle: dpa", "Fuente: EFE"),
    ),
    Rule(
        "image-credit", "image-credit",
        r"(?i)(?:image|images|photo|photos|picture|photograph|illustration|graphic|video|foto|bild|imagen|фото)"
        r"(?:\s*(?:credit|credits|source|by|courtesy))?\s*(?::|/|©|by\b)|"
        r"(?:photo|image|picture) credit|\(?(?:photo|image)s?\)?\s*:|"
        r".{0,60}(?:getty images|shutterstock|istock(?:photo)?|afp photo|ap photo|reuters/|epa-efe|dpa/|imago)\W*$",
        14, ("Image: Shutterstock", "Photo credit: NASA/JPL", "Photo by John Doe on Unsplash",
             "A protester in Hong Kong. (AFP/Getty Images)", "Foto: dpa"),
    ),
    # --- footers ---
    Rule(
        "vendor-footer", "vendor-footer",
        r"(?i)(?:(?:market )?(?:news|data|quotes?|prices?)(?: and (?:news|data|quotes?))?\s+(?:brought to you|provided|powered|supplied)\s+by|"
        r"powered by|data (?:provided|supplied) by|quotes? (?:are )?delayed|market data (?:by|from))",
        20, ("Market News and Data brought to you by Acme APIs", "Quotes delayed at least 15 minutes.",
             "Powered by WordPress", "Data provided by Refinitiv."),
    ),
    Rule(
        "copyright", "copyright",
        r"(?i)(?:©|\(c\)\s*\d{4}|copyright\b|copr\.)|.{0,80}(?:all rights reserved|alle rechte vorbehalten|"
        r"tous droits réservés|todos los derechos reservados|tutti i diritti riservati|все права защищены)",
        40, ("© 2024 Example Media. All rights reserved.", "Copyright 2019 The Gazette",
             "(c) 2021 Foo Corp", "Alle Rechte vorbehalten."),
    ),
    # --- tags, navigation, sharing, ads ---
    Rule(
        "tag-list", "navigation",
        r"(?i)(?:tags?|tagged(?: with)?|topics?|filed under|categories|category|keywords|schlagwörter|stichwörter|"
        r"themen|étiquettes|mots-clés|etiquetas|temas|теги|тэги|tagi)\s*:", 30,
        ("Tags:", "Topics: Economy, Elections", "Filed under: Politics", "Schlagwörter: Bahn, Streik"),
    ),
    Rule(
        "share", "share",
        r"(?i)(?:share(?: this| on| via| the)?(?: article| story| page| post)?|tweet|e-?mail|print|facebook|twitter|"
        r"whatsapp|linkedin|pinterest|reddit|telegram|flipboard|copy link|copied|teilen|partager|compartir)\W*$",
        4, ("Share", "Share this article", "Facebook", "Copy link", "Teilen"),
    ),
    Rule(
        "follow", "share",
        r"(?i)(?:follow (?:us|me|him|her|them)|like us on|find us on|join us on|folgen sie uns|suivez-nous|síguenos)\b",
        20, ("Follow us on Twitter and Facebook", "Follow him on Twitter @jdoe", "Folgen Sie uns auf Instagram"),
    ),
    Rule(
        "newsletter", "newsletter",
        r"(?i)(?:sign up|subscribe|register|join)\b.{0,60}\b(?:newsletter|inbox|daily|weekly|briefing|updates|alerts)|"
        r"(?:get|receive) (?:the|our) .{0,40}(?:newsletter|in your inbox)|newsletter\W*$|subscribe(?: now| today)?\W*$|"
        r"abonnieren|s'abonner|suscríbete",
        30, ("Sign up for our daily newsletter", "Get the best of the week in your inbox.", "Subscribe now",
             "Newsletter"),
    ),
    Rule(
        "advertisement", "ad",
        r"(?i)(?:advertisement|advertising|sponsored(?: content| post| by .*)?|paid (?:content|post)|promoted|"
        r"anzeige|werbung|publicité|publicidad|pubblicità|реклама)\W*$",
        6, ("Advertisement", "ADVERTISEMENT", "Sponsored by Acme", "Anzeige"),
    ),
    Rule(
        "comments", "comments",
        r"(?i)(?:\d+\s+)?(?:comments?|responses?|replies|kommentare|commentaires|comentarios)\W*$|"
        r"(?:leave|post|add|write|show|view|read) (?:a |the |all )?(?:\d+ )?(?:comments?|reply|responses?)\b|"
        r"join the (?:conversation|discussion)",
        8, ("12 Comments", "Leave a comment", "Join the conversation", "Kommentare"),
    ),
    Rule(
        "comment-meta", "comments",
        r"(?i).{1,80}\b(?:said|says|wrote|replied|schrieb|sagt|a écrit|dit|escribió|dice|disse)\s*:$|"
        r"(?:rating|score|votes?|likes?|points?)\s*:?\s*[+-]?\d+(?:\s+(?:votes?|likes?|points?))?$|"
        r"(?:reply|report|like|upvote|downvote|flag|permalink|antworten|répondre|responder)(?:\s*[|·]\s*\w+)*\W*$",
        16, ("Jane on March 3, 2019 at 4:47 pm said:", "Rating: 25 Votes", "Reply", "Reply | Report", "Tom wrote:"),
    ),
    Rule(
        "cookies", "cookies",
        r"(?i).{0,40}\b(?:we use cookies|this (?:web)?site uses cookies|uses cookies to|accept (?:all )?cookies|"
        r"cookie (?:policy|settings|preferences)|wir verwenden cookies|nous utilisons des cookies)",
        150, ("We use cookies to improve your experience.", "This website uses cookies.", "Accept all cookies"),
    ),
    Rule(
        "legal-links", "navigation",
        r"(?i)(?:privacy policy|terms (?:of (?:use|service)|and conditions)|cookie policy|impressum|datenschutz|"
        r"contact us|about us|advertise with us|mentions légales|aviso legal|sitemap)\b",
        8, ("Privacy Policy", "Terms of Use | Privacy Policy", "About Us", "Impressum"),
    ),
    Rule(
        "login", "navigation",
        r"(?i)(?:log ?in|sign ?in|log ?out|sign ?out|register|my account|menu|search|home|anmelden|connexion)\W*$",
        3, ("Log in", "Sign In", "Menu", "Search"),
    ),
    # --- template leaks: variables and placeholders the site failed to fill ---
    Rule(
        "template-leak", "template-leak",
        r"(?:\{\{.*\}\}|\$\{.*\}|%%?[A-Z_]+%%?|\[object \w+\]|undefined|null|NaN|"
        r"(?=[a-z_./]*[_/])[a-z][a-z0-9_]*(?:[./][a-z][a-z0-9_]*)+)$",
        3, ("client/title.list_title", "{{ article.headline }}", "${author_name}", "[object Object]", "undefined"),
    ),
)

# Category of an HTML class/id/role value: nodes whose own hint falls here are pruned as chrome.
CLASS_HINTS: tuple[tuple[str, str], ...] = (
    ("related", r"related|recommend|more-?stories|read-?more|read-?next|also-?read|outbrain|taboola|teaser|promo"),
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


# Compiled once. (One alternation of all rules measured twice as slow as this loop: the
# `.{0,80}` lookaheads of a few rules backtrack over every line.)
_COMPILED = tuple((rule, re.compile(rule.pattern)) for rule in RULES)
# No rule looks at longer blocks, so prose lines skip the table entirely.
MAX_RULE_WORDS = max(rule.max_words for rule in RULES)


def match(text: str, n_words: int) -> Rule | None:
    """The first rule that fires on `text` (stripped) within its word limit, or None."""
    if n_words > MAX_RULE_WORDS:
        return None
    for rule, pattern in _COMPILED:
        if n_words <= rule.max_words and pattern.match(text):
            return rule
    return None
