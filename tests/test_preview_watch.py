"""``l10n preview --watch``: follows saves (rename and in place), keeps the scroll position, survives a
half-written file, never takes the catalogue's lock."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from l10n.preview.watch import Watcher, signature

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "source" / "palmyra-attack.md"
FIXTURE = REPO / "tests" / "fixtures" / "palmyra-attack.ar.po"
TITLE_AR = "هجوم تدمر وما يعنيه للتعاون الأمريكي السوري"


def arabic_project(tmp_path: Path) -> tuple[Path, Path]:
    (tmp_path / "source").mkdir()
    shutil.copy(SEED, tmp_path / "source" / SEED.name)
    po_dir = tmp_path / "locale" / "ar" / "LC_MESSAGES"
    po_dir.mkdir(parents=True)
    shutil.copy(FIXTURE, po_dir / "palmyra-attack.po")
    return tmp_path, po_dir / "palmyra-attack.po"


def save_renaming(path: Path, text: str) -> None:
    """Poedit's way: a temporary file renamed over the catalogue (a new inode)."""
    tmp = path.with_name(path.name + ".tmp~")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def save_in_place(path: Path, text: str) -> None:
    """A text editor's way: truncate and rewrite the same inode."""
    with open(path, "r+", encoding="utf-8") as f:
        f.truncate(0)
        f.write(text)


# --------------------------------------------------------------------------- the pure part


def test_watcher_reloads_after_a_rename_and_an_in_place_save_and_keeps_the_last_good_version(tmp_path):
    catalogue = tmp_path / "a.po"
    catalogue.write_text("one", encoding="utf-8")

    def load():
        text = catalogue.read_text(encoding="utf-8")
        if "BROKEN" in text:
            raise ValueError(f"{catalogue}: line 3: unexpected end of file")
        return text

    w = Watcher(load, lambda: [catalogue])
    assert w.poll() and w.shown == "one"
    assert not w.poll()
    save_renaming(catalogue, "two")
    assert not w.poll()  # seen, not read yet: a save in progress is left to settle for one poll
    assert w.poll() and w.shown == "two"
    save_in_place(catalogue, "three!")
    w.poll()
    assert w.poll() and w.shown == "three!"
    save_in_place(catalogue, "BROKEN half-writ")
    w.poll()
    assert w.poll() and w.shown == "three!"  # the last good version stays
    assert w.notice.startswith("last good version shown, not reloaded:") and "line 3" in w.notice and "\n" not in w.notice
    save_renaming(catalogue, "four")
    w.poll()
    assert w.poll() and w.shown == "four" and w.notice == ""


def test_signature_sees_a_rename_with_the_same_size_and_mtime(tmp_path):
    path = tmp_path / "a.po"
    path.write_text("same", encoding="utf-8")
    before = signature([path])
    st = path.stat()
    other = tmp_path / "b.po"
    other.write_text("same", encoding="utf-8")
    os.utime(other, ns=(st.st_atime_ns, st.st_mtime_ns))
    os.replace(other, path)
    assert signature([path]) != before  # the inode changed


def test_watcher_keeps_the_scroll_position_across_a_reload(tmp_path):
    catalogue = tmp_path / "a.po"
    catalogue.write_text("\n".join(f"line {k}" for k in range(100)), encoding="utf-8")
    w = Watcher(lambda: catalogue.read_text(encoding="utf-8"), lambda: [catalogue])
    w.poll()
    w.key("\x1b[6~", page=20)  # PgDn
    w.key("j", page=20)
    screen = w.screen(40, 21, color_system=None)
    assert screen[0] == "line 20" and "21-40/100" in screen[-1]
    save_renaming(catalogue, "\n".join(f"line {k} (saved)" for k in range(100)))
    w.poll()
    w.poll()
    screen = w.screen(40, 21, color_system=None)
    assert screen[0] == "line 20 (saved)" and "21-40/100" in screen[-1]
    assert not w.key("q", page=20)


# --------------------------------------------------------------------------- in a real terminal


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_preview_watch_in_tmux_follows_rename_and_in_place_saves_within_a_second(tmp_path):
    from l10n.project.files import file_lock

    root, catalogue = arabic_project(tmp_path)
    script = tmp_path / "run.sh"
    script.write_text(
        f"unset COLUMNS LINES\ncd {root}\nPYTHONPATH={REPO} exec {sys.executable} -m l10n preview palmyra-attack "
        "-l ar --bidi app --shape off --watch\n",
        encoding="utf-8",
    )
    socket = f"l10n-watch-{os.getpid()}-{id(tmp_path)}"
    tmux = ["tmux", "-L", socket, "-f", "/dev/null"]

    def screen() -> str:
        return subprocess.run([*tmux, "capture-pane", "-p"], capture_output=True, text=True).stdout

    def wait_for(text: str, limit: float) -> float:
        start = time.monotonic()
        while time.monotonic() - start < limit:
            if text in screen():
                return time.monotonic() - start
            time.sleep(0.05)
        raise AssertionError(f"{text!r} not on screen after {limit}s:\n{screen()}")

    original = catalogue.read_text(encoding="utf-8")
    assert TITLE_AR in original
    subprocess.run([*tmux, "new-session", "-d", "-x", "80", "-y", "30", f"sh {script}"], check=True)
    try:
        wait_for("watching 3 files", 30)
        assert TITLE_AR[::-1] in screen()  # the title, reordered for display

        # Poedit saves: rename over the catalogue, while another process holds our lock
        with file_lock(catalogue, timeout=1):
            save_renaming(catalogue, original.replace(TITLE_AR, "RENAME SAVED"))
            renamed = wait_for("RENAME SAVED", 5)
        # a text editor saves in place
        save_in_place(catalogue, original.replace(TITLE_AR, "INPLACE SAVED"))
        in_place = wait_for("INPLACE SAVED", 5)
        print(f"watch: on screen {renamed:.2f} s after a rename, {in_place:.2f} s after an in-place save")
        assert renamed < 1.0 and in_place < 1.0, (renamed, in_place)

        # scroll down two pages; a save keeps the position
        subprocess.run([*tmux, "send-keys", "NPage", "NPage"], check=True)
        wait_for(" 57-", 5)
        save_renaming(catalogue, original)
        time.sleep(1)
        assert " 57-" in screen().splitlines()[-1]

        # a half-written file: the last good version stays, with a one-line notice
        save_in_place(catalogue, original[: len(original) // 2] + '\nmsgid "broken\n')
        wait_for("not reloaded:", 5)
        lines = screen().splitlines()
        assert " 57-" in lines[-1]
        notice = [line for line in lines if "not reloaded:" in line]
        assert len(notice) == 1 and notice[0].startswith("last good version shown")
        save_renaming(catalogue, original)
        start = time.monotonic()
        while "not reloaded:" in screen() and time.monotonic() - start < 5:
            time.sleep(0.05)
        assert "not reloaded:" not in screen()

        subprocess.run([*tmux, "send-keys", "q"], check=True)
        time.sleep(0.5)
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True)
    assert catalogue.read_text(encoding="utf-8") == original  # the preview never writes


def test_watch_without_a_terminal_is_one_line_exit_2(tmp_path, capsys):
    from l10n.cli import main

    root, _ = arabic_project(tmp_path)
    assert main(["-C", str(root), "preview", "palmyra-attack", "-l", "ar", "--watch"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--watch needs a terminal" in err
