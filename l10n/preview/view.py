"""The terminal preview as rich renderables: :class:`BidiText` (one paragraph) and
:class:`ArticlePreview` (the whole localised article, or source and target side by side).

Both render through ``__rich_console__`` at whatever width rich offers, so they work in a Table cell,
a pager, or a ``Console(record=True, width=80)`` in a test.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.measure import Measurement
from rich.rule import Rule
from rich.style import Style
from rich.table import Table
from rich.text import Text

from l10n.assemble.rtl import FALLBACK, LRI, PDI, RLM, latin_runs
from l10n.markdown import parser
from l10n.preview.layout import mirror, paragraph_levels, shape_line, visual_order, wrap

__all__ = ["BIDI_MODES", "BidiText", "ArticlePreview", "markdown_to_text", "MARKERS", "Highlighter"]

#: ``app``: we reorder (terminals without bidi); ``terminal``: we send logical order and the terminal
#: reorders (VTE, Konsole, mlterm, Apple Terminal).
BIDI_MODES = ("app", "terminal")

#: Marker shown before a sentence that is displayed in English, and its style.
MARKERS = {"untranslated": ("[EN]", "bold red"), "fuzzy": ("[EN~]", "bold yellow")}

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
    "draft": "yellow",  # an unreviewed machine translation (preview --drafts)
    "term": "underline green",
}

Highlighter = Callable[[str], Iterable[tuple[int, int]]]


# --------------------------------------------------------------------------- one paragraph


class BidiText:
    """One paragraph laid out for the terminal.

    In ``app`` mode each visual line is wrapped in logical order, then reordered for display (and
    shaped, if asked), and right-aligned when the paragraph is right-to-left; *first_prefix* /
    *prefix* (a bullet, a quote bar) go on the line's start side.  In ``terminal`` mode lines stay in
    logical order, right-to-left ones led by RLM, and the terminal does the rest.
    """

    def __init__(
        self,
        text: Text | str,
        *,
        rtl: bool,
        bidi: str = "app",
        shape: bool = False,
        first_prefix: str = "",
        prefix: str = "",
        prefix_style: str | Style = "",
    ) -> None:
        if bidi not in BIDI_MODES:
            raise ValueError(f"bidi must be one of {BIDI_MODES}, not {bidi!r}")
        self.text = text if isinstance(text, Text) else Text(text)
        self.rtl = rtl
        self.bidi = bidi
        self.shape = shape
        self.first_prefix = first_prefix
        self.prefix = prefix
        self.prefix_style = prefix_style

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
        avail = max(1, width - gutter)
        app = self.bidi == "app"
        levels = paragraph_levels(plain, self.rtl) if app else []
        out: list[Text] = []
        for n, (start, end) in enumerate(wrap(plain, avail)):
            pre = self.first_prefix if n == 0 else self.prefix
            pre = pre.ljust(gutter) if pre or gutter else ""
            if app:
                body = _visual_line(plain, styles, levels, start, end, self.rtl, self.shape)
            else:
                body = _logical_line(plain, styles, start, end)
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


def markdown_to_text(source: str) -> Text:
    """Inline Markdown as a styled rich Text (emphasis, strong, code, links; HTML tags dropped)."""
    tokens = parser().parseInline(source)
    text = Text()
    active: list[str] = []
    for tok in tokens[0].children or [] if tokens else []:
        kind = tok.type.rsplit("_", 1)[0]
        if tok.type.endswith("_open") and kind in _INLINE_STYLES:
            active.append(_INLINE_STYLES[kind])
        elif tok.type.endswith("_close") and kind in _INLINE_STYLES:
            if _INLINE_STYLES[kind] in active:
                active.remove(_INLINE_STYLES[kind])
        elif tok.type == "text":
            text.append(tok.content, " ".join(active) or None)
        elif tok.type == "code_inline":
            text.append(tok.content, " ".join([*active, "reverse"]))
        elif tok.type in ("softbreak", "hardbreak"):
            text.append(" ")
        elif tok.type == "image":
            text.append("".join(c.content for c in tok.children or []), "italic")
    return text


def _isolated(text: Text) -> Text:
    """*text* with LRI … PDI around its Latin runs (styles kept)."""
    runs = latin_runs(text.plain, markdown=False)
    if not runs:
        return text
    out = Text()
    pos = 0
    for start, end in runs:
        out.append_text(text[pos:start])
        out.append(LRI)
        out.append_text(text[start:end])
        out.append(PDI)
        pos = end
    out.append_text(text[pos:])
    return out


# --------------------------------------------------------------------------- the article


class ArticlePreview:
    """A localised article as editors want to see it in a terminal.

    Headings, standfirst, captions, credits and quotes are styled; sentences shown in English because
    their entry is untranslated or fuzzy are dimmed and led by ``[EN]`` / ``[EN~]``; glossary terms are
    underlined when a *highlighter* is given (text → (start, end) spans).  *side_by_side* shows the
    English source and the translation in two columns.
    """

    def __init__(
        self,
        ldoc,
        *,
        bidi: str = "app",
        shape: bool = False,
        side_by_side: bool = False,
        highlighter: Highlighter | None = None,
        header: bool = True,
    ) -> None:
        if bidi not in BIDI_MODES:
            raise ValueError(f"bidi must be one of {BIDI_MODES}, not {bidi!r}")
        self.ldoc = ldoc
        self.bidi = bidi
        self.shape = shape
        self.side_by_side = side_by_side
        self.highlighter = highlighter
        self.header = header

    # -- pieces
    def header_lines(self) -> Group:
        ldoc = self.ldoc
        lang = ldoc.language
        c = ldoc.counts
        title = Text.assemble(
            (ldoc.document.name, "bold"), " → ", (f"{lang.name} ({lang.code})", "bold"),
            ", right-to-left" if lang.rtl else "",
        )
        legend = Text.assemble(
            f"{c['translated']} translated",
            "   ", (MARKERS["untranslated"][0], MARKERS["untranslated"][1]), f" {c['untranslated']} untranslated",
            "   ", (MARKERS["fuzzy"][0], MARKERS["fuzzy"][1]), f" {c['fuzzy']} fuzzy (English shown)",
            *(("   ", ("MT draft", STYLES["draft"]), f" {ldoc.drafts} unreviewed") if ldoc.drafts else ()),
            *(("   ", ("term", STYLES["term"]), " glossary") if self.highlighter else ()),
        )
        return Group(title, legend, Rule(style="bright_black"))

    def block_text(self, lb, *, target: bool = True) -> Text:
        """The block's logical text, styled, with markers and (right-to-left targets) isolates."""
        rtl = self.ldoc.language.rtl and target
        seps = [*lb.block.separators, ""]
        out = Text()
        for seg, sep in zip(lb.segments, seps):
            if not target:
                out.append_text(markdown_to_text(seg.source))
                out.append(sep)
                continue
            piece = markdown_to_text(seg.target)
            if seg.status in FALLBACK:
                marker, marker_style = MARKERS[seg.status]
                piece.stylize(STYLES["fallback"])
                piece = Text.assemble((marker, marker_style), " ", piece)
                if rtl:
                    piece = Text.assemble(LRI, piece, PDI)
            else:
                if seg.draft:
                    piece.stylize(STYLES["draft"])
                if self.highlighter is not None and seg.status == "translated":
                    for start, end in self.highlighter(piece.plain):
                        piece.stylize(STYLES["term"], start, end)
                if rtl and seg.status == "translated":
                    piece = _isolated(piece)
            out.append_text(piece)
            out.append(sep)
        return out

    def block_view(self, lb, *, target: bool = True) -> BidiText:
        rtl = self.ldoc.language.rtl and target
        if rtl and not any(s.status == "translated" for s in lb.segments):
            rtl = False  # all in English: lay it out left to right
        text = self.block_text(lb, target=target)
        text.style = STYLES.get(lb.kind, "")  # the base: sentence styles (fallback, terms) go over it
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
                        first_prefix=first, prefix=prefix, prefix_style=prefix_style)

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
