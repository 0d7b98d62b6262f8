"""The translation checks (glossary ones live in :mod:`l10n.check.glossary_checks`).

One function per check; the decorator gives its id and default severity, the docstring's first
paragraph is what users read (``l10n check --list-checks``, SARIF rule descriptions, docs/check.md).
Each is pure: it reads the :class:`~l10n.check.base.EntryContext` and yields findings.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from l10n.check.base import FUZZY, UNTRANSLATED, EntryContext, Finding, check
from l10n.check.markup import profile, signature
from l10n.check.text import (
    ALL_DIGITS,
    LATIN_WORD_RE,
    LETTER_RE,
    MASK,
    find_urls,
    link_key,
    match_numbers,
    number_key,
    same_numbers,
    source_numbers,
    target_numbers,
)

__all__: list[str] = []  # checks are reached through the registry

# --------------------------------------------------------------------------- entry state


@check("untranslated", "info", states=(UNTRANSLATED,), category="completeness")
def untranslated(ctx: EntryContext) -> Iterator[Finding]:
    """The entry has no translation yet.

    ``l10n build`` shows the English sentence instead.  Reported as info so work in progress does not
    fail CI; set ``fail_on_untranslated = true`` (or ``severity = {untranslated = "error"}``) in
    ``[tool.l10n.check]`` to require complete catalogues.
    """
    yield ctx.finding("untranslated", "not translated yet")


@check("fuzzy", "info", states=(FUZZY,), category="completeness")
def fuzzy(ctx: EntryContext) -> Iterator[Finding]:
    """The translation is marked fuzzy: a machine or merge proposal nobody has approved.

    Fuzzy translations are not used by ``l10n build``; other checks skip them unless
    ``--include-fuzzy``.  Set ``fail_on_fuzzy = true`` to make them errors.
    """
    yield ctx.finding("fuzzy", "fuzzy translation awaiting review")


# --------------------------------------------------------------------------- content


#: A source number a translation may well write as a word: small counts ("7 days" → «سات دن»,
#: "2 Columns" → «عمودان») and ordinals ("1st" → «الأولى»).
_WORDABLE_MAX = 12
_ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th)\b", re.IGNORECASE)
#: Up to this many words, a source without digits is a label whose number may become digits.
_LABEL_WORDS = 3
_AM_PM = re.compile(r"\s*([ap])\.?\s?m\b", re.IGNORECASE)
#: Languages whose everyday clock counts the hours from dawn (6 a.m. is "saa 12", 7 a.m. "saa 1").
_DAWN_CLOCK = frozenset({"sw", "am"})


def _clock_hours(hour: int, meridiem: str, lang: str) -> frozenset[str]:
    """How a translation may write the hour *hour* a.m./p.m.: on a 24-hour clock ("6 p.m." is 18:00)
    or, in Swahili and Amharic, on the clock that starts at dawn ("6 a.m." is saa 12).

    >>> sorted(_clock_hours(6, "a", "sw")), sorted(_clock_hours(6, "p", "de"))
    (['12', '6'], ['18'])
    """
    h24 = hour % 12 + (12 if meridiem in "pP" else 0)
    out = {str(h24)}
    if lang.split("_", 1)[0].split("@", 1)[0] in _DAWN_CLOCK:
        out.add(str((h24 - 7) % 12 + 1))
    return frozenset(out)


_WORDS = (
    [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
    ],
    [
        "_",
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
    ],
    [
        "_",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ],
)
#: English words that stand for a number a translation may write in digits ("two options" → 2つ).
_NUMBER_WORDS = {w: str(i) for table in _WORDS for i, w in enumerate(table) if w != "_"}
_NUMBER_WORDS.update(
    {"noon": "12", "midnight": "0", "once": "1", "twice": "2", "dozen": "12", "hundred": "100", "null": "0"}
)
_WORD_RE = re.compile(r"[A-Za-z]+")


def _word_values(source: str) -> frozenset[str]:
    return frozenset(v for w in _WORD_RE.findall(source.lower()) if (v := _NUMBER_WORDS.get(w)) is not None)


def _wordable(tok, source: str) -> bool:
    if _ORDINAL_SUFFIX.match(source, tok.end):
        return True
    value = tok.values[0]
    return value.isdigit() and int(value) <= _WORDABLE_MAX


def _calling_code(text: str, tok) -> bool:
    """Whether *tok* is a country calling code ("+1", "+49", "+972"): one to three digits after a
    "+" that starts a word.  An example phone number's code is the reader's own in a translation."""
    i = tok.start
    return (
        i > 0
        and text[i - 1] in "+\uff0b"
        and (i == 1 or not text[i - 2].isalnum())
        and 1 <= tok.end - i <= 3
    )


def _numeronym(text: str, tok) -> bool:
    """Whether *tok* is the count inside a numeronym (I18N, L10N, A11Y, K8s): letters on both sides.
    A translation writes the word out («l'internationalisation»), so the number goes with it."""
    return tok.start > 0 and tok.end < len(text) and text[tok.start - 1].isalpha() and text[tok.end].isalpha()


def _minutes_at(target: str, i: int) -> bool:
    """Whether the "00" at *i* are the minutes of a time: after ":" or "." ("6:00"), or after an hour
    written with a letter between ("6h00" in French, "6e00" in Breton, "18ч00")."""
    before = target[i - 1]
    return before in ":.h" or (i >= 2 and before.isalpha() and target[i - 2].isdigit())


_MONTH_NUMBERS = {m: i for i, m in enumerate(_WORDS[2]) if m != "_"}
_MONTHS = "|".join(_MONTH_NUMBERS) + "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
#: Dates in an English source: ISO (2017-05-31), "May 31st, 2017", "31 May 2017", US "5/31/2017".
_SOURCE_DATE = re.compile(
    r"(?<![\d])(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?![\d])"
    rf"|\b(?P<mn>{_MONTHS})\.? (?P<dn>\d{{1,2}})(?:st|nd|rd|th)?,? (?P<yn>\d{{4}})(?![\d])"
    rf"|(?<![\d])(?P<dn2>\d{{1,2}})(?:st|nd|rd|th)? (?P<mn2>{_MONTHS})\.?,? (?P<yn2>\d{{4}})(?![\d])"
    r"|(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<ys>\d{4})(?![\d/])",
    re.IGNORECASE,
)
#: Dates in the reader's order: 31.05.2017, 31/5/2017, 2017.05.31., 2017/5/31, 2017-05-31 (any digits).
_TARGET_DATE = re.compile(
    r"(?<!\d)(?P<a>\d{1,2})(?P<s>[./\-])(?P<b>\d{1,2})(?P=s)(?P<y>\d{4})(?!\d)"
    r"|(?<!\d)(?P<y2>\d{4})(?P<s2>[./\-])(?P<m2>\d{1,2})(?P=s2)(?P<d2>\d{1,2})\.?(?!\d)"
)


def _dates(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int, frozenset[tuple[int, int, int]]]]:
    """The dates of *text* as (start, end, the (year, month, day) it may mean: two where day and
    month could be either way round)."""
    months = _MONTH_NUMBERS
    out = []
    for m in pattern.finditer(text):
        g = m.groupdict()
        if g.get("y") and g.get("m"):
            meant = {(int(g["y"]), int(g["m"]), int(g["d"]))}
        elif g.get("mn") or g.get("mn2"):
            name = (g.get("mn") or g.get("mn2")).lower()
            month = months.get(name) or next(i for n, i in months.items() if n.startswith(name[:3]))
            meant = {(int(g.get("yn") or g["yn2"]), month, int(g.get("dn") or g["dn2"]))}
        elif g.get("y2"):
            meant = {(int(g["y2"]), int(g["m2"]), int(g["d2"]))}
        else:
            year = int(g.get("ys") or g["y"])
            a, b = int(g["a"]), int(g["b"])
            meant = {(year, a, b), (year, b, a)}
        meant = {(y, mo, d) for y, mo, d in meant if 1 <= mo <= 12 and 1 <= d <= 31}
        if meant:
            out.append((m.start(), m.end(), frozenset(meant)))
    return out


