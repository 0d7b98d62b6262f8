"""The one PO model: :class:`Message` and :class:`Catalog`, :func:`parse_po` and :func:`render_po`.

Every command (``check`` included) reads catalogues through this module, so there is one grammar and
one set of line numbers.  The model knows no files: it takes and returns bytes.

Why it keeps the original text: translators review catalogue changes as diffs, and tools disagree on
wrapping (polib 78 columns, msgcat/Poedit 79, Babel 76, ``--no-wrap``), comment layout and escapes.
So every entry remembers the exact lines it was read from and a snapshot of its fields; rendering an
entry whose fields did not change gives those lines back byte for byte, and a changed entry is
rendered in the file's own style (its wrap width, line ends, charset) reusing the unchanged parts'
original lines.  An untouched catalogue renders to the very bytes it was read from.

Strictness equals msgfmt's: the escapes it knows (``\\n \\t \\b \\r \\f \\v \\a \\\\ \\"``, octal
``\\101``, hex ``\\x41``) and no others, no stray ``#|``/``#~|`` lines, consistent ``#~``, plural
indices in order, no duplicate msgid (active or obsolete).  Each violation is one
:class:`~l10n.errors.InputError` naming ``file:line``.

>>> cat = parse_po(b'msgid ""\\nmsgstr "Language: fr\\\\n"\\n\\nmsgid "A\\\\101"\\nmsgstr "B"\\n', "x.po")
>>> [m.msgid for m in cat], cat.metadata["Language"]
(['AA'], 'fr')
>>> render_po(cat) == b'msgid ""\\nmsgstr "Language: fr\\\\n"\\n\\nmsgid "A\\\\101"\\nmsgstr "B"\\n'
True
"""

from __future__ import annotations

import codecs
import gc
import re

from l10n.errors import InputError

__all__ = [
    "MAX_CATALOG_BYTES",
    "Message",
    "Catalog",
    "parse_po",
    "render_po",
    "escape",
]

#: Catalogues are per article: refuse anything this large instead of grinding through it (the
#: largest of 1,296 real Django/Sphinx catalogues is under 1 MiB).
MAX_CATALOG_BYTES = 32 * 1024 * 1024

_DEFAULT_WIDTH = 79  # msgmerge, msgcat and Poedit


class Message:
    """One PO entry.  Attribute names follow polib's ``POEntry`` (the names translators' tools use).

    ``msgstr_plural`` is a list indexed by plural form; ``msgid_plural`` is None for a singular entry;
    ``line`` is the entry's first line in the file (comments included), 0 for an entry built in code.
    """

    __slots__ = (
        "msgid", "msgstr", "msgctxt", "msgid_plural", "msgstr_plural", "flags", "tcomment", "comment",
        "occurrences", "previous_msgctxt", "previous_msgid", "previous_msgid_plural", "obsolete", "line",
        "msgid_line", "_raw", "_snap",
    )  # fmt: skip

    def __init__(
        self,
        msgid: str = "",
        msgstr: str = "",
        *,
        msgctxt: str | None = None,
        msgid_plural: str | None = None,
        msgstr_plural=(),
        flags=(),
        tcomment: str = "",
        comment: str = "",
        occurrences=(),
        previous_msgctxt: str | None = None,
        previous_msgid: str | None = None,
        previous_msgid_plural: str | None = None,
        obsolete: bool = False,
        line: int = 0,
    ) -> None:
        self.msgid, self.msgstr, self.msgctxt, self.msgid_plural = msgid, msgstr, msgctxt, msgid_plural
        self.msgstr_plural, self.flags, self.occurrences = list(msgstr_plural), list(flags), list(occurrences)
        self.tcomment, self.comment, self.obsolete = tcomment, comment, obsolete
        self.previous_msgctxt, self.previous_msgid = previous_msgctxt, previous_msgid
        self.previous_msgid_plural = previous_msgid_plural
        self.line = self.msgid_line = line
        self._raw: str | None = None  # the lines read from the file (joined by "\n")
        self._snap: tuple | None = None  # the fields when read

    # polib's names, so callers read naturally
    @property
    def linenum(self) -> int:
        return self.line

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @fuzzy.setter
    def fuzzy(self, value: bool) -> None:
        if value and "fuzzy" not in self.flags:
            self.flags.append("fuzzy")
        elif not value:
            self.flags = [f for f in self.flags if f != "fuzzy"]

    @property
    def translated(self) -> bool:
        """Every form has a translation (fuzzy or not: the check asks about fuzziness separately)."""
        if self.msgid_plural is not None:
            return bool(self.msgstr_plural) and all(self.msgstr_plural)
        return bool(self.msgstr)

    @property
    def has_translation(self) -> bool:
        """Something was typed: a msgstr or any plural form."""
        return bool(self.msgstr) or any(self.msgstr_plural)

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)

    def _state(self) -> tuple:
        return (
            self.msgid, self.msgstr, self.msgctxt, self.msgid_plural, tuple(self.msgstr_plural),
            tuple(self.flags), self.tcomment, self.comment, tuple(self.occurrences), self.previous_msgctxt,
            self.previous_msgid, self.previous_msgid_plural, self.obsolete,
        )  # fmt: skip

    @property
    def changed(self) -> bool:
        """True for an entry built in code or edited since it was read."""
        return self._snap is None or self._snap != self._state()

    def __repr__(self) -> str:
        return f"Message({self.msgid!r}, {self.msgstr!r}, msgctxt={self.msgctxt!r}, line={self.line})"


