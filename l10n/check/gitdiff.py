"""``--changed-since REF``: which catalogue entries a git change touched.

``git diff --unified=0 REF -- locale/`` lists the changed line ranges of every catalogue (working tree
against *REF*, so staged and unstaged edits count); untracked catalogues count as changed throughout.
A changed line belongs to the entry that starts at or before it (the model's ``line`` is an entry's first
line, comments included), and a pure deletion touches the entries on both sides of where it happened.
"""

from __future__ import annotations

import bisect
import re
import subprocess
from pathlib import Path

from l10n.catalog.po import Catalog as Catalogue
from l10n.errors import UsageError

__all__ = ["changed_lines", "parse_diff", "entry_lines"]

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            check=False,
        )
    except FileNotFoundError as exc:
        raise UsageError("--changed-since needs git, which is not installed") from exc


def parse_diff(diff: str) -> dict[str, set[int]]:
    """Changed (new-side) line numbers per file from ``git diff --unified=0`` output.

    A hunk that only deletes lines (``+N,0``) records N and N+1: the lines around the deletion.
    """
    out: dict[str, set[int]] = {}
    current: set[int] | None = None
    for line in diff.splitlines():
        if line.startswith("+++ "):
            name = line[4:].strip()
            if name == "/dev/null":
                current = None
                continue
            if name.startswith('"'):  # git quotes unusual names C-style
                name = (
                    name[1:-1]
                    .encode("latin-1", "backslashreplace")
                    .decode("unicode_escape")
                    .encode("latin-1")
                    .decode("utf-8", "replace")
                )
            if name.startswith("b/"):
                name = name[2:]
            current = out.setdefault(name, set())
        elif line.startswith("@@") and current is not None:
            m = _HUNK.match(line)
            if not m:
                continue
            start = int(m.group(1))
            count = 1 if m.group(2) is None else int(m.group(2))
            if count == 0:
                current.update((start, start + 1))
            else:
                current.update(range(start, start + count))
    return out


def changed_lines(root: str | Path, ref: str, locale_dir: str) -> dict[str, set[int] | None]:
    """``{path relative to root: changed lines, or None when the whole file is new}`` for *ref*.

    A bad *ref* or a directory outside any git repository is a :class:`UsageError` (exit 2).
    """
    root = Path(root)
    if ref.startswith("-"):
        raise UsageError(f"--changed-since: {ref!r} is not a git revision")
    probe = _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    if probe.returncode != 0:
        inside = _git(root, "rev-parse", "--is-inside-work-tree")
        if inside.returncode != 0 or inside.stdout.strip() != "true":
            raise UsageError(f"--changed-since: {root} is not inside a git repository")
        raise UsageError(f"--changed-since: unknown git revision {ref!r}")
    diff = _git(
        root,
        "diff",
        "--relative",
        "--no-color",
        "--no-ext-diff",
        "--no-renames",
        "--unified=0",
        ref,
        "--",
        locale_dir,
    )
    if diff.returncode != 0:
        message = diff.stderr.strip().splitlines()[-1] if diff.stderr.strip() else "git diff failed"
        raise UsageError(f"--changed-since {ref}: {message}")
    result: dict[str, set[int] | None] = dict(parse_diff(diff.stdout))
    untracked = _git(root, "ls-files", "--others", "--exclude-standard", "-z", "--", locale_dir)
    if untracked.returncode == 0:
        for name in untracked.stdout.split("\0"):
            if name:
                result[name] = None
    return result


def entry_lines(catalogue: Catalogue, changed: set[int]) -> set[int]:
    """First lines of the entries of *catalogue* that contain a line of *changed*."""
    active = {e.line for e in catalogue.entries}
    starts = sorted(set(catalogue.starts) | active)
    if not active or not changed:
        return set()
    out = set()
    for line in changed:
        i = bisect.bisect_right(starts, line) - 1
        if i >= 0 and starts[i] in active:
            out.add(starts[i])
    return out
