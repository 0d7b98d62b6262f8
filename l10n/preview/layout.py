"""Bidi text layout for terminals that do not implement the Unicode bidi algorithm (most of them).

A terminal draws characters left to right in the order it receives them.  To show Arabic, the
application must hand it each *visual line* already in display order.  The order of operations
matters (UAX #9, section 3.4): resolve embedding levels on the whole paragraph, **then** break it into
lines, **then** reorder each line.  Reordering first and wrapping afterwards puts the paragraph's last
words on its first line.

* :func:`paragraph_levels` — resolved levels per character, from python-bidi's Rust core (UBA with
  isolates and bracket pairs), falling back to its pure-Python implementation.
* :func:`wrap` — word wrapping on terminal cells (``rich.cells.cell_len``: wide CJK = 2, Arabic
  harakat and bidi controls = 0).
* :func:`visual_order` — rules L1-L4 on one line: trailing blanks to the paragraph level, reversal of
  level runs, combining marks kept after their base (a terminal draws a mark over the cell before
  it), mirrored glyphs (``(`` ↔ ``)``) at right-to-left levels.  Bidi controls are dropped.
* :func:`shape_line` — Arabic contextual forms (arabic-reshaper) for terminals that do not shape:
  they would otherwise join letters in *display* order, i.e. backwards.

Everything here is pure and works on indices, so styles (rich spans) follow characters through wrapping,
shaping and reordering.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence

from rich.cells import cell_len

from l10n.assemble.rtl import BIDI_CONTROLS, has_rtl

__all__ = ["paragraph_levels", "wrap", "visual_order", "shape_line", "is_mark", "mirror"]

_ISOLATE_CONTROLS = frozenset("\u2066\u2067\u2068\u2069")


def is_mark(ch: str) -> bool:
    """A combining mark: zero width, drawn over the preceding character (harakat, accents)."""
    return unicodedata.category(ch) in ("Mn", "Me")


@functools.lru_cache(maxsize=1)
def _mirrors() -> dict[str, str]:
    from bidi.mirror import MIRRORED

    return dict(MIRRORED)


def mirror(ch: str) -> str:
    return _mirrors().get(ch, ch) if unicodedata.mirrored(ch) else ch


# --------------------------------------------------------------------------- levels

_LEVEL = re.compile(r"Level\(\s*(\d+),?\s*\)")


def paragraph_levels(text: str, rtl: bool) -> list[int]:
    """The resolved embedding level of every character of one paragraph (even = LTR, odd = RTL).

    *rtl* sets the paragraph direction (rule P3 is not used: we know the language).
    """
    if not text:
        return []
    base = 1 if rtl else 0
    if not rtl and not has_rtl(text):
        return [0] * len(text)  # fast path: all left-to-right
    levels = _rust_levels(text, rtl)
    if levels is None:
        levels = _python_levels(text, rtl)
    if len(levels) != len(text):
        return [base] * len(text)
    return levels


def _rust_levels(text: str, rtl: bool) -> list[int] | None:
    """Levels from python-bidi's Rust core (unicode-bidi: UBA 15 with isolates), read from its debug dump.

    The dump gives one level per UTF-8 byte; a character takes the level of its first byte.  If the
    format is not what we expect we return None and the caller falls back.
    """
    try:
        from bidi.bidi import get_display_inner

        dump = get_display_inner(text, "R" if rtl else "L", True)
    except Exception:  # noqa: BLE001 - any surprise in the binding: use the fallback
        return None
    if not isinstance(dump, str) or "levels:" not in dump:
        return None
    section = dump.split("levels:", 1)[1].split("paragraphs:", 1)[0]
    byte_levels = [int(x) for x in _LEVEL.findall(section)]
    data = text.encode("utf-8")
    if len(byte_levels) != len(data):
        return None
    out = []
    pos = 0
    for ch in text:
        out.append(byte_levels[pos])
        pos += len(ch.encode("utf-8"))
    return out


def _python_levels(text: str, rtl: bool) -> list[int]:
    """Levels from python-bidi's legacy pure-Python UBA (no isolates: they are removed first)."""
    from bidi import algorithm as uba

    keep = [i for i, ch in enumerate(text) if ch not in _ISOLATE_CONTROLS]
    stripped = "".join(text[i] for i in keep)
    storage = uba.get_empty_storage()
    storage["base_level"] = 1 if rtl else 0
    storage["base_dir"] = "R" if rtl else "L"
    uba.get_embedding_levels(stripped, storage)
    uba.explicit_embed_and_overrides(storage)
    uba.resolve_weak_types(storage)
    uba.resolve_neutral_types(storage, False)
    uba.resolve_implicit_levels(storage, False)
    levels = [1 if rtl else 0] * len(text)
    for i, ch in zip(keep, storage["chars"]):
        levels[i] = ch["level"]
    return levels


# --------------------------------------------------------------------------- wrapping

_WORD = re.compile(r"(?:[^\s]|[\u00a0\u202f\u2060])+")  # a no-break space glues ([EN] + its word)


