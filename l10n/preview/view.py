"""The terminal preview as rich renderables: :class:`BidiText` (one paragraph) and
:class:`ArticlePreview` (the whole localised article, or source and target side by side).

Both render through ``__rich_console__`` at whatever width rich offers, so they work in a Table cell,
a pager, or a ``Console(record=True, width=80)`` in a test.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import KW_ONLY, dataclass, field
from typing import TYPE_CHECKING

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.measure import Measurement
from rich.rule import Rule
from rich.style import Style
from rich.table import Table
from rich.text import Text

from l10n.assemble.rtl import FALLBACK, LRI, LRM, PDI, RLM, fallback_runs, latin_runs
from l10n.markdown import parser
from l10n.preview.layout import mirror, paragraph_levels, shape_line, visual_order, wrap

if TYPE_CHECKING:
    from l10n.assemble import LocalisedDocument

__all__ = ["BIDI_MODES", "BidiText", "ArticlePreview", "markdown_to_text", "MARKERS", "STYLES", "UPRIGHT", "Highlighter"]

#: ``app``: we reorder (terminals without bidi); ``terminal``: we send logical order and the terminal
#: reorders (VTE, Konsole, mlterm, Apple Terminal).
BIDI_MODES = ("app", "terminal")

#: Marker shown before a sentence that is displayed in English, or is an unreviewed machine draft, and
#: its style.  A marker is glued to its sentence's first word (no-break space): never alone at a line end.
MARKERS = {
    "untranslated": ("[EN]", "bold red"),
    "fuzzy": ("[EN~]", "bold yellow"),
    "draft": ("[MT]", "bold black on yellow"),
}
NBSP = "\u00a0"

#: Styles of the article's parts.
STYLES = {
    "title": "bold bright_white",
    "standfirst": "bold",
    "heading": "bold cyan",
    "paragraph": "",
    "caption": "italic bright_black",
    "credit": "dim",
    "quote": "italic",
    "list item": "",
    "fallback": "dim italic",
    "draft": "yellow",  # an unreviewed machine translation, led by [MT]
    "term": "underline green",
}

#: Arabic and Hebrew have no italic: a terminal would slant the letters synthetically (SGR 3).  For a
#: right-to-left target these replace the italic styles (English fallbacks keep theirs).
UPRIGHT = {"caption": "bright_black", "quote": "bold", "em": "bold"}

Highlighter = Callable[[str], Iterable[tuple[int, int]]]


# --------------------------------------------------------------------------- one paragraph


def _check_bidi(bidi: str) -> None:
    """Refuse a misspelt mode: anything but ``app`` would otherwise quietly render as ``terminal``."""
    if bidi not in BIDI_MODES:
        raise ValueError(f"bidi must be one of {BIDI_MODES}, not {bidi!r}")


@dataclass(eq=False)
class BidiText:
    """One paragraph laid out for the terminal.

    In ``app`` mode each visual line is wrapped in logical order, then reordered for display (and
    shaped, if asked), and right-aligned when the paragraph is right-to-left; *first_prefix* /
    *prefix* (a bullet, a quote bar) go on the line's start side.  In ``terminal`` mode lines stay in
    logical order, right-to-left ones led by RLM, and the terminal does the rest.
    """

    text: Text  # a str is wrapped in a Text
    _: KW_ONLY
    rtl: bool
    bidi: str = "app"
    shape: bool = False
    first_prefix: str = ""
    prefix: str = ""
    prefix_style: str | Style = ""
    control_cells: int = 0  # cells the terminal gives each bidi mark (mlterm: 1)

    def __post_init__(self) -> None:
        _check_bidi(self.bidi)
        if not isinstance(self.text, Text):
            self.text = Text(self.text)

    def _gutter(self) -> int:
        return max(cell_len(self.first_prefix), cell_len(self.prefix))

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        words = self.text.plain.split() or [""]
        gutter = self._gutter()
        return Measurement(max(cell_len(w) for w in words) + gutter, cell_len(self.text.plain) + gutter)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from self.lines(console, options.max_width)

    def lines(self, console: Console, width: int) -> list[Text]:
        """The paragraph as display lines (each a one-line Text) for a box *width* cells wide."""
        plain = self.text.plain
        styles = _char_styles(self.text, console)
        gutter = self._gutter()
        app = self.bidi == "app"
        # Marks instead of isolates (mlterm): the terminal reorders each line as a paragraph of its own, so
        # a line that starts or ends inside an English run gets an LRM there, or its leading number or
        # trailing full stop would be taken for right-to-left.  Each mark takes a cell there.
        marks = bool(self.control_cells) and self.rtl and not app
        lead = 3 * self.control_cells if marks else self.control_cells if self.rtl and not app else 0
        avail = max(1, width - gutter - lead)
        levels = paragraph_levels(plain, self.rtl) if app or marks else []
        out: list[Text] = []
        for n, (start, end) in enumerate(wrap(plain, avail, controls=self.control_cells)):
            pre = self.first_prefix if n == 0 else self.prefix
            pre = pre.ljust(gutter) if pre or gutter else ""
            if app:
                body = _visual_line(plain, styles, levels, start, end, self.rtl, self.shape)
            else:
                body = _logical_line(plain, styles, start, end)
                if marks and levels[start] % 2 == 0:
                    body = Text.assemble(LRM, body)
                if marks and levels[end - 1] % 2 == 0:
                    body.append(LRM)
            line = Text(no_wrap=True, overflow="ignore", end="\n")
            if app and self.rtl:
                pad = avail - body.cell_len
                line.append(" " * max(0, pad))
                line.append_text(body)
                line.append("".join(mirror(c) for c in reversed(pre)), self.prefix_style)
            else:
                if self.rtl:
                    line.append(RLM)
                line.append(pre, self.prefix_style)
                line.append_text(body)
            out.append(line)
        if not out:
            out.append(Text("", end="\n"))
        return out


def _char_styles(text: Text, console: Console) -> list[Style]:
    n = len(text.plain)
    base = _style(text.style, console)
    styles = [base] * n
    for span in text.spans:
        st = _style(span.style, console)
        for i in range(max(0, span.start), min(span.end, n)):
            styles[i] = styles[i] + st
    return styles


def _style(style: str | Style | None, console: Console) -> Style:
    if not style:
        return Style.null()
    if isinstance(style, Style):
        return style
    return console.get_style(style, default=Style.null())


def _append_runs(pieces: Iterable[tuple[str, Style]]) -> Text:
    text = Text(no_wrap=True, overflow="ignore")
    run: list[str] = []
    current: Style | None = None
    for ch, st in pieces:
        if current is not None and st != current:
            text.append("".join(run), current)
            run = []
        current = st
        run.append(ch)
    if run and current is not None:
        text.append("".join(run), current)
    return text


def _visual_line(plain, styles, levels, start, end, rtl, shape) -> Text:
    line = plain[start:end]
    src = list(range(len(line)))
    if shape:
        line, src = shape_line(line)
    lv = [levels[start + k] for k in src]
    order = visual_order(line, lv, 0, len(line), rtl)
    return _append_runs(
        (mirror(line[i]) if lv[i] % 2 else line[i], styles[start + src[i]]) for i in order
    )


def _logical_line(plain, styles, start, end) -> Text:
    return _append_runs((plain[i], styles[i]) for i in range(start, end))


# --------------------------------------------------------------------------- Markdown inline → Text

_INLINE_STYLES = {"em": "italic", "strong": "bold", "s": "strike", "link": "underline"}


def markdown_to_text(source: str, *, upright: bool = False) -> Text:
    """Inline Markdown as a styled rich Text (emphasis, strong, code, links; HTML tags dropped).

    *upright*: emphasis in bold rather than italic (scripts without italic: Arabic, Hebrew).  Control
    characters become visible stand-ins (:func:`l10n.terminal.safe`): a msgstr cannot send escape
    sequences to the terminal.
    """
    from l10n.terminal import safe

    styles = {**_INLINE_STYLES, "em": UPRIGHT["em"]} if upright else _INLINE_STYLES
    tokens = parser().parseInline(safe(source))
    text = Text()
    active: list[str] = []
    for tok in tokens[0].children or [] if tokens else []:
        kind = tok.type.rsplit("_", 1)[0]
        if tok.type.endswith("_open") and kind in styles:
            active.append(styles[kind])
        elif tok.type.endswith("_close") and kind in styles:
            if styles[kind] in active:
                active.remove(styles[kind])
        elif tok.type == "text":
            text.append(tok.content, " ".join(active) or None)
        elif tok.type == "code_inline":
            text.append(tok.content, " ".join([*active, "reverse"]))
        elif tok.type in ("softbreak", "hardbreak"):
            text.append(" ")
        elif tok.type == "image":
            text.append("".join(c.content for c in tok.children or []), styles["em"])
    return text


def _isolated(text: Text, ltr: tuple[str, str] = (LRI, PDI)) -> Text:
    """*text* with *ltr* (LRI … PDI) around its Latin runs (styles kept)."""
    runs = latin_runs(text.plain, markdown=False)
    if not runs:
        return text
    out = Text()
    pos = 0
    for start, end in runs:
        out.append_text(text[pos:start])
        out.append(ltr[0])
        out.append_text(text[start:end])
        out.append(ltr[1])
        pos = end
    out.append_text(text[pos:])
    return out


class _Packed:
    """Items laid out left to right, three blanks apart, wrapping only between items (the legend)."""

    def __init__(self, items: list[Text]) -> None:
        self.items = items

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        line = Text(no_wrap=True, overflow="ellipsis")
        for item in self.items:
            if line.plain and line.cell_len + 3 + item.cell_len > width:
                yield line
                line = Text(no_wrap=True, overflow="ellipsis")
            if line.plain:
                line.append("   ")
            line.append_text(item)
        yield line


# --------------------------------------------------------------------------- the article


@dataclass(eq=False)
class ArticlePreview:
    """A localised article as editors want to see it in a terminal.

    Headings, standfirst, captions, credits and quotes are styled; sentences shown in English because
    their entry is untranslated or fuzzy are dimmed and led by ``[EN]`` / ``[EN~]``, unreviewed machine
    drafts are led by ``[MT]``; glossary terms are underlined when a *highlighter* is given (text →
    (start, end) spans).  *side_by_side* shows the English source and the translation in two columns.
    *isolates* False sends LRM marks instead of LRI … PDI, for a terminal that reorders but draws the
    isolate controls as boxes (mlterm); such a terminal also gives each mark a cell, so lines are
    wrapped counting them.
    """

    ldoc: LocalisedDocument
    _: KW_ONLY
    bidi: str = "app"
    shape: bool = False
    side_by_side: bool = False
    highlighter: Highlighter | None = None
    header: bool = True
    isolates: bool = True
    styles: dict[str, str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        _check_bidi(self.bidi)
        self.styles = {**STYLES, **UPRIGHT} if self.ldoc.language.rtl else STYLES

    # -- pieces
    def legend_items(self) -> list[Text]:
        """The legend's entries; the header packs them into as many lines as the width needs."""
        ldoc = self.ldoc
        c = ldoc.counts
        items = [Text(f"{c['translated']} translated")]

        def item(kind: str, words: str) -> Text:
            marker, style = MARKERS[kind]
            return Text.assemble((marker, style), NBSP + words.replace(" ", NBSP))

        if ldoc.drafts:
            items.append(item("draft", f"{ldoc.drafts} machine drafts (not reviewed)"))
        items.append(item("untranslated", f"{c['untranslated']} untranslated"))
        items.append(item("fuzzy", f"{c['fuzzy']} fuzzy (English shown)"))
        if self.highlighter:
            items.append(Text.assemble(("term", STYLES["term"]), NBSP + "glossary"))
        return items

    def header_lines(self) -> Group:
        ldoc = self.ldoc
        lang = ldoc.language
        title = Text.assemble(
            (ldoc.document.name, "bold"), " → ", (f"{lang.name} ({lang.code})", "bold"),
            ", right-to-left" if lang.rtl else "",
        )
        return Group(title, _Packed(self.legend_items()), Rule(style="bright_black"))

    def _ltr(self) -> tuple[str, str]:
        return (LRI, PDI) if self.isolates else (LRM, LRM)

    def block_text(self, lb, *, target: bool = True) -> Text:
        """The block's logical text, styled, with markers and (right-to-left targets) isolates.

        In a right-to-left block each run of consecutive English sentences is one isolate, so the
        sentences read in order (left to right), as in the built HTML and Markdown.
        """
        rtl = self.ldoc.language.rtl and target
        out = Text()
        if not target:
            seps = [*lb.block.separators, ""]
            for seg, sep in zip(lb.segments, seps):
                out.append_text(markdown_to_text(seg.source))
                out.append(sep)
            return out
        start, end = self._ltr()
        for group in fallback_runs(lb):
            seg, sep = group[-1]
            if seg.status in FALLBACK:
                run = Text()
                for k, (s, inner_sep) in enumerate(group):
                    marker, marker_style = MARKERS[s.status]
                    piece = markdown_to_text(s.target)
                    piece.stylize(STYLES["fallback"])
                    run.append_text(Text.assemble((marker, marker_style), NBSP, piece))
                    if k < len(group) - 1:
                        run.append(inner_sep)
                out.append_text(Text.assemble(start, run, end) if rtl else run)
            else:
                piece = markdown_to_text(seg.target, upright=rtl)
                if self.highlighter is not None and seg.status == "translated":
                    for a, b in self.highlighter(piece.plain):
                        piece.stylize(STYLES["term"], a, b)
                if rtl and seg.status == "translated":
                    piece = _isolated(piece, (start, end))
                if seg.draft:
                    piece.stylize(STYLES["draft"])
                    marker, marker_style = MARKERS["draft"]
                    lead = Text.assemble(start, (marker, marker_style), end) if rtl else Text(marker, marker_style)
                    piece = Text.assemble(lead, NBSP, piece)
                out.append_text(piece)
            out.append(sep)
        return out

    def block_view(self, lb, *, target: bool = True) -> BidiText:
        rtl = self.ldoc.language.rtl and target
        if rtl and not any(s.status == "translated" for s in lb.segments):
            rtl = False  # all in English: lay it out left to right
        text = self.block_text(lb, target=target)
        styles = self.styles if target else STYLES
        text.style = styles.get(lb.kind, "")  # the base: sentence styles (fallback, terms) go over it
        first = prefix = ""
        prefix_style: str = ""
        if lb.kind == "quote":
            first = prefix = "┃ "
            prefix_style = "magenta"
        elif lb.kind == "list item":
            first, prefix = "• ", "  "
        elif lb.kind == "credit":
            first, prefix = "© ", "  "
            prefix_style = "dim"
        elif lb.kind == "heading":
            mark = "#" * max(1, lb.block.level)
            first = mark + " "
            prefix = " " * len(first)
            prefix_style = "cyan"
        return BidiText(text, rtl=rtl, bidi=self.bidi, shape=self.shape,
                        first_prefix=first, prefix=prefix, prefix_style=prefix_style,
                        control_cells=0 if self.isolates else 1)

    # -- rendering
    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if self.header:
            yield self.header_lines()
        if self.side_by_side:
            yield self._table()
            return
        for k, lb in enumerate(self.ldoc.blocks):
            if k:
                yield Text("")
            yield self.block_view(lb)
            if lb.kind == "title":
                yield Rule(style="bright_black")

    def _table(self) -> Table:
        lang = self.ldoc.language
        table = Table(box=box.SIMPLE_HEAD, expand=True, padding=(0, 1, 1, 1), pad_edge=False)
        table.add_column("English (source)", ratio=1)
        table.add_column(f"{lang.name} ({lang.code})", ratio=1, justify="right" if lang.rtl else "left")
        for lb in self.ldoc.blocks:
            table.add_row(self.block_view(lb, target=False), self.block_view(lb))
        return table