class Catalog:
    """A PO/POT file: header fields (``metadata``), entries in file order (obsolete ones included) and
    the style needed to write it back as it was (charset, BOM, line ends, wrap width, the text
    between entries)."""

    def __init__(self, path: str = "", *, charset: str = "UTF-8") -> None:
        self.path = path
        self.charset = charset  # as declared in the header
        self.bom = False
        self.newline = "\n"
        self.messages: list[Message] = []
        self.header_entry: Message | None = None
        self.metadata: dict[str, str] = {}
        self._meta_snap: dict[str, str] | None = None
        self._meta_lines: list[str] = []  # the header msgstr's lines as read ("Key: value")
        self._leads: dict[int, list[str]] = {}  # id(message) -> blank lines before it in the file
        self._tail: list[str] = [""]  # lines after the last entry ("" = the final newline)
        self._text: str | None = None  # what was read (for the wrap-width guess)
        #: False for a catalogue read only to be looked at (``parse_po(keep_layout=False)``): it
        #: remembers no bytes to write back, and :func:`render_po` refuses it.
        self.keep_layout = True
        self._width: tuple[int, int] | None = None  # (msgid, msgstr) wrap widths

    # list-like, as polib's POFile
    def __iter__(self):
        return iter(self.messages)

    def __len__(self) -> int:
        return len(self.messages)

    def __getitem__(self, index: int) -> Message:
        return self.messages[index]

    def append(self, message: Message) -> None:
        self.messages.append(message)

    def obsolete_entries(self) -> list[Message]:
        return [m for m in self.messages if m.obsolete]

    @property
    def entries(self) -> list[Message]:
        """Active entries (what msgfmt compiles), header excluded."""
        return [m for m in self.messages if not m.obsolete]

    @property
    def starts(self) -> tuple[int, ...]:
        """First line of every entry read from the file, header and obsolete entries included."""
        lines = [m.line for m in self.messages if m.line]
        if self.header_entry is not None and self.header_entry.line:
            lines.append(self.header_entry.line)
        return tuple(sorted(lines))

    @property
    def language(self) -> str:
        return self.metadata.get("Language", "").strip()

    @property
    def plural_forms(self) -> str:
        """The ``Plural-Forms`` header value ('' if none): which counts select each msgstr[n]."""
        return self.metadata.get("Plural-Forms", "")

    @property
    def header(self) -> str:
        """The header's translator comment (polib's ``POFile.header``)."""
        return self.header_entry.tcomment if self.header_entry is not None else ""

    @header.setter
    def header(self, text: str) -> None:
        if self.header_entry is None:
            self.header_entry = Message("", "", flags=())
        self.header_entry.tcomment = text

    @property
    def widths(self) -> tuple[int, int]:
        """The wrap widths (msgid side, msgstr side; 0: not wrapped) the file was written with, guessed
        from its lines: Transifex, for one, leaves Babel's 76-column msgids and writes msgstrs unwrapped."""
        if self._width is None:
            self._width = _guess_widths(self._text) if self._text else (_DEFAULT_WIDTH, _DEFAULT_WIDTH)
        return self._width

    @property
    def width(self) -> int:
        return self.widths[1]

    @width.setter
    def width(self, value: int) -> None:
        self._width = (value, value)

    def derive(self) -> Catalog:
        """An empty catalogue with this one's header and style: a merge's result is written like its input.

        Shares the header and the between-entry text with *self*, which the caller gives up.
        """
        c = Catalog(self.path, charset=self.charset)
        c.bom, c.newline, c._width, c._text = self.bom, self.newline, self._width, self._text
        c.keep_layout = self.keep_layout
        c.header_entry = self.header_entry
        c.metadata = dict(self.metadata)
        c._meta_snap, c._meta_lines = self._meta_snap, self._meta_lines
        c._leads, c._tail = self._leads, self._tail
        return c

    def find(self, msgid: str, msgctxt: str | None = None) -> Message | None:
        for m in self.messages:
            if m.msgid == msgid and m.msgctxt == msgctxt:
                return m
        return None


# --------------------------------------------------------------------------- escapes

_SIMPLE = {"n": "\n", "t": "\t", "b": "\b", "r": "\r", "f": "\f", "v": "\v", "a": "\a", "\\": "\\", '"': '"'}
_ESC = re.compile(r"\\(x[0-9A-Fa-f]+|[0-7]{1,3}|.?)", re.S)
_TO_ESC = {v: "\\" + k for k, v in _SIMPLE.items()}
_NEEDS_ESC = re.compile(r'[\\"\n\t\b\r\f\v\a]')


def escape(text: str) -> str:
    """PO-escape *text* as msgcat does.

    >>> escape('say "hi"\\n')
    'say \\\\"hi\\\\"\\\\n'
    """
    if _NEEDS_ESC.search(text) is None:
        return text
    return _NEEDS_ESC.sub(lambda m: _TO_ESC[m.group()], text)


def _unescape(s: str, charset: str, where: str) -> str:
    """Decode the escapes msgfmt knows; anything else is an error (msgfmt: invalid control sequence)."""
    if "\\" not in s:
        return s
    raw: list[object] = []  # str pieces and byte values (octal/hex escapes are bytes in the file's charset)
    has_bytes = False
    pos = 0
    for m in _ESC.finditer(s):
        raw.append(s[pos : m.start()])
        pos = m.end()
        code = m.group(1)
        simple = _SIMPLE.get(code)
        if simple is not None:
            raw.append(simple)
        elif code[:1] == "x" and len(code) > 1:
            raw.append(int(code[1:], 16) & 0xFF)
            has_bytes = True
        elif code[:1] in "01234567" and code:
            raw.append(int(code, 8) & 0xFF)
            has_bytes = True
        else:
            shown = "\\" + code if code else "\\ at the end of a string"
            raise InputError(f"{where}: invalid escape sequence {shown!r} (msgfmt rejects it)")
    raw.append(s[pos:])
    if not has_bytes:
        return "".join(raw)  # type: ignore[arg-type]
    buf = bytearray()
    for piece in raw:
        buf += piece.encode(charset) if isinstance(piece, str) else bytes((piece,))
    try:
        return buf.decode(charset)
    except UnicodeDecodeError as exc:
        raise InputError(f"{where}: escaped bytes are not valid {charset}") from exc


# --------------------------------------------------------------------------- reader

