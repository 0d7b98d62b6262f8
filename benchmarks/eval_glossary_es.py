"""Issue 10's measurement: glossary enforcement on Apertium en→es, raw engine vs l10n, judged independently.

Run on demand (needs ``apertium``, ``apertium-eng-spa`` and ``lt-proc``)::

    PYTHONPATH=. python benchmarks/eval_glossary_es.py                       # seed + held-out set
    PYTHONPATH=. python benchmarks/eval_glossary_es.py --before /tmp/l10n-old  # also an older l10n tree

For each article (the seed ``source/palmyra-attack.md`` and ``benchmarks/heldout/heldout-es.md``, 34
sentences written after the enforcement was built), in a throw-away project:

* **raw**: plain ``apertium -u eng-spa`` output written into the catalogue as drafts;
* **before** (with ``--before DIR``): ``l10n translate --engine apertium`` run from another l10n source
  tree (e.g. ``git archive`` of the commit before issue 10) with that tree's glossary;
* **l10n**: ``l10n translate --engine apertium`` from this tree.

Each is counted the same way: per-occurrence term success from ``l10n check --drafts`` (occurrences
minus ``glossary-missing``/``glossary-repeat``/``glossary-dnt`` findings), article/contraction
disagreements next to a term from ``tests/judge_es.py`` (Apertium's Spanish analyser; patterns in
docs/glossary.md), sentences left untranslated, and Apertium's own unknown-word marks (from a separate
``apertium eng-spa`` run on the source) that are still in the output and reported neither in the
entry's ``l10n-mt-unknown`` comment nor by ``check``'s ``english-left``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from judge_es import _apertium, _figures, renderings  # noqa: E402

ARTICLES = {
    "seed": REPO / "source" / "palmyra-attack.md",
    "held-out": REPO / "benchmarks" / "heldout" / "heldout-es.md",
}


def _project(base: Path, article: Path, glossary_dir: Path) -> Path:
    shutil.copytree(glossary_dir, base / "glossary")
    (base / "source").mkdir(parents=True)
    shutil.copy(article, base / "source" / article.name)
    return base


def _l10n(root: Path, *args: str, tree: Path = REPO) -> None:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    # cwd: `python -m` puts the working directory first on sys.path, before PYTHONPATH
    subprocess.run(
        [sys.executable, "-m", "l10n", "-C", str(root), *args],
        env=env,
        cwd=tree,
        check=True,
        capture_output=True,
    )


def evaluate(article: Path, before: Path | None) -> dict:
    import polib

    work = Path(tempfile.mkdtemp(prefix="l10n-eval-"))
    try:
        variants = {"raw": None, "l10n": REPO} | ({"before": before} if before else {})
        roots = {}
        for name, tree in variants.items():
            glossary_dir = (tree or REPO) / "glossary"
            root = _project(work / name, article, glossary_dir)
            _l10n(root, "extract", tree=tree or REPO)
            _l10n(root, "update", "-l", "es", tree=tree or REPO)
            roots[name] = root
        po_name = article.stem + ".po"
        sources = [
            e.msgid for e in polib.pofile(str(roots["l10n"] / "locale/es/LC_MESSAGES" / po_name)) if e.msgid
        ]
        marked = _apertium(sources, unknown_marks=True)
        import re

        marks = {s: re.findall(r"(?<![\w*])\*(\w[\w'’-]*)", m) for s, m in zip(sources, marked, strict=True)}
        raw = dict(zip(sources, _apertium(sources, unknown_marks=False), strict=True))
        path = roots["raw"] / "locale/es/LC_MESSAGES" / po_name
        po = polib.pofile(str(path))
        for e in po:
            if e.msgid:
                e.msgstr, e.flags = raw[e.msgid], ["fuzzy"]
        po.save(str(path))
        for name, tree in variants.items():
            if tree is not None:
                _l10n(roots[name], "translate", "-l", "es", "--engine", "apertium", tree=tree)
            if name == "before":  # judged with this tree's glossary and check, like the others
                shutil.rmtree(roots[name] / "glossary")
                shutil.copytree(REPO / "glossary", roots[name] / "glossary")
        glossary_csv = str(REPO / "glossary" / "terms.csv")
        renderings.cache_clear()
        out = {}
        for name in variants:
            out[name] = _figures(
                roots[name] / "locale/es/LC_MESSAGES" / po_name, roots[name], glossary_csv, marks
            )
        out["examples"] = {
            name: {
                e.msgid: e.msgstr for e in polib.pofile(str(roots[name] / "locale/es/LC_MESSAGES" / po_name))
            }
            for name in variants
        }
        return out
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", type=Path, help="another l10n source tree to compare (its translate)")
    parser.add_argument("--examples", type=int, default=5, help="example sentences to print per article")
    args = parser.parse_args()
    names = ["raw", *(["before"] if args.before else []), "l10n"]
    for label, article in ARTICLES.items():
        figures = evaluate(article, args.before)
        print(f"\n## {label}: {article.relative_to(REPO)}\n")
        print("| figure | " + " | ".join(names) + " |")
        print("|---|" + "---:|" * len(names))
        rows = [
            ("entries", lambda f: f["entries"]),
            ("term occurrences", lambda f: f["occurrences"]),
            (
                "rendered right (check --drafts)",
                lambda f: f"{f['term_ok']} ({100 * f['term_ok'] / max(1, f['occurrences']):.0f} %)",
            ),
            ("article/contraction disagreements", lambda f: len(f["disagreements"])),
            ("noun right after a term (English order)", lambda f: len(f["nouns_after_terms"])),
            ("sentences left untranslated", lambda f: f["untranslated"]),
            ("unknown words marked by Apertium", lambda f: f["unknown_marked"]),
            ("… left in and not reported", lambda f: len(f["unreported_unknown"])),
        ]
        for title, get in rows:
            print(f"| {title} | " + " | ".join(str(get(figures[n])) for n in names) + " |")
        for n in names:
            if figures[n]["disagreements"]:
                print(
                    f"\n{n} disagreements: "
                    + "; ".join(f"{p}: …{x}…" for p, x in figures[n]["disagreements"][:12])
                )
        changed = [
            s
            for s in figures["examples"]["l10n"]
            if figures["examples"]["raw"].get(s) != figures["examples"]["l10n"][s]
        ]
        print(
            f"\nexamples ({len(changed)} of {len(figures['examples']['l10n'])} sentences differ from the raw engine):"
        )
        for s in changed[: args.examples]:
            print(f"- EN: {s}")
            for n in names:
                print(f"  {n}: {figures['examples'][n].get(s, '')}")


if __name__ == "__main__":
    main()
