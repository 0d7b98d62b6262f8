"""The glossary's CSV format: one row per concept, human-editable in any spreadsheet.

Pure text <-> :class:`~l10n.glossary.model.Glossary`; reading and writing files is
:mod:`l10n.glossary.files`.  Two escapes make the format lossless:

* list cells separate alternatives with ``|``; a literal ``|`` or ``\\`` inside a term is written
  ``\\|`` / ``\\\\`` (a backslash before anything else is kept as typed, so hand-written cells are
  safe);
* formula injection (OWASP "CSV injection"): a cell that starts with ``=``, ``+``, ``-``, ``@``, tab or
  CR is written with a leading ``'`` so a spreadsheet shows it as text; a cell that already starts with
  quotes followed by such a character gets one more ``'``.  Reading removes exactly one ``'`` from
  cells of that shape, so export -> import gives back the same text.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

from l10n.errors import InputError, decode_utf8
from l10n.glossary.model import FrozenMap, Glossary, Term, lang_key

__all__ = [
    "FIXED_COLUMNS",
    "KNOWN_TYPES",
    "parse_csv",
    "decode_csv",
    "dump_csv",
    "escape_cell",
    "unescape_cell",
    "split_list",
    "join_list",
]

#: Columns every glossary may have, in the order they are written (``note`` is written last).
#: Grammar columns per language and the values each accepts (see docs/glossary.md).
GRAMMAR_COLUMNS = {"gender": ("m", "f", "n"), "number": ("sg", "pl"), "article": ("yes", "no")}
FIXED_COLUMNS = ("id", "en", "en_variants", "type", "case_sensitive", "dnt", "note")
REQUIRED_COLUMNS = ("id", "en")
#: Values of ``type`` that :func:`validate` accepts without a warning.
KNOWN_TYPES = frozenset(
    {
        "organisation",
        "organization",
        "person",
        "place",
        "law",
        "term",
        "publication",
        "event",
        "title",
        "other",
    }
)

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_TRUE = {"yes", "y", "true", "1", "x"}
_FALSE = {"no", "n", "false", "0", ""}
_LANG_RE = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]{2,8})*$")


# --------------------------------------------------------------------------- cell escapes


def _needs_guard(value: str) -> bool:
    stripped = value.lstrip("'")
    return bool(stripped) and stripped[0] in _FORMULA_START


def escape_cell(value: str) -> str:
    """Neutralise a formula-like cell for spreadsheets (OWASP: prefix ``'``); see the module doc."""
    if value and (value[0] in _FORMULA_START or (value[0] == "'" and _needs_guard(value))):
        return "'" + value
    return value


def unescape_cell(value: str) -> str:
    """Undo :func:`escape_cell`: drop one leading ``'`` before quotes + a formula character."""
    if value.startswith("'") and _needs_guard(value):
        return value[1:]
    return value


def split_list(cell: str) -> tuple[str, ...]:
    """``"a | b\\|c"`` -> ``("a", "b|c")``: split on unescaped ``|``, strip, drop empties."""
    if "\\" not in cell:
        return tuple(x.strip() for x in cell.split("|") if x.strip())
    items: list[str] = []
    buf: list[str] = []
    i = 0
    while i < len(cell):
        ch = cell[i]
        if ch == "\\" and i + 1 < len(cell) and cell[i + 1] in "|\\":
            buf.append(cell[i + 1])
            i += 2
            continue
        if ch == "|":
            items.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
        i += 1
    items.append("".join(buf))
    return tuple(x.strip() for x in items if x.strip())


def join_list(values: Iterable[str]) -> str:
    """Inverse of :func:`split_list`."""
    return "|".join(v.replace("\\", "\\\\").replace("|", "\\|") for v in values)


# --------------------------------------------------------------------------- reading


def decode_csv(data: bytes, path: str) -> str:
    """UTF-8 (a BOM is fine) or :class:`InputError` naming the line of the first bad byte."""
    return decode_utf8(path, data)


def _column_kind(name: str, path: str) -> tuple[str, str]:
    """``("fixed", name)``, ``("lang", code)`` or ``("forbidden", code)``; unknown -> InputError."""
    low = name.strip().lower()
    if low in FIXED_COLUMNS:
        return "fixed", low
    kind, code = "lang", name.strip()
    for suffix in ("forbidden", *GRAMMAR_COLUMNS):
        if low.endswith("_" + suffix):
            kind, code = suffix, name.strip()[: -len(suffix) - 1]
            break
    expected = (
        "expected id, en, en_variants, type, case_sensitive, dnt, note, <lang>, <lang>_forbidden, "
        "<lang>_gender, <lang>_number or <lang>_article"
    )
    norm = lang_key(code)
    if not _LANG_RE.match(norm) or norm.split("_")[0] == "en":
        raise InputError(f"{path}:1: unknown column {name!r} ({expected})")
    from l10n.errors import UsageError
    from l10n.lang import get_language

    try:
        get_language(norm)
    except UsageError as exc:
        raise InputError(f"{path}:1: unknown column {name!r}: not a language code ({expected})") from exc
    return kind, norm


def _bool(value: str, column: str, path: str, line: int) -> bool:
    low = value.strip().lower()
    if low in _TRUE:
        return True
    if low in _FALSE:
        return False
    raise InputError(f"{path}:{line}: column {column}: expected yes or no, got {value!r}")


def _dnt(value: str, path: str, line: int) -> tuple[bool, tuple[str, ...]]:
    low = value.strip().lower()
    if low in _TRUE:
        return True, ()
    if low in _FALSE:
        return False, ()
    langs = split_list(value)
    for code in langs:
        if not _LANG_RE.match(code.replace("-", "_").lower()):
            raise InputError(
                f"{path}:{line}: column dnt: expected yes, no or language codes like fr|es, got {value!r}"
            )
    return True, tuple(lang_key(x) for x in langs)


def _sniff_delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    if "," in first:
        return ","
    if ";" in first:
        return ";"
    if "\t" in first:
        return "\t"
    return ","


def parse_csv(text: str, path: str = "<csv>") -> Glossary:
    """Parse glossary CSV *text*; every error is an :class:`InputError` saying ``path:line:``."""
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise InputError(f"{path}:1: empty glossary file: expected a header row such as 'id,en,ar,fr,es'")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text), strict=True)
    rows: list[tuple[int, list[str]]] = []
    try:
        start = 1
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append((start, row))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise InputError(f"{path}:{reader.line_num}: malformed CSV: {exc}") from exc
    if not rows:
        raise InputError(f"{path}:1: empty glossary file: expected a header row such as 'id,en,ar,fr,es'")
    header_line, header = rows[0]
    columns = _read_header(header, path, header_line)
    terms = [_read_row(row, line, columns, path) for line, row in rows[1:]]
    langs = [code for kind, code in columns if kind in ("lang", "forbidden", *GRAMMAR_COLUMNS)]
    return Glossary(tuple(terms), tuple(dict.fromkeys(langs)))


