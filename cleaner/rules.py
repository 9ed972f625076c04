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

from . import kernels
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



def _month_table(months: tuple[str, ...]) -> dict[str, int]:
    """{name: month number} of twelve space-separated groups of names, January first."""
    return {name: number for number, names in enumerate(months, 1) for name in names.split()}


# Month names and abbreviations in the languages the date rules read, with their number: the one
# month table of the project (`metadata.parse_date` reads dates with it).
MONTHS: dict[str, int] = _month_table((
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
))  # fmt: skip
# The same, and more, for the days a page writes (`metadata.text_dates`): the languages of
# htmldate's evaluation and the Readability set (Portuguese, Dutch, Scandinavian, Polish, Czech,
# Turkish, Indonesian, Russian, Ukrainian, in the genitive that dates use: "27 stycznia 2020")
# and short forms ("févr", "ene", "set", "out") that the line rules leave out: as a line's first
# word, "set" or "out" would trigger them on far too many lines.
WRITTEN_MONTHS: dict[str, int] = {**MONTHS, **_month_table((
    "jänner ene gen janeiro januari stycznia styczeń ledna leden ocak января январь січня січень",
    "feber fevrier févr fevr fév fev fevereiro februari lutego luty února únor şubat subat февраля февраль лютого лютий",
    "maerz mär março marco maart marca marzec března březen mart марта март березня березень",
    "avr abr kwietnia kwiecień dubna duben nisan апреля апрель квітня квітень",
    "mag maio mei maja maj května květen mayıs mayis мая май травня травень",
    "giu junho czerwca czerwiec června červen haziran июня июнь червня червень",
    "juil lug julho lipca lipiec července červenec temmuz июля июль липня липень",
    "aout ago augustus augusti sierpnia sierpień srpna srpen ağustos agustus августа август серпня серпень",
    "set setembro września wrzesień září eylül сентября сентябрь вересня вересень",
    "okt ott outubro out października październik října říjen ekim октября октябрь жовтня жовтень",
    "novembro listopada listopad listopadu kasım kasim ноября ноябрь листопада",
    "dez decembre déc dic dezembro desember grudnia grudzień prosince prosinec aralık aralik декабря декабрь грудня грудень",
))}  # fmt: skip
WEEKDAYS: tuple[str, ...] = tuple((
    "mon monday tue tues tuesday wed wednesday thu thurs thursday fri friday sat saturday sun sunday "
    "montag dienstag mittwoch donnerstag freitag samstag sonntag "
    "lundi mardi mercredi jeudi vendredi samedi dimanche "
    "lunes martes miércoles jueves viernes sábado domingo"
).split())


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


def _first(*groups: object, digit: bool = False) -> str:
    """A lookahead for the first characters of the words of `groups` (and for a digit).

    Under (?i) the regex engine enters every alternative of a trie to compare its first letter;
    this one test of the next character skips them all where no word can start. It changes no
    match: put before alternatives that each begin with one of these characters, it holds
    wherever one of them matches.
    """
    chars = sorted({word[0] for group in groups for word in group})  # type: ignore[attr-defined]
    return "(?=[" + "".join(map(re.escape, chars)) + (r"\d" if digit else "") + "])"


_MONTH_NAMES, _WEEKDAY_NAMES = _words(MONTHS), _words(WEEKDAYS)
# A time after its hour: ":05 pm", ".30 CET", ":00 GMT+1". (The possessive `*+` and `{1,2}+` give back
# nothing another part could use: what follows them never begins with a space, or a digit.)
_TIME_TAIL = r"[:.]\d{2}(?:\s*+[ap]\.?m\.?)?(?:\s*+(?:[A-Z]{2,4}|UTC|GMT)(?:[+-]\d{1,2})?)?"
_TIME = rf"\d{{1,2}}+{_TIME_TAIL}"
# The words that may open a date line, in each language the dates are read in ("Stand: 12.03.2021").
_DATE_OPENER_WORDS = (
    "published", "updated", "posted", "last updated", "veröffentlicht", "aktualisiert", "stand", "erstellt",
    "publiziert", "publié", "mis à jour", "publicado", "publicada", "actualizado", "actualizada", "atualizado",
    "atualizada", "pubblicato", "aggiornato", "gepubliceerd", "bijgewerkt", "laatst bijgewerkt", "opublikowano",
    "aktualizacja", "zaktualizowano", "zuletzt aktualisiert", "zuletzt geändert", "letzte aktualisierung",
    "dernière mise à jour", "última actualización", "última atualização", "ultimo aggiornamento",
)  # fmt: skip
_DATE_LEADS = tuple(dict.fromkeys(words.split()[0] for words in _DATE_OPENER_WORDS))
# The date words that are not months or weekdays (punctuation never leads: see `lead_of`).
_DATE_JOINERS = ("at", "on", "um", "à", "de", "del")
_DATE_MARKS = "|/-—–•·,."
# The numbers of a date line, each read in one way only where the old reading tried them all
# (a run of digits split into numbers in every possible way is exponential backtracking): a run
# of at most four digits, "3rd" (its "." is a mark of its own); a time, with the number glued
# before its hour ("Nov 20 20194:29 AM": a run of at most six digits before the colon); or such a
# run alone, two numbers, when a mark follows it and a time after ("20195.29:30": 2019 5 . 29:30).
_DATE_NUMBER = rf"\d{{1,4}}+(?!\d)(?:st|nd|rd|th|)|\d{{1,6}}+{_TIME_TAIL}|\d{{5,6}}+(?=[:.]\d{{2}})"
# The words of a date line: numbers first (most lines that are tried open with one), marks, then
# one trie of month and weekday names and joiners. (A name's "." is a mark of its own.)
_DATE_NAMES = (*MONTHS, *WEEKDAYS, *_DATE_JOINERS)
_DATE_WORD = rf"(?:{_DATE_NUMBER}|[{re.escape(_DATE_MARKS)}]|{_first(_DATE_NAMES)}(?:{_words(_DATE_NAMES)}))"
# A line made only of date words: "22 November, 2024 Friday", "2025, Tuesday", "11:36", "Nov. 3, 2019 at 5:02 pm".
# It must name a month or weekday, or be a numeric date: digits alone are a phone number or a score.
_HAS_DATE = (
    rf"(?=.*?(?:\b{_first(MONTHS, WEEKDAYS)}(?:{_MONTH_NAMES}|{_WEEKDAY_NAMES})\b"
    r"|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./]\d{1,2}[./]\d{2,4}))"
)
_DATE_OPENERS = _words(_DATE_OPENER_WORDS)
_DATE_BODY = rf"(?:{_first(_DATE_OPENER_WORDS)}(?:{_DATE_OPENERS})\s*+(?:on|am|le|el|em|il|op)?:?\s*+)?(?:{_DATE_WORD}\s*+)+$"
# The shape of the line is checked first: it fails fast on most lines, where looking for a
# month name at every position would not. (Both are lookaheads: the match is empty, so only
# which lines match counts, not how: `tests/test_rules.py` checks that the lines are those of
# the first reading, which had words overlap, "." after names and numbers, and numbers split.)
DATE_LINE = rf"(?i)(?={_DATE_BODY}){_HAS_DATE}"
TIME_LINE = rf"(?i){_TIME}$"

# The words that open a byline, before the name; metadata.py reads the name after them.
BYLINE_LEAD = r"(?:By|BY|by|Von|Par|Por|Di|Door|Av|Written by|Words by|Reporting by|Text:|Autor:|Author:|Auteur ?:)\s+"
_BYLINE_LEADS = ("by", "von", "par", "por", "di", "door", "av", "written", "words", "reporting", "text", "autor", "author", "auteur")

# --- phrase tables ---------------------------------------------------------------------------------
# The chrome of a page speaks its language: each table gives, by language, the phrases one kind of
# chrome opens with, as pages in that language commonly word it (not as any one site does).
# A table is matched as one trie (`_words`), so adding a language costs a few first letters, not
# a hundred alternatives, and its rule is triggered by the first words of its phrases (`_firsts`).


def _phrases(table: dict[str, str]) -> list[str]:
    """The phrases of `table` ({language: "phrase|phrase|..."}), each also with the typographic apostrophe."""
    phrases = [p.strip() for group in table.values() for p in group.split("|") if p.strip()]
    return phrases + [p.replace("'", "’") for p in phrases if "'" in p]


def _firsts(*tables: dict[str, str]) -> tuple[str, ...]:
    """The leads (`lead_of`) of the phrases of `tables`: the words their rule is triggered by."""
    return tuple(sorted({re.match(r"\W*(\w*)", p)[1] for table in tables for p in _phrases(table)} - {""}))  # type: ignore[index]


# The words of a reading time ("Lesezeit: 4 Min.") (`relative-time`).
_READING_TIME = {
    "en": "reading time", "de": "lesezeit|lesedauer", "fr": "temps de lecture|de lecture",
    "es": "tiempo de lectura|de lectura", "pt": "tempo de leitura|de leitura", "it": "tempo di lettura|di lettura",
    "nl": "leestijd", "pl": "czas czytania|czytania",
}

# "Also read", "Read next" and other leads into links to other articles: followed by a colon, a
# separator or nothing (`promo-lead`).
_PROMO = {
    "en": "also read|read also|read more|read next|see also|related|related article|related articles|related stories"
          "|related news|related content|related post|related posts|related coverage|related reading|more from|more on"
          "|more about|more articles|more like this|recommended|recommended for you|recommended stories"
          "|recommended articles|you may like|you might like|you may also like|you might also like"
          "|you may be interested in|you might be interested in|you may also be interested in"
          "|you might also be interested in|you may enjoy|you might enjoy|you may also enjoy|you might also enjoy"
          "|don't miss|dont miss|most read|most popular|most viewed|most shared|trending|trending now"
          "|trending stories|editor's pick|editor's picks|editors pick|editors picks|editors' picks|top stories"
          "|latest news|latest stories|further reading"
          "|popular posts|recent posts|suggested reading",
    "de": "lesen sie auch|lesen sie mehr|lesen sie dazu|lesen sie hier|lies auch|auch interessant|ebenfalls interessant"
          "|das könnte sie interessieren|das könnte sie auch interessieren|das könnte dich interessieren"
          "|das könnte dich auch interessieren|dies könnte sie auch interessieren|das könnte ihnen auch gefallen"
          "|das könnte dir auch gefallen|mehr zum thema|mehr dazu|mehr zu diesem thema|mehr aus dem ressort"
          "|mehr aus der rubrik|weitere beiträge|weitere artikel|weitere nachrichten|weitere meldungen"
          "|weitere themen|weitere news|weiterführende links|weiterführende artikel|ähnliche artikel"
          "|ähnliche beiträge|ähnliche nachrichten|ähnliche themen|verwandte artikel|verwandte beiträge"
          "|verwandte themen|passend zum thema|passend dazu|dazu passend|zum thema|siehe auch|meistgelesen"
          "|meistgelesene artikel|die meistgelesenen artikel|meistgelesene|meist gelesen|am meisten gelesen"
          "|beliebte artikel|beliebte beiträge|neueste beiträge|neueste artikel|neueste nachrichten|neuste beiträge"
          "|letzte beiträge|aktuelle beiträge|aktuelle artikel|aktuelle nachrichten|empfehlungen der redaktion"
          "|unsere empfehlungen|empfehlungen|empfohlene artikel|auch lesenswert|lesenswert|lesetipp|lesetipps"
          "|unser lesetipp|top-artikel|top-themen|schon gelesen|zum weiterlesen|newsticker",
    "fr": "lire aussi|à lire aussi|a lire aussi|lire également|à lire également|a lire également|à lire|a lire"
          "|voir aussi|à voir aussi|à voir|à découvrir|à découvrir aussi|sur le même sujet|sur le même thème"
          "|dans la même rubrique|articles similaires|articles liés|articles recommandés|articles connexes"
          "|les plus lus|les plus lues|les plus populaires|les plus partagés|les plus commentés"
          "|à ne pas manquer|à ne pas rater|vous aimerez aussi|vous aimerez peut-être aussi"
          "|vous aimerez peut-être|vous pourriez aussi aimer|vous pourriez aimer|ça peut vous intéresser"
          "|cela peut vous intéresser|ceci pourrait vous intéresser|pour aller plus loin|dernières actualités"
          "|derniers articles|dernières infos|à la une",
    "es": "leer también|leer más|lee también|lee además|lee más|lee aquí|lee|lea también|lea además|lea más|lea aquí|lea"
          "|vea también|vea además|vea|ve también|ver también|ver además|mira también|mire también|mira|mire"
          "|te puede interesar|le puede interesar|también te puede interesar|también le puede interesar"
          "|te podría interesar|le podría interesar|te podría gustar|puede interesarte|puede interesarle"
          "|quizás te interese|quizá te interese|te recomendamos|le recomendamos|noticias relacionadas"
          "|artículos relacionados|notas relacionadas|contenido relacionado|relacionado|relacionados|relacionadas"
          "|lo más leído|lo más visto|lo más popular|más leídas|más leídos|más leído|más vistos|más visto"
          "|lo último|últimas noticias|más noticias|no te pierdas|no se pierda",
    "pt": "leia também|leia mais|leia ainda|leia|veja também|veja mais|veja|confira também|confira"
          "|notícias relacionadas|artigos relacionados|matérias relacionadas|relacionados|relacionadas"
          "|mais lidas|mais lidos|mais notícias|últimas notícias"
          "|você também pode gostar|você pode gostar|também pode interessar|pode interessar"
          "|recomendado para você|recomendados|não perca|leia a seguir",
    "it": "leggi anche|leggi pure|vedi anche|guarda anche|ti potrebbe interessare|potrebbe interessarti"
          "|potrebbe interessarti anche|potrebbero interessarti|ti potrebbero interessare|articoli correlati"
          "|notizie correlate|articoli simili|correlati|più letti|più lette|le più lette"
          "|gli articoli più letti|da non perdere|ti consigliamo|consigliati per te|approfondimenti"
          "|per approfondire|altre notizie|ultime notizie|ultimi articoli",
    "nl": "lees ook|bekijk ook|zie ook|ook interessant|ook leuk|misschien ook interessant"
          "|dit vind je misschien ook leuk|gerelateerde artikelen|gerelateerde berichten|gerelateerd"
          "|meest gelezen|meest bekeken|populair|populaire artikelen|aanbevolen|meer nieuws|meer over"
          "|meer over dit onderwerp|meer artikelen|laatste nieuws|uitgelicht",
    "pl": "czytaj też|czytaj także|czytaj również|czytaj|przeczytaj też|przeczytaj także|przeczytaj również"
          "|zobacz też|zobacz także|zobacz również|zobacz|polecamy|polecane|polecane artykuły|podobne artykuły"
          "|powiązane artykuły|powiązane|najczęściej czytane|najpopularniejsze|najnowsze|najnowsze artykuły"
          "|najnowsze wiadomości|może cię zainteresować|to może cię zainteresować|może cię też zainteresować"
          "|warto przeczytać|sprawdź też|sprawdź także|sprawdź również|więcej na ten temat|więcej na temat"
          "|inne artykuły",
    "sv": "läs också|läs även|läs mer",
    "fi": "lue myös|lue lisää|lue seuraavaksi",
    "ru": "читайте также|читайте також|смотрите также|дивіться також",
}

