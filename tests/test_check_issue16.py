"""Issue 16: each false-positive class found on real catalogues, and each class pofilter found that
``l10n check`` missed.  Every entry here is (or is cut from) a real Django/Sphinx catalogue entry of the
corpus; each test failed on the checks as they were before the issue.
"""

from __future__ import annotations

import pytest

from l10n.check import Settings, check_catalogue, lang_rules, parse_catalogue
from l10n.glossary import Glossary

HEADERS = {
    "ar": "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 && n%100<=99 ? 4 : 5;",
    "he": "nplurals=4; plural=(n == 1 && n % 1 == 0) ? 0 : (n == 2 && n % 1 == 0) ? 1: 2;",
    "fr": "nplurals=2; plural=(n > 1);",
    "ja": "nplurals=1; plural=0;",
    "de": "nplurals=2; plural=(n != 1);",
    "fa": "nplurals=2; plural=(n > 1);",
}


def _q(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def po(lang: str, *entries: str) -> bytes:
    head = (
        'msgid ""\nmsgstr ""\n'
        f'"Language: {lang}\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        f'"Plural-Forms: {HEADERS.get(lang, "nplurals=2; plural=(n != 1);")}\\n"\n\n'
    )
    return (head + "\n".join(entries)).encode("utf-8")


def entry(msgid: str, msgstr: str, flags: str = "") -> str:
    flag = f"#, {flags}\n" if flags else ""
    return f"{flag}msgid {_q(msgid)}\nmsgstr {_q(msgstr)}\n"


def plural(msgid: str, msgid_plural: str, *forms: str, flags: str = "python-format") -> str:
    out = f"#, {flags}\nmsgid {_q(msgid)}\nmsgid_plural {_q(msgid_plural)}\n"
    return out + "".join(f"msgstr[{i}] {_q(s)}\n" for i, s in enumerate(forms))


def messages(findings, check_id: str) -> list[str]:
    """The messages of *check_id*'s findings (the held-out tests ask about one check at a time)."""
    return [f.message for f in findings if f.check_id == check_id]


def check(lang: str, *entries: str, severities=("error", "warning"), **settings):
    catalogue = parse_catalogue(po(lang, *entries), "x.po")
    gloss = Glossary()
    s = Settings.from_config(settings)
    result = check_catalogue(catalogue, lang_rules(lang, gloss, accelerators=s.accelerators), gloss, s)
    return [f for f in result.findings if f.severity in severities]


def ids(findings) -> list[str]:
    return [f.check_id for f in findings]


# --------------------------------------------------------------------------- plural forms


def test_arabic_zero_one_two_forms_may_omit_the_count():
    """django/contrib/admin ar: «لا نتائج», «نتيجة واحدة», «نتيجتان» rightly have no %(counter)s."""
    e = plural(
        "%(counter)s result",
        "%(counter)s results",
        "لا نتائج",
        "نتيجة واحدة",
        "نتيجتان",
        "%(counter)s نتائج",
        "%(counter)s نتيجة",
        "%(counter)s نتيجة",
    )
    assert check("ar", e) == []


def test_hebrew_singular_and_dual_forms_may_omit_the_count():
    e = plural("%(num)d year", "%(num)d years", "שנה", "שנתיים", "%(num)d שנים", "%(num)d שנים")
    assert check("he", e) == []


def test_plural_forms_are_compared_with_the_union_of_msgid_and_msgid_plural():
    """humanize ar: msgid "an hour ago" has no count, msgid_plural does; the zero form «منذ %(count)s
    ساعة» was an error ("not in the source") and the one form «منذ ساعة» another ("missing")."""
    e = plural(
        "an hour ago",
        "%(count)s hours ago",
        "منذ %(count)s ساعة",
        "منذ ساعة",
        "منذ ساعتين",
        "منذ %(count)s ساعات",
        "منذ %(count)s ساعة",
        "منذ %(count)s ساعة",
    )
    assert check("ar", e) == []


def test_a_form_for_many_counts_must_keep_the_count_and_every_other_placeholder():
    e = plural(
        "%(count)s %(name)s was changed.",
        "%(count)s %(name)s were changed.",
        "%(name)s modifié",
        "%(count)s modifiés",
    )
    found = [f for f in check("fr", e) if f.check_id == "placeholders"]
    assert sorted(f.message for f in found) == [
        "placeholder %(count)s is missing from the translation",
        "placeholder %(name)s is missing from the translation",
    ]


def test_python_sequential_count_cannot_be_omitted_even_for_one_number():
    """``"لا ملفات" % n`` raises TypeError in Python: an unnamed %d must stay in every form."""
    e = plural("%d file", "%d files", "لا ملفات", "ملف واحد", "ملفان", "%d ملفات", "%d ملفا", "%d ملف")
    assert {f.message for f in check("ar", e)} == {"placeholder %d is missing from the translation"}


# --------------------------------------------------------------------------- false-positive classes


@pytest.mark.parametrize(
    "lang,msgid,msgstr",
    [
        ("ar", "CSRF verification failed. Request aborted.", "تم الفشل للتحقق من CSRF. تم إنهاء الطلب."),
        ("ar", "Enter a valid IPv4 address.", "أدخل عنوان IPv4 صحيح."),
        ("ar", "LogEntry Object", "كائن LogEntry"),
        ("ar", "Hold down “Control”, or “Command” on a Mac, to select more than one.",
         "اضغط مفتاح ”Control“ أو ”Command“ على أجهزة ماك مطوّلًا لتحديد أكثر من عنصر."),
        ("fa", "Please install docutils", "لطفاً docutils نصب کنید"),
        ("fa", "Django administration", "مدیریت Django"),
        ("ur", "Boolean (Either True or False)", "بولین (True یا False)"),
        ("ar", "Invalid password format or unknown hashing algorithm.",
         "صيغة كلمة المرور غير صحيحة أو أن خوارزمية البعثرة (hashing) غير معروفة."),
        ("ar", "WKT debugging window:", "نافذة تدقيق WKT:"),
    ],
)  # fmt: skip
def test_latin_that_rtl_text_rightly_keeps_is_not_a_warning(lang, msgid, msgstr):
    assert check(lang, entry(msgid, msgstr)) == []


def test_other_latin_in_rtl_is_info_unless_configured_up():
    e = entry("Please select the checkbox.", "الرجاء تحديد خانة checkbox.")
    e2 = entry("The file was saved.", "تم حفظ document.")
    assert check("ar", e, e2) == []
    assert ids(check("ar", e2, severities=("info",))) == ["latin-in-rtl"]
    assert ids(check("ar", e2, severity={"latin-in-rtl": "warning"})) == ["latin-in-rtl"]


@pytest.mark.parametrize(
    "lang,msgid,msgstr",
    [
        ("ar", "Past 7 days", "الأيام السبعة الماضية"),
        ("ar", "2 Columns", "عمودان"),
        ("ar", "1st", "الأولى"),
        ("ja", "September", "9月"),
        ("ja", "Noon", "12時"),
        ("de", "6 p.m.", "18 Uhr"),
        ("ar", "0 of %(cnt)s selected", "لا شيء محدد من %(cnt)s"),
        ("ja", "Zoom _1:1", "ズーム 1:1(_1)"),  # the accelerator key, CJK style
        ("fr", "6 p.m.", "18:00"),
    ],
)
def test_numbers_written_as_words_or_clock_digits_are_not_errors(lang, msgid, msgstr):
    flags = "python-format" if "%(" in msgid else ""
    assert "numbers" not in ids(check(lang, entry(msgid, msgstr, flags)))


def test_a_changed_number_is_still_an_error():
    assert ids(check("ar", entry("Past 30 days", "آخر 31 يوماً"))) == ["numbers"]


def test_placeholders_inside_backticks_are_placeholders():
    """admindocs fa: `%(app_label)s.%(data_type)s` rendered as «…» kept both placeholders."""
    e = entry(
        "the related `%(app_label)s.%(data_type)s` object",
        "شیء «%(app_label)s.%(data_type)s» مرتبط",
        "python-format",
    )
    assert check("fa", e) == []


def test_an_ordinal_suffix_alone_is_not_english_left_in_rtl():
    """humanize ar: "{}th" → "{}": Arabic has no ordinal suffix to write."""
    assert check("ar", entry("{}th", "{}", "python-brace-format")) == []


@pytest.mark.parametrize("msgstr", ["\u202bتم الحفظ.\u202c", "\u202bتم الحفظ\u202c."])
def test_a_bidi_pop_around_the_full_stop_is_not_lost_punctuation(msgstr):
    assert check("ar", entry("Saved.", msgstr)) == []


def test_an_abbreviation_dot_is_not_a_full_stop():
    assert check("ur", entry("p.m.", "شام"), entry("Sept.", "ستمبر")) == []


def test_a_french_ordinal_in_sup_is_not_a_tag_error():
    assert check("fr", entry("{}th", "{}<sup>e</sup>", "python-brace-format")) == []


def test_one_word_copies_are_info():
    """German "April", "Filter" are German words too."""
    assert check("de", entry("April", "April"), entry("Filter", "Filter")) == []


# --------------------------------------------------------------------------- classes pofilter found


def test_escapes_a_literal_backslash_quote_shown_to_users():
    found = check("ar", entry('Click "Save".', 'انقر \\"حفظ\\".'))
    assert "escapes" in ids(found)


def test_tags_compare_attributes_not_only_names():
    e = entry(
        'See the <a href="/docs/" class="ref">documentation</a>.',
        'راجع <a href="/doc/" class="ref">الوثائق</a>.',
    )
    [f] = check("ar", e)
    assert f.check_id == "tags" and 'href="/docs/"' in f.message


def test_a_broken_url_scheme_is_an_error():
    """django/contrib/redirects hsb/ta: “https://” became "https:/" or "http"//"."""
    e = entry("… a full URL starting with a scheme such as “https://”.", "… z \"https:/\" započina.")
    assert ids(check("fr", e)) == ["urls"]
    e = entry("a full URL starting with 'http://'.", "une URL complète commençant par « http:// ».")
    assert check("fr", e) == []


def test_tags_allow_translated_titles():
    e = entry(
        '<abbr title="World Health Organization">WHO</abbr> said.',
        '<abbr title="منظمة الصحة">WHO</abbr> قالت.',
    )
    assert "tags" not in ids(check("ar", e))


def test_newlines_a_dropped_trailing_newline_is_an_error():
    [f] = check("fr", entry("Done.\n", "Terminé.", "c-format"))
    assert f.check_id == "newlines" and f.severity == "error"


def test_newlines_added_to_a_one_line_message_are_a_warning_rewrapping_is_info():
    [f] = check("fr", entry("One. Two.", "Un.\nDeux.", "c-format"))
    assert f.check_id == "newlines" and f.severity == "warning"
    rewrapped = entry(
        "A long line of help\ntext, wrapped.", "Une longue ligne\nd'aide,\nrepliée.", "c-format"
    )
    assert check("fr", rewrapped) == []
    assert ids(check("fr", rewrapped, severities=("info",))) == ["newlines"]


def test_accelerators_missing_or_doubled():
    assert ids(check("fr", entry("_File", "Fichier"))) == ["accelerators"]
    assert ids(check("fr", entry("&Open", "&Ouvrir"))) == []
    assert ids(check("ja", entry("_File", "ファイル(_F)"))) == []
    assert "accelerators" in ids(check("fr", entry("_Open", "_Ouvrir _fichier")))
    assert check("fr", entry("snake_case and AT&T", "snake_case et AT&T")) == []


def test_accelerator_markers_are_configurable():
    assert ids(check("fr", entry("~Open", "Ouvrir"), accelerators=["~"])) == ["accelerators"]
    assert check("fr", entry("_File", "Fichier"), accelerators=["~"]) == []


@pytest.mark.parametrize(
    "flags,msgid,msgstr,ok",
    [
        ("c-format", "%s of %d", "%2$d sur %1$s", True),  # numbered: reordering allowed
        ("python-format", "%s of %d", "%d sur %s", False),  # filled in order: swapped values
        ("python-format", "%(a)s of %(b)s", "%(b)s sur %(a)s", True),
        ("python-brace-format", "{} of {}", "{} sur {}", True),
        ("python-brace-format", "{0} of {1}", "{1} sur {0}", True),
        ("python-format", "50%% of {name}", "50 %% de {name}", True),  # braces are text in python-format
        ("python-brace-format", "%s and {name}", "et {name}", True),  # %s is text in brace format
        ("qt-format", "%1 of %2", "%2 sur %1", True),
        ("qt-format", "%1 of %2", "%1 sur", False),
    ],
)
def test_placeholders_follow_the_format_flag(flags, msgid, msgstr, ok):
    found = [f for f in check("fr", entry(msgid, msgstr, flags)) if f.check_id == "placeholders"]
    assert (found == []) == ok, found


def test_an_unknown_locale_is_a_warning_for_that_catalogue_not_an_abort():
    catalogue = parse_catalogue(po("udm", entry("Save", "Ӵектыны")), "udm.po")
    gloss = Glossary()
    result = check_catalogue(catalogue, lang_rules("udm", gloss), gloss, Settings())
    assert [f.check_id for f in result.findings] == ["unknown-language"]
    for code in ("sr@latin", "ca@valencia", "zh_CN", "zh_TW.Big5"):
        assert lang_rules(code, gloss).note == "", code


# --------------------------------------------------------------------------- plural facts, parallel runs


def test_form_numbers_come_from_the_header_else_from_cldr():
    from l10n.check.plurals import form_numbers

    ar = form_numbers(HEADERS["ar"])
    assert [sorted(f)[:3] for f in ar[:3]] == [[0], [1], [2]] and 3 in ar[3] and 11 in ar[4] and 100 in ar[5]
    fr = form_numbers("nplurals=2; plural=(n > 1);")
    assert fr[0] == {0, 1} and 2 in fr[1]
    assert form_numbers("garbage", "ar") == form_numbers("", "ar") != None  # noqa: E711 - CLDR's rules
    assert [len(f) for f in form_numbers("", "ar")[:3]] == [1, 1, 1]
    assert form_numbers("garbage", "xx-unknown") is None


def test_parallel_runs_give_the_same_report(tmp_path):
    import shutil
    from pathlib import Path

    from l10n.check import check_catalogues

    sample = Path(__file__).parent / "data" / "check_sample"
    items = []
    for p in sorted(sample.rglob("*.po"))[:8]:
        code = p.parent.parent.name
        items.append((str(p), p.relative_to(sample).as_posix(), code))
    one = check_catalogues(items, Glossary(), Settings())
    two = check_catalogues(items, Glossary(), Settings(), jobs=2)
    assert [(c.path, c.findings) for c in one.catalogues] == [(c.path, c.findings) for c in two.catalogues]
    from l10n.check.cache import ResultCache

    cache = ResultCache(tmp_path / "c")
    cached = check_catalogues(items, Glossary(), Settings(), jobs=2, cache=cache)
    again = check_catalogues(items, Glossary(), Settings(), cache=cache)
    assert [c.findings for c in cached.catalogues] == [c.findings for c in again.catalogues] == [
        c.findings for c in one.catalogues
    ]
    assert cache.hits == len(items)
    shutil.rmtree(tmp_path / "c")
