from __future__ import annotations

import pytest

from l10n.catalog import render_po
from l10n.lang import get_language
from l10n.project.commands import translate
from l10n.project.config import load_config
from l10n.project.layout import Project
from l10n.translate.catalogs import MT_TAG
from l10n.translate.enforce import enforce_batch, is_untranslated
from l10n.translate.protect import mask, unmask

AR = get_language("ar")


class Recorder:
    """A fake engine: 'translates' by prefixing Arabic and records every sentence it was sent."""

    name = "fake"

    def __init__(self, fn=None):
        self.calls: list[str] = []
        self.fn = fn or (lambda s: "ترجمة " + s)

    def version(self, pair=None) -> str:
        return "1.0"

    def translate(self, texts, source, target, *, n_best=1):
        self.calls.extend(texts)
        return [[self.fn(t)] for t in texts]


@pytest.fixture
def ar_project(cli, project):
    cli("extract")
    cli("update", "-l", "ar")
    return project


def po_of(project, article="palmyra-attack", lang="ar"):
    from l10n.catalog import load_po

    return load_po(project / f"locale/{lang}/LC_MESSAGES/{article}.po")


def run(project, engine, **kw):
    p = Project(load_config(project))
    if "batch_size" in kw:
        kw["settings"] = p.config.translate.override(batch_size=kw.pop("batch_size"))
    return translate(p, p.articles(), AR, engine, **kw)


def test_mt_output_is_fuzzy_with_engine_comment_and_a_second_run_translates_nothing(ar_project):
    engine = Recorder()
    summary = run(ar_project, engine)
    assert summary.machine == 60 and summary.failed == 0 and len(engine.calls) == 60
    po = po_of(ar_project)
    assert all(e.fuzzy and e.msgstr.startswith("ترجمة ") for e in po)
    assert all(f"{MT_TAG} fake 1.0 en→ar" in e.tcomment for e in po)
    again = Recorder()
    assert run(ar_project, again).pending == 0 and again.calls == []


def test_human_translations_are_never_overwritten(ar_project):
    path = ar_project / "locale/ar/LC_MESSAGES/palmyra-attack.po"
    po = po_of(ar_project)
    po[0].msgstr = "هجوم تدمر"  # human, final
    po[1].msgstr = "مسودة بشرية"  # human, still fuzzy
    po[1].flags.append("fuzzy")
    path.write_bytes(render_po(po))
    engine = Recorder()
    run(ar_project, engine, retranslate_fuzzy=True)
    po = po_of(ar_project)
    assert po[0].msgstr == "هجوم تدمر" and not po[0].fuzzy
    assert po[1].msgstr == "مسودة بشرية"
    assert po[0].msgid not in engine.calls and po[1].msgid not in engine.calls


def test_retranslate_fuzzy_is_opt_in_and_only_touches_machine_output(ar_project):
    run(ar_project, Recorder())
    engine = Recorder(lambda s: "نسخة ثانية " + s)
    assert run(ar_project, engine).pending == 0
    summary = run(ar_project, engine, retranslate_fuzzy=True)
    assert summary.machine == 60
    assert all(e.msgstr.startswith("نسخة ثانية") for e in po_of(ar_project))


def test_identical_sentences_across_articles_are_translated_once(ar_project, cli):
    src = ar_project / "source"
    (src / "second.md").write_text("# Another\n\nThe Syrian desert has long been a strategic anchor for IS.\n", encoding="utf-8")
    cli("extract")
    cli("update", "-l", "ar")
    engine = Recorder()
    run(ar_project, engine)
    assert engine.calls.count("The Syrian desert has long been a strategic anchor for IS.") == 1
    second = po_of(ar_project, "second")
    assert second[1].msgstr == "ترجمة The Syrian desert has long been a strategic anchor for IS."


