"""A check against invisible, hostile text: control characters and Trojan-Source bidi controls.

A translation is printed in terminals and published; this check tells a reviewer (and CI) when a
msgstr carries something a reader cannot see: a terminal escape, or a bidi override that makes text
display in a different order than it is stored.  The terminal output neutralises control characters
anyway (:mod:`l10n.terminal`); the check says where they came from.  (New or changed HTML attributes,
an event handler or a link pointing elsewhere, are the ``tags`` check's, :mod:`l10n.check.program`;
``build`` removes them from the page, :mod:`l10n.assemble.sanitize`.)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from l10n.check.base import EntryContext, Finding, check

__all__: list[str] = []  # checks are reached through the registry


#: Bidi embeddings/overrides (LRE RLE PDF LRO RLO) and isolates (LRI RLI FSI PDI).
_OPENERS = {"\u202a": "\u202c", "\u202b": "\u202c", "\u202d": "\u202c", "\u202e": "\u202c",
            "\u2066": "\u2069", "\u2067": "\u2069", "\u2068": "\u2069"}
_OVERRIDES = "\u202d\u202e"
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _unbalanced(text: str) -> int | None:
    """Index of the first bidi control that does not pair up (a closer without opener, or an unclosed opener)."""
    stack: list[tuple[str, int]] = []
    for m in _BIDI.finditer(text):
        ch, i = m.group(), m.start()
        if ch in _OPENERS:
            stack.append((ch, i))
        elif not stack or _OPENERS[stack[-1][0]] != ch:
            return i
        else:
            stack.pop()
    return stack[0][1] if stack else None


@check("control-chars", "error")
def control_chars(ctx: EntryContext) -> Iterator[Finding]:
    """No control characters and no unbalanced or unexpected bidi overrides (Trojan Source).

    C0/C1 control characters (an ESC starting a terminal escape sequence, BEL …) have no place in a
    sentence.  Bidi embeddings, overrides and isolates (U+202A–202E, U+2066–2069) must pair up within
    the sentence, and the overrides LRO/RLO, which reorder the text a reader sees, must not be added by
    the translation.  The marks RLM, LRM and ALM are fine.
    """
    target = ctx.target
    m = _CONTROL.search(target)
    if m:
        yield ctx.finding("control-chars", f"control character U+{ord(m.group()):04X} in the translation",
                          span=(m.start(), m.end()))
    if not _BIDI.search(target):
        return
    i = _unbalanced(target)
    if i is not None:
        yield ctx.finding("control-chars", f"unbalanced bidi control U+{ord(target[i]):04X} (Trojan Source)",
                          span=(i, i + 1))
    for ch in _OVERRIDES:
        if target.count(ch) > ctx.source.count(ch):
            j = target.index(ch)
            yield ctx.finding("control-chars", f"bidi override U+{ord(ch):04X} the source does not have (Trojan Source)",
                              span=(j, j + 1))