_KW = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)(?=[\s\"]|$)")
_ONE = re.compile(r'[ \t]*"([^"\\]*(?:\\.[^"\\]*)*)"[ \t]*')
_MANY = re.compile(r'[ \t]*"([^"\\]*(?:\\.[^"\\]*)*)"')
_CHARSET = re.compile(rb"charset=([^\\\"\s;]+)")


def _literals(rest: str, where: object) -> list[str]:
    """The contents of the string literals making up *rest* (usually exactly one)."""
    m = _ONE.fullmatch(rest)
    if m is not None:
        return [m.group(1)]
    out = []
    pos = 0
    for m in _MANY.finditer(rest):
        if m.start() != pos:
            break
        out.append(m.group(1))
        pos = m.end()
    if not out or rest[pos:].strip():
        raise InputError(f"{where}: syntax error: expected a \"string\" in {rest.strip()[:60]!r}")
    return out


def _codec(declared: str, path: str) -> str:
    name = declared.strip()
    if not name or name.upper() == "CHARSET":  # a template's placeholder
        return "utf-8"
    try:
        return codecs.lookup(name).name
    except LookupError as exc:
        raise InputError(f"{path}: unknown charset {name!r} in the Content-Type header") from exc


class _Where:
    """``path:line`` for an error message, formatted only if an error is raised."""

    __slots__ = ("path", "i")

    def __init__(self, path: str, i: int) -> None:
        self.path, self.i = path, i

    def __str__(self) -> str:
        return f"{self.path}:{self.i + 1}"

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


class _Entry:
    """An entry being read (plain lists, turned into a :class:`Message` when complete)."""

    __slots__ = ("start", "last", "fields", "lines", "cur", "stage", "obsolete", "strs", "flags", "tc", "xc",
                 "refs", "prev", "prev_cur", "msgid_line", "plural")  # fmt: skip

    def __init__(self, start: int) -> None:
        self.start = start
        self.last = start
        self.fields: dict[str, list[str]] = {}
        self.lines: dict[str, int] = {}
        self.cur: list[str] | None = None
        self.stage = 0  # 0 nothing, 1 msgctxt, 2 msgid, 3 msgid_plural, 4 msgstr
        self.obsolete: bool | None = None
        self.strs: list[list[str]] = []
        self.flags: list[str] = []
        self.tc: list[str] = []
        self.xc: list[str] = []
        self.refs: list[tuple[str, str]] = []
        self.prev: dict[str, list[str]] = {}
        self.prev_cur: list[str] | None = None
        self.msgid_line = 0
        self.plural = False


def parse_po(
    data: bytes, path: str = "", *, max_bytes: int = MAX_CATALOG_BYTES, keep_layout: bool = True
) -> Catalog:
    """Parse PO/POT *data*; any problem is one :class:`InputError` naming ``path:line``.

    ``keep_layout=False`` is for readers that never write the catalogue back (``l10n check``): the
    same grammar, errors and fields, without the lines, snapshots and blank lines each entry keeps
    for a byte-identical rewrite (a sixth of the reading time, and half the memory).
    """
    path = str(path)
    if len(data) > max_bytes:
        raise InputError(
            f"{path}: {len(data) / 1048576:.1f} MiB is too large for a catalogue (limit {max_bytes / 1048576:.0f} MiB)"
        )
    cat = Catalog(path)
    body = data
    if body.startswith(b"\xef\xbb\xbf"):
        cat.bom = True
        body = body[3:]
    m = _CHARSET.search(body[:8192])
    declared = m.group(1).decode("ascii", "replace") if m else "UTF-8"
    charset = _codec(declared, path)
    if charset != "utf-8" and charset != "ascii" and not body.isascii():
        try:
            body.decode("utf-8")
            mislabelled = True  # real text in a legacy charset is practically never valid UTF-8
        except UnicodeDecodeError:
            mislabelled = False
        if mislabelled:
            raise InputError(
                f"{path}: the header declares charset={declared} but the file is UTF-8: "
                "set 'Content-Type: text/plain; charset=UTF-8' in its header"
            )
    if b"\x00" in body:
        line = body.count(b"\n", 0, body.index(b"\x00")) + 1
        raise InputError(f"{path}:{line}: NUL byte: not a PO file")
    try:
        text = body.decode(charset)
    except UnicodeDecodeError as exc:
        line = body.count(b"\n", 0, exc.start) + 1
        raise InputError(f"{path}:{line}: not valid {declared} (byte 0x{body[exc.start]:02x})") from exc
    cat.charset = declared if m else "UTF-8"
    cat.keep_layout = keep_layout
    cat._text = text if keep_layout else None
    if "\r\n" in text:
        cat.newline = "\r\n"
    # The reader allocates one small object graph per entry and no cycles: the cyclic collector's
    # passes over an ever larger heap would make reading superlinear (10k -> 20k entries: x2.7).
    enabled = gc.isenabled()
    gc.disable()
    try:
        _read_fast(cat, text, charset, path)
    finally:
        if enabled:
            gc.enable()
    return cat


#: A string literal, as an unrolled loop: one alternation per character made reading twice as slow.
_STR = r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"'
_CONT = r"((?:" + _STR + r"[ \t]*\n)*)"
#: The usual entry in one match: the blank lines before it, comments (no ``#~``), msgctxt, msgid,
#: msgid_plural, then either the one msgstr of most entries (group 9 matches empty before it, its string is
#: 10-11) or all msgstrs (12): no group copies the msgstr text twice.
_BLOCK = re.compile(
    r"((?:[ \t]*\n)*)"
    r"((?:#(?!~)[^\n]*\n)*)"
    r"(?:msgctxt[ \t]+(" + _STR + r")[ \t]*\n" + _CONT + r")?"
    r"msgid[ \t]+(" + _STR + r")[ \t]*\n" + _CONT
    + r"(?:msgid_plural[ \t]+(" + _STR + r")[ \t]*\n" + _CONT + r")?"
    r"(?:()msgstr[ \t]+(" + _STR + r")[ \t]*\n" + _CONT + r"(?!msgstr)"
    r"|((?:msgstr(?:\[\d+\])?[ \t]+" + _STR + r"[ \t]*\n(?:" + _STR + r"[ \t]*\n)*)+))"
)
_MSGSTR = re.compile(r"msgstr(?:\[(\d+)\])?[ \t]+(" + _STR + r")[ \t]*\n" + _CONT)
_PIECE = re.compile(r'"([^"\\\n]*(?:\\.[^"\\\n]*)*)"')
_BLANKS = re.compile(r"(?:[ \t]*\n)*")


def _plain_comment(line: str, c1: str, flags: list, refs: list, tc: list, xc: list) -> None:
    """One ``#:``, ``#,``, ``#.`` or translator-comment line into its list (``#|`` is :func:`_previous`'s)."""
    if c1 == ":":
        for ref in line[2:].split():
            file, sep, num = ref.rpartition(":")
            refs.append((file, num) if sep and num.isdigit() else (ref, ""))
    elif c1 == ",":
        rest = line[2:]
        if "," not in rest:  # one flag, the usual line
            flag = rest.strip()
            if flag:
                flags.append(flag)
        else:
            flags.extend(f for f in (x.strip() for x in rest.split(",")) if f)
    elif c1 == ".":
        xc.append(line[3:] if line[2:3] == " " else line[2:])
    else:
        tc.append(line[2:] if c1 == " " else line[1:])


def _pieces(first: str, cont: str) -> list[str]:
    return [first[1:-1], *_PIECE.findall(cont)] if cont else [first[1:-1]]


def _read_fast(cat: Catalog, text: str, charset: str, path: str) -> None:
    """Entries in the usual shape, one regular-expression match each; at the first entry that is not
    (an obsolete one, several strings on a line, CRLF, a syntax error…) the line loop takes over from
    its first line, so there is one grammar and the fast path only decides how quickly it is applied."""
    seen: dict = {}
    pos, line, n = 0, 0, len(text)  # line: 0-based index of the line at pos
    prev_end = -1  # position of the newline ending the previous entry
    prev_line = 0  # index of the line after the previous entry
    block, blanks, pieces = _BLOCK.match, _BLANKS.match, _pieces
    piece, new, plain = _PIECE.findall, Message.__new__, _plain_comment
    messages, leads, layout = cat.messages, cat._leads, cat.keep_layout
    ONE_BLANK = [""]  # noqa: N806 - the usual lead (one blank line), shared: leads are never mutated
    while pos < n:
        m = block(text, pos)
        if m is None:
            b = blanks(text, pos)
            if b.end() >= n:  # blank lines at the end of the file
                line += text.count("\n", pos, n)
                pos = n
            break
        after = m.end()
        if text.startswith(('"', " ", "\t"), after):
            break  # not the usual shape, or the entry goes on in a way the expression does not know
        blank, comments, ctx, ctxc, mid, midc, plural, pluralc, single, one, onec, strs = m.groups()
        if blank:
            line += blank.count("\n")
            pos += len(blank)
        if single is not None and plural is None and (not comments or "#|" not in comments):
            # the commonest entry of all: built here, without the general machinery
            msg = new(Message)
            flags: list[str] = []
            refs: list[tuple[str, str]] = []
            tc: list[str] = []
            xc: list[str] = []
            i = line
            if comments:
                for cl in comments[:-1].split("\n"):
                    plain(cl, cl[1:2], flags, refs, tc, xc)
                    i += 1
            if ctx is not None:
                v = ctx[1:-1] + "".join(piece(ctxc)) if ctxc else ctx[1:-1]
                msg.msgctxt = _unescape(v, charset, _Where(path, i)) if "\\" in v else v
                i += 1 + ctxc.count("\n")
            else:
                msg.msgctxt = None
            v = mid[1:-1] + "".join(piece(midc)) if midc else mid[1:-1]
            msg.msgid = _unescape(v, charset, _Where(path, i)) if "\\" in v else v
            msg.msgid_line = i + 1
            i += 1 + midc.count("\n") if midc else 1
            first, cont = one, onec
            v = first[1:-1] + "".join(piece(cont)) if cont else first[1:-1]
            msg.msgstr = _unescape(v, charset, _Where(path, i)) if "\\" in v else v
            i += 1 + cont.count("\n") if cont else 1
            msg.line = line + 1
            msg.msgid_plural = None
            msg.msgstr_plural = []
            msg.flags = flags
            msg.tcomment = "\n".join(tc) if tc else ""
            msg.comment = "\n".join(xc) if xc else ""
            msg.occurrences = refs
            msg.previous_msgctxt = msg.previous_msgid = msg.previous_msgid_plural = None
            msg.obsolete = False
            end = after - 1  # the newline ending the entry
            lead = ONE_BLANK if pos - prev_end == 2 else text[prev_end + 1 : pos - 1].split("\n") if pos - 1 > prev_end else []
            key = (msg.msgctxt, msg.msgid)
            if key in seen or not messages:  # a duplicate (an error), or maybe the header: the general way
                _keep(cat, seen, msg, text[pos:end], lead, path)
            elif not layout:
                msg._raw = msg._snap = None
                seen[key] = msg.msgid_line
                messages.append(msg)
            else:  # _keep's work for an entry, inline: a hundred thousand calls fewer
                msg._raw = text[pos:end]
                msg._snap = (
                    key[1], msg.msgstr, key[0], None, (), tuple(flags), msg.tcomment, msg.comment, tuple(refs),
                    None, None, None, False,
                )  # fmt: skip  # = msg._state(), built from what is at hand
                seen[key] = msg.msgid_line
                messages.append(msg)
                if lead:
                    leads[id(msg)] = lead
            prev_end, prev_line = end, i
            line, pos = i, after
            continue
        if strs is None:
            strs = text[m.start(9) : after]
        e = _Entry(line)
        ok = True
        if comments:
            for k, cl in enumerate(comments[:-1].split("\n")):
                c1 = cl[1:2]
                if c1 == "|":
                    try:
                        _previous(e, None, None, cl[2:], line + k, path, obsolete=False)
                    except InputError:
                        ok = False
                        break
                else:
                    _plain_comment(cl, c1, e.flags, e.refs, e.tc, e.xc)
        if not ok:
            break
        ncomments = comments.count("\n")
        i = line + ncomments
        f, ln = e.fields, e.lines
        if ctx is not None:
            f["msgctxt"] = pieces(ctx, ctxc)
            ln["msgctxt"] = i + 1
            i += 1 + ctxc.count("\n")
        f["msgid"] = pieces(mid, midc)
        ln["msgid"] = i + 1
        e.msgid_line = i + 1
        i += 1 + midc.count("\n")
        if plural is not None:
            f["msgid_plural"] = pieces(plural, pluralc)
            ln["msgid_plural"] = i + 1
            i += 1 + pluralc.count("\n")
            e.plural = True
        for k, sm in enumerate(_MSGSTR.finditer(strs)):
            index = sm.group(1)
            if (index is None) == e.plural or (index is not None and int(index) != k) or (index is None and k):
                ok = False  # msgstr[n] without msgid_plural, out of order, a second msgstr: let the loop say
                break
            e.strs.append(pieces(sm.group(2), sm.group(3)))
            ln["msgstr" if index is None else f"msgstr[{index}]"] = i + 1
            i += 1 + sm.group(3).count("\n")
        if not ok:
            break
        e.stage = 4
        e.obsolete = False
        msg = _message(e, charset, path)
        end = m.end() - 1  # the newline ending the entry
        lead = text[prev_end + 1 : pos - 1].split("\n") if pos - 1 > prev_end else []
        _keep(cat, seen, msg, text[pos:end], lead, path)
        prev_end, prev_line = end, i
        line, pos = i, m.end()
    if pos >= n:
        cat._tail = text[prev_end + 1 :].split("\n") if prev_end + 1 <= n else []
        if prev_end == -1:
            cat._tail = text.split("\n")
        return
    _read(cat, text.split("\n"), charset, path, start=prev_line, seen=seen)


def _keep(cat: Catalog, seen: dict, msg: Message, raw: str, lead: list[str], path: str) -> None:
    """File a message just read: the header, or an entry (a duplicate key is msgfmt's error)."""
    if cat.keep_layout:
        msg._raw = raw
        msg._snap = msg._state()
    else:
        msg._raw = msg._snap = None
        lead = []
    if cat.header_entry is None and not cat.messages and msg.msgid == "" and msg.msgctxt is None and not msg.obsolete:
        cat.header_entry = msg
        _read_header(cat, msg)
    else:
        key = (msg.msgctxt, msg.msgid)
        first = seen.get(key)
        if first is not None or (key == (None, "") and cat.header_entry is not None):
            first = first or (cat.header_entry.msgid_line if cat.header_entry else 0)
            raise InputError(
                f"{path}:{msg.msgid_line}: duplicate message definition (first at line {first}; msgfmt rejects this file)"
            )
        seen[key] = msg.msgid_line
        cat.messages.append(msg)
    if lead:
        cat._leads[id(msg)] = lead


def _read(cat: Catalog, lines: list[str], charset: str, path: str, start: int = 0, seen: dict | None = None) -> None:
    """The line loop: one small step per line kind (comment, previous, keyword, continuation).

    Reads from line index *start* on (the fast reader hands over where it met something unusual).
    """
    entries: list[_Entry] = []
    e: _Entry | None = None
    seen = {} if seen is None else seen
    last_end = start  # index after the last line of the previous entry

    def finish(entry: _Entry) -> None:
        nonlocal last_end
        if entry.stage != 4:
            if entry.stage == 0 and not entry.prev:
                return  # comments only (at the end of the file): kept as the tail
            raise InputError(f"{path}:{entry.last + 1}: syntax error: entry has no msgstr")
        msg = _message(entry, charset, path)
        lead = lines[last_end : entry.start]
        last_end = entry.last + 1
        _keep(cat, seen, msg, "\n".join(lines[entry.start : entry.last + 1]), lead, path)

    for i in range(start, len(lines)):
        line = lines[i]
        s = line[:-1] if line.endswith("\r") else line
        if not s or s[0] in " \t":
            s = s.strip()
            if not s:
                continue  # blank: separates entries (an entry ends only when the next one begins)
        c = s[0]
        if c == "#":
            c1 = s[1:2]
            if c1 == "~":
                rest = s[2:]
                if rest[:1] == "|":
                    e = _previous(e, entries, finish, rest[1:], i, path, obsolete=True)
                else:
                    stripped = rest.strip()
                    if not stripped:
                        continue
                    if stripped[:1] == '"':
                        e = _continuation(e, stripped, i, path, obsolete=True)
                    elif stripped[:1] == "#" and stripped[1:2] != "~":
                        # "#~ #, python-format": an obsolete entry's comment written commented out
                        # with it (django-oscar's catalogues); msgfmt and msgcat read it as its comment.
                        if e is not None and 0 < e.stage < 4:
                            raise InputError(f"{path}:{i + 1}: syntax error: comment inside an entry")
                        e = _open(e, entries, finish, i)
                        e.last = i
                        if stripped[1:2] == "|":
                            e = _previous(e, entries, finish, stripped[2:], i, path, obsolete=True)
                        else:
                            _plain_comment(stripped, stripped[1:2], e.flags, e.refs, e.tc, e.xc)
                    else:
                        e = _keyword(e, entries, finish, stripped, i, charset, path, obsolete=True)
                continue
            if e is not None and 0 < e.stage < 4:
                raise InputError(f"{path}:{i + 1}: syntax error: comment inside an entry")
            e = _open(e, entries, finish, i)
            e.last = i
            if c1 == "|":
                e = _previous(e, entries, finish, s[2:], i, path, obsolete=False)
            else:
                _plain_comment(s, c1, e.flags, e.refs, e.tc, e.xc)
        elif c == '"':
            e = _continuation(e, s, i, path, obsolete=False)
        else:
            e = _keyword(e, entries, finish, s, i, charset, path, obsolete=False)
    if e is not None:
        if e.stage == 4:
            finish(e)
        elif e.stage or e.prev:
            raise InputError(f"{path}:{e.last + 1}: syntax error: incomplete entry at the end of the file")
    cat._tail = lines[last_end:]


def _open(e: _Entry | None, entries: list[_Entry], finish, i: int) -> _Entry:
    if e is not None and e.stage == 4:
        finish(e)
        e = None
    if e is None:
        e = _Entry(i)
        entries.append(e)
    return e


def _previous(e, entries, finish, rest: str, i: int, path: str, *, obsolete: bool) -> _Entry:
    """``#| msgid "…"`` (or ``#~| …``): the msgid before the last source change."""
    if e is None or e.stage == 4:
        e = _open(e, entries, finish, i)
    elif e.stage:
        raise InputError(f"{path}:{i + 1}: syntax error: '#|' after the msgid")
    e.last = i
    rest = rest.lstrip()
    where = _Where(path, i)
    if rest[:1] == '"':
        if e.prev_cur is None:
            raise InputError(f"{where}: syntax error: '#|' string without a keyword")
        e.prev_cur.extend(_literals(rest, where))
        return e
    m = _KW.match(rest)
    if m is None or m.group(2) is not None or m.group(1) == "msgstr":
        raise InputError(f"{where}: syntax error in a previous-msgid ('#|') line")
    name = m.group(1)
    if name in e.prev:
        raise InputError(f"{where}: syntax error: duplicate '#| {name}'")
    e.prev[name] = e.prev_cur = _literals(rest[m.end() :], where)
    e.lines["#|" + name] = i + 1
    return e


def _continuation(e: _Entry | None, s: str, i: int, path: str, *, obsolete: bool) -> _Entry:
    where = _Where(path, i)
    if e is None or e.cur is None:
        raise InputError(f"{where}: syntax error: a string with no keyword before it")
    if bool(e.obsolete) != obsolete:
        raise InputError(f"{where}: inconsistent use of #~")
    e.cur.extend(_literals(s, where))
    e.last = i
    return e


_KW_ONE = re.compile(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)[ \t]+"((?:[^"\\]|\\.)*)"[ \t]*')