def _read_header(header: Sequence[str], path: str, line: int) -> list[tuple[str, str]]:
    columns: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for name in header:
        if not name.strip():
            raise InputError(f"{path}:{line}: empty column name in the header row")
        col = _column_kind(name, path)
        if col in seen:
            raise InputError(f"{path}:{line}: column {name.strip()!r} appears twice")
        seen.add(col)
        columns.append(col)
    names = {code for kind, code in columns if kind == "fixed"}
    missing = [c for c in REQUIRED_COLUMNS if c not in names]
    if missing:
        raise InputError(f"{path}:{line}: missing required column(s): {', '.join(missing)}")
    return columns


def _read_row(row: Sequence[str], line: int, columns: list[tuple[str, str]], path: str) -> Term:
    if len(row) != len(columns):
        raise InputError(
            f"{path}:{line}: expected {len(columns)} columns (as in the header), found {len(row)}"
        )
    fixed: dict[str, str] = {}
    translations: dict[str, tuple[str, ...]] = {}
    forbidden: dict[str, tuple[str, ...]] = {}
    grammar: dict[str, list[str]] = {}
    for (kind, code), raw in zip(columns, row, strict=True):
        cell = unescape_cell(raw)
        if kind == "fixed":
            fixed[code] = cell
        elif kind == "lang":
            translations[code] = split_list(cell)
        elif kind == "forbidden":
            forbidden[code] = split_list(cell)
        elif cell.strip():
            value = cell.strip().lower()
            if kind == "article" and value in _TRUE | _FALSE:
                value = "yes" if value in _TRUE else "no"
            if value not in GRAMMAR_COLUMNS[kind]:
                allowed = ", ".join(GRAMMAR_COLUMNS[kind])
                raise InputError(f"{path}:{line}: column {code}_{kind}: expected {allowed}, got {cell!r}")
            grammar.setdefault(code, []).append(f"{kind}={value}")
    dnt, dnt_langs = _dnt(fixed.get("dnt", ""), path, line)
    return Term(
        id=fixed.get("id", "").strip(),
        source=fixed.get("en", "").strip(),
        variants=split_list(fixed.get("en_variants", "")),
        translations=FrozenMap(translations),
        forbidden=FrozenMap(forbidden),
        grammar=FrozenMap(grammar),
        dnt=dnt,
        dnt_langs=dnt_langs,
        case_sensitive=_bool(fixed.get("case_sensitive", ""), "case_sensitive", path, line),
        type=fixed.get("type", ""),
        note=fixed.get("note", ""),
        path=path,
        line=line,
    )


# --------------------------------------------------------------------------- writing


def dump_csv(glossary: Glossary) -> str:
    """The glossary as CSV text (LF line ends: the file lives in git; spreadsheets read it fine)."""
    langs = glossary.languages
    header = [*FIXED_COLUMNS[:-1]]
    grammar_langs = {lang for term in glossary for lang in term.grammar}
    for lang in langs:
        header += [lang, f"{lang}_forbidden"]
        if lang in grammar_langs:
            header += [f"{lang}_{kind}" for kind in GRAMMAR_COLUMNS]
    header.append("note")
    lines = [_csv_line(header)]
    for term in glossary:
        dnt = join_list(term.dnt_langs) if term.dnt_langs else "yes" if term.dnt else "no"
        row = [
            term.id,
            term.source,
            join_list(term.variants),
            term.type,
            "yes" if term.case_sensitive else "no",
            dnt,
        ]
        for lang in langs:
            row += [join_list(term.translations.get(lang, ())), join_list(term.forbidden.get(lang, ()))]
            if lang in grammar_langs:
                values = dict(item.split("=", 1) for item in term.grammar.get(lang, ()))
                row += [values.get(kind, "") for kind in GRAMMAR_COLUMNS]
        row.append(term.note)
        lines.append(_csv_line([escape_cell(cell) for cell in row]))
    return "".join(lines)


def _csv_line(row: list[str]) -> str:
    # The csv module quotes a cell holding CR or LF only if that character is in its line terminator,
    # so write with CRLF (every such cell quoted) and end the record with a plain LF.
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerow(row)
    return out.getvalue()[:-2] + "\n"
