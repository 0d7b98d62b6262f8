"""Real catalogues nobody here wrote, judged by GNU gettext: read → write is byte-identical, one change is
one hunk, re-rendering every entry compiles (msgfmt) to the same .mo, charsets stay consistent.

Always runs on the vendored sample (tests/fixtures/po_corpus: 28 Django/Sphinx catalogues incl. ar, fa,
he, ur, BSD-licensed, LICENSE files beside them); runs on the whole corpus too when ``.ci/run`` fetched
it (``.corpus/`` at the repository root, or ``$L10N_PO_CORPUS``).
"""

from __future__ import annotations

import difflib
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from l10n.catalog import parse_po, render_po

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "tests" / "fixtures" / "po_corpus"


def _corpora() -> list[Path]:
    out = [SAMPLE]
    for extra in (os.environ.get("L10N_PO_CORPUS"), REPO / ".corpus"):
        if extra and Path(extra).is_dir() and any(Path(extra).rglob("*.po")):
            out.append(Path(extra))
    return out


CORPORA = _corpora()
needs_gettext = pytest.mark.skipif(
    shutil.which("msgfmt") is None or shutil.which("msgconv") is None, reason="GNU gettext (msgfmt, msgconv) not installed"
)


def _files(corpus: Path) -> list[Path]:
    return sorted(corpus.rglob("*.po"))


def test_the_vendored_sample_is_there_with_its_licences():
    files = _files(SAMPLE)
    assert len(files) >= 28
    assert {"ar", "fa", "he", "ur"} <= {p.parent.parent.name for p in files}
    assert (SAMPLE / "django" / "LICENSE").is_file() and (SAMPLE / "sphinx" / "LICENSE.rst").is_file()


@pytest.mark.parametrize("corpus", CORPORA, ids=lambda p: p.name)
def test_every_real_catalogue_is_written_back_byte_identical(corpus):
    files = _files(corpus)
    different = [str(p) for p in files if render_po(parse_po(p.read_bytes(), str(p))) != p.read_bytes()]
    assert different == [], f"{len(different)} of {len(files)} not byte-identical"


@pytest.mark.parametrize("corpus", CORPORA, ids=lambda p: p.name)
def test_every_entry_read_is_unchanged_until_edited(corpus):
    """The reader's fast path builds each entry's snapshot itself: it must equal what the model computes,
    or every entry would count as edited (and be re-rendered); an edit must still show."""
    for p in _files(corpus):
        cat = parse_po(p.read_bytes(), str(p))
        edited = [m.line for m in cat.messages if m.changed]
        assert edited == [], f"{p}: entries at lines {edited[:5]} read as changed"
        if cat.messages:
            first = cat.messages[0]
            first.flags.append("fuzzy") if "fuzzy" not in first.flags else first.flags.remove("fuzzy")
            assert first.changed


def _hunks(before: bytes, after: bytes) -> list[tuple[int, int]]:
    """The changed line ranges of *before* (0-based, end exclusive), as a line diff sees them."""
    a, b = before.split(b"\n"), after.split(b"\n")
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    a, b = a[head : len(a) - tail], b[head : len(b) - tail]  # diff only the region that differs
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return [(head + i1, head + i2) for tag, i1, i2, _j1, _j2 in sm.get_opcodes() if tag != "equal"]