def _keyword(e, entries, finish, s: str, i: int, charset: str, path: str, *, obsolete: bool) -> _Entry:
    where = _Where(path, i)
    m = _KW_ONE.fullmatch(s)  # the usual line: a keyword and one string
    if m is not None:
        name, index = m.group(1), m.group(2)
        parts = [m.group(3)]
    else:
        m = _KW.match(s)
        if m is None:
            word = s.split(None, 1)[0] if s.strip() else s
            raise InputError(f"{where}: syntax error: unknown keyword {word[:40]!r}")
        name, index = m.group(1), m.group(2)
        parts = _literals(s[m.end() :], where) if s[m.end() :].strip() else []
    if name in ("msgctxt", "msgid"):
        e = _open(e, entries, finish, i)
        if e.stage >= (1 if name == "msgctxt" else 2):
            raise InputError(f"{where}: syntax error: unexpected {name}")
    elif e is None:
        raise InputError(f"{where}: syntax error: {name} without msgid")
    if e.obsolete is None:
        e.obsolete = obsolete
    elif e.obsolete != obsolete:
        raise InputError(f"{where}: inconsistent use of #~")
    e.prev_cur = None
    if name == "msgctxt":
        e.stage = 1
    elif name == "msgid":
        e.stage = 2
        e.msgid_line = i + 1
    elif name == "msgid_plural":
        if e.stage != 2:
            raise InputError(f"{where}: syntax error: msgid_plural without msgid")
        e.stage = 3
        e.plural = True
    else:  # msgstr / msgstr[n]
        if index is None:
            if e.stage != 2:
                what = "msgstr[0] expected after msgid_plural" if e.stage == 3 else "unexpected msgstr"
                raise InputError(f"{where}: syntax error: {what}")
        else:
            if not e.plural:
                raise InputError(f"{where}: syntax error: msgstr[{index}] without msgid_plural")
            if int(index) != len(e.strs):
                raise InputError(f"{where}: plural form has wrong index")
        if e.stage == 4 and index is None:
            raise InputError(f"{where}: syntax error: second msgstr")
        e.stage = 4
        e.strs.append(parts)
        e.cur = parts
        e.lines["msgstr" if index is None else f"msgstr[{index}]"] = i + 1
        e.last = i
        return e
    e.fields[name] = parts
    e.lines[name] = i + 1
    e.cur = parts
    e.last = i
    return e


