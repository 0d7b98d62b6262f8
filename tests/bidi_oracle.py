"""GNU FriBidi (libfribidi, through ctypes) as a second, independent implementation of the Unicode bidi
algorithm: the preview's layout uses python-bidi, Chromium uses ICU; FriBidi judges both."""

from __future__ import annotations

import ctypes
import ctypes.util

import pytest

__all__ = ["fribidi", "visual"]

_CONTROLS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def fribidi() -> ctypes.CDLL:
    try:
        return ctypes.CDLL(ctypes.util.find_library("fribidi") or "libfribidi.so.0")
    except OSError:
        pytest.skip("libfribidi is not installed (apt-get install libfribidi0)")


def visual(line: str, rtl: bool = True) -> str:
    """*line* in display order (left to right) per FriBidi: levels (with isolates and bracket pairs),
    rule L2 reordering, mirrored glyphs at odd levels; no shaping; bidi controls removed."""
    lib = fribidi()
    n = len(line)
    if not n:
        return ""
    chars = (ctypes.c_uint32 * n)(*map(ord, line))
    types = (ctypes.c_uint32 * n)()
    brackets = (ctypes.c_uint32 * n)()
    levels = (ctypes.c_int8 * n)()
    order = (ctypes.c_int * n)(*range(n))
    base = ctypes.c_uint32(0x111 if rtl else 0x110)  # FRIBIDI_PAR_RTL / FRIBIDI_PAR_LTR
    lib.fribidi_get_bidi_types(chars, n, types)
    lib.fribidi_get_bracket_types(chars, n, types, brackets)
    if lib.fribidi_get_par_embedding_levels_ex(types, brackets, n, ctypes.byref(base), levels) == 0:
        raise RuntimeError("fribidi_get_par_embedding_levels_ex failed")
    lib.fribidi_reorder_line(0x2, types, n, 0, base, levels, None, order)  # FRIBIDI_FLAG_REORDER_NSM
    out = []
    for k in order:
        ch = line[k]
        if levels[k] % 2:
            mirrored = ctypes.c_uint32()
            if lib.fribidi_get_mirror_char(ord(ch), ctypes.byref(mirrored)):
                ch = chr(mirrored.value)
        out.append(ch)
    return "".join(ch for ch in out if ch not in _CONTROLS)
