"""OS errors are one line naming the file (exit 2); locks come before MT; read-only and orphan files."""

from __future__ import annotations

import errno
import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def changed_template(cli, project) -> Path:
    """An Arabic catalogue, then an edited article, so the next `update` must write the catalogue."""
    cli("extract")
    cli("update", "-l", "ar")
    src = project / "source/palmyra-attack.md"
    src.write_text(src.read_text(encoding="utf-8").replace("on 13 December", "on 12 December"), encoding="utf-8")
    cli("extract")
    return project / "locale/ar/LC_MESSAGES/palmyra-attack.po"


@pytest.mark.parametrize(
    ("where", "code", "words"),
    [
        ("fsync", errno.ENOSPC, "No space left on device"),
        ("mkstemp", errno.EACCES, "Permission denied"),
        ("mkstemp", errno.EROFS, "Read-only file system"),
    ],
)
def test_os_errors_while_writing_are_one_line_naming_the_file_exit_2(cli, changed_template, monkeypatch, where, code, words):
    import os
    import tempfile

    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    before = changed_template.read_bytes()
    monkeypatch.setattr(os if where == "fsync" else tempfile, where, fail)
    rc, _, err = cli("update", "-l", "ar")
    assert rc == 2 and err.count("\n") == 1, err
    assert "palmyra-attack.po" in err and words in err and "internal error" not in err
    assert changed_template.read_bytes() == before


def test_a_read_only_catalogue_is_refused_not_replaced(cli, changed_template):
    before = changed_template.read_bytes()
    changed_template.chmod(0o444)
    rc, _, err = cli("update", "-l", "ar")
    assert rc == 2 and "read-only" in err and err.count("\n") == 1
    assert changed_template.read_bytes() == before and (changed_template.stat().st_mode & 0o777) == 0o444


def test_orphan_temp_files_of_a_killed_run_are_removed_on_the_next_run(cli, changed_template):
    orphan = changed_template.with_name(f".{changed_template.name}.k1ll3d.tmp")
    orphan.write_text("half a catalogue")
    assert cli("update", "-l", "ar")[0] == 0
    assert not orphan.exists()
    assert sorted(p.name for p in changed_template.parent.iterdir() if p.name.endswith(".tmp")) == []


def test_lock_files_are_not_committed():
    tracked = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True).stdout.split()
    assert [t for t in tracked if t.endswith(".lock")] == []


def test_translate_takes_the_lock_before_any_mt_work(cli, project, monkeypatch):
    from filelock import FileLock
    from test_translate import Recorder, run

    import l10n.project.files as files
    from l10n.errors import L10nError

    cli("extract")
    cli("update", "-l", "ar")
    monkeypatch.setattr(files, "LOCK_TIMEOUT", 0.3)
    po = project / "locale/ar/LC_MESSAGES/palmyra-attack.po"
    engine = Recorder()
    with FileLock(str(po.parent / f".{po.name}.lock")), pytest.raises(L10nError, match="holds the lock"):
        run(project, engine)
    assert engine.calls == []  # no MT work was done that could not be saved


RACER = """
import json, sys, time
sys.path.insert(0, {repo!r})
from l10n.project.config import load_config
from l10n.lang import get_language
from l10n.project.layout import Project
from l10n.project.commands import translate

class Slow:
    name = "slow"
    def version(self, pair=None): return "1"
    def translate(self, texts, source, target, *, n_best=1):
        time.sleep(0.05)
        return [["ترجمة " + t] for t in texts]

p = Project(load_config({root!r}))
s = translate(p, p.articles(), get_language("ar"), Slow(), settings=p.config.translate.override(batch_size=10))
print(json.dumps({{"machine": s.machine, "memory": s.from_memory}}))
"""


def test_two_racing_translate_runs_report_only_the_work_they_kept(cli, project):
    cli("extract")
    cli("update", "-l", "ar")
    script = RACER.format(repo=str(REPO), root=str(project))
    procs = [subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE) for _ in range(2)]
    reports = [json.loads(p.communicate(timeout=120)[0]) for p in procs]
    assert sum(r["machine"] + r["memory"] for r in reports) == 60, reports
