"""Stage 0 — import: a newsroom's article (saved CMS HTML page or scraped text) -> our Markdown.

Pure: text or bytes in, an :class:`Article` out; reading and writing files is the project layer's job
(:func:`l10n.project.commands.import_articles`).  Nothing here goes online: a URL in the metadata is
recorded, never fetched.

The Markdown speaks the block types :mod:`l10n.segment` knows: ``# title``, the standfirst as the
paragraph right after it, ``## heading``, paragraphs, ``> quote`` (block and pull quotes), ``*caption*``
followed by ``<small>credit</small>`` for a figure, lists, GFM tables, links and emphasis.  Metadata
(headline, description, author, date, source URL, section, language) goes into YAML front matter.

* :func:`import_text` — scraped plain text (:mod:`l10n.importer.text`, heuristics documented there);
* :func:`import_html` — an HTML page through trafilatura (:mod:`l10n.importer.html`), the optional
  ``l10n[import]`` extra.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

__all__ = [
    "META_KEYS",
    "Article",
    "import_text",
    "import_html",
    "slugify",
    "front_matter",
    "escape_inline",
]

#: Front matter keys, in the order they are written.
META_KEYS = ("title", "description", "author", "date", "url", "section", "language", "image")


@dataclass(frozen=True)
class Article:
    """An imported article: its Markdown body and its metadata."""

    body: str  # Markdown, starting with "# headline", ending with one newline
    meta: dict[str, str] = field(default_factory=dict)  # META_KEYS -> value ("" or absent: unknown)

    @property
    def title(self) -> str:
        if self.meta.get("title"):
            return self.meta["title"]
        m = re.match(r"# (.+)", self.body)
        return m.group(1) if m else ""

    @property
    def slug(self) -> str:
        return slugify(self.title)

    def markdown(self, *, with_front_matter: bool | None = None) -> str:
        """The article file: front matter (when there is metadata beyond the headline) then the body."""
        extra = any(v for k, v in self.meta.items() if k != "title")
        if with_front_matter is False or (with_front_matter is None and not extra):
            return self.body
        return front_matter(self.meta) + "\n" + self.body


def slugify(title: str, *, max_length: int = 80) -> str:
    """A file name from a headline: ASCII letters and digits joined by hyphens.

    >>> slugify("The Palmyra attack and what it means for US-Syria cooperation")
    'the-palmyra-attack-and-what-it-means-for-us-syria-cooperation'
    >>> slugify("Uncork the mystery of Germany's Frühburgunder")
    'uncork-the-mystery-of-germanys-fruhburgunder'
    >>> slugify("Étude : l’été à Paris")
    'etude-l-ete-a-paris'
    """
    title = re.sub(r"['’](?=s\b)", "", title)  # "Germany's" -> "germanys"
    spaced = "".join(c if c.isalnum() else " " for c in title)  # "l’été" -> "l ete", not "lete"
    ascii_ = unicodedata.normalize("NFKD", spaced).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0]
    return slug or "article"


def front_matter(meta: dict[str, str]) -> str:
    """YAML front matter for *meta*, keys in :data:`META_KEYS` order, each value a one-line scalar."""
    from l10n.frontmatter import render_front_matter

    return render_front_matter([(key, meta.get(key) or "") for key in META_KEYS])


_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<])")
_LINE_START = re.compile(r"^(\s*)(#{1,6}\s|>|[-+*]\s|\d{1,9}[.)]\s|=+\s*$|-+\s*$|\|)")


def escape_inline(text: str) -> str:
    """Plain text made safe as Markdown inline content: markup characters and line-start markers escaped.

    >>> escape_inline("1. Use *this* [now]")
    '1\\\\. Use \\\\*this\\\\* \\\\[now\\\\]'
    """
    out = _INLINE_SPECIAL.sub(r"\\\1", text)
    m = _LINE_START.match(out)
    if m:
        marker = m.group(2)
        k = m.start(2)
        if marker[0].isdigit():
            d = len(re.match(r"\d+", marker).group())
            out = out[: k + d] + "\\" + out[k + d :]
        else:
            out = out[:k] + "\\" + out[k:]
    return out


def import_text(text: str, *, meta: dict[str, str] | None = None) -> Article:
    """Scraped plain text -> :class:`Article` (see :mod:`l10n.importer.text`)."""
    from l10n.importer.text import text_to_article

    return text_to_article(text, meta=meta or {})


def import_html(page: str | bytes, *, url: str = "", meta: dict[str, str] | None = None) -> Article:
    """A saved HTML page -> :class:`Article` (see :mod:`l10n.importer.html`; needs ``l10n[import]``)."""
    from l10n.importer.html import html_to_article

    return html_to_article(page, url=url, meta=meta or {})
