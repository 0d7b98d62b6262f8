"""Languages: CLDR validation, direction and script, judged against real translations.

The Django admin catalogues (BSD, translated by Django's translators, unpacked under /work/corpus) are
the labelled sample: the letters translators actually typed say which script and direction a language
uses, independently of CLDR and of our code.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from pathlib import Path

import polib
import pytest

from l10n.errors import UsageError
from l10n.lang import get_language, has_script_letters, script_of

CORPUS = Path("/work/corpus/src/django/contrib/admin/locale")
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="the .po corpus is not unpacked at /work/corpus")

#: ISO 15924 code -> prefix of the Unicode names of its letters (our own table is not the judge).
UNICODE_NAMES = {"Arab": "ARABIC", "Hebr": "HEBREW", "Cyrl": "CYRILLIC", "Latn": "LATIN", "Grek": "GREEK",
                 "Deva": "DEVANAGARI", "Thai": "THAI", "Geor": "GEORGIAN", "Armn": "ARMENIAN"}


def typed_letters(code: str) -> Counter[str]:
    """Per Unicode script-name prefix, the letters of the translations of *code*'s admin catalogue."""
    po = polib.pofile(str(CORPUS / code / "LC_MESSAGES" / "django.po"))
    counts: Counter[str] = Counter()
    for entry in po.translated_entries():
        for ch in entry.msgstr:
            if ch.isalpha():
                counts[unicodedata.name(ch, "?").split()[0]] += 1
    return counts


@needs_corpus
@pytest.mark.parametrize("code", ["ar", "ar_DZ", "fa", "ur", "ug", "ckb", "he", "ru", "sr", "sr_Latn", "uz",
                                  "el", "hi", "th", "ka", "hy", "fr", "tk"])
def test_script_and_direction_agree_with_what_translators_typed(code):
    letters = typed_letters(code)
    dominant = letters.most_common(1)[0][0]
    language = get_language(code)
    assert UNICODE_NAMES[language.script] == dominant, (code, language.script, letters.most_common(3))
    assert script_of(code) == language.script
    bidi = Counter(unicodedata.bidirectional(ch) for ch in "".join(
        e.msgstr for e in polib.pofile(str(CORPUS / code / "LC_MESSAGES" / "django.po")).translated_entries()
    ) if ch.isalpha())
    assert language.rtl == (bidi["R"] + bidi["AL"] > bidi["L"]), code


@needs_corpus
def test_has_script_letters_finds_the_target_script_in_real_translations():
    po = polib.pofile(str(CORPUS / "ar" / "LC_MESSAGES" / "django.po"))
    translated = [e.msgstr for e in po.translated_entries() if any(c.isalpha() for c in e.msgstr)]
    assert sum(has_script_letters(t, "Arab") for t in translated) / len(translated) > 0.95
    assert not has_script_letters("Delete selected users", "Arab")


@pytest.mark.parametrize("code", ["", "xx_YY_ZZ_", "../ar", "ar;rm", "zz"])
def test_bad_codes_are_usage_errors(code):
    with pytest.raises(UsageError):
        get_language(code)


def test_codes_are_normalised_to_the_gettext_form():
    assert get_language("ar-SY").code == get_language("ar_SY").code == "ar_SY"
    assert get_language("pt-br").code == "pt_BR"


def test_language_facts_equal_babels_merged_locale_data():
    """get_language reads direction and plural rules along the CLDR chain without merging (speed):
    judged against Babel's own merged Locale for a sample of every kind of identifier it knows."""
    from babel import Locale, localedata
    from babel.plural import to_gettext

    from l10n.lang import _OPERANDS, _PLURAL_OVERRIDES, get_language

    ids = localedata.locale_identifiers()
    tricky = ["ar", "ar_SY", "fa_AF", "he", "ur_IN", "sr_Latn", "zh_Hant_TW", "ks_Deva", "ff_Adlm", "pa_Arab", "uz_Arab", "en_GB"]
    sample = sorted({*ids[::5], *(t for t in tricky if t in ids)})
    checked = 0
    for code in sample:
        try:
            lang = get_language(code)
        except UsageError:
            continue
        loc = Locale.parse(code)
        expr = _PLURAL_OVERRIDES.get(loc.language) or _OPERANDS.sub(
            lambda m: "n" if m.group(1) == "i" else "0", to_gettext(loc.plural_form)
        )
        expr = expr if expr.endswith(";") else expr + ";"
        names = (loc.get_display_name("en") or str(loc), loc.get_display_name() or str(loc))
        want = (loc.character_order == "right-to-left", expr, *names)
        assert (lang.rtl, lang.plural_forms, lang.name, lang.native_name) == want, code
        checked += 1
    assert checked > 200


def test_direction_from_the_script_equals_cldr_character_order_for_every_locale():
    """``Language.rtl`` comes from the script (no locale file read); CLDR's own ``character_order``,
    read along each locale's inheritance chain, is the judge, for all of Babel's locales."""
    from babel import localedata

    from l10n.lang import _cldr_value

    checked = 0
    for code in localedata.locale_identifiers():
        try:
            lang = get_language(code)
        except UsageError:
            continue
        assert lang.rtl == (_cldr_value(code, "character_order") == "right-to-left"), code
        checked += 1
    assert checked > 1000


def test_cldr_facts_are_read_without_importing_babel_dates():
    """babel.dates asks pytz for the local zone when imported (600 file stats): reading a language's
    plural rules must not import it."""
    import subprocess
    import sys

    code = (
        "import sys; from l10n.lang import plural_forms, get_language; "
        "print(plural_forms('en'), plural_forms('ar_SY'), get_language('fa').rtl, 'babel.dates' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out[-2:] == ["True", "False"]
    assert "nplurals=2;" in out and "nplurals=6;" in out
