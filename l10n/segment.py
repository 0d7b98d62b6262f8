"""Stage 1 — segmentation: Markdown article -> blocks -> sentences.

markdown-it-py gives leaf blocks with their source line maps; sentencex splits each block's inline
text into sentences.  Every block remembers exactly where its text sits in the source (line range,
prefix before it on the first line, suffix after it on the last), so :mod:`l10n.assemble` can put
translations back and, when nothing changed, reproduce the source byte for byte.

Inline Markdown (emphasis, links, code) stays in the sentence text as Markdown, the form translators
already know how to keep intact.  Text that is not in a paragraph-like block is extracted too, each
piece located by its exact character span so it can be replaced in place (:attr:`Block.span`):
YAML front matter values of translatable keys (the keys are structure and never translated), table
cells (one entry per cell sentence; the table's delimiter row, hence its alignment, is kept), the alt
text and title of an image standing alone in its paragraph, and ``alt``/``title`` attributes of HTML
blocks.  An image, link title or inline HTML attribute *inside* a sentence stays part of that
sentence's msgid: translators see and translate it in context.  A wrapper around a whole block (``*caption*``, ``**standfirst**``,
``<small>credit</small>``) is structure, not content: it is kept in the skeleton and left out of the
sentences, so no sentence carries half of a markup pair.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from l10n.errors import decode_utf8, unreadable
from l10n.frontmatter import front_matter_end, read_scalar, yaml_scalar
from l10n.inputs import read_regular
from l10n.markdown import parser

__all__ = [
    "BLOCK_KINDS",
    "Segment",
    "Block",
    "Document",
    "parse_markdown",
    "read_document",
    "split_sentences",
    "normalize_space",
    "is_translatable",
    "TRANSLATABLE_KEYS",
    "encode_value",
    "split_row",
]

#: Block types, as shown to translators in each entry's extracted comment.  Front matter values are
#: ``"front matter <key>"`` (``front matter title``, ``front matter image.alt``).
BLOCK_KINDS = (
    "title", "standfirst", "heading", "paragraph", "caption", "credit", "quote", "list item",
    "table cell", "image alt", "image title", "alt attribute", "title attribute",
)

#: Front matter keys whose values are translated by default (dotted for nested keys); a project sets
#: its own with ``front_matter_keys`` in ``[tool.l10n]``.
TRANSLATABLE_KEYS = ("title", "subtitle", "description", "standfirst", "summary", "image.alt", "image.caption")


@dataclass(frozen=True)
class Segment:
    """One sentence: the unit of translation (one PO entry)."""

    text: str  # the msgid: inline Markdown kept, whitespace runs with a line break folded to one space
    kind: str  # one of BLOCK_KINDS
    line: int  # 1-based source line on which the sentence starts


@dataclass(frozen=True)
class Block:
    """A leaf block of the article and where its text sits in the source."""

    kind: str
    level: int  # heading level (1-6), 0 for other blocks
    start: int  # 0-based first source line of the block's text
    end: int  # 0-based line after the block's text
    prefix: str  # source text before the block's text on line *start* (``## ``, ``> ``, ``- ``)
    suffix: str  # source text after the block's text on line *end - 1* (closing ``#``s, trailing blanks)
    open: str  # whole-block wrapper kept out of the sentences ("*", "**", "<small>") …
    close: str  # … and its closing half
    segments: tuple[Segment, ...]
    separators: tuple[str, ...]  # what stood between consecutive sentences (folded to one space)
    exact: bool = True  # False when the block's text could not be located in the source lines
    #: Absolute character offsets of the text a translation replaces (wrapper included): the whole
    #: block for paragraphs and headings, the value for front matter, a cell, an alt text, an attribute.
    span: tuple[int, int] = (0, 0)
    #: How a translation is written back: "markdown" (as is), "yaml" (a YAML scalar in the quoting the
    #: source used), "cell" (``|`` escaped), "title" (inside ``"…"``), "attribute" (HTML-escaped).
    syntax: str = "markdown"
    column: int = -1  # table cell: its column (0-based); else -1

    @property
    def inline(self) -> bool:
        """True for text inside a line (front matter value, cell, alt, attribute), not a whole block."""
        return self.syntax != "markdown" or self.kind in ("image alt",)

    def encode(self, text: str) -> str:
        """*text* (one line) written back in this block's syntax, wrapper included."""
        return f"{self.open}{encode_value(text, self.syntax, self.open)}{self.close}"


