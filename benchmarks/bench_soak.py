"""Soak: a translator's editor saving every 0-60 ms (by rename *and* in place) while l10n loops.

Run on demand (the suite runs a few-second version, ``tests/test_concurrent_editor.py``)::

    PYTHONPATH=. python benchmarks/bench_soak.py [--seconds 120]

On a throw-away copy of the seed project (Arabic catalogue, 60 entries):

* **l10n** (one process) loops: toggle one sentence of the article ("13 December" <-> "12 December"),
  ``extract``, ``update -l ar``, ``translate -l ar --engine deterministic``: at least two catalogue
  writes per cycle (the merge, then MT of the new sentence);
* **the editor** (another process, no lock, like Poedit or vim) loops: wait 0-60 ms, read the
  catalogue, set a random one of 50 stable entries to a new hand translation ``H<n>`` (not fuzzy),
  save, alternately by temp + rename (Poedit) and in place (truncate, write half, pause 0-2 ms, write
  the rest: vim with ``backupcopy=yes``, nano).

A **lost save** is one whose hand translation is gone from the file the editor reads next (or from the
file at the end) although the editor itself did not change that entry again: l10n overwrote it.  The
editor also overwrites l10n's MT now and then (it read before l10n wrote); that is the editor's doing
and is not counted.  Printed: saves, lost saves, l10n cycles and writes, compare-and-swap conflicts
(the file moved between l10n's read and its swap: merge redone), swap-backs (an editor's save was
displaced by the swap and put back), "being written" refusals, and the longest in-place save against
the settle window (``l10n.project.files.SETTLE_SECONDS``) that covers in-place writes landing after
the swap.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = Path(os.environ.get("L10N_SOAK_REPO", HERE.parent))  # another checkout, to compare

EDITOR = textwrap.dedent(
    """
    import json, os, random, sys, tempfile, time
    import polib
    path, seconds, seed, stop_file = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    rng = random.Random(seed)
    po = polib.pofile(path)
    skip = ("13 December", "12 December")
    ids = [e.msgid for e in po if e.msgid and not any(s in e.msgid for s in skip)][:50]
    expected, lost, saves, modes, longest_inplace, unreadable = {}, [], 0, {"rename": 0, "inplace": 0}, 0.0, 0
    end = time.monotonic() + seconds
    n = 0
    def read():
        global unreadable
        for _ in range(200):
            try:
                data = open(path, "rb").read()
                if data.strip():
                    return polib.pofile(data.decode("utf-8"))
            except Exception:
                pass
            unreadable += 1
            time.sleep(0.005)
        raise SystemExit("editor could not read the catalogue for 1 s")
    def audit(po):
        by = {e.msgid: e for e in po if not e.obsolete}
        for msgid, value in list(expected.items()):
            got = by[msgid].msgstr if msgid in by else None
            if got != value:
                lost.append({"msgid": msgid, "expected": value, "found": got})
                expected.pop(msgid)
    while time.monotonic() < end:
        time.sleep(rng.uniform(0, 0.060))
        po = read()
        audit(po)
        n += 1
        msgid = rng.choice(ids)
        entry = po.find(msgid)
        if entry is None:
            continue
        value = f"H{n} ترجمة يدوية"
        entry.msgstr = value
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        data = str(po).encode("utf-8")
        if n % 2:
            fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".editor-")
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
            modes["rename"] += 1
        else:
            started = time.perf_counter()
            with open(path, "r+b") as fh:
                fh.truncate(0)
                half = len(data) // 2
                fh.write(data[:half]); fh.flush()
                time.sleep(rng.uniform(0, 0.002))
                fh.write(data[half:]); fh.flush()
            longest_inplace = max(longest_inplace, time.perf_counter() - started)
            modes["inplace"] += 1
        expected[msgid] = value
        saves += 1
    open(stop_file, "w").close()
    # let l10n finish its cycle, then audit the final file
    for _ in range(600):
        if os.path.exists(stop_file + ".done"):
            break
        time.sleep(0.05)
    audit(read())
    print(json.dumps({"saves": saves, "modes": modes, "lost": lost, "longest_inplace_ms": 1000 * longest_inplace,
                      "editor_unreadable_reads": unreadable}))
    """
)

L10N = textwrap.dedent(
    """
    import io, json, os, sys, contextlib
    sys.path.insert(0, sys.argv[1])
    root, stop_file = sys.argv[2], sys.argv[3]
    import l10n.project.files as files
    from l10n.cli import main
    counts = {"cycles": 0, "writes": 0, "conflicts": 0, "swap_backs": 0, "refusals": 0, "errors": []}
    import l10n.project.store as store
    if hasattr(files, "replace_if_unchanged"):  # absent in checkouts before compare-and-swap
        real_replace, real_swap_back = files.replace_if_unchanged, files._swap_back
        def replace(*a, **k):
            ok = real_replace(*a, **k)
            counts["writes" if ok else "conflicts"] += 1
            return ok
        def swap_back(*a, **k):
            counts["swap_backs"] += 1
            return real_swap_back(*a, **k)
        files._swap_back = swap_back
        store.replace_if_unchanged = replace
    src = os.path.join(root, "source", "palmyra-attack.md")
    pair = ("on 13 December", "on 12 December")
    while not os.path.exists(stop_file):
        text = open(src, encoding="utf-8").read()
        a, b = pair if pair[0] in text else pair[::-1]
        open(src, "w", encoding="utf-8").write(text.replace(a, b))
        for args in (["extract"], ["update", "-l", "ar"], ["translate", "-l", "ar", "--engine", "deterministic"]):
            err = io.StringIO()
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
                code = main(["-C", root, *args])
            if code:
                line = err.getvalue().strip()
                if "being written" in line or "keeps changing" in line or "is empty" in line:
                    counts["refusals"] += 1
                else:
                    counts["errors"].append(line)
        counts["cycles"] += 1
    open(stop_file + ".done", "w").close()
    print(json.dumps(counts))
    """
)


def make_project(root: Path) -> Path:
    """A copy of the seed project with its Arabic catalogue; returns the catalogue's path."""
    sys.path.insert(0, str(REPO))
    from l10n.cli import main

    (root / "source").mkdir(parents=True)
    shutil.copy(REPO / "source" / "palmyra-attack.md", root / "source")
    for args in (["extract"], ["update", "-l", "ar"]):
        assert main(["-C", str(root), *args]) == 0
    return root / "locale/ar/LC_MESSAGES/palmyra-attack.po"


