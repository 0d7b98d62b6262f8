"""Stay inside the project: no reading or publishing through symlinks, no special files, bounded reads."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_cli import snapshot

REPO = Path(__file__).resolve().parent.parent


def test_a_symlinked_article_pointing_outside_is_refused_and_nothing_is_published(cli, project, tmp_path_factory):
    secret = tmp_path_factory.mktemp("elsewhere") / "secret.md"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n")
    (project / "source/evil.md").symlink_to(secret)
    for args in (("extract",), ("extract", "evil"), ("update", "-l", "es", "evil"), ("build", "-l", "es", "-f", "html")):
        code, _, err = cli(*args)
        assert code == 2 and "outside the project" in err and err.count("\n") == 1, (args, err)
    assert not (project / "locale/evil.pot").exists()
    assert not any("root:x" in p.read_text() for p in project.rglob("*.html"))


def test_allow_outside_lets_a_project_opt_in(cli, project, tmp_path_factory):
    other = tmp_path_factory.mktemp("shared") / "shared.md"
    other.write_text("A shared sentence.\n")
    (project / "source/shared.md").symlink_to(other)
    code, out, err = cli("--allow-outside", "extract", "shared")
    assert code == 0 and "1 entries" in out, err


@pytest.mark.parametrize("setting", ['build_dir = "../published"', 'locale_dir = "/tmp/l10n-locale-outside"'])
def test_configured_directories_outside_the_root_are_refused(cli, project, setting):
    cli("extract")
    (project / "l10n.toml").write_text(setting + "\n")
    code, _, err = cli("update" if "locale" in setting else "build", "-l", "fr")
    assert code == 2 and "outside the project" in err and err.count("\n") == 1
    assert not (project.parent / "published").exists()


def test_a_glossary_file_linking_outside_is_refused(cli, project, tmp_path_factory):
    outside = tmp_path_factory.mktemp("g") / "terms.csv"
    outside.write_text("en,ar\nPalmyra,تدمر\n")
    (project / "glossary").mkdir()
    (project / "glossary/terms.csv").symlink_to(outside)
    cli("extract")
    cli("update", "-l", "ar")
    code, _, err = cli("check", "-l", "ar")
    assert code == 2 and "outside the project" in err


def test_a_symlinked_catalogue_is_written_through_and_the_link_survives(cli, project):
    cli("extract")
    cli("update", "-l", "fr")
    po = project / "locale/fr/LC_MESSAGES/palmyra-attack.po"
    shared = project / "shared/palmyra-attack.fr.po"
    shared.parent.mkdir()
    po.rename(shared)
    po.symlink_to(os.path.relpath(shared, po.parent))
    src = project / "source/palmyra-attack.md"
    src.write_text(src.read_text(encoding="utf-8") + "\nOne more sentence here.\n", encoding="utf-8")
    cli("extract")
    code, out, err = cli("update", "-l", "fr")
    assert code == 0 and "updated" in out, err
    assert po.is_symlink() and "One more sentence here." in shared.read_text(encoding="utf-8")


RUN = """
import sys
sys.path.insert(0, {repo!r})
from l10n.cli import main
sys.exit(main(["-C", {root!r}, *sys.argv[1:]]))
"""


def _run(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", RUN.format(repo=str(REPO), root=str(project)), *args],
                          capture_output=True, text=True, timeout=30)


def test_a_fifo_named_like_a_catalogue_is_refused_without_hanging(cli, project):
    cli("extract")
    d = project / "locale/fr/LC_MESSAGES"
    d.mkdir(parents=True)
    os.mkfifo(d / "palmyra-attack.po")
    for args in (("check", "-l", "fr"), ("update", "-l", "fr"), ("build", "-l", "fr"), ("stats", "-l", "fr")):
        proc = _run(project, *args)  # before: `check` blocked forever opening the FIFO
        assert proc.returncode == 2 and "FIFO" in proc.stderr and proc.stderr.count("\n") == 1, (args, proc.stderr)


def test_a_catalogue_linked_to_dev_zero_is_refused_without_reading(cli, project):
    cli("extract")
    d = project / "locale/fr/LC_MESSAGES"
    d.mkdir(parents=True)
    (d / "palmyra-attack.po").symlink_to("/dev/zero")
    before = snapshot(project)
    code, _, err = cli("update", "-l", "fr")
    assert code == 2 and "outside the project" in err
    for args in (("--allow-outside", "update", "-l", "fr"), ("--allow-outside", "build", "-l", "fr")):
        proc = _run(project, *args)  # before: read 2.6 GB, then failed
        assert proc.returncode == 2 and "a device" in proc.stderr, (args, proc.stderr)
    assert snapshot(project) == before


def test_an_oversized_catalogue_is_refused_before_it_is_read(cli, project):
    cli("extract")
    cli("update", "-l", "fr")
    po = project / "locale/fr/LC_MESSAGES/palmyra-attack.po"
    with po.open("r+b") as fh:
        fh.truncate(40 * 1024 * 1024)
    for args in (("update", "-l", "fr"), ("build", "-l", "fr"), ("check", "-l", "fr")):
        code, _, err = cli(*args)
        assert code == 2 and "too large for a catalogue" in err and err.count("\n") == 1, (args, err)