# Links that make a whole line: "Load more", "Back to top", "Weiterlesen" (`more-link`).
_MORE_LINKS = {
    "en": "more news|more stories|load more|show more|view all|view more|see all|see more|continue reading"
          "|next article|next story|next post|next page|previous article|previous story|previous post"
          "|previous page|back to top|back to home|skip to content|skip to main content|read the full story"
          "|read full article",
    "de": "zurück|zurück zur übersicht|zurück zur startseite|zur übersicht|zur startseite|zum seitenanfang"
          "|nach oben|zum inhalt springen|direkt zum inhalt|zum hauptinhalt|mehr anzeigen|mehr laden|alle anzeigen"
          "|alle artikel|alle beiträge|alle meldungen|alle news|weiterlesen|hier weiterlesen|mehr lesen"
          "|artikel lesen|jetzt lesen|zum artikel|zum beitrag|mehr erfahren|mehr infos|mehr informationen|weitere informationen"
          "|weiterführende informationen|nächster artikel|vorheriger artikel|nächster beitrag"
          "|vorheriger beitrag|nächste seite|vorherige seite|weiter|mehr",
    "fr": "voir plus|voir tout|voir tous les articles|lire la suite|lire plus|charger plus|afficher plus"
          "|en savoir plus|plus d'informations|retour en haut|haut de page|retour à l'accueil|retour"
          "|aller au contenu|aller au contenu principal|passer au contenu|article suivant|article précédent"
          "|page suivante|page précédente|suivant|précédent|plus d'articles|toutes les actualités",
    "es": "ver más|ver todo|ver todos|ver todas|leer más|seguir leyendo|cargar más|mostrar más|más información"
          "|volver arriba|ir arriba|volver al inicio|ir al contenido|saltar al contenido|artículo siguiente"
          "|artículo anterior|siguiente|anterior|ver noticia|ver artículo completo",
    "pt": "ver mais|carregar mais|mostrar mais|saiba mais|mais informações|voltar ao topo|ir para o conteúdo"
          "|pular para o conteúdo|próximo artigo|artigo anterior|próxima|continuar lendo|continue lendo"
          "|continuar a ler",
    "it": "leggi tutto|leggi di più|continua a leggere|mostra di più|carica altri|vedi tutti|vedi tutte|torna su"
          "|torna all'inizio|vai al contenuto|salta al contenuto|articolo successivo|articolo precedente"
          "|successivo|precedente|scopri di più|maggiori informazioni",
    "nl": "lees meer|lees verder|meer laden|toon meer|bekijk alles|bekijk meer|alle artikelen|terug naar boven"
          "|naar boven|ga naar inhoud|direct naar de inhoud|volgende artikel|vorige artikel|volgende|vorige"
          "|terug|meer informatie",
    "pl": "czytaj dalej|czytaj więcej|zobacz więcej|pokaż więcej|załaduj więcej|wczytaj więcej"
          "|zobacz wszystkie|wróć na górę|do góry|przejdź do treści|następny artykuł|poprzedni artykuł"
          "|następna|poprzednia|dalej|wstecz|więcej|więcej informacji|rozwiń|dowiedz się więcej",
}

# Share and print buttons, and the networks they name: a line made only of them (`share`).
_SHARE = {
    "networks": "facebook|twitter|whatsapp|linkedin|xing|pinterest|reddit|telegram|flipboard|tumblr|messenger"
                "|threads|mastodon|bluesky|pocket|vk|wykop|meneame|instagram|youtube|tiktok",
    "en": "share|share this|share on|share via|share the|share article|share story|share this article"
          "|share this story|share this page|share this post|share the article|share the story|tweet|email|e-mail"
          "|mail|print|print this|print article|print this article|copy link|copied|link copied"
          "|listen to this article",
    "de": "teilen|artikel teilen|beitrag teilen|seite teilen|jetzt teilen|teilen auf|drucken|artikel drucken"
          "|beitrag drucken|seite drucken|versenden|per e-mail|per mail|per e-mail versenden|per e-mail teilen"
          "|link kopieren|link kopiert|merken|artikel merken|vorlesen|artikel vorlesen|artikel anhören",
    "fr": "partager|partager cet article|partager sur|partage|imprimer|imprimer l'article|imprimer cet article"
          "|envoyer|envoyer par e-mail|envoyer par mail|copier le lien|lien copié|tweeter",
    "es": "compartir|compartir en|comparte|compartir este artículo|comparte esta noticia|compartir noticia"
          "|imprimir|enviar|enviar por correo|enviar por email|enviar por e-mail|copiar enlace|copiar link"
          "|enlace copiado|tuitear",
    "pt": "compartilhar|compartilhe|compartilhar no|partilhar|partilhe|partilhar no|enviar por e-mail"
          "|copiar link|link copiado",
    "it": "condividi|condividi su|condividi l'articolo|condividi questo articolo|stampa|invia|invia per email"
          "|invia tramite email|copia link|copia il link|link copiato",
    "nl": "delen|deel|deel dit artikel|deel dit bericht|delen op|printen|afdrukken|mailen|e-mailen|kopieer link"
          "|link gekopieerd",
    "pl": "udostępnij|udostępnij na|podziel się|drukuj|wydrukuj|wyślij|wyślij e-mail|kopiuj link|skopiuj link"
          "|link skopiowany",
}

# "Follow us on ...": an invitation to the site's social accounts (`follow`).
_FOLLOW = {
    "en": "follow us|follow me|follow him|follow her|follow them|like us on|find us on|join us on",
    "de": "folgen sie uns|folge uns|folgt uns|besuchen sie uns auf|finden sie uns auf",
    "fr": "suivez-nous|suivez nous|retrouvez-nous|rejoignez-nous sur",
    "es": "síguenos|siguenos|síganos|sígueme|únete a nuestro canal",
    "pt": "siga-nos|siga nos|segue-nos|acompanhe-nos|curta nossa página",
    "it": "seguici|seguiteci",
    "nl": "volg ons|volg mij",
    "pl": "obserwuj nas|śledź nas",
}

# Newsletter prompts: a verb of subscribing opens the line, a newsletter (or inbox) follows within a
# few words; or the line is the newsletter's name and a verb (`newsletter`).
_SUBSCRIBE = {
    # English "sign up", "subscribe", "register" and "join": see the rule's first alternative.
    "en": "get|receive|never miss|stay informed|stay up to date",
    "de": "abonnieren|abonnieren sie|abonniere|melden sie sich|melde dich|jetzt|anmelden|registrieren sie sich"
          "|erhalten sie|bestellen sie|ja, ich möchte|ich möchte|verpassen sie keine|verpasse keine"
          "|immer informiert|bleiben sie informiert|bleib informiert|tragen sie sich"
          "|trage dich|mit der anmeldung",
    "fr": "abonnez-vous|inscrivez-vous|inscris-toi|abonne-toi|recevez|je m'abonne|je m'inscris|s'abonner"
          "|s'inscrire|restez informé|ne manquez",
    "es": "suscríbete|suscribete|suscríbase|suscribirse|regístrate|recibe|reciba|apúntate|mantente informado",
    "pt": "assine|inscreva-se|cadastre-se|receba|assinar|fique por dentro|fique informado",
    "it": "iscriviti|abbonati|ricevi|registrati|resta aggiornato|rimani aggiornato",
    "nl": "schrijf je in|schrijf u in|meld je aan|meld u aan|abonneer|ontvang|blijf op de hoogte|mis niets",
    "pl": "zapisz się|subskrybuj|zamów|otrzymuj|bądź na bieżąco|nie przegap",
}
# What they subscribe to (a prefix: Polish declines "newslettera", German compounds "Newsletter-Anmeldung").
_NEWSLETTER = {
    "en": "newsletter|inbox|by email|by e-mail",
    "de": "posteingang|postfach|per e-mail|per mail",
    "fr": "infolettre|lettre d'information|lettre d'info|boîte mail|boîte de réception|par e-mail|par email",
    "es": "boletín|bandeja de entrada|por correo|por e-mail|por email",
    "pt": "boletim|caixa de entrada|por e-mail|por email",
    "it": "via email|via e-mail|per email",
    "nl": "nieuwsbrief|per e-mail|per mail",
    "pl": "e-mailem|na e-mail",
}
# A newsletter's name opening a short line, then a verb: "Newsletter abonnieren", "Nieuwsbrief: meld je aan".
_NEWSLETTER_NAMES = {
    "en": "newsletter", "de": "newsletter", "fr": "infolettre|lettre d'information", "es": "boletín",
    "pt": "boletim", "nl": "nieuwsbrief",
}
_NEWSLETTER_VERBS = {
    "en": "sign up|subscribe",
    "de": "abonnieren|bestellen|anmelden|anmeldung|abonnement",
    "fr": "inscription|inscrivez-vous|abonnez-vous|s'abonner|s'inscrire",
    "es": "suscríbete|suscripción|suscribirse|regístrate",
    "pt": "assine|inscreva-se|cadastre-se|assinar",
    "it": "iscriviti|iscrizione",
    "nl": "aanmelden|inschrijven|schrijf je in|meld je aan",
    "pl": "zapisz się|zapisy|subskrybuj",
}

# Prompts to let the site send browser notifications (`subscriber-prompt`).
_PUSH_PROMPTS = {
    "en": "allow notifications|turn on notifications|enable notifications|enable push notifications",
    "de": "benachrichtigung aktivieren|benachrichtigungen aktivieren|push-benachrichtigungen aktivieren"
          "|push-mitteilungen aktivieren|dürfen wir sie benachrichtigen",
    "fr": "activer les notifications|recevez nos notifications|recevoir les notifications",
    "es": "activar notificaciones|activa las notificaciones|recibe notificaciones",
    "pt": "ativar notificações|ative as notificações|receba notificações",
    "it": "attiva le notifiche|ricevi le notifiche",
    "nl": "meldingen aanzetten|meldingen inschakelen|ontvang meldingen",
    "pl": "włącz powiadomienia|otrzymuj powiadomienia",
}

