"""Benchmark ``l10n check`` against translate-toolkit's ``pofilter``: real catalogues and a synthetic corpus.

Run on demand (not part of the tests)::

    PYTHONPATH=. python benchmarks/bench_check.py --real /work/corpus/src   # real catalogues (a directory)
    PYTHONPATH=. python benchmarks/bench_check.py --fetch-real DIR          # download Django+Sphinx wheels
                                                                           # from PyPI into DIR, then as --real
    PYTHONPATH=. python benchmarks/bench_check.py                 # synthetic: 1,000 articles x 60 x 5 languages
    PYTHONPATH=. python benchmarks/bench_check.py --articles 100  # quicker
    PYTHONPATH=. python benchmarks/bench_check.py --pofilter-articles 1000   # pofilter on everything too

**Real corpus** (``--real DIR``): every ``*.po`` under DIR (Django's and Sphinx's catalogues, 1,296 files
in 109 languages for Django 5.2.19 + Sphinx 9.0.4), checked by both tools, cold, one process each,
alternated ``--runs`` times; the ratio is pofilter's time over ours *in the same run*, so load on the
machine cancels out.  It then prints recall against pofilter per class: of the units pofilter's
``escapes``, ``xmltags``, ``newlines``, ``printf``… flag, how many ``l10n check``'s matching check flags.

The corpus is a throw-away l10n project in a temporary directory: ``locale/<lang>/LC_MESSAGES/*.po``
for ar, fr, es, de and ar_SY, with sentences built from news templates carrying glossary terms (from
the repository's ``glossary/terms.csv``), numbers in each language's conventions (Arabic-Indic digits,
"5 000", "2,5"), Markdown links, emphasis, e-mails and URLs.  About 1 % of the entries carry a planted
error (forbidden glossary variant, missing term, changed number, broken link target) and a few are
untranslated or fuzzy; the script reports how many planted errors ``l10n check`` caught.

Both tools run as subprocesses, as CI would run them, start-up included.  pofilter at roughly 50 ms a
file would need several minutes for 5,000 files on 2 cores, so by default it runs on a subset (the first
``--pofilter-articles`` articles, all languages); ``l10n check`` runs on that same subset (the ratio)
and on the full corpus.  Note: pofilter exits 0 even when units fail its checks; it writes the failing
units to its output directory, so a CI job cannot gate on its exit status.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LANGS = ("ar", "fr", "es", "de", "ar_SY")
TERMS = (
    "caesar-act", "islamic-state", "sdf", "international-coalition", "interior-ministry", "palmyra",
    "damascus", "sana", "hasakeh", "deir-ez-zor", "pentagon", "us-congress", "latakia", "sweida",
)  # fmt: skip
AR_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")

# English template -> per-language templates.  {T1} {T2} terms, {N1}.. integers, {G} a grouped number,
# {D} a decimal, {Y} a year, {U} a URL.  Each sentence gets {K} (a distinct number) so msgids are unique.
TEMPLATES = [
    {
        "en": "{T1} said on {N1} December that {K} fighters had been detained near {T2}.",
        "ar": "قال {T1} في {N1} كانون الأول إن {K} مقاتلا اعتُقلوا قرب {T2}.",
        "fr": "{T1} a déclaré le {N1} décembre que {K} combattants avaient été arrêtés près de {T2}.",
        "es": "{T1} dijo el {N1} de diciembre que {K} combatientes habían sido detenidos cerca de {T2}.",
        "de": "{T1} erklärte am {N1}. Dezember, {K} Kämpfer seien in der Nähe von {T2} festgenommen worden.",
    },
    {
        "en": "According to {T1}, spending rose by {D}% to {G} million dollars in {Y}, report {K} says.",
        "ar": "وبحسب {T1}، ارتفع الإنفاق بنسبة {D}٪ ليصل إلى {G} مليون دولار في عام {Y}، بحسب التقرير {K}.",
        "fr": "Selon {T1}, les dépenses ont augmenté de {D} % pour atteindre {G} millions de dollars en {Y}, "
        "indique le rapport {K}.",
        "es": "Según {T1}, el gasto aumentó un {D} % hasta {G} millones de dólares en {Y}, según el informe {K}.",
        "de": "Laut {T1} stiegen die Ausgaben {Y} um {D} Prozent auf {G} Millionen Dollar, so Bericht {K}.",
    },
    {
        "en": "Read the [full statement]({U}) that {T1} published after meeting {K}.",
        "ar": "اقرأ [البيان الكامل]({U}) الذي نشره {T1} بعد الاجتماع {K}.",
        "fr": "Lisez [la déclaration complète]({U}) publiée par {T1} après la réunion {K}.",
        "es": "Lea [la declaración completa]({U}) que {T1} publicó tras la reunión {K}.",
        "de": "Lesen Sie [die vollständige Erklärung]({U}), die {T1} nach Treffen {K} veröffentlichte.",
    },
    {
        "en": "The *{T1}* delegation met officials from {T2} for {K} hours.",
        "ar": "التقى وفد *{T1}* مسؤولين من {T2} لمدة {K} ساعة.",
        "fr": "La délégation *{T1}* a rencontré des responsables de {T2} pendant {K} heures.",
        "es": "La delegación *{T1}* se reunió con funcionarios de {T2} durante {K} horas.",
        "de": "Die Delegation *{T1}* traf {K} Stunden lang Vertreter von {T2}.",
    },
    {
        "en": "Why did {T1} wait {K} days before responding?",
        "ar": "لماذا انتظر {T1} {K} يوما قبل الرد؟",
        "fr": "Pourquoi {T1} a-t-il attendu {K} jours avant de répondre ?",
        "es": "¿Por qué esperó {T1} {K} días antes de responder?",
        "de": "Warum wartete {T1} {K} Tage, bevor es reagierte?",
    },
    {
        "en": "Officials in {T1} estimate that {G} residents (about {D}% of the population) left after {K} weeks.",
        "ar": "يقدّر المسؤولون في {T1} أن {G} من السكان (نحو {D}٪ منهم) غادروا بعد {K} أسابيع.",
        "fr": "Les responsables de {T1} estiment que {G} habitants (environ {D} % de la population) sont partis "
        "après {K} semaines.",
        "es": "Los funcionarios de {T1} calculan que {G} residentes (alrededor del {D} % de la población) se "
        "marcharon tras {K} semanas.",
        "de": "Beamte in {T1} schätzen, dass {G} Einwohner (etwa {D} Prozent der Bevölkerung) nach {K} Wochen "
        "gegangen sind.",
    },
    {
        "en": "Contact the press office at press@example.org or visit https://example.org/news/{KU}.",
        "ar": "تواصلوا مع المكتب الصحفي عبر press@example.org أو زوروا https://example.org/news/{KU}.",
        "fr": "Contactez le service de presse à press@example.org ou consultez https://example.org/news/{KU}.",
        "es": "Contacte con la oficina de prensa en press@example.org o visite https://example.org/news/{KU}.",
        "de": "Wenden Sie sich an press@example.org oder besuchen Sie https://example.org/news/{KU}.",
    },
    {
        "en": "Talks between {T1} and {T2} resumed after a pause of {K} days, officials said.",
        "ar": "استؤنفت المحادثات بين {T1} و{T2} بعد توقف دام {K} يوما، بحسب مسؤولين.",
        "fr": "Les pourparlers entre {T1} et {T2} ont repris après une pause de {K} jours, selon des responsables.",
        "es": "Las conversaciones entre {T1} y {T2} se reanudaron tras una pausa de {K} días, según funcionarios.",
        "de": "Die Gespräche zwischen {T1} und {T2} wurden nach {K} Tagen Pause wieder aufgenommen, hieß es.",
    },
]
FORBIDDEN = {"ar": ("islamic-state", "الدولة الإسلامية"), "fr": ("caesar-act", "acte César"),
             "es": ("caesar-act", "Acta César"), "de": None, "ar_SY": ("islamic-state", "الدولة الإسلامية")}  # fmt: skip


def _fmt_int(n: int, lang: str, grouped: bool) -> str:
    base = lang.split("_")[0]
    if not grouped or n < 1000:
        text = str(n)
    elif base == "ar":
        text = f"{n:,}".replace(",", "٬")
    elif base == "fr":
        text = f"{n:,}".replace(",", "\u202f")
    elif base in ("es", "de"):
        text = f"{n:,}".replace(",", ".")
    else:
        text = f"{n:,}"
    return text.translate(AR_DIGITS) if base == "ar" else text


def _fmt_dec(x: str, lang: str) -> str:
    base = lang.split("_")[0]
    if base == "ar":
        return x.replace(".", "٫").translate(AR_DIGITS)
    return x.replace(".", ",") if base in ("fr", "es", "de") else x


def _esc(s: str) -> str:
    return s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def _po_string(keyword: str, value: str, width: int = 79) -> str:
    """``keyword "value"`` wrapped the way msgmerge wraps long strings."""
    esc = _esc(value)
    if len(keyword) + len(esc) + 3 <= width:
        return f'{keyword} "{esc}"\n'
    lines, line = [], ""
    for word in esc.split(" "):
        piece = word + " "
        if line and len(line) + len(piece) > width - 2:
            lines.append(line)
            line = ""
        line += piece
    lines.append(line[:-1])
    return f'{keyword} ""\n' + "".join(f'"{x}"\n' for x in lines)


def generate(root: Path, articles: int, entries: int, seed: int = 1) -> dict:
    """Write the corpus under *root*; return counts of planted problems."""
    sys.path.insert(0, str(REPO))
    from l10n.glossary import load_glossary

    glossary = load_glossary(REPO / "glossary" / "terms.csv")
    terms = [glossary.get(t) for t in TERMS]
    (root / "glossary").mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "glossary" / "terms.csv", root / "glossary" / "terms.csv")
    (root / "l10n.toml").write_text(f"[tool.l10n]\nlanguages = {json.dumps(list(LANGS))}\n")
    rng = random.Random(seed)
    planted = {"glossary-forbidden": 0, "glossary-missing": 0, "numbers": 0, "markup": 0, "untranslated": 0,
               "fuzzy": 0}  # fmt: skip
    for lang in LANGS:
        (root / "locale" / lang / "LC_MESSAGES").mkdir(parents=True, exist_ok=True)
    for a in range(articles):
        units = []
        used: set[str] = set()
        for e in range(entries):
            tpl = rng.choice(TEMPLATES)
            t1, t2 = rng.sample(terms, 2)
            values = {
                "N1": rng.randint(1, 28), "K": a * entries + e + 1, "G": rng.randint(1000, 99999) * 10,
                "D": f"{rng.randint(1, 99)}.{rng.randint(1, 9)}", "Y": rng.randint(2011, 2025),
                "U": f"https://example.org/{a}/{e}", "KU": a * entries + e + 1,
            }  # fmt: skip
            en = tpl["en"].format(T1=t1.source, T2=t2.source, **values)
            if en in used:
                continue
            used.add(en)
            units.append((tpl, t1, t2, values, en))
        for lang in LANGS:
            out = [
                '# Synthetic benchmark catalogue.\nmsgid ""\nmsgstr ""\n'
                f'"Project-Id-Version: article-{a}\\n"\n"Language: {lang}\\n"\n'
                '"MIME-Version: 1.0\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                '"Content-Transfer-Encoding: 8bit\\n"\n\n'
            ]
            base = lang.split("_")[0]
            for n, (tpl, t1, t2, values, en) in enumerate(units):
                r1, r2 = t1.renderings(lang)[0], t2.renderings(lang)[0]
                fmt = {
                    "N1": _fmt_int(values["N1"], lang, False), "K": _fmt_int(values["K"], lang, False),
                    "G": _fmt_int(values["G"], lang, True), "D": _fmt_dec(values["D"], lang),
                    "Y": _fmt_int(values["Y"], lang, False), "U": values["U"], "KU": values["KU"],
                }  # fmt: skip
                flags = ""
                roll = rng.random()
                if roll < 0.003 and FORBIDDEN.get(lang) and "{T1}" in tpl[base]:
                    tid, bad = FORBIDDEN[lang]
                    r1 = bad if t1.id == tid else r1
                    if t1.id == tid:
                        planted["glossary-forbidden"] += 1
                elif roll < 0.006 and "{T1}" in tpl[base]:
                    r1 = {"ar": "الجهة", "fr": "l'entité", "es": "la entidad", "de": "die Stelle"}[base]
                    planted["glossary-missing"] += 1
                elif roll < 0.009 and "{K}" in tpl[base]:
                    fmt["K"] = _fmt_int(values["K"] + 1, lang, False)
                    planted["numbers"] += 1
                elif roll < 0.011 and "{U}" in tpl[base]:
                    fmt["U"] = values["U"] + "x"
                    planted["markup"] += 1
                target = tpl[base].format(T1=r1, T2=r2, **fmt)
                if roll > 0.98:
                    target = ""
                    planted["untranslated"] += 1
                elif roll > 0.97:
                    flags = "#, fuzzy\n"
                    planted["fuzzy"] += 1
                out.append(
                    f"#. type: paragraph\n#: source/article-{a}.md:{n + 1}\n{flags}"
                    + _po_string("msgid", en)
                    + _po_string("msgstr", target)
                    + "\n"
                )
            path = root / "locale" / lang / "LC_MESSAGES" / f"article-{a:04d}.po"
            path.write_text("".join(out), encoding="utf-8")
    return planted


def subset(root: Path, dest: Path, articles: int) -> int:
    """Copy the first *articles* articles (all languages) into a project at *dest*; return file count."""
    shutil.copytree(root / "glossary", dest / "glossary")
    shutil.copy(root / "l10n.toml", dest / "l10n.toml")
    n = 0
    for lang in LANGS:
        src = root / "locale" / lang / "LC_MESSAGES"
        dst = dest / "locale" / lang / "LC_MESSAGES"
        dst.mkdir(parents=True)
        for path in sorted(src.glob("*.po"))[:articles]:
            shutil.copy(path, dst / path.name)
            n += 1
    return n


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_ours(project: Path, report: Path, jobs: int | None = None) -> tuple[float, float, int, dict]:
    cmd = [sys.executable, "-m", "l10n", "-C", str(project), "check", "--format", "json", "-o", str(report)]
    if jobs is not None:
        cmd += ["--jobs", str(jobs)]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    cpu, start = _cpu(), time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    elapsed, cpu = time.perf_counter() - start, _cpu() - cpu
    if proc.returncode not in (0, 1):
        raise SystemExit(f"l10n check failed: {proc.stderr}")
    return elapsed, cpu, proc.returncode, json.loads(report.read_text(encoding="utf-8"))


def run_pofilter(project: Path, out: Path) -> tuple[float, float, int, int]:
    exe = shutil.which("pofilter") or str(Path(sys.executable).parent / "pofilter")
    cmd = [exe, "--progress=none", "-i", str(project / "locale"), "-o", str(out)]
    cpu, start = _cpu(), time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    elapsed, cpu = time.perf_counter() - start, _cpu() - cpu
    flagged = sum(p.read_text(encoding="utf-8").count("\nmsgid ") - 1 for p in out.rglob("*.po"))
    return elapsed, cpu, proc.returncode, flagged


#: pofilter test -> the l10n check that covers the same class of problem.
POFILTER_CLASSES = {
    "escapes": "escapes",
    "xmltags": "tags",
    "newlines": "newlines",
    "printf": "placeholders",
    "pythonbraceformat": "placeholders",
    "accelerators": "accelerators",
    "numbers": "numbers",
    "urls": "urls",
    "doublespacing": "double-space",
    "endpunc": "end-punctuation",
    "startwhitespace": "whitespace",
    "endwhitespace": "whitespace",
    "brackets": "brackets",
    "unchanged": "copied-source",
}


def fetch_real(dest: Path) -> Path:
    """Download the Django and Sphinx wheels from PyPI (pip) and unpack their .po files under *dest*/src."""
    import zipfile

    wheels = dest / "wheels"
    src = dest / "src"
    if not any(wheels.glob("*.whl")):
        wheels.mkdir(parents=True, exist_ok=True)
        cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "-d", str(wheels),
               "django==5.2.19", "sphinx==9.0.4"]  # fmt: skip
        subprocess.run(cmd, check=True)
    for wheel in wheels.glob("*.whl"):
        with zipfile.ZipFile(wheel) as z:
            for name in z.namelist():
                if name.endswith(".po"):
                    z.extract(name, src)
    return src


def run_ours_paths(
    target: Path, report: Path, jobs: int = 1, extra: tuple[str, ...] = ()
) -> tuple[float, float, dict]:
    """``l10n check DIR`` outside any project, as CI would run it on a repository's catalogues."""
    cmd = [sys.executable, "-m", "l10n", "check", str(target), "--format", "json", "-o", str(report),
           "--fail-on", "never", "--jobs", str(jobs), *extra]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    cpu, start = _cpu(), time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=report.parent)
    elapsed, cpu = time.perf_counter() - start, _cpu() - cpu
    if proc.returncode != 0:
        raise SystemExit(f"l10n check failed: {proc.stderr}")
    return elapsed, cpu, json.loads(report.read_text(encoding="utf-8"))


