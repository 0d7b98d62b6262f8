"""HTML and plain-text renderers for a :class:`~l10n.assemble.LocalisedDocument`.

HTML is rendered from the *source* article's token stream (markdown-it keeps each block's source
line in ``map``), with each translatable block's inline content replaced by its translation.  That
keeps the article's structure (lists, quotes, headings) exactly, and lets every rendered block know
which :class:`~l10n.assemble.LocalisedBlock` it came from, hence its status:

* the page says its language and direction (``<html lang="ar" dir="rtl">``, from CLDR through
  :class:`~l10n.lang.Language`);
* a block shown wholly in English (fuzzy/untranslated fallback) gets ``lang="en"`` and, in a
  right-to-left page, ``dir="ltr"``; an English sentence inside an Arabic block becomes
  ``<span lang="en" dir="ltr">``; blocks we know nothing about (tables, untranslatable lines) get
  ``dir="auto"``;
* Latin runs inside Arabic sentences are wrapped in ``<bdi>`` (see :mod:`l10n.assemble.rtl`), inline code
  gets ``dir="ltr"``;
* a photo caption and the credit right after it become one ``<figure><figcaption>``.

Plain text for a right-to-left language carries Unicode isolates and marks instead
(:func:`l10n.assemble.rtl.rtl_block_text`).
"""

from __future__ import annotations

import html

from markdown_it.token import Token

from l10n.assemble import LocalisedBlock, LocalisedDocument, render_markdown
from l10n.assemble.rtl import FALLBACK, has_translation, html_lang, rtl_block_text, split_latin
from l10n.markdown import parser

__all__ = ["render_html", "render_text", "CSS"]

_ARABIC_SCRIPT = ":lang(ar), :lang(fa), :lang(ur), :lang(ps), :lang(ckb), :lang(sd), :lang(ug), :lang(ks)"
_ARABIC_SCRIPT_HEADINGS = ", ".join(f":is(h1, h2, h3, h4){sel.strip()}" for sel in _ARABIC_SCRIPT.split(","))
_ARABIC_SCRIPT_EM = ", ".join(f"em{sel.strip()}" for sel in _ARABIC_SCRIPT.split(","))

#: The page's style sheet: a readable column, and fonts per script (Arabic: Naskh for text, Kufi/Sans
#: for headings, taller lines for the script's ascenders and dots).
CSS = f"""
body {{ max-width: 42em; margin: 2em auto; padding: 0 1em; line-height: 1.6; color: #111;
       font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif; }}
{_ARABIC_SCRIPT} {{ font-family: "Noto Naskh Arabic", "Noto Naskh Arabic UI", "Amiri", "Scheherazade New",
       "Geeza Pro", "Traditional Arabic", "Noto Sans Arabic", "Segoe UI", Tahoma, "Noto Sans", Arial, sans-serif;
       line-height: 1.9; }}
{_ARABIC_SCRIPT_HEADINGS} {{ font-family: "Noto Kufi Arabic", "Noto Sans Arabic", "Geeza Pro",
       "Segoe UI", Tahoma, "Noto Sans", Arial, sans-serif; line-height: 1.5; }}
:lang(fa) {{ font-family: "Vazirmatn", "Noto Naskh Arabic", "Segoe UI", Tahoma, "Noto Sans", sans-serif; }}
:lang(ur) {{ font-family: "Noto Nastaliq Urdu", "Jameel Noori Nastaleeq", "Noto Naskh Arabic", serif; line-height: 2.4; }}
:lang(he), :lang(yi) {{ font-family: "Noto Sans Hebrew", "Arial Hebrew", "Segoe UI", Tahoma, sans-serif; }}
[lang|="en"] {{ font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; line-height: 1.6; }}
{_ARABIC_SCRIPT_EM} {{ font-style: normal; font-weight: 600; }}
code, kbd, samp, pre {{ font-family: ui-monospace, "Noto Sans Mono", "DejaVu Sans Mono", monospace; font-size: .9em; }}
pre {{ direction: ltr; text-align: left; unicode-bidi: isolate; overflow-x: auto; }}
blockquote {{ font-size: 1.25em; margin: 1.5em 0; padding-inline-start: 1em; border-inline-start: 4px solid #999; }}
.standfirst {{ font-size: 1.15em; color: #333; }}
figure {{ margin: 1.5em 0; }}
figcaption p {{ margin: .2em 0; }}
.caption {{ color: #333; }}
.caption em {{ font-weight: inherit; }}
.credit, small {{ font-size: .85em; color: #555; }}
""".strip()