# Appeals to support the publication with money or a membership (`subscriber-prompt`).
_SUPPORT_APPEALS = {
    "en": "support our work|support our journalism|support independent journalism|become a member|become a supporter"
          "|make a donation|donate now",
    "de": "unterstützen sie uns|unterstützen sie unsere arbeit|unterstützen sie unabhängigen journalismus"
          "|jetzt unterstützen|unterstütze uns|unterstütze unsere arbeit|jetzt spenden|werden sie mitglied|werde mitglied"
          "|wenn ihnen dieser artikel gefallen hat|wenn dir dieser artikel gefallen hat|wenn ihnen unsere arbeit gefällt",
    "fr": "soutenez-nous|soutenez notre travail|soutenez le journalisme|faites un don|faire un don|devenez membre"
          "|devenez abonné pour soutenir",
    "es": "hazte miembro|hazte socio|apóyanos|apoya nuestro trabajo|apoya el periodismo|haz una donación"
          "|colabora con nosotros",
    "pt": "apoie o jornalismo|apoie nosso trabalho|apoie o nosso trabalho|faça uma doação|seja membro|seja assinante e apoie",
    "it": "sostienici|sostieni il nostro lavoro|sostieni il giornalismo|fai una donazione|diventa socio|diventa sostenitore",
    "nl": "steun ons|steun onze journalistiek|steun ons werk|doneer nu|word lid|word donateur",
    "pl": "wesprzyj nas|wesprzyj naszą pracę|wspieraj niezależne dziennikarstwo|przekaż darowiznę|zostań patronem",
}

# Paywalls: the rest of the article is for subscribers (`subscriber-prompt`).
_PAYWALL = {
    "en": "to view the full story|to continue reading|to read the full story|to read the full article|already a subscriber"
          "|already subscribed|exclusive for subscribers|subscribers only",
    "de": "bereits abonnent|schon abonnent|sie sind bereits abonnent|du bist bereits abonnent|jetzt weiterlesen"
          "|weiterlesen mit|um den artikel vollständig zu lesen|um den artikel weiterzulesen|um diesen artikel zu lesen"
          "|um weiterzulesen|dieser artikel ist nur für abonnenten|dieser inhalt ist nur für abonnenten"
          "|exklusiv für abonnenten|nur für abonnenten|artikel freischalten|jetzt abonnieren|jetzt abo abschließen"
          "|jetzt gratis testen|jetzt kostenlos testen|möchten sie weiterlesen|möchtest du weiterlesen",
    "fr": "pour lire la suite|la suite est réservée aux abonnés|article réservé aux abonnés|réservé aux abonnés"
          "|cet article est réservé aux abonnés|déjà abonné|vous êtes déjà abonné|abonnez-vous pour lire"
          "|abonnez-vous pour continuer|pour accéder en illimité",
    "es": "contenido exclusivo para suscriptores|exclusivo para suscriptores|solo para suscriptores"
          "|ya eres suscriptor|ya soy suscriptor|para seguir leyendo|para continuar leyendo"
          "|para leer la nota completa|suscríbete para seguir leyendo|contenido premium"
          "|este contenido es exclusivo",
    "pt": "conteúdo exclusivo para assinantes|exclusivo para assinantes|já é assinante|já sou assinante"
          "|para continuar lendo|para continuar a ler|assine para continuar|este conteúdo é exclusivo"
          "|conteúdo exclusivo",
    "it": "contenuto riservato agli abbonati|riservato agli abbonati|sei già abbonato|già abbonato"
          "|per continuare a leggere|per leggere l'articolo completo|abbonati per continuare"
          "|articolo riservato agli abbonati|questo contenuto è riservato",
    "nl": "alleen voor abonnees|al abonnee|ben je al abonnee|bent u al abonnee|om dit artikel te lezen"
          "|lees verder met|word abonnee|dit artikel is alleen voor abonnees",
    "pl": "artykuł dostępny tylko dla subskrybentów|dostępne tylko dla subskrybentów|tylko dla subskrybentów"
          "|masz już subskrypcję|aby przeczytać cały artykuł|aby czytać dalej|wykup dostęp|wykup subskrypcję",
}

# An advertisement's label, alone on its line (`advertisement`).
_ADVERTS = {
    "en": "advertisement|advertising|ad|sponsored|sponsored content|sponsored post|paid content|paid post|promoted"
          "|partner content|advertising disclosure|advertiser disclosure",
    "de": "anzeige|werbung|werbeanzeige|gesponsert|gesponserter inhalt|sponsored|advertorial|partnerinhalt"
          "|bezahlte partnerschaft",
    "fr": "publicité|pub|contenu sponsorisé|sponsorisé|article sponsorisé|publireportage|publi-rédactionnel"
          "|contenu partenaire",
    "es": "publicidad|contenido patrocinado|patrocinado|contenido pagado|anuncio|publirreportaje",
    "pt": "publicidade|conteúdo patrocinado|patrocinado|anúncio|publieditorial",
    "it": "pubblicità|contenuto sponsorizzato|sponsorizzato|annuncio|pubbliredazionale",
    "nl": "advertentie|gesponsord|gesponsorde inhoud|reclame|advertorial",
    "pl": "reklama|materiał sponsorowany|artykuł sponsorowany|materiał partnera|artykuł partnera|sponsorowane"
          "|materiał promocyjny",
    "ru": "реклама",
}
# The line an ad leaves in the text, whole: "Story continues below advertisement" (`ad-break`).
_AD_BREAKS = {
    "en": "story continues below|story continues below advertisement|article continues below"
          "|article continues below advertisement|continue reading below",
    "de": "weiterlesen nach der anzeige|lesen sie nach der anzeige weiter|der artikel wird nach der anzeige fortgesetzt"
          "|artikel wird nach der anzeige fortgesetzt|fortsetzung nach der anzeige|weiter nach der anzeige"
          "|nach der anzeige weiterlesen|nach der werbung weiterlesen",
    "fr": "la suite après cette publicité|la suite après la publicité|la suite après la pub"
          "|l'article continue après la publicité",
    "es": "la nota continúa abajo|continúa después de la publicidad|sigue después de la publicidad",
    "pt": "continua após a publicidade|continua depois da publicidade|continua após o anúncio",
    "it": "continua a leggere dopo la pubblicità|l'articolo continua sotto|continua dopo la pubblicità",
    "nl": "lees verder na de advertentie|het artikel gaat verder onder de advertentie",
    "pl": "dalsza część artykułu pod reklamą|dalsza część artykułu pod materiałem|dalszy ciąg materiału pod reklamą",
}

# Affiliate and advertiser disclosures above or below a review (`disclosure`).
_DISCLOSURES = {
    "en": "this post contains affiliate links|this post may contain affiliate links|this article contains affiliate links"
          "|this article may contain affiliate links|this page contains affiliate links"
          "|we may earn a commission|we may receive compensation|we may earn money|as an amazon associate"
          "|affiliate disclosure|advertiser disclosure|disclosure: this post",
    "de": "dieser artikel enthält affiliate-links|dieser beitrag enthält affiliate-links|dieser artikel enthält werbelinks"
          "|dieser beitrag enthält werbelinks|dieser beitrag enthält werbung|bei den mit * gekennzeichneten links"
          "|die mit * gekennzeichneten links|wir erhalten eine provision|transparenzhinweis|*affiliate-link",
    "fr": "cet article contient des liens affiliés|cet article contient des liens d'affiliation|liens affiliés"
          "|nous pouvons percevoir une commission",
    "es": "este artículo contiene enlaces de afiliados|este artículo contiene enlaces de afiliado"
          "|podemos recibir una comisión",
    "pt": "este artigo contém links de afiliados|podemos receber uma comissão",
    "it": "questo articolo contiene link di affiliazione|questo articolo contiene link affiliati"
          "|potremmo ricevere una commissione",
    "nl": "dit artikel bevat affiliate links|dit artikel bevat affiliatelinks",
    "pl": "artykuł zawiera linki afiliacyjne|artykuł zawiera linki partnerskie",
}

# A prompt asking the reader to rate the article: "Was this article helpful?" (`feedback`).
_FEEDBACK = {
    "en": "was this article helpful|was this helpful|did you find this article helpful|did you find this helpful"
          "|rate this article|did you like this article",
    "de": "war dieser artikel hilfreich|war der artikel hilfreich|war dieser artikel nützlich|war der artikel nützlich"
          "|war dieser beitrag hilfreich|hat ihnen dieser artikel gefallen|hat ihnen der artikel gefallen"
          "|hat dir dieser artikel gefallen|hat dir der artikel gefallen|wie hat ihnen der artikel gefallen"
          "|wie hilfreich war|artikel bewerten|beitrag bewerten|rezept bewerten|möchten sie den artikel teilen",
    "fr": "cet article vous a-t-il été utile|cet article vous a été utile|avez-vous trouvé cet article utile"
          "|notez cet article",
    "es": "te ha sido útil este artículo|te resultó útil este artículo|te ha resultado útil|te fue útil"
          "|te gustó este artículo|fue útil este artículo|califica este artículo",
    "pt": "este artigo foi útil|esse artigo foi útil|gostou deste artigo|avalie este artigo",
    "it": "questo articolo ti è stato utile|questo articolo è stato utile|ti è piaciuto questo articolo"
          "|valuta questo articolo",
    "nl": "was dit artikel nuttig|was dit artikel nuttig voor je|vond je dit artikel nuttig|beoordeel dit artikel",
    "pl": "czy ten artykuł był pomocny|czy ten artykuł był przydatny|oceń ten artykuł|czy artykuł był pomocny",
}

