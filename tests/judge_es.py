"""An independent judge of Spanish glossary output: is the word before each term a determiner that agrees with it?

Independent of the enforcer on purpose: it shares none of its code (no ``l10n.glossary`` matching, no
``l10n.glossary.grammar`` tables, no glossary grammar columns).  The renderings come from the glossary
CSV read with the ``csv`` module; gender and number of each rendering's head word, and of each
determiner, come from **Apertium's Spanish morphological analyser** (``lt-proc spa-eng.automorf.bin``),
a dictionary nobody here wrote.  The patterns it reports (also listed in docs/glossary.md):

Markdown opening a span may stand between determiner and term (``El [coalición …](…)``, ``la **Ley**``).

* ``gender``/``number`` — a determiner (el, la, los, las, un, una, unos, unas, and the contractions
  del, al) whose gender or number differs from the term's head noun: "el coalición", "del Ley César",
  "los Fuerzas …";
* ``uncontracted`` — "de el" / "a el" before a term (Spanish contracts them to del / al);
* ``article-before-name`` — a definite article before a name the analyser knows as a place or person
  name (or does not know at all and is capitalised): "el Palmira", "del Palmira";
* ``missing-article`` — a term whose head is a common noun (the analyser's ``<n>``: «Ley», «Estado»,
  «coalición», «Ministerio»; not a name, not an abbreviation) right after a bare preposition: "sanciones
  de Ley César", "contra Estado Islámico" (Spanish names of institutions take the article);
* ``noun-after-term`` (reported, not counted as a disagreement) — a term directly followed by a common
  noun, the trace of English noun-noun order ("Palmira ataque", "EI celdas").

:func:`evaluate_project` runs the whole measurement used by issue 10: plain Apertium (``apertium -u``)
against ``l10n translate --engine apertium`` on the same catalogue, each then judged by this module and
counted by ``l10n check --drafts``.
"""

from __future__ import annotations

import csv
import functools
import json
import re
import shutil
import subprocess
from pathlib import Path

ANALYSER = Path("/usr/share/apertium/apertium-eng-spa/spa-eng.automorf.bin")
_DETERMINERS = {"el", "la", "los", "las", "un", "una", "unos", "unas", "del", "al"}
_BARE_PREPOSITIONS = {"de", "a", "en", "con", "por", "para", "contra", "según", "sobre", "entre", "desde"}
_UNIT = re.compile(r"\^([^/$]*)/([^$]*)\$")


