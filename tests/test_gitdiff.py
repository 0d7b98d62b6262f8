"""``--changed-since``: the lines git says changed, checked against git itself (``git blame``)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from l10n.check.gitdiff import changed_lines, parse_diff
from l10n.errors import UsageError

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(root: Path, *args: str) -> str:
    env_args = ["-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"]
    return subprocess.run(["git", *env_args, "-C", str(root), *args], check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    git(tmp_path, "init", "-q")
    po = tmp_path / "locale" / "ar" / "LC_MESSAGES" / "a.po"
    po.parent.mkdir(parents=True)
    po.write_text("".join(f"line {i}\n" for i in range(1, 21)), encoding="utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "one")
    return tmp_path


def uncommitted_lines(root: Path, rel: str) -> set[int]:
    """Lines ``git blame`` attributes to the working tree (an independent account of what changed)."""
    out = git(root, "blame", "--porcelain", "--", rel)
    lines = set()
    for row in out.splitlines():
        parts = row.split()
        if len(parts) >= 3 and len(parts[0]) == 40 and set(parts[0]) == {"0"}:
            lines.add(int(parts[2]))
    return lines


def test_changed_lines_agree_with_git_blame(repo):
    rel = "locale/ar/LC_MESSAGES/a.po"
    lines = (repo / rel).read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = "changed 3\n"
    lines[9:11] = ["changed 10\n", "changed 11\n", "inserted\n"]
    (repo / rel).write_text("".join(lines), encoding="utf-8")
    assert changed_lines(repo, "HEAD", "locale")[rel] == uncommitted_lines(repo, rel) == {3, 10, 11, 12}


def test_untracked_catalogues_count_as_wholly_changed(repo):
    new = repo / "locale" / "fr" / "LC_MESSAGES" / "a.po"
    new.parent.mkdir(parents=True)
    new.write_text("x\n", encoding="utf-8")
    assert changed_lines(repo, "HEAD", "locale") == {"locale/fr/LC_MESSAGES/a.po": None}


def test_a_pure_deletion_marks_the_lines_around_it():
    diff = "+++ b/x.po\n@@ -4,2 +3,0 @@\n"
    assert parse_diff(diff) == {"x.po": {3, 4}}


def test_a_bad_revision_or_no_repository_is_a_usage_error(repo, tmp_path_factory):
    with pytest.raises(UsageError, match="unknown git revision"):
        changed_lines(repo, "no-such-ref", "locale")
    with pytest.raises(UsageError, match="not a git revision"):
        changed_lines(repo, "--output=/tmp/x", "locale")
    with pytest.raises(UsageError, match="not inside a git repository"):
        changed_lines(tmp_path_factory.mktemp("plain"), "HEAD", "locale")
