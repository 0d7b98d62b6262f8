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


# --------------------------------------------------------------------------- the prefilter agrees with the matchers

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from l10n.check.glossary_index import build_index  # noqa: E402
from l10n.glossary import find_forbidden, find_target_terms, normalize_target, target_has  # noqa: E402
from l10n.project.config import load_config  # noqa: E402
from l10n.project.glossary import load_project_glossary  # noqa: E402

SEED = load_project_glossary(load_config(Path(__file__).resolve().parents[1]))
BOTH = SEED.merge(G) if SEED else G


def _words(lang: str) -> list[str]:
    words = set()
    for term in BOTH:
        for r in (*term.renderings(lang), *term.forbidden_in(lang)):
            words.update(r.split())
            words.add(r)
    return sorted(words)


PARTS = {
    "ar": _words("ar")
    + ["و", "ب", "ل", "لل", "ال", "وب", "ـ", "ّ", "َ", "«", "»", "،", ".", "أن", "قال", "السورية", "٣"],
    "fr": _words("fr") + ["l'", "d'", "L’", "s", "«", "»", ",", ".", "de", "la", "LE", "ÉTAT", "-"],
}
SEPARATORS = [" ", "", "  ", "\u200c", "-", "\n"]


@st.composite
def sentences(draw, lang):
    parts = draw(st.lists(st.sampled_from(PARTS[lang]), min_size=1, max_size=9))
    out = ""
    for part in parts:
        out += part + draw(st.sampled_from(SEPARATORS))
    return out


def _agree(lang: str, text: str) -> None:
    index = build_index(BOTH, lang)
    norm = index.normalize(text)
    assert norm == normalize_target(text, lang, BOTH.options)[0], text
    low = norm.lower()
    for term in BOTH:
        expected = target_has(term, lang, text, options=BOTH.options)
        assert index.has(term, norm, low) == expected, (term.id, text)
        if expected:
            assert index.may_have(term, norm, low), (term.id, text)
        # glossary-missing's one question is the two it stands for
        assert index.renders(term, norm, low) == (index.may_have(term, norm, low) and expected), (
            term.id,
            text,
        )
    if find_forbidden(BOTH, lang, text):
        assert index.may_have_forbidden(norm, low, BOTH), text
    for source_ids in ({"islamic-state", "syria"}, set()):
        expected_ids = [m.term.id for m in find_target_terms(BOTH, lang, text) if m.term.id not in source_ids]
        got = [m.term.id for m in index.unexpected(text, norm, low, source_ids)]
        assert got == expected_ids, (text, got, expected_ids)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sentences("ar"))
def test_prefilter_gives_the_arabic_matchers_answers(text):
    _agree("ar", text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sentences("fr"))
def test_prefilter_gives_the_french_matchers_answers(text):
    _agree("fr", text)


@pytest.mark.parametrize(
    "text",
    [
        "وبقانون قيصر فُرضت العقوبات على دمشق",
        "أعلن تنظيم «الدولة الإسلامية» مسؤوليته",
        "قالت قوات سوريا الديمقراطية إن الحكومة السورية",
        "للاذقية وللتحالف الدولي",
        "ﻻ شيء هنا سوى داعش",  # presentation form: the glossary's own normalisation is used
        "\ufeffقالت داعش\u2067 إن دمشق",  # a character above the list table's range, one below it
        "قالت سانا 🙂 إن قسد",  # outside the Basic Multilingual Plane
        "قالت سانا إن قسد ٣ ۴",  # digits of both shapes fold to ASCII
    ],
)
def test_prefilter_agrees_on_arabic_examples(text):
    _agree("ar", text)


@pytest.mark.parametrize(
    "text",
    [
        "Le ministe\u0300re de l'Inte\u0301rieur et l’État islamique",  # decomposed accents: NFC first
        "Le conseil a réuni l'EI, la Syrie et les Forces démocratiques syriennes",
        "",
    ],
)
def test_prefilter_agrees_on_french_examples(text):
    _agree("fr", text)


# --------------------------------------------------------------------------- the shortcuts, end to end


def _catalogue(lang: str, rows: list[tuple[str, str]]) -> bytes:
    def q(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    head = f'msgid ""\nmsgstr "Language: {lang}\\nContent-Type: text/plain; charset=UTF-8\\n"\n\n'
    return (head + "".join(f"msgid {q(s)}\nmsgstr {q(t)}\n\n" for s, t in rows)).encode()


def _shifted_rows(lang: str) -> list[tuple[str, str]]:
    """Sentences naming two terms each, translated with the renderings of other terms, a forbidden
    variant, a term said twice, an English form inside a longer word, clitics and diacritics: what the
    glossary checks of a catalogue whose entries slipped see."""
    terms = [t for t in BOTH if t.renderings(lang)]
    rows = []
    for i, a in enumerate(terms):
        b, c = terms[(i + 1) % len(terms)], terms[(i + 5) % len(terms)]
        ra, rb, rc = a.renderings(lang)[0], b.renderings(lang)[-1], c.renderings(lang)[0]
        bad = (a.forbidden_in(lang) or (ra,))[0]
        source = f"{a.source} met {b.source} in {2000 + i}."
        rows += [
            (source, f"{rb} — {rc} {2000 + i}."),  # a missing, c unexpected
            (f"{a.source} and {a.source} said {i}.", f"{ra} {i}."),  # said twice, rendered once
            (f"The {b.source}n view of {c.source} ({i}).", f"و{rb} {bad} وب{rc} ({i})."),
            (
                f"Officials of {a.source} [met](https://example.org/{a.id}) {b.source} {i}.",
                f"{ra}ِ [x](https://example.org/{b.id}) {rb} {i}",
            ),
        ]
    return rows


@pytest.mark.parametrize("langs", [("ar", "ar_SY"), ("fr", "de", "es")])
def test_glossary_checks_find_the_same_with_and_without_their_shortcuts(langs):
    import dataclasses

    from l10n.catalog import parse_po
    from l10n.check.entries import lang_rules
    from l10n.check.runner import check_catalogue

    settings = Settings()
    ids_ = {
        "glossary-missing",
        "glossary-repeat",
        "glossary-forbidden",
        "glossary-dnt",
        "glossary-unexpected",
    }
    fast, plain = [], []
    shared_fast: dict = {}  # one article in every language: the source's facts shared, as the runner does
    for lang in langs:
        cat = parse_po(_catalogue(lang, _shifted_rows(lang.split("_")[0])), f"locale/{lang}/LC_MESSAGES/a.po")
        rules = lang_rules(lang, BOTH, settings.allow_latin, settings.accelerators)
        assert rules.index is not None
        fast += check_catalogue(cat, rules, BOTH, settings, source_cache=shared_fast).findings
        bare = dataclasses.replace(rules, index=None)  # the glossary's matchers on the whole text
        plain += check_catalogue(cat, bare, BOTH, settings, source_cache={}).findings
    fast = [f for f in fast if f.check_id in ids_]
    plain = [f for f in plain if f.check_id in ids_]
    assert {f.check_id for f in fast} >= {"glossary-missing", "glossary-unexpected", "glossary-repeat"}
    assert len(fast) > 50
    assert fast == plain
