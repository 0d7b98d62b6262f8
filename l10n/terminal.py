"""Text from a catalogue is data, never terminal commands: the one neutraliser every printer uses.

A msgstr can hold ``ESC ] 0 ; … BEL`` (retitle the window), ``ESC [ 2 J`` (clear the screen), colour
codes that hide text, a carriage return that overprints a line, or the 8-bit CSI (U+009B).  rich passes
ESC through untouched, so everything l10n prints from a catalogue, an article or a path goes through
:func:`safe` first: each C0/C1 control character (and DEL) becomes one visible stand-in, so escape
sequences cannot start, and a highlighted span keeps its offsets (one character for one).  Newline
and tab are kept.

>>> safe("red \\x1b[31mtext\\x07")
'red ␛[31mtext␇'
"""

from __future__ import annotations

__all__ = ["safe"]

_TABLE = {c: 0x2400 + c for c in range(0x20) if c not in (0x09, 0x0A)}  # ␀ … ␟: Control Pictures
_TABLE[0x7F] = 0x2421  # ␡
_TABLE.update({c: 0xFFFD for c in range(0x80, 0xA0)})  # C1 controls (0x9B is an 8-bit CSI)


def safe(text: str) -> str:
    """*text* with every control character but newline and tab replaced by a visible stand-in."""
    return text.translate(_TABLE)


def console(**kwargs):
    """A rich Console whose ``print`` passes plain strings through :func:`safe` first.

    Renderables built from catalogue text (reports, previews, tables) call :func:`safe` on that text
    when they build it; this covers the plain lines the CLI prints (paths, summaries, failures).
    """
    from rich.console import Console

    class _SafeConsole(Console):
        def print(self, *objects, **kw):  # noqa: A003 - rich's name
            super().print(*(safe(o) if isinstance(o, str) else o for o in objects), **kw)

    return _SafeConsole(**kwargs)