# A comment thread's heading or count, alone on its line: "12 Comments", "Kommentare (3)" (`comments`).
_COMMENT_NOUNS = {
    "en": "comment|comments|response|responses|replies",
    "de": "kommentar|kommentare|leserkommentare",
    "fr": "commentaire|commentaires|réactions",
    "es": "comentario|comentarios",
    "pt": "comentário|comentários",
    "it": "commento|commenti",
    "nl": "reactie|reacties",
    "pl": "komentarz|komentarze|komentarzy",
}
# ... or an invitation to comment, opening a line: "Leave a comment", "Schreibe einen Kommentar".
_COMMENT_CALLS = {
    "en": "leave a comment|leave a reply|post a comment|add a comment|write a comment|show comments"
          "|view comments|read comments|show all comments|view all comments|read all comments"
          "|join the conversation|join the discussion",
    "de": "kommentar schreiben|kommentar verfassen|kommentar hinzufügen|schreibe einen kommentar"
          "|schreiben sie einen kommentar|hinterlasse einen kommentar|hinterlassen sie einen kommentar"
          "|jetzt kommentieren|kommentieren|kommentare anzeigen|alle kommentare|kommentare lesen|keine kommentare"
          "|noch keine kommentare|diskutieren sie mit|antwort hinterlassen",
    "fr": "laisser un commentaire|laissez un commentaire|écrire un commentaire|ajouter un commentaire|réagir"
          "|réagissez|commenter|aucun commentaire|voir les commentaires|afficher les commentaires"
          "|donnez votre avis|laisser une réponse",
    "es": "deja un comentario|deje un comentario|dejar un comentario|escribe un comentario|escribir un comentario"
          "|agregar comentario|añadir comentario|comentar|ver comentarios|sin comentarios|deja una respuesta",
    "pt": "deixe um comentário|deixe seu comentário|deixe o seu comentário|escreva um comentário|comentar"
          "|ver comentários|sem comentários|adicionar comentário|deixe uma resposta",
    "it": "lascia un commento|scrivi un commento|aggiungi un commento|commenta|nessun commento|mostra commenti"
          "|vedi commenti|lascia una risposta",
    "nl": "laat een reactie achter|geef een reactie|schrijf een reactie|plaats een reactie|reageer|reageren"
          "|reactie plaatsen|bekijk reacties|geen reacties",
    "pl": "dodaj komentarz|napisz komentarz|zostaw komentarz|skomentuj|komentuj|brak komentarzy"
          "|pokaż komentarze|zobacz komentarze|dodaj odpowiedź",
}
# The fine print of a comment form (WordPress's and other blogs', in each language) (`comment-form`).
_COMMENT_FORM = {
    "en": "your email address will not be published|your e-mail address will not be published"
          "|required fields are marked|save my name, email, and website in this browser|notify me of follow-up comments"
          "|notify me of new posts|comments are closed|comments are moderated",
    "de": "deine e-mail-adresse wird nicht veröffentlicht|ihre e-mail-adresse wird nicht veröffentlicht"
          "|deine email-adresse wird nicht veröffentlicht|ihre email-adresse wird nicht veröffentlicht"
          "|erforderliche felder sind mit|pflichtfelder sind mit|speichere meinen namen, meine e-mail-adresse"
          "|meinen namen, meine e-mail-adresse und meine website in diesem browser"
          "|benachrichtige mich über|diese website verwendet akismet|diese seite verwendet akismet"
          "|du musst angemeldet sein, um einen kommentar|sie müssen angemeldet sein, um einen kommentar"
          "|kommentar abschicken|kommentar absenden|kommentare sind geschlossen|die kommentarfunktion ist geschlossen"
          "|die kommentarfunktion wurde deaktiviert|kommentare werden moderiert|alle kommentare werden moderiert",
    "fr": "votre adresse e-mail ne sera pas publiée|votre adresse email ne sera pas publiée"
          "|votre adresse de messagerie ne sera pas publiée|les champs obligatoires sont indiqués"
          "|enregistrer mon nom, mon e-mail et mon site|prévenez-moi de tous les nouveaux commentaires"
          "|ce site utilise akismet|vous devez être connecté pour publier un commentaire|publier un commentaire"
          "|les commentaires sont fermés"
          "|laisser un commentaire",
    "es": "tu dirección de correo electrónico no será publicada|su dirección de correo electrónico no será publicada"
          "|tu correo electrónico no será publicado|los campos obligatorios están marcados"
          "|guarda mi nombre, correo electrónico y web|este sitio usa akismet|debes iniciar sesión para publicar"
          "|publicar el comentario|publicar comentario"
          "|los comentarios están cerrados",
    "pt": "seu endereço de e-mail não será publicado|seu endereço de email não será publicado"
          "|campos obrigatórios são marcados|salvar meus dados neste navegador|guardar o meu nome, email e site"
          "|este site utiliza o akismet|você precisa fazer o login para publicar|publicar comentário"
          "|comentários encerrados",
    "it": "il tuo indirizzo email non sarà pubblicato|il tuo indirizzo e-mail non sarà pubblicato"
          "|salva il mio nome, email e sito web"
          "|questo sito usa akismet|devi essere connesso per inviare un commento|invia commento|pubblica il commento",
    "nl": "je e-mailadres wordt niet gepubliceerd|uw e-mailadres wordt niet gepubliceerd"
          "|vereiste velden zijn gemarkeerd|verplichte velden zijn gemarkeerd|mijn naam, e-mail en site bewaren"
          "|deze site gebruikt akismet|je moet ingelogd zijn om een reactie|reacties zijn gesloten",
    "pl": "twój adres e-mail nie zostanie opublikowany|twój adres email nie zostanie opublikowany"
          "|wymagane pola są oznaczone|zapamiętaj moje dane w tej przeglądarce|ta witryna wykorzystuje akismet"
          "|musisz się zalogować, aby móc dodać komentarz|opublikuj komentarz|komentarze są wyłączone",
}
# WordPress's heading over a thread, "3 thoughts on “Title”": a count, these words, an opening quote
# (`thread-heading`).
_THREAD_HEADS = {
    "en": "thoughts on|thought on|responses to|response to|comments on|comment on|replies to|reply to",
    "de": "gedanken zu|gedanke zu|kommentare zu|kommentar zu|antworten zu|antwort zu|antworten auf",
    "fr": "réflexions sur|réflexion sur|commentaires sur|commentaire sur|réponses à|réponse à",
    "es": "comentarios en|comentario en|comentarios sobre|respuestas a|respuesta a|pensamientos sobre",
    "pt": "comentários em|comentário em|comentários sobre|respostas para|resposta para|pensamentos sobre",
    "it": "commenti su|commento su|risposte a|risposta a|pensieri su|pensiero su",
    "nl": "reacties op|reactie op|gedachten over|gedachte over",
    "pl": "komentarzy do|komentarze do|komentarz do|odpowiedzi do|myśli na temat",
}
_ONE = ("one", "ein", "eine", "une", "un", "uno", "una", "um", "uma", "één", "jeden", "jedna")

# A blog's post footer: "This entry was posted in News and tagged ...", as WordPress words it in each
# language, and the "filed under" of other blogs (`filed-in`).
_FILED_IN = {
    "en": "this entry was posted in|this entry was filed under|this post was posted in|bookmark the permalink",
    "de": "dieser eintrag wurde veröffentlicht in|dieser eintrag wurde veröffentlicht am"
          "|dieser beitrag wurde veröffentlicht in|dieser beitrag wurde unter|abgelegt unter|verschlagwortet mit"
          "|veröffentlicht unter",
    "fr": "ce contenu a été publié dans|cette entrée a été publiée dans|cet article a été publié dans|classé dans",
    "es": "esta entrada fue publicada en|esta entrada se publicó en|archivado en",
    "pt": "esta entrada foi publicada em|este post foi publicado em|arquivado em",
    "it": "questa voce è stata pubblicata in|questo articolo è stato pubblicato in|archiviato in",
    "nl": "dit bericht werd geplaatst in|dit item is geplaatst in|dit bericht is geplaatst in",
    "pl": "ten wpis został opublikowany w kategorii|wpis został opublikowany w",
}

# Breadcrumbs: "You are here:", or the home page's link followed by a crumb separator (`breadcrumb`).
_YOU_ARE_HERE = {
    "en": "you are here", "de": "sie sind hier|du bist hier|sie befinden sich hier",
    "fr": "vous êtes ici|vous êtes sur", "es": "usted está aquí|estás aquí|está aquí|se encuentra en",
    "pt": "você está aqui|está aqui|encontra-se em", "it": "sei qui|ti trovi in|ti trovi qui",
    "nl": "u bent hier|je bent hier|u bevindt zich hier", "pl": "jesteś tutaj|jesteś tu|znajdujesz się",
}
_HOME = {
    "en": "home|homepage|home page|start", "de": "startseite|start|home", "fr": "accueil", "es": "inicio|portada",
    "pt": "início|página inicial", "it": "home|homepage", "nl": "home|start|voorpagina", "pl": "strona główna",
}

# Cookie and consent notices: what the notice says, found after the needle "cookie" (`cookies`).
_COOKIE_SAYS = {
    "en": "we use cookies|this site uses cookies|this website uses cookies|uses cookies to|accept cookies"
          "|accept all cookies|cookie policy|cookie settings|cookie preferences",
    "de": "wir verwenden cookies|wir nutzen cookies|wir setzen cookies|verwendet cookies|nutzt cookies"
          "|setzt cookies|verwenden wir cookies|nutzen wir cookies|cookies akzeptieren|alle cookies akzeptieren"
          "|cookie-einstellungen|cookie einstellungen|cookie-richtlinie|cookie-hinweis|cookies zulassen",
    "fr": "nous utilisons des cookies|utilise des cookies|utilisons des cookies|accepter les cookies"
          "|gestion des cookies|paramètres des cookies|politique de cookies|dépôt de cookies",
    "es": "utilizamos cookies|usamos cookies|utiliza cookies|usa cookies|aceptar cookies|política de cookies"
          "|configuración de cookies|uso de cookies",
    "pt": "utilizamos cookies|usamos cookies|utiliza cookies|usa cookies|aceitar cookies|política de cookies"
          "|uso de cookies",
    "it": "utilizziamo i cookie|utilizziamo cookie|usiamo i cookie|utilizza i cookie|utilizza cookie"
          "|usa i cookie|accetta i cookie|cookie policy|uso dei cookie",
    "nl": "wij gebruiken cookies|we gebruiken cookies|gebruikt cookies|maakt gebruik van cookies|cookies accepteren"
          "|cookiebeleid|cookie-instellingen",
    "pl": "używamy plików cookie|używamy cookies|używa plików cookie|używa cookies|korzysta z plików cookie"
          "|polityka cookies|ustawienia cookies|pliki cookie",
}
# ... or, a "cookie" in the block's head (where the needle looks), a word about the site's cookies
# rather than baked ones near it (a prefix: "analy" reads "Analyse", "analytics", "analíticas").
_COOKIE_CONTEXT = {
    "en": "website|this site|our site|browser|browsing|consent|third-party|third party|tracking|analytics"
          "|necessary cookies|essential cookies|functional cookies|performance cookies|marketing cookies"
          "|cookie settings|cookie policy|privacy",
    "de": "website|webseite|internetseite|browser|einwilligung|zustimmung|drittanbieter|tracking|analyse"
          "|statistik|marketing|werbe|notwendig|erforderlich|essenziell|essentiell|funktional|einstellungen"
          "|richtlinie|akzeptieren|zulassen|datenschutz",
    "fr": "site|navigat|consentement|tiers|traceurs|mesure d'audience|publicit|nécessaires|essentiels"
          "|fonctionnels|paramètres|paramétrer|politique|accepter|refuser|données personnelles",
    "es": "sitio|página web|navegador|navegación|consentimiento|terceros|analític|publicidad|necesarias"
          "|técnicas|configuración|política|aceptar|rechazar|privacidad",
    "pt": "site|navegador|navegação|consentimento|terceiros|analític|publicidade|necessários|essenciais"
          "|configurações|política|aceitar|privacidade",
    "it": "sito|browser|navigazione|consenso|terze parti|analitic|pubblicit|necessari|tecnici|impostazioni"
          "|informativa|accett|privacy",
    "nl": "website|browser|toestemming|derden|analytisch|advertentie|noodzakelijk|functionele|instellingen"
          "|beleid|accepteren|privacy",
    "pl": "stron|witryn|przeglądar|zgod|zewnętrzn|analityczn|reklam|niezbędne|ustawienia|polityk|akceptuj"
          "|prywatnoś",
}
# A consent banner's buttons, alone on their line (`consent-button`).
_CONSENT_BUTTONS = {
    "en": "accept|accept all|accept cookies|accept all cookies|reject all|decline|got it"
          "|ok, got it|allow all|allow cookies|manage preferences|manage cookies",
    "de": "akzeptieren|alle akzeptieren|alles akzeptieren|zustimmen|allen zustimmen|alle zulassen|ablehnen"
          "|alle ablehnen|einverstanden|ok, verstanden|ich stimme zu|ich bin einverstanden|auswahl speichern"
          "|nur notwendige cookies|nur essenzielle cookies|datenschutzeinstellungen|privatsphäre-einstellungen",
    "fr": "accepter|tout accepter|accepter tout|accepter et fermer|refuser|tout refuser|j'accepte|paramétrer"
          "|personnaliser|continuer sans accepter",
    "es": "aceptar|aceptar todo|aceptar todas|rechazar|rechazar todo|acepto|configurar|estoy de acuerdo",
    "pt": "aceitar|aceitar todos|aceito|concordo|rejeitar|gerenciar cookies",
    "it": "accetta|accetta tutto|accetta tutti|accetto|rifiuta|rifiuta tutto|personalizza",
    "nl": "accepteren|alles accepteren|akkoord|ik ga akkoord|weigeren",
    "pl": "akceptuję|akceptuj|akceptuj wszystkie|zgadzam się|odrzuć|odrzuć wszystkie|przejdź do serwisu",
}
# A consent notice in place of an embedded post or video ("Externer Inhalt", "Klicken Sie auf den
# unteren Button, um den Inhalt von ... zu laden.") (`embed-consent`).
_EMBED_CONSENT = {
    "en": "click the button below to load|external content|load external content",
    "de": "klicken sie auf den unteren button|klicken sie auf den button|klicke auf den button"
          "|mit dem laden des inhalts akzeptieren sie|mit dem laden des videos akzeptieren sie"
          "|ich bin damit einverstanden, dass mir externe inhalte angezeigt werden|externer inhalt"
          "|externe inhalte laden|empfohlener redaktioneller inhalt|an dieser stelle finden sie einen externen inhalt"
          "|an dieser stelle findest du einen externen inhalt|an dieser stelle finden sie inhalte aus"
          "|um mit inhalten aus|inhalt laden|inhalte laden|wir benötigen ihre zustimmung|immer entsperren",
    "fr": "contenu externe|afficher le contenu|charger le contenu|ce contenu est bloqué",
    "es": "contenido externo|cargar contenido",
    "it": "contenuto esterno|carica contenuto",
    "nl": "externe inhoud|inhoud laden",
    "pl": "treść zewnętrzna|załaduj treść",
}

