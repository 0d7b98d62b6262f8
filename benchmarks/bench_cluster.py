"""Benchmark: the translate stage's batches run here (local) vs on a local Ray cluster with 1 and 2 workers.

Same sentences, same engine, same batches, same enforcement (:class:`~l10n.translate.catalogs.LocalBatches`
vs :class:`~l10n.translate.cluster.RayBatches`): what is measured is what Ray adds (scheduling, pickling
sentences and results, the object store) and what a second worker buys.

Run on demand (not part of the tests; needs the ``mt`` and ``cluster`` extras)::

    PYTHONPATH=. python benchmarks/bench_cluster.py [--sentences 2000] [--repeat 2] [--length 16]

The model is the base-size stand-in of ``bench_engines.py`` (RANDOM weights, 6+6 layers, d_model 512,
32k vocabulary, int8; cached under ``benchmarks/_work/``), decoding exactly ``--length`` tokens per
sentence so every variant does equal work.  The sentences are ``bench_engines``'s: the seed article
repeated with swaps until all ``--sentences`` are distinct.

Variants, each in its own fresh process, interleaved ``--repeat`` times (a noisy neighbour hits all
alike; each keeps its best run).  "cores" is what the variant may use; a Ray variant's cluster has
exactly that many CPUs:

- ``local1`` — one engine, 1 thread, in this process (the anchor for 1 core)
- ``ray1x1`` — Ray, 1 worker × 1 thread
- ``local2`` — one engine, 2 threads (the anchor for 2 cores: what ``l10n translate`` does here)
- ``ray1x2`` — Ray, 1 worker × 2 threads
- ``ray2x1`` — Ray, 2 workers × 1 thread

"startup" is engine construction plus the model's load (and for Ray: ``ray.init``, the actors, the
model load on each); "translate" is from the first batch sent to the last result back.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO))

VARIANTS = {  # name: (workers or 0 for local, threads per engine)
    "local1": (0, 1),
    "ray1x1": (1, 1),
    "local2": (0, 2),
    "ray1x2": (1, 2),
    "ray2x1": (2, 1),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sentences", type=int, default=2000)
    parser.add_argument("--beam", type=int, default=2)
    parser.add_argument("--length", type=int, default=16, help="output tokens per sentence (fixed)")
    parser.add_argument("--batch-size", type=int, default=32, help="sentences per batch (l10n's default)")
    parser.add_argument("--variants", default=",".join(VARIANTS))
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument(
        "--driver-articles", type=int, default=0, metavar="N",
        help="instead: the driver's own cost per entry (plan, memory, save under lock) on N articles, engine ≈ 0",
    )
    parser.add_argument(
        "--overhead", action="store_true",
        help="instead: Ray's own cost per batch, with the deterministic engine (≈ 0 s of MT) on the same batches",
    )
    parser.add_argument("--engine", default="argos", help=argparse.SUPPRESS)
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--data", help=argparse.SUPPRESS)
    parser.add_argument("--packages", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(_variant(args)))
        return 0
    if args.driver_articles:
        return _driver(args.driver_articles, args.batch_size)

    import bench_engines

    bench_engines.WORK.mkdir(parents=True, exist_ok=True)
    (bench_engines.WORK / ".gitignore").write_text("*\n")
    if args.overhead:
        args.engine = "deterministic"
        if args.variants == ",".join(VARIANTS):
            args.variants = "local1,ray1x1,ray2x1"
    packages = bench_engines._stand_in() if args.engine == "argos" else bench_engines.WORK
    sentences = [s for p in bench_engines._paragraphs(args.sentences) for s in p]
    data = bench_engines.WORK / "cluster-sentences.json"
    data.write_text(json.dumps(sentences, ensure_ascii=False))
    model = "stand-in model (RANDOM weights, base size, int8)" if args.engine == "argos" else "deterministic engine (MT ≈ 0)"
    print(
        f"{model} · {len(sentences)} sentences "
        f"({len(set(sentences))} distinct) · beam {args.beam} · {args.length} output tokens each · "
        f"batches of {args.batch_size} sentences · enforcement on, no glossary · {os.cpu_count()} CPUs, "
        f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}"
    )
    runs: dict[str, list[dict]] = {}
    for round_ in range(args.repeat):
        for name in args.variants.split(","):
            result = _run(name, args, packages, data)
            runs.setdefault(name, []).append(result)
            print(
                f"  round {round_ + 1} {name:7} startup {result['startup_s']:6.1f}s  translate {result['translate_s']:7.1f}s"
                f"  {len(sentences) / result['translate_s']:6.1f} sent/s  (load {os.getloadavg()[0]:.1f})",
                flush=True,
            )
    best = {name: min(rs, key=lambda r: r["translate_s"]) for name, rs in runs.items()}
    _report(best, len(sentences))
    if args.overhead:
        batches = -(-len(sentences) // args.batch_size)
        for name in best:
            if name.startswith("ray"):
                extra = best[name]["translate_s"] - best["local1"]["translate_s"]
                print(f"{name}: Ray adds {1000 * extra / batches:.1f} ms a batch of {args.batch_size} "
                      f"({1000 * extra / len(sentences):.2f} ms a sentence) over local1, {batches} batches")
    return 0


def _run(name: str, args, packages: Path, data: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ARGOS_", "L10N_ARGOS"))}
    env.update(PYTHONPATH=str(REPO), L10N_ARGOS_PACKAGES=str(packages), RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER="0")
    # Ray's memory monitor kills workers when the *node* is above 95 % memory; on a machine shared with
    # other jobs that is their memory, not ours, and a killed worker reloads the model mid-measurement.
    env.setdefault("RAY_memory_monitor_refresh_ms", "0")
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", name, "--data", str(data)]
    cmd += ["--beam", str(args.beam), "--length", str(args.length), "--batch-size", str(args.batch_size)]
    cmd += ["--engine", args.engine]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        raise SystemExit(f"variant {name} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _report(best: dict, n: int) -> None:
    print()
    print(f"{'variant':8} {'cores':>5} {'startup s':>10} {'translate s':>12} {'sent/s':>8} {'ms/sentence·core':>17}")
    for name, r in best.items():
        workers, threads = VARIANTS[name]
        cores = max(workers, 1) * threads
        print(
            f"{name:8} {cores:5} {r['startup_s']:10.1f} {r['translate_s']:12.1f} {n / r['translate_s']:8.1f} "
            f"{1000 * r['translate_s'] * cores / n:17.1f}"
        )
    print()

    def ratio(a: str, b: str) -> float | None:
        return best[a]["translate_s"] / best[b]["translate_s"] if a in best and b in best else None

    for a, b, what in (
        ("ray1x1", "local1", "Ray overhead at 1 core (time ratio, goal ≤ 1.15)"),
        ("ray1x2", "local2", "Ray overhead at 2 cores, 1 worker × 2 threads (goal ≤ 1.15)"),
        ("ray2x1", "local2", "Ray at 2 cores, 2 workers × 1 thread vs local 2 threads (goal ≤ 1.15)"),
    ):
        r = ratio(a, b)
        if r is not None:
            print(f"{a}/{b}: {r:.2f}  — {what}")
    r = ratio("ray1x1", "ray2x1")
    if r is not None:
        print(f"throughput ray2x1/ray1x1: {r:.2f}×  — scaling from 1 to 2 workers (ideal 2.00 on 2 free cores)")
    r = ratio("local1", "local2")
    if r is not None:
        print(f"throughput local2/local1: {r:.2f}×  — 2 threads vs 1 in one engine, for comparison")


# --------------------------------------------------------------------------------------------------
# One variant, in its own process


def _variant(args) -> dict:
    from l10n.lang import get_language
    from l10n.translate.catalogs import LocalBatches

    workers, threads = VARIANTS[args.worker]
    sentences = json.loads(Path(args.data).read_text("utf-8"))
    batches = [sentences[i : i + args.batch_size] for i in range(0, len(sentences), args.batch_size)]
    options = {
        "beam_size": args.beam,
        "max_decoding_length": args.length,
        "decoding": {"min_decoding_length": args.length},
    } if args.engine == "argos" else {}
    ar = get_language("ar")
    t0 = time.perf_counter()
    if not workers:
        from l10n.translate.engine import get_engine

        engine = get_engine(args.engine, **({"threads": threads} if args.engine == "argos" else {}), **options)
        translator = LocalBatches(engine, "en", ar, None, n_best=1)
        engine.translate(["Warm up."], "en", "ar")  # the model's load belongs to startup
        startup = time.perf_counter() - t0
        t1 = time.perf_counter()
        done = sum(len(b) for b, _, _ in translator(batches))
        return {"startup_s": startup, "translate_s": time.perf_counter() - t1, "done": done}

    from l10n.translate.cluster import ClusterSettings, RayCluster

    settings = ClusterSettings(
        address="local", workers=workers, cpus_per_worker=threads, init_options={"num_cpus": workers * threads}
    )
    with RayCluster(settings, args.engine, options) as cluster:
        translator = cluster.batches("en", ar, n_best=1)
        _ = translator.label  # every worker up, model loaded
        startup = time.perf_counter() - t0
        t1 = time.perf_counter()
        done = sum(len(b) for b, _, _ in translator(batches))
        elapsed = time.perf_counter() - t1
    return {"startup_s": startup, "translate_s": elapsed, "done": done}


def _driver(n: int, batch_size: int) -> int:
    """What one driver can write: every entry of *n* distinct articles, MT by the deterministic engine.

    The engine costs ~0 here, so the time is the driver's: planning (reading every catalogue), the
    translation memory, and a save under the catalogue's lock after every batch.  A cluster's workers
    cannot deliver faster than this and still have every result written.
    """
    import contextlib
    import io
    import tempfile

    from l10n.cli import main as cli
    from l10n.lang import get_language
    from l10n.project import commands
    from l10n.project.config import load_config
    from l10n.project.layout import Project
    from l10n.translate.engine import DeterministicEngine

    seed = (REPO / "source" / "palmyra-attack.md").read_text("utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "source").mkdir()
        for i in range(n):  # every sentence distinct: the memory must not answer for the engine
            text = "\n".join(line.replace(". ", f" {i}. ") if line and not line.startswith("#") else line for line in seed.split("\n"))
            text = text.replace(".\n", f" n{i}.\n")
            (root / "source" / f"article-{i:04d}.md").write_text(text, "utf-8")
        with contextlib.redirect_stdout(io.StringIO()):
            assert cli(["-C", str(root), "extract"]) == 0 and cli(["-C", str(root), "update", "-l", "fr"]) == 0
        project = Project(load_config(root))
        fr = get_language("fr")
        started = time.perf_counter()
        settings = project.config.translate.override(batch_size=batch_size, n_best=1)
        summary = commands.translate(project, project.articles(), fr, DeterministicEngine(), settings=settings)
        wall = time.perf_counter() - started
    print(
        f"driver: {n} articles, {summary.pending} entries ({summary.unique} distinct, {summary.from_memory} from memory), "
        f"{summary.catalogs_written} catalogues written: {wall:.1f}s, engine {summary.mt_seconds:.1f}s → "
        f"{1000 * (wall - summary.mt_seconds) / max(summary.pending, 1):.2f} ms of driver time per entry, "
        f"{summary.pending / wall:.0f} entries/s (load average {os.getloadavg()[0]:.1f})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