def _reordered_dates(source: str, target: str, missing: list, extra: list) -> tuple[list, list]:
    """*missing* and *extra* without the numbers of a date the translation writes in its reader's
    order (2017-05-31 → 31.05.2017, 2017.05.31., "May 31st, 2017" → 31.5.2017): same year, month and
    day, so no number changed.  A date whose year, month or day differs is left to be reported."""
    src_dates = _dates(source, _SOURCE_DATE)
    tgt_dates = _dates(target, _TARGET_DATE) if src_dates else []
    for ts, te, tmeant in tgt_dates:
        for i, (ss, se, smeant) in enumerate(src_dates):
            if smeant & tmeant:
                missing = [m for m in missing if not ss <= m.start < se]
                extra = [e for e in extra if not ts <= e.start < te]
                del src_dates[i]
                break
    return missing, extra


#: A made-up example value (a postcode "12345", "0000"): a translation may give the reader's own kind.
_EXAMPLE_NUMBER = re.compile(r"0?1234(?:5(?:6(?:7(?:8(?:9)?)?)?)?)?|(\d)\1{3,}")
#: The East Asian myriads after a number: 10万 is 100,000.
_MYRIADS = {"万": 10_000, "萬": 10_000, "만": 10_000, "億": 100_000_000, "亿": 100_000_000, "억": 100_000_000}
_DOT_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+")


def _same_amount(m, e, target: str) -> bool:
    """Whether source number *m* and translation number *e* are one amount written two ways: an English
    source that groups thousands with dots ("100.000 dates", a translator's habit) is 100 000 in
    Polish; 10万 in Japanese."""
    values = set(m.values)
    if _DOT_GROUPED.fullmatch(m.text):
        values.add(m.text.replace(".", ""))
    got = set(e.values)
    factor = _MYRIADS.get(target[e.end : e.end + 1])
    if factor:
        got |= {str(int(float(v) * factor)) for v in e.values if v.replace(".", "", 1).isdigit()}
    return bool(values & got)


def _clock_hours_of(source: str, tok, lang: str) -> frozenset[str]:
    """:func:`_clock_hours` of a source number followed by "a.m."/"p.m." (nothing for any other number)."""
    clock = _AM_PM.match(source, tok.end)
    if clock and tok.values[0].isdigit() and int(tok.values[0]) <= 12:
        return _clock_hours(int(tok.values[0]), clock.group(1), lang)
    return frozenset()


def _unpaired(missing: list, extra: list, same) -> None:
    """Remove from *missing* and *extra* each pair (*m*, *e*) for which ``same(m, e)`` holds."""
    for m in list(missing):
        for e in extra:
            if same(m, e):
                missing.remove(m)
                extra.remove(e)
                break


