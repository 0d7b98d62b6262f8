"""Glossary consistency checks, on the real glossary matchers (l10n.glossary)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "check"))
from helpers import glossary, ids, run  # noqa: E402

from l10n.check import Settings  # noqa: E402

G = glossary()


def only(check_id: str, source: str, target: str, lang: str = "ar", **kw):
    return [f for f in run(source, target, lang, gloss=G, **kw) if f.check_id == check_id]


# --------------------------------------------------------------------------- glossary-missing


@pytest.mark.parametrize(
    "target",
    [
        "ألغى الكونغرس قانون قيصر.",
        "وبقانون قيصر فُرضت العقوبات.",  # conjunction + preposition glued to the first word
        "فرضت العقوبات بقانونِ قيصر.",  # diacritics
        "ألغى الكونغرس «قانون قيصر».",
    ],
)
def test_arabic_rendering_with_clitics_and_diacritics_satisfies_the_glossary(target):
    assert only("glossary-missing", "Congress repealed the Caesar Act.", target) == []


def test_missing_rendering_is_an_error_naming_the_glossary_row():
    [f] = only("glossary-missing", "Congress repealed the Caesar Act.", "ألغى الكونغرس القانون.")
    assert f.severity == "error"
    assert f.term.id == "caesar-act"
    assert f.term_where.endswith("glossary.csv:2")
    assert "قانون قيصر" in f.message
    assert f.msgid[f.source_span[0] : f.source_span[1]] == "Caesar Act"


def test_english_variants_and_plurals_are_recognised_in_the_source():
    assert ids(
        only("glossary-missing", "The Caesar Syria Civilian Protection Act stays.", "يبقى القانون.")
    ) == ["glossary-missing"]
    assert only("glossary-missing", "Daesh fighters fled.", "فرّ مقاتلو داعش.") == []


def test_case_sensitive_term_does_not_match_ordinary_words():
    assert only("glossary-missing", "This is what it is.", "هذا ما هو عليه.") == []


def test_french_rendering_with_elision_passes():
    assert (
        only("glossary-missing", "Islamic State claimed it.", "L'État islamique l'a revendiqué.", "fr") == []
    )


def test_term_without_rendering_for_the_language_is_not_reported():
    assert only("glossary-missing", "Damascus replied.", "Damaskus antwortete.", "de") == []


# --------------------------------------------------------------------------- glossary-forbidden


def test_bare_forbidden_variant_is_rejected():
    [f] = only("glossary-forbidden", "Islamic State claimed it.", "أعلنت الدولة الإسلامية مسؤوليتها.")
    assert f.term.id == "islamic-state"
    assert f.msgstr[f.span[0] : f.span[1]] == "الدولة الإسلامية"
    assert "تنظيم الدولة الإسلامية" in f.message


def test_forbidden_variant_inside_the_approved_rendering_passes():
    findings = run("Islamic State claimed it.", "أعلن تنظيم الدولة الإسلامية مسؤوليته.", gloss=G)
    assert "glossary-forbidden" not in ids(findings)
    assert "glossary-missing" not in ids(findings)


def test_forbidden_variant_is_reported_even_when_the_source_lacks_the_term():
    assert ids(only("glossary-forbidden", "They claimed it.", "تبنت الدولة الإسلامية الهجوم.")) == [
        "glossary-forbidden"
    ]


def test_forbidden_french_calque_is_rejected():
    [f] = only("glossary-forbidden", "The Caesar Act.", "L'acte César.", "fr")
    assert f.term.id == "caesar-act"


# --------------------------------------------------------------------------- glossary-dnt


def test_do_not_translate_term_kept_as_written_passes():
    assert only("glossary-dnt", "Photo: AFP", "Photo : AFP", "fr") == []


def test_do_not_translate_term_translated_is_an_error():
    [f] = only("glossary-dnt", "Photo: AFP", "Photo : Agence", "fr")
    assert f.severity == "error" and f.term.id == "afp"


def test_do_not_translate_term_is_case_exact():
    assert ids(only("glossary-dnt", "Photo: AFP", "Photo : afp", "fr")) == ["glossary-dnt"]


def test_dnt_limited_to_some_languages_is_translated_in_the_others():
    assert only("glossary-dnt", "Photo: AFP", "صورة: فرانس برس") == []
    assert only("glossary-missing", "Photo: AFP", "صورة: فرانس برس") == []


# --------------------------------------------------------------------------- glossary-unexpected


def test_rendering_of_a_term_absent_from_the_source_is_a_warning():
    [f] = only("glossary-unexpected", "The talks resumed.", "استؤنفت المحادثات في دمشق.")
    assert f.severity == "warning" and f.term.id == "damascus"
    assert f.msgstr[f.span[0] : f.span[1]] == "دمشق"


def test_rendering_of_a_term_in_the_source_is_expected():
    assert only("glossary-unexpected", "Talks in Damascus resumed.", "استؤنفت المحادثات في دمشق.") == []


# --------------------------------------------------------------------------- disabling


def test_term_specific_ignore_in_a_translator_comment():
    findings = run(
        "Islamic State claimed it.",
        "أعلنت الدولة الإسلامية مسؤوليتها.",
        gloss=G,
        tcomment="l10n-ignore: glossary-forbidden:islamic-state",
    )
    assert "glossary-forbidden" not in ids(findings)
    assert "glossary-missing" in ids(findings)


def test_project_can_downgrade_a_glossary_check():
    settings = Settings.from_config({"severity": {"glossary-missing": "warning"}})
    findings = run("Congress repealed the Caesar Act.", "ألغى الكونغرس القانون.", gloss=G, settings=settings)
    assert [f.severity for f in findings if f.check_id == "glossary-missing"] == ["warning"]


def test_terms_inside_urls_and_code_are_not_required():
    source = "See https://example.org/caesar-act and `Damascus`."
    target = "انظر https://example.org/caesar-act و`Damascus`."
    findings = run(source, target, gloss=G)
    assert "glossary-missing" not in ids(findings)
