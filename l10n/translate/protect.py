"""Keep what MT must not touch out of MT's reach: placeholders, and the tokens each engine copies through.

Before a sentence goes to an engine, inline Markdown that is not prose (:mod:`l10n.spans`: code, link
destinations with nested parentheses, HTML, URLs, e-mail addresses …) and, when enforcement asks, glossary
terms are replaced by tokens; after MT each token is restored: markup to the source text, a term to the
glossary's approved rendering.  The words inside markup (a link's ``"title"``, an inline tag's
``alt``/``title`` value) stay visible: they are prose.

Two kinds of token, both chosen **by test on the engine itself** (:func:`calibrate`, once per engine and
language pair):

* **placeholders** for markup: the first style of ``⟦1⟧``, ``[[1]]`` … that comes back intact in every
  probe context (after a word, before ``'s``, between commas, inside emphasis);
* **proxies** for terms: a word the engine knows and translates predictably, of the same kind as the
  term — a city name for a name that takes no article ("the Palmyra attack" → "the Paris attack" →
  "el ataque de París" → "el ataque de Palmira"), a common noun of the right gender and number for one
  that does (the engine's own "la casa" tells us "casa" is feminine singular).  An opaque placeholder
  gets a masculine article and no reordering ("El ⟦1⟧ ataque"); a proxy gets the engine's grammar.
  A proxy is only used when its translation was seen verbatim in every probe context; when one comes
  back damaged anyway, the slot counts as lost and enforcement falls back to the next step.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field

from l10n.spans import protected_spans

__all__ = ["Slot", "Masked", "Tokens", "mask", "unmask", "calibrate", "PLACEHOLDER_RE", "DEFAULT_TOKENS"]

#: Mathematical white square brackets: no engine has a reason to translate or drop them.
PLACEHOLDER_RE = re.compile(r"⟦\s*(\d+)\s*⟧")
_STYLES = (("⟦{n}⟧", r"⟦\s*(\d+)\s*⟧"), ("[[{n}]]", r"\[\[\s*(\d+)\s*\]\]"), ("QZX{n}", r"QZX(\d+)"))


#: Words inside markup that are prose: a link's title, an inline tag's alt/title value.
_WORDS_IN_MARKUP = re.compile(
    r"""\]\([^)\s]*\s+"(?P<t>[^"]*)"\)|\b(?:alt|title)\s*=\s*(?:"(?P<d>[^"]*)"|'(?P<s>[^']*)')"""
)


