"""Benchmark: ``translate`` with a 10,000- and a 100,000-row glossary, against the project's own glossary.

Run on demand::

    PYTHONPATH=. python benchmarks/bench_glossary_scale.py [--rows 10000 100000] [--profile]

On a copy of the seed project (60 Arabic entries, deterministic engine), the glossary is the project's
27 terms plus N synthetic terms (two-word English names, Arabic renderings, a forbidden rendering each;
none occurs in the article, as in a real newsroom glossary most terms do not occur in any one story).
Each run is a fresh ``l10n translate`` in-process (glossary loaded from CSV, matchers compiled, 60
sentences translated and checked).  Printed: seconds per run and the ratio to the anchor (the 27-term
glossary) measured in the same run, and the ratio 100k/10k: linear scaling is 10, an index that does not
depend on the glossary's size for each lookup keeps it at or below that.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

SYL = ["ka", "ra", "mo", "li", "ta", "ne", "so", "vi", "du", "pe", "zan", "tor", "bel", "gar", "mir", "hul"]
AR = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"


def synthetic_rows(n: int, seed: int = 7, header: str | None = None) -> list[str]:
    """*n* CSV rows in the columns of *header* (default: the project glossary's header line)."""
    import csv
    import io

    header = header or (REPO / "glossary/terms.csv").read_text(encoding="utf-8").split("\n", 1)[0]
    columns = next(csv.reader([header]))
    rng = random.Random(seed)
    rows, seen = [], set()
    while len(rows) < n:
        en = " ".join("".join(rng.choice(SYL) for _ in range(rng.randint(2, 4))).capitalize() for _ in range(2))
        if en in seen:
            continue
        seen.add(en)
        ar = " ".join("".join(rng.choice(AR) for _ in range(rng.randint(3, 6))) for _ in range(2))
        bad = "".join(rng.choice(AR) for _ in range(7))
        values = {"id": f"syn{len(rows)}", "en": en, "type": "term", "case_sensitive": "no", "dnt": "no",
                  "ar": ar, "ar_forbidden": bad}
        out = io.StringIO()
        csv.writer(out, lineterminator="").writerow([values.get(c, "") for c in columns])
        rows.append(out.getvalue())
    return rows


def make_project(root: Path, rows: int) -> Path:
    from l10n.cli import main

    (root / "source").mkdir(parents=True)
    shutil.copy(REPO / "source/palmyra-attack.md", root / "source")
    (root / "glossary").mkdir()
    base = (REPO / "glossary/terms.csv").read_text(encoding="utf-8").rstrip("\n").split("\n")
    (root / "glossary/terms.csv").write_text("\n".join(base + synthetic_rows(rows)) + "\n", encoding="utf-8")
    for args in (["extract"], ["update", "-l", "ar"]):
        assert main(["-C", str(root), *args]) == 0
    return root


def translate_once(root: Path) -> float:
    import contextlib
    import io

    from l10n.cli import main

    po = root / "locale/ar/LC_MESSAGES/palmyra-attack.po"
    pristine = po.with_suffix(".pristine")
    if not pristine.exists():
        shutil.copy(po, pristine)
    shutil.copy(pristine, po)
    import re

    re.purge()  # as in a new process: no compiled pattern from the previous run
    started = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        code = main(["-C", str(root), "translate", "-l", "ar", "--engine", "deterministic"])
    assert code == 0
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--profile", action="store_true", help="print the top of a profile of the largest run")
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for rows in [0, *args.rows]:
            root = make_project(Path(tmp) / f"p{rows}", rows)
            results[rows] = min(translate_once(root) for _ in range(args.repeat))
            anchor = results[0]
            print(f"{rows + 27:>7} terms: {results[rows]:6.2f} s  ({results[rows] / anchor:5.1f}x the 27-term anchor)",
                  flush=True)
        if len(args.rows) >= 2:
            a, b = args.rows[-2], args.rows[-1]
            print(f"{b}/{a} rows: time ratio {results[b] / results[a]:.1f} for a size ratio {b / a:.0f}")
        if args.profile:
            prof = cProfile.Profile()
            prof.runcall(translate_once, Path(tmp) / f"p{args.rows[-1]}")
            pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
    return 0


if __name__ == "__main__":
    sys.exit(main())
