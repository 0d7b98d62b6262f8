"""A translator's editor takes no lock: l10n must never lose a save, by rename or in place."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import polib
import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))


@pytest.fixture
def ar_po(cli, project) -> Path:
    cli("extract")
    cli("update", "-l", "ar")
    return project / "locale/ar/LC_MESSAGES/palmyra-attack.po"


def _editor_save(path: Path, msgid: str, value: str, *, in_place: bool) -> None:
    po = polib.pofile(str(path))
    po.find(msgid).msgstr = value
    data = str(po).encode("utf-8")
    if in_place:
        with open(path, "r+b") as fh:
            fh.truncate(0)
            fh.write(data)
    else:
        tmp = path.with_name(".editor.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)


@pytest.mark.parametrize("in_place", [False, True], ids=["rename", "in-place"])
def test_a_save_landing_while_l10n_renders_its_write_is_merged_not_overwritten(ar_po, monkeypatch, in_place):
    """The old check ran before rendering and renaming: a save in that window was overwritten."""
    import l10n.project.store as store
    from l10n.project.store import update_catalog

    msgid = polib.pofile(str(ar_po))[3].msgid
    real = store.render_po
    fired = []

    def render_and_meanwhile_the_editor_saves(po):
        out = real(po)
        if not fired:
            fired.append(1)
            _editor_save(ar_po, msgid, "ترجمة المترجم", in_place=in_place)
        return out

    monkeypatch.setattr(store, "render_po", render_and_meanwhile_the_editor_saves)

    def change(po):
        po[0].msgstr = "ترجمة آلية"
        return po

    assert update_catalog(ar_po, change)
    after = polib.pofile(str(ar_po))
    assert after.find(msgid).msgstr == "ترجمة المترجم"  # the editor's save survived
    assert after[0].msgstr == "ترجمة آلية"  # and our change was re-applied on top of it


def test_an_empty_catalogue_is_being_written_not_an_empty_catalogue(cli, ar_po, monkeypatch):
    import l10n.project.store as store

    monkeypatch.setattr(store, "BUSY_TIMEOUT", 0.5)
    po = polib.pofile(str(ar_po))
    po[0].msgstr = "هجوم تدمر"
    po.save()
    ar_po.write_bytes(b"")  # an editor saving in place has truncated the file and not yet written
    for args in (("update", "-l", "ar"), ("build", "-l", "ar"), ("stats", "-l", "ar")):
        code, out, err = cli(*args)
        assert code == 2 and "is empty" in err and err.count("\n") == 1, (args, out, err)
    assert ar_po.read_bytes() == b""  # nothing written: the editor's bytes will land in this inode


def test_a_catalogue_being_written_is_waited_for(ar_po):
    """Truncated now, complete 0.1 s later (a slow in-place save): update waits and merges the result."""
    import threading
    import time

    from l10n.project.store import update_catalog

    full = ar_po.read_bytes().replace(b'msgstr ""\n\n#', b'msgstr "saved"\n\n#', 1)
    ar_po.write_bytes(full[: len(full) // 3])  # half written: unparseable
    timer = threading.Timer(0.1, lambda: ar_po.write_bytes(full))
    timer.start()
    started = time.monotonic()
    seen = []
    update_catalog(ar_po, lambda po: seen.append(po) or po)
    timer.join()
    assert time.monotonic() - started >= 0.08
    assert any(e.msgstr == "saved" for e in seen[-1])


def test_soak_editor_saving_by_rename_and_in_place_while_l10n_loops_loses_nothing(tmp_path):
    """A few seconds of benchmarks/bench_soak.py (the benchmark runs it for two minutes)."""
    from bench_soak import soak

    figures = soak(tmp_path, seconds=4.0)
    editor, l10n = figures["editor"], figures["l10n"]
    assert figures["editor_rc"] == 0 and figures["l10n_rc"] == 0
    assert editor["saves"] >= 20 and l10n["writes"] >= 2, figures  # both sides really wrote
    assert editor["lost"] == [], editor["lost"][:3]
    assert l10n["errors"] == []


def test_a_rename_save_between_the_last_check_and_the_swap_is_swapped_back(tmp_path, monkeypatch):
    """The swap itself (renameat2 EXCHANGE) keeps what it displaced, so a save in the last microseconds survives."""
    import l10n.project.files as files

    path = tmp_path / "a.po"
    path.write_bytes(b"ours to replace\n")
    state = files.read_state(path, 1 << 20)[1]
    real = files._renameat2

    def editor_saves_first(src, dst, flags):
        if flags == files._RENAME_EXCHANGE and not getattr(editor_saves_first, "done", False):
            editor_saves_first.done = True
            (tmp_path / ".e").write_bytes(b"the translator's save\n")
            os.replace(tmp_path / ".e", path)
        return real(src, dst, flags)

    monkeypatch.setattr(files, "_renameat2", editor_saves_first)
    assert files.replace_if_unchanged(path, b"l10n's merge\n", state, limit=1 << 20) is False
    assert path.read_bytes() == b"the translator's save\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.po"]  # our file and the temp are gone


def test_an_in_place_write_into_the_displaced_file_after_the_swap_is_swapped_back(tmp_path, monkeypatch):
    """An editor that opened the file just before the swap writes into the old inode: it is put back."""
    import l10n.project.files as files

    path = tmp_path / "a.po"
    path.write_bytes(b"before\n")
    state = files.read_state(path, 1 << 20)[1]
    real_sleep = files.time.sleep

    editor = open(path, "r+b")  # noqa: SIM115 - the editor's fd, opened before the swap

    def settle_while_the_editor_writes(seconds):
        editor.truncate(0)
        editor.write(b"the translator's save\n")
        editor.flush()
        real_sleep(seconds)

    monkeypatch.setattr(files.time, "sleep", settle_while_the_editor_writes)
    try:
        assert files.replace_if_unchanged(path, b"l10n's merge\n", state, limit=1 << 20, settle=0.01) is False
    finally:
        editor.close()
    assert path.read_bytes() == b"the translator's save\n"


def test_no_settle_wait_when_nobody_holds_the_displaced_file_open(tmp_path, monkeypatch):
    """The settle watch cost 10 ms a write; a write lease proves nobody can still write in place."""
    import l10n.project.files as files

    path = tmp_path / "a.po"
    path.write_bytes(b"before\n")
    state = files.read_state(path, 1 << 20)[1]
    slept: list[float] = []
    monkeypatch.setattr(files.time, "sleep", slept.append)
    assert files.replace_if_unchanged(path, b"l10n's merge\n", state, limit=1 << 20, settle=0.5) is True
    assert path.read_bytes() == b"l10n's merge\n"
    assert slept == []
