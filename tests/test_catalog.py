from __future__ import annotations

import gettext
import os
import shutil
import subprocess

import pytest

from l10n.catalog import Catalog, make_template, merge, new_catalog, parse_po, render_po
from l10n.errors import InputError
from l10n.lang import cldr_plural_index, get_language, plural_forms
from l10n.project.store import update_catalog
from l10n.segment import parse_markdown

AR = get_language("ar")


def template(md: str) -> Catalog:
    return make_template(parse_markdown(md, name="a", path="source/a.md"), creation_date="2026-01-01 00:00+0000")


def test_one_entry_per_sentence_and_repeats_share_one_entry_with_all_references():
    pot = template("One here. Two here.\n\nOne here.\n")
    assert [e.msgid for e in pot] == ["One here.", "Two here."]
    assert pot[0].occurrences == [("source/a.md", "1"), ("source/a.md", "3")]
    assert pot[0].comment == "type: paragraph"


def test_msgctxt_only_separates_the_same_text_in_different_block_types():
    pot = template("# Sweida\n\nIntro.\n\n## Sweida\n\nSweida\n")
    keys = [(e.msgctxt, e.msgid) for e in pot]
    assert keys == [("title", "Sweida"), (None, "Intro."), ("heading", "Sweida"), (None, "Sweida")]
    assert all(e.msgctxt is None for e in template("Alpha. Beta.\n"))


def test_merge_keeps_translations_fuzzies_changed_sentences_and_obsoletes_removed_ones():
    old = new_catalog(template("The attack killed two soldiers. Talks resumed in Damascus. Gone sentence here.\n"), AR)
    old[0].msgstr = "أسفر الهجوم عن مقتل جنديين."
    old[1].msgstr = "استؤنفت المحادثات في دمشق."
    old[1].tcomment = "checked by Rania"
    old[2].msgstr = "جملة محذوفة."
    new_t = template("The attack killed three soldiers. Talks resumed in Damascus. A brand new one.\n")
    po, stats = merge(new_t, old, AR)
    by_id = {e.msgid: e for e in po if not e.obsolete}
    changed = by_id["The attack killed three soldiers."]
    assert changed.fuzzy and changed.msgstr == "أسفر الهجوم عن مقتل جنديين."
    assert changed.previous_msgid == "The attack killed two soldiers."
    kept = by_id["Talks resumed in Damascus."]
    assert kept.msgstr == "استؤنفت المحادثات في دمشق." and not kept.fuzzy and kept.tcomment == "checked by Rania"
    assert by_id["A brand new one."].msgstr == ""
    obsolete = {e.msgid: e.msgstr for e in po.obsolete_entries()}
    # as msgmerge --previous: the old msgid consumed by the fuzzy match leaves no second trace
    assert obsolete == {"Gone sentence here.": "جملة محذوفة."}
    assert stats.obsolete == 1
    assert (stats.kept, stats.fuzzy, stats.new) == (1, 1, 1)
    # an obsolete translation comes back when its sentence returns
    po2, _ = merge(template("Gone sentence here.\n"), po, AR)
    assert po2[0].msgstr == "جملة محذوفة." and not po2[0].fuzzy


def test_untranslated_entries_that_leave_the_article_are_dropped_not_obsoleted():
    old = new_catalog(template("Alpha sentence.\n"), AR)
    po, stats = merge(template("Completely different text.\n"), old, AR)
    assert po.obsolete_entries() == [] and stats.obsolete == 0


@pytest.mark.parametrize(
    "code", ["ar", "ar_SY", "ar_EG", "fa", "he", "ur", "fr", "es", "de", "en", "ru", "pl", "cy", "ga", "ja", "pt_BR", "lt", "sl", "cs"]
)
def test_plural_forms_header_matches_cldr_for_0_to_200(code):
    header = plural_forms(code)
    nplurals = int(header.split("nplurals=")[1].split(";")[0])
    expr = header.split("plural=", 1)[1].rstrip().rstrip(";")
    fn = gettext.c2py(expr)
    for n in range(201):
        assert fn(n) == cldr_plural_index(code, n), (code, n)
        assert 0 <= fn(n) < nplurals


def test_arabic_uses_the_standard_gettext_expression():
    assert plural_forms("ar") == (
        "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;"
    )


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext (msgfmt) not installed")
@pytest.mark.parametrize("code", ["ar", "fr", "he", "ru", "es"])
def test_written_catalogues_pass_msgfmt_check(tmp_path, code):
    from conftest import SEED

    pot = make_template(parse_markdown(SEED.read_text(encoding="utf-8")), creation_date="2026-01-01 00:00+0000")
    po = new_catalog(pot, get_language(code))
    po[0].msgstr = "x"
    path = tmp_path / "a.po"
    path.write_bytes(render_po(po))
    result = subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("data", "where"),
    [
        (b'msgid "a"\nmsgstr "b\n', "x.po:2"),
        (b'msgid "a"\nmsgstr "b\\q"\n', "x.po:2"),
        (b'msgid "a"\nmsgstr "b"\nbogus line\n', "x.po:3"),
        (b'msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', "x.po"),
        (b'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "\xff"\nmsgstr ""\n', "x.po:4"),
    ],
)
def test_malformed_po_is_one_error_naming_file_and_line(data, where):
    with pytest.raises(InputError) as info:
        parse_po(data, "x.po")
    assert str(info.value).startswith(where)


def test_po_with_bom_crlf_and_latin1_charset_is_read():
    data = (
        b'\xef\xbb\xbfmsgid ""\r\nmsgstr "Content-Type: text/plain; charset=ISO-8859-1\\n"\r\n\r\n'
        b'msgid "caf\xe9"\r\nmsgstr "caf\xe9!"\r\n'
    )
    po = parse_po(data, "x.po")
    assert po[0].msgid == "café" and po[0].msgstr == "café!"


def test_update_recomputes_when_the_file_changes_on_disk_during_the_merge(tmp_path):
    path = tmp_path / "a.po"
    base = new_catalog(template("Alpha sentence. Beta sentence.\n"), AR)
    path.write_bytes(render_po(base))
    calls = []

    def change(po):
        calls.append(po[0].msgstr)
        if len(calls) == 1:  # a translator saves in Poedit while we work
            saved = parse_po(path.read_bytes(), path)
            saved[0].msgstr = "ألفا"
            path.write_bytes(render_po(saved))
        po[1].msgstr = "بيتا"
        return po

    assert update_catalog(path, change)
    final = parse_po(path.read_bytes(), path)
    assert calls == ["", "ألفا"]
    assert (final[0].msgstr, final[1].msgstr) == ("ألفا", "بيتا")
