"""Benchmark: the cost of re-running ``l10n translate`` after a one-sentence edit, against a full run.

Run on demand (not part of the tests)::

    PYTHONPATH=. python benchmarks/bench_incremental.py [--beam 4] [--threads 2]

On a throw-away copy of the seed project (article + glossary), Arabic:

1. ``full``: translate every entry of a fresh catalogue (the anchor);
2. ``no-op``: run again with nothing changed;
3. ``one edit``: change one sentence of the article, ``extract`` + ``update``, translate again.

The model is the **base-size stand-in** of ``bench_engines.py`` (random weights, Argos's base size,
int8; built on first run under ``benchmarks/_work/``).  Random weights produce no Arabic, so the pipeline
would reject every hypothesis and retry: the engine here pays for the stand-in's decoding of exactly the
sentences it is sent (fixed output length, as in ``bench_engines.py``) and returns the deterministic
test engine's Arabic for them.  What is measured is therefore what matters for this target: how many
sentences a re-run sends to the model and what that costs, next to a full run.  Each run gets a fresh
engine (the model is loaded again, as by a new ``l10n translate`` process).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

EDIT = ("on 13 December", "on 12 December")  # one sentence of the seed's first body paragraph


class CostedEngine:
    """Runs the stand-in model for the cost, answers with the deterministic engine's Arabic."""

    name = "stand-in"

    def __init__(self, inner, fake) -> None:
        self.inner, self.fake = inner, fake
        self.sentences = 0

    def version(self, pair=None) -> str:
        return "base-size stand-in"

    def translate(self, texts, source, target, *, n_best=1):
        self.sentences += len(texts)
        self.inner.translate(texts, source, target, n_best=n_best)
        return self.fake.translate(texts, source, target, n_best=n_best)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--beam", type=int, default=4)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--length", type=int, default=48, help="output tokens per sentence (fixed)")
    args = parser.parse_args(argv)

    import bench_engines

    from l10n.lang import get_language
    from l10n.project.commands import extract, translate, update
    from l10n.project.config import load_config
    from l10n.project.glossary import load_project_glossary
    from l10n.project.layout import Project
    from l10n.translate.argos import ArgosEngine
    from l10n.translate.engine import DeterministicEngine

    packages = bench_engines._stand_in()
    ar = get_language("ar")

    def engine() -> CostedEngine:
        inner = ArgosEngine(
            packages_dirs=[packages],
            beam_size=args.beam,
            threads=args.threads,
            max_decoding_length=args.length,
            decoding={"min_decoding_length": args.length},
        )
        return CostedEngine(inner, DeterministicEngine())

    with tempfile.TemporaryDirectory(prefix="l10n-bench-incr-") as tmp:
        root = Path(tmp)
        shutil.copytree(REPO / "source", root / "source")
        shutil.copytree(REPO / "glossary", root / "glossary")
        project = Project(load_config(root))
        glossary = load_project_glossary(project.config)
        articles = project.articles([])

        def run(label: str) -> dict:
            eng = engine()
            start = time.perf_counter()
            summary = translate(project, articles, ar, eng, glossary=glossary)
            wall = time.perf_counter() - start
            row = {"label": label, "entries": summary.pending, "sent": eng.sentences, "mt": summary.mt_seconds,
                   "wall": wall}
            print(f"  {label:9} {row['entries']:3} entries to translate, {row['sent']:3} sentences sent to the "
                  f"model, MT {row['mt']:6.2f} s, wall {row['wall']:6.2f} s", flush=True)
            return row

        extract(project, articles)
        update(project, articles, [ar])
        print(f"seed article → ar, stand-in model, beam {args.beam}, {args.threads} threads, {args.length} tokens/sentence")
        full = run("full")
        noop = run("no-op")
        source = root / "source" / "palmyra-attack.md"
        text = source.read_text(encoding="utf-8")
        assert EDIT[0] in text
        source.write_text(text.replace(EDIT[0], EDIT[1], 1), encoding="utf-8")
        extract(project, articles)
        update(project, articles, [ar])
        edit = run("one edit")
    print(f"\nratios against the full run (anchor, MT {full['mt']:.2f} s, wall {full['wall']:.2f} s):")
    for row in (noop, edit):
        print(f"  {row['label']:9} MT {row['mt'] / full['mt']:6.1%}   wall {row['wall'] / full['wall']:6.1%}"
              f"   (target: MT <= 5%)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
