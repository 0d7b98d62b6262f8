"""The glossary CSV format: loading, line numbers, bad input, escaping round-trips."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.errors import InputError
from l10n.glossary import Glossary, Term, dump_csv, load_glossary, parse_csv
from l10n.glossary.csvio import escape_cell, join_list, split_list, unescape_cell

HEADER = "id,en,en_variants,type,case_sensitive,dnt,ar,ar_forbidden,fr,note\n"


def test_rows_keep_their_line_numbers_and_path(tmp_path):
    path = tmp_path / "terms.csv"
    path.write_text(
        HEADER
        + "sana,SANA,Syrian Arab News Agency,organisation,yes,no,سانا|الوكالة العربية السورية للأنباء,,SANA,\n"
        + "\n"
        + 'is,Islamic State,IS|ISIS,organisation,yes,no,"تنظيم الدولة الإسلامية|داعش",الدولة الإسلامية,'
        + 'État islamique,"two\nlines"\n'
        + "afp,AFP,,organisation,no,fr|es,وكالة فرانس برس,,AFP,\n",
        encoding="utf-8",
    )
    glossary = load_glossary(path)
    sana, islamic_state, afp = glossary.terms
    assert (sana.path, sana.line) == (str(path), 2)
    assert islamic_state.line == 4
    assert afp.line == 6  # the quoted note spans lines 4-5
    assert islamic_state.variants == ("IS", "ISIS")
    assert islamic_state.translations["ar"] == ("تنظيم الدولة الإسلامية", "داعش")
    assert islamic_state.forbidden["ar"] == ("الدولة الإسلامية",)
    assert islamic_state.note == "two\nlines"
    assert sana.case_sensitive and not afp.case_sensitive
    assert afp.dnt and afp.dnt_langs == ("fr", "es") and afp.is_dnt("fr") and not afp.is_dnt("ar")
    assert glossary.languages == ("ar", "fr")


def test_a_utf8_bom_is_accepted(tmp_path):
    path = tmp_path / "terms.csv"
    path.write_bytes("\ufeff".encode() + (HEADER + "palmyra,Palmyra,,place,no,no,تدمر,,Palmyre,\n").encode())
    (term,) = load_glossary(path).terms
    assert term.id == "palmyra" and term.renderings("ar") == ("تدمر",)


def test_semicolon_separated_files_from_spreadsheets_are_read():
    glossary = parse_csv("id;en;ar\npalmyra;Palmyra;تدمر\n", "x.csv")
    assert glossary.terms[0].renderings("ar") == ("تدمر",)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (HEADER + "palmyra,Palmyra,,place,no,no,تدمر\n", "x.csv:2: expected 10 columns"),
        ("id,en,colour\n", "x.csv:1: unknown column 'colour'"),
        ("id,en,xx\n", "x.csv:1: unknown column 'xx'"),
        ("id,ar\n", "x.csv:1: missing required column(s): en"),
        ("id,en,ar,ar\n", "x.csv:1: column 'ar' appears twice"),
        ("", "x.csv:1: empty glossary file"),
        ("\n\n  \n", "x.csv:1: empty glossary file"),
        (HEADER + "a,A,,term,maybe,no,,,,\n", "x.csv:2: column case_sensitive: expected yes or no"),
        (HEADER + 'a,"A,,term,no,no,,,,\n', "x.csv:"),
    ],
)
def test_bad_input_is_an_input_error_naming_file_and_line(tmp_path, content, message):
    path = tmp_path / "x.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_glossary(path)
    assert message in str(err.value).replace(str(tmp_path) + "/", "")


def test_non_utf8_input_names_the_line_of_the_bad_byte(tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes(HEADER.encode() + b"a,A,,term,no,no,,,Damas\xe9,\n")
    with pytest.raises(InputError, match=r"x\.csv:2: not valid UTF-8"):
        load_glossary(path)


def test_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_glossary(tmp_path / "nope.csv")


@pytest.mark.parametrize("value", ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx", "'=1", "''+x"])
def test_formula_like_cells_are_neutralised_on_export_and_restored_on_import(value):
    escaped = escape_cell(value)
    assert escaped.startswith("'")
    assert unescape_cell(escaped) == value


@pytest.mark.parametrize("value", ["plain", "'quoted", "''", "", "a=b", "تدمر"])
def test_ordinary_cells_are_left_alone(value):
    assert escape_cell(value) == value
    assert unescape_cell(value) == value


def test_exported_csv_has_no_cell_starting_a_formula(tmp_path):
    term = Term("x", '=HYPERLINK("http://evil")', ("-1",), {"fr": ("@cmd",)}, note="+danger")
    path = tmp_path / "out.csv"
    path.write_text(dump_csv(Glossary((term,))), encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    import csv

    for row in csv.reader(text.splitlines()):
        for cell in row:
            assert cell[:1] not in ("=", "+", "-", "@"), cell
    assert load_glossary(path).terms == (term,)


def test_list_cells_escape_the_separator():
    values = ("a|b", "back\\slash", "plain")
    assert split_list(join_list(values)) == values
    assert split_list(" one | two ||three ") == ("one", "two", "three")
    assert split_list("C:\\dir") == ("C:\\dir",)  # a lone backslash is kept as typed


_cell_text = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("=+-@'|\\ \t\"ab,;تدمرالÉ")),
        st.characters(exclude_categories=("Cs", "Cc")),
    ),
    max_size=12,
)
_item = _cell_text.map(str.strip).filter(bool)
_langs = st.sampled_from(["ar", "fr", "es", "de", "ar_SY"])


@st.composite
def _terms(draw, n):
    return Term(
        id=f"t{n}-" + draw(_item),
        source=draw(_item),
        variants=tuple(draw(st.lists(_item, max_size=3))),
        translations=draw(st.dictionaries(_langs, st.lists(_item, max_size=3).map(tuple), max_size=3)),
        forbidden=draw(st.dictionaries(_langs, st.lists(_item, max_size=2).map(tuple), max_size=2)),
        dnt=draw(st.booleans()),
        dnt_langs=tuple(draw(st.lists(st.sampled_from(["fr", "es", "de"]), max_size=2, unique=True))),
        case_sensitive=draw(st.booleans()),
        type=draw(st.sampled_from(["", "place", "person", "organisation"])),
        note=draw(st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=20)),
    )


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=0, max_value=4).flatmap(lambda k: st.tuples(*[_terms(i) for i in range(k)])))
def test_csv_round_trip_is_lossless(terms):
    glossary = Glossary(tuple(terms))
    again = parse_csv(dump_csv(glossary), "rt.csv")
    assert again.terms == glossary.terms
    assert again.languages == glossary.languages
