"""Grammar around a term: the words touching a rendering must agree with it.

Putting «Ley César» where an engine wrote "Caesar Ley" is not enough: the article the engine chose for
its own words stays ("del Caesar Ley" → "del Ley César", wrong; "de la Ley César", right).  The glossary
says what a rendering needs (columns ``<lang>_gender``, ``<lang>_number``, ``<lang>_article``); this
module makes the determiner in front of a term agree, per language, and for Arabic glues a rendering to
the clitics the engine put on its own word (و ف ب ك ل, ل + ال → لل, never a doubled ال).

Languages with article tables: es, fr, pt, ca (:data:`DETERMINERS`).  Others are left as they are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from l10n.glossary.model import Term, lang_key

__all__ = [
    "Grammar",
    "DETERMINERS",
    "grammar_for",
    "agree",
    "pluralize",
    "arabic_attach",
    "arabic_split_clitics",
]


@dataclass(frozen=True)
class Grammar:
    """How one rendering sits in a sentence: gender (m/f/None), number (sg/pl), article (True/False/None)."""

    gender: str | None = None
    number: str = "sg"
    article: bool | None = None  # None: either is fine (abbreviations: "SANA", "la AFP")


def _base(lang: str) -> str:
    return lang_key(lang).split("_", 1)[0]


def _is_abbreviation(rendering: str) -> bool:
    core = rendering.replace(".", "").replace(" ", "")
    return core.isupper() and len(core) <= 6


def grammar_for(term: Term, lang: str, rendering: str, *, plural: bool = False) -> Grammar:
    """The grammar of *rendering* (one of *term*'s) in *lang*; *plural* when the source was plural."""
    values = term.grammar_of(lang)
    article: bool | None
    if _is_abbreviation(rendering):
        article = None
    elif "article" in values:
        article = values["article"] == "yes"
    else:
        article = term.type not in ("place", "person")
    number = "pl" if plural else values.get("number", "sg")
    return Grammar(values.get("gender"), number, article)


# (preposition, kind, gender, number) -> surface; kind "def" | "indef"; gender "*" for either.
_Key = tuple[str, str, str, str]
#: The articles, one row per language, preposition ("-": none) and kind, then the forms for masculine
#: singular | feminine singular | masculine plural | feminine plural; a row stops where the language has
#: no more forms (ca, fr: no indefinite plural here).  Rows keep their order: the first reading of an
#: ambiguous form wins (:func:`_surface_table`).
_ARTICLES = """
es  -   def    | el   | la    | los    | las
es  de  def    | del  | de la | de los | de las
es  a   def    | al   | a la  | a los  | a las
es  -   indef  | un   | una   | unos   | unas
pt  -   def    | o    | a     | os     | as
pt  de  def    | do   | da    | dos    | das
pt  em  def    | no   | na    | nos    | nas
pt  a   def    | ao   | à     | aos    | às
pt  -   indef  | um   | uma   | uns    | umas
ca  -   def    | el   | la    | els    | les
ca  de  def    | del  | de la | dels   | de les
ca  a   def    | al   | a la  | als    | a les
ca  -   indef  | un   | una
fr  -   def    | le   | la    | les    | les
fr  de  def    | du   | de la | des    | des
fr  à   def    | au   | à la  | aux    | aux
fr  -   indef  | un   | une
"""
_SLOTS = (("m", "sg"), ("f", "sg"), ("m", "pl"), ("f", "pl"))


def _determiners(table: str) -> dict[str, dict[_Key, str]]:
    """:data:`_ARTICLES` as language -> (preposition, kind, gender, number) -> form."""
    out: dict[str, dict[_Key, str]] = {}
    for row in table.strip().splitlines():
        head, *forms = row.split("|")
        lang, prep, kind = head.split()
        prep = "" if prep == "-" else prep
        for (gender, number), form in zip(_SLOTS, forms):
            out.setdefault(lang, {})[(prep, kind, gender, number)] = form.strip()
    return out


#: French elided singular forms before a vowel or mute h.
_FR_ELIDED = {"": "l'", "de": "de l'", "à": "à l'"}

#: Preposition + article written apart where the language contracts them ("de el" → "del").
_UNCONTRACTED = {
    "es": {"de el": ("de", "def"), "a el": ("a", "def")},
    "fr": {"de le": ("de", "def"), "à le": ("à", "def"), "de les": ("de", "def"), "à les": ("à", "def")},
    "pt": {"de o": ("de", "def"), "de a": ("de", "def"), "em o": ("em", "def"), "em a": ("em", "def")},
    "ca": {"de el": ("de", "def"), "a el": ("a", "def")},
}
DETERMINERS: dict[str, dict[_Key, str]] = _determiners(_ARTICLES)


def _surface_table(lang: str) -> dict[str, tuple[str, str]]:
    """surface (lower case) -> (preposition, kind); ambiguous surfaces keep their first reading."""
    table: dict[str, tuple[str, str]] = {}
    for (prep, kind, _g, _n), surface in DETERMINERS[lang].items():
        table.setdefault(surface, (prep, kind))
    for surface, reading in _UNCONTRACTED.get(lang, {}).items():
        table.setdefault(surface, reading)
    if lang == "fr":
        for prep, surface in _FR_ELIDED.items():
            table.setdefault(surface, (prep, "def"))
            table.setdefault(surface.replace("'", "’"), (prep, "def"))
    return table


_BEFORE: dict[str, re.Pattern[str]] = {}


def _before(lang: str) -> re.Pattern[str]:
    """A determiner (maybe with its preposition) right before the end of the text."""
    pattern = _BEFORE.get(lang)
    if pattern is None:
        surfaces = sorted(_surface_table(lang), key=len, reverse=True)
        alts = "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in surfaces)
        # Markdown that opens a span may stand between them: "El [coalición …](…)", "la **Ley César**"
        pattern = re.compile(
            rf"(?<![\w'’])(?P<det>{alts})(?P<space>(?<=['’])|\s+)(?P<markup>[\[*_]*)$", re.IGNORECASE
        )
        _BEFORE[lang] = pattern
    return pattern


_VOWEL_START = re.compile(r"^[aeiouyhàâéèêëîïôûùAEIOUYHÀÂÉÈÊËÎÏÔÛÙ]")


def _wanted(lang: str, prep: str, kind: str, grammar: Grammar, rendering: str) -> str | None:
    """The determiner *rendering* needs in place of one with *prep*/*kind*; "" for none; None: unknown."""
    if grammar.article is False and kind == "def":
        return prep
    if grammar.article is None and kind == "def" and grammar.gender is None:
        return None
    if grammar.gender is None:
        return None
    if lang == "fr" and kind == "def" and grammar.number == "sg" and _VOWEL_START.match(rendering):
        return _FR_ELIDED.get(prep)
    return DETERMINERS[lang].get((prep, kind, grammar.gender, grammar.number))


def _same_case(new: str, old: str) -> str:
    if old[:1].isupper() and new:
        return new[0].upper() + new[1:]
    return new


def agree(text: str, terms: Iterable[tuple[int, str, Grammar]], lang: str) -> str:
    """Make the determiner before each term agree with it.

    *terms* gives, per occurrence, where its rendering starts in *text*, the rendering and its
    :class:`Grammar`.  Only a determiner directly before the term is touched: ``el``/``la``/``del``/
    ``de la``/``al``/``a la``/``un``/``una`` (es; likewise fr, pt, ca).  A name that takes no article
    loses the engine's (``del Palmira`` → ``de Palmira``); a term that takes one gets it after a bare
    preposition (``sanciones de Ley César`` → ``sanciones de la Ley César``).

    >>> from l10n.glossary.grammar import Grammar, agree
    >>> agree("La derogación del Ley César.", [(18, "Ley César", Grammar("f", "sg", True))], "es")
    'La derogación de la Ley César.'
    """
    base = _base(lang)
    if base not in DETERMINERS:
        return text
    table = _surface_table(base)
    for start, rendering, grammar in sorted(terms, key=lambda t: -t[0]):
        m = _before(base).search(text, 0, start)
        if m is not None and m.group("markup"):
            start -= len(m.group("markup"))
        if m is None:
            text = _add_article(text, start, rendering, grammar, base)
            continue
        det = m.group("det")
        prep, kind = table[" ".join(det.lower().replace("’", "'").split())]
        wanted = _wanted(base, prep, kind, grammar, rendering)
        if wanted is None or wanted == " ".join(det.lower().split()):
            continue
        if wanted.endswith("'"):
            replacement = _same_case(wanted, det)
        elif wanted:
            replacement = _same_case(wanted, det) + " "
        else:
            replacement = ""
        if replacement:
            text = text[: m.start()] + replacement + text[start:]
        else:  # "El Palmira" -> "Palmira": the term takes over the article's capital
            head = text[start : start + 1]
            head = head.upper() if det[:1].isupper() else head
            text = text[: m.start()] + head + text[start + 1 :]
    return text


#: Prepositions after which a term that takes the article gets it ("sanciones de la Ley César",
#: "contra el Estado Islámico"); the first ones contract with it.
_PREPOSITIONS = {
    "es": (
        "de",
        "a",
        "en",
        "con",
        "por",
        "para",
        "contra",
        "sobre",
        "entre",
        "desde",
        "hacia",
        "según",
        "tras",
    ),
    "pt": ("de", "em", "a", "com", "por", "para", "contra", "sobre", "entre", "desde"),
    "ca": ("de", "a", "en", "amb", "per", "contra", "sobre", "entre", "des de"),
    "fr": ("de", "à", "avec", "par", "pour", "contre", "sur", "entre", "dans", "sans", "selon", "vers"),
}
_BARE: dict[str, re.Pattern[str]] = {}


def _add_article(text: str, start: int, rendering: str, grammar: Grammar, lang: str) -> str:
    """Insert the article a term needs after a bare preposition: "de Ley César" → "de la Ley César"."""
    if grammar.article is not True or grammar.gender is None or lang not in _PREPOSITIONS:
        return text
    pattern = _BARE.get(lang)
    if pattern is None:
        alts = "|".join(re.escape(p) for p in sorted(_PREPOSITIONS[lang], key=len, reverse=True))
        pattern = _BARE[lang] = re.compile(
            rf"(?<![\w'’])(?P<prep>{alts})\s+(?P<markup>[\[*_]*)$", re.IGNORECASE
        )
    m = pattern.search(text, 0, start)
    if m is None:
        return text
    prep = m.group("prep")
    low = prep.lower()
    contracting = {p for (p, kind, _g, _n) in DETERMINERS[lang] if p and kind == "def"}
    if low in contracting:
        wanted = _wanted(lang, low, "def", grammar, rendering)
        if not wanted:
            return text
        joined = wanted if wanted.endswith("'") else wanted + " "
        return text[: m.start()] + _same_case(joined, prep) + text[m.start("markup") :]
    article = _wanted(lang, "", "def", grammar, rendering)
    if not article:
        return text
    joined = article if article.endswith("'") else article + " "
    return text[: m.start("markup")] + joined + text[m.start("markup") :]


# --------------------------------------------------------------------------- plurals

_ES_ACCENT = str.maketrans("áéíóú", "aeiou")
_FUNCTION = frozenset(
    [
        "de",
        "del",
        "la",
        "el",
        "las",
        "los",
        "di",
        "da",
        "do",
        "das",
        "dos",
        "du",
        "des",
        "le",
        "les",
        "et",
        "y",
        "e",
        "and",
        "of",
    ]
)


def _plural_word(word: str, base: str) -> str:
    if not word or not word[-1].isalpha():
        return word
    low = word.lower()
    if base in ("es", "ca", "pt"):
        if low[-1] in "aeiouáéó":
            return word + "s"
        if low.endswith("z"):
            return word[:-1] + "ces"
        if base == "es" and low[-2:] in ("ón", "án", "én", "ín", "ún", "és"):
            return word[:-2] + word[-2].translate(_ES_ACCENT) + word[-1] + "es"
        if base == "pt" and low.endswith("ão"):
            return word[:-2] + "ões"
        return word + ("es" if base == "es" else "s")
    if base == "fr":
        if low[-1] in "sxz":
            return word
        if low.endswith("al"):
            return word[:-2] + "aux"
        return word + "s"
    return word


def pluralize(rendering: str, lang: str) -> str:
    """A plural of *rendering*: the noun and the words agreeing with it, up to the first function word.

    >>> pluralize("coalición internacional", "es")
    'coaliciones internacionales'
    >>> pluralize("Ministerio del Interior", "es")
    'Ministerios del Interior'
    """
    base = _base(lang)
    if _is_abbreviation(rendering) or base not in DETERMINERS:
        return rendering
    words = rendering.split(" ")
    out = []
    for i, word in enumerate(words):
        if word.lower() in _FUNCTION or (i > 0 and word[:1].isupper() and not words[0][:1].isupper()):
            out.extend(words[i:])
            break
        out.append(_plural_word(word, base))
    return " ".join(out)


# --------------------------------------------------------------------------- Arabic clitics

_CLITICS = re.compile(r"^(?P<conj>[وف]?)(?P<prep>[بكل]?)")


def arabic_split_clitics(word: str, core_has_article: bool) -> tuple[str, str]:
    """Split what Arabic glued in front of a noun: ``("وب", "الدولة")`` for «وبالدولة».

    *core_has_article*: the noun that follows is written with ال in the glossary, so after ل the
    assimilated form لل is read as ل + ال («للدولة» → ``("ل", "الدولة")``).
    """
    m = _CLITICS.match(word)
    conj, prep = m.group("conj"), m.group("prep")
    rest = word[m.end() :]
    if prep == "ل" and core_has_article and rest.startswith("ل") and not rest.startswith("ال"):
        return conj + prep, "ا" + rest
    return conj + prep, rest


def arabic_attach(clitics: str, rendering: str) -> str:
    """*rendering* with *clitics* glued on: ل + ال → لل, and no ال is ever doubled.

    >>> arabic_attach("ل", "الدولة")
    'للدولة'
    >>> arabic_attach("وب", "تنظيم الدولة الإسلامية")
    'وبتنظيم الدولة الإسلامية'
    """
    clitics = re.sub("ال$", "", clitics)
    if clitics.endswith("ل") and rendering.startswith("ال"):
        return clitics + rendering[1:]
    return clitics + rendering
