"""The translation checks, one failing and one passing case each (pure: no files)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "check"))
from helpers import glossary, ids, run  # noqa: E402

from l10n.check import REGISTRY, SEVERITIES, Settings  # noqa: E402
from l10n.check.text import source_numbers, target_numbers  # noqa: E402
from l10n.errors import UsageError  # noqa: E402

G = glossary()


def of(check_id: str, source: str, target: str, lang: str = "ar", **kw):
    return [f for f in run(source, target, lang, **kw) if f.check_id == check_id]


# --------------------------------------------------------------------------- registry


def test_every_check_has_an_id_a_severity_and_a_description():
    assert len(REGISTRY) >= 17
    for cid, chk in REGISTRY.items():
        assert chk.id == cid and chk.severity in SEVERITIES
        assert len(chk.summary) > 20 and chk.summary.endswith(".")


# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    "target",
    [
        "قُتل ٥٬٠٠٠ شخص عام ٢٠١٩.",
        "قُتل 5000 شخص عام 2019.",
        "قُتل 5,000 شخص عام ۲۰۱۹.",  # Extended Arabic-Indic digits
        "قُتل ٥٠٠٠ شخص عام ٢٠١٩.",
    ],
)
def test_numbers_in_any_digit_shape_and_grouping_are_equal(target):
    assert of("numbers", "5,000 people were killed in 2019.", target) == []


def test_french_grouping_and_decimal_comma_are_accepted():
    assert (
        of("numbers", "5,000 recruits and a 2.5% rise.", "5 000 recrues et une hausse de 2,5 %.", "fr") == []
    )
    assert of("numbers", "5,000 recruits.", "5\u202f000 recrues.", "fr") == []


def test_arabic_decimal_separator_is_accepted():
    assert of("numbers", "A 2.5% rise.", "ارتفاع بنسبة ٢٫٥٪.") == []


def test_changed_number_is_an_error_highlighting_the_wrong_one():
    [f] = of("numbers", "5,000 people were killed.", "قُتل ٥٠٠ شخص.")
    assert f.severity == "error"
    assert f.msgstr[f.span[0] : f.span[1]] == "٥٠٠"
    assert "5,000" in f.message


def test_missing_and_extra_numbers_are_reported():
    assert "missing" in of("numbers", "On 13 December 2024.", "في كانون الأول ٢٠٢٤.")[0].message
    assert "not in the source" in of("numbers", "Fighting resumed in December.", "استؤنف القتال في ١٣ كانون الأول.")[0].message


def test_numbers_inside_urls_are_left_to_the_url_check():
    assert of("numbers", "See https://x.org/a/2024.", "انظر https://x.org/a/2024.") == []


def test_number_parsing_reads_separators_by_convention():
    assert source_numbers("5,000 and 2.5 and 3.9.2024")[0].values == ("5000",)
    assert [t.values for t in source_numbers("2.5 and 3.9.2024")] == [("2.5",), ("3.9.2024",)]
    assert "5000" in target_numbers("٥٬٠٠٠")[0].values
    assert [t.text for t in target_numbers("en 2015 300 hommes")] == ["2015", "300"]


# --------------------------------------------------------------------------- markup


def test_intact_markup_passes():
    source = "The *SANA* report, see [here](https://x.org) and `a.yaml`."
    target = "تقرير *سانا*، انظر [هنا](https://x.org) و`a.yaml`."
    assert of("markup", source, target) == []


def test_unpaired_emphasis_marker_is_an_error():
    findings = of("markup", "The *SANA* report.", "تقرير *سانا.")
    assert findings and all(f.severity == "error" for f in findings)
    assert any("unpaired" in f.message for f in findings)


def test_changed_link_target_is_an_error():
    [f] = of("markup", "See [the report](https://x.org/a).", "انظر [التقرير](https://x.org/b).")
    assert "https://x.org/b" in f.message
    assert f.msgstr[f.span[0] : f.span[1]] == "](https://x.org/b"


def test_translated_code_span_is_an_error():
    assert of("markup", "Run `make all` now.", "شغّل `اصنع الكل` الآن.")


def test_lost_link_is_an_error():
    assert any("link" in f.message for f in of("markup", "See [the report](https://x.org).", "انظر التقرير."))


def test_intraword_underscore_is_not_markup():
    assert of("markup", "The snake_case name.", "الاسم snake_case.") == []


# --------------------------------------------------------------------------- placeholders


def test_placeholders_kept_in_another_order_pass():
    assert of("placeholders", "%(n)s of {total} for %s", "{total} من %(n)s لـ %s") == []


def test_renamed_placeholder_is_an_error():
    findings = of("placeholders", "Hello %(name)s, {0} new.", "مرحبا %(nom)s، {0} جديدة.")
    assert [f.message.split()[1] for f in findings] == ["%(nom)s", "%(name)s"]


def test_percent_sign_in_prose_is_not_a_placeholder():
    assert of("placeholders", "A 50% rise, 20% of it.", "ارتفاع 50% وعشرون بالمئة منه.") == []


# --------------------------------------------------------------------------- urls


def test_urls_and_emails_copied_pass():
    source = "Write to press@example.org or see https://example.org/a?b=1."
    assert of("urls", source, "راسلوا press@example.org أو انظروا https://example.org/a?b=1.") == []


def test_altered_url_and_email_are_errors():
    findings = of(
        "urls",
        "Write to press@example.org or see www.example.org.",
        "راسلوا press@exemple.org أو www.example.org.",
    )
    assert [f.severity for f in findings] == ["error", "error"]
    assert findings[0].msgstr[findings[0].span[0] : findings[0].span[1]] == "press@exemple.org"


# --------------------------------------------------------------------------- entry state


def test_untranslated_entry_is_info_by_default_and_error_when_required():
    [f] = run("Hello.", "", state="untranslated")
    assert (f.check_id, f.severity) == ("untranslated", "info")
    settings = Settings.from_config({"fail_on_untranslated": True})
    assert [f.severity for f in run("Hello.", "", state="untranslated", settings=settings)] == ["error"]


def test_fuzzy_entry_is_reported_and_only_checked_with_include_fuzzy():
    assert ids(run("5 people.", "٦ أشخاص.", state="fuzzy")) == ["fuzzy"]
    settings = Settings.from_config({}, include_fuzzy=True)
    assert ids(run("5 people.", "٦ أشخاص.", state="fuzzy", settings=settings)) == ["fuzzy", "numbers"]


def test_fail_on_fuzzy_makes_fuzzy_an_error():
    settings = Settings.from_config({"fail_on_fuzzy": True})
    assert [f.severity for f in run("Hi.", "مرحبا.", state="fuzzy", settings=settings)] == ["error"]


# --------------------------------------------------------------------------- copied-source / script


def test_source_copied_into_the_target_is_a_warning():
    [f] = of("copied-source", "The talks resumed.", "The talks resumed.", "fr")
    assert f.severity == "warning"


def test_copied_credit_and_dnt_only_sources_pass():
    assert of("copied-source", "Delil Souleiman/AFP", "Delil Souleiman/AFP", "fr", kind="credit") == []
    assert of("copied-source", "AFP", "AFP", "fr", gloss=G) == []


def test_rtl_target_without_its_script_is_an_error():
    [f] = of("no-target-script", "The talks resumed.", "The talks have resumed.")
    assert f.severity == "error"
    assert of("no-target-script", "The talks resumed.", "The talks have resumed.", "fr") == []


def test_rtl_target_in_its_script_passes():
    assert of("no-target-script", "The talks resumed.", "استؤنفت المحادثات.") == []
    assert of("no-target-script", "Talks resumed.", "השיחות התחדשו.", "he") == []


def test_exact_copy_in_rtl_is_reported_once_as_copied_source():
    assert ids(run("The talks resumed.", "The talks resumed.")) == ["copied-source"]


# --------------------------------------------------------------------------- latin-in-rtl


def test_latin_words_in_arabic_are_info_and_a_warning_when_the_glossary_translates_them():
    [f] = of("latin-in-rtl", "The fighters left the town.", "غادر soldiers البلدة.")
    assert f.severity == "info" and f.msgstr[f.span[0] : f.span[1]] == "soldiers"
    [f] = of("latin-in-rtl", "The AFP reporter left.", "غادر مراسل AFP.", gloss=G)
    assert f.severity == "warning" and f.msgstr[f.span[0] : f.span[1]] == "AFP" and f.term.id == "afp"


def test_legitimate_latin_in_rtl_is_not_reported():
    """Acronyms, identifiers and the source's own Latin words (issue 16: 0 of 13 sampled were real)."""
    cases = [
        ("CSRF verification failed.", "فشل التحقق من CSRF."),
        ("Enter a valid IPv4 address.", "أدخل عنوان IPv4 صالحاً."),
        ("KOI8-U encoding", "ترميز KOI8-U"),
        ("LogEntry Object", "كائن LogEntry"),
        ("Please install docutils", "لطفاً docutils نصب کنید"),
        ("Set DEBUG=True in settings.", "اضبط DEBUG=True في الإعدادات."),
        ("Could not load %s.dll", "تعذر تحميل %s.dll"),
        ("Invalid hashing algorithm.", "خوارزمية البعثرة (hashing) غير معروفة."),
    ]
    for source, target in cases:
        lang = "fa" if "نصب" in target else "ar"
        assert of("latin-in-rtl", source, target, lang) == [], (source, target)