def _message(e: _Entry, charset: str, path: str) -> Message:
    def val(parts: list[str], line: int) -> str:
        joined = parts[0] if len(parts) == 1 else "".join(parts)
        return _unescape(joined, charset, f"{path}:{line}") if "\\" in joined else joined

    f, ln = e.fields, e.lines
    msg = Message.__new__(Message)  # every slot is set below: no defaults to build and replace
    msg.line = e.start + 1
    msg.msgid_line = ln["msgid"]
    msg.msgid = val(f["msgid"], ln["msgid"])
    msg.msgctxt = val(f["msgctxt"], ln["msgctxt"]) if "msgctxt" in f else None
    if e.plural:
        msg.msgid_plural = val(f["msgid_plural"], ln["msgid_plural"])
        msg.msgstr_plural = [val(p, ln.get(f"msgstr[{n}]", 0)) for n, p in enumerate(e.strs)]
        msg.msgstr = ""
    else:
        msg.msgid_plural = None
        msg.msgstr_plural = []
        msg.msgstr = val(e.strs[0], ln["msgstr"])
    msg.flags = e.flags
    msg.tcomment = "\n".join(e.tc) if e.tc else ""
    msg.comment = "\n".join(e.xc) if e.xc else ""
    msg.occurrences = e.refs
    msg.previous_msgctxt = msg.previous_msgid = msg.previous_msgid_plural = None
    if e.prev:
        p = e.prev
        if "msgctxt" in p:
            msg.previous_msgctxt = val(p["msgctxt"], ln["#|msgctxt"])
        if "msgid" in p:
            msg.previous_msgid = val(p["msgid"], ln["#|msgid"])
        if "msgid_plural" in p:
            msg.previous_msgid_plural = val(p["msgid_plural"], ln["#|msgid_plural"])
    msg.obsolete = bool(e.obsolete)
    msg._raw = None
    msg._snap = None
    return msg


