"""Translations cannot add active content to the HTML page.

A catalogue is edited by many hands (volunteers, MT, a compromised account), and the built page is
published: a msgstr must not be able to run script in a reader's browser.  So the HTML of a translated
sentence may use only the inline tags, and on each tag only the attributes, that its *source* sentence
uses (plus harmless Markdown emphasis and the ``<bdi>``/``dir`` the build itself adds).  Anything else
a translator typed as HTML is shown as text (escaped), so the mistake is visible rather than silently
dropped; and the sentence's HTML is then passed through `nh3 <https://nh3.readthedocs.io>`_ (the
Python binding of Ammonia, a maintained sanitiser), which removes any attribute not allowed, and any
URL whose scheme is not http, https or mailto (``javascript:``, ``data:``, ``vbscript:`` …).
Script-like tags and event-handler attributes are never allowed, even when the source has them.
The English source itself is the publisher's and is rendered as written.
"""

from __future__ import annotations

import functools
import re
from html.parser import HTMLParser

__all__ = ["clean_translation", "markup_of", "TagAttrs"]

TagAttrs = dict[str, frozenset[str]]

#: Markdown emphasis a translator may use whatever the source does, and what the build adds.
ALWAYS: TagAttrs = {
    "em": frozenset(),
    "strong": frozenset(),
    "code": frozenset({"dir"}),
    "del": frozenset(),
    "s": frozenset(),
    "br": frozenset(),
    "bdi": frozenset(),
}
#: Never allowed in a translation, whatever the source has.
NEVER_TAGS = frozenset(
    [
        "script",
        "style",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "svg",
        "math",
        "form",
        "input",
        "button",
        "textarea",
        "select",
        "option",
        "link",
        "meta",
        "base",
        "template",
        "noscript",
        "portal",
        "audio",
        "video",
        "source",
        "track",
        "canvas",
        "dialog",
    ]
)
_BAD_ATTR = re.compile(r"^(on|formaction$|srcdoc$|style$|xmlns|xlink)", re.I)
URL_SCHEMES = frozenset({"http", "https", "mailto"})
_TAG = re.compile(r"<\s*/?\s*([A-Za-z][A-Za-z0-9-]*)")


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: dict[str, set[str]] = {}

    def handle_starttag(self, tag, attrs):
        self.found.setdefault(tag, set()).update(name for name, _ in attrs)

    handle_startendtag = handle_starttag


def markup_of(html_fragment: str) -> TagAttrs:
    """Tags and the attribute names used on each, in an HTML fragment (e.g. a rendered source sentence)."""
    parser = _Collect()
    parser.feed(html_fragment)
    parser.close()
    return {tag: frozenset(attrs) for tag, attrs in parser.found.items()}


def allowed_for(source_markup: TagAttrs) -> TagAttrs:
    """What a translation of a sentence with *source_markup* may use."""
    allowed = {tag: set(attrs) for tag, attrs in ALWAYS.items()}
    for tag, attrs in source_markup.items():
        if tag in NEVER_TAGS:
            continue
        allowed.setdefault(tag, set()).update(a for a in attrs if not _BAD_ATTR.match(a))
    return {tag: frozenset(attrs) for tag, attrs in allowed.items()}


def inline_tag_allowed(html_inline: str, allowed: TagAttrs) -> bool:
    """Is this raw inline HTML (one markdown-it ``html_inline`` token) a tag the sentence may use?

    Comments, processing instructions and declarations are never allowed.
    """
    m = _TAG.match(html_inline)
    return bool(m) and m.group(1).lower() in allowed


def clean_translation(html_fragment: str, allowed: TagAttrs) -> str:
    """*html_fragment* (a translated sentence rendered to HTML) with only *allowed* tags and attributes."""
    return _clean(html_fragment, tuple(sorted((t, tuple(sorted(a))) for t, a in allowed.items())))


@functools.lru_cache(maxsize=4096)
def _clean(fragment: str, allowed: tuple[tuple[str, tuple[str, ...]], ...]) -> str:
    import nh3

    return nh3.clean(
        fragment,
        tags={t for t, _ in allowed},
        attributes={t: set(a) for t, a in allowed if a},
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )
