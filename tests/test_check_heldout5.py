"""The false-positive classes of the third held-out set (tests/data/check_sample/heldout5_before.csv):
100 random errors and 100 random warnings ``l10n check`` reported on pretix 2026.8.0,
django-debug-toolbar 8.0.0, django-filer 3.6.0, wagtail-localize 1.14.5 and four more wheels,
catalogues nobody here had looked at, labelled before any of these fixes.  Each entry is a real
catalogue entry; each test failed on the checks as they were, and each also shows that the real
defect next to the false alarm is still reported.
"""

from __future__ import annotations

import pytest
from test_check_issue16 import check, entry, messages

# --------------------------------------------------------------------------- copied-source


@pytest.mark.parametrize(
    ("lang", "source"),
    [
        ("ca", "Excel (.xlsx)"),
        ("th", "Excel (.xlsx)"),
        ("hu", "iDEAL | Wero"),
        ("zh_Hant", "iDEAL | Wero"),
        ("de", "iOS (iTunes)"),
        ("pl", "iOS (iTunes)"),
        ("nl", "iDEAL via Stripe"),
        ("de", "CPU: %(cum)0.2fms (%(total)0.2fms)"),
    ],
)
def test_a_copy_made_only_of_names_and_file_extensions_is_no_warning(lang, source):
    """pretix: "Excel (.xlsx)" (36 catalogues), "iDEAL | Wero" (28), "iOS (iTunes)" (22), "iDEAL via
    Stripe" (10) are product, brand and format names every language keeps: a name written with a
    capital inside it (iOS, iDEAL, iTunes) is still a name, and ".xlsx" is a file extension.
    django-debug-toolbar de "CPU: %(cum)0.2fms": an acronym and a unit, nothing to translate."""
    assert messages(check(lang, entry(source, source)), "copied-source") == []


@pytest.mark.parametrize(
    "source",
    [
        "CSV (Excel-style)",
        "giropay via Stripe",
        "Read committed",
        "Product options",
        "GET data",
        "Add-on 1\n2x Add-on 2",
        "Log in",
    ],
)
def test_a_copy_with_a_lowercase_word_is_still_a_warning(source):
    """pretix sv «CSV (Excel-style)»: "style" left in English (labelled true)."""
    assert messages(check("sv", entry(source, source)), "copied-source") == [
        "translation is identical to the source"
    ]


# --------------------------------------------------------------------------- brackets

ARTICLE = "Exempt based on article 79, point c of Council Directive 2006/112/EC"


@pytest.mark.parametrize(
    ("lang", "target"),
    [
        ("da", "Undtaget i henhold til artikel 79, litra c), i Rådets direktiv 2006/112/EF"),
        ("hu", "Mentes a 2006/112/EK tanácsi irányelv 79. cikk c) pontja alapján"),
        ("it", "Esente ex art. 79, punto c) della Direttiva del Consiglio UE 2006/112/EC"),
        ("nl", "Vrijgesteld op grond van artikel 79, onder c) van Richtlijn 2006/112/EG van de Raad"),
        ("pt_PT", "Isenção com base no artigo 79.º, alínea c), da Diretiva 2006/112/CE do Conselho"),
    ],
)
def test_a_list_label_with_one_parenthesis_is_no_unpaired_bracket(lang, target):
    """pretix: "point c" of a directive is «litra c)», «punto c)», «alínea c)» in six languages: a
    list label written with one closing parenthesis, as these languages number points."""
    assert messages(check(lang, entry(ARTICLE, target)), "brackets") == []


