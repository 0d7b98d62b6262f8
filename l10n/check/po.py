"""Reading catalogues for checking: a strict, fast PO reader with :func:`l10n.catalog.read_po` as referee.

``l10n check`` reads every catalogue of a project on every CI run, and polib (plus ``read_po``'s
line validation) costs about 90 µs per entry, which is most of a check run.  This reader accepts only
the plain, well-formed subset of the format that l10n, msgmerge and Poedit write (UTF-8, no leading
blanks, the usual comment markers, the five common escapes, no duplicates) and gives the same entries,
line numbers, flags and comments as polib.  Anything outside that subset (a malformed line, another
charset, an odd escape) is handed to ``read_po``, which either parses it or raises the one-line
``path:line: …`` :class:`~l10n.errors.InputError` the CLI turns into exit code 2.  So a catalogue is
never judged by a laxer parser than the rest of l10n uses.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from l10n.errors import InputError

__all__ = ["PoEntry", "Catalogue", "load_catalogue", "parse_catalogue"]


@dataclass(frozen=True, slots=True)
class PoEntry:
    """The parts of a PO entry the checks use.  ``line`` is polib's ``linenum``: the entry's first line."""

    line: int
    msgid: str
    msgstr: str
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr_plural: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    tcomment: str = ""
    comment: str = ""

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def translated(self) -> bool:
        if self.msgid_plural is not None:
            return bool(self.msgstr_plural) and all(self.msgstr_plural)
        return bool(self.msgstr)


@dataclass(frozen=True)
class Catalogue:
    path: str
    language: str  # the ``Language`` header ('' if none)
    entries: tuple[PoEntry, ...]  # active entries, header and obsolete ones left out
    #: First line of every entry in the file, header and obsolete ones included (--changed-since
    #: must not blame the last active entry for an edit to an obsolete one below it).
    starts: tuple[int, ...] = ()


class _Fallback(Exception):
    """The fast reader met something outside its subset: let read_po decide."""


_KEYWORD = re.compile(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)[ \t]+"((?:[^"\\]|\\.)*)"[ \t]*')
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"[ \t]*')
_ESCAPE = re.compile(r"\\(.)")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"'}
_CHARSET = re.compile(rb"charset=([A-Za-z0-9_.:-]+)")


def _unescape(s: str) -> str:
    if "\\" not in s:
        return s

    def repl(m: re.Match[str]) -> str:
        try:
            return _ESCAPES[m.group(1)]
        except KeyError:
            raise _Fallback from None

    return _ESCAPE.sub(repl, s)


class _Builder:
    __slots__ = (
        "line",
        "msgctxt",
        "msgid",
        "msgid_plural",
        "msgstr",
        "plural",
        "flags",
        "tcomment",
        "comment",
        "obsolete",
        "state",
        "index",
    )

    def __init__(self, line: int) -> None:
        self.line = line
        self.msgctxt: str | None = None
        self.msgid: str | None = None
        self.msgid_plural: str | None = None
        self.msgstr = ""
        self.plural: dict[int, str] = {}
        self.flags: list[str] = []
        self.tcomment = ""
        self.comment = ""
        self.obsolete = False
        self.state = ""  # "", ct, mi, mp, ms, mx
        self.index = 0


def parse_catalogue(data: bytes, path: str | os.PathLike[str]) -> Catalogue:
    """Parse PO *data*; fall back to ``read_po``'s parser for anything unusual (see module doc)."""
    path = str(path)
    try:
        return _fast(data, path)
    except (_Fallback, UnicodeDecodeError):
        return _slow(data, path)