def test_human_translation_in_memory_is_reused_without_mt(ar_project, cli):
    path = ar_project / "locale/ar/LC_MESSAGES/palmyra-attack.po"
    po = po_of(ar_project)
    entry = po.find("Spotting weaknesses")
    entry.msgstr = "رصد نقاط الضعف"
    path.write_bytes(render_po(po))
    (ar_project / "source/second.md").write_text("## Spotting weaknesses\n\nOther text here.\n", encoding="utf-8")
    cli("extract", "second")
    cli("update", "-l", "ar", "second")
    engine = Recorder()
    summary = run(ar_project, engine)
    assert "Spotting weaknesses" not in engine.calls and summary.from_memory == 1
    e = po_of(ar_project, "second").find("Spotting weaknesses")
    assert e.msgstr == "رصد نقاط الضعف" and not e.fuzzy


def test_editing_one_sentence_translates_exactly_that_sentence(ar_project, cli):
    run(ar_project, Recorder())
    src = ar_project / "source/palmyra-attack.md"
    src.write_text(src.read_text(encoding="utf-8").replace("Knowing the threat", "Knowing the danger"), encoding="utf-8")
    cli("extract")
    cli("update", "-l", "ar")
    engine = Recorder()
    run(ar_project, engine)
    assert engine.calls == ["Knowing the danger"]
    entry = po_of(ar_project).find("Knowing the danger")
    assert entry.msgstr == "ترجمة Knowing the danger" and entry.previous_msgid is None


def test_a_human_draft_inherited_by_the_merge_is_kept_for_the_human(ar_project, cli):
    path = ar_project / "locale/ar/LC_MESSAGES/palmyra-attack.po"
    po = po_of(ar_project)
    po.find("Knowing the threat").msgstr = "معرفة التهديد"
    path.write_bytes(render_po(po))
    src = ar_project / "source/palmyra-attack.md"
    src.write_text(src.read_text(encoding="utf-8").replace("Knowing the threat", "Knowing the danger"), encoding="utf-8")
    cli("extract")
    cli("update", "-l", "ar")
    engine = Recorder()
    run(ar_project, engine)
    assert "Knowing the danger" not in engine.calls
    entry = po_of(ar_project).find("Knowing the danger")
    assert entry.msgstr == "معرفة التهديد" and entry.fuzzy


def test_a_translator_save_during_the_run_wins(ar_project):
    path = ar_project / "locale/ar/LC_MESSAGES/palmyra-attack.po"
    target = "Spotting weaknesses"

    def meanwhile(text):
        if text == "The Palmyra attack and what it means for US-Syria cooperation":
            po = po_of(ar_project)
            po.find(target).msgstr = "ترجمة المترجم"
            path.write_bytes(render_po(po))
        return "ترجمة " + text

    run(ar_project, Recorder(meanwhile), batch_size=8)
    entry = po_of(ar_project).find(target)
    assert entry.msgstr == "ترجمة المترجم" and not entry.fuzzy


def test_output_without_target_script_is_retried_by_clause_then_left_untranslated(ar_project):
    def lazy(text):  # returns English unless the text is short (a clause)
        return text if len(text) > 60 else "مقطع"

    summary = run(ar_project, Recorder(lazy))
    assert summary.failed > 0
    po = po_of(ar_project)
    assert all(not e.msgstr or "مقطع" in e.msgstr for e in po)
    assert {m for m in summary.stats.by_method} <= {"mt", "resplit", "failed"}
    assert summary.stats.by_method.get("resplit", 0) > 0
    assert all("not translated" in " ".join(f[3]) for f in summary.failures)


def test_markup_and_urls_survive_an_engine_that_mangles_them():
    m = mask("See [the report](https://example.org/a.b) and `x.y` or <small>AFP</small>.")
    assert "https" not in m.text and "`" not in m.text and "<small>" not in m.text
    mangled = m.text.replace("See", "انظر").replace("and", "و")
    text, missing = unmask(mangled, m)
    assert "](https://example.org/a.b)" in text and "`x.y`" in text and "<small>AFP</small>" in text
    assert missing == ()


def test_lost_placeholder_is_reported_missing():
    m = mask("Read `code` now.")
    text, missing = unmask("اقرأ الآن.", m)
    assert [s.source for s in missing] == ["`code`"]