@pytest.mark.parametrize(
    ("source", "target"),
    [
        (
            'Tickets with a check-in on this list should be considered "used"',
            'כרטיסים עם צ\'ק-אין ברשימה זו ייחשבו כ"משומשים"',
        ),
        (
            'This sum includes canceled orders. For your ticket revenue, look at the "order overview".',
            'סכום זה כולל הזמנות שבוטלו. כדי לראות את הכנסותיך על כרטיסים, הסתכל ב"סקירת הזמנות".',
        ),
        (
            'The variation "%s" cannot be deleted. Please set the variation as "inactive" instead.',
            'לא ניתן למחוק את הווריאציה "%s". אנא הגדר אותה כ"לא פעילה" במקום.',
        ),
    ],
)
def test_a_hebrew_quotation_after_a_one_letter_prefix_pairs_up(source, target):
    """pretix he: «ייחשבו כ"משומשים"» ("considered 'used'"): the quote after the prefix כ opens the
    quotation; it is not the gershayim of an abbreviation (דוא"ל), which sits inside a word."""
    assert messages(check("he", entry(source, target)), "brackets") == []


def test_unpaired_brackets_next_to_these_are_still_reported():
    """pretix ar «سنوات)» for "year(s)" and pt_BR «ainda) não» for "not (yet)": a parenthesis after a
    word is no list label; a Hebrew quote left open without a prefix is still open."""
    assert messages(check("ar", entry("year(s)", "سنوات)")), "brackets") == ["unpaired )"]
    pt = entry(
        "Ticket download is not (yet) enabled for this order.",
        "O download do ingresso ainda) não está habilitado.",
    )
    assert messages(check("pt_BR", pt), "brackets") == ["unpaired )"]
    he = entry('Look at the "order overview".', 'הסתכל על "סקירת הזמנות.')
    assert messages(check("he", he), "brackets") == ['unpaired "']


def test_a_placeholder_before_a_parenthesis_is_no_list_label():
    """Sphinx gl «%s no modulo %s)» for "%s (in module %s)": the "s" of "%s" is no list label."""
    assert messages(check("gl", entry("%s (in module %s)", "%s no modulo %s)")), "brackets") == ["unpaired )"]


# --------------------------------------------------------------------------- tags (held-out-4, re-run)

WEIGHT_BAND = "\n    <p>Weight band deleted from the <strong>%(name)s</strong> shipping method \n"


@pytest.mark.parametrize(
    ("lang", "target"),
    [
        ("es", "\n<p>Banda de peso eliminada del método de envío <strong>%(name)s</strong>.</p>\n"),
        ("uk", "\n<p>Вагову групу було видалено з <strong>%(name)s</strong> способу доставки.</p>\n"),
    ],
)
def test_a_translation_may_close_the_element_its_source_leaves_open(lang, target):
    """django-oscar (held-out-4, re-run after the fixes): the source opens a <p> the template closes;
    a translation that closes it itself adds no tag a reader would see."""
    assert messages(check(lang, entry(WEIGHT_BAND, target, flags="python-format")), "tags") == []


def test_a_closing_tag_beyond_what_the_source_opens_is_still_an_error():
    """The same entry with a stray </p> more, or a <p> the source does not have, is still reported;
    and a closing tag the source has but the translation drops (django-oscar hu) too."""
    extra = "\n<p>Banda de peso <strong>%(name)s</strong>.</p></p>\n"
    assert messages(check("es", entry(WEIGHT_BAND, extra, flags="python-format")), "tags") == [
        "tag </p> is not in the source"
    ]
    src = "\n<p>Delete category <strong>%(name)s</strong> - are you sure?</p>\n"
    hu = "\n<p><strong>%(name)s</strong> kategória törlése - biztos vagy benne?"
    assert messages(check("hu", entry(src, hu, flags="python-format")), "tags") == [
        "tag </p> is missing from the translation"
    ]


# --------------------------------------------------------------------------- brackets, urls (populations)

CHECK_INS = [
    ("All check-ins", "所有Check-in ( 簽到）"),
    ("Your search did not match any check-ins.", "你的搜索與任何Check-in ( 簽到）都不符合。"),
]


@pytest.mark.parametrize(("source", "target"), CHECK_INS)
def test_a_full_width_parenthesis_may_close_an_ascii_one(source, target):
    """pretix zh_Hant «所有Check-in ( 簽到）» (4 warnings outside the drawn sample): "(" closed by
    the full-width "）" of Chinese typography is a pair, not an unpaired bracket."""
    assert messages(check("zh_Hant", entry(source, target)), "brackets") == []