def _read_header(cat: Catalog, header: Message) -> None:
    meta: dict[str, str] = {}
    lines = header.msgstr.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for line in lines:
        key, sep, value = line.partition(":")
        if sep and key.strip():
            meta.setdefault(key.strip(), value.strip())
    cat._meta_lines = lines
    cat.metadata = meta
    cat._meta_snap = dict(meta)


# --------------------------------------------------------------------------- writer


_CANDIDATES = (76, 78, 79)  # Babel, polib, msgcat/msgmerge/Poedit


def _guess_widths(text: str) -> tuple[int, int]:
    """Wrap widths of a file, for msgid-side and msgstr-side strings: 76, 78, 79 or 0 (no wrapping).

    Evidence per side: the longest string line that has a space it could have been broken at (the
    width is at least that; over 79 means no wrapping), and every line a writer broke (the next word
    did not fit, so the width is less than the line plus that word).  The widest candidate consistent
    with the evidence (the narrowest of equals: a writer fills its lines) wins; no evidence means 79.
    """
    fits: dict[str, list[int]] = {"msgid": [], "msgstr": []}  # breakable lines' lengths
    broken: dict[str, list[int]] = {"msgid": [], "msgstr": []}
    lines = text.split("\n")
    side = None
    in_header = True
    for i, line in enumerate(lines):
        c = line[:1]
        if c == "m":
            side = "msgstr" if line.startswith("msgstr") else "msgid"
        elif c == "#":
            c2 = line[1:2]
            if c2 in ("~", "|"):
                rest = line[2:].lstrip("| ")
                if rest.startswith("msgstr"):
                    side = "msgstr"
                elif rest.startswith(("msgid", "msgctxt")):
                    side = "msgid"
                elif not rest.startswith('"'):
                    side = None
            else:
                side = None
                continue
        elif c != '"':
            if in_header and side == "msgstr":
                in_header = False
            side = None
            continue
        if side is None or in_header or len(line) < 60:
            continue  # short lines say nothing about a width of 76 or more
        s = line.rstrip("\r")
        body = s[2:].lstrip("| ") if c == "#" else s
        q = body.find('"')
        lit = body[q + 1 : -1] if q >= 0 and body.endswith('"') else ""
        n = len(s) - lit.count("\\")  # Babel measures before escaping, gettext after: be lenient
        if " " in lit.rstrip(" "):
            fits[side].append(n)
        if i + 1 < len(lines) and lit and not lit.endswith("\\n"):
            nxt = lines[i + 1].rstrip("\r")
            nb = nxt[2:].lstrip() if nxt.startswith("#~") else nxt.lstrip("#| ")
            if nb.startswith('"') and len(nb) > 2:
                word = nb[1:-1]
                cut = word.find(" ")
                broken[side].append(n + (cut + 1 if cut >= 0 else len(word)))
    out = []
    for side in ("msgid", "msgstr"):
        long = sum(1 for n in fits[side] if n > 79)
        if long and long >= len(broken[side]):
            out.append(0)  # more unbroken long lines than broken ones: not wrapped
            continue
        longest = max((n for n in fits[side] if n <= 79), default=0)
        best, best_bad = _DEFAULT_WIDTH, None
        for w in _CANDIDATES:
            if w < longest:
                continue
            bad = sum(1 for fit in broken[side] if fit <= w)
            if best_bad is None or bad < best_bad:
                best, best_bad = w, bad
        out.append(best)
    evidence = {k: len(v) + len(broken[k]) for k, v in fits.items()}
    if not evidence["msgstr"]:
        out[1] = out[0]  # no long msgstr at all: write them like the msgids
    if not evidence["msgid"]:
        out[0] = out[1]
    return out[0], out[1]


