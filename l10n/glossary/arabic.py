"""Arabic-script target side: orthographic normalisation and clitic-aware rendering patterns.

Why not a stemmer: a stemmer answers "same root?", we need "same term?".  Snowball's Arabic stemmer
turns بقانون into قان, which would equally match قانوني or قانونية.  Instead both the rendering and
the text are *normalised* (spelling variation that does not change the word is folded away) and the
rendering's first word may carry exactly the prefixes Arabic attaches to a noun:

* conjunctions و ف, then prepositions ب ك ل (or future س, for verbs);
* the article ال, including its contraction with ل (ل + التحالف -> للتحالف; ل + اللاذقية -> للاذقية);
* a rendering written without the article also matches with it (تكفيري in الفكر التكفيري).

Only the first word takes prefixes, nothing takes suffixes (list inflected forms as alternatives), and
a match must start and end at a word boundary, so سانا matches in وسانا / لسانا but not in حسانا.

Normalisation maps each character to zero or more characters and records, for every output
character, the index of the input character it came from, so a span found in normalised text maps
back to the original for highlighting (:func:`normalize_arabic`).
"""

from __future__ import annotations

import functools
import re
import unicodedata

from l10n.glossary.model import MatchOptions

__all__ = [
    "ARABIC_SCRIPT_LANGS",
    "ANY_PREFIX",
    "CLITIC_LANGS",
    "normalize_arabic",
    "arabic_rendering_regex",
    "map_span",
]

#: Languages written in Arabic script: these get the orthographic folding.
ARABIC_SCRIPT_LANGS = frozenset({"ar", "fa", "ur", "ps", "ckb", "sd", "ug", "ks", "bal"})
#: Languages whose nouns take Arabic proclitics and the article ال.
CLITIC_LANGS = frozenset({"ar"})

_DEFAULT = MatchOptions()

# Harakat, shadda, sukun, tanween, superscript alef, Quranic annotation marks, tatweel, and invisible
# direction/joiner controls that editors and MT sprinkle into RTL text.
_DELETE = (
    [*range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06DD)]
    + [*range(0x06DF, 0x06E9), *range(0x06EA, 0x06EE), 0x0640, 0x061C, 0x200D, 0x200E, 0x200F]
    + [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x00AD, 0xFEFF]
)
_DELETE_RE = re.compile("[" + "".join(re.escape(chr(c)) for c in _DELETE) + "\ufb50-\ufdff\ufe70-\ufefe]+")
_PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]")


@functools.lru_cache(maxsize=64)
def _table(options: MatchOptions) -> dict[int, str | None]:
    table: dict[int, str | None] = dict.fromkeys(_DELETE)
    # Persian/Urdu letter shapes typed for their Arabic equivalents (and back): always folded.
    table.update({0x06A9: "ك", 0x06CC: "ي", 0x06C0: "ه", 0x06C1: "ه", 0x06BE: "ه", 0x06D5: "ه"})
    if options.fold_alef:
        table.update(dict.fromkeys([0x0623, 0x0625, 0x0622, 0x0671, 0x0672, 0x0673], "ا"))
    if options.fold_hamza:
        table.update({0x0624: "و", 0x0626: "ي"})
    if options.fold_ta_marbuta:
        table.update({0x0629: "ه", 0x06C3: "ه"})
    if options.fold_alef_maqsura:
        table[0x0649] = "ي"
    if options.fold_digits:
        table.update({0x0660 + d: str(d) for d in range(10)})
        table.update({0x06F0 + d: str(d) for d in range(10)})
    return table


def normalize_arabic(text: str, options: MatchOptions | None = None) -> tuple[str, tuple[int, ...]]:
    """Fold Arabic-script spelling variation; return ``(normalized, index_map)``.

    ``index_map[i]`` is the index in *text* of the character that produced ``normalized[i]``;
    ``index_map[len(normalized)] == len(text)``.  Use :func:`map_span` to turn a normalised span into
    an original one (it includes any diacritics trailing the last letter).

    Folded by default (each switchable in :class:`MatchOptions`): diacritics and tatweel removed,
    أ إ آ ٱ -> ا, ؤ -> و, ئ -> ي, ة -> ه, ى -> ي, Arabic-Indic and Persian digits -> 0-9; always: Persian
    ک ی ۀ ہ ھ to their Arabic letters and presentation forms (ﻻ) decomposed.
    """
    return _normalize(text, options or _DEFAULT)


@functools.lru_cache(maxsize=256)
def _normalize(text: str, options: MatchOptions) -> tuple[str, tuple[int, ...]]:
    table = _table(options)
    if not _DELETE_RE.search(text):  # fast path: one character in, one out
        return text.translate(table), tuple(range(len(text) + 1))
    if not _PRESENTATION.search(text):  # deletions only: keep the runs between them
        index: list[int] = []
        prev = 0
        for m in _DELETE_RE.finditer(text):
            index.extend(range(prev, m.start()))
            prev = m.end()
        index.extend(range(prev, len(text) + 1))
        return text.translate(table), tuple(index)
    out: list[str] = []
    index = []
    for i, ch in enumerate(text):
        if _PRESENTATION.match(ch):
            rep = unicodedata.normalize("NFKC", ch).translate(table)
        else:
            rep = ch.translate(table)
        out.append(rep)
        index.extend([i] * len(rep))
    index.append(len(text))
    return "".join(out), tuple(index)


def map_span(index_map: tuple[int, ...], start: int, end: int) -> tuple[int, int]:
    """Original ``(start, end)`` for the normalised span ``[start, end)``."""
    return index_map[start], index_map[end]


_ARTICLE = "ال"
#: Every prefix :func:`arabic_rendering_regex` can produce, in one pattern (a superset of each).
ANY_PREFIX = "[وف]?(?:[بك]?ال|لل|[بكلس])?"
#: Between the words of a multi-word rendering: any run of spaces, ZWNJ or quotation marks
#: (Arabic copy often quotes the name: تنظيم «الدولة الإسلامية»).
SEPARATOR = r"[\s\u200c«»\"“”„‹›]+"


def arabic_rendering_regex(rendering: str, lang: str, options: MatchOptions | None = None) -> tuple[str, str]:
    """Regex source for *rendering* on normalised text, as ``(prefix, body)``.

    *prefix* matches what may be glued to the first word (empty string for languages without
    clitics); *body* matches the rendering itself.  The caller adds word boundaries.
    """
    options = options or _DEFAULT
    words = [w for w in rendering.split() if w]
    norm_words = [_normalize(w, options)[0] for w in words]
    norm_words = [w for w in norm_words if w]
    if not norm_words:
        return "", "(?!)"
    rest = [re.escape(w) for w in norm_words[1:]]
    first = norm_words[0]
    if lang.split("_", 1)[0] not in CLITIC_LANGS:
        return "", SEPARATOR.join([re.escape(first), *rest])
    # Is the first word written with the article?  Decided on the unfolded spelling so أل in ألمانيا
    # (a root alef with hamza) is not mistaken for it.
    bare = "".join(ch for ch in words[0] if not _DELETE_RE.match(ch))
    if bare.startswith(_ARTICLE) and len(bare) >= 4:
        core = first[len(_ARTICLE) :]
        lam = "ل" if core.startswith("ل") else "لل"
        prefix = f"[وف]?(?:[بك]?{_ARTICLE}|{lam})"
    else:
        core = first
        prefix = f"[وف]?(?:[بك]?{_ARTICLE}|لل|[بكلس])?"
    return prefix, SEPARATOR.join([re.escape(core), *rest])