@dataclass(frozen=True)
class Document:
    """A parsed article: its source text and its translatable blocks, in order."""

    name: str  # article name: the file stem
    path: str  # path shown in PO references (relative to the project root, POSIX separators)
    text: str
    blocks: tuple[Block, ...]

    @property
    def segments(self) -> tuple[Segment, ...]:
        return tuple(s for b in self.blocks for s in b.segments)


# --------------------------------------------------------------------------- parsing


_WS_BREAK = re.compile(r"[ \t]*\r?\n[ \t]*")


def normalize_space(text: str) -> str:
    """Fold line breaks (and the blanks around them) to one space: one msgid per sentence."""
    return _WS_BREAK.sub(" ", text).strip()


def parse_markdown(
    text: str,
    *,
    name: str = "article",
    path: str = "article.md",
    front_matter_keys: tuple[str, ...] = TRANSLATABLE_KEYS,
) -> Document:
    """Parse an article; pure (no I/O).

    >>> [s.text for s in parse_markdown("# Hello\\n\\nIt works. Really.\\n").segments]
    ['Hello', 'It works.', 'Really.']
    """
    lines = text.splitlines(keepends=True)
    starts = _line_starts(lines)
    fm_end = front_matter_end(text)
    blocks: list[Block] = []
    if fm_end:
        fm_lines = text[:fm_end].count("\n")
        blocks.extend(_front_matter_blocks(lines, starts, fm_lines, front_matter_keys))
        # markdown-it must not see the front matter ("---" would be a rule, "key: value" a heading);
        # blank lines keep every line number where it was.
        body = "\n" * fm_lines + text[fm_end:]
    else:
        body = text
    tokens = parser().parse(body)
    stack: list[str] = []  # enclosing containers
    title_seen = False
    prev_kind: str | None = None
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        t = tok.type
        if t == "table_open" and not stack:
            blocks.extend(_table_blocks(tokens, i, lines, starts))
        if t in ("blockquote_open", "list_item_open", "table_open"):
            stack.append(t)
        elif t in ("blockquote_close", "list_item_close", "table_close"):
            stack.pop()
        elif t in ("heading_open", "paragraph_open") and "table_open" not in stack:
            inline = tokens[i + 1]
            if t == "heading_open":
                level = int(tok.tag[1])
                kind = "title" if level == 1 and not title_seen else "heading"
                title_seen = title_seen or kind == "title"
            else:
                level = 0
                if "blockquote_open" in stack:
                    kind = "quote"
                elif "list_item_open" in stack:
                    kind = "list item"
                else:
                    kind = "paragraph"
            image = _image_blocks(inline, lines, starts) if t == "paragraph_open" else None
            if image is not None:
                blocks.extend(image)
                i += 2
                continue
            block = _make_block(inline, kind, level, lines, starts, prev_kind)
            if block is not None:
                blocks.append(block)
                prev_kind = block.kind
            i += 2
            continue
        elif t == "html_block" and tok.map:
            blocks.extend(_attribute_blocks(text, starts, tok.map[0], tok.map[1]))
            if not stack:
                prev_kind = t
        elif t in ("fence", "code_block", "hr") and not stack:
            prev_kind = t
        i += 1
    blocks.sort(key=lambda b: b.span[0])
    return Document(name=name, path=path, text=text, blocks=tuple(blocks))


