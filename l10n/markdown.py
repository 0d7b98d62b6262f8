"""The one Markdown parser every stage uses: CommonMark plus GFM tables and strikethrough.

Segment (blocks and sentences), check (markup of a translation), assemble (HTML and text output) and
preview (inline styles) must read the same Markdown the same way, or a sentence segmented as text is
rendered as markup, or markup check accepts is lost in the build.  GFM tables: each cell is an entry
(:mod:`l10n.segment`); inline parsing is the same with or without them.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

__all__ = ["parser"]


@functools.cache
def parser() -> MarkdownIt:
    """The shared parser (built on first use: importing this module stays cheap).

    >>> [t.type for t in parser().parseInline("*a* ~~b~~")[0].children][:3]
    ['em_open', 'text', 'em_close']
    """
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable(["table", "strikethrough"])
