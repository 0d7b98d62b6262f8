"""Benchmark: the PO model against polib, Babel and GNU msgmerge, as ratios measured in one run.

Run on demand (not part of the tests)::

    PYTHONPATH=. python benchmarks/bench_po.py [--corpus DIR] [--catalogues 500] [--repeat 3]

1. **read + write** every ``.po`` of the corpus (``.corpus/`` as ``.ci/run`` fetches it, else the
   vendored sample): ours (``parse_po`` + ``render_po``), polib (``pofile`` + ``str``), Babel
   (``read_po`` + ``write_po``).  Ours is the anchor; the others are printed as multiples of it.
2. **duplicates**: reading 10k and 20k distinct entries, ours and polib with its duplicate check
   (quadratic): the 20k/10k ratio says linear (≈2) or quadratic (≈4).
3. **update vs msgmerge --previous** on the same N catalogues: each real catalogue gets a template
   with ~6% of its sentences edited, ~4% deleted and 3 added (tests/test_po_msgmerge.py's change set);
   ``msgmerge --previous -o`` per catalogue (a process each, as a Makefile runs it) against ours
   (read template + catalogue, merge, render, compare-and-swap write under the lock, in one process,
   as ``l10n update`` runs it), and ours again with the write's settle window (issue 9: it watches the
   displaced file for in-place editor writes) set to 0, to show what that window costs.  Then **unchanged**: ``l10n update`` on a project of N catalogues whose
   templates did not change (the stat-and-digest path), against the full update of the same project.

Each figure is the best of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import io
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def corpus_files(corpus: Path | None) -> list[Path]:
    for d in (corpus, REPO / ".corpus", REPO / "tests" / "fixtures" / "po_corpus"):
        if d is not None and d.is_dir():
            files = sorted(d.rglob("*.po"))
            if files:
                return files
    raise SystemExit("no corpus")


def bench_read_write(files: list[Path], repeat: int) -> None:
    import logging

    import polib
    from babel.messages.pofile import read_po, write_po

    from l10n.catalog import parse_po, render_po

    logging.getLogger("babel").setLevel(logging.ERROR)  # Babel warns about Sphinx's plural forms
    blobs = [(str(p), p.read_bytes()) for p in files]
    same = sum(render_po(parse_po(b, n)) == b for n, b in blobs)

    def ours():
        for n, b in blobs:
            render_po(parse_po(b, n))

    def with_polib():
        for _n, b in blobs:
            str(polib.pofile(b.decode("utf-8"), check_for_duplicates=False))

    def with_babel():
        for _n, b in blobs:
            out = io.BytesIO()
            write_po(out, read_po(io.BytesIO(b)))

    anchor = best(ours, repeat)
    entries = sum(len(parse_po(b, n)) for n, b in blobs)
    print(f"read+write {len(blobs)} catalogues, {entries} entries, {sum(len(b) for _, b in blobs) / 1e6:.1f} MB")
    print(f"  ours   {anchor:7.2f} s   1.00x   byte-identical {same}/{len(blobs)}")
    t = best(with_polib, repeat)
    same_polib = sum(str(polib.pofile(b.decode("utf-8"))).encode() == b for _, b in blobs)
    print(f"  polib  {t:7.2f} s   {t / anchor:5.2f}x   byte-identical {same_polib}/{len(blobs)}")
    t = best(with_babel, repeat)
    print(f"  babel  {t:7.2f} s   {t / anchor:5.2f}x")


def bench_duplicates(repeat: int) -> None:
    import polib

    from l10n.catalog import parse_po

    def po(n: int) -> bytes:
        body = "".join(f'msgid "message number {i}"\nmsgstr "traduction {i}"\n\n' for i in range(n))
        return ('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n' + body).encode()

    small, large = po(10_000), po(20_000)
    ours = [best(lambda d=d: parse_po(d, "x.po"), repeat) for d in (small, large)]
    theirs = [best(lambda d=d: polib.pofile(d.decode(), check_for_duplicates=True), 1) for d in (small, large)]
    print("duplicate-checked read, 10k -> 20k entries")
    print(f"  ours   {ours[0]:6.3f} s -> {ours[1]:6.3f} s   x{ours[1] / ours[0]:.1f}")
    print(f"  polib  {theirs[0]:6.3f} s -> {theirs[1]:6.3f} s   x{theirs[1] / theirs[0]:.1f}   ({theirs[1] / ours[1]:.0f}x ours at 20k)")


def bench_update(files: list[Path], n: int, repeat: int) -> None:
    from test_po_msgmerge import change_set

    from l10n.catalog import merge, parse_po
    from l10n.project.store import update_catalog

    pairs = []
    work = Path(tempfile.mkdtemp(prefix="bench_po_"))
    try:
        chosen = (files * (n // max(len(files), 1) + 1))[:n]
        for i, src in enumerate(chosen):
            d = work / f"{i:04d}"
            d.mkdir()
            pot = d / "t.pot"
            pot.write_text(change_set(src, i)[0], encoding="utf-8")
            pairs.append((src, pot, d))

        def reset():
            for src, _pot, d in pairs:
                shutil.copyfile(src, d / "ours.po")

        def msgmerge():
            for src, pot, d in pairs:
                subprocess.run(["msgmerge", "--previous", "-q", "-o", str(d / "mm.po"), str(src), str(pot)], check=True)

        def ours():
            for _src, pot, d in pairs:
                template = parse_po(pot.read_bytes(), str(pot))
                update_catalog(d / "ours.po", lambda old, template=template: merge(template, old, None)[0])

        import l10n.project.files as files_module

        def timed() -> float:
            times = []
            for _ in range(repeat):
                reset()
                t0 = time.perf_counter()
                ours()
                times.append(time.perf_counter() - t0)
            return min(times)

        anchor = timed()
        shipped = files_module.SETTLE_SECONDS
        files_module.SETTLE_SECONDS = 0.0  # attribution only: the compare-and-swap's settle window off
        try:
            no_settle = timed()
        finally:
            files_module.SETTLE_SECONDS = shipped
        print(f"update {len(pairs)} real catalogues against a changed template")
        print(f"  ours (merge, render, compare-and-swap write)   {anchor:6.2f} s   1.00x")
        print(f"  ours without the {shipped * 1000:.0f} ms settle window a write   {no_settle:6.2f} s   {no_settle / anchor:5.2f}x")
        if shutil.which("msgmerge"):
            t = best(msgmerge, repeat)
            print(f"  msgmerge --previous -o                        {t:6.2f} s   {t / anchor:5.2f}x")
        else:
            print("  msgmerge: not installed")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def bench_unchanged(n: int, repeat: int) -> None:
    """A project of n catalogues (n/10 articles x 10 languages): full update vs update with nothing new."""
    import os

    from conftest import SEED

    from l10n.lang import get_language
    from l10n.project.commands import extract, update
    from l10n.project.config import load_config
    from l10n.project.layout import Project

    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    langs = [get_language(c) for c in ("ar", "fr", "de", "es", "ru", "ja", "he", "fa", "ur", "it")]
    work = Path(tempfile.mkdtemp(prefix="bench_po_project_"))
    try:
        (work / "source").mkdir()
        text = SEED.read_text(encoding="utf-8")
        articles = [f"a{i:03d}" for i in range(max(1, n // len(langs)))]
        for a in articles:
            (work / "source" / f"{a}.md").write_text(text.replace("Palmyra", f"Palmyra {a}"), encoding="utf-8")
        project = Project(load_config(work))
        extract(project, articles)
        update(project, articles, langs)

        def edit_all():
            for a in articles:
                p = work / "source" / f"{a}.md"
                p.write_text(p.read_text(encoding="utf-8").replace("setback", "set-back", 1).replace(
                    "set-back", "setback", 1) + "\nOne more sentence.\n" * 0 + "\n", encoding="utf-8")  # fmt: skip

        full = []
        for _ in range(repeat):
            edit_all()  # every template changes: every catalogue is merged
            t0 = time.perf_counter()
            update(project, articles, langs)
            full.append(time.perf_counter() - t0)
        quiet = best(lambda: update(project, articles, langs), repeat)
        count = len(articles) * len(langs)
        print(f"l10n update on a project of {count} catalogues")
        print(f"  templates changed (full merge)     {min(full):6.3f} s   1.00x")
        print(f"  nothing changed (stat + digest)    {quiet:6.3f} s   {quiet / min(full):5.3f}x")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--catalogues", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    files = corpus_files(args.corpus)
    bench_read_write(files, args.repeat)
    bench_duplicates(args.repeat)
    bench_update(files, args.catalogues, args.repeat)
    bench_unchanged(args.catalogues, args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