def analyse(words: list[str]) -> dict[str, list[str]]:
    """word -> its analyses (``["el<det><def><f><sg>", …]``; ``["*x"]`` when unknown), in one lt-proc call."""
    todo = [w for w in dict.fromkeys(words) if w not in _cache]
    if todo:
        out = subprocess.run(
            ["lt-proc", str(ANALYSER)],
            input="\n".join(todo) + "\n",
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        lines = out.strip("\n").split("\n")
        for word, line in zip(todo, lines, strict=False):
            units = _UNIT.findall(line)
            _cache[word] = units[0][1].split("/") if units else ["*" + word]
    return {w: _cache[w] for w in words}


_cache: dict[str, list[str]] = {}


def _tags(reading: str) -> set[str]:
    return set(re.findall(r"<(\w+)>", reading))


def _gender_number(readings: list[str], kinds: tuple[str, ...]) -> tuple[str | None, str | None]:
    for r in readings:
        tags = _tags(r)
        if tags & set(kinds):
            gender = "m" if "m" in tags else "f" if "f" in tags else None  # "mf": either
            number = "sg" if "sg" in tags else "pl" if "pl" in tags else None
            return gender, number
    return None, None


@functools.lru_cache(maxsize=1)
def renderings(glossary_csv: str) -> tuple[str, ...]:
    """Every Spanish rendering in the glossary (column ``es``, items separated by ``|``), longest first."""
    out: set[str] = set()
    with open(glossary_csv, encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            for item in re.split(r"(?<!\\)\|", row.get("es") or ""):
                if item.strip():
                    out.add(item.strip())
    return tuple(sorted(out, key=len, reverse=True))


def _head(rendering: str) -> str:
    words = rendering.split()
    while len(words) > 1 and words[0].lower() == "al":
        words = words[1:]
    return words[0]


def judge(text: str, glossary_csv: str) -> tuple[list[tuple[str, str]], list[str]]:
    """(disagreements as (pattern, excerpt), nouns right after a term) in one Spanish sentence."""
    found: list[tuple[int, int, str]] = []
    for r in renderings(glossary_csv):
        # as written; a lower-case rendering may also open a sentence ("Coalición internacional …")
        first = f"[{re.escape(r[0])}{re.escape(r[0].upper())}]" if r[0].islower() else re.escape(r[0])
        pattern = rf"(?<![\w-]){first}{re.escape(r[1:])}(?![\w-])"
        for m in re.finditer(pattern, text):
            if not any(a < m.end() and m.start() < b for a, b, _ in found):
                found.append((m.start(), m.end(), r))
    found.sort()
    bad: list[tuple[str, str]] = []
    nouns: list[str] = []
    heads = analyse([_head(r) for _a, _b, r in found])
    for start, end, r in found:
        prev = re.search(r"(?:(\w+)\s+)?(\w+)\s+[\[*_]*$", text[:start])  # "El [coalición …](…)"
        before = [w for w in (prev.groups() if prev else ()) if w]
        after = re.match(r"\s+(\w+)", text[end:])
        excerpt = text[max(0, start - 12) : end + 12]
        readings = heads[_head(r)]
        is_acronym = r.replace(" ", "").isupper()
        unknown = readings[0].startswith("*")
        name = any({"np"} <= _tags(x) and _tags(x) & {"ant", "loc", "top"} for x in readings) or (
            unknown and r[:1].isupper() and not is_acronym
        )
        gender, number = (None, None) if unknown else _gender_number(readings, ("n", "acr"))
        if is_acronym and not any("acr" in _tags(x) for x in readings):
            gender, number = None, None  # "SANA" is not the adjective sana
        if after and not re.search(r"[(),.;:«»\"“”]", text[end : after.start(1) + end]):
            word = after.group(1)
            if word[:1].islower():
                w_readings = analyse([word])[word]
                if w_readings and "n" in _tags(w_readings[0]):
                    nouns.append(excerpt)
        common = gender is not None and not is_acronym and not name
        if common and before and before[-1].lower() in _BARE_PREPOSITIONS:
            bad.append(("missing-article", excerpt))  # "sanciones de Ley César", "contra coalición …"
            continue
        if not before or before[-1].lower() not in _DETERMINERS:
            continue
        det = before[-1]
        if det.lower() == "el" and len(before) == 2 and before[0].lower() in ("de", "a"):
            bad.append(("uncontracted", excerpt))
            continue
        if name and det.lower() in ("el", "la", "los", "las", "del", "al"):
            bad.append(("article-before-name", excerpt))
            continue
        det_gender, det_number = _gender_number(analyse([det.lower()])[det.lower()], ("det",))
        if gender and det_gender and gender != det_gender:
            bad.append(("gender", excerpt))
        elif number and det_number and number != det_number and not is_acronym:
            bad.append(("number", excerpt))
    return bad, nouns


# --------------------------------------------------------------------------- the measurement


def _apertium(sentences: list[str], *, unknown_marks: bool) -> list[str]:
    """Plain Apertium, one process; sentences separated by blank lines (a superblank Apertium never crosses)."""
    args = ["apertium"] + ([] if unknown_marks else ["-u"]) + ["eng-spa"]
    clean = [" ".join(s.split()) for s in sentences]
    out = subprocess.run(
        args, input="\n\n".join(clean) + "\n", capture_output=True, text=True, check=True
    ).stdout
    pieces = [p.strip() for p in re.split(r"\n[ \t]*\n", out.strip("\n"))]
    if len(pieces) != len(sentences):
        pieces = [_apertium([s], unknown_marks=unknown_marks)[0] for s in sentences]
    return [re.sub(r" {2,}", " ", p) for p in pieces]


def _check(root: Path, lang: str = "es") -> list[dict]:
    from l10n.cli import main

    report = root / "check-report.json"
    main(
        [
            "-C",
            str(root),
            "check",
            "-l",
            lang,
            "--drafts",
            "-f",
            "json",
            "-o",
            str(report),
            "--fail-on",
            "never",
        ]
    )
    return json.loads(report.read_text(encoding="utf-8"))["findings"]


def _figures(po_path: Path, root: Path, glossary_csv: str, marks: dict[str, list[str]]) -> dict:
    import polib

    from l10n.glossary import find_terms, load_glossary
    from l10n.spans import blank

    glossary = load_glossary(glossary_csv)
    po = polib.pofile(str(po_path))
    findings = _check(root)
    missing = sum(
        1 for f in findings if f["check"] in ("glossary-missing", "glossary-repeat", "glossary-dnt")
    )
    occurrences = sum(
        1
        for e in po
        if not e.obsolete
        for m in find_terms(glossary, blank(e.msgid))
        if m.term.renderings("es")
    )
    disagreements, nouns, untranslated, unreported, names = [], [], 0, [], []
    reported = {
        (f["line"], w.lower())
        for f in findings
        if f["check"] == "english-left"
        for w in re.findall(r"“(.+?)”", f["message"])
    }
    for e in po:
        if e.obsolete:
            continue
        if not e.msgstr or (e.msgstr.strip() == e.msgid.strip() and re.search(r"\b[a-z]{3,}\b", e.msgid)):
            untranslated += 1
            continue
        bad, after = judge(e.msgstr, glossary_csv)
        disagreements += [(p, x) for p, x in bad]
        nouns += after
        for word in marks.get(e.msgid, []):
            if not re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", e.msgstr):
                continue  # translated after all (enforcement replaced it)
            in_comment = any(
                word.lower() in line.lower()
                for line in (e.tcomment or "").splitlines()
                if line.startswith("l10n-mt-unknown:")
            )
            if in_comment or (e.linenum, word.lower()) in reported:
                continue
            if _name(word, e.msgid) or any(
                word.lower() in r.lower().split() for r in renderings(glossary_csv)
            ):
                names.append(word)  # a name or glossary word kept on purpose
                continue
            unreported.append(word)
    return {
        "entries": sum(1 for e in po if not e.obsolete),
        "occurrences": occurrences,
        "term_ok": occurrences - missing,
        "disagreements": disagreements,
        "nouns_after_terms": nouns,
        "untranslated": untranslated,
        "unknown_marked": sum(len(v) for v in marks.values()),
        "unreported_unknown": unreported,
        "kept_names": names,
    }


def _name(word: str, source: str) -> bool:
    """A capitalised word mid-sentence, or followed by another capitalised word ("Delil Souleiman")."""
    if not word[:1].isupper():
        return False
    if not re.search(rf"(?:^|[.!?]\s+){re.escape(word)}\b", source):
        return True
    return bool(re.search(rf"{re.escape(word)}\s+[A-Z]", source))


def evaluate_project(root: Path, *, raw_engine: bool = True) -> dict:
    """Raw Apertium vs l10n on the project at *root* (source/ and glossary/ in place); see the module docstring.

    ``raw_engine=False`` skips the plain-Apertium side (the tests only need l10n's figures).
    """
    import polib

    from l10n.cli import main

    root = Path(root)
    assert main(["-C", str(root), "extract"]) == 0
    assert main(["-C", str(root), "update", "-l", "es"]) == 0
    po_dir = root / "locale" / "es" / "LC_MESSAGES"
    pos = sorted(po_dir.glob("*.po"))
    glossary_csv = str(root / "glossary" / "terms.csv")
    renderings.cache_clear()
    sources = [e.msgid for p in pos for e in polib.pofile(str(p)) if e.msgid]
    marked = _apertium(sources, unknown_marks=True)
    marks = {
        s: [w for w in re.findall(r"(?<![\w*])\*(\w[\w'’-]*)", m)]
        for s, m in zip(sources, marked, strict=True)
    }
    raw = dict(zip(sources, _apertium(sources, unknown_marks=False), strict=True)) if raw_engine else {}
    # raw engine: the same catalogues filled with plain `apertium -u` output, as drafts
    raw_root = root / "_raw"
    shutil.copytree(root / "glossary", raw_root / "glossary")
    shutil.copytree(root / "source", raw_root / "source")
    raw_dir = raw_root / "locale" / "es" / "LC_MESSAGES"
    raw_dir.mkdir(parents=True)
    for p in pos if raw_engine else ():
        po = polib.pofile(str(p))
        for e in po:
            if e.msgid:
                e.msgstr, e.flags = raw[e.msgid], ["fuzzy"]
        po.save(str(raw_dir / p.name))
    assert main(["-C", str(root), "translate", "-l", "es", "--engine", "apertium"]) == 0
    out = {"raw": {}, "l10n": {}}
    for p in pos:
        sides = (("raw", raw_dir / p.name, raw_root),) if raw_engine else ()
        for name, path, where in (*sides, ("l10n", p, root)):
            figures = _figures(path, where, glossary_csv, marks)
            for k, v in figures.items():
                out[name][k] = out[name].get(k, 0 if isinstance(v, int) else []) + v
    examples = []
    for p in pos:
        for e in polib.pofile(str(p)):
            if e.msgid:
                examples.append((e.msgid, raw.get(e.msgid, ""), e.msgstr))
    out["examples"] = examples
    return out
