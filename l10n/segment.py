"""Stage 1 — segmentation: Markdown article -> blocks -> sentences.

markdown-it-py gives leaf blocks with their source line maps; sentencex splits each block's inline
text into sentences.  Every block remembers exactly where its text sits in the source (line range,
prefix before it on the first line, suffix after it on the last), so :mod:`l10n.assemble` can put
translations back and, when nothing changed, reproduce the source byte for byte.

Inline Markdown (emphasis, links, code) stays in the sentence text as Markdown, the form translators
already know how to keep intact.  A wrapper around a whole block (``*caption*``, ``**standfirst**``,
``<small>credit</small>``) is structure, not content: it is kept in the skeleton and left out of the
sentences, so no sentence carries half of a markup pair.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from l10n.errors import InputError, unreadable
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
]

#: Block types, as shown to translators in each entry's extracted comment.
BLOCK_KINDS = ("title", "standfirst", "heading", "paragraph", "caption", "credit", "quote", "list item")


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


def parse_markdown(text: str, *, name: str = "article", path: str = "article.md") -> Document:
    """Parse an article; pure (no I/O)."""
    tokens = parser().parse(text)
    lines = text.splitlines(keepends=True)
    blocks: list[Block] = []
    stack: list[str] = []  # enclosing containers
    title_seen = False
    prev_kind: str | None = None
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        t = tok.type
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
            block = _make_block(inline, kind, level, lines, prev_kind)
            if block is not None:
                blocks.append(block)
                prev_kind = block.kind
            i += 2
            continue
        elif t in ("fence", "code_block", "html_block", "hr") and not stack:
            prev_kind = t
        i += 1
    return Document(name=name, path=path, text=text, blocks=tuple(blocks))


def _make_block(inline, kind: str, level: int, lines: list[str], prev_kind: str | None) -> Block | None:
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
        if inside or not _balanced(text[a:b]):
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
) -> Document:
    """Read and parse an article file; UTF-8 only (one clear error otherwise)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(
                f"{path}: {size / 1048576:.1f} MiB is too large for an article (limit {max_bytes / 1048576:.0f} MiB)"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise unreadable(path, exc, what="source file", expected="a Markdown file") from exc
    if b"\x00" in data:
        raise InputError(f"{path}: looks like a binary file, not Markdown text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(f"{path}:{line}: not valid UTF-8 (byte 0x{data[exc.start]:02x}); save it as UTF-8") from exc
    if text.startswith("\ufeff"):
        text = text[1:]
    return parse_markdown(text, name=name or path.stem, path=display_path or path.as_posix())