def soak(root: Path, seconds: float, seed: int = 1) -> dict:
    """Run editor and l10n side by side for *seconds*; return both sides' figures."""
    po = make_project(root)
    stop = root / ".stop"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    started = time.perf_counter()
    l10n = subprocess.Popen([sys.executable, "-c", L10N, str(REPO), str(root), str(stop)], stdout=subprocess.PIPE, env=env)
    editor = subprocess.Popen(
        [sys.executable, "-c", EDITOR, str(po), str(seconds), str(seed), str(stop)], stdout=subprocess.PIPE, env=env
    )
    e_out, _ = editor.communicate(timeout=seconds + 120)
    l_out, _ = l10n.communicate(timeout=120)
    figures = {"editor": json.loads(e_out), "l10n": json.loads(l_out), "wall_s": time.perf_counter() - started}
    figures["editor_rc"], figures["l10n_rc"] = editor.returncode, l10n.returncode
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=110.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    import l10n.project.files as files

    settle = getattr(files, "SETTLE_SECONDS", 0.0)

    with tempfile.TemporaryDirectory() as tmp:
        f = soak(Path(tmp), args.seconds, args.seed)
    e, lt = f["editor"], f["l10n"]
    print(f"soak {args.seconds:.0f}s (wall {f['wall_s']:.0f}s), seed {args.seed}")
    print(f"editor: {e['saves']} saves ({e['modes']['rename']} by rename, {e['modes']['inplace']} in place), "
          f"lost {len(e['lost'])}; longest in-place save {e['longest_inplace_ms']:.1f} ms "
          f"(settle window {1000 * settle:.0f} ms)")
    print(f"l10n: {lt['cycles']} cycles, {lt['writes']} catalogue writes, {lt['conflicts']} compare-and-swap "
          f"conflicts (merge redone), {lt['swap_backs']} swap-backs, {lt['refusals']} 'being written' refusals, "
          f"{len(lt['errors'])} other errors")
    for loss in e["lost"][:10]:
        print("  lost:", loss)
    for err in lt["errors"][:5]:
        print("  error:", err)
    return 1 if e["lost"] or lt["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