def _line_starts(lines: list[str]) -> list[int]:
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    return starts


def _simple_block(kind: str, value: str, line: int, span: tuple[int, int], syntax: str, quote: str = "",
                  column: int = -1) -> Block | None:
    """A block for text inside a line: one segment per sentence of *value*."""
    sentences, separators = split_sentences(value)
    segs = tuple(Segment(text=normalize_space(x), kind=kind, line=line + 1) for x in sentences)
    if not segs or not any(is_translatable(x.text) for x in segs):
        return None
    return Block(
        kind=kind, level=0, start=line, end=line + 1, prefix="", suffix="", open=quote, close=quote,
        segments=segs, separators=tuple(" " if "\n" in x else x for x in separators),
        span=span, syntax=syntax, column=column,
    )


# --------------------------------------------------------------------------- front matter

_FM_KEY = re.compile(r"^(?P<indent>[ \t]*)(?P<key>[A-Za-z_][\w.-]*)[ \t]*:(?:[ \t]+(?P<value>.*?))?[ \t]*$")


def _front_matter_blocks(lines: list[str], starts: list[int], count: int, keys: tuple[str, ...]) -> list[Block]:
    """Entries for the single-line string values of translatable keys (one level of nesting).

    Keys, other values (dates, URLs, names, lists) and the fences are structure: never msgids.
    """
    wanted = set(keys)
    out: list[Block] = []
    parent = ""
    for n in range(1, count - 1):
        line = lines[n].rstrip("\r\n")
        m = _FM_KEY.match(line)
        if not m:
            continue
        key, value = m.group("key"), m.group("value")
        if not m.group("indent"):
            parent = key if not value else ""
            dotted = key
        elif parent:
            dotted = f"{parent}.{key}"
        else:
            continue
        if not value or dotted not in wanted:
            continue
        decoded, quote, inner = read_scalar(value)
        if decoded is None:
            continue
        a = starts[n] + m.start("value") + inner[0]
        b = starts[n] + m.start("value") + inner[1]
        block = _simple_block(f"front matter {dotted}", decoded, n, (a - len(quote), b + len(quote)), "yaml", quote)
        if block is not None:
            out.append(block)
    return out


def encode_value(text: str, syntax: str, quote: str = "") -> str:
    """*text* escaped for where it goes back: a YAML scalar, a table cell, a title, an HTML attribute."""

    if syntax == "yaml":
        return yaml_scalar(text, quote)
    if syntax == "cell":
        return re.sub(r"(?<!\\)\|", r"\\|", text)
    if syntax == "title":
        close = {"(": ")"}.get(quote, quote)
        return re.sub(rf"(?<!\\){re.escape(close)}", lambda m: "\\" + m.group(), text) if close else text
    if syntax == "attribute":
        import html

        return html.escape(text, quote=True)
    return text


# --------------------------------------------------------------------------- tables


def split_row(line: str) -> list[tuple[int, int]]:
    """Spans of a GFM table row's cells (text trimmed), split at unescaped pipes.

    >>> row = "| a \\\\| b | c |"
    >>> [row[a:b] for a, b in split_row(row)]
    ['a \\\\| b', 'c']
    """
    cuts = [k for k, ch in enumerate(line) if ch == "|" and (k == 0 or line[k - 1] != "\\")]
    bounds = [-1, *cuts, len(line)]
    cells = []
    for a, b in zip(bounds, bounds[1:]):
        a += 1
        while a < b and line[a] in " \t":
            a += 1
        e = b
        while e > a and line[e - 1] in " \t":
            e -= 1
        cells.append((a, e))
    if cuts and not line[: cuts[0]].strip():
        cells = cells[1:]
    if cuts and not line[cuts[-1] + 1 :].strip():
        cells = cells[:-1]
    return cells


