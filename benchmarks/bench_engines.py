"""Benchmark: our batched Argos engine vs Argos's own API vs bare CTranslate2, on ~200 news sentences.

The sentences are the seed article's, split with ``sentencex`` and repeated with names, dates and
numbers swapped until there are ~200, all distinct (our engine translates a duplicate only once, which
would flatter it).

Run on demand (not part of the tests)::

    PYTHONPATH=. python benchmarks/bench_engines.py [--beam 4] [--threads 2] [--sentences 200]

No real Argos model exists here, so the model is a **stand-in with random weights** the size of
Argos's base models (6+6 layers, d_model 512, 8 heads, FFN 2048, 32k vocabulary, int8), built on first
run and cached under ``benchmarks/_work/`` (never committed).  Random weights decide nothing about
quality and would not stop on their own, so every variant decodes exactly ``--length`` tokens per
sentence (``min_decoding_length = max_decoding_length``): equal work, comparable times.

Variants, each in its own process so its peak RSS is its own:

a. ``argos``  — Argos's public API as an application uses it: ``argostranslate.translate.translate()``
   once per paragraph.  Its sentence splitter (MiniSBD) needs a model download, which is impossible
   offline, so it is replaced by ``sentencex`` (cheaper than MiniSBD: this flatters Argos), and its
   ``translate_batch`` calls get the fixed output length.  Everything else is Argos's code.
b. ``floor``  — one bare ``Translator.translate_batch`` over pre-tokenised sentences, already sorted
   by length, with the beam, length penalty and batching of (c) and nothing else (no
   ``replace_unknowns``, no scores): the least any CTranslate2-based engine can spend.
c. ``ours``   — :class:`l10n.translate.argos.ArgosEngine` ``.translate()`` on the same sentences.

All use the same beam, threads, compute type and Argos's decoding options.  "startup" is imports plus
model load (a one-sentence warm-up); "translate" is the 200 sentences; RSS is the process's peak.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
WORK = HERE / "_work"
SEED_CANDIDATES = [Path("/work/shared/seeds/palmyra-attack.txt"), REPO / "source" / "palmyra-attack.md"]

#: Swaps that make each repeat of the article a different text (so no cache anywhere can help).
_VARIANTS = [
    {},
    {"Syria": "Iraq", "Damascus": "Baghdad", "Palmyra": "Mosul", "December": "March", "American": "British"},
    {"Syria": "Libya", "Damascus": "Tripoli", "Palmyra": "Sirte", "December": "July", "American": "French"},
    {"Syria": "Yemen", "Damascus": "Sanaa", "Palmyra": "Marib", "December": "May", "American": "German"},
]


_OPENERS = ["Meanwhile,", "Separately,", "Once again,", "In other words,"]

# --------------------------------------------------------------------------------------------------
# Parent: build, prepare, run the variants, report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sentences", type=int, default=200)
    parser.add_argument("--beam", type=int, default=4)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--length", type=int, default=48, help="output tokens per sentence (fixed)")
    parser.add_argument("--compute-type", default="default")
    parser.add_argument(
        "--max-batch-size", type=int, default=1024, help="tokens per CTranslate2 batch (b, c)"
    )
    parser.add_argument("--variants", default="argos,floor,ours")
    parser.add_argument("--repeat", type=int, default=1, help="runs per variant (best time is kept)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--data", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        return _worker(args)

    WORK.mkdir(parents=True, exist_ok=True)
    (WORK / ".gitignore").write_text("*\n")
    packages = _stand_in()
    paragraphs = _paragraphs(args.sentences)
    data = WORK / "sentences.json"
    data.write_text(json.dumps(paragraphs, ensure_ascii=False))
    n = sum(len(p) for p in paragraphs)
    distinct = len({s for p in paragraphs for s in p})
    print(
        f"stand-in model (RANDOM weights, base size, int8) · {n} sentences ({distinct} distinct) "
        f"in {len(paragraphs)} paragraphs · "
        f"beam {args.beam} · {args.threads} threads · {args.length} output tokens each · "
        f"compute {args.compute_type} · batches of {args.max_batch_size} tokens (b, c)"
    )
    # Repeats are interleaved (a b c a b c …) so a noisy neighbour on the machine hits all variants alike;
    # each variant keeps its best run.
    runs: dict[str, list[dict]] = {}
    for _ in range(args.repeat):
        for variant in args.variants.split(","):
            runs.setdefault(variant, []).append(_run(variant, args, packages, data))
    results = {v: min(rs, key=lambda r: r["translate_s"]) for v, rs in runs.items()}
    _report(results, n)
    return 0


def _stand_in() -> Path:
    """Build (once) and install the base-size stand-in; return its packages directory."""
    sys.path.insert(0, str(REPO))
    from l10n.project.models import install_package
    from l10n.translate.models import find_argos_packages
    from l10n.translate.testing import build_base_size_stand_in

    root = WORK / "standin"
    packages = root / "packages"
    if not find_argos_packages([packages]):
        start = time.perf_counter()
        archive = build_base_size_stand_in(root, corpus=_seed_sentences())
        install_package(archive, dest=packages)
        size = archive.stat().st_size / 1e6
        print(f"built the stand-in in {time.perf_counter() - start:.1f}s ({size:.0f} MB) → {packages}")
    return packages


def _seed_text() -> str:
    for path in SEED_CANDIDATES:
        if path.is_file():
            return path.read_text("utf-8")
    from l10n.translate.testing import FIXTURE_TEXT

    return "\n\n".join(FIXTURE_TEXT["en"])


def _seed_paragraphs() -> list[list[str]]:
    import sentencex

    out = []
    for para in _seed_text().split("\n"):
        para = para.strip().lstrip("#>*- ").strip()
        if para:
            out.append([s.strip() for s in sentencex.segment("en", para) if s.strip()])
    return out


def _seed_sentences() -> list[str]:
    return [s for p in _seed_paragraphs() for s in p]


def _paragraphs(target: int) -> list[list[str]]:
    """Paragraphs of the seed article, repeated with name/date/number swaps, until *target* sentences."""
    base = _seed_paragraphs()
    out: list[list[str]] = []
    seen: set[str] = set()
    count = 0
    copy = 0
    while count < target:
        swaps = _VARIANTS[copy % len(_VARIANTS)]
        shift = copy // len(_VARIANTS) + copy
        for para in base:
            new = []
            for sentence in para:
                for old, repl in swaps.items():
                    sentence = sentence.replace(old, repl)
                if shift:
                    sentence = re.sub(r"\d", lambda m, k=shift: str((int(m.group()) + k) % 10), sentence)
                opener = copy
                while sentence in seen:  # nothing to swap: vary it anyway, all must differ
                    sentence = f"{_OPENERS[opener % len(_OPENERS)]} {sentence}"
                    opener += 1
                seen.add(sentence)
                new.append(sentence)
            take = new[: target - count]
            out.append(take)
            count += len(take)
            if count >= target:
                break
        copy += 1
    return out


def _run(variant: str, args, packages: Path, data: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ARGOS_", "L10N_ARGOS"))}
    env.update(
        PYTHONPATH=str(REPO),
        ARGOS_PACKAGES_DIR=str(packages),
        ARGOS_DEVICE_TYPE="cpu",
        ARGOS_INTER_THREADS="1",
        ARGOS_INTRA_THREADS=str(args.threads),
        ARGOS_BEAM_SIZE=str(args.beam),
        ARGOS_COMPUTE_TYPE=args.compute_type,
        ARGOS_DEBUG="0",
        XDG_DATA_HOME=str(WORK / "xdg" / "data"),
        XDG_CONFIG_HOME=str(WORK / "xdg" / "config"),
        XDG_CACHE_HOME=str(WORK / "xdg" / "cache"),
    )
    cmd = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--worker",
        variant,
        "--data",
        str(data),
        "--beam",
        str(args.beam),
        "--threads",
        str(args.threads),
        "--length",
        str(args.length),
        "--compute-type",
        args.compute_type,
        "--max-batch-size",
        str(args.max_batch_size),
    ]
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"variant {variant} failed:\n{proc.stderr[-3000:]}")
    for line in proc.stderr.splitlines():
        if line.startswith("source tokens"):
            print(f"  ({variant}) {line}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["wall_s"] = wall
    return result


def _report(results: dict, n: int) -> None:
    print()
    print(
        f"{'variant':8} {'process s':>10} {'startup s':>10} {'translate s':>12} {'CPU s':>8} "
        f"{'sent/s':>8} {'peak RSS MB':>12}"
    )
    for name, r in results.items():
        print(
            f"{name:8} {r['wall_s']:10.2f} {r['startup_s']:10.2f} {r['translate_s']:12.2f} {r['cpu_s']:8.1f} "
            f"{n / r['translate_s']:8.1f} {r['rss_mb']:12.0f}"
        )
    ours = results.get("ours")
    if ours:
        print()
        for other, target in (("argos", 0.5), ("floor", 1.10)):
            if other in results:
                r = results[other]
                t = ours["translate_s"] / r["translate_s"]
                c = ours["cpu_s"] / r["cpu_s"]
                w = ours["wall_s"] / r["wall_s"]
                m = ours["rss_mb"] / r["rss_mb"]
                print(
                    f"ours/{other}: translate wall {t:.2f} (target ≤ {target}), translate CPU {c:.2f}, "
                    f"process wall {w:.2f}, peak RSS {m:.2f}"
                )


# --------------------------------------------------------------------------------------------------
# Workers (one per process)


def _worker(args) -> int:
    paragraphs = json.loads(Path(args.data).read_text("utf-8"))
    sentences = [s for p in paragraphs for s in p]
    t0 = time.perf_counter()
    run = {"argos": _argos_api, "floor": _floor, "ours": _ours}[args.worker]
    startup, translate, cpu = run(args, paragraphs, sentences, t0)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "variant": args.worker,
                "startup_s": startup,
                "translate_s": translate,
                "cpu_s": cpu,
                "rss_mb": rss_mb,
            }
        )
    )
    return 0


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _fixed_length(args) -> dict:
    return {"min_decoding_length": args.length, "max_decoding_length": args.length}


def _argos_api(args, paragraphs, sentences, t0):
    import sentencex
    from argostranslate import sbd
    from argostranslate import translate as argos_translate

    # Offline stand-in for MiniSBD (whose model would be downloaded): see the module docstring.
    sbd.MiniSBDSentencizer.split_sentences = lambda self, text: [
        s for s in sentencex.segment(self.pkg.from_code, text) if s.strip()
    ]
    real = argos_translate.ctranslate2.Translator
    fixed = _fixed_length(args)

    class FixedLength:
        def __init__(self, *a, **kw):
            self._t = real(*a, **kw)

        def translate_batch(self, *a, **kw):
            return self._t.translate_batch(*a, **{**kw, **fixed})

    argos_translate.ctranslate2.Translator = FixedLength
    argos_translate.translate("Hello.", "en", "ar")  # warm-up: loads the model
    t1, c1 = time.perf_counter(), _cpu()
    for p in paragraphs:
        argos_translate.translate(" ".join(p), "en", "ar")
    t2, c2 = time.perf_counter(), _cpu()
    return t1 - t0, t2 - t1, c2 - c1


def _floor(args, paragraphs, sentences, t0):
    """The least a CTranslate2 engine can do: one call, pre-tokenised input, no post-processing."""
    import ctranslate2
    import sentencepiece

    from l10n.translate.models import find_argos_packages

    [pkg] = find_argos_packages([Path(os.environ["ARGOS_PACKAGES_DIR"])])
    translator = ctranslate2.Translator(
        str(pkg.model_dir),
        device="cpu",
        compute_type=args.compute_type,
        inter_threads=1,
        intra_threads=args.threads,
    )
    sp = sentencepiece.SentencePieceProcessor(model_file=str(pkg.sentencepiece_model))
    options = {
        "beam_size": args.beam,
        "length_penalty": 0.2,
        "max_batch_size": args.max_batch_size,
        "batch_type": "tokens",
        **_fixed_length(args),
    }
    translator.translate_batch([sp.encode("Hello.", out_type=str)], **options)  # warm-up
    # Pre-tokenised and sorted by length, not timed.  (CTranslate2 sorts by length itself only when
    # there are more *examples* than max_batch_size, so with token batches unsorted input pays padding.)
    tokens = sorted(sp.encode(sentences, out_type=str), key=len)
    t1, c1 = time.perf_counter(), _cpu()
    results = translator.translate_batch(tokens, **options)
    t2, c2 = time.perf_counter(), _cpu()
    unk = sum("<unk>" in r.hypotheses[0] for r in results)
    _note(tokens, f"{unk} outputs hold <unk>")
    return t1 - t0, t2 - t1, c2 - c1


def _ours(args, paragraphs, sentences, t0):
    from l10n.translate.argos import ArgosEngine

    engine = ArgosEngine(
        beam_size=args.beam,
        threads=args.threads,
        compute_type=args.compute_type,
        max_batch_size=args.max_batch_size,
        max_decoding_length=args.length,
        decoding={"min_decoding_length": args.length},
        packages_dirs=[os.environ["ARGOS_PACKAGES_DIR"]],
    )
    engine.translate(["Hello."], "en", "ar")  # warm-up: loads the model
    t1, c1 = time.perf_counter(), _cpu()
    engine.translate(sentences, "en", "ar")
    t2, c2 = time.perf_counter(), _cpu()
    return t1 - t0, t2 - t1, c2 - c1


def _note(tokens, extra: str) -> None:
    lengths = sorted(len(t) for t in tokens)
    print(
        f"source tokens per sentence: mean {sum(lengths) / len(lengths):.1f}, "
        f"median {lengths[len(lengths) // 2]}, max {lengths[-1]}; {extra}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    raise SystemExit(main())