def test_allowed_latin_in_arabic_passes():
    assert of("latin-in-rtl", "Shares rose on the Nasdaq.", "ارتفعت الأسهم في Nasdaq.", gloss=G) == []
    assert of("latin-in-rtl", "See https://x.org and `cfg`.", "انظر https://x.org و`cfg`.") == []
    settings = Settings.from_config({"allow_latin": ["BBC"]})
    assert of("latin-in-rtl", "The BBC said.", "قالت BBC.", settings=settings) == []


def test_dnt_term_is_allowed_in_arabic_when_dnt_for_arabic():
    from l10n.glossary import Glossary, Term

    g = Glossary((Term("x", "Xinhua", dnt=True),))
    assert of("latin-in-rtl", "Xinhua said.", "قالت Xinhua.", gloss=g) == []


# --------------------------------------------------------------------------- typography


def test_double_space_is_a_warning():
    [f] = of("double-space", "The talks resumed.", "استؤنفت  المحادثات.")
    assert f.msgstr[f.span[0] : f.span[1]] == "  "
    assert of("double-space", "The talks resumed.", "استؤنفت المحادثات.") == []


def test_whitespace_mismatch_at_the_ends_is_a_warning():
    assert [f.message for f in of("whitespace", "Talks resumed.", " استؤنفت المحادثات. ")] == [
        "leading whitespace added",
        "trailing whitespace added",
    ]
    assert of("whitespace", "Talks resumed.", "استؤنفت المحادثات.") == []


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("Who did it?", "من فعلها؟"),
        ("First,", "أولاً،"),
        ("As follows;", "كما يلي؛"),
        ("He said: “no.”", "قال: «لا.»"),
        ("A heading", "عنوان"),
        ("Wait...", "انتظر…"),
    ],
)
def test_arabic_punctuation_counts_as_its_latin_equivalent(source, target):
    assert of("end-punctuation", source, target) == []


def test_different_end_punctuation_is_a_warning():
    [f] = of("end-punctuation", "Who did it?", "من فعلها.")
    assert f.severity == "warning" and f.span == (8, 9)
    assert of("end-punctuation", "The talks resumed.", "استؤنفت المحادثات")


@pytest.mark.parametrize(
    "target", ["قال (المتحدث باسمها) إن.", "قال «المتحدث» إن.", "قال [هذا] إن.", "„Ja“, sagte er."]
)
def test_balanced_brackets_and_quotes_pass(target):
    assert of("brackets", "He (the spokesman) said “yes”.", target) == []


@pytest.mark.parametrize("target", ["قال (المتحدث باسمها إن.", "قال «المتحدث إن.", "قال المتحدث) إن."])
def test_unbalanced_brackets_or_quotes_are_a_warning(target):
    [f] = of("brackets", "He (the spokesman) said “yes”.", target)
    assert f.severity == "warning" and f.span is not None


@pytest.mark.parametrize(
    ("source", "target", "lang"),
    [
        # Django's ky and eu catalogues: "][" read as a reference link cut one "]" off a format mask
        (
            "“%(value)s” value has an invalid format. It must be in [DD] [[HH:]MM:]ss[.uuuuuu] format.",
            "“%(value)s” мааниси туура эмес форматта. Ал [КК][[CC:]MM:]cc[.дддддд] форматта болуусу керек.",
            "ky",
        ),
        (
            "“%(value)s” value has an invalid format. It must be in [DD] [[HH:]MM:]ss[.uuuuuu] format.",
            '"%(value)s" balioa formatu okerra dauka. [EE][[OO:]MM:]ss[.uuuuuu] formatua izan behar du.',
            "eu",
        ),
    ],
)
def test_brackets_that_pair_up_as_written_are_not_unpaired_by_masking(source, target, lang):
    assert of("brackets", source, target, lang) == []


def test_unbalanced_source_excuses_the_target():
    assert of("brackets", "1) First point", "1) النقطة الأولى") == []


# --------------------------------------------------------------------------- disabling


def test_translator_comment_disables_named_checks_for_one_entry():
    findings = run(
        "5 people, see https://x.org", "٦ أشخاص، انظر https://y.org", tcomment="l10n-ignore: numbers, urls"
    )
    assert "numbers" not in ids(findings) and "urls" not in ids(findings)


def test_flag_disables_a_check_for_one_entry():
    findings = run("5 people.", "٦ أشخاص.", flags=("l10n-ignore-numbers",))
    assert "numbers" not in ids(findings)
    assert ids(run("5 people.", "٦ أشخاص.", flags=("l10n-ignore",))) == []


def test_project_settings_disable_and_change_severity():
    settings = Settings.from_config({"disable": ["numbers"], "severity": {"end-punctuation": "error"}})
    findings = run("5 people.", "٦ أشخاص", settings=settings)
    assert ids(findings) == ["end-punctuation"] and findings[0].severity == "error"


def test_severity_off_disables_a_check():
    settings = Settings.from_config({"severity": {"numbers": "off"}})
    assert "numbers" not in ids(run("5 people.", "٦ أشخاص.", settings=settings))


def test_run_options_disable_and_select_checks():
    assert "numbers" not in ids(
        run("5 people.", "٦ أشخاص", settings=Settings.from_config({}, disable=["numbers"]))
    )
    assert ids(run("5 people.", "٦ أشخاص", settings=Settings.from_config({}, only=["numbers"]))) == [
        "numbers"
    ]


@pytest.mark.parametrize(
    "table",
    [{"disable": ["numbrs"]}, {"severity": {"numbers": "fatal"}}, {"disabel": []}, {"fail_on": "sometimes"}],
)
def test_bad_settings_are_usage_errors(table):
    with pytest.raises(UsageError):
        Settings.from_config(table)


def test_mask_equals_blanking_every_pattern_over_the_original_text():
    """``mask`` blanks entities, escapes and placeholders one after the other; a second implementation
    blanks all their matches in the original text at once.  Judged on every string of the vendored real
    catalogues and on strings built to make the patterns touch."""
    from pathlib import Path

    from l10n.catalog import parse_po
    from l10n.check.text import ENTITY_RE, ESCAPE_RE, MASK, PLACEHOLDER_RE, blank, mask

    def reference(text: str) -> str:
        text = blank(text)
        chars = list(text)
        for pattern in (ENTITY_RE, ESCAPE_RE, PLACEHOLDER_RE):
            for m in pattern.finditer(text):
                chars[m.start() : m.end()] = MASK * (m.end() - m.start())
        return "".join(chars)

    texts = {"&#37;(name)s", "%%(a)s &amp; {x:&amp;} \\x41%d", "\\u201c%s\\u201d &#8212; {0}{1}", "%(a)s%(b)d&lt;"}
    for path in sorted((Path(__file__).parent / "fixtures" / "po_corpus").rglob("*.po")):
        for m in parse_po(path.read_bytes(), str(path)).messages:
            texts.update((m.msgid, m.msgstr, *m.msgstr_plural))
    assert len(texts) > 5000
    assert [t for t in texts if mask(t) != reference(t)] == []


def test_placeholder_texts_are_the_texts_of_the_placeholders_found():
    """The placeholders check's shortcut (one findall) against the full scanner, on every string of the
    vendored real catalogues and on strings with escapes and doubled markers."""
    from l10n.catalog import parse_po
    from l10n.check.formats import placeholder_texts, scan_placeholders

    texts = {"100%% %(a)s %5% %-5.2f %1$s %ld", "{{x}} {0} {name!r:>10} {} }}{{", "%(a)s%%(b)s {a{b}c}"}
    for path in sorted((Path(__file__).parent / "fixtures" / "po_corpus").rglob("*.po")):
        for m in parse_po(path.read_bytes(), str(path)).messages:
            texts.update((m.msgid, m.msgstr, *m.msgstr_plural))
    for syntax in ("printf", "brace"):
        assert [t for t in texts if placeholder_texts(t, syntax) != [p.text for p in scan_placeholders(t, syntax)]] == []
    assert placeholder_texts("%s {x}", "loose") is None