def _table_blocks(tokens, i: int, lines: list[str], starts: list[int]) -> list[Block]:
    """One block per non-empty cell, located in its row; the delimiter row is never touched."""
    out: list[Block] = []
    depth = 0
    row_line, column = -1, 0
    for tok in tokens[i:]:
        if tok.type == "table_open":
            depth += 1
        elif tok.type == "table_close":
            depth -= 1
            if depth == 0:
                break
        elif tok.type == "tr_open" and tok.map:
            row_line, column = tok.map[0], 0
        elif tok.type in ("th_close", "td_close"):
            column += 1
        elif tok.type == "inline" and row_line >= 0:
            line = _strip_eol(lines[row_line])
            cells = split_row(line)
            if column < len(cells):
                a, b = cells[column]
                off = starts[row_line]
                block = _simple_block("table cell", line[a:b], row_line, (off + a, off + b), "cell", column=column)
                if block is not None:
                    out.append(block)
    return out


# --------------------------------------------------------------------------- images and attributes

_IMAGE_ALONE = re.compile(
    r"!\[(?P<alt>(?:[^\[\]\\]|\\.|\[[^\]]*\])*)\]"
    r"\(\s*(?:<[^>]*>|[^\s()]+(?:\([^\s()]*\))?)"
    r"(?:\s+(?P<title>\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'|\((?:[^()\\]|\\.)*\)))?\s*\)"
)


def _image_blocks(inline, lines: list[str], starts: list[int]) -> list[Block] | None:
    """A paragraph that is one image: its alt text and title are the entries (None: not such a paragraph)."""
    kids = [c for c in inline.children or [] if not (c.type == "text" and not c.content.strip())]
    if len(kids) != 1 or kids[0].type != "image" or inline.map[1] - inline.map[0] != 1:
        return None
    n = inline.map[0]
    line = _strip_eol(lines[n])
    m = _IMAGE_ALONE.search(line)
    if not m or line[: m.start()].strip(" \t>") or line[m.end() :].strip():
        return None
    out: list[Block] = []
    off = starts[n]
    alt = _simple_block("image alt", m.group("alt"), n, (off + m.start("alt"), off + m.end("alt")), "markdown")
    if alt is not None:
        out.append(alt)
    if m.group("title"):
        q = m.group("title")[0]
        a, b = m.start("title"), m.end("title")
        title = _simple_block("image title", line[a + 1 : b - 1], n, (off + a, off + b), "title", q)
        if title is not None:
            out.append(replace(title, close={"(": ")"}.get(q, q)))
    return out


_ATTR = re.compile(r"""(?<=[\s"'])(?P<name>alt|title)\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)')""", re.I)
_TAG = re.compile(r"<[A-Za-z][^<>]*>")


def _attribute_blocks(text: str, starts: list[int], first: int, last: int) -> list[Block]:
    """``alt``/``title`` attribute values of the tags in an HTML block, each an entry."""
    import html

    a0, b0 = starts[first], starts[min(last, len(starts) - 1)]
    out: list[Block] = []
    for tag in _TAG.finditer(text, a0, b0):
        for m in _ATTR.finditer(tag.group()):
            group = "dq" if m.group("dq") is not None else "sq"
            a, b = tag.start() + m.start(group), tag.start() + m.end(group)
            line = text.count("\n", 0, a)
            quote = '"' if group == "dq" else "'"
            kind = f"{m.group('name').lower()} attribute"
            block = _simple_block(kind, html.unescape(text[a:b]), line, (a - 1, b + 1), "attribute", quote)
            if block is not None:
                out.append(block)
    return out


