"""The check's fast PO reader agrees with polib/read_po, and defers to read_po on anything unusual."""

from __future__ import annotations

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from l10n.check.po import _fast, parse_catalogue
from l10n.errors import InputError


def polib_view(text: str):
    po = polib.pofile(text)
    return [
        (
            e.linenum,
            e.msgctxt,
            e.msgid,
            e.msgstr,
            e.msgid_plural or None,
            tuple(e.msgstr_plural[i] for i in sorted(e.msgstr_plural)),
            tuple(e.flags),
            e.tcomment or "",
            e.comment or "",
        )
        for e in po
        if not e.obsolete
    ]


def fast_view(text: str):
    cat = parse_catalogue(text.encode("utf-8"), "t.po")
    return [
        (
            e.line,
            e.msgctxt,
            e.msgid,
            e.msgstr,
            e.msgid_plural,
            e.msgstr_plural,
            e.flags,
            e.tcomment,
            e.comment,
        )
        for e in cat.entries
    ]


HEADER = 'msgid ""\nmsgstr ""\n"Language: ar\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'

texts = st.lists(
    st.sampled_from(list('ab يق٣ "\\\n\t.,:%{}*') + ["قيصر", "Caesar Act", "  "]), max_size=40
).map("".join)


@st.composite
def catalogues(draw):
    po = polib.POFile(wrapwidth=draw(st.sampled_from([0, 40, 79])))
    po.metadata = {"Language": "ar", "Content-Type": "text/plain; charset=UTF-8"}
    seen = set()
    for i in range(draw(st.integers(1, 6))):
        msgid = draw(texts) or f"id{i}"
        ctx = draw(st.one_of(st.none(), st.sampled_from(["heading", "caption"])))
        if (ctx, msgid) in seen:
            continue
        seen.add((ctx, msgid))
        entry = polib.POEntry(msgctxt=ctx, msgid=msgid, msgstr=draw(texts))
        entry.tcomment = draw(st.sampled_from(["", "l10n-ignore: numbers", "a\nb"]))
        entry.comment = draw(st.sampled_from(["", "type: paragraph", "type: credit\nmore"]))
        entry.flags = draw(st.sampled_from([[], ["fuzzy"], ["fuzzy", "l10n-ignore-urls"]]))
        entry.occurrences = [("source/a.md", str(i + 1))]
        if draw(st.booleans()) and "fuzzy" in entry.flags:
            entry.previous_msgid = draw(texts) or "old"
        if draw(st.integers(0, 5)) == 0:
            entry.msgid_plural = msgid + " (n)"
            entry.msgstr_plural = {0: draw(texts), 1: draw(texts)}
            entry.msgstr = ""
        po.append(entry)
    if draw(st.booleans()):
        po.append(polib.POEntry(msgid="gone " + draw(texts), msgstr="x", obsolete=True))
    return str(po)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogues())
def test_fast_reader_gives_polibs_entries_and_line_numbers(text):
    assert fast_view(text) == polib_view(text)
    _fast(text.encode("utf-8"), "t.po")  # what polib writes is within the fast subset (no fallback)


def test_language_header_is_read():
    assert parse_catalogue(HEADER.encode(), "t.po").language == "ar"


def test_entry_without_blank_line_separator_starts_at_its_first_line():
    text = HEADER + 'msgid "a"\nmsgstr "b"\n#. type: x\nmsgid "c"\nmsgstr "d"\n'
    assert fast_view(text) == polib_view(text)
    assert [e.line for e in parse_catalogue(text.encode(), "t.po").entries] == [6, 8]


@pytest.mark.parametrize(
    ("body", "line"),
    [
        ('msgid "a"\nmsgstr "b\n', 7),  # unterminated string
        ('msgid "a"\nmsgstr "b"\nbogus line\n', 8),
        ('msgid "a"\nmsgstr "b\\q"\n', 7),  # invalid escape
    ],
)
def test_malformed_catalogue_is_an_input_error_naming_the_line(body, line):
    with pytest.raises(InputError, match=rf"^t\.po:{line}: "):
        parse_catalogue((HEADER + body).encode(), "t.po")


def test_duplicate_entries_are_an_input_error():
    with pytest.raises(InputError, match="duplicate"):
        parse_catalogue((HEADER + 'msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n').encode(), "t.po")


def test_other_charsets_go_through_read_po():
    text = HEADER.replace("UTF-8", "ISO-8859-1") + 'msgid "caf\xe9"\nmsgstr "x"\n'
    [entry] = parse_catalogue(text.encode("latin-1"), "t.po").entries
    assert entry.msgid == "café"
