"""Locale conventions at build time: Arabic punctuation, digits per CLDR numbering system, Babel dates."""

from __future__ import annotations

import pytest

from l10n.assemble import localise, render
from l10n.assemble.conventions import (
    convert_digits,
    find_dates,
    localise_dates,
    localise_document,
    localise_punctuation,
    localise_sentence,
    numbering_system,
)
from l10n.errors import UsageError
from l10n.lang import get_language, script_of
from l10n.segment import parse_markdown

# --------------------------------------------------------------------------- punctuation


def test_ascii_comma_semicolon_question_mark_become_arabic():
    assert localise_punctuation("قال, ثم سأل: لماذا? وأضاف; انتهى", "ar") == "قال، ثم سأل: لماذا؟ وأضاف؛ انتهى"


def test_punctuation_leaves_numbers_urls_code_and_latin_runs_alone():
    text = "وجود 5,000 مجنّد, انظر https://sana.sy/a?b=1,2 و `f(a, b)` و (Deir ez-Zor, Mayadin)"
    assert localise_punctuation(text, "ar") == (
        "وجود 5,000 مجنّد، انظر https://sana.sy/a?b=1,2 و `f(a, b)` و (Deir ez-Zor, Mayadin)"
    )


def test_an_english_gloss_in_brackets_keeps_its_comma_and_is_one_latin_run():
    """Issue 14: «(Syrian Arab News Agency, SANA)» was cut in two runs around an Arabic comma."""
    from l10n.assemble.rtl import latin_runs

    text = "وأفادت الوكالة العربية السورية للأنباء (Syrian Arab News Agency, SANA) بأن عنصرين أصيبا, أيضا"
    done = localise_punctuation(text, "ar")
    assert "(Syrian Arab News Agency, SANA)" in done
    assert done.endswith("أصيبا، أيضا")  # between Arabic words it is still converted
    assert [text[a:b] for a, b in latin_runs(text)] == ["Syrian Arab News Agency, SANA"]


def test_punctuation_between_two_latin_words_stays_latin():
    assert localise_punctuation("المدن: Deir ez-Zor, Mayadin", "ar") == "المدن: Deir ez-Zor, Mayadin"
    assert localise_punctuation("قال, SANA", "ar") == "قال، SANA"


def test_punctuation_only_for_arabic_script_languages_and_arabic_sentences():
    assert script_of("ar") == script_of("fa") == script_of("ur") == "Arab"
    assert script_of("he") == "Hebr"
    assert localise_punctuation("כן, לא?", "he") == "כן, לא?"
    assert localise_punctuation("Yes, no?", "fr") == "Yes, no?"
    assert localise_punctuation("Delil Souleiman, AFP?", "ar") == "Delil Souleiman, AFP?"  # no Arabic letter
    assert localise_punctuation("گفت, چرا?", "fa") == "گفت، چرا؟"


# --------------------------------------------------------------------------- digits


@pytest.mark.parametrize(
    ("code", "digits", "system"),
    [
        ("ar", "default", "latn"),
        ("ar_SY", "default", "arab"),
        ("ar_EG", "default", "arab"),
        ("ar", "native", "arab"),
        ("fa", "default", "arabext"),
        ("ar_SY", "latn", "latn"),
        ("ar", "arab", "arab"),
    ],
)
def test_numbering_system_comes_from_cldr_unless_chosen(code, digits, system):
    assert numbering_system(code, digits) == system


def test_unknown_digits_value_is_a_usage_error():
    with pytest.raises(UsageError):
        numbering_system("ar", "roman")


def test_digits_arab_converts_numbers_and_their_separators():
    text = "وجود 5,000 مجنّد منذ 2019 قرب الفرع 221 بنسبة 3.5%"
    assert convert_digits(text, "arab", "ar") == "وجود ٥٬٠٠٠ مجنّد منذ ٢٠١٩ قرب الفرع ٢٢١ بنسبة ٣٫٥٪"
    assert convert_digits(text, "arabext", "fa") == "وجود ۵٬۰۰۰ مجنّد منذ ۲۰۱۹ قرب الفرع ۲۲۱ بنسبة ۳٫۵٪"


def test_digits_latn_converts_arabic_indic_back_and_leaves_latin_numbers_exactly():
    assert convert_digits("٥٬٠٠٠ و ٢٠١٩ و ٣٫٥٪", "latn", "ar") == "5,000 و 2019 و 3.5%"
    assert convert_digits("وجود 5,000 مجنّد", "latn", "ar_MA") == "وجود 5,000 مجنّد"