def load_catalogue(path: str | os.PathLike[str]) -> Catalogue:
    """Read a catalogue; a missing file or bad syntax is one :class:`InputError` naming ``path:line``."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such catalogue (run 'l10n update' first)") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from exc
    return parse_catalogue(data, path)


def _fast(data: bytes, path: str) -> Catalogue:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    m = _CHARSET.search(data[:4096])
    if m and m.group(1).lower() not in (b"utf-8", b"utf8"):
        raise _Fallback
    text = data.decode("utf-8")
    if "\r" in text:
        raise _Fallback
    entries: list[_Builder] = []
    cur = _Builder(1)
    started = False  # has the current entry any line yet?
    seen_msgid = False  # header comments come before the first msgid of the file

    def new(lineno: int) -> _Builder:
        if cur.msgid is None or cur.state not in ("ms", "mx"):
            raise _Fallback  # an entry without msgstr
        entries.append(cur)
        return _Builder(lineno)

    for lineno, line in enumerate(text.split("\n"), 1):
        if not line or line.isspace():
            continue
        if line[-1] in " \t":
            line = line.rstrip()
        first = line[0]
        obsolete = False
        if first == "#":
            second = line[1:2]
            if second == "~":
                if line.startswith("#~|"):
                    continue
                rest = line[2:].lstrip(" \t")
                if not rest or rest[0] == "#":
                    raise _Fallback
                line, first, obsolete = rest, rest[0], True
            else:
                if cur.state in ("ms", "mx"):
                    cur = new(lineno)
                    started = False
                if not started:
                    cur.line, started = lineno, True
                if second == "," and line.startswith("#, "):
                    cur.flags.extend(f.strip() for f in line[3:].split(","))
                elif second == ":" or second == "|":
                    if second == "|" and len(line.split(None, 2)) < 2:
                        raise _Fallback
                elif second == "." and line.startswith("#. "):
                    if cur.comment:
                        cur.comment += "\n"
                    cur.comment += line[3:]
                elif second in ("", " ", "#"):
                    if not seen_msgid:
                        continue  # file header comment
                    tc = line.lstrip("#")
                    if tc.startswith(" "):
                        tc = tc[1:]
                    if cur.tcomment:
                        cur.tcomment += "\n"
                    cur.tcomment += tc
                else:
                    raise _Fallback
                continue
        if first == "m":
            km = _KEYWORD.fullmatch(line)
            if km is None:
                raise _Fallback
            keyword, index, value = km.group(1), km.group(2), _unescape(km.group(3))
            if keyword in ("msgid", "msgctxt"):
                if cur.state in ("ms", "mx"):
                    cur = new(lineno)
                    started = False
                elif cur.state in ("mi", "mp") or (keyword == "msgctxt" and cur.state == "ct"):
                    raise _Fallback
                if not started:
                    cur.line, started = lineno, True
                if keyword == "msgid":
                    cur.msgid, cur.state, cur.obsolete = value, "mi", obsolete
                    seen_msgid = True
                else:
                    cur.msgctxt, cur.state = value, "ct"
            elif keyword == "msgid_plural":
                if cur.state != "mi":
                    raise _Fallback
                cur.msgid_plural, cur.state = value, "mp"
            elif index is None:
                if cur.state != "mi":
                    raise _Fallback
                cur.msgstr, cur.state = value, "ms"
            else:
                if cur.state not in ("mi", "mp", "mx"):
                    raise _Fallback
                cur.index = int(index)
                cur.plural[cur.index] = value
                cur.state = "mx"
        elif first == '"':
            sm = _STRING.fullmatch(line)
            if sm is None:
                raise _Fallback
            value = _unescape(sm.group(1))
            state = cur.state
            if state == "mi":
                cur.msgid += value  # type: ignore[operator]
            elif state == "ms":
                cur.msgstr += value
            elif state == "ct":
                cur.msgctxt += value  # type: ignore[operator]
            elif state == "mp":
                cur.msgid_plural += value  # type: ignore[operator]
            elif state == "mx":
                cur.plural[cur.index] += value
            else:
                raise _Fallback
        else:
            raise _Fallback
    if cur.msgid is not None:
        if cur.state not in ("ms", "mx"):
            raise _Fallback
        entries.append(cur)

    language = ""
    out: list[PoEntry] = []
    keys: set[tuple[str | None, str]] = set()
    header_done = False
    for b in entries:
        key = (b.msgctxt, b.msgid or "")
        if key in keys:
            raise _Fallback  # duplicates: read_po reports them
        keys.add(key)
        if b.obsolete:
            continue
        if not header_done and b.msgid == "" and b.msgctxt is None:
            header_done = True
            for hline in b.msgstr.split("\n"):
                if hline.startswith("Language:"):
                    language = hline[9:].strip()
            continue
        if b.msgid == "":
            raise _Fallback
        out.append(
            PoEntry(
                line=b.line,
                msgid=b.msgid or "",
                msgstr=b.msgstr,
                msgctxt=b.msgctxt,
                msgid_plural=b.msgid_plural,
                msgstr_plural=tuple(b.plural[i] for i in sorted(b.plural)),
                flags=tuple(b.flags),
                tcomment=b.tcomment,
                comment=b.comment,
            )
        )
    return Catalogue(path, language, tuple(out), tuple(b.line for b in entries))


def _slow(data: bytes, path: str) -> Catalogue:
    from l10n.catalog import parse_po

    po = parse_po(data, path)  # raises InputError path:line on anything malformed
    entries = tuple(
        PoEntry(
            line=e.linenum or 0,
            msgid=e.msgid,
            msgstr=e.msgstr,
            msgctxt=e.msgctxt,
            msgid_plural=e.msgid_plural or None,
            msgstr_plural=tuple(e.msgstr_plural[i] for i in sorted(e.msgstr_plural)),
            flags=tuple(e.flags),
            tcomment=e.tcomment or "",
            comment=e.comment or "",
        )
        for e in po
        if not e.obsolete
    )
    starts = tuple(sorted(e.linenum or 0 for e in po))
    return Catalogue(path, po.metadata.get("Language", ""), entries, starts)