def test_untranslated_detection_uses_the_target_script():
    assert is_untranslated("Hello there.", "Hello there.", AR)
    assert is_untranslated("Hello there.", "Hola there.", AR)
    assert not is_untranslated("Hello there.", "مرحبا.", AR)
    assert is_untranslated("Hello there.", "Hello there.", get_language("es"))
    assert not is_untranslated("Hello.", "Hola.", get_language("es"))


def test_enforce_batch_calls_the_engine_once_per_step_not_per_sentence():
    engine = Recorder()
    calls = []
    orig = engine.translate

    def counting(texts, s, t, *, n_best=1):
        calls.append(len(texts))
        return orig(texts, s, t, n_best=n_best)

    engine.translate = counting
    results = enforce_batch(engine, [f"Sentence number {i}." for i in range(50)], "en", AR)
    assert calls == [50] and all(r.target for r in results)


class Calque:
    """A fake en→es engine with a rule-based engine's habits: word-for-word calques of terms,
    raw URLs mangled, and n-best lists whose second hypothesis is sometimes the right one."""

    name = "calque"

    def version(self, pair=None) -> str:
        return "1"

    WORDS = {"The": "El", "the": "el", "was": "fue", "repealed": "derogada", "by": "por", "Congress": "Congreso",
             "attack": "ataque", "in": "en", "threat": "amenaza", "grows": "crece", "reported": "informó", "and": "y"}

    def _one(self, text: str) -> str:
        text = text.replace("Caesar Act", "Acta César").replace("Islamic State", "Estado islamista")
        return " ".join(self.WORDS.get(w, w) for w in text.split(" "))

    def translate(self, texts, source, target, *, n_best=1):
        return [[self._one(t)] for t in texts]


@pytest.fixture(scope="module")
def glossary():
    from conftest import REPO

    from l10n.glossary import load_glossary

    return load_glossary(REPO / "glossary" / "terms.csv")


def test_glossary_terms_come_out_as_the_glossary_says_and_forbidden_variants_never(glossary):
    from l10n.glossary import find_forbidden, target_has

    es = get_language("es")
    sources = ["The Caesar Act was repealed by the Congress.", "The Islamic State threat grows.", "SANA reported the attack."]
    results = enforce_batch(Calque(), sources, "en", es, glossary)
    caesar = glossary.get("caesar-act")
    assert target_has(caesar, "es", results[0].target) and "Acta César" not in results[0].target
    assert "Estado Islámico" in results[1].target
    assert results[2].target.startswith("SANA ")
    for r in results:
        assert r.target is not None and not find_forbidden(glossary, "es", r.target)
    assert [r.raw_ok_terms for r in results] == [0, 0, 1]


def test_every_occurrence_of_a_term_is_enforced(glossary):
    results = enforce_batch(Calque(), ["IS grows and IS grows."], "en", get_language("es"), glossary)
    assert results[0].target.count("EI") == 2


def test_arabic_abbreviation_gets_the_abbreviated_rendering(glossary):
    results = enforce_batch(Recorder(lambda s: "ترجمة " + s), ["SANA reported the attack."], "en", AR, glossary)
    assert "سانا" in results[0].target and "SANA" not in results[0].target


def test_a_spelled_out_name_gets_the_spelled_out_rendering_and_its_abbreviation_the_abbreviation(glossary):
    es = get_language("es")
    src = "The Syrian Arab News Agency (SANA) reported the attack."
    target = enforce_batch(Calque(), [src], "en", es, glossary)[0].target
    assert "Agencia Árabe Siria de Noticias (SANA)" in target, target
    assert "SANA (SANA)" not in target


def test_names_only_credit_lines_may_come_back_unchanged_in_latin_targets(glossary):
    es = get_language("es")
    assert not is_untranslated("Delil Souleiman/AFP", "Delil Souleiman/AFP", es)
    assert is_untranslated("Delil Souleiman/AFP", "Delil Souleiman/AFP", AR)


