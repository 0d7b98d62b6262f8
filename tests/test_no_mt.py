"""The base install: everything but MT works without argostranslate/torch, and never imports them."""

from __future__ import annotations

import subprocess
import sys

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
        ["-C", root, "check", "-l", "ar"],
        ["-C", root, "preview", "palmyra-attack", "-l", "ar", "--width", "80"],
    ):
        out = run_blocked(argv)
        assert "EXIT 0 LEAKED []" in out, (argv, out)


def test_run_without_mt_says_what_to_install_and_still_builds(project):
    out = run_blocked(["-C", str(project), "run", "-l", "ar"])
    assert "EXIT 0 LEAKED []" in out
    line = next(line for line in out.splitlines() if line.startswith("translate"))
    assert "skipped" in line and "pip install 'l10n[mt]'" in line
    assert (project / "build/ar/palmyra-attack.html").is_file()


def test_help_imports_no_command_module_dependencies():
    """``l10n --help`` loads argparse and our CLI modules only: what each command needs is imported when it runs."""
    script = (
        f"import sys; sys.path.insert(0, {str(REPO)!r})\n"
        "from l10n.cli import build_parser\n"
        "build_parser().format_help()\n"
        "print(sorted(m for m in ('rich', 'babel', 'polib', 'markdown_it', 'rapidfuzz', 'sentencex', 'argostranslate')"
        " if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_models_list_without_mt_says_which_extra_to_install(project):
    out = run_blocked(["-C", str(project), "models", "list"])
    assert "EXIT 0 LEAKED []" in out and "pip install 'l10n[mt]'" in out