@check("numbers", "error", trigger=ALL_DIGITS)
def numbers(ctx: EntryContext) -> Iterator[Finding]:
    """Every number of the source must appear in the translation, and no other.

    Digit shapes and separators may follow the target's conventions: Arabic-Indic ٠-٩ and Extended
    ۰-۹ digits, thousands separators "," "٬" "." or a space, decimal "." "٫" or ",", so "5,000",
    "5000", "5 000" and «٥٬٠٠٠» are the same number.  Numbers inside URLs, code and placeholders are
    left to the checks for those.  A small count (up to 12) or an ordinal may be written as a word,
    "6 p.m." may be 18 in a 24-hour clock (and "6 a.m." saa 12 on the Swahili clock, which starts at
    dawn), and a short label without digits ("January", "Noon") may get them in the translation (1月,
    12時); in a longer source without digits, an added number is info.  A digit after an accelerator
    marker ("(_1)") is a key, not a number, and the minutes of a time ("6 a.m." → 6:00, 6h00, 6e00)
    are no number of their own.  An example's country calling code ("+1 for the US") may be the
    reader's own ("+49 für Deutschland"), a date may be written in the reader's order
    (2017-05-31 → 31.05.2017, "May 31st, 2017" → 31.5.2017) as long as year, month and day stay, a
    made-up example value ("12345", "0000") may become the reader's kind ("1234 AB"), and an amount may
    be grouped the reader's way ("100.000" → 100 000, 10万).
    """
    if same_numbers(ctx.source_masked, ctx.target_masked, ctx.source_fact("number-key", number_key, masked=True)):
        return
    src = ctx.source_fact("numbers", source_numbers, masked=True)
    tgt = target_numbers(ctx.target_masked)
    if not src and len(ctx.source.split()) <= _LABEL_WORDS:
        return  # a label that says its number in words: "January" is 1月, "Noon" 12時
    # A number added to a source without digits is mostly a word said in digits ("decimal" is 10進,
    # "at least one" 1-ийг): worth a look, not an error.
    added = None if src else "info"
    missing, extra = match_numbers(src, tgt)
    if extra:  # an accelerator key ("ズーム 1:1(_1)", "&2") and the minutes of "6:00" for "6 a.m." are no numbers
        target = ctx.target
        extra = [
            e
            for e in extra
            if not (e.start and target[e.start - 1] in "_&~" and e.end - e.start == 1)
            and not (e.text == "00" and e.start and _minutes_at(target, e.start))
        ]
    if extra:  # numbers the source writes as words ("two options" → 2つ, "an hour" → 1 in its plural form)
        said = ctx.source_fact("number-words", _word_values)
        if ctx.single_number:
            said = said | {str(n) for n in ctx.form_numbers or ()}
        extra = [e for e in extra if not said.intersection(e.values)]
    if missing and extra:  # a date in the reader's order: 2017-05-31 is 31.05.2017
        missing, extra = _reordered_dates(ctx.source, ctx.target, missing, extra)
    if missing and extra:  # "100.000" grouped with dots is 100 000, and 10万
        _unpaired(missing, extra, lambda m, e: _same_amount(m, e, ctx.target))
    if missing and extra:  # an example postcode "12345" is the reader's own kind: "1234 AB", "LV-0000"
        _unpaired(
            missing, extra, lambda m, e: bool(_EXAMPLE_NUMBER.fullmatch(m.text) and _EXAMPLE_NUMBER.fullmatch(e.text))
        )
    if missing and extra:  # "e.g. +1 for the US" is "z. B. +49 für Deutschland": the reader's own code
        _unpaired(missing, extra, lambda m, e: _calling_code(ctx.source, m) and _calling_code(ctx.target, e))
    if missing and extra:  # "6 p.m." is 18:00; in Swahili "6 a.m." is saa 12
        _unpaired(missing, extra, lambda m, e: bool(_clock_hours_of(ctx.source, m, ctx.lang) & set(e.values)))
    while missing and extra:  # most likely one number changed into another
        m, e = missing.pop(0), extra.pop(0)
        yield ctx.finding(
            "numbers",
            f"number {m.text} of the source is {e.text} in the translation",
            span=(e.start, e.end),
            source_span=(m.start, m.end),
        )
    for m in missing:
        if _wordable(m, ctx.source) or _numeronym(ctx.source, m):
            continue
        yield ctx.finding(
            "numbers", f"number {m.text} is missing from the translation", source_span=(m.start, m.end)
        )
    for e in extra:
        yield ctx.finding(
            "numbers", f"number {e.text} is not in the source", span=(e.start, e.end), severity=added
        )


@check("markup", "error", trigger="*_`[]~!")
def markup(ctx: EntryContext) -> Iterator[Finding]:
    """Inline Markdown must survive translation.

    Same number of emphasis, strong and strikethrough pairs, no unpaired ``*``/``_``/`` ` `` markers
    the source does not have, code spans copied verbatim, and the same number of links and images with
    identical targets ``](url)``.  (HTML tags are the ``tags`` check's.)  Only catalogues extracted from
    Markdown by ``l10n`` (their entries say ``#. type: …``) are Markdown: the messages of programs are not.
    """
    if ctx.program or not ctx.markdown:
        return
    if ctx.source_fact("signature", signature) == signature(ctx.target):
        return  # same code spans, link targets, tags and marker runs: nothing for markdown-it to find

    src, tgt = profile(ctx.source), profile(ctx.target)
    for name, what in (
        ("em", "emphasis (*…*)"),
        ("strong", "strong emphasis (**…**)"),
        ("s", "strikethrough"),
    ):
        a, b = src.pairs[name], tgt.pairs[name]
        if a != b:
            yield ctx.finding("markup", f"{what}: {a} in the source, {b} in the translation")
    for marker, count in tgt.stray.items():
        if count > src.stray.get(marker, 0):
            pos = _find_stray(ctx.target, marker)
            yield ctx.finding(
                "markup",
                f"unpaired {marker!r}: emphasis or code markup is broken",
                span=(pos, pos + len(marker)) if pos >= 0 else None,
            )
    yield from _compare_multiset(
        ctx, "code span", src.code, tgt.code, fmt=lambda c: f"`{c}`", where=lambda c: f"`{c}`"
    )
    if len(src.links) != len(tgt.links):
        yield ctx.finding(
            "markup", f"{len(src.links)} link(s) in the source, {len(tgt.links)} in the translation"
        )
    # A link's target and an image's source are both written "](url)": one comparison serves both.
    for what, src_urls, tgt_urls in (("link target", src.links, tgt.links), ("image", src.images, tgt.images)):
        yield from _compare_multiset(
            ctx, what, Counter(src_urls), Counter(tgt_urls), fmt=lambda u: f"({u})", where=lambda u: f"]({u}"
        )


