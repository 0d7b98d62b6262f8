"""An index that keeps glossary matching fast at 100,000 terms: which alternatives can match this text?

The matchers (:mod:`l10n.glossary.match`, :mod:`l10n.glossary.target`) are one big regex alternation,
longest form first.  Python's ``re`` tries the alternatives one after another at every position, so a
sentence cost time proportional to the glossary's size: 100,000 rows made ``translate`` crawl.

Every alternative's words are literal text, and each word (split at non-letters) starts a word of any
text it matches: English plurals and German case endings only add letters at the end.  Arabic clitics
(و ف ب ك ل ال لل س) are glued in front, so for those languages a text word is also looked up with each
clitic removed.  Each alternative is indexed under the rarest of its words' first :data:`KEY` letters;
a text's words then give, by dictionary look-up, the few alternatives that could match it, and a regex
is built over just those, in the original order, so results are identical to the full regex.
Alternatives without a letter (punctuation-only forms) are always candidates.
"""

from __future__ import annotations

import contextlib
import gc
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from typing import Generic, TypeVar

__all__ = ["LiteralIndex", "SubsetMatchers", "INDEX_MIN", "ARABIC_CLITICS", "paused_gc"]

#: Below this many alternatives the full regex is as fast as the index.
INDEX_MIN = 300
#: Letters of a word used as its key.
KEY = 4
_TOKEN = re.compile(r"[^\W_]+")
T = TypeVar("T")
#: What may be glued before an Arabic-script rendering (see :func:`l10n.glossary.arabic.arabic_rendering_regex`).
ARABIC_CLITICS = tuple(
    sorted({c + p for c in ("", "و", "ف") for p in ("", "ب", "ك", "بال", "كال", "ال", "لل", "ل", "س")} - {""}, key=len)
)


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection while a large glossary is built.

    Building 100,000 terms allocates millions of small containers; each automatic full collection
    walks all of them again, which made loading superlinear (8.3 s instead of 2.0 s for one index at
    100,000 terms).  Reference counting still frees everything; cycles wait for the next collection.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            # What was allocated meanwhile joins the oldest generation without a pass over it: the
            # first collection after the pause would otherwise walk all of it (30 ms after a check of
            # 1,300 catalogues, for objects that hold no cycles).
            if gc.get_freeze_count():  # the host froze objects itself (before forking): leave them be
                gc.enable()
            else:
                gc.freeze()
                gc.enable()
                gc.unfreeze()


class LiteralIndex:
    """Entries indexed by the rarest key of their words; ``candidates(text)`` lists those that may occur in *text*."""

    def __init__(self, literals: Sequence[Sequence[str]], *, clitics: Sequence[str] = ()) -> None:
        per_entry: list[set[str]] = []
        counts: Counter[str] = Counter()
        for words in literals:
            keys = {tok[:KEY] for word in words for tok in _TOKEN.findall(word.casefold())}
            per_entry.append(keys)
            counts.update(keys)
        self.anchors: dict[str, list[int]] = {}
        self.always: list[int] = []
        for n, keys in enumerate(per_entry):
            if not keys:
                self.always.append(n)
                continue
            rarest = min(keys, key=lambda k: (counts[k], -len(k), k))
            self.anchors.setdefault(rarest, []).append(n)
        self.lengths = sorted({len(k) for k in self.anchors})
        self.clitics = tuple(clitics)

    def candidates(self, text: str) -> tuple[int, ...]:
        found = set(self.always)
        anchors, lengths = self.anchors, self.lengths
        for token in set(_TOKEN.findall(text.casefold())):
            stems = [token] + [token[len(c) :] for c in self.clitics if token.startswith(c)]
            for stem in stems:
                for n in lengths:
                    if len(stem) < n:
                        break
                    hit = anchors.get(stem[:n])
                    if hit:
                        found.update(hit)
        return tuple(sorted(found))


class SubsetMatchers(Generic[T]):
    """Matchers built over candidate subsets of *entries*, cached (a sentence's subset recurs across checks)."""

    def __init__(self, entries: Sequence[object], literals: Sequence[Sequence[str]], build: Callable[[list], T],
                 *, clitics: Sequence[str] = (), cache_size: int = 2048) -> None:
        self.entries = list(entries)
        self.index = LiteralIndex(literals, clitics=clitics)
        self.build = build
        self.cache: dict[tuple[int, ...], T] = {}
        self.cache_size = cache_size

    def for_text(self, text: str) -> T:
        key = self.index.candidates(text)
        got = self.cache.get(key)
        if got is None:
            if len(self.cache) >= self.cache_size:
                self.cache.clear()
            got = self.cache[key] = self.build([self.entries[i] for i in key])
        return got
