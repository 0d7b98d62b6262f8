"""The number and mask-hint patterns of l10n.check.text are written for speed (they start with the
character set they consume, the look-behind after it); each must find exactly what its plain spelling,
look-behind first, finds."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.check import text

_D = r"\d"
_SPACE_GROUP = rf"[ \u00a0\u202f\u2009](?=[{_D}]{{3}}(?![{_D}]))"
_SLASH = r"(?<=[\u0660-\u0669\u06f0-\u06f9])/(?=[\u0660-\u0669\u06f0-\u06f9])"
#: The same patterns as first written (look-behind first).
PLAIN = {
    "_SOURCE_NUM": re.compile(rf"(?<![{_D}])[0-9]+(?:[,.][0-9]+)*"),
    "_TARGET_NUM": re.compile(
        rf"(?<![{_D}])[{_D}]+(?:(?:[,.\u066b\u066c'’]|{_SLASH}|{_SPACE_GROUP})[{_D}]+)*"
    ),
    "_FAST_SOURCE": re.compile(r"(?<![0-9])[0-9]+(?:[,.][0-9]+)*"),
    "_FAST_TARGET": re.compile(rf"(?<![{_D}])[{_D}]+(?:[,.\u066b\u066c][{_D}]+)*"),
}
PLAIN_HINT = re.compile(r"://|www\.|@|`|\]\(|<|%|\{|&|\\", re.IGNORECASE)

# ASCII, Arabic-Indic, Persian, Devanagari, Thai and mathematical (astral) digits, separators, letters
ALPHABET = (
    list("0123456789") + list("٠٣٩۴۷१๓𝟙𝟚") + list(",.'’/ -ab") + ["\u066b", "\u066c", "\u00a0", "\u202f"]
)
HINT_ALPHABET = list(":/wW.@`](<%{&\\ax") + ["Ｗ", "ẃ", "www.", "wWw", "://", "]("]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(ALPHABET), max_size=16).map("".join))
def test_number_patterns_find_what_their_plain_spelling_finds(value):
    for name, plain in PLAIN.items():
        fast = getattr(text, name)
        assert [m.span() for m in fast.finditer(value)] == [m.span() for m in plain.finditer(value)], name


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(HINT_ALPHABET), max_size=10).map("".join))
def test_mask_hint_answers_as_its_plain_spelling(value):
    assert bool(text._MASK_HINT.search(value)) == bool(PLAIN_HINT.search(value))


def test_examples():
    for value in ["5,000 and ٥٬٠٠٠", "x9 12a3", "۲/۵", "5 000 000", "WWW.example.org", "a](b", "50%"]:
        test_number_patterns_find_what_their_plain_spelling_finds.hypothesis.inner_test(value)
        test_mask_hint_answers_as_its_plain_spelling.hypothesis.inner_test(value)