def _find_stray(text: str, marker: str) -> int:
    return text.rfind(marker)


def _compare_multiset(
    ctx: EntryContext, what: str, src: Counter, tgt: Counter, *, fmt, where
) -> Iterator[Finding]:
    for item in sorted(tgt - src):
        pos = ctx.target.find(where(item))
        span = (pos, pos + len(where(item))) if pos >= 0 else None
        lost = sorted(src - tgt)
        hint = f" (the source has {', '.join(fmt(x) for x in lost)})" if lost else ""
        yield ctx.finding("markup", f"{what} {fmt(item)} is not in the source{hint}", span=span)
    if not tgt - src:
        for item in sorted(src - tgt):
            yield ctx.finding("markup", f"{what} {fmt(item)} is missing from the translation")


@check(
    "urls", "error", trigger="@:wW",
    # find_urls looks no further unless one of these is there (and "://" is where a bare scheme is)
    gate='"://" in s or "://" in t or "@" in s or "@" in t or "www." in s.lower() or "www." in t.lower()',
)  # fmt: skip
def urls(ctx: EntryContext) -> Iterator[Finding]:
    """URLs and e-mail addresses in the text must be copied unchanged.

    A link may point to the localised edition of the same site (``/en/`` → ``/fr/``), and an example
    on a placeholder host (``example.com``, ``domain.com``, ``*.test``) may be the reader's own
    ("http://domein.nl/blog/[mijn-slug]/") or gain a "www." ("eg example.com" → "www.example.com").  (Targets of Markdown links are compared by ``markup``.)
    """
    src_list = ctx.source_fact("urls", lambda s: find_urls(_unlink(s)))
    found = find_urls(_unlink(ctx.target))
    if "://" in ctx.source:  # a bare scheme ("a URL starting with “https://”") must survive too
        for scheme in sorted(set(_SCHEME.findall(ctx.source))):
            if ctx.source.count(scheme) > ctx.target.count(scheme):
                yield ctx.finding("urls", f"{scheme} is missing or broken in the translation")
    if not src_list and not found:
        return
    src = Counter(u for _, _, u in src_list)
    tgt = Counter(u for _, _, u in found)
    if src == tgt:
        return
    lang = ctx.lang
    if Counter(link_key(u, lang) for u in src.elements()) == Counter(
        link_key(u, lang) for u in tgt.elements()
    ):
        return  # the same links, to the localised edition of the site (/en/ → /fr/)
    extra = tgt - src
    missing = src - tgt
    for u in [u for u in sorted(missing.elements()) if _example_url(u)]:
        # An example ("e.g. http://domain.com/blog/[my-slug]/") may use the reader's domain and words:
        # it pairs with a URL the source lacks, or with one the finder cannot delimit ("如http://…").
        # (the URL at the same place among the translation's, else the first one the source lacks)
        at = [x for _, _, x in src_list].index(u)
        other = found[at] if at < len(found) and extra[found[at][2]] > 0 else None
        other = other or next((x for x in found if extra[x[2]] > 0), None)
        if other is not None:
            extra[other[2]] -= 1
        elif ctx.target.count("://") < ctx.source.count("://"):
            continue
        missing[u] -= 1
    for start, end, u in found:
        if extra[u] > 0:
            extra[u] -= 1
            if u[:4].lower() == "www." and _example_url("http://" + u) and u[4:].lower() in ctx.source.lower():
                continue  # "eg example.com" written "www.example.com": the same example, as a host
            yield ctx.finding("urls", f"{u} is not in the source", span=(start, end))
    for u in [u for u in missing if missing[u] > 0 and u in ctx.target]:
        # copied, but glued to the word before it ("页面为http://…"), where no URL is taken to start
        missing[u] -= min(missing[u], len(_unfound(ctx.target, u, found)))
    for u in sorted(+missing):
        yield ctx.finding("urls", f"{u} is missing from the translation (copy it unchanged)")


def _unfound(text: str, url: str, found: list[tuple[int, int, str]]) -> list[int]:
    """Where *url* is written in *text* outside the URLs found there (glued to a word before it)."""
    out, i = [], text.find(url)
    while i >= 0:
        if not any(s <= i < e for s, e, _ in found):
            out.append(i)
        i = text.find(url, i + 1)
    return out


#: Hosts that only ever stand for "your site": RFC 2606/6761 reserved names and the placeholder domains
#: documentation uses.  A URL on one is an example, which a translation may localise.
_EXAMPLE_TLDS = frozenset({"example", "test", "invalid", "localhost", "tld"})
_EXAMPLE_NAMES = frozenset({"example", "domain", "yourdomain", "mydomain", "yoursite", "mysite", "yourcompany",
                            "localhost"})  # fmt: skip
_HOST = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://(?:[^/@\s]*@)?([^/:?#\s]+)")


def _example_url(url: str) -> bool:
    """Whether *url* (with a scheme) is an example on a placeholder host.

    >>> _example_url("http://domain.com/blog/"), _example_url("https://www.example.org"), _example_url("https://wagtail.org/")
    (True, True, False)
    """
    m = _HOST.match(url)
    if m is None or "://" not in url:
        return False  # an e-mail address, even press@example.org, is one to copy
    labels = m.group(1).lower().split(".")
    return labels[-1] in _EXAMPLE_TLDS or (len(labels) >= 2 and labels[-2] in _EXAMPLE_NAMES)


_SCHEME = re.compile(r"\b(?:https?|ftp|file|mailto)://", re.IGNORECASE)
_LINK_DEST = re.compile(r"\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+\"[^\"]*\")?\)")


def _unlink(text: str) -> str:
    """Blank out Markdown link targets (compared by ``markup``), keeping offsets."""
    if "](" not in text:
        return text
    return _LINK_DEST.sub(lambda m: MASK * len(m.group()), text)


_WORD2 = re.compile(r"[^\W\d_]{2,}")