def _wrap_piece(piece: str, room: int) -> list[str]:
    """Break an escaped piece at spaces (the space ends the line, as gettext does)."""
    if room <= 0 or len(piece) <= room:
        return [piece]
    out = []
    while len(piece) > room:
        cut = piece.rfind(" ", 0, room)
        if cut <= 0:
            cut = piece.find(" ", room)
            if cut < 0:
                break
        out.append(piece[: cut + 1])
        piece = piece[cut + 1 :]
    if piece:
        out.append(piece)
    return out


def _render_string(prefix: str, keyword: str, value: str, width: int, reuse: dict[str, str]) -> list[str]:
    """``keyword "value"`` in gettext's layout: one line if it fits and has no inner newline, else
    ``keyword ""`` then one line per ``\\n``-ended piece, each wrapped at spaces to *width*."""
    esc = escape(value)
    one = f'{prefix}{keyword} "{esc}"'
    if "\n" not in value[:-1] and (width == 0 or len(one) <= width):
        return [one]
    pieces = [escape(p) for p in re.split(r"(?<=\n)", value)] if "\n" in value else [esc]
    out = [f'{prefix}{keyword} ""']
    room = width - len(prefix) - 2 if width else 0
    for piece in pieces:
        if not piece:
            continue
        if piece in reuse:  # the line this exact piece was on when read: no reflow of what did not change
            out.append(reuse[piece])
            continue
        out.extend(f'{prefix}"{chunk}"' for chunk in _wrap_piece(piece, room))
    return out


_GROUP_OF = {"#.": "comment", "#:": "occurrences", "#,": "flags", "#|": "previous"}


def _split_raw(raw: list[str]) -> dict[str, list[str]]:
    """The original lines of an entry grouped by the field they spell."""
    groups: dict[str, list[str]] = {}
    current = "tcomment"
    for line in raw:
        s = line.rstrip("\r")
        body = s
        if s.startswith("#~|"):
            groups.setdefault("previous", []).append(line)
            current = "previous"
            continue
        if s.startswith("#~"):
            body = s[2:].lstrip()
        elif s.startswith("#"):
            g = _GROUP_OF.get(s[:2], "tcomment")
            groups.setdefault(g, []).append(line)
            current = g
            continue
        if not body.strip():
            continue
        if body.startswith('"'):
            groups.setdefault(current, []).append(line)
            continue
        m = _KW.match(body)
        if m is not None:
            current = "msgstr" if m.group(1).startswith("msgstr") else m.group(1)
            groups.setdefault(current, []).append(line)
    return groups


def _reuse_map(lines: list[str]) -> dict[str, str]:
    """Continuation lines as read, by their content: an unchanged piece keeps its original line."""
    out = {}
    for line in lines:
        s = line.rstrip("\r")
        body = s[2:].lstrip() if s.startswith("#~") else s
        m = _ONE.fullmatch(body)
        if m and m.group(1):
            out.setdefault(m.group(1), s)
    return out


