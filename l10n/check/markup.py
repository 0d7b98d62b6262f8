"""Inline Markdown of one sentence, summarised for comparison (used by the ``markup`` check).

markdown-it-py parses the inline syntax exactly as the build does (CommonMark + strikethrough), so
"snake_case" is not emphasis and ``**`` inside a code span is not a marker.  It is imported only when a
sentence contains a markup character at all, which news prose rarely does.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from l10n.markdown import parser

__all__ = ["Profile", "profile", "signature"]


@dataclass
class Profile:
    pairs: Counter[str] = field(default_factory=Counter)  # em / strong / s
    code: Counter[str] = field(default_factory=Counter)
    links: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    html: Counter[str] = field(default_factory=Counter)
    stray: Counter[str] = field(default_factory=Counter)  # literal ** * __ _ ` ~~ left in the text


#: Marker runs that markdown-it left as literal text: an opener without its closer.  A lone "_" or
#: "*" between word characters is ordinary text (snake_case, 5*3).
_STRAY = re.compile(r"\*\*|__|~~|`+|(?<![\w*])\*(?!\s)|(?<!\S)\*(?![\s*])|(?<!\w)_(?=\w)|(?<=\w)_(?!\w)")
_TAG = re.compile(r"</?\s*([A-Za-z][A-Za-z0-9-]*)")


_SIG_CODE = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)")
_SIG_DEST = re.compile(r"\]\(([^()\s]*(?:\([^()\s]*\)[^()\s]*)*)")
_SIG_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*")
_SIG_RUN = re.compile(r"\*+|_+|~+|`+|\[|\]|!\[")


def signature(text: str) -> tuple:
    """A cheap summary that is equal for source and target whenever their inline markup is the same.

    Code spans and link targets verbatim, HTML tag names, and every marker run (``*``, ``_``, ``~``,
    backticks, brackets) with whether it can open (a non-space follows) or close (a non-space precedes),
    which is what decides emphasis.  Equal signatures mean markdown-it would find the same structure, so
    the ``markup`` check only parses sentences whose signatures differ.
    """
    code = sorted(m.group(2) for m in _SIG_CODE.finditer(text)) if "`" in text else []
    dests = sorted(_SIG_DEST.findall(text)) if "](" in text else []
    tags = sorted(_SIG_TAG.findall(text)) if "<" in text else []
    runs = []
    n = len(text)
    for m in _SIG_RUN.finditer(text):
        s, e = m.span()
        opens = e < n and not text[e].isspace()
        closes = s > 0 and not text[s - 1].isspace()
        inner = s > 0 and e < n and text[s - 1].isalnum() and text[e].isalnum()
        runs.append((m.group(), opens, closes, inner))
    runs.sort()
    return code, dests, tags, runs


def profile(text: str) -> Profile:
    out = Profile()
    tokens = parser().parseInline(text)
    for tok in tokens:
        for child in tok.children or ():
            t = child.type
            if t.endswith("_open") and t[:-5] in ("em", "strong", "s"):
                out.pairs[t[:-5]] += 1
            elif t == "code_inline":
                out.code[child.content] += 1
            elif t == "link_open":
                out.links.append(str(child.attrs.get("href", "")))
            elif t == "image":
                out.images.append(str(child.attrs.get("src", "")))
            elif t == "html_inline":
                m = _TAG.match(child.content)
                if m:
                    closing = child.content.lstrip("<").lstrip().startswith("/")
                    out.html[("</" if closing else "<") + m.group(1).lower() + ">"] += 1
            elif t == "text":
                for m in _STRAY.finditer(child.content):
                    out.stray[m.group()] += 1
    return out
