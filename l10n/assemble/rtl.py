"""Right-to-left output: keep Latin runs from scrambling Arabic text, and mark what direction is what.

The Unicode bidi algorithm lays out an Arabic sentence right to left and every Latin run in it left
to right; the damage comes from the *neutral* characters between them.  In «قانون قيصر (Caesar Act)»
the closing bracket sits between a Latin letter and the end of an Arabic paragraph, and without help
it lands on the wrong side; an English fallback sentence loses its full stop to the far end of its
line.  The cure is isolation: each Latin run is laid out on its own, as one neutral object, so the
Arabic around it decides where its punctuation goes.

* HTML: ``<bdi>`` around Latin runs, ``dir`` on blocks (:mod:`l10n.assemble.formats`).
* Markdown and plain text: Unicode isolates.  A Latin run is wrapped in LRI … PDI (U+2066 … U+2069),
  not FSI: we already know its direction, and FSI would misjudge a run that opens with digits.  An
  English fallback sentence inside an Arabic block is isolated the same way, and consecutive ones share
  one isolate so they read in order.  Each block starts with a
  mark saying its direction (RLM U+200F for Arabic, LRM U+200E for an English fallback block), so a
  viewer that guesses direction from the first strong character (GitHub's ``dir="auto"``, text editors)
  guesses right.  Markdown is wrapped in ``<div dir="rtl" lang="…">`` with blank lines around the
  article, which CommonMark renderers (GitHub included) keep while still parsing the Markdown inside.

What counts as a Latin run: Latin-script words (``SANA``, ``Caesar Act``, ``F-16``, ``U.S.``) joined by
single spaces, slashes or hyphens, with numbers that stand next to them (``Branch 221``, ``12 km``);
bare URLs and e-mail addresses.  A lone number between Arabic words is not one: the bidi algorithm
already keeps ``5,000`` together, and it should follow the target's digits.  Markdown syntax is never
touched: code spans, autolinks and link destinations are skipped (a code span or autolink with Latin
in it is isolated whole, outside its delimiters), and so are inline HTML tags and entities.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from l10n.spans import EMAIL_RE, URL_RE, Span, protected_spans

__all__ = [
    "LRM",
    "RLM",
    "ALM",
    "LRI",
    "RLI",
    "FSI",
    "PDI",
    "BIDI_CONTROLS",
    "FALLBACK",
    "protected_spans",
    "latin_runs",
    "isolate_latin",
    "split_latin",
    "strip_bidi_controls",
    "has_rtl",
    "rtl_block_text",
    "fallback_runs",
    "has_translation",
    "render_markdown_rtl",
    "html_lang",
]

LRM, RLM, ALM = "\u200e", "\u200f", "\u061c"
LRE, RLE, PDF, LRO, RLO = "\u202a", "\u202b", "\u202c", "\u202d", "\u202e"
LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"
BIDI_CONTROLS = frozenset(LRM + RLM + ALM + LRE + RLE + PDF + LRO + RLO + LRI + RLI + FSI + PDI)

#: Statuses whose sentence is shown in English (the source) in a localised article.
FALLBACK = frozenset({"fuzzy", "untranslated"})

# --------------------------------------------------------------------------- scanning

_LAT = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"  # Latin letters (basic, accented)
_ALNUM = _LAT + "0-9"
_URL = URL_RE.pattern[len(r"(?<![\w@/])"):]  # the shared URL pattern (l10n.spans), bare URLs only
_ABBR = rf"(?:[{_LAT}]\.){{2,}}"  # U.S. / e.g.: the final dot belongs to the word
_WORD = rf"[{_LAT}](?:[{_ALNUM}'’]|[-.&_+](?=[{_ALNUM}]))*"  # Caesar, F-16, al-Sharaa, AT&T
_NUM = r"[0-9]+(?:[.,:][0-9]+)*%?"
_TOKEN = re.compile(rf"(?P<url>(?i:{_URL})|{EMAIL_RE.pattern})|(?P<word>{_ABBR}|{_WORD})|(?P<num>{_NUM})")
# What may stand between two tokens of one run: blanks, or a slash/hyphen/dash, maybe spaced.
_JOIN = re.compile(r"[ \u00a0]{1,2}|[ \u00a0]?[-–/&+][ \u00a0]?")

_HAS_LATIN = re.compile(f"[{_LAT}]")



def _free_regions(text: str, spans: list[Span]) -> Iterable[tuple[int, int]]:
    pos = 0
    for start, end, _kind in spans:
        if start > pos:
            yield pos, start
        pos = max(pos, end)
    if pos < len(text):
        yield pos, len(text)


def latin_runs(text: str, *, markdown: bool = True) -> list[tuple[int, int]]:
    """Spans of the Latin runs in *text* (see the module docstring), in order.

    With *markdown*, code spans and autolinks holding Latin letters count as runs (whole, delimiters
    included) and other Markdown syntax is skipped; bare URLs are runs of their own.
    """
    spans = protected_spans(text, markdown=markdown)
    runs: list[tuple[int, int]] = []
    for start, end, kind in spans:
        if kind in ("code", "autolink", "url", "email") and _HAS_LATIN.search(text, start, end):
            runs.append((start, end))
    for a, b in _free_regions(text, spans):
        group: list[re.Match[str]] = []
        for m in _TOKEN.finditer(text, a, b):
            if group and not _JOIN.fullmatch(text, group[-1].end(), m.start()):
                runs.extend(_close(group))
                group = []
            if m.lastgroup == "url":
                runs.extend(_close(group))
                runs.append((m.start(), m.end()))
                group = []
                continue
            group.append(m)
        runs.extend(_close(group))
    return _glosses(text, sorted(runs), spans)


# A bracketed or quoted aside: its content, when it has no right-to-left letter, is one Latin gloss.
_ASIDE = re.compile(r"\(([^()\n]+)\)|\[([^\[\]\n]+)\]|\"([^\"\n]+)\"|“([^“”\n]+)”|«([^«»\n]+)»")


def _glosses(text: str, runs: list[tuple[int, int]], spans: list[Span]) -> list[tuple[int, int]]:
    """Merge the Latin runs of an all-Latin aside, «(Syrian Arab News Agency, SANA)», into one run.

    It is an English phrase with English punctuation: cut at its comma, its halves would be laid out
    right to left (the second first) and the comma taken for Arabic.  The brackets stay outside the
    run, so they still follow the Arabic around them.
    """
    if len(runs) < 2:
        return runs
    for m in _ASIDE.finditer(text):
        k = m.lastindex or 1
        a, b = m.start(k), m.end(k)
        inside = [r for r in runs if a <= r[0] and r[1] <= b]
        if len(inside) < 2 or has_rtl(text[a:b]):
            continue
        if any(s < b and a < e and kind not in ("code", "url", "autolink") for s, e, kind in spans):
            continue  # a link destination, HTML, an entity: not prose
        if any(r[0] < a < r[1] or r[0] < b < r[1] for r in runs):
            continue  # a run crosses the bracket
        runs = sorted([r for r in runs if r not in inside] + [(inside[0][0], inside[-1][1])])
    return runs


def _close(group: list[re.Match[str]]) -> list[tuple[int, int]]:
    if group and any(m.lastgroup == "word" for m in group):
        return [(group[0].start(), group[-1].end())]
    return []


def isolate_latin(text: str, *, markdown: bool = True, open: str = LRI, close: str = PDI) -> str:
    """*text* with every Latin run wrapped in *open* … *close* (LRI … PDI by default)."""
    runs = latin_runs(text, markdown=markdown)
    if not runs:
        return text
    out: list[str] = []
    pos = 0
    for start, end in runs:
        out.append(text[pos:start])
        out.append(open + text[start:end] + close)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def split_latin(text: str) -> list[tuple[str, bool]]:
    """Plain *text* cut into pieces, each flagged True when it is a Latin run (for ``<bdi>`` wrapping)."""
    out: list[tuple[str, bool]] = []
    pos = 0
    for start, end in latin_runs(text, markdown=False):
        if start > pos:
            out.append((text[pos:start], False))
        out.append((text[start:end], True))
        pos = end
    if pos < len(text):
        out.append((text[pos:], False))
    return out


def strip_bidi_controls(text: str) -> str:
    return "".join(ch for ch in text if ch not in BIDI_CONTROLS)


_RTL_CHARS = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff\u200f\u061c\u202b\u202e\u2067]"
)


def has_rtl(text: str) -> bool:
    """Does *text* hold any right-to-left character (Hebrew, Arabic, Syriac, Thaana, N'Ko …)?"""
    return _RTL_CHARS.search(text) is not None


def html_lang(code: str) -> str:
    """BCP 47 form of a gettext code (``ar_SY`` -> ``ar-SY``)."""
    return code.replace("_", "-")


# --------------------------------------------------------------------------- Markdown and text


def rtl_block_text(lb, *, markdown: bool = True) -> str:
    """A block's target text for a right-to-left article, isolated and marked (see module docstring).

    Arabic sentences get their Latin runs isolated; each run of consecutive English fallback sentences
    (fuzzy/untranslated) is isolated whole, as one.  A block that is all fallback starts with LRM, any
    other with RLM.
    """
    segments = lb.segments
    if not any(s.status == "translated" for s in segments) and any(s.status in FALLBACK for s in segments):
        return LRM + LRI + lb.text + PDI
    out: list[str] = [RLM]
    for group in fallback_runs(lb):
        body = "".join(" ".join(seg.target.splitlines()) + sep for seg, sep in group[:-1])
        seg, sep = group[-1]
        last = " ".join(seg.target.splitlines())
        if seg.status in FALLBACK:
            # consecutive English sentences are ONE isolate, so they read in order (left to right)
            out.append(LRI + body + last + PDI)
        elif seg.status == "translated":
            out.append(isolate_latin(last, markdown=markdown))
        else:
            out.append(last)
        out.append(sep)
    return "".join(out)


def fallback_runs(lb) -> list[list[tuple]]:
    """A block's (sentence, separator after it) pairs, grouped for a right-to-left page.

    Each run of consecutive English fallback sentences (fuzzy/untranslated) is one group; every other
    sentence is a group of its own.  Two English sentences isolated one by one are two neutral objects
    in an Arabic line, laid out right to left, so the second would be read first; one isolate around
    the run keeps them in reading order.  The last pair's separator is the one after the group.
    """
    seps = [*lb.block.separators, ""]
    groups: list[list[tuple]] = []
    for seg, sep in zip(lb.segments, seps):
        if groups and seg.status in FALLBACK and groups[-1][-1][0].status in FALLBACK:
            groups[-1].append((seg, sep))
        else:
            groups.append([(seg, sep)])
    return groups


def has_translation(ldoc) -> bool:
    """Does any sentence show a translation?  An article with none is its English source, unchanged."""
    return any(s.status == "translated" for b in ldoc.blocks for s in b.segments)


def _upright_captions(lb) -> tuple[str, str]:
    """A caption's ``*…*`` becomes ``<small>…</small>`` once anything in it is right-to-left.

    Arabic and Hebrew have no italic: a renderer we do not style (GitHub, an editor's Markdown preview)
    would slant the letters synthetically.  Smaller text still reads as a caption.
    """
    b = lb.block
    if lb.kind == "caption" and b.open in ("*", "_") and b.close == b.open and has_rtl(lb.text):
        return "<small>", "</small>"
    return b.open, b.close


def render_markdown_rtl(ldoc, *, block_text: Callable | None = None) -> str:
    """The localised article as Markdown for a right-to-left language.

    Every block goes through :func:`rtl_block_text`; the article is wrapped in
    ``<div dir="rtl" lang="…">`` with blank lines so the Markdown inside still parses as Markdown.
    An article with nothing translated yet is the English source, byte for byte: there is nothing
    right-to-left in it to mark.
    """
    from l10n.assemble import render_markdown

    if not has_translation(ldoc):
        return render_markdown(ldoc)
    from l10n.frontmatter import front_matter_end

    body = render_markdown(ldoc, block_text=block_text or rtl_block_text, wrapper=_upright_captions)
    end = front_matter_end(body)  # YAML front matter must stay the file's first lines, outside the <div>
    head, body = body[:end], body[end:].lstrip("\r\n")
    if not body.endswith("\n"):
        body += "\n"
    if not body.endswith("\n\n"):
        body += "\n"
    return f'{head}{"" if not head else chr(10)}<div dir="rtl" lang="{html_lang(ldoc.language.code)}">\n\n{body}</div>\n'
