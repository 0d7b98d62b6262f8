"""Text from a catalogue never reaches the terminal as escape sequences; check reports hostile text."""

from __future__ import annotations

import sys
from pathlib import Path

import polib
import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "check"))
from helpers import run  # noqa: E402

ESCAPES = ["\x1b]0;pwned\x07", "\x1b[2J", "\x1b[31m", "\x9b31m", "\r"]


@pytest.fixture
def escaped_catalogue(cli, project) -> Path:
    cli("extract")
    cli("update", "-l", "fr")
    path = project / "locale/fr/LC_MESSAGES/palmyra-attack.po"
    po = polib.pofile(str(path))
    for entry, esc in zip(po, ESCAPES * 3):
        entry.msgstr = f"Bonjour {esc}monde 13 1515"  # wrong numbers: check reports and prints the msgstr
    po.save()
    return path


def _clean(text: str) -> bool:
    return not any(c in text for c in ("\x1b", "\x07", "\x9b", "\r"))


def test_check_text_report_prints_no_escape_sequence(cli, escaped_catalogue):
    code, out, err = cli("check", "-l", "fr", "--only", "numbers,control-chars")
    assert code == 1 and "Bonjour" in out
    assert _clean(out) and _clean(err)
    assert "␛[2J" in out  # shown, visibly, not executed


def test_preview_prints_no_escape_sequence(cli, escaped_catalogue):
    code, out, err = cli("preview", "-l", "fr", "palmyra-attack", "--width", "100")
    assert code == 0, err
    assert "Bonjour" in out and _clean(out)


def test_an_error_line_naming_a_hostile_path_prints_no_escape_sequence(tmp_path, capsys):
    from l10n.cli import main

    root = tmp_path / "p\x1b]0;pwned\x07\x1b[2J"
    root.mkdir()
    code = main(["-C", str(root), "extract"])
    err = capsys.readouterr().err
    assert code == 2 and "no source directory" in err and err.count("\n") == 1 and _clean(err)


def of(check_id: str, source: str, target: str, lang: str = "ar"):
    return [f for f in run(source, target, lang) if f.check_id == check_id]


@pytest.mark.parametrize(
    "target",
    [
        "مرحبا \u202eعالم",  # RLO, never closed
        "مرحبا \u202eعالم\u202c",  # RLO the source does not have, even balanced
        "مرحبا \u2069عالم",  # PDI without an isolate
        "مرحبا \u2067عالم",  # RLI never closed
        "مرحبا \x1b[2Jعالم",  # terminal escape
        "مرحبا\x07",
    ],
)
def test_trojan_source_and_control_characters_are_errors(target):
    found = of("control-chars", "Hello world", target)
    assert found and found[0].severity == "error"


@pytest.mark.parametrize(
    "target",
    ["مرحبا \u200fعالم\u200e\u061c", "مرحبا \u2066Palmyra\u2069 عالم", "مرحبا \u2068IS\u2069", "سطر\nسطر"],
)
def test_marks_and_balanced_isolates_are_fine(target):
    assert of("control-chars", "Hello world", target) == []


def test_new_or_changed_html_attributes_are_errors():
    """Reported by the ``tags`` check (issue 16's): an event handler, or a link pointing elsewhere."""
    src = 'Read <b>this</b> <a href="https://example.org/">report</a>.'
    assert of("tags", src, 'اقرأ <b>هذا</b> <a href="https://example.org/">التقرير</a>.') == []
    added = of("tags", src, 'اقرأ <b onmouseover="alert(1)">هذا</b> <a href="https://example.org/">التقرير</a>.')
    assert len(added) == 1 and "onmouseover" in added[0].message and added[0].severity == "error"
    changed = of("tags", src, 'اقرأ <b>هذا</b> <a href="javascript:alert(1)">التقرير</a>.')
    assert len(changed) == 1 and "javascript:alert(1)" in changed[0].message
