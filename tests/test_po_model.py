"""The PO model on its own: what it keeps, how it writes what changed, where it is as strict as msgfmt."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from l10n.catalog import Catalog, Message, parse_po, render_po
from l10n.errors import InputError

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language:   ar  \\n"\n\n'


def test_what_other_tools_write_comes_back_byte_for_byte():
    data = (
        b"# translator   comment  \r\n"
        b'#.\r\n#. extracted, with a blank #. line above\r\n#: a.py:1 b.py:2\r\n#, fuzzy, python-format\r\n'
        b'#| msgid "old"\r\nmsgid "new %s"\r\nmsgstr "nouveau %s"\r\n\r\n'
        b'#~| msgid "older"\r\n#~ msgid "gone"\r\n#~ msgstr "parti"\r\n'
    )
    data = b"\xef\xbb\xbf" + HEADER.replace("\n", "\r\n").encode() + data
    cat = parse_po(data, "x.po")
    assert render_po(cat) == data
    [active, gone] = cat
    assert active.previous_msgid == "old" and active.flags == ["fuzzy", "python-format"]
    assert active.comment == "\nextracted, with a blank #. line above" and active.tcomment == "translator   comment  "
    assert gone.obsolete and gone.previous_msgid == "older"
    assert cat.metadata["Language"] == "ar"


def test_a_changed_entry_keeps_its_unchanged_lines_and_the_files_line_ends():
    data = (HEADER + '#. keep me\n#: a.py:1\nmsgid ""\n"A long msgid that somebody wrapped "\n"by hand."\nmsgstr "x"\n').replace("\n", "\r\n")
    cat = parse_po(data.encode(), "x.po")
    cat[0].msgstr = "y"
    out = render_po(cat).decode()
    assert out == data.replace('msgstr "x"', 'msgstr "y"')


def test_a_header_field_change_rewrites_that_line_only():
    cat = parse_po(HEADER.encode() + b'msgid "a"\nmsgstr "b"\n', "x.po")
    cat.metadata["Content-Type"] = "text/plain; charset=UTF-8"  # same value: nothing to do
    cat.metadata["PO-Revision-Date"] = "2026-11-30 12:00+0000"
    out = render_po(cat).decode()
    assert out == HEADER.replace('"Language:   ar  \\n"\n', '"Language:   ar  \\n"\n"PO-Revision-Date: 2026-11-30 12:00+0000\\n"\n') + 'msgid "a"\nmsgstr "b"\n'


@pytest.mark.parametrize("width", [76, 78, 79])
def test_new_text_follows_the_files_wrap_width(width):
    words = " ".join(f"word{i}" for i in range(60))
    import textwrap

    lines = textwrap.wrap(words, width - 2, break_long_words=False, drop_whitespace=False)  # as polib/Babel do
    body = 'msgid ""\n' + "".join(f'"{x}"\n' for x in lines) + 'msgstr ""\n'
    cat = parse_po((HEADER + body).encode(), "x.po")
    assert cat.widths[0] == width
    cat.append(Message("other " + words, ""))
    out = render_po(cat).decode().split("\n")
    assert max(len(x) for x in out if x.startswith('"') and "Language" not in x) <= width


def test_an_unwrapped_file_stays_unwrapped():
    long = "a sentence " * 12
    cat = parse_po((HEADER + f'msgid "{long}"\nmsgstr "{long}"\n\nmsgid "b {long}"\nmsgstr "c"\n').encode(), "x.po")
    assert cat.widths == (0, 0)
    cat[1].msgstr = "d " + long
    assert f'msgstr "d {long}"' in render_po(cat).decode()


def test_an_entry_made_obsolete_is_written_with_its_previous_msgid():
    cat = parse_po((HEADER + '#, fuzzy\n#| msgid "older"\nmsgid "old"\nmsgstr "vieux"\n').encode(), "x.po")
    cat[0].obsolete = True
    assert render_po(cat).decode().endswith('#, fuzzy\n#~| msgid "older"\n#~ msgid "old"\n#~ msgstr "vieux"\n')


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ('msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', 9),  # duplicate active
        ('msgid "a"\nmsgstr "b"\n\n#~ msgid "a"\n#~ msgstr "c"\n', 9),  # duplicate active/obsolete (msgfmt too)
        ('msgid "a"\nmsgstr "b\\?"\n', 7),
        ('msgid "a"\nmsgstr "b"\n\n#| msgid "stray"\n', 9),
        ('msgid "a"\nmsgid_plural "as"\nmsgstr[0] "b"\nmsgstr[2] "c"\n', 9),
        ('msgid "a"\nmsgstr "b"\ngarbage\n', 8),
        ('msgid "a\nmsgstr "b"\n', 6),
    ],
)
def test_what_msgfmt_rejects_is_one_error_naming_the_line(body, where):
    with pytest.raises(InputError, match=rf"^x\.po:{where}: "):
        parse_po((HEADER + body).encode(), "x.po")


def test_duplicate_detection_is_a_set_lookup_not_a_scan():
    """20,000 entries and a duplicate at the end: found, and named with both lines (speed is in bench_po)."""
    body = "".join(f'msgid "m{i}"\nmsgstr "t{i}"\n\n' for i in range(20_000)) + 'msgid "m7"\nmsgstr "again"\n'
    with pytest.raises(InputError, match=r"x\.po:60006: duplicate message definition \(first at line 27"):
        parse_po((HEADER + body).encode(), "x.po")


def test_a_catalogue_over_the_limit_is_refused_before_it_is_decoded():
    with pytest.raises(InputError, match="too large for a catalogue"):
        parse_po(b"#" * 2000, "x.po", max_bytes=1000)


_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(_text.filter(bool), _text, st.booleans(), st.booleans(), _text, st.booleans()),
        max_size=8,
        unique_by=lambda t: t[0],
    ),
    st.sampled_from([0, 76, 79]),
)
def test_write_read_write_is_a_fixed_point_for_any_text(entries, width):
    cat = Catalog("x.po")
    cat.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "ar"}
    cat.width = width
    for msgid, msgstr, fuzzy, obsolete, comment, has_prev in entries:
        cat.append(Message(msgid, msgstr, flags=["fuzzy"] if fuzzy else [], obsolete=obsolete,
                           tcomment=comment.replace("\r", " ").replace("\n", " ").strip(),
                           previous_msgid=msgid + "?" if has_prev else None))  # fmt: skip
    data = render_po(cat)
    again = parse_po(data, "x.po")
    fields = lambda c: [(m.msgid, m.msgstr, m.fuzzy, m.obsolete, m.tcomment, m.previous_msgid) for m in c]  # noqa: E731
    assert fields(again) == fields(cat)
    assert render_po(again) == data
    for m in again:
        m._snap = None  # rendered afresh in the style guessed from the file
    assert fields(parse_po(render_po(again), "x.po")) == fields(cat)


@pytest.mark.parametrize(
    "body",
    [
        'msgid "a" "b"\nmsgstr "c"\n\nmsgid "d"\nmsgstr "e"\n',  # two strings on one line
        'msgid "ab"\nmsgstr "c"\n  "d"\n\nmsgid "x"\nmsgstr "y"\n',  # an indented continuation
        'msgid "ab"\nmsgstr\n"cd"\n\nmsgid "x"\nmsgstr "y"\n',  # the keyword alone on its line
        '#~ msgid "old"\n#~ msgstr "vieux"\n\nmsgid "ab"\nmsgstr "cd"\n\nmsgid "x"\nmsgstr "y"\n',  # obsolete first
        'msgid "ab"\nmsgstr "cd"\n\nmsgid "x"\nmsgstr "y"',  # no newline at the end
    ],
    ids=["two-strings", "indented", "keyword-alone", "obsolete-first", "no-final-newline"],
)
def test_unusual_but_valid_shapes_read_as_msgfmt_reads_them_and_come_back_unchanged(body):
    data = (HEADER + body).encode()
    cat = parse_po(data, "x.po")
    assert render_po(cat) == data
    active = {m.msgid: m.msgstr for m in cat if not m.obsolete}
    assert active.get("x", "y") == "y" and ("ab" in active or "a" + "b" in active)
    assert sorted(cat.starts) == list(cat.starts) and all(m.line for m in cat)
