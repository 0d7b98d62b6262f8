"""TBX-Basic export/import: structure, lossless round-trip, refusal of entity tricks."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.errors import InputError
from l10n.glossary import Glossary, Term, export_tbx, import_tbx, load_glossary

SEED = Path(__file__).resolve().parent.parent / "glossary" / "terms.csv"
NS = {"t": "urn:iso:std:iso:30042:ed-2"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

ISLAMIC_STATE = Term(
    "islamic-state",
    "Islamic State",
    ("IS", "Daesh"),
    {"ar": ("تنظيم الدولة الإسلامية", "داعش"), "fr": ("État islamique",)},
    {"ar": ("الدولة الإسلامية",)},
    case_sensitive=True,
    type="organisation",
    note="House style <&> \"quotes\" 'too'",
)


def test_export_writes_tbx_basic_concept_entries_with_administrative_status():
    root = ET.fromstring(export_tbx(Glossary((ISLAMIC_STATE,))))
    assert root.tag == "{urn:iso:std:iso:30042:ed-2}tbx" and root.get("type") == "TBX-Basic"
    (entry,) = root.findall(".//t:conceptEntry", NS)
    assert entry.get("id") == "islamic-state"
    secs = {sec.get(XML_LANG): sec for sec in entry.findall("t:langSec", NS)}
    assert list(secs) == ["en", "ar", "fr"]

    def statuses(lang):
        return [
            (
                ts.findtext("t:term", namespaces=NS),
                ts.findtext("t:termNote[@type='administrativeStatus']", namespaces=NS),
            )
            for ts in secs[lang].findall("t:termSec", NS)
        ]

    assert statuses("en") == [
        ("Islamic State", "preferredTerm-admn-sts"),
        ("IS", "admittedTerm-admn-sts"),
        ("Daesh", "admittedTerm-admn-sts"),
    ]
    assert statuses("ar") == [
        ("تنظيم الدولة الإسلامية", "preferredTerm-admn-sts"),
        ("داعش", "admittedTerm-admn-sts"),
        ("الدولة الإسلامية", "deprecatedTerm-admn-sts"),
    ]
    assert entry.findtext("t:note", namespaces=NS) == ISLAMIC_STATE.note
    assert entry.findtext("t:descrip[@type='subjectField']", namespaces=NS) == "organisation"
    pos = secs["en"].find("t:termSec/t:termNote[@type='partOfSpeech']", NS)
    assert pos is not None and pos.text == "properNoun"


def test_seed_glossary_round_trips_through_tbx():
    glossary = load_glossary(SEED)
    again = import_tbx(export_tbx(glossary))
    assert again == glossary
    assert again.terms[3].line > 1  # imported terms point at their conceptEntry's line


_chars = st.characters(exclude_categories=("Cs", "Cc", "Cn"))
_rich = st.one_of(st.sampled_from(list("&<>\"'") + ["تنظيم", "داعش", "\u200f", "עברית", "ـ", "ً"]), _chars)
_item = st.lists(_rich, min_size=1, max_size=8).map("".join).map(str.strip).filter(bool)
_langs = st.sampled_from(["ar", "fr", "es", "de", "fa", "ar_SY", "pt_BR"])


@st.composite
def _term(draw, n):
    return Term(
        id=f"{n}-" + draw(_item),
        source=draw(_item),
        variants=tuple(draw(st.lists(_item, max_size=3))),
        translations=draw(st.dictionaries(_langs, st.lists(_item, max_size=3).map(tuple), max_size=3)),
        forbidden=draw(st.dictionaries(_langs, st.lists(_item, max_size=2).map(tuple), max_size=2)),
        dnt=draw(st.booleans()),
        dnt_langs=tuple(draw(st.lists(st.sampled_from(["fr", "es", "de"]), max_size=2, unique=True))),
        case_sensitive=draw(st.booleans()),
        type=draw(st.sampled_from(["", "place", "person", "organisation", "law", "term"])),
        note=draw(st.text(alphabet=st.one_of(_chars, st.sampled_from(["\n", "\r", "\t", " "])), max_size=30)),
    )


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=0, max_value=4).flatmap(lambda k: st.tuples(*[_term(i) for i in range(k)])))
def test_tbx_round_trip_is_lossless_for_arbitrary_unicode(terms):
    glossary = Glossary(tuple(terms))
    again = import_tbx(export_tbx(glossary))
    assert again.terms == glossary.terms
    assert again.languages == glossary.languages


def test_characters_xml_cannot_carry_are_refused_on_export():
    with pytest.raises(InputError, match="U\\+0001"):
        export_tbx(Glossary((Term("x", "bad\x01term"),)))


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE tbx [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
]>
<tbx><text><body><conceptEntry id="x"><langSec xml:lang="en"><termSec><term>&lol2;</term></termSec></langSec>
</conceptEntry></body></text></tbx>
"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE tbx SYSTEM "file:///etc/passwd">
<tbx/>
"""


@pytest.mark.parametrize("document", [BILLION_LAUGHS, EXTERNAL_ENTITY])
def test_doctype_and_entity_declarations_are_refused(document):
    with pytest.raises(InputError, match="DOCTYPE/ENTITY"):
        import_tbx(document, "evil.tbx")


def test_malformed_tbx_reports_the_line():
    with pytest.raises(InputError, match=r"bad\.tbx:3: malformed TBX"):
        import_tbx('<?xml version="1.0"?>\n<tbx>\n<text></body>\n</tbx>', "bad.tbx")


def test_a_document_that_is_not_tbx_is_refused():
    with pytest.raises(InputError, match="not a TBX document"):
        import_tbx("<html/>", "page.tbx")


def test_tbx_2008_martif_layout_is_imported():
    doc = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en"><text><body>
  <termEntry id="c1">
    <descrip type="subjectField">place</descrip>
    <langSet xml:lang="en"><tig><term>Palmyra</term>
      <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
      <tig><term>Tadmur</term></tig></langSet>
    <langSet xml:lang="ar-SY"><tig><term>تدمر</term></tig></langSet>
    <langSet xml:lang="fr"><ntig><termGrp><term>Palmyre</term>
      <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termGrp></ntig>
      <ntig><termGrp><term>Tadmor</term>
      <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termGrp></ntig></langSet>
  </termEntry>
</body></text></martif>"""
    (term,) = import_tbx(doc, "old.tbx").terms
    assert (term.id, term.source, term.variants, term.type) == ("c1", "Palmyra", ("Tadmur",), "place")
    assert term.translations == {"ar_SY": ("تدمر",), "fr": ("Palmyre",)}
    assert term.forbidden == {"fr": ("Tadmor",)}
    assert term.renderings("ar_SY") == ("تدمر",) and term.line == 3


def test_load_glossary_reads_tbx_files_by_extension(tmp_path):
    path = tmp_path / "g.tbx"
    path.write_text(export_tbx(Glossary((ISLAMIC_STATE,))), encoding="utf-8")
    glossary = load_glossary(path)
    assert glossary.terms == (ISLAMIC_STATE,)
    assert glossary.terms[0].path == str(path)