# The boxes to tick under a form: "Ich habe die Datenschutzerklärung gelesen" (`form-consent`).
_FORM_CONSENT = {
    "de": "ich willige ein|ich willige darin ein|hiermit willige ich ein|ich bin mit der verarbeitung meiner daten"
          "|ich habe die datenschutzerklärung gelesen|ich habe die datenschutzhinweise gelesen"
          "|ich stimme der datenschutzerklärung zu|ich akzeptiere die datenschutzerklärung"
          "|ich akzeptiere die datenschutzbestimmungen|ich akzeptiere die nutzungsbedingungen|ich akzeptiere die agb"
          "|mit dem absenden|mit absenden|mit der anmeldung stimme ich"
          "|mit der anmeldung erkläre ich|mit der registrierung stimme ich",
    "fr": "j'accepte les conditions|j'accepte la politique de confidentialité|j'ai lu et j'accepte"
          "|en soumettant ce formulaire|en cochant cette case|en vous inscrivant, vous acceptez",
    "es": "acepto la política de privacidad|acepto los términos",
    "pt": "li e aceito|li e concordo|aceito a política de privacidade|concordo com os termos"
          "|ao enviar este formulário|ao se inscrever, você concorda",
    "it": "ho letto e accetto|ho letto l'informativa|acconsento al trattamento|accetto l'informativa"
          "|accetto i termini|inviando questo modulo",
    "nl": "ik ga akkoord met|ik heb de privacyverklaring gelezen|door dit formulier te verzenden",
    "pl": "wyrażam zgodę na przetwarzanie|wyrażam zgodę na otrzymywanie|akceptuję regulamin"
          "|akceptuję politykę prywatności|zapoznałem się z regulaminem|zapoznałam się z regulaminem"
          "|przesyłając formularz",
}

# The messages of a login or registration form, opening a line (`account-form`) ...
_ACCOUNT_MESSAGES = {
    "en": "forgot your password|forgot password|password must|don't have an account|already have an account",
    "de": "passwort vergessen|das passwort muss|bitte fülle alle pflichtfelder|bitte füllen sie alle pflichtfelder"
          "|diese e-mail-adresse ist bereits|noch kein konto|sie haben noch kein konto",
    "fr": "mot de passe oublié|le mot de passe doit|veuillez remplir tous les champs|pas encore de compte",
    "es": "olvidaste tu contraseña|has olvidado tu contraseña|la contraseña debe",
    "pt": "esqueceu sua senha|esqueceu a senha|esqueceu-se da palavra-passe|não tem uma conta",
    "it": "password dimenticata|hai dimenticato la password|la password deve|non hai un account",
    "nl": "wachtwoord vergeten|het wachtwoord moet|nog geen account",
    "pl": "nie pamiętasz hasła|zapomniałeś hasła|hasło musi|nie masz konta",
}
# ... and its field names, alone on their line.
_ACCOUNT_FIELDS = {
    "en": "username|password|remember me|create an account",
    "de": "benutzername|passwort|angemeldet bleiben|konto erstellen|pflichtfelder",
    "fr": "nom d'utilisateur|mot de passe|adresse e-mail|se souvenir de moi|créer un compte",
    "es": "nombre de usuario|contraseña|correo electrónico|recordarme|crear una cuenta",
    "pt": "nome de usuário|senha|lembrar-me|criar uma conta|criar conta",
    "it": "nome utente|ricordami|crea un account",
    "nl": "gebruikersnaam|wachtwoord|e-mailadres|onthoud mij|account aanmaken",
    "pl": "nazwa użytkownika|hasło|adres e-mail|zapamiętaj mnie|załóż konto",
}

# Notices about the reader's browser: JavaScript switched off, a browser too old (`browser-notice`).
_BROWSER_NOTICES = {
    "en": "please enable javascript|javascript is disabled|javascript is required|please upgrade your browser"
          "|please update your browser",
    "de": "bitte aktivieren sie javascript|bitte aktiviere javascript|javascript ist deaktiviert"
          "|dieser shop setzt voraus, dass sie javascript"
          "|ihr browser ist veraltet|dein browser ist veraltet|sie verwenden einen veralteten browser"
          "|ihr browser unterstützt|dein browser unterstützt|bitte aktualisieren sie ihren browser",
    "fr": "veuillez activer javascript|javascript est désactivé|votre navigateur n'est pas à jour"
          "|votre navigateur est obsolète|votre navigateur ne supporte pas|mettez à jour votre navigateur",
    "es": "por favor habilita javascript|por favor, habilita javascript|javascript está desactivado"
          "|tu navegador no es compatible|su navegador no es compatible|tu navegador está desactualizado"
          "|actualiza tu navegador",
    "pt": "por favor, ative o javascript|ative o javascript|seu navegador está desatualizado|seu navegador não suporta",
    "it": "abilita javascript|javascript è disabilitato|il tuo browser non è aggiornato|il tuo browser non supporta"
          "|aggiorna il tuo browser",
    "nl": "schakel javascript in|javascript is uitgeschakeld|je browser is verouderd|uw browser is verouderd"
          "|uw browser wordt niet ondersteund",
    "pl": "włącz javascript|javascript jest wyłączony|twoja przeglądarka jest nieaktualna"
          "|twoja przeglądarka nie obsługuje|zaktualizuj przeglądarkę",
}

# A site's legal and service links (`legal-links`). These open a line whatever follows them ...
_LEGAL = {
    "en": "privacy policy|terms of use|terms of service|terms and conditions|cookie policy|contact us|about us"
          "|advertise with us|sitemap",
    "de": "impressum|datenschutz|datenschutzerklärung|datenschutzhinweise|nutzungsbedingungen|haftungsausschluss",
    "fr": "mentions légales|politique de confidentialité|conditions générales|plan du site|qui sommes-nous",
    "es": "aviso legal|política de privacidad|términos y condiciones|condiciones de uso|mapa del sitio"
          "|quiénes somos",
    "pt": "política de privacidade|termos de uso|termos e condições|mapa do site|quem somos|fale conosco",
    "it": "informativa sulla privacy|termini e condizioni|condizioni d'uso|note legali|mappa del sito|chi siamo",
    "nl": "privacybeleid|privacyverklaring|algemene voorwaarden|gebruiksvoorwaarden|cookiebeleid",
    "pl": "polityka prywatności|polityka cookies|polityka plików cookies|mapa strony|warunki korzystania",
}
# ... these only as a line of such links: alone they are common words ("Kontakt", "Service", "Presse").
_SITE_LINKS = {
    "en": "contact|terms|privacy|cookies|careers|jobs|help|faq|press|accessibility|archive|imprint"
          "|legal|legal notice",
    "de": "kontakt|agb|hilfe|faq|presse|karriere|jobs|mediadaten|barrierefreiheit|cookie-einstellungen|über uns"
          "|wir über uns|archiv|abo|service|ansprechpartner|ansprechpartnerin|ihr ansprechpartner",
    "fr": "contact|contactez-nous|nous contacter|confidentialité|données personnelles|cgu|cgv|à propos"
          "|accessibilité|gestion des cookies|recrutement|aide|presse|abonnement",
    "es": "contacto|contáctanos|privacidad|política de cookies|términos de uso|sobre nosotros|ayuda"
          "|trabaja con nosotros|aviso de privacidad|accesibilidad|suscripciones",
    "pt": "contato|contacto|privacidade|termos de serviço|sobre nós|ajuda|trabalhe conosco|expediente"
          "|política de cookies|estatuto editorial|ficha técnica",
    "it": "contatti|contattaci|privacy|privacy policy|informativa privacy|cookie policy|termini di servizio"
          "|condizioni generali|lavora con noi|redazione|aiuto|dati societari",
    "nl": "contact|over ons|privacy|colofon|adverteren|vacatures|klantenservice|toegankelijkheid"
          "|cookieverklaring",
    "pl": "kontakt|regulamin|redakcja|kariera|pomoc|dla mediów|deklaracja dostępności",
}
# The prompt of a search box (`search-box`).
_SEARCH_PROMPTS = {
    "de": "suchbegriff eingeben|website durchsuchen|webseite durchsuchen|seite durchsuchen|wonach suchen sie"
          "|was suchen sie",
    "fr": "rechercher sur le site|que recherchez-vous|saisissez votre recherche",
    "es": "buscar en el sitio|qué estás buscando|qué buscas|escribe tu búsqueda",
    "pt": "pesquisar no site",
    "it": "cerca nel sito|cosa stai cercando",
    "nl": "zoeken op de site|doorzoek de site|waar ben je naar op zoek|waar zoekt u naar",
    "pl": "szukaj w serwisie|wpisz szukaną frazę|czego szukasz",
}
# Account, search and menu buttons, alone on their line (`login`).
_BUTTONS = {
    "en": "log in|login|sign in|signin|log out|logout|sign out|signout|register|my account|menu|search|home"
          "|open menu|main menu|toggle navigation|cart|submit",
    "de": "anmelden|jetzt anmelden|abmelden|einloggen|ausloggen|registrieren|jetzt registrieren|mein konto|konto|mein profil|suche|suchen"
          "|startseite|menü|hauptmenü|navigation|schließen|menü schließen|menü öffnen|warenkorb|merkliste|senden"
          "|absenden|abschicken",
    "fr": "connexion|se connecter|déconnexion|s'inscrire|inscription|mon compte|mon espace|rechercher|recherche"
          "|accueil|fermer|ouvrir le menu|fermer le menu|panier|annuler",
    "es": "iniciar sesión|cerrar sesión|entrar|registrarse|mi cuenta|mi perfil|buscar|búsqueda|inicio|portada"
          "|cerrar|menú|carrito",
    "pt": "entrar|sair|cadastre-se|minha conta|pesquisar|buscar|busca|pesquisa|início|página inicial|fechar"
          "|carrinho",
    "it": "accedi|registrati|esci|il mio account|cerca|ricerca|chiudi|carrello",
    "nl": "inloggen|uitloggen|registreren|mijn account|zoeken|zoek|sluiten|winkelwagen",
    "pl": "zaloguj|zaloguj się|wyloguj|zarejestruj|zarejestruj się|moje konto|szukaj|wyszukaj|strona główna"
          "|zamknij|koszyk",
}


_PROMO_WORDS = _words(_phrases(_PROMO))
_SHARE_WORDS = _words(_phrases(_SHARE))
_SITE_LINK_WORDS = _words(_phrases(_LEGAL) + _phrases(_SITE_LINKS))
_SITE_LINK_FIRST = _words(_phrases(_SITE_LINKS))
# Alternatives a rule looks for at each of many positions (after `.{0,60}` and the like), each
# behind a lookahead on their first characters (`_first`).
_AGENCY_CREDITS = ("getty images", "shutterstock", "istock(?:photo)?", "afp photo", "ap photo", "reuters/", "epa-efe", "dpa/",
                   "imago")
_RESERVED = ("all rights reserved", "alle rechte vorbehalten", "tous droits réservés", "todos los derechos reservados",
             "todos os direitos reservados", "tutti i diritti riservati", "alle rechten voorbehouden",
             "wszelkie prawa zastrzeżone", "все права защищены")
_NEWSLETTER_WORDS = ("newsletter", "inbox", "daily", "weekly", "briefing", "updates", "alerts")
_SAID = ("said", "says", "wrote", "replied", "schrieb", "sagt", "meint", "a écrit", "dit", "escribió", "dice", "disse",
         "escreveu", "scrive", "ha scritto", "zegt", "schreef", "napisał", "napisała")