def _around_words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The parts of the protected span ``text[start:end]`` to mask: all of it, less the titles and
    alt/title values inside, which the engine must translate (issue 12: nothing translatable left
    behind)."""
    spans, cursor = [], start
    for w in _WORDS_IN_MARKUP.finditer(text, start, end):
        group = next(g for g in ("t", "d", "s") if w.group(g) is not None)
        a, b = w.span(group)
        if any(ch.isalpha() for ch in w.group(group)):
            spans.append((cursor, a))
            cursor = b
    spans.append((cursor, end))
    return [(a, b) for a, b in spans if b > a]


@dataclass(frozen=True)
class Slot:
    """One masked span."""

    number: int
    source: str  # the source text it replaced
    target: str  # what it becomes in the translation
    term_id: str | None = None  # glossary concept, when the slot is a term
    sent: str = ""  # what the engine saw (placeholder or proxy word)
    expect: str = ""  # for a proxy: the engine's translation of it, replaced by *target*


@dataclass(frozen=True)
class Masked:
    text: str  # what the engine sees
    slots: tuple[Slot, ...]
    style: int = 0

    @property
    def term_slots(self) -> tuple[Slot, ...]:
        return tuple(s for s in self.slots if s.term_id is not None)


@dataclass(frozen=True)
class Tokens:
    """What one engine copies through for one language pair (see :func:`calibrate`)."""

    style: int = 0  # index into the placeholder styles
    names: tuple[tuple[str, str], ...] = ()  # (English name, its translation)
    #: (gender, number) -> ((English noun, its translation), …)
    nouns: dict[tuple[str, str], tuple[tuple[str, str], ...]] = field(default_factory=dict)

    def proxies(self, gender: str | None, number: str, article: bool | None) -> tuple[tuple[str, str], ...]:
        if article is not True or gender is None:  # names, and abbreviations ("de SANA", "de EI")
            return self.names
        return self.nouns.get((gender, number), ())


DEFAULT_TOKENS = Tokens()


def _placeholder(style: int, n: int) -> str:
    return _STYLES[style][0].format(n=n)


def mask(
    text: str,
    terms: list[tuple] = (),  # type: ignore[assignment]
    *,
    tokens: Tokens = DEFAULT_TOKENS,
) -> Masked:
    """Mask markup and the given term spans ``(start, end, target_text, term_id[, proxy, expect])``.

    A term span with a proxy is replaced by the proxy word; others by a placeholder.  Term spans that
    overlap markup are skipped (markup wins: it must survive verbatim).
    """
    spans: list[tuple[int, int, str, str | None, str, str]] = [
        (a, b, text[a:b], None, "", "")
        for start, end, _k in protected_spans(text)
        for a, b in _around_words(text, start, end)
    ]
    for item in sorted(terms):
        start, end, target, term_id = item[:4]
        proxy, expect = (item[4], item[5]) if len(item) >= 6 else ("", "")
        # a term span may swallow markup it wholly contains (a link around the term: its target
        # text carries the link); one that cuts through markup is skipped (markup must survive)
        if any(a < end and start < b and not (start <= a and b <= end) for a, b, *_ in spans):
            continue
        spans = [sp for sp in spans if not (start <= sp[0] and sp[1] <= end)]
        spans.append((start, end, target, term_id, proxy, expect))
    spans.sort()
    out: list[str] = []
    slots: list[Slot] = []
    cursor = 0
    for n, (start, end, target, term_id, proxy, expect) in enumerate(spans, 1):
        out.append(text[cursor:start])
        sent = proxy or _placeholder(tokens.style, n)
        out.append(sent)
        slots.append(Slot(n, text[start:end], target, term_id, sent, expect))
        cursor = end
    out.append(text[cursor:])
    return Masked("".join(out), tuple(slots), tokens.style)


_ARABIC_CLITICS = "(?:[وف]?[بكل]?)"


def unmask(translation: str, masked: Masked, *, arabic: bool = False) -> tuple[str, tuple[Slot, ...]]:
    """Restore tokens in *translation*; return (text, slots that went missing).

    A placeholder the engine duplicated is restored each time; one it invented is dropped.  A proxy is
    replaced where its translation occurs exactly once (in Arabic with any clitics glued to it, kept:
    «وباريس» → «وبتدمر», ل + ال → لل).
    """
    by_number = {s.number: s for s in masked.slots if not s.expect}
    seen: set[int] = set()

    def restore(m: re.Match[str]) -> str:
        slot = by_number.get(int(m.group(1)))
        if slot is None:
            return ""
        seen.add(slot.number)
        return slot.target

    text = re.sub(_STYLES[masked.style][1], restore, translation)
    for slot in masked.slots:
        if not slot.expect:
            continue
        prefix = f"(?P<clitics>{_ARABIC_CLITICS})" if arabic else "(?P<clitics>)"
        pattern = re.compile(
            rf"(?<!\w){prefix}{re.escape(slot.expect)}(?!\w)", 0 if arabic else re.IGNORECASE
        )
        found = list(pattern.finditer(text))
        if len(found) != 1:
            continue
        m = found[0]
        target = slot.target
        if arabic and m.group("clitics"):
            from l10n.glossary.grammar import arabic_attach

            target = arabic_attach(m.group("clitics"), target)
        elif m.group(0)[:1].isupper() and target[:1].islower() and m.start() == 0:
            target = target[:1].upper() + target[1:]
        text = text[: m.start()] + target + text[m.end() :]
        seen.add(slot.number)
    text = re.sub(r"[ \t]{2,}", " ", text).strip()
    missing = tuple(s for s in masked.slots if s.number not in seen)
    return text, missing


# --------------------------------------------------------------------------- calibration

_NAMES = ("Paris", "Madrid", "London", "Berlin", "Rome", "Vienna", "Lisbon", "Moscow", "Athens", "Cairo")
_NOUNS = (
    "museum", "hospital", "airport", "library", "school", "church", "bridge", "tower", "village",
    "garden", "kitchen", "island", "factory", "castle", "mountain", "window", "house",
)  # fmt: skip
_CACHE_ATTR = "_l10n_tokens"


def _plural(noun: str) -> str:
    if noun.endswith("y"):
        return noun[:-1] + "ies"
    if noun.endswith(("ch", "sh", "s", "x")):
        return noun + "es"
    return noun + "s"


def _word_in(word: str, text: str) -> int:
    return len(re.findall(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE))


def calibrate(engine, source: str, target: str, lang: str) -> Tokens:
    """Find, by translating probes, the placeholder style and proxy words *engine* copies through.

    One engine call per engine and pair (cached on the engine).  Probes: a placeholder after a word,
    before ``'s``, between commas and in emphasis; each name alone, before ``'s`` and as a noun
    modifier; each noun with the definite article in singular and plural (the article names its
    gender and number, :data:`l10n.glossary.grammar.DETERMINERS`) and before ``'s``.
    """
    cache = getattr(engine, _CACHE_ATTR, None)
    if cache is None:
        cache = {}
        with contextlib.suppress(AttributeError):  # an engine with __slots__: calibrate every time
            setattr(engine, _CACHE_ATTR, cache)
    key = (source, target)
    if key in cache:
        return cache[key]
    probes: list[str] = []
    for style, _ in _STYLES:
        one, two = style.format(n=1), style.format(n=2)
        probes += [f"The {one} said it.", f"{one}'s envoys arrived.", f"See {one}, {two} and *{one}*."]
    for name in _NAMES:
        probes += [name, f"{name}'s envoys arrived.", f"After the {name} attack, they left."]
    for noun in _NOUNS:
        probes += [f"The {noun}.", f"The {_plural(noun)}.", f"The {noun}'s report was published."]
    try:
        out = [hs[0] if hs else "" for hs in engine.translate(probes, source, target, n_best=1)]
    except Exception:  # noqa: BLE001 - no calibration: placeholders of the default style
        cache[key] = DEFAULT_TOKENS
        return DEFAULT_TOKENS
    it = iter(out)
    intact: list[int] = []
    for i, (_, pattern) in enumerate(_STYLES):
        got = [next(it) for _ in range(3)]
        if [len(re.findall(pattern, g)) for g in got] == [1, 1, 3]:
            intact.append(i)
    style = intact[0] if intact else 0
    names: list[tuple[str, str]] = []
    for _name in _NAMES:
        alone, possessive, modifier = (next(it) for _ in range(3))
        word = alone.strip().strip(".")
        if word and " " not in word and _word_in(word, possessive) == 1 and _word_in(word, modifier) == 1:
            names.append((_name, word))
    nouns: dict[tuple[str, str], list[tuple[str, str]]] = {}
    from l10n.glossary.grammar import DETERMINERS

    table = {surface: (g, n) for (prep, kind, g, n), surface in DETERMINERS.get(lang, {}).items()
             if not prep and kind == "def"}  # fmt: skip
    for noun in _NOUNS:
        sg, pl, possessive = (next(it) for _ in range(3))
        for english, got in ((noun, sg), (_plural(noun), pl)):
            m = re.fullmatch(r"\s*(\w+)\s+(\w+)\s*\.?\s*", got)
            if not m or m.group(1).lower() not in table:
                continue
            word = m.group(2)
            if english == noun and _word_in(word, possessive) != 1:
                continue
            nouns.setdefault(table[m.group(1).lower()], []).append((english, word))
    # a translation shared by two candidates is the engine's garbage, not a word it copies through
    seen = [w.lower() for _, w in names] + [w.lower() for vs in nouns.values() for _, w in vs]
    names = [(e, w) for e, w in names if seen.count(w.lower()) == 1]
    nouns = {k: [(e, w) for e, w in vs if seen.count(w.lower()) == 1] for k, vs in nouns.items()}
    tokens = Tokens(style, tuple(names), {k: tuple(v) for k, v in nouns.items() if v})
    cache[key] = tokens
    return tokens