def test_an_ascii_parenthesis_left_open_in_chinese_is_still_reported():
    assert messages(check("zh_Hant", entry("All check-ins", "所有Check-in ( 簽到")), "brackets") == [
        "unpaired ("
    ]


def test_an_example_domain_given_a_www_is_no_new_url():
    """django-oscar ko (held-out-4 re-run): "The name of the site (eg example.com)" as «사이트 이름(ex.
    www.example.com)»: the source's example, written as a host."""
    e = entry("The name of the site (eg example.com)", "사이트 이름(ex. www.example.com)")
    assert messages(check("ko", e), "urls") == []
    real = entry("The name of the site (eg example.com)", "사이트 이름(ex. www.oscar-shop.kr)")
    assert messages(check("ko", real), "urls") == ["www.oscar-shop.kr is not in the source"]


def test_a_placeholder_for_the_attributes_is_one_attribute():
    """pretix el «<a>%(login_href)s>»: the attributes fall outside the tag — one finding, naming
    %(login_href)s, not a second one for the "s" of the placeholder."""
    src = "you can <a %(login_href)s>log in</a> first"
    found = messages(check("el", entry(src, "μπορείτε πρώτα να <a>%(login_href)s> συνδεθείτε </a>")), "tags")
    assert found == ["attribute login_href of <a> is missing from the translation"]


# --------------------------------------------------------------------------- numbers (not fixed here)

NOT_YET = pytest.mark.xfail(
    strict=True,
    reason="held-out-5's `numbers` classes are left to the numbers work (docs/check.md, held-out-5)",
)


@pytest.mark.parametrize(
    ("lang", "source", "target"),
    [
        ("fr", "2017-05-31 20:00", "31.05.2017 20:00"),
        ("hu", "2017-05-31", "2017.05.31."),
        ("fi", "May 31st, 2017", "31.5.2017"),
        ("de", "Due on 5/31/2017.", "Fällig am 31.5.2017."),
        ("ar", "2017-05-31", "٣١/٠٥/٢٠١٧"),
        ("nl", "12345", "1234 AB"),
        ("lv", "012345", "LV-1111"),
        ("nl", "John Doe\nSesame Street 42\n12345 Any City", "Piet Janssen\nSesamstraat 42\n1234 AB  Amsterdam"),
        ("ja", "Please do not create more than 100.000 dates at once.", "一度に10万以上の日付を作成しないでください。"),
        ("pl", "Please do not create more than 100.000 dates at once.", "Nie należy tworzyć więcej niż 100 000 dat jednocześnie."),
        pytest.param("ja", "Ground floor, Row 3, Seat 4", "1階、3列、席番号4", marks=NOT_YET),
    ],
)
def test_numbers_false_alarms_of_held_out_5(lang, source, target):
    """pretix: an example date in the reader's order (18 of the 24 false `numbers` errors drawn: fixed,
    year, month and day must stay), an example postcode localised, 1階 for the ground floor (strict
    xfails: each fails once fixed, so the marker goes with the fix)."""
    assert messages(check(lang, entry(source, target)), "numbers") == []


@pytest.mark.parametrize(
    ("source", "target", "shown"),
    [
        ("Call 12345 now", "Rufen Sie 12346 an", "12346"),  # an example-looking value changed into a real one
        ("Only 1234 left", "Nur 1243 übrig", "1243"),
        ("Up to 100.000 dates", "Bis zu 10.000 Termine", "10.000"),  # dot-grouped, but a zero lost
    ],
)
def test_a_changed_number_near_the_new_rules_is_still_an_error(source, target, shown):
    found = messages(check("de", entry(source, target)), "numbers")
    assert found and any(shown in m for m in found)


def test_a_changed_year_in_a_localised_date_must_stay_an_error():
    """pretix he «2016» for "2018" and de «31.05.2016» for "2017-05-31": whatever the date rule, a
    changed year is a real error (labelled true)."""
    found = messages(check("de", entry("2017-05-31 22:00", "31.05.2016 22:00")), "numbers")
    assert any("2017" in m for m in found)
