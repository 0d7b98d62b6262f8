"""Inline Markdown of one sentence, summarised for comparison (used by the ``markup`` check).

markdown-it-py parses the inline syntax exactly as the build does (CommonMark + strikethrough), so
"snake_case" is not emphasis and ``**`` inside a code span is not a marker.  It is imported only when a
sentence contains a markup character at all, which news prose rarely does.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field

__all__ = ["Profile", "profile"]


@dataclass
class Profile:
    pairs: Counter[str] = field(default_factory=Counter)  # em / strong / s
    code: Counter[str] = field(default_factory=Counter)
    links: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    html: Counter[str] = field(default_factory=Counter)
    stray: Counter[str] = field(default_factory=Counter)  # literal ** * __ _ ` ~~ left in the text


@functools.lru_cache(maxsize=1)
def _md():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable(["strikethrough"])


#: Marker runs that markdown-it left as literal text: an opener without its closer.  A lone "_" or
#: "*" between word characters is ordinary text (snake_case, 5*3).
_STRAY = re.compile(r"\*\*|__|~~|`+|(?<![\w*])\*(?!\s)|(?<!\S)\*(?![\s*])|(?<!\w)_(?=\w)|(?<=\w)_(?!\w)")
_TAG = re.compile(r"</?\s*([A-Za-z][A-Za-z0-9-]*)")


def profile(text: str) -> Profile:
    out = Profile()
    tokens = _md().parseInline(text)
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