# --------------------------------------------------------------------------- HTML


def render_html(ldoc: LocalisedDocument) -> str:
    lang = ldoc.language
    direction = "rtl" if lang.rtl else "ltr"
    title = html.escape(_plain(ldoc.title))
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{html_lang(lang.code)}" dir="{direction}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n"
        f"<style>\n{CSS}\n</style>\n"
        "</head>\n"
        f"<body>\n<article>\n{render_html_body(ldoc)}</article>\n</body>\n</html>\n"
    )


def render_html_body(ldoc: LocalisedDocument) -> str:
    """The article's HTML, without the page around it."""
    rtl = ldoc.language.rtl
    md = parser()
    env: dict = {}
    tokens = md.parse(ldoc.document.text, env)
    by_start = {lb.block.start: lb for lb in ldoc.blocks}
    containers: list[Token] = []
    for i, tok in enumerate(tokens):
        if tok.type in ("list_item_open", "blockquote_open"):
            containers.append(tok)
        elif tok.type in ("list_item_close", "blockquote_close"):
            containers.pop()
        elif tok.type == "table_open" and rtl:
            tok.attrSet("dir", "auto")
        elif tok.type == "inline" and i and tokens[i - 1].type in ("paragraph_open", "heading_open"):
            opener = tokens[i - 1]
            holder = containers[-1] if opener.hidden and containers else opener  # tight list: <li>
            lb = by_start.get(tok.map[0]) if tok.map else None
            if lb is None:
                if rtl:
                    holder.attrSet("dir", "auto")
                continue
            tok.children = _block_children(md, env, lb, rtl)
            opener.meta["l10n_kind"] = lb.kind
            _annotate(holder, lb, rtl)
    _quotes_follow_their_paragraphs(tokens)
    return md.renderer.render(_figures(tokens), md.options, env)


def _quotes_follow_their_paragraphs(tokens: list[Token]) -> None:
    """A blockquote whose paragraphs are all English fallback takes their ``lang``/``dir`` (bar on the left)."""
    for i, tok in enumerate(tokens):
        if tok.type != "blockquote_open":
            continue
        depth, inner = 0, []
        for t in tokens[i + 1 :]:
            if t.type == "blockquote_open":
                depth += 1
            elif t.type == "blockquote_close":
                if depth == 0:
                    break
                depth -= 1
            elif t.type in ("paragraph_open", "heading_open") and depth == 0:
                inner.append(t)
        if inner and all(t.attrGet("lang") == "en" for t in inner):
            for key in ("lang", "dir"):
                if inner[0].attrGet(key) is not None and all(t.attrGet(key) == inner[0].attrGet(key) for t in inner):
                    tok.attrSet(key, inner[0].attrGet(key))


def _whole_fallback(lb: LocalisedBlock) -> bool:
    return not any(s.status == "translated" for s in lb.segments) and any(s.status in FALLBACK for s in lb.segments)


def _annotate(tok: Token, lb: LocalisedBlock, rtl: bool) -> None:
    classes = [lb.kind] if lb.kind in ("title", "standfirst", "caption", "credit") else []
    if _whole_fallback(lb):
        tok.attrSet("lang", "en")
        if rtl:
            tok.attrSet("dir", "ltr")
        classes.append(f"l10n-{lb.status}")
    elif rtl and lb.status == "copied":
        tok.attrSet("dir", "auto")
    if any(s.draft for s in lb.segments):
        classes.append("l10n-draft")  # unreviewed machine translation (built with --drafts)
    if classes:
        tok.attrSet("class", " ".join(classes))


def _html(content: str) -> Token:
    return Token("html_inline", "", 0, content=content)


def _text(content: str) -> Token:
    return Token("text", "", 0, content=content)


def _block_children(md, env: dict, lb: LocalisedBlock, rtl: bool) -> list[Token]:
    whole = _whole_fallback(lb)
    seps = [*lb.block.separators, ""]
    children: list[Token] = []
    for seg, sep in zip(lb.segments, seps):
        target = " ".join(seg.target.splitlines())
        parsed = md.parseInline(target, env)
        kids = list(parsed[0].children or []) if parsed else []
        if seg.status in FALLBACK and not whole:
            dir_attr = ' dir="ltr"' if rtl else ""
            children += [_html(f'<span lang="en"{dir_attr} class="l10n-{seg.status}">'), *kids, _html("</span>")]
        elif rtl and seg.status == "translated":
            children += _isolate(kids)
        else:
            children += kids
        if sep:
            children.append(_text(sep))
    return _wrap(md, env, lb, children)


