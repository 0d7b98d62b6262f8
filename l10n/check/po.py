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
    #: The ``Plural-Forms`` header value ('' if none): which counts select each msgstr[n].
    plural_forms: str = ""


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


_STR = r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"'
_CONT = r"((?:" + _STR + r"[ \t]*\n)*)"
#: One entry in the plain form: comments, msgctxt, msgid, msgid_plural, then msgstr or msgstr[n].
_ENTRY = re.compile(
    r"((?:#[^\n]*\n)*)"
    r"(?:msgctxt[ \t]+(" + _STR + r")[ \t]*\n" + _CONT + r")?"
    r"msgid[ \t]+("
    + _STR
    + r")[ \t]*\n"
    + _CONT
    + r"(?:msgid_plural[ \t]+("
    + _STR
    + r")[ \t]*\n"
    + _CONT
    + r")?"
    r"((?:msgstr(?:\[\d+\])?[ \t]+" + _STR + r"[ \t]*\n(?:" + _STR + r"[ \t]*\n)*)+)"
)
_MSGSTR = re.compile(r"msgstr(?:\[(\d+)\])?[ \t]+(" + _STR + r")[ \t]*\n" + _CONT)
_PIECE = re.compile(r'"([^"\\\n]*(?:\\.[^"\\\n]*)*)"')
_BLANKS = re.compile(r"(?:[ \t]*\n)*")
_COMMENT_BLOCK = re.compile(r"(?:#[^\n]*\n)+")
#: Lines of an obsolete entry (``#~``) or of trailing comments, which polib validates but we skip.
_OBSOLETE_LINE = re.compile(
    r"#~\|.*|#~[ \t]*(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)[ \t]+)?" + _STR + r"[ \t]*"
    r"|#(?:[.:|,][ \t].*|[ \t#].*|)"
)


def _string(first: str, cont: str) -> str:
    value = _unescape(first[1:-1])
    if cont:
        value += "".join(_unescape(p) for p in _PIECE.findall(cont))
    return value


def _fast(data: bytes, path: str) -> Catalogue:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    m = _CHARSET.search(data[:4096])
    if m and m.group(1).lower() not in (b"utf-8", b"utf8"):
        raise _Fallback
    text = data.decode("utf-8")
    if "\r" in text:
        raise _Fallback
    if not text.endswith("\n"):
        text += "\n"
    n = len(text)
    pos, line = 0, 1
    language = plural_forms = ""
    header_done = False
    seen_msgid = False
    keys: set[tuple[str | None, str]] = set()
    out: list[PoEntry] = []
    starts: list[int] = []
    while True:
        b = _BLANKS.match(text, pos)
        if b.end() != pos:
            line += text.count("\n", pos, b.end())
            pos = b.end()
        if pos >= n:
            break
        m = _ENTRY.match(text, pos)
        if m is None:
            # An obsolete entry (or trailing comments): check its lines, skip it, note where it starts.
            c = _COMMENT_BLOCK.match(text, pos)
            if c is None:
                raise _Fallback
            block = c.group()
            if any(_OBSOLETE_LINE.fullmatch(x.rstrip()) is None for x in block[:-1].split("\n")):
                raise _Fallback
            after = c.end()
            if after < n and text[after] != "\n":
                raise _Fallback
            starts.append(line)
            line += block.count("\n")
            pos = after
            continue
        comments, ctx, ctxc, mid, midc, plural, pluralc, strs = m.groups()
        entry_line = line
        starts.append(line)
        line += text.count("\n", pos, m.end())
        pos = m.end()
        flags: list[str] = []
        tcomment = comment = ""
        if comments:
            for cl in comments[:-1].split("\n"):
                cl = cl.rstrip()
                c1 = cl[1:2]
                if c1 == ".":
                    if not cl.startswith("#. "):
                        raise _Fallback
                    comment = f"{comment}\n{cl[3:]}" if comment else cl[3:]
                elif c1 == ":" or c1 == "|":
                    if len(cl) > 2 and cl[2] not in " \t":
                        raise _Fallback
                elif c1 == ",":
                    if not cl.startswith("#, "):
                        raise _Fallback
                    flags.extend(f.strip() for f in cl[3:].split(","))
                elif c1 in ("", " ", "#"):
                    if seen_msgid:
                        tc = cl.lstrip("#")
                        tc = tc[1:] if tc.startswith(" ") else tc
                        tcomment = f"{tcomment}\n{tc}" if tcomment else tc
                else:
                    raise _Fallback  # "#~" inside an entry, "#x": leave it to polib
        seen_msgid = True
        msgid = _string(mid, midc)
        msgctxt = _string(ctx, ctxc) if ctx is not None else None
        key = (msgctxt, msgid)
        if key in keys:
            raise _Fallback  # duplicates: read_po reports them
        keys.add(key)
        forms = _MSGSTR.findall(strs)
        if plural is None:
            if len(forms) != 1 or forms[0][0]:
                raise _Fallback
            msgstr, msgstr_plural, msgid_plural = _string(forms[0][1], forms[0][2]), (), None
        else:
            if any(not f[0] for f in forms):
                raise _Fallback
            indexed = {int(i): _string(first, cont) for i, first, cont in forms}
            msgstr, msgid_plural = "", _string(plural, pluralc)
            msgstr_plural = tuple(indexed[i] for i in sorted(indexed))
        if not header_done and msgid == "" and msgctxt is None:
            header_done = True
            for hline in msgstr.split("\n"):
                if hline.startswith("Language:"):
                    language = hline[9:].strip()
                elif hline.startswith("Plural-Forms:"):
                    plural_forms = hline[13:].strip()
            continue
        if msgid == "":
            raise _Fallback
        out.append(
            PoEntry(
                line=entry_line,
                msgid=msgid,
                msgstr=msgstr,
                msgctxt=msgctxt,
                msgid_plural=msgid_plural,
                msgstr_plural=msgstr_plural,
                flags=tuple(flags),
                tcomment=tcomment,
                comment=comment,
            )
        )
    return Catalogue(path, language, tuple(out), tuple(starts), plural_forms)


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
    md = po.metadata
    return Catalogue(path, md.get("Language", ""), entries, starts, md.get("Plural-Forms", ""))
