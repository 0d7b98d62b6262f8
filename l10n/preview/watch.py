"""``l10n preview --watch``: the preview follows the files a translator saves, in place.

A translator saves in Poedit (write a temporary file, rename it over the catalogue) or in a text editor
(truncate and rewrite in place); an editor keeps the preview open beside it.  So:

* **polling**, not inotify: every *interval* we ``stat`` the watched files and compare (inode, size,
  mtime in ns) — a rename changes the inode, an in-place write the size or mtime.  No new dependency, and
  it works on every file system the project may sit on (network mounts, containers).
* **settling**: a changed file is read once its signature has stayed the same for one more poll, so a
  rewrite in progress is not read half-way; if it still does not parse, the last good version stays on
  screen under a one-line notice, until the next save.
* **no lock**: we only read.  A translator's editor never waits for us, nor does ``l10n update``.
* **scroll position kept**: the article is drawn on the alternate screen from line *top*, and *top*
  survives a re-render (clamped to the new length).  Keys: ↑/↓ or k/j, PgUp/PgDn or b/space, Home/End
  or g/G, q to quit.

:class:`Watcher` is the pure part (what to show, given file states and keys) and is tested without a
terminal; :func:`run_watch` is the terminal edge (raw keys, alternate screen, resize).
"""

from __future__ import annotations

import io
import os
import select
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.text import Text

__all__ = ["Signature", "signature", "Watcher", "run_watch", "KEYS"]

Signature = tuple


def signature(paths: Iterable[Path]) -> Signature:
    """(path, inode, size, mtime_ns) of every watched file; a directory stands for its ``*.csv`` files."""
    out: list[tuple] = []
    for path in paths:
        if path.is_dir():
            out.extend(signature(sorted(p for p in path.glob("*.csv") if p.is_file())))
            continue
        try:
            st = path.stat()
        except OSError:
            out.append((str(path), None))
            continue
        out.append((str(path), st.st_ino, st.st_size, st.st_mtime_ns))
    return tuple(out)


#: Keys (as read from a terminal in cbreak mode) and what they do to the scroll position.
KEYS = {
    "\x1b[A": "up", "k": "up", "\x1b[B": "down", "j": "down",
    "\x1b[5~": "page up", "b": "page up", "\x1b[6~": "page down", " ": "page down",
    "\x1b[H": "home", "\x1b[1~": "home", "g": "home", "\x1b[F": "end", "\x1b[4~": "end", "G": "end",
    "q": "quit", "Q": "quit",
}


@dataclass
class Watcher:
    """What ``--watch`` shows: the last good preview, a notice when a file did not load, the scroll position.

    *load* builds the preview (a rich renderable) from the files; *paths* lists what to watch.
    """

    load: Callable[[], object]
    paths: Callable[[], list[Path]]
    shown: object | None = None
    notice: str = ""
    top: int = 0
    loads: int = 0
    loaded_at: str = ""
    seen: Signature | None = field(default=None, repr=False)  # the files as last loaded
    _pending: Signature | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.shown is not None and not self.loaded_at:
            self.loaded_at = time.strftime("%H:%M:%S")

    def poll(self) -> bool:
        """Look at the files; reload once a change has settled.  True when what to show changed."""
        now = signature(self.paths())
        if now == self.seen:
            self._pending = None
            return False
        if self.seen is not None and now != self._pending:
            self._pending = now  # changed since the last look: let it settle for one poll
            return False
        self.seen, self._pending = now, None
        return self.reload()

    def reload(self) -> bool:
        try:
            preview = self.load()
        except Exception as exc:  # noqa: BLE001 - a half-written file must not end the preview
            reason = " ".join(str(exc).split()) or type(exc).__name__
            self.notice = f"last good version shown, not reloaded: {reason}" if self.shown else reason
            return True
        self.shown, self.notice = preview, ""
        self.loads += 1
        self.loaded_at = time.strftime("%H:%M:%S")
        return True

    def key(self, key: str, page: int) -> bool:
        """Apply a key; False when it asks to quit."""
        action = KEYS.get(key)
        if action == "quit":
            return False
        step = {"up": -1, "down": 1, "page up": -max(1, page - 1), "page down": max(1, page - 1)}.get(action or "")
        if step:
            self.top = max(0, self.top + step)
        elif action == "home":
            self.top = 0
        elif action == "end":
            self.top = 1 << 30  # clamped when drawn
        return True

    def screen(self, width: int, height: int, *, color_system: str | None = "truecolor") -> list[str]:
        """The screen's lines (with ANSI styles): the article from line *top*, then notice and status."""
        lines = render_lines(self.shown, width, color_system=color_system) if self.shown is not None else []
        bottom = [_line(Text(self.notice[: width - 1] or " ", style="bold white on red"), width, color_system)] if self.notice else []
        rows = max(1, height - 1 - len(bottom))
        self.top = max(0, min(self.top, max(0, len(lines) - rows)))
        body = lines[self.top : self.top + rows]
        body += [""] * (rows - len(body))
        end = min(len(lines), self.top + rows)
        status = (
            f" {self.top + 1 if lines else 0}-{end}/{len(lines)} · loaded {self.loaded_at or '-'} · watching"
            f" {len(self.paths())} files · ↑↓ PgUp PgDn Home End · q quits"
        )
        return [*body, *bottom, _line(Text(status[:width].ljust(width), style="reverse"), width, color_system)]


