"""Load benchmark: a project of N articles x 5 languages through extract, update, check and build.

Run on demand:  python benchmarks/bench_load.py [--articles 1000] [--keep DIR]

Each command runs in its own subprocess so its wall time and peak RSS are its own.  The anchor is
`l10n extract` of the same project: every other step is printed as a ratio of it, so numbers from
different machines can be compared.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "source" / "palmyra-attack.md"
LANGS = ["ar", "fr", "es", "de", "ru"]
WORDS = ["Damascus", "Aleppo", "Homs", "officials", "fighters", "observers", "residents", "analysts", "envoys"]


def make_project(root: Path, n: int) -> None:
    rng = random.Random(42)
    text = SEED.read_text(encoding="utf-8")
    (root / "source").mkdir(parents=True)
    (root / "l10n.toml").write_text(f"languages = {LANGS!r}\n".replace("'", '"'))
    lines = text.split("\n")
    for i in range(n):
        # vary ~30 % of paragraphs so articles share some sentences (as real coverage does) but not all
        out = [
            (ln.replace(" the ", f" the {rng.choice(WORDS)} ", 1) if ln and rng.random() < 0.3 else ln)
            for ln in lines
        ]
        (root / "source" / f"article-{i:04d}.md").write_text("\n".join(out), encoding="utf-8")


def fill(root: Path) -> None:
    """Translate every entry with the deterministic test engine (untimed), so check and build have work."""
    sys.path.insert(0, str(REPO))

    from l10n.project.store import read_po, write_catalog
    from l10n.translate.engine import DeterministicEngine

    start = time.perf_counter()
    engine = DeterministicEngine()
    for path in sorted((root / "locale").glob("*/LC_MESSAGES/*.po")):
        po = read_po(path)
        lang = path.parent.parent.name
        entries = [e for e in po if e.msgid and not e.obsolete]
        for e, out in zip(entries, engine.translate([e.msgid for e in entries], "en", lang)):
            e.msgstr = out[0]
        write_catalog(path, po, date_field="PO-Revision-Date")
    print(f"{'(fill)':20} {time.perf_counter() - start:8.1f} s   deterministic translations, not timed", flush=True)


def run(root: Path, *args: str) -> tuple[float, float, int]:
    """Run one l10n command; return (wall seconds, peak RSS MiB of that process alone, exit code)."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "l10n", "-C", str(root), *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    err = proc.stderr.read() if proc.stderr else b""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    proc.returncode = code
    if code not in (0, 1):
        print(err.decode()[-2000:], file=sys.stderr)
        raise SystemExit(f"l10n {' '.join(args)} failed with {code}")
    return wall, usage.ru_maxrss / 1024, code


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--keep", type=Path, help="build the project here and keep it")
    args = ap.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="l10n-load-"))
    try:
        make_project(root, args.articles)
        steps = [
            ("extract", ("extract",)),
            ("update", ("update",)),
            ("update (no change)", ("update",)),
            ("check", ("check",)),
            ("build md", ("build", "-f", "md")),
            ("build html", ("build", "-f", "html")),
        ]
        results = []
        for label, argv in steps:
            if label == "check":
                fill(root)
            wall, rss, code = run(root, *argv)
            results.append((label, wall, rss))
            print(f"{label:20} {wall:8.1f} s   peak RSS {rss:7.0f} MiB   (exit {code})", flush=True)
        anchor = results[0][1]
        print(f"\n{args.articles} articles x {len(LANGS)} languages; anchor = extract ({anchor:.1f} s)")
        for label, wall, _rss in results:
            print(f"  {label:20} {wall / anchor:6.2f}x anchor   {wall / (args.articles * len(LANGS)) * 1000:7.2f} ms per catalogue")
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