def run_pofilter_dir(target: Path, out: Path, tests: tuple[str, ...] = ()) -> tuple[float, float]:
    exe = shutil.which("pofilter") or str(Path(sys.executable).parent / "pofilter")
    if out.exists():
        shutil.rmtree(out)
    cmd = [exe, "--progress=none", "-i", str(target), "-o", str(out), *[a for t in tests for a in ("-t", t)]]
    cpu, start = _cpu(), time.perf_counter()
    subprocess.run(cmd, capture_output=True, text=True)
    return time.perf_counter() - start, _cpu() - cpu


def _pofilter_units(out: Path, root: Path) -> dict[str, set[tuple[str, str | None, str]]]:
    """pofilter's failing units by test: ``{test: {(relative path, msgctxt, msgid)}}``."""
    import polib

    found: dict[str, set] = {}
    for path in out.rglob("*.po"):
        rel = path.relative_to(out).as_posix()
        for e in polib.pofile(str(path)):
            for line in (e.comment or "").splitlines() + (e.tcomment or "").splitlines():
                if line.startswith("(pofilter) "):
                    test = line[len("(pofilter) ") :].split(":", 1)[0].strip()
                    found.setdefault(test, set()).add((rel, e.msgctxt, e.msgid))
    return found


def real_corpus(root: Path, runs: int, work: Path) -> None:
    files = sorted(root.rglob("*.po"))
    print(f"real corpus: {len(files)} catalogues under {root}")
    pf, ours, ours_j = [], [], []
    report = work / "real.json"
    for _ in range(runs):  # alternated, so a busy machine slows both alike
        pf.append(run_pofilter_dir(root, work / "pofilter-real"))
        ours.append(run_ours_paths(root, report)[:2])
    jobs = os.cpu_count() or 1
    for _ in range(runs):
        ours_j.append(run_ours_paths(root, report, jobs=jobs)[:2])
    _, _, rep = run_ours_paths(root, report)
    best = lambda xs, k: min(x[k] for x in xs)  # noqa: E731 - fastest of the runs, as timeit does
    n_entries = rep["summary"]["entries"]
    print(
        f"  {n_entries} entries; best of {runs} runs, wall / CPU seconds (cold processes, start-up included):"
    )
    print(f"  pofilter            : {best(pf, 0):7.2f} / {best(pf, 1):7.2f}")
    print(f"  l10n check -j1      : {best(ours, 0):7.2f} / {best(ours, 1):7.2f}   "
          f"{1e6 * best(ours, 1) / n_entries:.0f} µs CPU/entry")  # fmt: skip
    print(f"  l10n check -j{jobs}      : {best(ours_j, 0):7.2f} / {best(ours_j, 1):7.2f}")
    print(f"  ratio vs pofilter   : {best(pf, 0) / best(ours, 0):.1f}x wall, {best(pf, 1) / best(ours, 1):.1f}x CPU (one "
          f"process); {best(pf, 0) / best(ours_j, 0):.1f}x wall with -j{jobs}")  # fmt: skip
    cache = work / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    cold = run_ours_paths(root, report, extra=("--cache", str(cache)))
    warm = run_ours_paths(root, report, extra=("--cache", str(cache)))
    print(f"  --cache DIR         : first run {cold[0]:.2f} s, unchanged re-run {warm[0]:.2f} s wall")

    # Recall against pofilter, class by class.
    tests = tuple(sorted(POFILTER_CLASSES))
    run_pofilter_dir(root, work / "pofilter-classes", tests)
    theirs = _pofilter_units(work / "pofilter-classes", root)
    ours_units: dict[str, set] = {}
    for f in rep["findings"]:
        rel = Path(f["path"]).resolve().relative_to(root.resolve()).as_posix()
        ours_units.setdefault(f["check"], set()).add((rel, f.get("msgctxt"), f["msgid"]))
    print("  recall vs pofilter by class (units pofilter flags that the matching check also flags):")
    for test in tests:
        flagged = theirs.get(test, set())
        check = POFILTER_CLASSES[test]
        both = flagged & ours_units.get(check, set())
        share = f"{100 * len(both) / len(flagged):5.1f} %" if flagged else "    - "
        print(f"    {test:18} -> {check:16} {len(both):5d} / {len(flagged):5d} = {share}   "
              f"(l10n flags {len(ours_units.get(check, set()))} units)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--entries", type=int, default=60)
    parser.add_argument(
        "--pofilter-articles", type=int, default=100, help="articles pofilter runs on (x5 files)"
    )
    parser.add_argument("--dir", type=Path, help="work directory to keep (default: a temporary one)")
    parser.add_argument("--real", type=Path, metavar="DIR", help="benchmark on the real catalogues under DIR")
    parser.add_argument(
        "--fetch-real", type=Path, metavar="DIR", help="fetch Django+Sphinx wheels into DIR first"
    )
    parser.add_argument(
        "--runs", type=int, default=3, help="alternated runs on the real corpus (best is shown)"
    )
    args = parser.parse_args()

    work = args.dir or Path(tempfile.mkdtemp(prefix="l10n-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    if args.fetch_real or args.real:
        try:
            real_corpus(fetch_real(args.fetch_real) if args.fetch_real else args.real, args.runs, work)
        finally:
            if args.dir is None:
                shutil.rmtree(work, ignore_errors=True)
        return
    try:
        corpus = work / "corpus"
        if corpus.exists():
            shutil.rmtree(corpus)
        t0 = time.perf_counter()
        planted = generate(corpus, args.articles, args.entries)
        files = len(list(corpus.glob("locale/*/LC_MESSAGES/*.po")))
        entries = sum(p.read_text(encoding="utf-8").count("\nmsgid ") for p in corpus.glob("locale/*/*/*.po"))
        print(f"corpus: {args.articles} articles x {len(LANGS)} languages = {files} files, "
              f"{entries} entries ({time.perf_counter() - t0:.1f} s to generate in {work})")  # fmt: skip
        print(f"planted: {planted}")

        sub = work / "subset"
        if sub.exists():
            shutil.rmtree(sub)
        n_sub = subset(corpus, sub, min(args.pofilter_articles, args.articles))
        pf_out = work / "pofilter-out"
        if pf_out.exists():
            shutil.rmtree(pf_out)
        pf_wall, pf_cpu, pf_rc, pf_flagged = run_pofilter(sub, pf_out)
        o1_wall, o1_cpu, rc_sub, rep_sub = run_ours(sub, work / "subset-1.json", jobs=1)
        oj_wall, oj_cpu, _, _ = run_ours(sub, work / "subset-j.json", jobs=0)
        found = sum(rep_sub["summary"][s] for s in ("error", "warning", "info"))
        print(f"\nsubset ({n_sub} files, {rep_sub['summary']['entries']} entries), wall / CPU seconds:")
        print(
            f"  pofilter            : {pf_wall:7.2f} / {pf_cpu:7.2f}  exit {pf_rc} (0 despite {pf_flagged} failing units)"
        )
        print(f"  l10n check -j1      : {o1_wall:7.2f} / {o1_cpu:7.2f}  exit {rc_sub}, {found} findings")
        print(f"  l10n check -j{os.cpu_count()}      : {oj_wall:7.2f} / {oj_cpu:7.2f}")
        print(
            f"  ratio (wall)        : {pf_wall / o1_wall:.1f}x single process, {pf_wall / oj_wall:.1f}x with -j{os.cpu_count()}"
        )
        print(f"  ratio (CPU)         : {pf_cpu / o1_cpu:.1f}x")

        full_wall, full_cpu, rc_full, rep = run_ours(corpus, work / "full.json", jobs=1)
        by_check: dict[str, int] = {}
        for f in rep["findings"]:
            by_check[f["check"]] = by_check.get(f["check"], 0) + 1
        n_entries = rep["summary"]["entries"]
        print(f"\nfull corpus ({files} files, {n_entries} entries), l10n check -j1:")
        print(f"  wall {full_wall:.2f} s, CPU {full_cpu:.2f} s, exit {rc_full}: "
              f"{1000 * full_wall / files:.2f} ms/file, {1e6 * full_cpu / n_entries:.0f} µs CPU/entry")  # fmt: skip
        print(f"  findings by check: {dict(sorted(by_check.items()))}")
        print(
            "  planted / found  : " + ", ".join(f"{k} {v}/{by_check.get(k, 0)}" for k, v in planted.items())
        )
        est = pf_wall * files / n_sub
        print(f"  pofilter, extrapolated from the subset: ~{est:.0f} s wall -> ~{est / full_wall:.0f}x")
    finally:
        if args.dir is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