def _make_block(
    inline, kind: str, level: int, lines: list[str], starts: list[int], prev_kind: str | None
) -> Block | None:
    content: str = inline.content
    start, end = inline.map
    content_lines = content.split("\n")
    end = start + len(content_lines)
    exact = True
    prefix = suffix = ""
    first_src = _strip_eol(lines[start]) if start < len(lines) else ""
    last_src = _strip_eol(lines[end - 1]) if end - 1 < len(lines) else ""
    pos = first_src.find(content_lines[0])
    if pos < 0:
        exact = False
    else:
        prefix = first_src[:pos]
    last = content_lines[-1]
    lpos = last_src.rfind(last) if len(content_lines) > 1 else pos
    if lpos < 0 or not exact:
        exact = False
        prefix = suffix = ""
    else:
        suffix = last_src[lpos + len(last):]
    text = "\n".join(line.strip() for line in content_lines)
    opener, closer, text = _unwrap(inline, text)
    if kind == "paragraph":
        if opener in ("*", "_"):
            kind = "caption"
        elif opener.lower() == "<small>":
            kind = "credit"
        elif prev_kind == "title":
            kind = "standfirst"
    sentences, separators = split_sentences(text)
    if not sentences:
        return None
    segs = []
    offset = 0
    for k, sentence in enumerate(sentences):
        line = start + 1 + text.count("\n", 0, offset)
        segs.append(Segment(text=normalize_space(sentence), kind=kind, line=line))
        offset += len(sentence) + (len(separators[k]) if k < len(separators) else 0)
    if not any(is_translatable(s.text) for s in segs):
        return None
    return Block(
        kind=kind,
        level=level,
        start=start,
        end=end,
        prefix=prefix,
        suffix=suffix,
        open=opener,
        close=closer,
        segments=tuple(segs),
        separators=tuple(" " if "\n" in s else s for s in separators),
        exact=exact,
        span=(starts[start] + len(prefix), starts[end - 1] + len(last_src) - len(suffix)),
    )


def _strip_eol(line: str) -> str:
    return line.rstrip("\r\n")


def is_translatable(text: str) -> bool:
    """A sentence with no letters at all (a bare number, a lone URL mark) is copied, not translated."""
    return any(ch.isalpha() for ch in text)


_WRAPPERS = {"em_open": "em_close", "strong_open": "strong_close"}


def _unwrap(inline, text: str) -> tuple[str, str, str]:
    """Detect one emphasis/strong/<small> pair spanning the whole block; return (open, close, inner)."""
    children = [c for c in inline.children or [] if not (c.type == "text" and not c.content)]
    if len(children) < 3:
        return "", "", text
    first, last = children[0], children[-1]
    if first.type in _WRAPPERS and last.type == _WRAPPERS[first.type]:
        depth = 0
        for child in children[:-1]:
            if child.type == first.type:
                depth += 1
            elif child.type == last.type:
                depth -= 1
                if depth == 0:  # the first pair closes before the end: not a whole-block wrapper
                    return "", "", text
        mark = first.markup
        if text.startswith(mark) and text.endswith(mark) and len(text) > 2 * len(mark):
            return mark, mark, text[len(mark) : -len(mark)]
    if (
        first.type == "html_inline"
        and last.type == "html_inline"
        and first.content.lower() == "<small>"
        and last.content.lower() == "</small>"
        and text.lower().startswith("<small>")
        and text.lower().endswith("</small>")
        and text.lower().count("<small>") == 1
    ):
        return text[:7], text[-8:], text[7:-8]
    return "", "", text


# --------------------------------------------------------------------------- sentences

# Inline constructs a sentence boundary must never cut: code spans, links/images, autolinks, HTML tags.
_PROTECTED = re.compile(
    r"`+[^`]*?`+"  # code span (approximate: same-length fences are the norm)
    r"|!?\[(?:[^\[\]]|\[[^\]]*\])*\]\([^)]*\)"  # [text](url), ![alt](src)
    r"|!?\[(?:[^\[\]]|\[[^\]]*\])*\]\[[^\]]*\]"  # [text][ref]
    r"|<[A-Za-z][^<>\s]*:[^<>\s]*>"  # <https://autolink>
)


