"""Making the glossary's target matchers cheap enough to run on every entry of every catalogue.

The glossary's matchers (:func:`l10n.glossary.target_has`, :func:`~l10n.glossary.find_forbidden`,
:func:`~l10n.glossary.find_target_terms`) are regular expressions that try every rendering, with its
clitic and elision prefixes, at every position of the text.  Measured on news sentences: 20-40 µs per
term, about 600 µs per call of the whole-glossary matcher, and Arabic normalisation costs 30-170 µs a
sentence (more when it carries a diacritic).  Three things keep the answers the matchers' own while
avoiding most of that work:

* **Probes.**  A rendering can only match where its *probe* occurs: a plain substring every match must
  contain (its last word, normalised and lower-cased as the matcher normalises text; in Arabic without
  the article, which contracts after ل as in للاذقية).  Testing a few dozen probes with ``in`` costs
  microseconds; no probe, no match, no matcher call.
* **Windows.**  Where a probe occurs, the matcher runs on the few words around it (as many as the
  rendering has, cut at whitespace so word boundaries are the same as in the whole text) instead of the
  whole sentence.
* **Normalised input.**  Normalisation is idempotent, so the matcher is given the text already
  normalised (by the glossary's own character table: one ``str.translate``), and its results (yes/no)
  are those it gives on the original.  Spans for reports are still taken on the original text.

``tests/test_check_glossary.py`` checks all three against the plain matcher calls.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from l10n.glossary import find_forbidden, normalize_target, target_find, target_has
from l10n.glossary.model import lang_key

if TYPE_CHECKING:
    from l10n.glossary import Glossary, MatchOptions, TargetMatch, Term

__all__ = ["GlossaryIndex", "build_index"]

_PIECES = re.compile(r"[\s\-\u2010\u2011\u200c«»\"“”„‹›'’]+")
_ARTICLE = "ال"
_SEP_RUN = r"[\s\-\u2010\u2011\u200c«»\"“”„‹›'’]+"
_PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]")


class Probe:
    """Where a rendering could match: its longest word as a plain substring, and for renderings of several
    words a pattern of all of them in order (no prefixes, suffixes or boundaries: a superset of what the
    matcher accepts, so "no probe match" is a sound "no match")."""

    __slots__ = ("piece", "regex", "words", "literal")

    def __init__(
        self, piece: str, regex: re.Pattern[str] | None, words: int, literal: re.Pattern[str] | None = None
    ) -> None:
        self.piece, self.regex, self.words = piece, regex, words
        #: The rendering exactly as written, between word boundaries: a match of this is certainly a
        #: match of the matcher (whose prefixes, suffixes and separators are all optional extras).
        self.literal = literal

    def spans(self, norm: str, low: str) -> list[tuple[int, int]]:
        """Where in the normalised text a match of the rendering must lie (empty: nowhere)."""
        if not self.piece:
            return [(0, len(norm))]
        if self.piece not in low:
            return []
        if self.regex is not None:  # overlapping occurrences too: each may be the real match
            spans = []
            m = self.regex.search(norm)
            while m is not None and len(spans) <= _MAX_WINDOWS:
                spans.append(m.span())
                m = self.regex.search(norm, m.start() + 1)
            return spans
        out = []
        i = low.find(self.piece)
        while i >= 0 and len(out) <= _MAX_WINDOWS:
            out.append((i, i + len(self.piece)))
            i = low.find(self.piece, i + 1)
        return out

    def present(self, norm: str, low: str) -> bool:
        if not self.piece:
            return True
        if self.piece not in low:
            return False
        return self.regex is None or self.regex.search(norm) is not None


#: Texts whose characters all lie below this code point (Arabic, Latin, punctuation, the direction
#: marks) are normalised through :attr:`GlossaryIndex.fast_table`.
_FAST_LIMIT = "\u2070"
_ABOVE_LIMIT = re.compile(f"[{_FAST_LIMIT}-\U0010ffff]")  # six times faster than max(text) >= limit


@functools.lru_cache(maxsize=16)
def _fast_table(options: MatchOptions) -> list[str | None] | None:
    """The Arabic table for *options* (code point -> replacement or None) as a list indexed by code
    point below the limit (one per set of options: every Arabic-script language shares it)."""
    table = _arabic_table(options)
    if not isinstance(table, dict):
        return None
    out: list[str | None] = [chr(i) for i in range(ord(_FAST_LIMIT))]
    for key, value in table.items():
        if key < ord(_FAST_LIMIT):
            out[key] = value
    return out


#: Matcher answers on windows kept per index (then forgotten all at once).
_WINDOW_CACHE = 65536

#: Above this many candidate places, one matcher call on the whole text is cheaper than one per window.
_MAX_WINDOWS = 3


@dataclass(frozen=True)
class GlossaryIndex:
    lang: str
    options: MatchOptions
    arabic: bool
    #: id(term) -> probes of its approved renderings.
    term_probes: dict[int, tuple[Probe, ...]]
    #: (probe, term, glossary position) for every approved rendering, in glossary order.
    approved: tuple[tuple[Probe, Term, int], ...]
    #: Probes of every forbidden rendering.
    forbidden: tuple[Probe, ...]
    #: Words of the longest approved rendering (how much context a forbidden match needs).
    longest: int = 1
    #: The glossary's Arabic character table (None: use its normalize function).
    table: Any = None
    #: The distinct non-empty probe pieces of :attr:`approved`, and which entries of it each one is
    #: the piece of: the pieces a text holds are found with one pass over the (short) list of them,
    #: and only their entries are looked at, instead of every entry asking ``piece in low``.
    pieces: tuple[str, ...] = ()
    by_piece: dict[str, tuple[int, ...]] = field(default_factory=dict)
    #: Entries of :attr:`approved` whose probe has no piece (present in every text).
    always: tuple[int, ...] = ()
    #: :attr:`table` as a list indexed by code point, up to :data:`_FAST_LIMIT` (the same mapping:
    #: ``str.translate`` indexes a list about twice as fast as it looks code points up in a dict).
    fast_table: list[str | None] | None = None
    #: Not an Arabic-script language: the matchers normalise by NFC (or accent folding) alone.
    latin: bool = False
    #: (id(term), window) -> the matcher's answer on that window: windows are a word or a few, and the
    #: same words come back entry after entry ("conseil" for the probe "ei" of «EI»).
    _windows: dict[tuple[int, str], bool] = field(default_factory=dict, compare=False, repr=False)

    def _window_has(self, term: Term, window: str) -> bool:
        """``target_has(term, lang, window)``, remembered."""
        key = (id(term), window)
        answer = self._windows.get(key)
        if answer is None:
            if len(self._windows) >= _WINDOW_CACHE:
                self._windows.clear()
            answer = self._windows[key] = target_has(term, self.lang, window, options=self.options)
        return answer

    # ---------------------------------------------------------------- normalised text
    def normalize(self, text: str) -> str:
        """*text* as the matchers normalise it (Arabic folding or NFC), case kept."""
        if self.table is not None:
            if self.fast_table is not None and not _ABOVE_LIMIT.search(text):
                return text.translate(self.fast_table)  # no presentation forms below the limit either
            if not _PRESENTATION.search(text):
                return text.translate(self.table)
        if self.latin and (
            text.isascii() or (not self.options.accent_insensitive and unicodedata.is_normalized("NFC", text))
        ):
            return text  # what normalize_latin returns, without the index map nobody here reads
        return normalize_target(text, self.lang, self.options)[0]

    # ---------------------------------------------------------------- questions
    def has(self, term: Term, norm: str, low: str) -> bool:
        """``target_has(term, lang, text)``, given *norm* = normalize(text) and *low* = norm.lower()."""
        probes = self.term_probes.get(id(term))
        if probes is None or len(low) != len(norm):
            return target_has(term, self.lang, norm, options=self.options)
        for probe in probes:
            if probe.literal is not None and probe.piece in low and probe.literal.search(norm):
                return True
        windows: list[tuple[int, int]] = []
        for probe in probes:
            windows.extend(probe.spans(norm, low))
            if len(windows) > _MAX_WINDOWS:
                return target_has(term, self.lang, norm, options=self.options)
        for start, end in windows:
            if self._window_has(term, norm[_left(norm, start, 1) : _right(norm, end)]):
                return True
        return False

    def renders(self, term: Term, norm: str, low: str) -> bool:
        """``may_have(term, norm, low) and has(term, norm, low)``, the question glossary-missing asks.

        A rendering written out exactly (:attr:`Probe.literal`) answers it at once: its match holds the
        probe's piece and its words in order, so ``may_have`` is true, and ``has`` returns true on it.
        """
        probes = self.term_probes.get(id(term))
        if probes is not None and len(low) == len(norm):
            for probe in probes:
                if probe.literal is not None and probe.piece in low and probe.literal.search(norm):
                    return True
        return self.may_have(term, norm, low) and self.has(term, norm, low)

    def may_have(self, term: Term, norm: str, low: str) -> bool:
        """False only if no approved rendering of *term* can occur in the normalised text."""
        probes = self.term_probes.get(id(term))
        if probes is None:
            return True
        return any(p.present(norm, low) for p in probes)

    def may_have_forbidden(self, norm: str, low: str, glossary: Glossary) -> bool:
        """False only if :func:`~l10n.glossary.find_forbidden` would find nothing."""
        if len(low) != len(norm):
            return True
        windows = [span for probe in self.forbidden for span in probe.spans(norm, low)]
        if not windows:
            return False
        if len(windows) > _MAX_WINDOWS:
            return True
        # The usual case: the forbidden words sit inside an approved rendering written out in full
        # (الدولة الإسلامية inside تنظيم الدولة الإسلامية), which the matcher does not report.
        covers = self._approved_literals(norm, low)
        windows = [(a, b) for a, b in windows if not any(s <= a and b <= e for s, e in covers)]
        # A forbidden phrase inside an approved rendering does not count: give the matcher room on both
        # sides for the longest approved rendering (twice, for overlapping ones).
        room = 2 * self.longest
        for start, end in windows:
            window = norm[_left(norm, start, room + 1) : _right(norm, end, room + 1)]
            if find_forbidden(glossary, self.lang, window):
                return True
        return False

    def _approved_literals(self, norm: str, low: str) -> list[tuple[int, int]]:
        """Spans of approved renderings written out exactly (see :attr:`Probe.literal`)."""
        out = []
        approved = self.approved
        entries = [i for piece in filter(low.__contains__, self.pieces) for i in self.by_piece[piece]]
        entries.sort()  # glossary order, as the spans were always listed
        for i in entries:
            literal = approved[i][0].literal
            if literal is not None:
                out.extend(m.span() for m in literal.finditer(norm))
        return out

    def unexpected(
        self,
        text: str,
        norm: str,
        low: str,
        source_ids: set[str],
        excused: Callable[[Term], bool] = lambda term: False,
    ) -> list[TargetMatch]:
        """Approved renderings in *text* of terms not in *source_ids* (nor *excused*).

        Same result as filtering :func:`~l10n.glossary.find_target_terms`, which takes the leftmost,
        longest rendering and so never reports one inside a longer one of another term (سوريا inside
        قوات سوريا الديمقراطية).  Candidates are found by probe and confirmed in windows; a candidate
        inside a longer approved rendering written out in full is dropped there; only a candidate that
        survives costs a sweep of per-term matches over the whole text.
        """
        # Probe.present for every approved rendering: the pieces first (one pass over the distinct
        # ones, in C), then only the renderings whose piece the text holds, in glossary order.
        found = list(filter(low.__contains__, self.pieces))
        if not found and not self.always:
            return []
        entries = list(self.always)
        by_piece = self.by_piece
        for piece in found:
            entries.extend(by_piece[piece])
        if len(found) + bool(self.always) > 1:
            entries.sort()
        approved = self.approved
        candidates: dict[str, tuple[Term, int]] = {}
        for i in entries:
            probe, term, pos = approved[i]
            if term.id in source_ids or term.id in candidates:
                continue
            if probe.regex is None or probe.regex.search(norm):
                candidates[term.id] = (term, pos)
        if not candidates:
            return []
        survivors = False
        covers: list[tuple[int, int]] | None = None
        same_length = len(low) == len(norm)
        for term, _pos in candidates.values():
            if excused(term):
                continue
            if not same_length:
                survivors = True
                break
            for probe in self.term_probes.get(id(term), ()):
                spans = probe.spans(norm, low)
                if len(spans) > _MAX_WINDOWS:  # spans() stopped counting: let the full sweep decide
                    survivors = True
                    break
                for start, end in spans:
                    a, b = _left(norm, start, 1), _right(norm, end)
                    if not self._window_has(term, norm[a:b]):
                        continue
                    if covers is None:
                        covers = self._approved_literals(norm, low)
                    if not any(s <= a and b <= e and (e - s) > (b - a) for s, e in covers):
                        survivors = True
                        break
                if survivors:
                    break
            if survivors:
                break
        if not survivors:
            return []
        present = [(t, pos) for p, t, pos in self.approved if p.present(norm, low)]
        found: list[tuple[int, int, int, TargetMatch]] = []
        seen: set[str] = set()
        for term, pos in present:
            if term.id not in seen:
                seen.add(term.id)
                found.extend(_keyed(target_find(term, self.lang, text, options=self.options), pos))
        found.sort(key=lambda x: x[:3])
        out: list[TargetMatch] = []
        last_end = -1
        for start, _neg, _pos, m in found:
            if start < last_end:
                continue
            last_end = m.end
            if m.term.id not in source_ids and not excused(m.term):
                out.append(m)
        return out


#: Characters that may separate the words of a rendering (the matchers' separators, and apostrophes).
_SEPARATORS = frozenset("-\u2010\u2011\u200c«»\"“”„‹›'’")


def _is_sep(ch: str) -> bool:
    return ch in _SEPARATORS or ch.isspace()


def _left(text: str, i: int, words: int) -> int:
    """Start of the word holding index *i*, then *words* - 1 words further left.

    Words end at whitespace or a separator character, all non-word characters, so the text before the
    window ends in a non-word character and word boundaries inside the window are those of the text.
    """
    for n in range(words):
        while i > 0 and not _is_sep(text[i - 1]):
            i -= 1
        if n == words - 1:
            break
        while i > 0 and _is_sep(text[i - 1]):
            i -= 1
    return i


def _right(text: str, j: int, words: int = 1) -> int:
    """End of the word holding index *j* - 1 (and *words* - 1 words further right)."""
    n = len(text)
    for k in range(words):
        while j < n and not _is_sep(text[j]):
            j += 1
        if k == words - 1:
            break
        while j < n and _is_sep(text[j]):
            j += 1
    return j


def _keyed(matches: list[TargetMatch], pos: int) -> list[tuple[int, int, int, TargetMatch]]:
    return [(m.start, m.start - m.end, pos, m) for m in matches]


def _probe(rendering: str, lang: str, options: MatchOptions, arabic: bool, case_sensitive: bool = False) -> Probe:
    norm = normalize_target(rendering, lang, options)[0]
    pieces = [p for p in _PIECES.split(norm) if p]
    if not pieces:
        return Probe("", None, 0)
    if arabic and pieces[0].startswith(_ARTICLE) and len(pieces[0]) > len(_ARTICLE):
        pieces[0] = pieces[0][len(_ARTICLE) :]  # the article contracts after ل: للاذقية
    piece = max(pieces, key=len).lower()
    regex = None
    if len(pieces) > 1:
        regex = re.compile(_SEP_RUN.join(re.escape(p) for p in pieces), re.IGNORECASE)
    exact = norm.strip()
    literal = None
    # "(?<!\w)X…" written "X(?<!\w[\s\S])…": the same matches, but a pattern that starts with its first
    # character lets the engine skip in C to where that character is (5x faster searches in Arabic).
    if exact and not case_sensitive:
        head = re.escape(exact[0])
        literal = re.compile(rf"{head}(?<!\w[\s\S]){re.escape(exact[1:])}(?!\w)", re.IGNORECASE)
    elif exact:  # case-exact but for the first letter, as the matcher (SANA, not the adjective sana)
        head = re.escape(exact[0])
        if exact[0].lower() != exact[0].upper():
            head = f"[{re.escape(exact[0].lower())}{re.escape(exact[0].upper())}]"
        literal = re.compile(rf"{head}(?<!\w[\s\S]){re.escape(exact[1:])}(?!\w)")
    return Probe(piece, regex, len(pieces), literal)


def _arabic_table(options: MatchOptions) -> Any:
    """The glossary's own Arabic folding table, or None if it is not available (then: its function)."""
    try:
        from l10n.glossary.arabic import _table
    except ImportError:  # pragma: no cover - the glossary package reorganised: stay correct, be slower
        return None
    try:
        return _table(options)
    except Exception:  # noqa: BLE001  # pragma: no cover
        return None