#: A word with its hyphenated parts ("Ličko-senjska").
_COMPOUND = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def _foreign_name(text: str) -> bool:
    """A name in its own language ("Ličko-senjska županija", "Međimurska županija"): letters English
    does not write (ž, č, đ) and every word capitalised or written with them — so no English word is
    left to translate ("Joniškis district" is not one)."""
    words = _COMPOUND.findall(text)
    return (
        any(not w.isascii() for w in words)
        and all(not w[0].islower() or not w.isascii() for w in words)
    )


@check("copied-source", "warning", gate="t.strip() == s.strip()")
def copied_source(ctx: EntryContext) -> Iterator[Finding]:
    """The translation is the English source copied unchanged.

    Usually untranslated MT output or a slip.  Not reported in English catalogues (``en_US``), for
    photo credits (names) nor for
    sources whose words are all glossary do-not-translate terms or allowed Latin words.  A one-word
    copy ("Filter", "April", "%(num)d minute") is often the same word in the target language, and a
    name ("Common Weakness Enumeration", "iOS (iTunes)", "Excel (.xlsx)": each longer word capitalised,
    at its start or inside, or a file extension) is often kept, and acronyms with units ("CPU: %(t)sms")
    have nothing to translate: info.  So is a name in its own language, written with letters English
    does not use ("Varaždinska županija").
    """
    if ctx.target.strip() != ctx.source.strip() or ctx.kind == "credit":
        return
    if ctx.lang[:2].lower() == "en" and ctx.lang[2:3] in ("", "_", "-", "@"):
        return  # an English catalogue (en_US, en_GB): the same text is the right translation
    remaining = ctx.source_masked
    if ctx.rules.allowed_latin is not None:
        remaining = ctx.rules.allowed_latin.sub(lambda m: MASK * len(m.group()), remaining)
    for m in ctx.source_terms:
        if m.term.is_dnt(ctx.lang) or m.text in m.term.renderings(ctx.lang):
            remaining = remaining[: m.start] + MASK * (m.end - m.start) + remaining[m.end :]
    if not LETTER_RE.search(remaining):
        return
    words = _WORD2.findall(remaining)
    # "Common Weakness Enumeration", "iOS (iTunes)", "iDEAL | Wero", "Excel (.xlsx)": every longer word
    # has a capital (at its start or inside a brand's spelling) or is a file extension after a ".".
    content = [m for m in _WORD2.finditer(remaining) if m.end() - m.start() >= 4]
    if not remaining.isascii() and _foreign_name(remaining):
        name = True  # "Varaždinska županija": a name in its own language, not English left over
    elif content:
        name = all(not m.group().islower() or (m.start() and remaining[m.start() - 1] == ".") for m in content)
    else:  # "CPU: %(cum)0.2fms": acronyms and units, no word to translate
        name = all(w.isupper() or len(w) <= 2 for w in words)
    yield ctx.finding(
        "copied-source",
        "translation is identical to the source",
        span=(0, len(ctx.target)),
        severity=None if len(words) >= 2 and not name else "info",
    )


#: English words that only join the parts of a message ("%(action)s at %(at)s", "%(a)s for %(b)s"):
#: a language that marks them by word order or a suffix may keep only the placeholders.
_CONNECTIVES = frozenset({"a", "an", "the", "at", "by", "for", "of", "in", "on", "from", "to", "and", "or",
                          "with", "via", "per", "vs"})  # fmt: skip

#: Letters glued to a placeholder or other masked span: an ordinal suffix ("{}th"), not a word.
_GLUED = re.compile(r"(?<=\x00)[A-Za-z]+|[A-Za-z]+(?=\x00)")


@check("no-target-script", "error", rtl_only=True)
def no_target_script(ctx: EntryContext) -> Iterator[Finding]:
    """An RTL translation (Arabic, Hebrew, Persian, Urdu…) contains no letter of its script.

    The classic symptom of machine translation that silently returned the English, or of text pasted
    into the wrong catalogue.  An exact copy of the source is left to ``copied-source``; a source
    with nothing to translate ("2024", a URL, "{}th") is not reported, nor a translation with no
    letters at all of a source whose only words join its placeholders ("%(action)s at %(at)s"), nor
    a format mask whose letters are all single-letter codes ("d.m.Y H:i:s", "%l، %F %j، %Y").
    """
    if not ctx.rules.rtl or ctx.rules.script is None:
        return
    if ctx.rules.script.search(ctx.target):
        return
    source = ctx.source_masked
    if MASK in source:
        source = _GLUED.sub("", source)
    if not LETTER_RE.search(source):
        return  # nothing to translate ("2024", a URL, "{}th")
    if not LETTER_RE.search(ctx.target_masked) and _CONNECTIVES.issuperset(_WORD_RE.findall(source.lower())):
        return  # placeholders joined by "at"/"by"/"for", which the target says by order or a suffix
    if LETTER_RE.search(ctx.target) and not _WORD2.search(ctx.target):
        return  # a format mask ("d.m.Y H:i:s", "%l، %F %j، %Y"): single-letter codes, no English words
    if ctx.target.strip() == ctx.source.strip() and "copied-source" in ctx.active and ctx.kind != "credit":
        return
    yield ctx.finding(
        "no-target-script", f"no {ctx.lang} letters in an RTL translation: is it still English?"
    )


_LATIN_LETTERS = frozenset(
    chr(c) for c in (*range(0x41, 0x5B), *range(0x61, 0x7B), *range(0xC0, 0x250)) if chr(c).isalpha()
)
#: A Latin token of an RTL translation, with the digits, dots and underscores of identifiers.
_LATIN_TOKEN = re.compile(
    r"[A-Za-z0-9\u00c0-\u024f_]*[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]"
    r"(?:[A-Za-z0-9\u00c0-\u024f_]|[.\-'’+#/](?=[A-Za-z0-9]))*"
)
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]*[A-Z0-9](?:s|es)?")
_CAMEL = re.compile(r".[a-z0-9][A-Z]|[A-Z]{2}[a-z]")