def test_digits_in_latin_runs_urls_and_code_are_kept():
    text = "قرب Branch 221 وطائرات F-16 و https://x.sy/2024 و `n = 12` و 12"
    assert convert_digits(text, "arab", "ar") == "قرب Branch 221 وطائرات F-16 و https://x.sy/2024 و `n = 12` و ١٢"


# --------------------------------------------------------------------------- dates


def test_english_dates_are_found_in_the_source():
    found = find_dates("on 13 December, on 9 November 2025, December 13, 2025, in late November; it may rain")
    assert [(d.day, d.month, d.year) for d in found] == [(13, 12, None), (9, 11, 2025), (13, 12, 2025), (None, 11, None)]
    assert find_dates("31 February and the may-pole") == []


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("ar", "وتحديداً في 13 ديسمبر، عاد"),
        ("ar_EG", "وتحديداً في 13 ديسمبر، عاد"),
        ("ar_SY", "وتحديداً في 13 كانون الأول، عاد"),
        ("ar_LB", "وتحديداً في 13 كانون الأول، عاد"),
    ],
)
def test_day_month_dates_follow_the_locale(code, expected):
    out = localise_dates("Just over a decade later, on 13 December, it attacked.", "وتحديداً في 13 ديسمبر، عاد", code)
    assert out == expected


def test_full_dates_month_only_and_mt_leftovers_are_normalised():
    src = "IS cells were dismantled on 9 November 2025."
    assert localise_dates(src, "تفكيك خلايا في 9 نوفمبر 2025.", "ar_SY") == "تفكيك خلايا في 9 تشرين الثاني 2025."
    # MT left the English month; Arabic-Indic digits; the slash pair some newsrooms write
    assert localise_dates(src, "تفكيك خلايا في 9 November 2025.", "ar") == "تفكيك خلايا في 9 نوفمبر 2025."
    assert localise_dates(src, "في ٩ تشرين الثاني/نوفمبر ٢٠٢٥.", "ar") == "في 9 نوفمبر 2025."
    assert localise_dates("in late November by", "أواخر نوفمبر في", "ar_SY") == "أواخر تشرين الثاني في"
    assert localise_dates("on 13 December", "le 13 December", "fr") == "le 13 décembre"


def test_a_date_the_translation_does_not_hold_is_left_alone():
    assert localise_dates("on 13 December", "في منتصف الشهر", "ar_SY") == "في منتصف الشهر"
    assert localise_dates("on 13 December", "في 14 ديسمبر", "ar_SY") == "في 14 ديسمبر"  # a wrong day is QA's business


def test_sentence_treatment_is_dates_then_punctuation_then_digits():
    out = localise_sentence("on 13 December, 5,000 recruits", "في 13 ديسمبر, 5,000 مجند", "ar_SY", system="arab")
    assert out == "في ١٣ كانون الأول، ٥٬٠٠٠ مجند"
    egypt = localise_sentence("on 13 December", "في 13 كانون الأول", "ar_EG", system=numbering_system("ar_EG"))
    assert egypt == "في ١٣ ديسمبر"
    assert localise_sentence("on 13 December", "في 13 ديسمبر", "ar", system=numbering_system("ar")) == "في 13 ديسمبر"


def test_fallback_and_identity_sentences_are_never_touched():
    ar = get_language("ar_SY")
    doc = parse_markdown("On 13 December, 5,000 left. Second, on 13 December.\n")
    first, second = (s.text for s in doc.segments)
    ldoc = localise(doc, {(None, first): ("في 13 ديسمبر, غادر 5,000.", False), (None, second): ("", False)}, ar)
    out = localise_document(ldoc)
    assert [s.target for s in out.blocks[0].segments] == ["في ١٣ كانون الأول، غادر ٥٬٠٠٠.", second]
    txt = render(ldoc, "txt", digits="latn")
    assert "في 13 كانون الأول، غادر 5,000." in txt and "Second, on 13 December." in txt


def test_language_and_conventions_ask_the_same_script_resolver():
    """One resolver: a region with its own likely script (CLDR: ``pa_PK`` → Arab, ``pa`` → Guru) is
    seen the same by the Language record and by the punctuation rules."""
    from l10n.assemble.conventions import uses_arabic_punctuation

    assert get_language("pa_PK").script == script_of("pa_PK") == "Arab"
    assert get_language("pa").script == "Guru"
    assert uses_arabic_punctuation("pa_PK") and not uses_arabic_punctuation("pa")