def wrap(text: str, width: int, *, controls: int = 0) -> list[tuple[int, int]]:
    """Greedy word wrap of *text* to *width* terminal cells: logical (start, end) of each line.

    Blanks at a break belong to no line; no-break spaces do not break.  A word wider than a line is cut
    between characters (never between a letter and its combining marks).  Works in logical order,
    before any reordering.  *controls*: cells a bidi control takes (mlterm gives LRM/RLM a cell of its
    line, though it draws nothing there; elsewhere they take none).
    """
    width = max(1, width)

    def cells(s: str) -> int:
        return cell_len(s) + controls * sum(ch in BIDI_CONTROLS for ch in s) if controls else cell_len(s)

    lines: list[tuple[int, int]] = []
    start = end = -1
    used = 0
    for m in _WORD.finditer(text):
        w = cells(m.group())
        if start >= 0 and used + cells(text[end : m.start()]) + w <= width:
            used += cells(text[end : m.start()]) + w
            end = m.end()
            continue
        if start >= 0:
            lines.append((start, end))
        if w <= width:
            start, end, used = m.start(), m.end(), w
            continue
        # hard-cut a long word (URL): fill lines cell by cell
        pos = m.start()
        while pos < m.end():
            cut, filled = pos, 0
            while cut < m.end():
                cw = cells(text[cut])
                if filled + cw > width and cut > pos:
                    break
                filled += cw
                cut += 1
                while cut < m.end() and cells(text[cut]) == 0:
                    cut += 1  # marks and controls stay with their character
            if cut >= m.end():
                start, end, used = pos, m.end(), filled
                break
            lines.append((pos, cut))
            pos = cut
    if start >= 0:
        lines.append((start, end))
    return lines


# --------------------------------------------------------------------------- reordering


def visual_order(text: str, levels: Sequence[int], start: int, end: int, rtl: bool) -> list[int]:
    """Indices of ``text[start:end]`` in display order, left to right (rules L1-L3; controls dropped).

    *levels* are the paragraph's (:func:`paragraph_levels`); only this line is reordered.
    """
    base = 1 if rtl else 0
    idx = list(range(start, end))
    lv = [levels[i] for i in idx]
    # L1: trailing whitespace and isolate controls take the paragraph level
    k = len(idx) - 1
    while k >= 0 and (text[idx[k]].isspace() or text[idx[k]] in BIDI_CONTROLS):
        lv[k] = base
        k -= 1
    for k, i in enumerate(idx):  # …and so do tabs and the blanks right before them
        if text[i] == "\t":
            lv[k] = base
            j = k - 1
            while j >= 0 and (text[idx[j]].isspace() or text[idx[j]] in BIDI_CONTROLS):
                lv[j] = base
                j -= 1
    # L3 (as a grouping): a base character and its combining marks move as one cluster
    clusters: list[list[int]] = []
    levels_c: list[int] = []
    for k, i in enumerate(idx):
        if clusters and is_mark(text[i]):
            clusters[-1].append(i)
            continue
        clusters.append([i])
        levels_c.append(lv[k])
    if not clusters:
        return []
    order = list(range(len(clusters)))
    highest = max(levels_c)
    odd = [x for x in levels_c if x % 2]
    if odd:
        lowest_odd = min(odd)
        for level in range(highest, lowest_odd - 1, -1):  # L2
            k = 0
            n = len(order)
            while k < n:
                if levels_c[order[k]] >= level:
                    m = k
                    while m < n and levels_c[order[m]] >= level:
                        m += 1
                    order[k:m] = order[k:m][::-1]
                    k = m
                else:
                    k += 1
    return [i for c in order for i in clusters[c] if text[i] not in BIDI_CONTROLS]


# --------------------------------------------------------------------------- shaping

_ARABIC_RUN = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\u200c\u200d]+")


@functools.lru_cache(maxsize=1)
def _reshaper():
    import arabic_reshaper

    return arabic_reshaper.ArabicReshaper(
        configuration={
            "delete_harakat": False,  # keep the vowel marks the translator wrote
            "support_ligatures": True,  # lam-alef is mandatory in Arabic …
            "ARABIC LIGATURE ALLAH": False,  # … word ligatures are not
        }
    )


def shape_line(text: str) -> tuple[str, list[int]]:
    """Arabic presentation forms for *text* (logical order) and, per output character, its source index.

    Lam-alef becomes one character (two sources, the first one kept).  Where the reshaper's output
    cannot be lined up with its input the run is left unshaped.
    """
    try:
        reshaper = _reshaper()
    except ImportError:
        return text, list(range(len(text)))
    if not _ARABIC_RUN.search(text):
        return text, list(range(len(text)))
    shaped = reshaper.reshape(text)  # one call per line: the reshaper is slow per call
    mapping = _align(text, shaped)
    if mapping is not None:
        return shaped, mapping
    out: list[str] = []
    src: list[int] = []
    pos = 0
    for m in _ARABIC_RUN.finditer(text):  # misaligned somewhere: shape word by word
        out.append(text[pos : m.start()])
        src.extend(range(pos, m.start()))
        run = m.group()
        shaped = reshaper.reshape(run)
        mapping = _align(run, shaped)
        if mapping is None:
            out.append(run)
            src.extend(range(m.start(), m.end()))
        else:
            out.append(shaped)
            src.extend(m.start() + k for k in mapping)
        pos = m.end()
    out.append(text[pos:])
    src.extend(range(pos, len(text)))
    return "".join(out), src


def _align(run: str, shaped: str) -> list[int] | None:
    mapping: list[int] = []
    k = 0
    for ch in shaped:
        if k >= len(run):
            return None
        mapping.append(k)
        if 0xFB50 <= ord(ch) <= 0xFDFF or 0xFE70 <= ord(ch) <= 0xFEFF:
            base = unicodedata.normalize("NFKC", ch)
            k += len(base)
        else:
            k += 1
    return mapping if k == len(run) else None