def _legit_latin(word: str, source_words: frozenset[str]) -> bool:
    """Latin an RTL text rightly keeps: acronyms (CSRF, UUIDs), identifiers (IPv4, KOI8-U, %s.dll,
    DEBUG_MODE, LogEntry), and words the source itself has in Latin (names, code, terms)."""
    if any(ch.isdigit() or ch in "._/#+" for ch in word):
        return True
    if _ACRONYM.fullmatch(word) or _CAMEL.search(word):
        return True
    return word.lower() in source_words


def _source_words(source: str) -> frozenset[str]:
    words = {w.lower() for w in _LATIN_TOKEN.findall(source)}
    return frozenset(words | {p for w in words for p in re.split(r"[._/\-'’+#]", w) if p})


@check("latin-in-rtl", "info", rtl_only=True, trigger=_LATIN_LETTERS)
def latin_in_rtl(ctx: EntryContext) -> Iterator[Finding]:
    """Latin-script words in an RTL translation that the glossary does not allow there.

    Not reported: acronyms (CSRF, XML), identifiers with digits, dots or inner capitals (IPv4,
    KOI8-U, LogEntry), words the source also has in Latin (names, code, technical terms), glossary
    do-not-translate terms and Latin renderings, ``allow_latin = [...]``, and anything inside URLs,
    e-mail addresses, code spans, link targets, HTML tags and placeholders.  What remains is info —
    a warning when it is a glossary term the glossary translates — unless configured up
    (``severity = {latin-in-rtl = "warning"}``).
    """
    if not ctx.rules.rtl:
        return
    text = ctx.target_masked
    if not LATIN_WORD_RE.search(text):
        return
    if ctx.rules.script is not None and not ctx.rules.script.search(text):
        return  # no-target-script reports the whole entry
    if ctx.rules.allowed_latin is not None:
        text = ctx.rules.allowed_latin.sub(lambda m: MASK * len(m.group()), text)
    source_words = ctx.source_fact("latin-words", _source_words)
    translated = {}
    for m in ctx.source_terms:
        if not m.term.is_dnt(ctx.lang) and m.term.renderings(ctx.lang):
            translated[m.text.lower()] = m.term
    words = []
    for m in _LATIN_TOKEN.finditer(text):
        w = m.group()
        s, e = m.span()
        if (s and text[s - 1] == MASK) or (e < len(text) and text[e] == MASK):
            continue  # part of a placeholder, URL or code: "%s.dll"
        if w.lower() in translated or any(w.lower() in k.split() for k in translated):
            words.append((m, True))
        elif not _legit_latin(w, source_words):
            words.append((m, False))
    if not words:
        return
    glossary_hit = next((m for m, g in words if g), None)
    shown = ", ".join(dict.fromkeys(m.group() for m, _ in words))
    first, last = words[0][0], words[-1][0]
    if glossary_hit is not None:
        term = next(
            t
            for k, t in translated.items()
            if glossary_hit.group().lower() in k.split() or k == glossary_hit.group().lower()
        )
        renderings = " or ".join(f"«{r}»" for r in term.renderings(ctx.lang)[:2])
        yield ctx.finding(
            "latin-in-rtl",
            f"Latin-script text in the {ctx.lang} translation: {shown} (the glossary translates it: {renderings})",
            span=glossary_hit.span(),
            term=term,
            severity="warning",
        )
        return
    yield ctx.finding(
        "latin-in-rtl",
        f"Latin-script text in the {ctx.lang} translation: {shown}",
        span=(first.start(), last.end())
        if len(words) > 1 and last.start() - first.end() < 40
        else first.span(),
    )


# --------------------------------------------------------------------------- typography


_DOUBLE = re.compile(r"(?<=\S)[ \u00a0]{2,}(?=\S)")


@check("double-space", "warning", gate=r'"  " in t or "\u00a0 " in t or " \u00a0" in t')
def double_space(ctx: EntryContext) -> Iterator[Finding]:
    """Two or more spaces in a row inside the translation where the source has none."""
    if "  " not in ctx.target and "\u00a0 " not in ctx.target and " \u00a0" not in ctx.target:
        return
    if _DOUBLE.search(ctx.source):
        return
    m = _DOUBLE.search(ctx.target)
    if m:
        yield ctx.finding("double-space", "double space", span=m.span())


@check("whitespace", "warning", gate="s[:1].isspace() or s[-1:].isspace() or t[:1].isspace() or t[-1:].isspace()")
def whitespace(ctx: EntryContext) -> Iterator[Finding]:
    """Leading or trailing whitespace differs from the source.

    Sentences are reassembled into articles (and labels into pages) with the source's spacing; extra
    or missing whitespace at the ends shows up as doubled or glued words.  Newlines are the
    ``newlines`` check's.
    """
    s, t = ctx.source, ctx.target
    if not (s[:1].isspace() or s[-1:].isspace() or t[:1].isspace() or t[-1:].isspace()):
        return
    s_lead, t_lead = len(s) - len(s.lstrip()), len(t) - len(t.lstrip())
    s_trail, t_trail = len(s) - len(s.rstrip()), len(t) - len(t.rstrip())
    if t_lead and not s_lead and not t[:t_lead].strip("\u00a0\u202f") and t[t_lead : t_lead + 1] in ":;!?»":
        t_lead = 0  # French typography: a no-break space before a bare ":"
    if bool(s_lead) != bool(t_lead) and "\n" not in s[:s_lead] + t[:t_lead]:
        what = "leading whitespace" + (" added" if t_lead else " missing")
        yield ctx.finding("whitespace", what, span=(0, t_lead) if t_lead else None)
    if bool(s_trail) != bool(t_trail) and "\n" not in s[len(s) - s_trail :] + t[len(t) - t_trail :]:
        what = "trailing whitespace" + (" added" if t_trail else " missing")
        yield ctx.finding("whitespace", what, span=(len(t) - t_trail, len(t)) if t_trail else None)