def _isolate(tokens: list[Token]) -> list[Token]:
    """Latin runs of Arabic text tokens in ``<bdi>``; inline code marked ``dir="ltr"``."""
    out: list[Token] = []
    for tok in tokens:
        if tok.type == "text":
            for piece, latin in split_latin(tok.content):
                if latin:
                    out += [_html("<bdi>"), _text(piece), _html("</bdi>")]
                else:
                    out.append(_text(piece))
            continue
        if tok.type == "code_inline":
            tok.attrSet("dir", "ltr")
        out.append(tok)
    return out


def _wrap(md, env: dict, lb: LocalisedBlock, children: list[Token]) -> list[Token]:
    """Put the block's wrapper (``*…*``, ``**…**``, ``<small>…</small>``) back around *children*."""
    b = lb.block
    if not b.open:
        return children
    probe = md.parseInline(f"{b.open}x{b.close}", env)
    kids = list(probe[0].children or []) if probe else []
    slots = [k for k, t in enumerate(kids) if t.type == "text" and t.content == "x"]
    if len(slots) != 1:
        return children
    k = slots[0]
    return [*kids[:k], *children, *kids[k + 1 :]]


def _figures(tokens: list[Token]) -> list[Token]:
    """A top-level caption, and the credit right after it, become one ``<figure><figcaption>``."""
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "paragraph_open" and tok.level == 0 and tok.meta.get("l10n_kind") == "caption":
            out.append(Token("html_block", "", 0, content="<figure>\n<figcaption>\n"))
            out += tokens[i : i + 3]
            i += 3
            nxt = tokens[i] if i < len(tokens) else None
            if nxt is not None and nxt.type == "paragraph_open" and nxt.level == 0 and nxt.meta.get("l10n_kind") == "credit":
                out += tokens[i : i + 3]
                i += 3
            out.append(Token("html_block", "", 0, content="</figcaption>\n</figure>\n"))
            continue
        out.append(tok)
        i += 1
    return out


def _plain(markdown_inline: str) -> str:
    tokens = parser().parseInline(markdown_inline)
    return "".join(_inline_text(t.children or []) for t in tokens)


def _inline_text(children) -> str:
    out = []
    for c in children:
        if c.type in ("text", "code_inline"):
            out.append(c.content)
        elif c.type == "softbreak":
            out.append(" ")
        elif c.type == "hardbreak":
            out.append("\n")
        elif c.type == "image":
            out.append(_inline_text(c.children or []))
    return "".join(out)


# --------------------------------------------------------------------------- plain text


def render_text(ldoc: LocalisedDocument) -> str:
    """Plain text: one paragraph per block, blank lines between, no markup.

    For a right-to-left language each block starts with a direction mark and Latin runs and English
    fallback sentences are isolated (:func:`l10n.assemble.rtl.rtl_block_text`) — once anything is
    translated: until then the article is plain English.
    """
    if ldoc.language.rtl and has_translation(ldoc):
        source = render_markdown(ldoc, block_text=lambda lb: rtl_block_text(lb, markdown=True))
    else:
        source = render_markdown(ldoc)
    tokens = parser().parse(source)
    out: list[str] = []
    prefix: list[str] = []
    ordinal: list[int] = []
    for i, tok in enumerate(tokens):
        if tok.type == "blockquote_open":
            prefix.append("    ")
        elif tok.type == "blockquote_close":
            prefix.pop()
        elif tok.type in ("bullet_list_open", "ordered_list_open"):
            ordinal.append(int(tok.attrGet("start") or 1) if tok.type == "ordered_list_open" else 0)
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            ordinal.pop()
        elif tok.type == "list_item_open":
            n = ordinal[-1]
            prefix.append(f"{n}. " if n else "• ")
            if n:
                ordinal[-1] += 1
        elif tok.type == "list_item_close":
            prefix.pop()
        elif tok.type == "inline" and tokens[i - 1].type in ("paragraph_open", "heading_open"):
            text = _inline_text(tok.children or [])
            out.append("".join(prefix) + text)
            # after the first line of a list item, continue with indentation only
            prefix = [" " * len(p) for p in prefix]
        elif tok.type in ("fence", "code_block"):
            out.append(tok.content.rstrip("\n"))
    return "\n\n".join(out) + "\n"
