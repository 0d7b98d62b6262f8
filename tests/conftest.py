from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "source" / "palmyra-attack.md"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A throw-away project holding the seed article and no catalogues."""
    (tmp_path / "source").mkdir()
    shutil.copy(SEED, tmp_path / "source" / SEED.name)
    return tmp_path


@pytest.fixture
def cli(project: Path, capsys):
    """Run the CLI in *project*; returns (exit code, stdout, stderr)."""
    from l10n.cli import main

    def run(*args: str) -> tuple[int, str, str]:
        code = main(["-C", str(project), *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run