def split_sentences(text: str, lang: str = "en") -> tuple[list[str], list[str]]:
    """Split *text* into sentences; return (sentences, separators between them).

    ``"".join(s + sep for s, sep in zip(sentences, separators + [""]))`` equals ``text.strip()``.
    Boundaries inside code spans, links and unbalanced emphasis are undone.
    """
    from sentencex import segment

    text = text.strip()
    if not text:
        return [], []
    pieces = [p for p in segment(lang, text) if p.strip()]
    # Locate each piece in the text to get exact offsets.
    spans: list[tuple[int, int]] = []
    cursor = 0
    for piece in pieces:
        p = piece.strip()
        at = text.find(p, cursor)
        if at < 0:  # the segmenter normalised something: fall back to the whole text
            return [text], []
        spans.append((at, at + len(p)))
        cursor = at + len(p)
    if not spans:
        return [text], []
    # Undo boundaries that fall inside protected constructs or leave emphasis unbalanced.
    protected = [(m.start(), m.end()) for m in _PROTECTED.finditer(text)]
    merged: list[tuple[int, int]] = [spans[0]]
    for span in spans[1:]:
        a, b = merged[-1]
        boundary = span[0]
        inside = any(ps < boundary < pe or ps < b < pe for ps, pe in protected)
        # "…after the `?` in a URL": a "?" or "." inside a code span or link text ends no sentence,
        # so a piece ending with one goes on unless the next piece starts a sentence.
        after = any(pe == b for _, pe in protected) and not _starts_sentence(text[boundary:])
        if inside or after or not _balanced(text[a:b]):
            merged[-1] = (a, span[1])
        else:
            merged.append(span)
    # Let the first sentence start at 0 and the last end at len(text), so nothing is lost.
    merged[0] = (0, merged[0][1])
    merged[-1] = (merged[-1][0], len(text))
    sentences = [text[a:b] for a, b in merged]
    separators = [text[merged[k][1] : merged[k + 1][0]] for k in range(len(merged) - 1)]
    return sentences, separators


_CODE = re.compile(r"`+[^`]*`+")


def _starts_sentence(rest: str) -> bool:
    """Does *rest* open a sentence: its first letter or digit (after quotes/brackets) is not lower case?"""
    for ch in rest:
        if ch.isalnum():
            return not ch.islower()
        if not (ch.isspace() or ch in "\"'“‘«(¿¡[*_"):
            return True
    return True


def _balanced(sentence: str) -> bool:
    s = _CODE.sub("", sentence)
    if s.count("`") % 2:
        return False
    if s.count("**") % 2 or s.count("__") % 2:
        return False
    singles = re.sub(r"\*\*|__", "", s)
    # A single * or _ opens/closes emphasis only when it touches a word on one side.
    stars = len(re.findall(r"(?<![\s*])\*|\*(?![\s*])", singles))
    if stars % 2:
        return False
    unders = len(re.findall(r"(?<![\w_])_(?=\S)|(?<=\S)_(?![\w_])", singles))
    return unders % 2 == 0


# --------------------------------------------------------------------------- I/O edge


#: Articles are news stories, not books: refuse anything this large instead of grinding through it.
MAX_SOURCE_BYTES = 10 * 1024 * 1024


def read_document(
    path: str | Path,
    *,
    name: str | None = None,
    display_path: str | None = None,
    max_bytes: int = MAX_SOURCE_BYTES,
    front_matter_keys: tuple[str, ...] = TRANSLATABLE_KEYS,
) -> Document:
    """Read and parse an article file; UTF-8 only (one clear error otherwise)."""
    path = Path(path)
    try:
        data = read_regular(path, max_bytes, "an article")
    except OSError as exc:
        raise unreadable(path, exc, what="source file", expected="a Markdown file") from exc
    text = decode_utf8(path, data, binary="Markdown text")
    return parse_markdown(
        text, name=name or path.stem, path=display_path or path.as_posix(), front_matter_keys=front_matter_keys
    )