#: Sentence-final punctuation, folded to a canonical mark: Arabic ، ؛ ؟, Urdu ۔, CJK full-width forms,
#: the Greek question mark and the ellipsis character are equivalents of the ASCII marks.
_END_FOLD = {
    "،": ",",
    "؛": ";",
    "؟": "?",
    "۔": ".",
    "。": ".",
    "．": ".",
    "，": ",",
    "；": ";",
    "：": ":",
    "？": "?",
    "！": "!",
    "\u037e": "?",
    "…": "...",
    "‽": "?",
    "¿": "?",
    "¡": "!",
    # the full stops of Burmese ။ (and its comma ၊), Devanagari । ॥, Ethiopic ። (question ፧),
    # Khmer ។, Armenian ։ and Tibetan །
    "\u104b": ".",
    "\u104a": ",",
    "\u0964": ".",
    "\u0965": ".",
    "\u1362": ".",
    "\u1367": "?",
    "\u17d4": ".",
    "\u0589": ".",
    "\u0f0d": ".",
}
_END_PUNCT = ".,;:!?…،؛؟۔。．，；：？！\u037e‽\u104b\u104a\u0964\u0965\u1362\u1367\u17d4\u0589\u0f0d"
#: Closing quotes, brackets and emphasis markers that may follow the final mark ("…” or "*…*").
_CLOSERS = (
    " \t\u00a0\u202f\"'”’»›)]}*_`\u200f\u200e\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


#: Closing tags at the end of a message: its final mark may sit inside ("…verification.</a>").
_TRAILING_CLOSE_TAGS = re.compile(r"(?:</[A-Za-z][A-Za-z0-9]*\s*>[\s\u00a0]*)+$")


def _end_mark(text: str) -> tuple[str, int]:
    """The canonical final punctuation of *text* ('' if none) and its index."""
    t = text.rstrip(_CLOSERS)
    if t.endswith(">"):
        t = _TRAILING_CLOSE_TAGS.sub("", t).rstrip(_CLOSERS)
    if not t:
        return "", -1
    if t.endswith("...") or t.endswith("…"):
        return "...", len(t) - (3 if t.endswith("...") else 1)
    if t.endswith(". . ."):  # a spaced ellipsis
        return "...", len(t) - 5
    ch = t[-1]
    if ch in _END_PUNCT:
        return _END_FOLD.get(ch, ch), len(t) - 1
    return "", len(t) - 1


#: Marks that end a sentence: a program's message may end with another one (a question rephrased as
#: an invitation, "Saved." as "Gespeichert!"), a style choice shown as info.  (An article's question
#: turned into a statement says something else: still a warning.)
_SENTENCE_END = frozenset(".?!")
#: Languages whose sentences end without a full stop (Thai separates them with a space).
_NO_FULL_STOP = frozenset({"th"})

#: An abbreviation's dot ends the source ("6 p.m.", "Jan.", "Sept."): not sentence punctuation.
#: It may open a bracket or quotation ("Virgin Islands (U.S.)").
_ABBREVIATION_END = re.compile(r"(?:^|[\s\d(\[\"'“‘«])(?:(?:[A-Za-z]{1,2}\.){2,}|[A-Za-z]{1,4}\.)$")


#: The check's gate.  Where neither text ends in punctuation, a closer or a closing tag, neither has
#: a final mark; where both end with the same character that is no closer nor ">", both end alike
#: (the same mark, or none) unless it is "." after "..." or ". . ." on one side only, or a mark Greek
#: reads as a question mark.
_END_SAME = (
    f"(t[-1:] in {_CLOSERS + _END_PUNCT + '>'!r} or s[-1:] in {_CLOSERS + _END_PUNCT + '>'!r}) and ("
    f"t[-1:] != s[-1:] or t[-1:] in {_CLOSERS + ';؛；>'!r}"
    ' or (t[-1:] == "." and ((s[-3:] == "...") != (t[-3:] == "...") or t[-5:] == ". . ." or s[-5:] == ". . .")))'
)


@check("end-punctuation", "warning", gate=_END_SAME)
def end_punctuation(ctx: EntryContext) -> Iterator[Finding]:
    """The translation ends with different punctuation from the source.

    Compared after closing quotes, brackets and bidi controls (U+202C before the full stop);
    Arabic ، ؛ ؟, Urdu ۔, full-width CJK marks and "…" count as their ASCII equivalents (a target may
    end "؟" where the source ends "?"; Greek ";" is a question mark).  The dot of an abbreviation ("6 p.m.", "Sept.") is not a
    full stop.  A translation that adds a final mark the source lacks, or a program's message that ends
    with another of "." "?" "!" (a question rephrased as an invitation), is info (a style choice).  The mark may sit
    inside closing tags ("….</a>"); the full stops of Burmese ။, Devanagari ।, Ethiopic ።, Khmer ។ and
    Armenian ։ are full stops, and Thai, which ends sentences without one, needs none.
    """
    src, _ = ctx.source_fact("end", _end_mark)
    tgt, pos = _end_mark(ctx.target)
    if tgt == ";" and ctx.lang[:2] == "el":
        tgt = "?"  # ";" is the Greek question mark
    if src == tgt:
        return
    severity = None
    if src and tgt:
        message = f"ends with {tgt!r} but the source ends with {src!r}"
        if (
            src in _SENTENCE_END
            and tgt in _SENTENCE_END
            and not ctx.markdown
            and not _end_mark(ctx.target[:pos])[0]  # "؟." is a stray mark, not a rephrasing
        ):
            severity = "info"  # "Why not <a>add one</a>?" → "<a>Add the first one</a>.": rephrased
    elif src:
        if src == "." and ctx.lang.split("_", 1)[0] in _NO_FULL_STOP:
            return
        if (
            src == "."
            and len(ctx.source.split()) <= 3
            and _ABBREVIATION_END.search(ctx.source.rstrip(_CLOSERS))
        ):
            return
        message = f"the source ends with {src!r}, the translation has no final punctuation"
    else:
        message = f"ends with {tgt!r} but the source has no final punctuation"
        severity = "info"
    span = (
        (pos, pos + (3 if tgt == "..." and ctx.target[pos : pos + 3] == "..." else 1))
        if tgt and pos >= 0
        else None
    )
    yield ctx.finding("end-punctuation", message, span=span, severity=severity)


_BRACKETS = {"(": ")", "[": "]", "{": "}"}
_CLOSING = {v: k for k, v in _BRACKETS.items()}


def _hebrew(ch: str) -> bool:
    return "\u05d0" <= ch <= "\u05ea"


#: Hebrew's one-letter prefixes ("as", "in", "to", "from", "that", "the", "and"), written before a
#: quoted word: כ"משומשים" is as "used".
_HEBREW_PREFIXES = frozenset("בכלמשהו")


def _list_label(text: str, i: int) -> bool:
    """Whether the ")" at *i* closes a list label: one letter or digit alone before it, after a space
    or at the start ("c)", "2)"; not the "s" of a placeholder "%s)")."""
    return i >= 1 and text[i - 1].isalnum() and (i == 1 or text[i - 2].isspace())


def _unbalanced(text: str) -> list[tuple[int, str]]:
    """Positions of brackets and double quotes that do not pair up in *text*.

    A straight quote between two Hebrew letters is the gershayim of an abbreviation (Hebrew keyboards
    type ״ as "): «כתובת דוא"ל» has no quotation — unless it follows a one-letter prefix (ב כ ל מ ש ה ו)
    and the quotes would not pair up without it: «ייחשבו כ"משומשים"» quotes "used".  A letter or digit
    alone before ")" is a list label ("point c" is «punto c)», «alínea c)»), not a bracket left open,
    and a full-width "）" may close an ASCII "(" («Check-in ( 簽到）»).

    >>> _unbalanced('נא להזין כתובת דוא"ל חוקית'), _unbalanced('הערך "%s לא חוקי')
    ([], [(5, '"')])
    >>> _unbalanced('ייחשבו כ"משומשים"'), _unbalanced("artikel 79, onder c) van")
    ([], [])
    """
    bad: list[tuple[int, str]] = []
    stack: list[tuple[int, str]] = []
    counts: dict[str, int] = {}
    curly: list[int] = []
    last: dict[str, int] = {}
    prefixed: list[int] = []
    for m in _BRACKET_CHARS.finditer(text):
        i, ch = m.start(), m.group()
        if ch in _BRACKETS:
            stack.append((i, ch))
        elif ch == "\uff09":  # a full-width ）closing an ASCII "(" ("Check-in ( 簽到）"); alone, not ours
            if stack and stack[-1][1] == "(":
                stack.pop()
        elif ch in _CLOSING:
            if stack and stack[-1][1] == _CLOSING[ch]:
                stack.pop()
            elif not (ch == ")" and _list_label(text, i)):
                bad.append((i, ch))
        else:
            if ch == '"' and 0 < i < len(text) - 1 and _hebrew(text[i - 1]) and _hebrew(text[i + 1]):
                if text[i - 1] in _HEBREW_PREFIXES and (i == 1 or not text[i - 2].isalpha()):
                    prefixed.append(i)  # כ"משומשים": a quotation after a prefix, or ב"ה: an abbreviation
                continue  # the gershayim of a Hebrew abbreviation (דוא"ל, סה"כ), not a quotation mark
            counts[ch] = counts.get(ch, 0) + 1
            last[ch] = i
            if ch in "“”„":
                curly.append(i)
    bad.extend(stack)
    # Quotes: «» (or »« in German) must be equal in number; straight " even; curly doubles even
    # (“…” in English, „…“ in German, ”…” in Swedish all pair up within the set).
    for opening, closing in (("«", "»"), ("‹", "›")):
        a, b = counts.get(opening, 0), counts.get(closing, 0)
        if a != b:
            ch = opening if a > b else closing
            bad.append((last[ch], ch))
    if counts.get('"', 0) % 2 and prefixed:  # «כ"משומשים"»: the prefix's quote opens the quotation
        counts['"'] += 1
    if counts.get('"', 0) % 2:
        bad.append((last['"'], '"'))
    if len(curly) % 2:
        bad.append((curly[-1], text[curly[-1]]))
    return sorted(bad)


_BRACKET_CHARS = re.compile(r"[()\[\]{}«»‹›\"“”„\uff09]")


@check("brackets", "warning", trigger='()[]{}«»‹›"“”„')
def brackets(ctx: EntryContext) -> Iterator[Finding]:
    """Brackets ( ) [ ] { } or quotation marks « » “ ” „ " do not pair up in the translation.

    Only reported when they pair up in the source.  Quotes may change style (“…” to «…»), and a "
    between Hebrew letters is the gershayim of an abbreviation (דוא"ל), not a quotation mark.
    """
    if not _BRACKET_CHARS.search(ctx.target) or not _unbalanced(ctx.target):
        # No bracket, or they all pair up as written: masking (URLs, code, placeholders) could only
        # unpair them by cutting a span's own bracket off ("(see http://x.org/a)"), not the text's.
        return
    target = ctx.target_masked
    if not _BRACKET_CHARS.search(target):
        return
    bad = _unbalanced(target)
    if not bad or ctx.source_fact("unbalanced", _unbalanced, masked=True):
        return
    shown = " ".join(dict.fromkeys(ch for _, ch in bad))
    pos = bad[0][0]
    yield ctx.finding("brackets", f"unpaired {shown}", span=(pos, pos + 1))