@pytest.mark.parametrize("corpus", CORPORA, ids=lambda p: p.name)
def test_one_changed_entry_gives_one_hunk_inside_that_entry(corpus):
    checked = 0
    for path in _files(corpus):
        data = path.read_bytes()
        cat = parse_po(data, str(path))
        translated = [m for m in cat if m.msgstr and not m.obsolete]
        if not translated:
            continue
        entry = translated[len(translated) // 2]
        entry.msgstr = entry.msgstr + " (revu)"
        after = render_po(cat)
        hunks = _hunks(data, after)
        assert len(hunks) == 1, (path, hunks[:3])
        first, end = entry.line - 1, entry.line + entry._raw.count("\n")
        assert first <= hunks[0][0] <= hunks[0][1] <= end, (path, hunks[0], (first, end))
        checked += 1
    assert checked >= 20


def _mo(po: Path, tmp: Path) -> bytes:
    out = tmp / (po.name + ".mo")
    subprocess.run(["msgfmt", "-o", str(out), str(po)], check=True, capture_output=True)
    return out.read_bytes()


@needs_gettext
@pytest.mark.parametrize("corpus", CORPORA, ids=lambda p: p.name)
def test_re_rendering_every_entry_compiles_to_the_same_mo(corpus, tmp_path):
    """The writer's escaping and wrapping are judged by msgfmt, not by our own reader."""
    files = _files(corpus) if corpus == SAMPLE else _files(corpus)[::10]
    for i, path in enumerate(files):
        cat = parse_po(path.read_bytes(), str(path))
        for m in [*cat, cat.header_entry]:
            if m is not None:
                m._snap = None  # as if every entry had been edited: nothing reused from the file
        rewritten = tmp_path / f"{i}.po"
        rewritten.write_bytes(render_po(cat))
        assert _mo(path, tmp_path) == _mo(rewritten, tmp_path), path
        again = parse_po(rewritten.read_bytes(), str(rewritten))
        assert [(m.msgctxt, m.msgid, m.msgstr, m.msgstr_plural) for m in again] == [
            (m.msgctxt, m.msgid, m.msgstr, m.msgstr_plural) for m in cat
        ]


@needs_gettext
def test_a_cp1256_catalogue_is_read_and_written_in_cp1256(tmp_path):
    source = SAMPLE / "django/contrib/admin/locale/ar/LC_MESSAGES/django.po"
    legacy = tmp_path / "cp1256.po"
    subprocess.run(["msgconv", "--to-code=CP1256", "-o", str(legacy), str(source)], check=True)
    data = legacy.read_bytes()
    cat = parse_po(data, str(legacy))
    utf8 = parse_po(source.read_bytes(), str(source))
    assert [m.msgstr for m in cat] == [m.msgstr for m in utf8]  # decoded as declared
    assert render_po(cat) == data  # untouched: same bytes
    entry = next(m for m in cat if m.msgstr)
    entry.msgstr = "ارتفعت الأسعار"
    out = tmp_path / "out.po"
    out.write_bytes(render_po(cat))
    assert b"charset=CP1256" in out.read_bytes()
    back = subprocess.run(["msgconv", "--to-code=UTF-8", str(out)], check=True, capture_output=True).stdout
    assert 'msgstr "ارتفعت الأسعار"' in back.decode("utf-8")  # msgconv reads what the header says
    assert len(_hunks(data, out.read_bytes())) == 1


@needs_gettext
def test_text_the_charset_cannot_hold_converts_the_file_to_utf8_and_its_header_in_one_write(tmp_path):
    source = SAMPLE / "django/contrib/admin/locale/ar/LC_MESSAGES/django.po"
    legacy = tmp_path / "cp1256.po"
    subprocess.run(["msgconv", "--to-code=CP1256", "-o", str(legacy), str(source)], check=True)
    cat = parse_po(legacy.read_bytes(), str(legacy))
    entry = next(m for m in cat if m.msgstr)
    entry.msgstr = "שלום ارتفعت"  # Hebrew has no place in CP1256
    out = tmp_path / "out.po"
    out.write_bytes(render_po(cat))
    text = out.read_bytes().decode("utf-8")  # the bytes are UTF-8 …
    assert "charset=UTF-8" in text and "CP1256" not in text  # … and the header says so
    back = subprocess.run(["msgconv", "--to-code=UTF-8", str(out)], check=True, capture_output=True).stdout
    assert "שלום ارتفعت" in back.decode("utf-8")
    utf8 = parse_po(source.read_bytes(), str(source))
    assert [m.msgstr for m in parse_po(out.read_bytes(), str(out))][1:] == [m.msgstr for m in utf8][1:]


@pytest.mark.parametrize("corpus", CORPORA, ids=lambda p: p.name)
def test_reading_without_the_layout_gives_the_same_entries_and_refuses_to_write(corpus):
    """``keep_layout=False`` (``l10n check``) reads the same fields, line numbers and errors, and a
    catalogue read that way cannot be written back by mistake."""
    fields = ("msgid", "msgstr", "msgctxt", "msgid_plural", "msgstr_plural", "flags", "tcomment", "comment",
              "occurrences", "previous_msgctxt", "previous_msgid", "previous_msgid_plural", "obsolete", "line",
              "msgid_line")  # fmt: skip
    for p in _files(corpus):
        full, lean = parse_po(p.read_bytes(), str(p)), parse_po(p.read_bytes(), str(p), keep_layout=False)
        assert lean.metadata == full.metadata and lean.charset == full.charset
        assert [[getattr(m, f) for f in fields] for m in lean.messages] == [[getattr(m, f) for f in fields] for m in full.messages]
        with pytest.raises(ValueError):
            render_po(lean)
