"""Never lose a translator's work: atomic writes, kill -9, concurrent writers."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import polib

from l10n.project.files import atomic_write

REPO = Path(__file__).resolve().parent.parent


def test_atomic_write_replaces_content_and_keeps_permissions(tmp_path):
    path = tmp_path / "a.po"
    path.write_text("old")
    path.chmod(0o600)
    atomic_write(path, "new")
    assert path.read_text() == "new" and (path.stat().st_mode & 0o777) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["a.po"]  # no temp file left behind


def test_sigkill_during_repeated_writes_leaves_old_or_new_never_a_mix(tmp_path):
    path = tmp_path / "big.po"
    old, new = "a" * 2_000_000, "b" * 2_000_000
    atomic_write(path, old)
    script = textwrap.dedent(
        f"""
        import sys; sys.path.insert(0, {str(REPO)!r})
        from l10n.project.files import atomic_write
        old, new = "a" * 2_000_000, "b" * 2_000_000
        print("ready", flush=True)
        while True:
            atomic_write({str(path)!r}, new)
            atomic_write({str(path)!r}, old)
        """
    )
    for delay in (0.05, 0.13, 0.21, 0.37):
        proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE)
        proc.stdout.readline()
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert path.read_text() in (old, new)


SLOW_RUN = """
import sys, time
sys.path.insert(0, {repo!r})
from l10n.project.config import load_config
from l10n.lang import get_language
from l10n.project.layout import Project
from l10n.project.commands import translate

class Slow:
    name = "slow"
    def version(self, pair=None): return "1"
    def translate(self, texts, source, target, *, n_best=1):
        time.sleep({delay})
        return [["ترجمة " + t] for t in texts]

p = Project(load_config({root!r}))
translate(p, p.articles(), get_language("ar"), Slow(), settings=p.config.translate.override(batch_size=10))
"""


def test_a_killed_translate_run_leaves_an_intact_catalogue_and_resumes_without_retranslating(cli, project):
    cli("extract")
    cli("update", "-l", "ar")
    po_path = project / "locale/ar/LC_MESSAGES/palmyra-attack.po"
    proc = subprocess.Popen([sys.executable, "-c", SLOW_RUN.format(repo=str(REPO), root=str(project), delay=0.4)])
    deadline = time.time() + 30
    done = 0
    while time.time() < deadline:  # wait until at least two batches are saved, then kill mid-run
        time.sleep(0.05)
        try:
            done = sum(1 for e in polib.pofile(str(po_path)) if e.msgstr)
        except OSError:
            continue
        if done >= 20:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    po = polib.pofile(str(po_path))  # parses: intact
    translated = {e.msgid for e in po if e.msgstr}
    assert 20 <= len(translated) < 60
    from test_translate import Recorder, run

    engine = Recorder()
    summary = run(project, engine)
    assert set(engine.calls).isdisjoint(translated)
    assert summary.machine == 60 - len(translated)
    assert all(e.msgstr for e in polib.pofile(str(po_path)))


CONCURRENT = """
import sys
sys.path.insert(0, {repo!r})
from l10n.project.store import update_catalog
path = {path!r}
for i in range({n}):
    def change(po, i=i):
        po.find("{msgid}").msgstr += "{mark}"
        return po
    update_catalog(path, change)
"""


def test_two_writers_on_one_catalogue_lose_no_update(cli, project):
    cli("extract")
    cli("update", "-l", "ar")
    po_path = project / "locale/ar/LC_MESSAGES/palmyra-attack.po"
    msgid = "Spotting weaknesses"
    procs = [
        subprocess.Popen([sys.executable, "-c", CONCURRENT.format(repo=str(REPO), path=str(po_path), n=25, msgid=msgid, mark=m)])
        for m in ("أ", "ب")
    ]
    for p in procs:
        assert p.wait(timeout=120) == 0
    value = polib.pofile(str(po_path)).find(msgid).msgstr
    assert value.count("أ") == 25 and value.count("ب") == 25


def test_atomic_write_into_a_device_or_pipe_writes_into_it_and_keeps_the_node(tmp_path):
    """``l10n check -o /dev/null`` once replaced /dev/null with a regular file (rename over a device)."""
    import os
    import stat as stat_
    import threading

    from l10n.project.files import atomic_write

    if os.geteuid() == 0:
        dev = tmp_path / "null"
        os.mknod(dev, 0o666 | stat_.S_IFCHR, os.makedev(1, 3))
        atomic_write(dev, "report")
        assert stat_.S_ISCHR(os.stat(dev).st_mode)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    got = []
    def read() -> None:
        with open(fifo, "rb") as fh:
            got.append(fh.read())

    reader = threading.Thread(target=read)
    reader.start()
    atomic_write(fifo, "through the pipe")
    reader.join(5)
    assert got == [b"through the pipe"]
    assert stat_.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_report_is_written_atomically_without_syncing_and_a_catalogue_with(tmp_path, monkeypatch):
    """``durable=False`` (check and stats reports, which a rerun writes again) skips fsync; a catalogue
    write syncs the file and its directory.  Both replace the file whole and leave no temporary."""
    import os

    synced: list[int] = []
    real = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(fd), real(fd))[1])
    report = tmp_path / "report.json"
    report.write_text("old")
    atomic_write(report, "new report", durable=False)
    assert report.read_text() == "new report" and synced == []
    atomic_write(tmp_path / "a.po", "msgid \"\"\nmsgstr \"\"\n")
    assert len(synced) == 2  # the file, then its directory
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.po", "report.json"]