def render_lines(renderable, width: int, *, color_system: str | None = "truecolor") -> list[str]:
    """*renderable* as the lines a terminal *width* cells wide would show (ANSI styles kept)."""
    buf = io.StringIO()
    console = Console(file=buf, width=width, force_terminal=color_system is not None, color_system=color_system,
                      highlight=False, legacy_windows=False, soft_wrap=False)
    console.print(renderable)
    return buf.getvalue().splitlines()


def _line(text: Text, width: int, color_system: str | None) -> str:
    text.no_wrap = True
    text.overflow = "ellipsis"
    return render_lines(text, width, color_system=color_system)[0]


def run_watch(watcher: Watcher, *, interval: float = 0.2, stdin=None, stdout=None) -> int:
    """Show *watcher* full-screen until q (or Ctrl-C), re-drawing on a change, a key or a resize."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    fd = stdin.fileno()
    import termios
    import tty

    saved = termios.tcgetattr(fd)
    out = stdout.buffer if hasattr(stdout, "buffer") else None

    def write(s: str) -> None:
        if out is not None:
            out.write(s.encode("utf-8", "replace"))
            out.flush()
        else:
            stdout.write(s)
            stdout.flush()

    size = None
    try:
        tty.setcbreak(fd)
        write("\x1b[?1049h\x1b[?25l")  # alternate screen, cursor hidden
        dirty = True
        while True:
            if watcher.poll():
                dirty = True
            now = os.get_terminal_size(stdout.fileno())
            if now != size:
                size, dirty = now, True
            if dirty:
                rows = watcher.screen(size.columns, size.lines)
                write("\x1b[H" + "\r\n".join(row + "\x1b[0m\x1b[K" for row in rows))
                dirty = False
            ready, _, _ = select.select([fd], [], [], interval)
            if ready:
                data = os.read(fd, 64).decode("utf-8", "replace")
                for key in _keys(data):
                    if not watcher.key(key, size.lines - 1):
                        return 0
                dirty = True
    except KeyboardInterrupt:
        return 0
    finally:
        write("\x1b[?25h\x1b[?1049l")
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)


def _keys(data: str) -> list[str]:
    """Split what one read returned into keys (escape sequences kept whole)."""
    out: list[str] = []
    i = 0
    while i < len(data):
        if data[i] == "\x1b":
            for seq in sorted((k for k in KEYS if k.startswith("\x1b")), key=len, reverse=True):
                if data.startswith(seq, i):
                    out.append(seq)
                    i += len(seq)
                    break
            else:
                i += 1
            continue
        out.append(data[i])
        i += 1
    return out
