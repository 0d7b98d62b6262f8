"""Glossary enforcement a native reader accepts (issue 10): grammar around terms, tokens engines copy
through, possessives, case, unknown words, one count.

Judged by what is independent of the enforcer: hand-written expected sentences (Arabic fixture),
Apertium's own Spanish analyser (``tests/judge_es.py``), msgfmt-free string facts (no doubled article,
no repeated word), and the check's findings.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import polib
import pytest

from l10n.glossary import load_glossary, term_occurrences
from l10n.glossary.grammar import Grammar, agree, arabic_attach, pluralize
from l10n.lang import get_language
from l10n.spans import blank, protected_spans
from l10n.translate.enforce import enforce_batch
from l10n.translate.protect import mask, unmask
from l10n.translate.testing import ScriptedEngine

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "arabic_hypotheses.json"
ES, AR = get_language("es"), get_language("ar")
HAS_APERTIUM = (
    shutil.which("apertium") is not None
    and shutil.which("lt-proc") is not None
    and Path("/usr/share/apertium/apertium-eng-spa/spa-eng.automorf.bin").is_file()
)
needs_apertium = pytest.mark.skipif(
    not HAS_APERTIUM, reason="Apertium en-es not installed (apt-get install apertium apertium-eng-spa lttoolbox)"
)


@pytest.fixture(scope="module")
def glossary():
    return load_glossary(REPO / "glossary" / "terms.csv")


@pytest.fixture(scope="module")
def apertium():
    """One engine for the module: its calibration (one Apertium call) is cached on it."""
    from l10n.translate.apertium import ApertiumEngine

    engine = ApertiumEngine()
    if ("en", "es") not in engine.pairs():
        pytest.skip("Apertium pair eng-spa not installed (apt-get install apertium-eng-spa)")
    return engine


# --------------------------------------------------------------------------- one protected-spans definition


def test_a_link_with_parentheses_and_a_bare_url_are_masked_whole_for_mt():
    text = "See [x](https://en.wikipedia.org/wiki/Palmyra_(city)) and www.sana.sy today."
    m = mask(text)
    assert "Palmyra" not in m.text and "sana" not in m.text and "city" not in m.text
    assert unmask(m.text, m)[0] == text
    kinds = [k for _a, _b, k in protected_spans(text)]
    assert kinds == ["dest", "url"]


def test_a_url_slug_is_not_a_term_occurrence_in_translate_or_check(glossary):
    source = "Read [the law](https://example.org/caesar-act) on www.sana.sy now."
    assert term_occurrences(glossary, "es", source, "Lea la ley ahora.") == []
    assert "caesar" not in blank(source).lower()
    result = enforce_batch(ScriptedEngine({}, pairs=[("en", "es")]), [source], "en", ES, glossary)[0]
    assert result.terms == ()


# --------------------------------------------------------------------------- grammar around terms


@pytest.mark.parametrize(
    ("text", "term", "rendering", "grammar", "expected"),
    [
        (
            "La derogación del Ley César.",
            "Ley César",
            "Ley César",
            Grammar("f", "sg", True),
            "La derogación de la Ley César.",
        ),
        (
            "Con el coalición internacional.",
            "coalición",
            "coalición internacional",
            Grammar("f", "sg", True),
            "Con la coalición internacional.",
        ),
        ("Habló al Agencia.", "Agencia", "Agencia", Grammar("f", "sg", True), "Habló a la Agencia."),
        ("Es un coalición.", "coalición", "coalición", Grammar("f", "sg", True), "Es una coalición."),
        (
            "Los Fuerzas Democráticas Sirias.",
            "Fuerzas",
            "Fuerzas Democráticas Sirias",
            Grammar("f", "pl", True),
            "Las Fuerzas Democráticas Sirias.",
        ),
        ("El Palmira ataque.", "Palmira", "Palmira", Grammar("f", "sg", False), "Palmira ataque."),
        ("Después del Palmira.", "Palmira", "Palmira", Grammar("f", "sg", False), "Después de Palmira."),
        ("La Ley César.", "Ley", "Ley César", Grammar("f", "sg", True), "La Ley César."),
        (
            "Sanciones de Ley César.",
            "Ley",
            "Ley César",
            Grammar("f", "sg", True),
            "Sanciones de la Ley César.",
        ),
        (
            "Contra Estado Islámico.",
            "Estado",
            "Estado Islámico",
            Grammar("m", "sg", True),
            "Contra el Estado Islámico.",
        ),
        (
            "Portavoz de Ministerio.",
            "Ministerio",
            "Ministerio",
            Grammar("m", "sg", True),
            "Portavoz del Ministerio.",
        ),
        ("En Palmira.", "Palmira", "Palmira", Grammar("f", "sg", False), "En Palmira."),
        (
            "El [coalición](https://x.org) y el **coalición**.",
            "coalición",
            "coalición",
            Grammar("f", "sg", True),
            "La [coalición](https://x.org) y el **coalición**.",
        ),
    ],
)
def test_the_determiner_before_a_term_agrees_with_it_in_spanish(text, term, rendering, grammar, expected):
    assert agree(text, [(text.index(term), rendering, grammar)], "es") == expected


@pytest.mark.parametrize(
    ("text", "expected", "grammar"),
    [
        ("Il parle de le coalition.", "Il parle de la coalition.", Grammar("f", "sg", True)),
        ("Il parle de la État islamique.", "Il parle de l'État islamique.", Grammar("m", "sg", True)),
        ("Il va à le ministère.", "Il va au ministère.", Grammar("m", "sg", True)),
    ],
)
def test_french_contractions_and_elision(text, expected, grammar):
    term = re.search(r"coalition|État|ministère", text).group()
    assert agree(text, [(text.index(term), term, grammar)], "fr") == expected


def test_plural_renderings_and_arabic_attachment():
    assert pluralize("coalición internacional", "es") == "coaliciones internacionales"
    assert pluralize("Ministerio del Interior", "es") == "Ministerios del Interior"
    assert arabic_attach("ل", "الدولة") == "للدولة"
    assert arabic_attach("وب", "تنظيم الدولة الإسلامية") == "وبتنظيم الدولة الإسلامية"
    assert arabic_attach("لال", "التحالف الدولي") == "للتحالف الدولي"  # never a doubled article


# --------------------------------------------------------------------------- case


def test_case_sensitive_terms_are_matched_case_sensitively_in_spanish(glossary):
    sana = glossary.get("sana")
    from l10n.glossary import target_has

    assert not target_has(sana, "es", "Lleva una vida sana.")
    assert target_has(sana, "es", "Según SANA, hubo dos muertos.")


def test_repair_replaces_every_occurrence_whatever_its_case_but_never_the_verb_es(glossary):
    class Engine(ScriptedEngine):
        pass

    source = "IS attacked and IS retreated."
    engine = Engine({source: "Es atacó y ES se retiró, es cierto.", "IS": "ES"}, pairs=[("en", "es")])
    result = enforce_batch(engine, [source], "en", ES, glossary)[0]
    assert result.target == "EI atacó y EI se retiró, es cierto.", result


# --------------------------------------------------------------------------- Arabic: model-like hypotheses


def _arabic_cases():
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    script = {c["source"]: c["hypothesis"] for c in data["cases"]}
    script.update(data["alone"])
    return data["cases"], script


def test_arabic_enforcement_turns_each_model_hypothesis_into_the_sentence_a_fluent_writer_accepts(glossary):
    cases, script = _arabic_cases()
    results = enforce_batch(ScriptedEngine(script), [c["source"] for c in cases], "en", AR, glossary)
    for case, result in zip(cases, results, strict=True):
        assert result.target == case["expected"], (case["shows"], result.target, result.problems)


def test_arabic_enforcement_output_has_no_doubled_article_repeated_word_or_unassimilated_lam(glossary):
    cases, script = _arabic_cases()
    results = enforce_batch(ScriptedEngine(script), [c["source"] for c in cases], "en", AR, glossary)
    for r in results:
        words = r.target.split()
        assert not any(a == b for a, b in zip(words, words[1:])), r.target  # «تنظيم تنظيم»
        assert not re.search(r"(?<!\w)[وفبك]*الال", r.target), r.target  # doubled ال
        assert not re.search(r"(?<!\w)[وف]?لال", r.target), r.target  # ل + ال must be لل
        assert "الدولة الإسلامية" not in r.target.replace("تنظيم الدولة الإسلامية", "")


def test_check_with_drafts_finds_nothing_wrong_in_the_arabic_enforcement_output(glossary, tmp_path, capsys):
    from l10n.cli import main

    cases, script = _arabic_cases()
    results = enforce_batch(ScriptedEngine(script), [c["source"] for c in cases], "en", AR, glossary)
    shutil.copytree(REPO / "glossary", tmp_path / "glossary")
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "ar",
                   "Plural-Forms": "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);"}  # fmt: skip
    for r in results:
        po.append(
            polib.POEntry(msgid=r.source, msgstr=r.target, flags=["fuzzy"], tcomment="l10n-mt: scripted")
        )
    path = tmp_path / "locale/ar/LC_MESSAGES/fixture.po"
    path.parent.mkdir(parents=True)
    po.save(str(path))
    code = main(["-C", str(tmp_path), "check", "-l", "ar", "--drafts", "-f", "json", "--fail-on", "warning"])
    report = json.loads(capsys.readouterr().out)
    bad = [f for f in report["findings"] if f["severity"] in ("error", "warning")]
    assert code == 0 and bad == [], bad
    # and it did look: the same check on the engine's raw hypotheses fails
    for entry, case in zip(po, cases, strict=True):
        entry.msgstr = case["hypothesis"]
    po.save(str(path))
    assert main(["-C", str(tmp_path), "check", "-l", "ar", "--drafts"]) == 1
    capsys.readouterr()


# --------------------------------------------------------------------------- Apertium en→es


@needs_apertium
def test_apertium_marks_unknown_words_and_enforcement_reports_them(glossary, apertium):
    result = enforce_batch(apertium, ["The vetting of takfiris was thorough."], "en", ES, glossary)[0]
    assert "*" not in result.target
    assert "vetting" in result.unknown and not any(w.startswith("takfiri") for w in result.unknown)


@needs_apertium
@pytest.mark.parametrize(
    ("source", "must", "must_not"),
    [
        ("The Palmyra attack was bad.", ["ataque de Palmira"], ["Palmira ataque", "El Palmira"]),
        ("After the Palmyra ambush they left.", ["emboscada de Palmira"], ["Palmira emboscada"]),
        ("SANA's report said it.", ["informe de SANA"], ["SANA el informe"]),
        ("The repeal of the Caesar Act was voted.", ["de la Ley César"], ["del Ley César", "del Caesar"]),
        ("They joined the international coalition.", ["la coalición internacional"], ["el coalición"]),
        ("The Syrian Arab News Agency reported it.", ["La Agencia Árabe Siria de Noticias"], ["El Agencia"]),
        ("The *Islamic State* group attacked.", ["*Estado Islámico*"], ["*Estado Islámico atacó"]),
        (
            "The [Palmyra](https://en.wikipedia.org/wiki/Palmyra_(city)) attack.",
            ["El ataque de [Palmira](https://en.wikipedia.org/wiki/Palmyra_(city))"],
            ["⟦"],
        ),
        ("Officials in Sana'a denied it.", ["Sana'"], ["*", "SANA"]),
        ("The SDF's commander met them.", ["El comandante de las FDS"], ["FDS el comandante"]),
        ("The attack was a blow to IS cells in the desert.", ["celdas de EI"], ["EI celdas"]),
        (
            "**SANA**'s envoys met the [Palmyra](https://x.org/palmyra)'s governor.",
            ["**SANA**"],
            ["⟦", "*SANA el"],
        ),
    ],
)
def test_apertium_sentences_come_out_grammatical_around_terms(glossary, apertium, source, must, must_not):
    result = enforce_batch(apertium, [source], "en", ES, glossary)[0]
    assert result.target is not None, result.problems
    for text in must:
        assert text in result.target, result.target
    for text in must_not:
        assert text not in result.target, result.target


@needs_apertium
def test_on_the_seed_check_drafts_counts_every_term_and_the_independent_judge_finds_no_disagreement(
    tmp_path, capsys
):
    """Done-when of issue 10 on the seed: 100 % per-occurrence term success as counted by
    ``check --drafts``, no article/contraction disagreement next to a term (Apertium's Spanish analyser
    judges), no sentence left untranslated, every unknown word reported."""
    from judge_es import evaluate_project

    from l10n.translate.apertium import ApertiumEngine

    if ("en", "es") not in ApertiumEngine().pairs():
        pytest.skip("Apertium pair eng-spa not installed")
    shutil.copytree(REPO / "source", tmp_path / "source")
    shutil.copytree(REPO / "glossary", tmp_path / "glossary")
    figures = evaluate_project(tmp_path, raw_engine=False)
    capsys.readouterr()
    assert figures["l10n"]["occurrences"] == 110
    assert figures["l10n"]["term_ok"] == figures["l10n"]["occurrences"], figures
    assert figures["l10n"]["disagreements"] == [], figures["l10n"]["disagreements"]
    assert figures["l10n"]["untranslated"] == 0
    assert figures["l10n"]["unreported_unknown"] == [], figures["l10n"]["unreported_unknown"]


@needs_apertium
@pytest.mark.parametrize(
    ("text", "pattern"),
    [
        ("El Agencia Árabe Siria de Noticias informó.", "gender"),  # what the old masking wrote
        ("con el coalición internacional", "gender"),
        ("la derogación del Ley César", "gender"),
        ("los Fuerzas Democráticas Sirias", "gender"),
        ("El Palmira ataque", "article-before-name"),
        ("después de el Pentágono", "uncontracted"),
        ("El [coalición internacional](https://example.org) tiene 80 miembros.", "gender"),
        ("Las sanciones de Ley César eran duras.", "missing-article"),
        ("luchó contra Estado Islámico.", "missing-article"),
    ],
)
def test_the_independent_judge_sees_each_disagreement_pattern(text, pattern):
    from judge_es import judge

    bad, _nouns = judge(text, str(REPO / "glossary" / "terms.csv"))
    assert [p for p, _x in bad] == [pattern]


@needs_apertium
def test_the_independent_judge_accepts_agreeing_determiners():
    from judge_es import judge

    text = "La coalición internacional y el Ministerio del Interior, la AFP, según SANA, de la Ley César, en Palmira."
    assert judge(text, str(REPO / "glossary" / "terms.csv"))[0] == []


# --------------------------------------------------------------------------- one count, reported words


def test_the_summary_counts_failed_sentences_and_measures_with_the_checks_matcher(tmp_path):
    """The summary's figures are the check's per-occurrence count on what was written, failed sentences
    included (before: "after" was asserted as every term of the successful sentences)."""
    from l10n.cli import main
    from l10n.project.commands import translate
    from l10n.project.config import load_config
    from l10n.project.layout import Project

    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "a.md").write_text(
        "IS attacked Palmyra and IS fled.\n\nThe weather was fine today.\n", encoding="utf-8"
    )
    shutil.copytree(REPO / "glossary", tmp_path / "glossary")
    assert main(["-C", str(tmp_path), "extract"]) == 0
    assert main(["-C", str(tmp_path), "update", "-l", "es"]) == 0
    # the first sentence comes back untranslated at every step
    engine = ScriptedEngine({"The weather was fine today.": "El tiempo era bueno hoy."}, pairs=[("en", "es")])
    project = Project(load_config(tmp_path))
    glossary = load_glossary(REPO / "glossary/terms.csv")
    summary = translate(project, project.articles(), ES, engine, glossary=glossary)
    assert summary.failed == 1 and summary.machine == 1
    assert summary.glossary_hits == 3  # IS, Palmyra, IS: the failed sentence's occurrences count
    assert summary.stats.final_term_ok == 0 and summary.stats.final_rate == 0.0


def _po(tmp_path, entries):
    shutil.copytree(REPO / "glossary", tmp_path / "glossary")
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "es"}
    for entry in entries:
        po.append(entry)
    path = tmp_path / "locale/es/LC_MESSAGES/a.po"
    path.parent.mkdir(parents=True)
    po.save(str(path))


def test_check_counts_term_occurrences_not_terms(tmp_path, capsys):
    from l10n.cli import main

    _po(
        tmp_path,
        [polib.POEntry(msgid="IS attacked and IS fled.", msgstr="EI atacó y huyó.", flags=["fuzzy"])],
    )
    main(["-C", str(tmp_path), "check", "-l", "es", "--drafts", "-f", "json", "--fail-on", "never"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert [f["check"] for f in findings if f["check"].startswith("glossary")] == ["glossary-repeat"]


def test_check_flags_words_mt_left_in_english(tmp_path, capsys):
    from l10n.cli import main

    _po(
        tmp_path,
        [
            polib.POEntry(
                msgid="The vetting of recruits was thorough.",
                msgstr="El vetting de reclutas era minucioso.",
                flags=["fuzzy"],
                tcomment="l10n-mt: apertium\nl10n-mt-unknown: vetting",
            ),
            polib.POEntry(
                msgid="Looting and bulldozing followed.",
                msgstr="Looting y bulldozing siguieron.",
                flags=["fuzzy"],
            ),
            polib.POEntry(
                msgid="The hospital is general.", msgstr="El hospital es general.", flags=["fuzzy"]
            ),
        ],
    )
    main(["-C", str(tmp_path), "check", "-l", "es", "--drafts", "-f", "json", "--fail-on", "never"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    words = sorted(
        re.search(r"“(.+?)”", f["message"]).group(1) for f in findings if f["check"] == "english-left"
    )
    assert words == ["bulldozing", "vetting"]  # "Looting" opens the sentence: capitalised, not claimed


# --------------------------------------------------------------------------- tokens chosen by test


class _Mangler:
    """An engine that breaks ``⟦n⟧`` after a word or before 's (as Apertium splits ``⟦2⟧'s``) but copies
    ``[[n]]``, translates two names and one noun, and garbles everything else."""

    name = "mangler"

    def pairs(self):
        return [("en", "es")]

    def version(self):
        return "1"

    def translate(self, texts, source, target, *, n_best=1):
        words = {"Paris": "París", "Rome": "Roma", "house": "casa", "houses": "casas"}
        out = []
        for t in texts:
            t = t.replace("⟦1⟧'s", "⟦1 del").replace("The ⟦1⟧", "El ⟦1")
            t = re.sub(r"\b(Paris|Rome|house|houses)\b", lambda m: words[m.group()], t)
            t = t.replace("The casas", "Las casas").replace("The casa", "La casa")
            t = re.sub(r"\b(London|Berlin|Madrid|museum|library)\b", "xx", t)  # the same garbage
            t = t.replace("was bad", "fue malo")
            out.append([t])
        return out


def test_calibration_picks_the_placeholder_style_and_proxies_the_engine_copies_through():
    from l10n.translate.protect import calibrate

    tokens = calibrate(_Mangler(), "en", "es", "es")
    assert tokens.style == 1  # ⟦n⟧ came back damaged, [[n]] intact
    assert ("Paris", "París") in tokens.names and ("Rome", "Roma") in tokens.names
    assert not any(en == "London" for en, _ in tokens.names)
    assert tokens.nouns[("f", "sg")] == (("house", "casa"),) and tokens.nouns[("f", "pl")] == (
        ("houses", "casas"),
    )
    assert ("m", "sg") not in tokens.nouns
    assert calibrate(_Mangler(), "en", "es", "es") == tokens  # deterministic


def test_a_proxy_that_comes_back_damaged_falls_back_to_the_next_step(glossary):
    """The engine knows "Paris" in calibration but drops it in the sentence: the proxy slot is lost,
    the step fails, and repair or placeholders take over; the sentence still comes out right."""

    class Dropper(_Mangler):
        def translate(self, texts, source, target, *, n_best=1):
            out = super().translate(texts, source, target, n_best=n_best)
            return [
                [re.sub(r" (París|Roma) ", " ", h[0]) if "ambush" in t else h[0]] for t, h in zip(texts, out)
            ]

    result = enforce_batch(Dropper(), ["The Palmyra ambush was bad."], "en", ES, glossary)[0]
    assert result.method in ("repair", "mask") and result.target == "The Palmira ambush fue malo."