RULES: tuple[Rule, ...] = (
    # --- time stamps and datelines (tickers are runs of them, found by the context pass) ---
    Rule(
        "time-stamp", "dateline", TIME_LINE, 4, ("11:36", "9:05 am", "21:45 CET", "14.30"),
        leads=(NUMBER,),
    ),
    Rule(
        "date-line", "dateline", DATE_LINE, 10,
        ("4 February", "2025, Tuesday", "Nov. 3, 2019 at 5:02 pm", "Published: 12 March 2021",
         "Montag, 3. Juni 2019", "mis à jour le 4 mars 2020 à 10:30", "Stand: 12.03.2021", "Erstellt am 3. Juni 2019",
         "Publicado el 4 de marzo de 2020", "Pubblicato il 12/03/2021", "Gepubliceerd op 12.03.2021",
         "Opublikowano: 12.03.2021", "Atualizado em 12/03/2021"),
        leads=(NUMBER, *MONTHS, *WEEKDAYS, *_DATE_LEADS, *_DATE_JOINERS),
    ),
    Rule(
        "relative-time", "dateline",
        r"(?i)(?:(?:updated|posted|published)\s+)?(?:\d+\s*(?:s|m|h|d|w|mins?|minutes?|hrs?|hours?|days?|weeks?|months?|years?)|an? (?:minute|hour|day|week|month|year)|yesterday)\s+ago\b(?:\s+at\s+" + _TIME + r")?\W*$|"
        r"vor \d+ (?:minuten|stunden|tagen)$|il y a \d+ (?:minutes?|heures?|jours?)$|hace \d+ (?:minutos?|horas?|días?)$|"
        # The reading time beside the date, in this rule so that a line opening with a number is tried once:
        # "3 min read", "Lesezeit: 4 Min.", "Temps de lecture : 5 min".
        rf"(?:{_words(_phrases(_READING_TIME))})\s*:?\s*(?:ca\.\s*)?\d+\s*(?:min|minuten|minutes|minutos|minuti|minut)\w*\.?\W*$|"
        rf"\d+\s*(?:min|minuten|minutes|minutos|minuti|minut)\w*\.?\s*(?:read|(?:{_words(_phrases(_READING_TIME))}))\W*$",
        8, ("32M ago", "2 days ago at 07:50 am", "Updated 3 hours ago", "an hour ago", "vor 5 Stunden", "3 min read",
            "Lesezeit: 4 Min.", "4 Min. Lesezeit", "Temps de lecture : 5 min", "Tiempo de lectura: 3 minutos",
            "Tempo de leitura: 3 min", "Tempo di lettura: 4 minuti", "Leestijd: 3 minuten", "Czas czytania: 5 min",
            "5 min de lecture", "4 minuti di lettura"),
        leads=(NUMBER, "updated", "posted", "published", "a", "an", "yesterday", "vor", "il", "hace",
               *_firsts(_READING_TIME)),
    ),
    # --- promos and related-story links ---
    Rule(
        "promo-lead", "promo",
        # ... or followed by the site it points into: "Die meistgelesenen Artikel bei SWR.de", "Most read on Example.com".
        rf"(?i)(?:{_PROMO_WORDS})\b(?:\s*[:»>|–-]|\W*$|\s+(?:bei|auf|on|at|sur|en|em|su|op|na|w)\s+\S+$)", 25,
        ("Also Read: Fed holds rates steady as inflation cools", "Read Next:", "Related Articles",
         "You may also like", "Don’t miss",
         "Lesen Sie auch: Die neue Regierung steht", "Mehr zum Thema", "Das könnte Sie auch interessieren",
         "Die meistgelesenen Artikel", "Die meistgelesenen Artikel bei Example.de", "Ähnliche Beiträge", "Neueste Beiträge",
         "À lire aussi", "À lire également : la réforme des retraites adoptée", "Sur le même sujet", "Les plus lus",
         "Lea también: El Congreso aprueba la reforma", "VEA TAMBIÉN: Las claves del presupuesto",
         "Te puede interesar", "Le puede interesar: La inflación baja en marzo", "Noticias relacionadas",
         "Mira: El presidente anuncia nuevas medidas",
         "Leia também: Governo anuncia novo pacote", "Veja também", "Notícias relacionadas",
         "Leggi anche: Il governo approva la manovra", "Potrebbe interessarti", "Articoli correlati",
         "Lees ook: Kabinet presenteert begroting", "Gerelateerde artikelen", "Meest gelezen",
         "Czytaj także: Rząd przyjął projekt budżetu", "ZOBACZ TEŻ: Nowe przepisy od stycznia",
         "Polecamy", "Najczęściej czytane",
         "Читайте также: Новые санкции"),
        leads=_firsts(_PROMO),
    ),
    Rule(
        "cut-teaser", "promo", r".{10,}[^\W\d_](?:\.\.\.|…)$", 40,
        ("Windows 10 1909 is now available via Windows 10 Update Ass...",
         "The minister said on Monday that the new rules would apply from…"),
        ends=("...", "…"),
    ),
    Rule(
        "more-link", "navigation", rf"(?i)(?:{_words(_phrases(_MORE_LINKS))})\b\W*$", 5,
        ("More news", "Load more", "Continue reading »", "Back to top",
         "Zurück zur Übersicht", "Zur Startseite", "Weiterlesen", "Mehr erfahren", "Zum Artikel", "Nach oben",
         "Lire la suite", "Retour en haut", "En savoir plus »", "Ver más", "Seguir leyendo", "Volver arriba",
         "Ver mais", "Saiba mais", "Voltar ao topo", "Leggi tutto", "Continua a leggere", "Torna su",
         "Lees meer", "Lees verder", "Terug naar boven", "Czytaj dalej", "Zobacz więcej", "Wróć na górę"),
        leads=_firsts(_MORE_LINKS),
    ),
    # --- authors ---
    Rule(
        "byline", "byline",
        BYLINE_LEAD + r"[A-ZÀ-ÖØ-ÞĀ-Ž]",
        12, ("By Jane Doe", "By JOHN SMITH and Ann Lee, Associated Press", "Von Moritz Bachmann publiziert am 30. Juli 2018"),
        leads=_BYLINE_LEADS,
    ),
    Rule(
        # Blog platforms' "Posted by" line, in each language (metadata.py reads names after BYLINE_LEAD only).
        "posted-by", "byline",
        r"(?i)(?:posted by|eingestellt von|geschrieben von|verfasst von|publié par|écrit par|publicado por|escrito por"
        r"|postado por|pubblicato da|scritto da|geplaatst door|geschreven door|opublikowane przez|autor wpisu)"
        r"\s*:?\s+(?-i:[A-ZÀ-ÖØ-ÞĀ-Ž])",
        12, ("Posted by Jane Doe", "Eingestellt von Max Muster", "Publié par Marie Dupont", "Publicado por Ana Gómez",
             "Postado por João Silva", "Pubblicato da Marco Rossi", "Geplaatst door Jan de Vries",
             "Opublikowane przez Jan Kowalski"),
        leads=("posted", "eingestellt", "geschrieben", "verfasst", "publié", "écrit", "publicado", "escrito", "postado",
               "pubblicato", "scritto", "geplaatst", "geschreven", "opublikowane", "autor"),
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
        r" (?:at|for|with|of|based|who|covering)\b|"
        # A German bio under the byline leaves out its subject: "Schreibt seit 2008 für die taz."
        r"Schreibt (?:seit|für|über)\b",
        60, ("Jane Doe is a staff writer at the Daily Planet covering science.",
             "Tom Berg has been a reporter for Wired since 2015.",
             "Schreibt seit 2008 für die taz."),
        leads=("schreibt",),
        needles=(" is a", " is the", " was a", " was the", " has been "),
    ),
    Rule(
        "about-author", "author-bio",
        r"(?i)(?:about the authors?|about the writer|über (?:den|die) autor(?:in)?|à propos de l'auteur|sobre el autor|"
        r"author bio|über [A-ZÄÖÜ]\w+ [A-ZÄÖÜ]\w+$|"
        # These open prose too ("Zur Person des Täters ..."): only as a heading of their own.
        r"(?:zum autor|zur autorin|zur person|sobre la autora|sobre o autor|sobre a autora|sull'autore|sull’autore"
        r"|over de auteur)\W*$)",
        6, ("About the author", "Über den Autor", "Zur Person", "À propos de l'auteur", "Sobre el autor",
            "Sobre o autor", "Sull'autore", "Over de auteur"),
        leads=("about", "über", "zum", "zur", "à", "sobre", "sull", "over", "author"),
    ),
    # --- credits and sources ---
    Rule(
        "source-credit", "source-credit",
        r"(?i)(?:source|sources|via|quelle|quellen|fuente|fuentes|fonte|fontes|bron|źródło|источник|джерело)\s*:"
        r"|mit material (?:von|der|aus)\b",
        12, ("Source: Reuters", "Sources: company filings", "Quelle: dpa", "Mit Material von dpa und AFP",
             "Fuente: EFE", "Fonte: Ansa", "Bron: ANP", "Źródło: PAP"),
        leads=("source", "sources", "via", "quelle", "quellen", "fuente", "fuentes", "fonte", "fontes", "bron",
               "źródło", "источник", "джерело", "mit"),
    ),
    Rule(
        # A news agency's signature closing a story, alone on its line: "(dpa)", "aja/PAP", "mbo/dpa/AFP".
        "agency-credit", "source-credit",
        r"(?i)\(?(?:[a-zäöüß]{1,6}\s*[/,]\s*)*(?:dpa|afp|apa|pap|efe|ansa|sda|kna|epd|reuters|kyodo|xinhua)"
        r"(?:\s*[/,]\s*[a-zäöüß]{1,6})*\)?\W*$",
        4, ("(dpa)", "aja/PAP", "mbo/dpa/AFP", "hau/dpa", "(AFP)", "(APA)", "EFE", "Reuters", "(KNA)", "ANSA"),
        # Its lead when it opens with the agency ("(dpa)", "Reuters"); its end when initials come first: every
        # line of a page is checked against every end, so only the commonest three are.
        leads=("dpa", "afp", "apa", "pap", "efe", "ansa", "sda", "kna", "epd", "reuters", "kyodo", "xinhua"),
        ends=("/dpa", "/AFP", "/PAP"),
    ),
    Rule(
        "image-credit", "image-credit",
        r"(?i)(?:image|images|photo|photos|picture|photograph|illustration|graphic|video|foto|fotos|bild|bilder"
        r"|bildquelle|fotoquelle|titelbild|titelfoto|beitragsbild|grafik|photographie|crédit photo|crédits photo"
        r"|imagen|imágenes|fotografía|ilustración|imagem|imagens|fotografia|ilustração|immagine|immagini"
        r"|illustrazione|afbeelding|beeld|zdjęcie|zdjęcia|ilustracja|grafika|kuva|фото)"
        r"(?:\s*(?:credit|credits|source|by|courtesy))?\s*(?::|/|©|by\b)|"
        r"(?:photo|image|picture) credit|\(?(?:photo|image)s?\)?\s*:|(?:symbolbild|symbolfoto)\b|fot\.\s|"
        r"\(?(?:credits?|crédits?|créditos?|credito|bildnachweis|bildrechte)\s*:|"
        # An image's zoom button read before its caption: "Vergrößern Eine kleine runde Aussparung ...".
        r"(?:vergrößern|enlarge|agrandir|ampliar|ingrandisci|vergroten|powiększ)\s|"
        r"(?:foto|photo)\s+(?:de|di|von|van)\s+(?-i:[A-ZÀ-ÖØ-ÞĀ-Ž])|"
        rf".{{0,60}}{_first(_AGENCY_CREDITS)}(?:{'|'.join(_AGENCY_CREDITS)})\W*$",
        14, ("Image: Shutterstock", "Photo credit: NASA/JPL", "Photo by John Doe on Unsplash",
             "A protester in Hong Kong. (AFP/Getty Images)", "Foto: dpa", "Bildquelle: Pixabay", "Symbolbild",
             "Crédit photo : AFP", "Fotografía: EFE", "Foto di Mario Rossi", "Imagem: Reprodução", "Beeld: ANP",
             "Fot. PAP/Leszek Szymański", "Zdjęcie: Shutterstock", "Kuva: Lehtikuva", "(crédito: Ana Souza/Folha)",
             "Credit: Jane Doe/The Times", "Bildnachweis: Stadtarchiv",
             "Vergrößern Die neue Aussparung für die Kamera im Display."),
        leads=("image", "images", "photo", "photos", "picture", "photograph", "illustration", "graphic", "video",
               "foto", "fotos", "bild", "bilder", "bildquelle", "fotoquelle", "titelbild", "titelfoto", "beitragsbild",
               "grafik", "photographie", "crédit", "crédits", "imagen", "imágenes", "fotografía", "ilustración",
               "imagem", "imagens", "fotografia", "ilustração", "immagine", "immagini", "illustrazione", "afbeelding",
               "beeld", "zdjęcie", "zdjęcia", "ilustracja", "grafika", "kuva", "symbolbild", "symbolfoto", "fot", "фото",
               "vergrößern", "enlarge", "agrandir", "ampliar", "ingrandisci", "vergroten", "powiększ", "credit",
               "credits", "crédito", "créditos", "credito", "bildnachweis", "bildrechte"),
        needles=("getty images", "shutterstock", "istock", "afp photo", "ap photo", "reuters/", "epa-efe", "dpa/",
                 "imago"),
    ),
    # --- footers ---
    Rule(
        # A figure's caption written out: "Abbildung 4: ...", "Fig. 2. ...", "Grafik: ..." (a <figcaption> is
        # pruned by its tag; pages that caption with a paragraph, and text renders, say it in words).
        "figure-caption", "caption",
        r"(?i)(?:abbildung|abb\.|figure|fig\.|grafik|graphique|gráfico|grafico|figura|rysunek|rys\.|afbeelding)"
        r"\s*\d+[a-z]?\s*[:.–-]\s|(?:abbildung|grafik|graphique|gráfico|grafico|figura|afbeelding)\s*:",
        60, ("Abbildung 4: Die grösste Lawine dieser Berichtsperiode, am 3. März.", "Abbildung: Vergleich der Messungen",
             "Abb. 2: Verlauf der Temperatur seit 1900", "Figure 3: Sales by region, 2019-2023.",
             "Fig. 1. The device under test.", "Grafik: Die Entwicklung der Mieten", "Graphique : évolution du chômage",
             "Gráfico 2: Evolución de los precios", "Figura 1: Mappa della regione", "Rys. 3. Schemat układu",
             "Afbeelding 2: De nieuwe brug"),
        leads=("abbildung", "abb", "figure", "fig", "grafik", "graphique", "gráfico", "grafico", "figura", "rysunek",
               "rys", "afbeelding"),
    ),
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
        r"(?i)(?:©|\(c\)\s*\d{4}|copyright\b|copr\.|urheberrechtlich geschützt|materiał chroniony prawem autorskim)"
        # A caption closing with the holder of its rights: "Cyber-Attacken nehmen zu. – © Sergey Nivens – stock.adobe.com"
        # (the "©" within the 120 characters the needle is looked for in).
        r"|(?!copyright|\(c\)).{1,110}?\s©\s*[^©!?]{1,60}$"
        rf"|.{{0,80}}{_first(_RESERVED)}(?:{'|'.join(_RESERVED)})",
        40, ("© 2024 Example Media. All rights reserved.", "Copyright 2019 The Gazette",
             "(c) 2021 Foo Corp", "Alle Rechte vorbehalten.", "2024 Beispiel GmbH. Alle Rechte vorbehalten.",
             "Tous droits réservés", "Todos los derechos reservados", "Todos os direitos reservados.",
             "Tutti i diritti riservati", "Alle rechten voorbehouden.", "Wszelkie prawa zastrzeżone.",
             "Materiał chroniony prawem autorskim - zasady przedruków określa regulamin.",
             "Cyber-Attacken nehmen weiter zu. – © Sergey Nivens – stock.adobe.com"),
        leads=("c", "copyright", "copr", "urheberrechtlich", "materiał"),
        # One search per wording: "s reserv" finds "rights reserved", "derechos reservados" and "direitos reservados".
        needles=("©", "s reserv", "s réserv", "i riservat", "e vorbehalt", "n voorbehoud", "a zastrzeż", "защищены"),
    ),
    # --- tags, navigation, sharing, ads ---
    Rule(
        "tag-list", "navigation",
        r"(?i)(?:tags?|tagged(?: with)?|topics?|filed under|categories|category|keywords|schlagwörter|stichwörter"
        r"|schlagworte|stichworte|themen|kategorie|kategorien|rubrik|rubriken|étiquettes|mots-clés|mots clés"
        r"|catégorie|catégories|rubrique|rubriques|etiquetas|temas|palabras clave|categoría|categorías|categoria"
        r"|categorias|palavras-chave|assuntos|tópicos|argomenti|parole chiave|categorie|trefwoorden|onderwerpen"
        r"|categorieën|tagi|tematy|słowa kluczowe|kategoria|markiert mit|getaggt mit|теги|тэги)(?:\s*:|\W*$)", 30,
        ("Tags:", "Topics: Economy, Elections", "Filed under: Politics", "Schlagwörter: Bahn, Streik",
         "Kategorie: Allgemein", "Mots-clés : retraites, grève", "Catégories : Politique", "Etiquetas: economía",
         "Palavras-chave: economia", "Argomenti: politica", "Trefwoorden: politiek", "Tagi: polityka, wybory",
         "Kategoria: Wiadomości", "Themen", "MARKIERT MIT"),
        leads=("tag", "tags", "tagged", "topic", "topics", "filed", "categories", "category", "keywords",
               "schlagwörter", "stichwörter", "schlagworte", "stichworte", "themen", "kategorie", "kategorien",
               "rubrik", "rubriken", "étiquettes", "mots", "catégorie", "catégories", "rubrique", "rubriques",
               "etiquetas", "temas", "palabras", "categoría", "categorías", "categoria", "categorias", "palavras",
               "assuntos", "tópicos", "argomenti", "parole", "categorie", "trefwoorden", "onderwerpen", "categorieën",
               "tagi", "tematy", "słowa", "kategoria", "markiert", "getaggt", "теги", "тэги"),
    ),
    Rule(
        "filed-in", "navigation", rf"(?i)(?:{_words(_phrases(_FILED_IN))})\b", 40,
        ("This entry was posted in News and tagged economy. Bookmark the permalink.",
         "Dieser Eintrag wurde veröffentlicht in Allgemein und verschlagwortet mit Berlin von Max. Permanentlink.",
         "Abgelegt unter: Politik", "Ce contenu a été publié dans Actualités, avec comme mot(s)-clé(s) retraites.",
         "Esta entrada fue publicada en Noticias.", "Esta entrada foi publicada em Notícias.",
         "Questa voce è stata pubblicata in Notizie.", "Dit bericht werd geplaatst in Nieuws.",
         "Ten wpis został opublikowany w kategorii Aktualności."),
        leads=_firsts(_FILED_IN),
    ),
    Rule(
        "breadcrumb", "navigation",
        rf"(?i)(?:{_words(_phrases(_YOU_ARE_HERE))})\s*:|(?:{_words(_phrases(_HOME))})\s*(?:[>»›/|→]|::)", 25,
        ("You are here: Home / News", "Sie sind hier: Startseite", "Startseite > Politik > Ausland",
         "Home » News » Local", "Vous êtes ici : Accueil", "Inicio / Noticias", "Usted está aquí: Inicio",
         "Você está aqui: Início", "Sei qui: Home", "U bent hier: Home", "Jesteś tutaj: Strona główna",
         "Strona główna » Wiadomości", "Accueil > Actualités"),
        leads=_firsts(_YOU_ARE_HERE, _HOME),
    ),
    Rule(
        "share", "share", rf"(?i)(?:{_SHARE_WORDS})(?:[\W_]+{_first(_phrases(_SHARE))}(?:{_SHARE_WORDS}))*\W*$", 8,
        ("Share", "Share this article", "Facebook", "Copy link", "Facebook Twitter WhatsApp E-Mail",
         "Teilen", "Artikel teilen", "Drucken", "Per E-Mail versenden", "Partager", "Imprimer", "Compartir",
         "Imprimir", "Compartilhar", "Partilhar", "Condividi", "Stampa", "Delen", "Afdrukken", "Udostępnij",
         "Drukuj"),
        leads=_firsts(_SHARE),
    ),
    Rule(
        "follow", "share",
        rf"(?i)(?:{_words(_phrases(_FOLLOW))})\b|follow\b.{{1,40}}?\bon (?:twitter|facebook|instagram|linkedin|tiktok|youtube|threads|bluesky)\b", 20,
        ("Follow us on Twitter and Facebook", "Follow him on Twitter @jdoe", "Follow The Daily Star on Instagram @dailystar", "Folgen Sie uns auf Instagram",
         "Suivez-nous sur Facebook", "Síguenos en Twitter", "Siguenos en Telegram, Instagram y Facebook",
         "Siga-nos no Instagram", "Seguici su Facebook", "Volg ons op Twitter", "Obserwuj nas na Facebooku"),
        leads=_firsts(_FOLLOW),
    ),
    Rule(
        "newsletter", "newsletter",
        rf"(?i)(?:sign up|subscribe|register|join)\b.{{0,60}}\b{_first(_NEWSLETTER_WORDS)}(?:{'|'.join(_NEWSLETTER_WORDS)})|"
        rf"(?:get|receive) (?:the|our) .{{0,40}}{_first(('newsletter', 'in your inbox'))}(?:newsletter|in your inbox)|"
        r"subscribe(?: now| today)?(?:\W*$| (?:to|for)\b)|"
        r"abonnieren|s'abonner|suscríbete|"
        rf"(?:{_words(_phrases(_SUBSCRIBE))})\b.{{0,60}}?{_first(_phrases(_NEWSLETTER))}(?:{_words(_phrases(_NEWSLETTER))})|"
        rf"(?:{_words(_phrases(_NEWSLETTER_NAMES))})\b(?:\W*$|[\s:–-]+(?:{_words(_phrases(_NEWSLETTER_VERBS))})\b)",
        30, ("Sign up for our daily newsletter", "Get the best of the week in your inbox.", "Subscribe now",
             "Newsletter", "Never miss the latest news by signing up to our newsletter today!",
             "Subscribe now to our digital edition for the full story.",
             "Newsletter abonnieren", "Jetzt zum Newsletter anmelden", "Melden Sie sich für unseren Newsletter an",
             "Ja, ich möchte den wöchentlichen Newsletter bekommen.",
             "Abonnez-vous à notre newsletter", "Inscrivez-vous à notre infolettre",
             "Suscríbete a nuestro boletín", "Recibe nuestro newsletter", "Assine a nossa newsletter",
             "Cadastre-se e receba nosso boletim", "Iscriviti alla newsletter", "Schrijf je in voor de nieuwsbrief",
             "Nieuwsbrief", "Zapisz się do newslettera"),
        leads=("sign", "subscribe", "register", "join", *_firsts(_SUBSCRIBE, _NEWSLETTER_NAMES)),
    ),
    Rule(
        # Paywalls, membership appeals and push-notification prompts: one trie, tried once per line.
        "subscriber-prompt", "newsletter",
        rf"(?i)¿?(?:{_words(_phrases(_PAYWALL) + _phrases(_SUPPORT_APPEALS) + _phrases(_PUSH_PROMPTS))})\b", 40,
        ("To view the full story, please subscribe.", "Already a subscriber? Log in",
         "Bereits Abonnent? Hier anmelden", "Jetzt weiterlesen mit Plus", "Dieser Artikel ist nur für Abonnenten",
         "Möchten Sie weiterlesen?", "Pour accéder en illimité à tous nos articles",
         "Pour lire la suite, abonnez-vous", "Article réservé aux abonnés", "Déjà abonné ? Se connecter",
         "Contenido exclusivo para suscriptores", "¿Ya eres suscriptor? Inicia sesión",
         "Conteúdo exclusivo para assinantes", "Já é assinante? Faça login",
         "Contenuto riservato agli abbonati", "Sei già abbonato? Accedi",
         "Alleen voor abonnees", "Ben je al abonnee? Log in", "Masz już subskrypcję? Zaloguj się",
         "Support our journalism", "Become a member",
         "Unterstützen Sie unabhängigen Journalismus", "Jetzt unterstützen", "Werden Sie Mitglied",
         "Soutenez-nous", "Faites un don", "Hazte miembro y disfruta de beneficios exclusivos", "Apóyanos",
         "Apoie o jornalismo independente", "Sostienici", "Steun onze journalistiek", "Wesprzyj nas",
         "Allow notifications", "Benachrichtigungen aktivieren",
         "Activer les notifications", "Activar notificaciones", "Ativar notificações", "Attiva le notifiche",
         "Meldingen aanzetten", "Włącz powiadomienia"),
        leads=_firsts(_PAYWALL, _SUPPORT_APPEALS, _PUSH_PROMPTS),
    ),
    Rule(
        "advertisement", "ad",
        rf"(?i)\W*(?:{_words(_phrases(_ADVERTS))}|sponsored by .*)\W*$", 6,
        ("Advertisement", "ADVERTISEMENT", "Sponsored by Acme", "Anzeige", "- Anzeige -", "Werbung", "Publicité",
         "Publicidad", "Contenido patrocinado", "Publicidade", "Pubblicità", "Advertentie", "Reklama",
         "Materiał sponsorowany"),
        leads=_firsts(_ADVERTS),
    ),
    Rule(
        "ad-break", "ad", rf"(?i)(?:{_words(_phrases(_AD_BREAKS))})\W*$", 12,
        ("Story continues below advertisement", "Article continues below",
         "Weiterlesen nach der Anzeige", "Der Artikel wird nach der Anzeige fortgesetzt",
         "La suite après cette publicité", "La nota continúa abajo", "Continua após a publicidade",
         "Continua a leggere dopo la pubblicità", "Lees verder na de advertentie",
         "Dalsza część artykułu pod reklamą"),
        leads=_firsts(_AD_BREAKS),
    ),
    Rule(
        # The disclosure may follow the ad label it explains: "*Werbung. Dieser Beitrag enthält Werbung für ...".
        "disclosure", "ad",
        rf"(?i)\W*(?:(?:werbung|anzeige|advertisement|publicité|publicidad|pubblicità|reklama)\s*[.:|–-]\s*)?"
        rf"(?:{_words(_phrases(_DISCLOSURES))})", 60,
        ("This post contains affiliate links. We may earn a commission if you buy through them.",
         "As an Amazon Associate I earn from qualifying purchases.",
         "Dieser Artikel enthält Affiliate-Links.", "*Affiliate-Link", "Transparenzhinweis: Dieser Beitrag enthält Werbung.",
         "Cet article contient des liens affiliés.", "Este artículo contiene enlaces de afiliados.",
         "Este artigo contém links de afiliados.", "Questo articolo contiene link di affiliazione.",
         "Dit artikel bevat affiliate links.", "Artykuł zawiera linki afiliacyjne.",
         "*Werbung. Dieser Beitrag enthält Werbung für eine Modemarke.",
         "Advertisement: This article contains affiliate links."),
        leads=(*_firsts(_DISCLOSURES), "werbung", "anzeige", "advertisement", "publicité", "publicidad", "pubblicità",
               "reklama"),
    ),
    Rule(
        "feedback", "feedback", rf"(?i)¿?(?:{_words(_phrases(_FEEDBACK))})\b", 12,
        ("Was this article helpful?", "War der Artikel nützlich?", "Hat Ihnen dieser Artikel gefallen?",
         "Cet article vous a-t-il été utile ?", "¿Te ha sido útil este artículo?", "Este artigo foi útil?",
         "Questo articolo ti è stato utile?", "Was dit artikel nuttig?", "Czy ten artykuł był pomocny?"),
        leads=_firsts(_FEEDBACK),
    ),
    Rule(
        "comments", "comments",
        rf"(?i)(?:\d+\s+)?{_first(_phrases(_COMMENT_NOUNS))}(?:{_words(_phrases(_COMMENT_NOUNS))})(?:\s*\(\d+\))?\W*$|"
        r"(?:leave|post|add|write|show|view|read) (?:a |the |all )?(?:\d+ )?(?:comments?|reply|responses?)\b|"
        rf"{_first(_phrases(_COMMENT_CALLS))}(?:{_words(_phrases(_COMMENT_CALLS))})\b",
        8, ("12 Comments", "Leave a comment", "Join the conversation", "Kommentare", "Kommentare (3)",
            "Schreibe einen Kommentar", "Jetzt kommentieren", "12 commentaires", "Laisser un commentaire",
            "Deja un comentario", "3 comentarios", "Deixe um comentário", "Lascia un commento", "5 commenti",
            "Laat een reactie achter", "Reacties", "Dodaj komentarz", "Komentarze (12)"),
        leads=tuple(sorted({NUMBER, *_firsts(_COMMENT_NOUNS, _COMMENT_CALLS), "leave", "post", "add", "write", "show",
                            "view", "read"})),
    ),
    Rule(
        "thread-heading", "comments",
        rf"(?i)(?:\d+|{'|'.join(_ONE)})\s+{_first(_phrases(_THREAD_HEADS))}(?:{_words(_phrases(_THREAD_HEADS))})\s*[\"“„«‘‚”]", 20,
        ("11 responses to “The Loneliest Woman in the World”", "One thought on “Hello world!”",
         "3 Gedanken zu „Hallo Welt!“", "2 réflexions sur « Bonjour tout le monde ! »",
         "4 comentarios en «Hola mundo»", "5 pensieri su “Ciao mondo!”", "2 reacties op “Hallo wereld”",
         "3 comentários em “Olá mundo”", "6 komentarzy do “Witaj, świecie!”"),
        leads=(NUMBER, *_ONE),
    ),
    Rule(
        "comment-form", "comments", rf"(?i)(?:{_words(_phrases(_COMMENT_FORM))})\b", 40,
        ("Your email address will not be published. Required fields are marked *",
         "Save my name, email, and website in this browser for the next time I comment.",
         "Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert.",
         "Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec *",
         "Tu dirección de correo electrónico no será publicada.",
         "Seu endereço de e-mail não será publicado.", "Il tuo indirizzo email non sarà pubblicato.",
         "Je e-mailadres wordt niet gepubliceerd.", "Twój adres e-mail nie zostanie opublikowany."),
        leads=_firsts(_COMMENT_FORM),
    ),
    Rule(
        "comment-meta", "comments",
        rf"(?i).{{1,80}}\b{_first(_SAID)}(?:{'|'.join(_SAID)})\s*:$|"
        r"(?:rating|score|votes?|likes?|points?)\s*:?\s*[+-]?\d+(?:\s+(?:votes?|likes?|points?))?$|"
        r"(?:reply|report|like|upvote|downvote|flag|permalink|antworten|antwort|melden|répondre|signaler|responder"
        r"|denunciar|rispondi|segnala|beantwoorden|odpowiedz|zgłoś)(?:\s*[|·]\s*\w+)*\W*$",
        16, ("Jane on March 3, 2019 at 4:47 pm said:", "Rating: 25 Votes", "Reply", "Reply | Report", "Tom wrote:",
             "Anna schrieb:", "Antworten", "Répondre", "Responder", "Rispondi", "Beantwoorden", "Odpowiedz"),
        leads=("rating", "score", "vote", "votes", "like", "likes", "point", "points", "reply", "report", "upvote",
               "downvote", "flag", "permalink", "antworten", "antwort", "melden", "répondre", "signaler", "responder",
               "denunciar", "rispondi", "segnala", "beantwoorden", "odpowiedz", "zgłoś"),
        ends=(":",),
    ),
    Rule(
        "cookies", "cookies",
        rf"(?i).{{0,40}}\b{_first(_phrases(_COOKIE_SAYS))}(?:{_words(_phrases(_COOKIE_SAYS))})|"
        rf"(?=.{{0,120}}?cookie).{{0,240}}?\b{_first(_phrases(_COOKIE_CONTEXT))}(?:{_words(_phrases(_COOKIE_CONTEXT))})",
        150,
        ("We use cookies to improve your experience.", "This website uses cookies.", "Accept all cookies",
         "Diese Website verwendet Cookies, um Ihnen das beste Erlebnis zu bieten.", "Wir nutzen Cookies.",
         "Ce site utilise des cookies pour améliorer votre expérience.", "Este sitio web utiliza cookies.",
         "Este site usa cookies para melhorar a sua experiência.", "Questo sito utilizza cookie tecnici.",
         "Deze website maakt gebruik van cookies.", "Ta strona używa plików cookie.",
         "Notwendige Cookies sind für das Funktionieren der Website unbedingt erforderlich.",
         "Statistische Cookies helfen uns zu verstehen, wie Besucher mit der Webseite interagieren.",
         "Necessary cookies are absolutely essential for the website to function properly.",
         "Des cookies sont déposés sur votre terminal pour mesurer l'audience du site.",
         "Utilizamos cookies propias y de terceros para analizar la navegación."),
        needles=("cookie",),
    ),
    Rule(
        "consent-button", "cookies", rf"(?i)(?:{_words(_phrases(_CONSENT_BUTTONS))})\W*$", 4,
        ("Accept all", "Got it", "Alle akzeptieren", "Ablehnen", "Tout accepter", "Aceptar", "Aceitar",
         "Accetta", "Akkoord", "Akceptuję"),
        leads=_firsts(_CONSENT_BUTTONS),
    ),
    Rule(
        "embed-consent", "cookies", rf"(?i)(?:{_words(_phrases(_EMBED_CONSENT))})\b", 60,
        ("Klicken Sie auf den unteren Button, um den Inhalt von www.example.com zu laden.", "Externer Inhalt",
         "Empfohlener redaktioneller Inhalt", "Inhalt laden", "Click the button below to load the content.",
         "Contenu externe", "Contenido externo", "Contenuto esterno", "Externe inhoud", "Treść zewnętrzna"),
        leads=_firsts(_EMBED_CONSENT),
    ),
    Rule(
        "form-consent", "cookies", rf"(?i)(?:{_words(_phrases(_FORM_CONSENT))})\b", 100,
        (
         "Ich bin mit der Verarbeitung meiner Daten nach Datenschutzerklärung einverstanden.",
         "Mit dem Absenden des Formulars akzeptieren Sie unsere Datenschutzerklärung.",
         "J'accepte les conditions générales d'utilisation", "Acepto la política de privacidad",
         "Li e aceito a política de privacidade", "Ho letto e accetto l'informativa sulla privacy",
         "Ik ga akkoord met de privacyverklaring",
         "Wyrażam zgodę na przetwarzanie moich danych osobowych w celach marketingowych."),
        leads=_firsts(_FORM_CONSENT),
    ),
    Rule(
        "account-form", "form",
        rf"(?i)¿?(?:{_words(_phrases(_ACCOUNT_MESSAGES))})\b|(?:{_words(_phrases(_ACCOUNT_FIELDS))})\W*$", 30,
        ("Forgot your password?", "Passwort vergessen?", "Das Passwort muss mindestens 8 Zeichen lang sein.",
         "Bitte fülle alle Pflichtfelder mit * aus.", "Benutzername", "Mot de passe oublié ?",
         "¿Olvidaste tu contraseña?", "Esqueceu sua senha?", "Password dimenticata?", "Wachtwoord vergeten?",
         "Nie pamiętasz hasła?", "Pflichtfelder *"),
        leads=_firsts(_ACCOUNT_MESSAGES, _ACCOUNT_FIELDS),
    ),
    Rule(
        "browser-notice", "browser-notice", rf"(?i)(?:{_words(_phrases(_BROWSER_NOTICES))})\b", 40,
        ("Please enable JavaScript to use this site.", "Bitte aktivieren Sie JavaScript in Ihrem Browser.",
         "Ihr Browser ist veraltet.", "Veuillez activer JavaScript", "Tu navegador no es compatible.",
         "Ative o JavaScript", "Il tuo browser non è aggiornato", "Schakel JavaScript in", "Włącz JavaScript"),
        leads=_firsts(_BROWSER_NOTICES),
    ),
    Rule(
        "legal-links", "navigation",
        # (A line opening with one of _LEGAL is taken by the first alternative, whatever follows it.)
        rf"(?i)(?:{_words(_phrases(_LEGAL))})\b|(?:{_SITE_LINK_FIRST})(?:[\s|·•/,–-]+(?:{_SITE_LINK_WORDS}))*\W*$",
        8, ("Privacy Policy", "Terms of Use | Privacy Policy", "About Us", "Impressum", "Kontakt | Impressum",
            "Datenschutzerklärung", "Mentions légales", "Contact", "Aviso legal", "Política de privacidad",
            "Política de privacidade", "Chi siamo", "Contatti | Privacy", "Algemene voorwaarden", "Over ons",
            "Polityka prywatności", "Regulamin"),
        leads=_firsts(_LEGAL, _SITE_LINKS),
    ),
    Rule(
        "search-box", "navigation", rf"(?i)¿?(?:{_words(_phrases(_SEARCH_PROMPTS))})\b", 10,
        ("Suchbegriff eingeben", "Rechercher sur le site", "¿Qué estás buscando?",
         "Pesquisar no site", "Cerca nel sito", "Waar ben je naar op zoek?", "Szukaj w serwisie"),
        leads=_firsts(_SEARCH_PROMPTS),
    ),
    Rule(
        "login", "navigation", rf"(?i)(?:{_words(_phrases(_BUTTONS))})\W*$", 3,
        ("Log in", "Sign In", "Menu", "Search", "Anmelden", "Suche", "Startseite", "Connexion", "Rechercher",
         "Iniciar sesión", "Buscar", "Entrar", "Pesquisar", "Accedi", "Cerca", "Inloggen", "Zoeken", "Zaloguj się",
         "Szukaj"),
        leads=_firsts(_BUTTONS),
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
    # (`SOFT_HINTS`), so that `classify.mark_lead` can tell the two apart.
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
    "feedback": "a prompt asking the reader to rate or react to the article ('Was this helpful?')",
    "browser-notice": "a notice about the reader's browser (switch JavaScript on, update the browser)",
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
    "lead": "the lead paragraph between the headline and the article (on a page, before that element): body",
    "not-a-headline": "a paragraph the text classifier took for the headline: on a page, body",
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
# Each pattern's bound `match`: the scan's inner loop calls it for every block a trigger picked.
_MATCH = tuple(pattern.match for pattern in _COMPILED)
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
    k = kernels.ctext
    if k is not None and (compiled := k.match_blocks(texts, heads, n_words)) is not None:
        return compiled  # None: a case the kernel leaves to this code (a line break in a lead, not lists)
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
        text = texts[i]
        for number in numbers:
            if words_i <= _LIMITS[number] and _MATCH[number](text):
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
