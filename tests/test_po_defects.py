"""Issue 15's eight defects (and issue 9 items 3, 4 and 8's parser part), each as the user met it.

Judged by tools that are not ours: polib edits a catalogue the way an editor would, GNU gettext's
msgfmt/msgconv/msgunfmt say what a file means.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from l10n.catalog import parse_po, render_po

PO = "locale/{}/LC_MESSAGES/palmyra-attack.po"
SENTENCE = "As such, this attack is a serious setback for Damascus."
EDITED = "As such, the attack is a serious setback for Damascus."
gettext = pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext (msgfmt) not installed")
has_apertium = shutil.which("apertium") is not None and any(
    p.name.startswith("eng-spa") for p in Path("/usr/share/apertium/modes").glob("*.mode")
)


def _edit_source(project: Path, old: str = "As such, this attack", new: str = "As such, the attack") -> None:
    src = project / "source/palmyra-attack.md"
    text = src.read_text(encoding="utf-8")
    assert old in text
    src.write_text(text.replace(old, new), encoding="utf-8")


def _entry(path: Path, msgid: str) -> polib.POEntry:
    return polib.pofile(str(path)).find(msgid)


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


# --------------------------------------------------------------------------- 1. human post-edits


@pytest.mark.parametrize("engine", ["deterministic", pytest.param("apertium", marks=pytest.mark.skipif(
    not has_apertium, reason="apertium + apertium-eng-spa not installed"))])  # fmt: skip
def test_a_post_edit_that_kept_the_mt_comment_survives_a_source_edit_and_translate(cli, project, engine):
    """The issue's Poedit scenario: post-edit an MT draft (fuzzy dropped, `# l10n-mt` kept), edit the
    sentence in the article, extract/update/translate: the human text stays, fuzzy, with `#|`."""
    lang = "es"
    cli("extract")
    cli("update", "-l", lang)
    code, out, err = cli("translate", "-l", lang, "--engine", engine)
    assert code == 0, err
    path = project / PO.format(lang)
    po = polib.pofile(str(path))  # Poedit's part, by another PO implementation
    entry = po.find(SENTENCE)
    assert "l10n-mt:" in entry.tcomment and entry.fuzzy
    entry.msgstr = "Por ello, este ataque es un grave revés para Damasco (revisado)."
    entry.flags.remove("fuzzy")
    po.save()
    _edit_source(project)
    assert cli("extract")[0] == 0
    assert cli("update", "-l", lang)[0] == 0
    code, out, err = cli("translate", "-l", lang, "--engine", engine)
    assert code == 0, err
    after = _entry(path, EDITED)
    assert after.msgstr == "Por ello, este ataque es un grave revés para Damasco (revisado)."
    assert after.fuzzy and after.previous_msgid == SENTENCE


def test_a_fuzzy_human_edit_is_not_mt_fodder_for_retranslate_fuzzy(cli, project):
    """Issue 9 item 3: edit an MT draft but leave it fuzzy; --retranslate-fuzzy must not replace it."""
    cli("extract")
    cli("update", "-l", "ar")
    cli("translate", "-l", "ar", "--engine", "deterministic")
    path = project / PO.format("ar")
    po = polib.pofile(str(path))
    entry = po.find(SENTENCE)
    assert entry.fuzzy and "l10n-mt:" in entry.tcomment
    entry.msgstr = "مسودة المترجم"  # still fuzzy: work in progress
    untouched = po.find("Spotting weaknesses")
    drafted = untouched.msgstr
    po.save()
    code, _, err = cli("translate", "-l", "ar", "--engine", "deterministic", "--retranslate-fuzzy")
    assert code == 0, err
    assert _entry(path, SENTENCE).msgstr == "مسودة المترجم"
    assert _entry(path, "Spotting weaknesses").msgstr == drafted  # MT's own draft: still MT's


# --------------------------------------------------------------------------- 2. charsets


@gettext
def test_a_cp1256_catalogue_stays_cp1256_through_translate_and_compiles_to_the_right_text(cli, project, tmp_path):
    cli("extract")
    cli("update", "-l", "ar")
    cli("translate", "-l", "ar", "--engine", "deterministic")
    path = project / PO.format("ar")
    po = polib.pofile(str(path))
    want = {e.msgid: e.msgstr for e in po}
    po.find(SENTENCE).msgstr = ""  # one entry left for translate to fill
    po.save()
    path.write_text(path.read_text(encoding="utf-8").replace("→", "->"), encoding="utf-8")  # CP1256 has no →
    subprocess.run(["msgconv", "--to-code=CP1256", "-o", str(path), str(path)], check=True)
    code, _, err = cli("translate", "-l", "ar", "--engine", "deterministic")
    assert code == 0, err
    data = path.read_bytes()
    # The new MT comment says "en→ar", which CP1256 cannot hold: the file is converted to UTF-8 and its
    # header says so in the same write.  Either way, bytes and header agree:
    declared = re.search(rb"charset=([\w-]+)", data).group(1).decode()
    assert declared in ("CP1256", "UTF-8")
    # msgconv reads the bytes as the header says: mojibake if they disagree
    utf8 = subprocess.run(["msgconv", "--to-code=UTF-8", str(path)], check=True, capture_output=True).stdout
    back = polib.pofile(utf8.decode("utf-8"))
    assert [back.find(k).msgstr for k in want if k and k != SENTENCE] == [v for k, v in want.items() if k and k != SENTENCE]
    filled = _entry_text(tmp_path, path)
    assert back.find(SENTENCE).msgstr == filled and re.search("[\u0621-\u064a]", filled)


def _entry_text(tmp_path: Path, path: Path) -> str:
    """SENTENCE's msgstr as msgfmt compiles it (through the header's charset)."""
    mo = tmp_path / "ar.mo"
    subprocess.run(["msgfmt", "--use-fuzzy", "-o", str(mo), str(path)], check=True)
    import gettext as gt

    with mo.open("rb") as fh:
        return gt.GNUTranslations(fh).gettext(SENTENCE)


# --------------------------------------------------------------------------- 3. escapes

ESCAPED = (
    b'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    b'msgid "A\\101B"\nmsgstr "octal"\n\n'
    b'msgid "C\\x41-D"\nmsgstr "hex"\n\n'
    b'msgid "E\\x41F"\nmsgstr "hex digits run on, as in msgfmt: 0x41F"\n\n'
    b'msgid "bell\\a"\nmsgstr "alert"\n'
)


def _as_bytes(x) -> bytes:
    return x if isinstance(x, bytes) else x.encode("utf-8")


@gettext
def test_octal_hex_and_bell_escapes_round_trip_and_compile_the_same(tmp_path):
    cat = parse_po(ESCAPED, "e.po")
    assert [m.msgid for m in cat] == ["AAB", "CA-D", "E\x1f", "bell\a"]
    for m in cat:
        m.msgstr += "!"  # every entry rewritten
    out = _as_bytes(render_po(cat))
    assert b'msgid "A\\101B"' in out and b'msgid "C\\x41-D"' in out and b'msgid "bell\\a"' in out
    (tmp_path / "a.po").write_bytes(ESCAPED)
    (tmp_path / "b.po").write_bytes(out)
    ids = []
    for name in ("a", "b"):
        subprocess.run(["msgfmt", "-o", str(tmp_path / f"{name}.mo"), str(tmp_path / f"{name}.po")], check=True)
        text = subprocess.run(["msgunfmt", str(tmp_path / f"{name}.mo")], capture_output=True, check=True).stdout
        ids.append([x for x in text.decode("utf-8").split("\n") if x.startswith("msgid")])
    assert ids[0] == ids[1] and len(ids[0]) == 5  # msgfmt compiles the same four msgids (and the header)


@pytest.mark.parametrize("escape", ["\\'", "\\?", "\\q"])
def test_escapes_msgfmt_rejects_are_one_line_errors_naming_file_and_line(cli, project, escape):
    cli("extract")
    cli("update", "-l", "ar")
    path = project / PO.format("ar")
    text = path.read_text(encoding="utf-8")
    i = text.index(f'msgid "{SENTENCE}"')
    line = text[:i].count("\n") + 2
    nl = text.index("\n", i)
    text = text[: nl + 1] + f'msgstr "x{escape}y"' + text[text.index("\n", nl + 1) :]
    path.write_text(text, encoding="utf-8")
    for args in (("check", "-l", "ar"), ("build", "-l", "ar"), ("stats", "-l", "ar")):
        code, _, err = cli(*args)
        assert code == 2 and f"palmyra-attack.po:{line}:" in err and err.count("\n") == 1, (args, err)


# --------------------------------------------------------------------------- 4. obsolete previous msgid


def test_the_previous_msgid_of_an_obsolete_entry_survives_a_write(cli, project):
    cli("extract")
    cli("update", "-l", "ar")
    path = project / PO.format("ar")
    with path.open("a", encoding="utf-8") as fh:
        fh.write('\n#, fuzzy\n#~| msgid "An older sentence."\n#~ msgid "An old sentence."\n#~ msgstr "جملة قديمة"\n')
    _edit_source(project)
    cli("extract")
    code, _, err = cli("update", "-l", "ar")  # rewrites the file (the edited sentence)
    assert code == 0, err
    text = path.read_text(encoding="utf-8")
    assert "the attack is a serious setback" in text
    assert '#~| msgid "An older sentence."\n#~ msgid "An old sentence."' in text


# --------------------------------------------------------------------------- 5. churn


@gettext
def test_after_an_editor_rewraps_the_file_an_update_changes_only_what_changed(cli, project):
    """msgcat --width=76 (another tool's style); one sentence edited; the diff is that entry and the
    two header fields the update owns — not a re-wrap of the whole file."""
    cli("extract")
    cli("update", "-l", "ar")
    cli("translate", "-l", "ar", "--engine", "deterministic")
    path = project / PO.format("ar")
    subprocess.run(["msgcat", "--width=76", "-o", str(path), str(path)], check=True)
    before = path.read_bytes()
    _edit_source(project)
    cli("extract")
    assert cli("update", "-l", "ar")[0] == 0
    after = path.read_bytes()
    import difflib

    a, b = before.decode().split("\n"), after.decode().split("\n")
    changed = [
        line
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
        if tag != "equal"
        for line in a[i1:i2] + b[j1:j2]
    ]
    header = [x for x in changed if x.startswith(('"PO-Revision-Date:', '"POT-Creation-Date:'))]
    body = [x for x in changed if x not in header]
    assert all("As such" in x or "setback for Damascus" in x or x.startswith(("#,", "#|", "#~", "msgstr", '"')) for x in body), body
    assert len(body) <= 12, body


def test_an_unchanged_real_catalogue_is_never_rewritten(cli, project):
    """A real Django catalogue, with its own style, in a project: read and written back, same bytes."""
    src = Path(__file__).parent / "fixtures/po_corpus/django/contrib/admin/locale/ar/LC_MESSAGES/django.po"
    data = src.read_bytes()
    assert _as_bytes(render_po(parse_po(data, str(src)))) == data


# --------------------------------------------------------------------------- 6. stale template


def test_an_edited_article_reaches_every_command_without_a_manual_extract(cli, project):
    cli("extract")
    cli("update", "-l", "ar")
    cli("translate", "-l", "ar", "--engine", "deterministic")
    _edit_source(project)
    code, _, err = cli("check", "-l", "ar")  # CI: refuses to pass the catalogue of an older article
    assert code == 2 and "palmyra-attack.md" in err and "l10n update" in err and err.count("\n") == 1
    code, out, err = cli("update", "-l", "ar")  # no extract in between
    assert code == 0 and "1 fuzzy" in out, out + err
    po = polib.pofile(str(project / PO.format("ar")))
    assert po.find(EDITED) is not None and po.find(EDITED).previous_msgid == SENTENCE


def test_translate_and_stats_see_an_edited_article(cli, project):
    cli("extract")
    cli("update", "-l", "ar")
    cli("translate", "-l", "ar", "--engine", "deterministic")
    _edit_source(project)
    code, out, err = cli("translate", "-l", "ar", "--engine", "deterministic")
    assert code == 0 and "nothing to translate" not in out, out
    entry = _entry(project / PO.format("ar"), EDITED)
    assert entry is not None and entry.msgstr and "l10n-mt:" in entry.tcomment
    _edit_source(project, "Spotting weaknesses", "Spotting the weaknesses")
    code, out, _ = cli("stats", "-l", "ar")
    assert code == 0
    assert _entry(project / PO.format("ar"), "Spotting the weaknesses") is not None


# --------------------------------------------------------------------------- 7. one change, one trace


def test_one_changed_and_one_deleted_sentence_leave_one_fuzzy_and_one_obsolete(cli, project):
    cli("extract")
    cli("update", "-l", "ar")
    cli("translate", "-l", "ar", "--engine", "deterministic")
    _edit_source(project)
    _edit_source(project, "Spotting weaknesses", "")
    code, out, _ = cli("update", "-l", "ar")
    assert code == 0 and "1 fuzzy, 0 new, 1 obsolete" in out, out
    po = polib.pofile(str(project / PO.format("ar")))
    assert [e.msgid for e in po.obsolete_entries()] == ["Spotting weaknesses"]


# --------------------------------------------------------------------------- 8. one reader


def test_check_reads_through_the_one_model():
    import importlib.util

    import l10n.catalog.po as model
    import l10n.check as check

    assert importlib.util.find_spec("l10n.check.po") is None
    assert check.parse_catalogue is model.parse_po and check.PoEntry is model.Message


def test_line_numbers_are_where_the_entry_starts_in_the_file(cli, project):
    """check's report and the model agree, and both point at the entry's first line as a text scan finds it."""
    cli("extract")
    cli("update", "-l", "ar")
    path = project / PO.format("ar")
    po = polib.pofile(str(path))
    po.find(SENTENCE).msgstr = "هذا هو {0} 123"  # a number the source does not have: a finding
    po.find(SENTENCE).tcomment = "a note\nover two lines"
    po.save()
    lines = path.read_text(encoding="utf-8").split("\n")
    at = lines.index(f'msgid "{SENTENCE}"')
    first = at
    while first > 0 and lines[first - 1].startswith("#"):
        first -= 1
    model = parse_po(path.read_bytes(), str(path))
    entry = next(m for m in model if m.msgid == SENTENCE)
    assert (entry.line, entry.msgid_line) == (first + 1, at + 1)
    code, out, _ = cli("check", "-l", "ar", "--format", "text")
    assert f"palmyra-attack.po:{first + 1}" in out, out


# --------------------------------------------------------------------------- issue 9 item 4 and 8


@pytest.mark.parametrize(
    ("tail", "line"),
    [
        ('\n#~| msgid "stray"\n', 2),
        ('\n#~ msgid "old"\n#~ msgstr "a"\n\n#~ msgid "old"\n#~ msgstr "b"\n', 5),
        ('\n#~ msgid "x"\nmsgstr "inconsistent"\n', 3),
    ],
    ids=["stray-previous", "duplicate-obsolete", "inconsistent-obsolete"],
)
def test_structure_msgfmt_rejects_is_a_one_line_error_naming_file_and_line(cli, project, tail, line):
    cli("extract")
    cli("update", "-l", "ar")
    path = project / PO.format("ar")
    base = path.read_text(encoding="utf-8")
    n = base.count("\n") + (0 if base.endswith("\n") else 1)
    path.write_text(base + tail, encoding="utf-8")
    if shutil.which("msgfmt"):
        assert subprocess.run(["msgfmt", "-o", os.devnull, str(path)], capture_output=True).returncode != 0
    before = path.read_bytes()
    _edit_source(project)  # so update has to read the file
    for args in (("update", "-l", "ar"), ("check", "-l", "ar")):
        code, _, err = cli(*args)
        assert code == 2 and f"palmyra-attack.po:{n + line}:" in err and err.count("\n") == 1, (args, err)
    assert path.read_bytes() == before


def test_a_catalogue_over_the_size_limit_or_not_a_file_is_refused_with_one_line(cli, project, monkeypatch):
    import l10n.project.store as store

    cli("extract")
    cli("update", "-l", "ar")
    path = project / PO.format("ar")
    monkeypatch.setattr(store, "MAX_CATALOG_BYTES", 1000)
    code, _, err = cli("stats", "-l", "ar")
    assert code == 2 and "too large for a catalogue" in err and err.count("\n") == 1
    monkeypatch.undo()
    path.unlink()
    os.mkfifo(path)
    code, _, err = cli("build", "-l", "ar")  # a FIFO would block a plain read forever
    assert code == 2 and "refused without reading it" in err and err.count("\n") == 1


# --------------------------------------------------------------------------- update's cheap path


def test_an_update_with_nothing_new_reads_no_catalogue_and_an_edited_one_is_merged_again(cli, project, monkeypatch):
    import l10n.catalog.po as model
    import l10n.project.commands as commands
    import l10n.project.store as store

    cli("extract")
    cli("update", "-l", "ar")
    cli("update", "-l", "fr")

    def refuse(*args, **kwargs):
        raise AssertionError("parsed")

    with monkeypatch.context() as m:
        for module in (model, commands, store):
            m.setattr(module, "parse_po", refuse)
        code, out, err = cli("update", "-l", "ar", "-l", "fr")  # template and catalogues as last time
        assert code == 0 and out.count("unchanged since the last update") == 2, out + err
    path = project / PO.format("ar")
    text = path.read_text(encoding="utf-8")
    start = text.index('"Plural-Forms: ')
    path.write_text(text[:start] + '"Plural-Forms: nplurals=2; plural=n != 1;\\n"' + text[text.index("\n", start):], encoding="utf-8")
    code, out, _ = cli("update", "-l", "ar", "-l", "fr")  # a translator's edit: merged again, header repaired
    assert code == 0 and "ar/LC_MESSAGES/palmyra-attack.po: updated" in out
    assert "unchanged since the last update" in out  # fr: still the cheap path
    assert "nplurals=6" in path.read_text(encoding="utf-8")


OBSOLETE_COMMENTS = b'''msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "a"
msgstr "b"

#~ #, python-format
#~ msgid "Old %s"
#~ msgstr "Vieux %s"

#~ #. extracted
#~ #: ref.py:1
#~ msgid "x"
#~ msgstr "y"

#~ #| msgid "Older"
#~ msgid "Old"
#~ msgstr "Vieux"
'''


@pytest.mark.skipif(shutil.which("msgcat") is None, reason="GNU gettext (msgcat) not installed")
def test_comments_written_inside_obsolete_lines_are_read_as_gettext_reads_them(tmp_path):
    """django-oscar's catalogues have ``#~ #, python-format``: msgfmt accepts it, and the whole check run
    used to stop on it.  GNU msgcat is the judge of what the lines mean; the file comes back unchanged."""
    po = tmp_path / "oscar.po"
    po.write_bytes(OBSOLETE_COMMENTS)
    subprocess.run(["msgfmt", "--check-format", "-o", os.devnull, str(po)], check=True, capture_output=True)
    normal = subprocess.run(["msgcat", str(po)], check=True, capture_output=True).stdout
    fields = ("msgid", "msgstr", "flags", "comment", "occurrences", "previous_msgid", "obsolete")
    ours, judge = parse_po(OBSOLETE_COMMENTS, "oscar.po"), parse_po(normal, "msgcat.po")
    assert [[getattr(m, f) for f in fields] for m in ours.messages] == [[getattr(m, f) for f in fields] for m in judge.messages]
    assert ours.messages[1].flags == ["python-format"] and ours.messages[2].occurrences == [("ref.py", "1")]
    assert render_po(ours) == OBSOLETE_COMMENTS
