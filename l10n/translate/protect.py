"""Keep what MT must not touch out of MT's reach: placeholder masking.

Before a sentence goes to an engine, inline Markdown that is not prose (code spans, link targets,
HTML tags, autolinks, bare URLs and e-mail addresses) and every glossary term are replaced by
placeholders ``⟦1⟧``, ``⟦2⟧`` …; after MT each placeholder is restored: markup to the source text,
a term to the glossary's approved rendering for the target language (a do-not-translate term to
itself).  Measured on Apertium en→es (see README): placeholders of this form pass through
untouched, while the raw markup does not (URLs and ``<small>`` tags get translated).  The words inside
markup (a link's ``"title"``, an inline tag's ``alt``/``title`` value) stay visible: they are prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Slot", "Masked", "mask", "unmask", "PLACEHOLDER_RE"]

#: Mathematical white square brackets: no engine has a reason to translate or drop them.
PLACEHOLDER_RE = re.compile(r"⟦\s*(\d+)\s*⟧")

_MARKUP = re.compile(
    r"`+[^`]+?`+"  # code span
    r"|\]\([^)\s]*(?:\s+\"[^\"]*\")?\)"  # link/image target: ](url "title")
    r"|<[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|</[A-Za-z][A-Za-z0-9-]*\s*>"  # HTML tags
    r"|<[A-Za-z][A-Za-z0-9+.-]*:[^<>\s]*>"  # autolink
    r"|\bhttps?://[^\s<>()\]]+[^\s<>()\].,;:!?'\"]"  # bare URL
    r"|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"  # e-mail
)


#: Words inside markup that are prose: a link's title, an inline tag's alt/title value.
_WORDS_IN_MARKUP = re.compile(r"""\]\([^)\s]*\s+"(?P<t>[^"]*)"\)|\b(?:alt|title)\s*=\s*(?:"(?P<d>[^"]*)"|'(?P<s>[^']*)')""")


def _around_words(m: re.Match[str]) -> list[tuple[int, int]]:
    """The spans of markup match *m* to mask: all of it, less the titles and alt/title values inside,
    which the engine must translate (issue 12: nothing translatable left behind)."""
    spans, cursor = [], m.start()
    for w in _WORDS_IN_MARKUP.finditer(m.string, m.start(), m.end()):
        group = next(g for g in ("t", "d", "s") if w.group(g) is not None)
        a, b = w.span(group)
        if any(ch.isalpha() for ch in w.group(group)):
            spans.append((cursor, a))
            cursor = b
    spans.append((cursor, m.end()))
    return [(a, b) for a, b in spans if b > a]


@dataclass(frozen=True)
class Slot:
    """One masked span."""

    number: int
    source: str  # the source text it replaced
    target: str  # what it becomes in the translation
    term_id: str | None = None  # glossary concept, when the slot is a term


@dataclass(frozen=True)
class Masked:
    text: str  # what the engine sees
    slots: tuple[Slot, ...]

    @property
    def term_slots(self) -> tuple[Slot, ...]:
        return tuple(s for s in self.slots if s.term_id is not None)


def mask(text: str, terms: list[tuple[int, int, str, str]] = ()) -> Masked:  # type: ignore[assignment]
    """Mask markup and the given term spans ``(start, end, target_text, term_id)`` of *text*.

    Term spans that overlap markup are skipped (markup wins: it must survive verbatim).
    """
    spans: list[tuple[int, int, str, str | None]] = [
        (a, b, text[a:b], None) for m in _MARKUP.finditer(text) for a, b in _around_words(m)
    ]
    taken = [(a, b) for a, b, _, _ in spans]
    for start, end, target, term_id in sorted(terms):
        if any(a < end and start < b for a, b in taken):
            continue
        spans.append((start, end, target, term_id))
        taken.append((start, end))
    spans.sort()
    out: list[str] = []
    slots: list[Slot] = []
    cursor = 0
    for n, (start, end, target, term_id) in enumerate(spans, 1):
        out.append(text[cursor:start])
        out.append(f"⟦{n}⟧")
        slots.append(Slot(n, text[start:end], target, term_id))
        cursor = end
    out.append(text[cursor:])
    return Masked("".join(out), tuple(slots))


def unmask(translation: str, masked: Masked) -> tuple[str, tuple[Slot, ...]]:
    """Restore placeholders in *translation*; return (text, slots that went missing).

    A placeholder the engine duplicated is restored each time; one it invented is dropped.
    """
    by_number = {s.number: s for s in masked.slots}
    seen: set[int] = set()

    def restore(m: re.Match[str]) -> str:
        slot = by_number.get(int(m.group(1)))
        if slot is None:
            return ""
        seen.add(slot.number)
        return slot.target

    text = PLACEHOLDER_RE.sub(restore, translation)
    text = re.sub(r"[ \t]{2,}", " ", text).strip()
    missing = tuple(s for s in masked.slots if s.number not in seen)
    return text, missing
