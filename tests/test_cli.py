from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file() and ".lock" not in p.name}


def test_extract_update_build_on_the_seed(cli, project):
    code, out, _ = cli("extract")
    assert code == 0 and "60 entries from 62 sentences" in out
    assert cli("update", "--lang", "ar", "--lang", "fr")[0] == 0
    code, out, _ = cli("build", "--lang", "ar", "-f", "md", "-f", "html", "-f", "txt")
    assert code == 0
    assert (project / "build/ar/palmyra-attack.md").read_bytes() == (project / "source/palmyra-attack.md").read_bytes()
    assert '<html lang="ar" dir="rtl">' in (project / "build/ar/palmyra-attack.html").read_text(encoding="utf-8")
    pot = polib.pofile(str(project / "locale/palmyra-attack.pot"))
    assert len(pot) == 60
    po = polib.pofile(str(project / "locale/ar/LC_MESSAGES/palmyra-attack.po"))
    assert po.metadata["Language"] == "ar" and po.metadata["Plural-Forms"].startswith("nplurals=6")
    if shutil.which("msgfmt"):
        for f in (project / "locale").rglob("*.po"):
            assert subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(f)]).returncode == 0


def test_rerunning_extract_and_update_on_unchanged_input_changes_no_file(cli, project):
    cli("extract")
    cli("update", "-l", "ar")
    before = snapshot(project)
    mtimes = {p: p.stat().st_mtime_ns for p in (project / "locale").rglob("*.po*")}
    assert cli("extract")[0] == 0 and cli("update", "-l", "ar")[0] == 0
    assert snapshot(project) == before
    assert {p: p.stat().st_mtime_ns for p in (project / "locale").rglob("*.po*")} == mtimes


def test_template_is_byte_identical_for_the_same_input(tmp_path, monkeypatch):
    from conftest import SEED

    from l10n.cli import main

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    outputs = []
    for name in ("one", "two"):
        root = tmp_path / name
        (root / "source").mkdir(parents=True)
        shutil.copy(SEED, root / "source" / SEED.name)
        assert main(["-C", str(root), "extract"]) == 0
        outputs.append((root / "locale/palmyra-attack.pot").read_bytes())
    assert outputs[0] == outputs[1]
    assert b"POT-Creation-Date: 2023-11-14 22:13+0000" in outputs[0]


def test_translator_work_survives_a_source_edit(cli, project):
    cli("extract")
    cli("update", "-l", "ar")
    po_path = project / "locale/ar/LC_MESSAGES/palmyra-attack.po"
    po = polib.pofile(str(po_path))
    for e in po:
        e.msgstr = "ترجمة: " + e.msgid[:10]
    po.save(str(po_path))
    src = project / "source/palmyra-attack.md"
    src.write_text(src.read_text(encoding="utf-8").replace("As such, this attack", "As such, the attack"), encoding="utf-8")
    cli("extract")
    code, out, _ = cli("update", "-l", "ar")
    assert code == 0 and "59 kept, 1 fuzzy, 0 new, 0 obsolete" in out  # msgmerge --previous: 0
    po = polib.pofile(str(po_path))
    fuzzy = [e for e in po if e.fuzzy]
    assert [e.previous_msgid for e in fuzzy] == ["As such, this attack is a serious setback for Damascus."]
    assert all(e.msgstr for e in po)


def test_build_require_complete_refuses_with_exit_1(cli, project):
    cli("extract")
    cli("update", "-l", "fr")
    code, _, err = cli("build", "-l", "fr", "--require-complete")
    assert code == 1 and "62 untranslated" in err and not (project / "build").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("update", "-l", "xx"), "unknown language code 'xx'"),
        (("update", "-l", "../../etc"), "unknown language code"),
        (("extract", "../../etc/passwd.md"), "no such source file"),
        (("extract", "a..b"), "invalid article name"),
        (("build", "-l", "ar", "-f", "md", "x/../../y"), "articles are Markdown files"),
        (("extract", "nosuch"), "unknown article 'nosuch'"),
        (("build", "-l", "ar"), "no such catalogue"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_writes_nothing(cli, project, args, message):
    before = snapshot(project)
    code, out, err = cli(*args)
    assert code == 2
    assert message in err and err.count("\n") == 1 and "Traceback" not in err
    assert snapshot(project) == before


def test_non_utf8_source_names_the_line(cli, project):
    (project / "source/bad.md").write_bytes(b"# Title\n\nCaf\xe9 au lait.\n")
    code, _, err = cli("extract", "bad")
    assert code == 2 and "source/bad.md:3: not valid UTF-8" in err
    assert not (project / "locale").exists()


def test_malformed_po_reports_file_and_line(cli, project):
    cli("extract")
    cli("update", "-l", "ar")
    po = project / "locale/ar/LC_MESSAGES/palmyra-attack.po"
    lines = po.read_text(encoding="utf-8").split("\n")
    lines[25] = 'msgstr "unterminated'
    po.write_text("\n".join(lines), encoding="utf-8")
    code, _, err = cli("build", "-l", "ar")
    assert code == 2 and "palmyra-attack.po:26: syntax error" in err and err.count("\n") == 1


def test_stats_shows_a_table(cli, project):
    cli("extract")
    cli("update", "-l", "ar")
    code, out, _ = cli("stats", "-l", "ar")
    assert code == 0 and "palmyra-attack" in out and "60" in out


@pytest.mark.parametrize("command", ["extract", "update", "build", "stats", "run"])
def test_every_command_has_help(command):
    result = subprocess.run([sys.executable, "-m", "l10n", command, "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "usage: l10n" in result.stdout


def test_project_config_in_l10n_toml_moves_directories(tmp_path):
    from conftest import SEED

    from l10n.cli import main

    (tmp_path / "l10n.toml").write_text('source_dir = "articles"\nlocale_dir = "po"\nlanguages = ["es"]\n')
    (tmp_path / "articles").mkdir()
    shutil.copy(SEED, tmp_path / "articles" / SEED.name)
    assert main(["-C", str(tmp_path), "run"]) == 0
    assert (tmp_path / "po/es/LC_MESSAGES/palmyra-attack.po").is_file()
    assert (tmp_path / "build/es/palmyra-attack.html").is_file()