def build_index(glossary: Glossary, lang: str) -> GlossaryIndex:
    from l10n.glossary.arabic import ARABIC_SCRIPT_LANGS

    arabic = lang.split("_", 1)[0] in ARABIC_SCRIPT_LANGS
    options = glossary.options
    term_probes: dict[int, tuple[Probe, ...]] = {}
    approved: list[tuple[Probe, Term, int]] = []
    forbidden: list[Probe] = []
    for pos, term in enumerate(glossary):
        probes = tuple(_probe(r, lang, options, arabic, term.case_sensitive) for r in term.renderings(lang))
        term_probes[id(term)] = probes
        approved.extend((p, term, pos) for p in probes)
        forbidden.extend(_probe(r, lang, options, arabic, term.case_sensitive) for r in term.forbidden_in(lang))
    table = _arabic_table(options) if arabic else None
    longest = max((p.words for probes in term_probes.values() for p in probes), default=1)
    by_piece: dict[str, list[int]] = {}
    always: list[int] = []
    for i, (probe, _term, _pos) in enumerate(approved):
        if probe.piece:
            by_piece.setdefault(probe.piece, []).append(i)
        else:
            always.append(i)
    return GlossaryIndex(
        lang,
        options,
        arabic,
        term_probes,
        tuple(approved),
        tuple(forbidden),
        longest=longest,
        table=table,
        fast_table=_fast_table(options) if table is not None else None,
        pieces=tuple(by_piece),
        by_piece={piece: tuple(entries) for piece, entries in by_piece.items()},
        always=tuple(always),
        latin=lang_key(lang).split("_", 1)[0] not in ARABIC_SCRIPT_LANGS,
    )