@pytest.mark.skipif(__import__("shutil").which("apertium") is None, reason="Apertium not installed (apt-get install apertium apertium-eng-spa)")
def test_apertium_translates_the_seed_into_spanish_with_every_glossary_term(cli, project):
    import shutil
    import subprocess

    from conftest import REPO

    from l10n.glossary import find_forbidden, find_terms, load_glossary, target_has
    from l10n.translate.engine import get_engine

    engine = get_engine("apertium")
    if ("en", "es") not in engine.pairs():
        pytest.skip("Apertium pair eng-spa not installed (apt-get install apertium-eng-spa)")
    shutil.copytree(REPO / "glossary", project / "glossary")
    cli("extract")
    cli("update", "-l", "es")
    code, out, _ = cli("translate", "-l", "es", "--engine", "apertium")
    assert code == 0 and "60 machine-translated" in out and "100% after" in out
    glossary = load_glossary(project / "glossary/terms.csv")
    po = po_of(project, lang="es")
    for e in po:
        assert e.msgstr and "⟦" not in e.msgstr and "*" not in e.msgstr
        for m in find_terms(glossary, e.msgid):
            assert target_has(m.term, "es", e.msgstr), (m.term.id, e.msgstr)
        assert not find_forbidden(glossary, "es", e.msgstr)
    text = " ".join(e.msgstr for e in po)
    assert text.count(" de ") > 30 and text.count(" el ") > 10  # it reads as Spanish
    assert "<small>" not in text
    if shutil.which("msgfmt"):
        path = project / "locale/es/LC_MESSAGES/palmyra-attack.po"
        assert subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)]).returncode == 0


def test_run_builds_machine_drafts_and_build_shows_them_only_when_asked(cli, project):
    import shutil

    from conftest import REPO

    shutil.copytree(REPO / "glossary", project / "glossary")
    code, out, err = cli("run", "-l", "ar", "--engine", "deterministic", "-f", "md")
    assert code == 0, err
    assert "check    locale/ar/LC_MESSAGES/palmyra-attack.po:" in out
    assert "unreviewed machine drafts" in out
    built = (project / "build/ar/palmyra-attack.md").read_text(encoding="utf-8")
    assert "Palmyra attack" not in built  # the drafts, not the English
    code, out, _ = cli("build", "-l", "ar")
    assert code == 0 and "shown in English" in out and "machine drafts" not in out
    assert "The Palmyra attack" in (project / "build/ar/palmyra-attack.md").read_text(encoding="utf-8")
    code, out, _ = cli("build", "-l", "ar", "--drafts")
    assert "unreviewed machine drafts" in out
    code, out, _ = cli("run", "-l", "ar", "--engine", "deterministic", "--no-drafts", "-f", "md")
    assert code == 0 and "translate ar: nothing to translate" in out
    assert "The Palmyra attack" in (project / "build/ar/palmyra-attack.md").read_text(encoding="utf-8")


def test_a_draft_whose_source_changed_is_not_shown(ar_project):
    from l10n.assemble import lookup_from_catalog

    run(ar_project, Recorder())
    po = po_of(ar_project)
    stale = po[3]
    stale.previous_msgid = "An older sentence."
    drafts = lookup_from_catalog(po, drafts=True)
    assert drafts[(stale.msgctxt, stale.msgid)][2] is False
    assert drafts[(po[4].msgctxt, po[4].msgid)][2] is True
    assert not any(v[2] for v in lookup_from_catalog(po).values())


@pytest.mark.parametrize("lang", ["ar", "fr", "es", "de"])
def test_machine_translation_passes_the_ci_glossary_check(cli, project, lang):
    """What enforcement calls a success is what `l10n check` accepts: drafts break no glossary rule."""
    import shutil

    from conftest import REPO

    shutil.copytree(REPO / "glossary", project / "glossary")
    cli("extract")
    cli("update", "-l", lang)
    code, out, err = cli("translate", "-l", lang, "--engine", "deterministic")
    assert code == 0 and "100% after" in out, out + err
    code, out, err = cli("check", "-l", lang, "--include-fuzzy", "--only", "glossary-missing,glossary-forbidden,glossary-dnt")
    assert code == 0, out
