"""The base install: everything but MT works without argostranslate/torch, and never imports them."""

from __future__ import annotations

import subprocess
import sys
import time

from conftest import REPO

BLOCKED = ("argostranslate", "torch", "ctranslate2", "sentencepiece", "stanza")

SCRIPT = """
import sys
for name in {blocked!r}:
    sys.modules[name] = None  # any import of these now fails
sys.path.insert(0, {repo!r})
from l10n.cli import main
code = main({argv!r})
leaked = [m for m in {blocked!r} if sys.modules.get(m) is not None]
print("EXIT", code, "LEAKED", leaked)
"""


def run_blocked(argv: list[str]) -> str:
    script = SCRIPT.format(blocked=BLOCKED, repo=str(REPO), argv=argv)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    return result.stdout + result.stderr


def test_base_commands_work_without_any_mt_package(project):
    root = str(project)
    for argv in (
        ["-C", root, "extract"],
        ["-C", root, "update", "-l", "ar"],
        ["-C", root, "build", "-l", "ar", "-f", "html"],
        ["-C", root, "stats", "-l", "ar"],
        ["-C", str(REPO), "glossary", "check"],
    ):
        out = run_blocked(argv)
        assert "EXIT 0 LEAKED []" in out, (argv, out)


def test_run_without_mt_says_what_to_install_and_still_builds(project):
    out = run_blocked(["-C", str(project), "run", "-l", "ar"])
    assert "EXIT 0 LEAKED []" in out
    assert "translate skipped" in out and "pip install 'l10n[mt]'" in out
    assert (project / "build/ar/palmyra-attack.html").is_file()


def test_cli_starts_fast():
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "l10n", "--help"], cwd=REPO, capture_output=True, check=True)
    # generous bound for a loaded CI machine; the measured figure is in the README
    assert time.perf_counter() - start < 3.0