def _render_message(msg: Message, widths: tuple[int, int]) -> list[str]:
    snap = msg._snap
    width, swidth = widths

    def same(i: int, now: object) -> bool:
        return snap is not None and snap[i] == now and snap[12] == msg.obsolete

    # original lines are reused only where the entry keeps its obsolete state (their prefix is right)
    groups = _split_raw(msg._raw.split("\n")) if msg._raw is not None and snap is not None and snap[12] == msg.obsolete else {}
    out: list[str] = []
    obs = "#~ " if msg.obsolete else ""

    def keep(name: str) -> list[str] | None:
        g = groups.get(name)
        return [x.rstrip("\r") for x in g] if g is not None else None

    # comments: not prefixed by #~ even for obsolete entries (as gettext writes them)
    if msg.tcomment or (snap is not None and snap[6]):
        kept = keep("tcomment") if snap is not None and snap[6] == msg.tcomment else None
        if kept is not None:
            out += kept
        elif msg.tcomment:
            out += [f"# {x}" if x else "#" for x in msg.tcomment.split("\n")]
    if msg.comment:
        kept = keep("comment") if snap is not None and snap[7] == msg.comment else None
        out += kept if kept is not None else [f"#. {x}" if x else "#." for x in msg.comment.split("\n")]
    if msg.occurrences:
        kept = keep("occurrences") if snap is not None and snap[8] == tuple(msg.occurrences) else None
        if kept is not None:
            out += kept
        else:
            refs = [f"{f}:{n}" if n else f for f, n in msg.occurrences]
            line = "#:"
            for r in refs:
                if width and len(line) + 1 + len(r) > width and line != "#:":
                    out.append(line)
                    line = "#:"
                line += " " + r
            out.append(line)
    if msg.flags:
        kept = keep("flags") if snap is not None and snap[5] == tuple(msg.flags) else None
        out += kept if kept is not None else ["#, " + ", ".join(msg.flags)]
    prev = (msg.previous_msgctxt, msg.previous_msgid, msg.previous_msgid_plural)
    if any(p is not None for p in prev):
        kept = keep("previous") if same(9, msg.previous_msgctxt) and same(10, msg.previous_msgid) and same(
            11, msg.previous_msgid_plural) else None  # fmt: skip
        if kept is not None:
            out += kept
        else:
            pp = "#~| " if msg.obsolete else "#| "
            for kw, v in zip(("msgctxt", "msgid", "msgid_plural"), prev, strict=True):
                if v is not None:
                    out += _render_string(pp, kw, v, width, {})
    fields = [("msgctxt", 2, msg.msgctxt), ("msgid", 0, msg.msgid), ("msgid_plural", 3, msg.msgid_plural)]
    for kw, idx, value in fields:
        if value is None:
            continue
        kept = keep(kw) if same(idx, value) else None
        out += kept if kept is not None else _render_string(obs, kw, value, width, _reuse_map(groups.get(kw, [])))
    if msg.msgid_plural is not None:
        kept = keep("msgstr") if same(4, tuple(msg.msgstr_plural)) else None
        if kept is not None:
            out += kept
        else:
            reuse = _reuse_map(groups.get("msgstr", []))
            for n, form in enumerate(msg.msgstr_plural or [""]):
                out += _render_string(obs, f"msgstr[{n}]", form, swidth, reuse)
    else:
        kept = keep("msgstr") if same(1, msg.msgstr) else None
        out += kept if kept is not None else _render_string(obs, "msgstr", msg.msgstr, swidth, _reuse_map(groups.get("msgstr", [])))
    return out


def _header_msgstr(cat: Catalog) -> str:
    """The header's msgstr: the lines as read, with only the fields whose value changed rewritten."""
    meta = cat.metadata
    snap = cat._meta_snap or {}
    out, done = [], set()
    for line in cat._meta_lines:
        key, sep, value = line.partition(":")
        k = key.strip()
        if sep and k:
            if k in done:
                out.append(line)
                continue
            done.add(k)
            if k not in meta:
                continue  # removed
            if k in snap and meta[k] == snap[k]:
                out.append(line)
            else:
                out.append(f"{k}: {meta[k]}")
        else:
            out.append(line)
    out += [f"{k}: {v}" for k, v in meta.items() if k not in done]
    return "".join(x + "\n" for x in out)


def _lines(cat: Catalog) -> list[str]:
    nl_cr = cat.newline == "\r\n"
    out: list[str] = []

    def emit(msg: Message, first: bool, widths: tuple[int, int] | None = None) -> None:
        lead = cat._leads.get(id(msg))
        if lead is not None:
            out.extend(lead)
        elif not first:
            out.append("\r" if nl_cr else "")
        if not msg.changed and msg._raw is not None:
            out.append(msg._raw)
        else:
            rendered = _render_message(msg, widths if widths is not None else cat.widths)
            out.extend(x + "\r" for x in rendered) if nl_cr else out.extend(rendered)

    h = cat.header_entry
    if h is not None or cat.metadata:
        if h is None:
            h = cat.header_entry = Message("", "")
        if cat.metadata != cat._meta_snap:
            h.msgstr = _header_msgstr(cat)
        emit(h, True, (0, 0))  # header fields are never wrapped (gettext keeps one field a line)
    for i, msg in enumerate(cat.messages):
        emit(msg, not out and i == 0)
    out.extend(cat._tail)
    return out


def render_po(cat: Catalog) -> bytes:
    """The catalogue's bytes: what was read for every unchanged part, the file's own style elsewhere.

    Written in the charset the header declares; when a text cannot be encoded in it, the whole file is
    converted to UTF-8 and the header says so in the same write, so bytes and header never disagree.
    """
    if not cat.keep_layout:
        raise ValueError(f"{cat.path}: read with keep_layout=False, to be looked at only: cannot be written")
    text = "\n".join(_lines(cat))
    m = re.search(r"charset=([^\s;]+)", cat.metadata.get("Content-Type", ""))
    codec = _codec(m.group(1) if m else cat.charset, cat.path)
    try:
        data = text.encode(codec)
    except UnicodeEncodeError:
        ct = cat.metadata.get("Content-Type", "text/plain; charset=UTF-8")
        cat.metadata["Content-Type"] = re.sub(r"charset=[^\s;]+", "charset=UTF-8", ct) if "charset=" in ct else (
            "text/plain; charset=UTF-8")  # fmt: skip
        cat.charset = "UTF-8"
        data = "\n".join(_lines(cat)).encode("utf-8")
    return (b"\xef\xbb\xbf" if cat.bom else b"") + data
