"""Target-side matching: Arabic clitics and orthography, Latin scripts, forbidden renderings."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.glossary import (
    Glossary,
    MatchOptions,
    Term,
    find_forbidden,
    find_target_terms,
    load_glossary,
    normalize_arabic,
    target_find,
    target_has,
)

SEED = Path(__file__).resolve().parent.parent / "glossary" / "terms.csv"


@pytest.fixture(scope="module")
def seed() -> Glossary:
    return load_glossary(SEED)


@pytest.fixture(scope="module")
def term(seed):
    by_id = {t.id: t for t in seed}
    return by_id.__getitem__


# --------------------------------------------------------------------------- Arabic: clitics


@pytest.mark.parametrize(
    ("term_id", "text"),
    [
        ("caesar-act", "قانون قيصر"),
        ("caesar-act", "بقانون قيصر"),
        ("caesar-act", "وبقانون قيصر"),
        ("caesar-act", "فلقانون قيصر"),
        ("international-coalition", "للتحالف الدولي"),
        ("international-coalition", "وللتحالف الدولي"),
        ("international-coalition", "بالتحالف الدولي"),
        ("international-coalition", "والتحالف الدولي"),
        ("latakia", "للاذقية"),
        ("sana", "وسانا"),
        ("sana", "لسانا"),
        ("takfiri", "التكفيري"),
        ("takfiri", "والتكفيريين"),
        ("interior-ministry", "ووزارة الداخلية"),
        ("ahmed-al-sharaa", "لأحمد الشرع"),
        ("syria", "وسورية"),
        ("syria", "لسوريا"),
        ("damascus", "بدمشق"),
    ],
)
def test_arabic_proclitics_and_article_are_accepted_on_the_first_word(term, term_id, text):
    (match,) = target_find(term(term_id), "ar", f"قال المصدر {text} أمس")
    assert match.text == text


@pytest.mark.parametrize(
    ("term_id", "text"),
    [
        ("sana", "حسانا"),  # سانا inside an unrelated word
        ("sana", "سانات"),  # no suffixes
        ("caesar-act", "القانونية قيصر"),
        ("international-coalition", "تحالف دولي"),  # the rendering's article is required
        ("international-coalition", "التحالف الدولية"),
        ("palmyra", "تدمير"),  # destruction, not Palmyra
        ("caesar-act", "قانون وقيصر"),  # clitics only on the first word
    ],
)
def test_arabic_false_positives_are_rejected(term, term_id, text):
    assert not target_has(term(term_id), "ar", f"قال المصدر {text} أمس")


def test_offsets_and_prefix_refer_to_the_original_text(term):
    text = "أعلنت وبقانونِ قيصرَ اليوم"
    (match,) = target_find(term("caesar-act"), "ar", text)
    assert text[match.start : match.end] == match.text == "وبقانونِ قيصرَ"
    assert match.prefix == "وب" and match.rendering == "قانون قيصر"


# --------------------------------------------------------------------------- Arabic: orthography


@pytest.mark.parametrize(
    ("term_id", "text"),
    [
        ("caesar-act", "قَانُونُ قَيْصَرٍ"),  # harakat, sukun, tanween
        ("caesar-act", "قـانـون قيـصر"),  # tatweel
        ("interior-ministry", "وزارة الداخليّة"),  # shadda
        ("ahmed-al-sharaa", "احمد الشرع"),  # bare alef for أ
        ("ahmed-al-sharaa", "إحمد الشرع"),
        ("interior-ministry", "وزاره الداخليه"),  # ه for ة
        ("internal-security-forces", "قوي الأمن الداخلي"),  # ي for ى
        ("internal-security-forces", "قوى الامن الداخلي"),
        ("sana", "\u200fسانا\u200f"),  # direction marks
        ("latakia", "ﺍﻟﻼﺫﻗﻴﺔ"),  # presentation forms
    ],
)
def test_arabic_spelling_variants_are_folded(term, term_id, text):
    assert target_has(term(term_id), "ar", text)


def test_arabic_indic_and_persian_digits_equal_latin_digits():
    t = Term("branch", "Branch 221", translations={"ar": ("الفرع 221",)})
    assert target_has(t, "ar", "في الفرع ٢٢١")
    assert target_has(t, "ar", "في الفرع ۲۲۱")
    assert not target_has(t, "ar", "في الفرع ٢٢١٥")


def test_folding_can_be_switched_off():
    t = Term("x", "x", translations={"ar": ("وزارة",)})
    strict = MatchOptions(fold_ta_marbuta=False)
    assert target_has(t, "ar", "وزاره")
    assert not target_has(t, "ar", "وزاره", options=strict)
    assert target_has(t, "ar", "وزارة", options=strict)


def test_normalize_arabic_maps_back_to_original_indices():
    text = "وَبِقَانُونِ ـ قيصر"
    norm, index = normalize_arabic(text)
    assert norm == "وبقانون  قيصر"
    assert len(index) == len(norm) + 1 and index[-1] == len(text)
    assert "".join(text[index[i]] for i in range(len(norm))) == norm
    start = norm.index("قيصر")
    assert text[index[start] : index[start + 4]] == "قيصر"


def test_normalize_arabic_folds_letters_and_digits():
    assert normalize_arabic("أإآٱ ؤ ئ ة ى ٣ ۴ ک ی")[0] == "اااا و ي ه ي 3 4 ك ي"


def test_regional_code_falls_back_to_the_language(term):
    assert term("sana").renderings("ar_SY") == term("sana").renderings("ar")
    assert target_has(term("sana"), "ar-SY", "لسانا")


# --------------------------------------------------------------------------- other scripts


@pytest.mark.parametrize(
    ("term_id", "lang", "text"),
    [
        ("interior-ministry", "fr", "selon le ministère de l’Intérieur"),
        ("islamic-state", "fr", "combattants de l'État islamique"),
        ("takfiri", "fr", "des idéologues takfiristes"),
        ("al-hol-camp", "fr", "le camp d’al-Hol"),
        ("caesar-act", "es", "la LEY CÉSAR"),
        ("international-coalition", "es", "la coalición internacional"),
        ("interior-ministry", "de", "des Innenministeriums"),
        ("sdf", "de", "den Syrischen Demokratischen Kräften"),
        ("afp", "fr", "(AFP)"),
    ],
)
def test_latin_scripts_match_case_insensitively_with_elision_and_inflection(term, term_id, lang, text):
    assert target_has(term(term_id), lang, text)


def test_french_elision_is_part_of_the_match(term):
    (match,) = target_find(term("islamic-state"), "fr", "de l’État islamique")
    assert (match.text, match.prefix) == ("l’État islamique", "l’")


def test_accents_matter_unless_accent_insensitive_matching_is_on(term):
    t = term("islamic-state")
    assert not target_has(t, "fr", "l'Etat islamique")
    assert target_has(t, "fr", "l'Etat islamique", options=MatchOptions(accent_insensitive=True))


def test_decomposed_accents_match_precomposed_renderings(term):
    assert target_has(term("islamic-state"), "fr", "l'E\u0301tat islamique")


def test_latin_word_boundaries_hold(term):
    assert not target_has(term("palmyra"), "es", "Palmirano")
    assert not target_has(term("islamic-state"), "es", "reinventar")  # EI inside a word


def test_dnt_term_is_rendered_by_its_english_form_where_no_column_is_filled():
    t = Term("afp", "AFP", dnt=True, translations={"ar": ("فرانس برس",)}, dnt_langs=("fr", "it"))
    assert t.renderings("it") == ("AFP",)
    assert t.renderings("ar") == ("فرانس برس",)
    assert t.renderings("pt") == ()
    assert target_has(t, "it", "secondo l'AFP")


# --------------------------------------------------------------------------- forbidden and inverse


def test_bare_forbidden_rendering_is_flagged_but_not_inside_the_approved_one(seed):
    assert find_forbidden(seed, "ar", "أعلن تنظيم الدولة الإسلامية مسؤوليته") == []
    assert find_forbidden(seed, "ar", "أعلن تنظيم «الدولة الإسلامية» مسؤوليته") == []
    (hit,) = find_forbidden(seed, "ar", "أعلنت الدولة الإسلامية مسؤوليتها")
    assert (hit.text, hit.term.id, hit.forbidden) == ("الدولة الإسلامية", "islamic-state", True)


def test_forbidden_matching_is_arabic_aware(seed):
    text = "قاتل تنظيم الدولة الإسلامية ثم وبالدولةِ الاسلامية"
    (hit,) = find_forbidden(seed, "ar", text)
    assert hit.text == "وبالدولةِ الاسلامية" and hit.prefix == "وبال"


def test_forbidden_calques_in_other_languages(seed):
    assert [h.text for h in find_forbidden(seed, "es", "la Acta César y la Ley César")] == ["Acta César"]
    assert [h.text for h in find_forbidden(seed, "ar", "مع القوات الديمقراطية السورية")] == [
        "القوات الديمقراطية السورية"
    ]


def test_find_target_terms_lists_every_approved_rendering(seed):
    text = "قال المتحدث باسم وزارة الداخلية نور الدين البابا لسانا إن للتحالف الدولي دوراً في تدمر"
    assert [(m.text, m.term.id) for m in find_target_terms(seed, "ar", text)] == [
        ("وزارة الداخلية", "interior-ministry"),
        ("نور الدين البابا", "noureddine-al-baba"),
        ("لسانا", "sana"),
        ("للتحالف الدولي", "international-coalition"),
        ("تدمر", "palmyra"),
    ]


def test_longest_target_rendering_wins(seed):
    (match,) = find_target_terms(seed, "ar", "أعلنت وزارة الدفاع الأمريكية")
    assert match.term.id == "pentagon"


def test_language_without_renderings_matches_nothing(seed, term):
    assert target_find(term("palmyra"), "ja", "パルミラ") == []
    assert find_target_terms(seed, "sv", "Palmyra") == []


# --------------------------------------------------------------------------- scout equivalence

_PIECES = [
    "تنظيم الدولة الإسلامية", "الدولة الإسلامية", "داعش", "للتحالف الدولي", "التحالف", "وسانا", "سانا",
    "قانون قيصر", "بقانون", "اللاذقية", "للاذقية", "وزارة الدفاع الأمريكية", "وزارة", "الدفاع", "ف", "و",
    "ال", "لل", "قال", "حسانا", "«", "»", " ", "\n", "،", "AFP", "أ ف ب", "تدمر", "تدمير", "دمشق",
]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from(_PIECES), max_size=25).map("".join), st.sampled_from(["approved", "forbidden"])
)
def test_scouted_matching_equals_plain_regex_matching(seed, text, kind):
    from l10n.glossary.target import _glossary_matcher, _matches, normalize_target

    matcher = _glossary_matcher(seed, "ar", kind)
    norm = normalize_target(text, "ar", seed.options)[0]
    assert matcher.scout is not None or kind == "forbidden"
    plain = [(m.span(), m.lastgroup) for m in matcher.regex.finditer(norm)]
    assert [(m.span(), m.lastgroup) for m in _matches(matcher, norm)] == plain
