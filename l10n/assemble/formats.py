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
* a photo caption and the credit right after it become one ``<figure><figcaption>``;
* the front matter is metadata, not body: its translated ``title`` and ``description`` become the
  page's ``<title>`` and ``<meta name="description">``, its ``date`` a ``<time>`` formatted for the
  target locale by Babel; table cells, a lone image's alt/title and HTML ``alt``/``title`` attributes
  show their translations in place.

Plain text for a right-to-left language carries Unicode isolates and marks instead
(:func:`l10n.assemble.rtl.rtl_block_text`).
"""

from __future__ import annotations

import html

from markdown_it.token import Token

from l10n.assemble import LocalisedBlock, LocalisedDocument, render_markdown
from l10n.assemble.rtl import FALLBACK, fallback_runs, has_translation, html_lang, rtl_block_text, split_latin
from l10n.frontmatter import front_matter_end, read_front_matter
from l10n.markdown import parser

__all__ = ["render_html", "render_text", "legend_html", "LEGEND", "CSS"]

_ARABIC_SCRIPT = ":lang(ar), :lang(fa), :lang(ur), :lang(ps), :lang(ckb), :lang(sd), :lang(ug), :lang(ks)"
_ARABIC_SCRIPT_HEADINGS = ", ".join(f":is(h1, h2, h3, h4){sel.strip()}" for sel in _ARABIC_SCRIPT.split(","))
_ARABIC_SCRIPT_EM = ", ".join(f"em{sel.strip()}" for sel in _ARABIC_SCRIPT.split(","))

_HEBREW_SCRIPT = ":lang(he), :lang(yi)"
_RTL_SCRIPTS = f"{_ARABIC_SCRIPT}, {_HEBREW_SCRIPT}"


def _each(selector: str, scripts: str) -> str:
    """*selector* restricted to each language of *scripts* (``.caption:lang(ar), .caption:lang(fa) …``)."""
    return ", ".join(f"{selector}{sel.strip()}" for sel in scripts.split(","))


#: The page's style sheet: a readable column, and fonts per script (Arabic: Naskh for text, Kufi/Sans
#: for headings, taller lines for the script's ascenders and dots; Urdu: Nastaliq throughout).
#: Captions read as captions in every script: smaller, grey, set off by a rule on the start side; italic
#: only where the script has italic (Latin), never synthesised for Arabic or Hebrew.  The credit is
#: shrunk once (``.credit small`` inherits).  Drafts and English fallbacks are marked (see the legend).
CSS = f"""
body {{ max-width: 42em; margin: 2em auto; padding: 0 1em; line-height: 1.6; color: #111;
       font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif; }}
{_ARABIC_SCRIPT} {{ font-family: "Noto Naskh Arabic", "Noto Naskh Arabic UI", "Amiri", "Scheherazade New",
       "Geeza Pro", "Traditional Arabic", "Noto Sans Arabic", "Segoe UI", Tahoma, "Noto Sans", Arial, sans-serif;
       line-height: 1.9; }}
{_ARABIC_SCRIPT_HEADINGS} {{ font-family: "Noto Kufi Arabic", "Noto Sans Arabic", "Geeza Pro",
       "Segoe UI", Tahoma, "Noto Sans", Arial, sans-serif; line-height: 1.5; }}
:lang(fa), :is(h1, h2, h3, h4):lang(fa) {{ font-family: "Vazirmatn", "Noto Sans Arabic", "Noto Naskh Arabic",
       "Segoe UI", Tahoma, "Noto Sans", sans-serif; }}
:lang(ur), :is(h1, h2, h3, h4):lang(ur) {{ font-family: "Noto Nastaliq Urdu", "Jameel Noori Nastaleeq",
       "Urdu Typesetting", "Noto Naskh Arabic", serif; line-height: 2.4; }}
{_HEBREW_SCRIPT} {{ font-family: "Noto Sans Hebrew", "Arial Hebrew", "Segoe UI", Tahoma, sans-serif; }}
[lang|="en"] {{ font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; line-height: 1.6; }}
{_ARABIC_SCRIPT_EM}, {_each("em", _HEBREW_SCRIPT)} {{ font-style: normal; font-weight: 600; }}
code, kbd, samp, pre {{ font-family: ui-monospace, "Noto Sans Mono", "DejaVu Sans Mono", monospace; font-size: .9em; }}
pre {{ direction: ltr; text-align: left; unicode-bidi: isolate; overflow-x: auto; }}
blockquote {{ font-size: 1.25em; margin: 1.5em 0; padding-inline-start: 1em; border-inline-start: 4px solid #999; }}
.standfirst {{ font-size: 1.15em; color: #333; }}
figure {{ margin: 1.5em 0; }}
figcaption {{ padding-inline-start: .8em; border-inline-start: 3px solid #bbb; }}
figcaption p {{ margin: .2em 0; }}
.caption {{ font-size: .9em; color: #555; font-style: italic; }}
.caption em {{ font-style: inherit; font-weight: inherit; }}
{_each(".caption", _RTL_SCRIPTS)} {{ font-style: normal; }}
{_each(".caption", _ARABIC_SCRIPT)} {{ font-family: "Noto Sans Arabic", "Noto Kufi Arabic", "Geeza Pro",
       "Segoe UI", Tahoma, sans-serif; line-height: 1.7; }}
.caption:lang(fa) {{ font-family: "Vazirmatn", "Noto Sans Arabic", Tahoma, sans-serif; font-weight: 300; }}
.caption:lang(ur) {{ font-family: "Noto Nastaliq Urdu", "Jameel Noori Nastaleeq", serif; line-height: 2.2; }}
.caption:lang(he), .caption:lang(yi) {{ font-family: "Noto Sans Hebrew", "Arial Hebrew", Tahoma, sans-serif; }}
small {{ font-size: .85em; }}
.credit {{ font-size: .8em; color: #666; text-transform: uppercase; letter-spacing: .03em; }}
{_each(".credit", _RTL_SCRIPTS)} {{ letter-spacing: normal; }}
.credit small {{ font-size: inherit; }}
.l10n-draft {{ background: #fff4c2; box-shadow: 0 2px 0 #e0b400; }}
.l10n-untranslated, .l10n-fuzzy {{ color: #444; background: #e8eef7; }}
.l10n-fuzzy {{ box-shadow: 0 2px 0 #8aa4c8; }}
.l10n-legend {{ font-size: .85em; color: #333; border: 1px solid #ccc; padding: .4em .8em; margin-bottom: 1.5em; }}
.l10n-legend span {{ padding: 0 .3em; }}
""".strip()


# --------------------------------------------------------------------------- HTML


def render_html(ldoc: LocalisedDocument) -> str:
    lang = ldoc.language
    direction = "rtl" if lang.rtl else "ltr"
    title = html.escape(_plain(ldoc.title))
    head = "".join(
        f'<meta name="description" content="{html.escape(_plain(lb.text))}">\n'
        for lb in ldoc.blocks
        if lb.kind == "front matter description"
    )
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{html_lang(lang.code)}" dir="{direction}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n"
        f"{head}"
        f"<style>\n{CSS}\n</style>\n"
        "</head>\n"
        f"<body>\n{legend_html(ldoc)}<article>\n{_dateline(ldoc)}{render_html_body(ldoc)}</article>\n</body>\n</html>\n"
    )


#: What each marked kind of sentence is, for the legend (class, words).
LEGEND = (
    ("l10n-draft", "machine translation, not reviewed yet"),
    ("l10n-untranslated", "English: not translated yet"),
    ("l10n-fuzzy", "English: the translation needs review"),
)


def legend_html(ldoc: LocalisedDocument) -> str:
    """A key to the page's markings (drafts, English fallbacks), in English; empty when nothing is marked.

    An editor must not mistake an unreviewed machine draft for reviewed text, nor wonder what the
    tinted English sentences are.
    """
    counts = ldoc.counts
    n = {"l10n-draft": ldoc.drafts, "l10n-untranslated": counts["untranslated"], "l10n-fuzzy": counts["fuzzy"]}
    items = [
        f'<span class="{cls}">{words}</span> ({n[cls]} sentence{"s" if n[cls] != 1 else ""})'
        for cls, words in LEGEND
        if n[cls]
    ]
    if not items:
        return ""
    return f'<aside class="l10n-legend" lang="en" dir="ltr">Not final: {" · ".join(items)}</aside>\n'


def _dateline(ldoc: LocalisedDocument) -> str:
    """The front matter's ``date`` as a ``<time>`` in the target locale's long format (Babel)."""
    import datetime

    value = read_front_matter(ldoc.document.text).get("date")
    if isinstance(value, datetime.datetime):
        value = value.date()
    if not isinstance(value, datetime.date):
        return ""
    from babel.dates import format_date

    try:
        shown = format_date(value, format="long", locale=ldoc.language.code.replace("-", "_"))
    except (ValueError, LookupError):
        shown = value.isoformat()
    return f'<p class="dateline"><time datetime="{value.isoformat()}">{html.escape(shown)}</time></p>\n'


def _without_front_matter(text: str) -> str:
    """The article with its front matter lines blanked: line numbers (token maps) stay where they were."""
    end = front_matter_end(text)
    return "\n" * text[:end].count("\n") + text[end:] if end else text


def render_html_body(ldoc: LocalisedDocument) -> str:
    """The article's HTML, without the page around it."""
    rtl = ldoc.language.rtl
    md = parser()
    env: dict = {}
    text = ldoc.document.text
    tokens = md.parse(_without_front_matter(text), env)
    by_start = {lb.block.start: lb for lb in ldoc.blocks if not lb.block.inline}
    cells = {(lb.block.start, lb.block.column): lb for lb in ldoc.blocks if lb.kind == "table cell"}
    images = {(lb.block.start, lb.kind): lb for lb in ldoc.blocks if lb.kind in ("image alt", "image title")}
    attributes = [lb for lb in ldoc.blocks if lb.block.syntax == "attribute"]
    row, column = -1, 0
    containers: list[Token] = []
    for i, tok in enumerate(tokens):
        if tok.type == "tr_open" and tok.map:
            row, column = tok.map[0], 0
        elif tok.type in ("th_close", "td_close"):
            column += 1
        elif tok.type == "inline" and i and tokens[i - 1].type in ("th_open", "td_open"):
            lb = cells.get((row, column))
            if lb is not None:
                tok.children = _block_children(md, env, lb, rtl)
                _annotate(tokens[i - 1], lb, rtl)
            continue
        elif tok.type == "html_block" and tok.map and attributes:
            tok.content = _html_attributes(tok, text, attributes)
            continue
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
            if lb is None and tok.map and _lone_image(md, env, tok, images):
                continue
            if lb is None:
                if rtl:
                    holder.attrSet("dir", "auto")
                continue
            tok.children = _block_children(md, env, lb, rtl)
            opener.meta["l10n_kind"] = lb.kind
            _annotate(holder, lb, rtl)
    _quotes_follow_their_paragraphs(tokens)
    return md.renderer.render(_figures(tokens), md.options, env)


def _lone_image(md, env: dict, tok: Token, images: dict) -> bool:
    """Show the translated alt text and title of a paragraph that is one image."""
    alt = images.get((tok.map[0], "image alt"))
    title = images.get((tok.map[0], "image title"))
    image = next((c for c in tok.children or [] if c.type == "image"), None)
    if image is None or (alt is None and title is None):
        return False
    if alt is not None:
        parsed = md.parseInline(alt.text, env)
        image.children = list(parsed[0].children or []) if parsed else []
        image.content = alt.text
    if title is not None:
        image.attrSet("title", title.text)
    return True


def _html_attributes(tok: Token, text: str, attributes: list[LocalisedBlock]) -> str:
    """The HTML block's source with its translated ``alt``/``title`` values put in place."""
    lines = text.splitlines(keepends=True)
    a0 = sum(len(x) for x in lines[: tok.map[0]])
    z0 = a0 + sum(len(x) for x in lines[tok.map[0] : tok.map[1]])
    source = text[a0:z0]
    if source.rstrip("\n") != tok.content.rstrip("\n"):
        return tok.content
    out = source
    for lb in sorted(attributes, key=lambda lb: -lb.block.span[0]):
        a, z = lb.block.span
        if a0 <= a and z <= z0 and lb.changed:
            out = out[: a - a0] + lb.block.encode(lb.text) + out[z - a0 :]
    return out if out.endswith("\n") else out + "\n"


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
    if classes:
        tok.attrSet("class", " ".join(classes))


def _html(content: str) -> Token:
    return Token("html_inline", "", 0, content=content)


def _text(content: str) -> Token:
    return Token("text", "", 0, content=content)


def _block_children(md, env: dict, lb: LocalisedBlock, rtl: bool) -> list[Token]:
    whole = _whole_fallback(lb)
    children: list[Token] = []
    for group in fallback_runs(lb):
        seg = group[0][0]
        if seg.status in FALLBACK and not whole:
            # consecutive English sentences: ONE isolate, so they read in order in an Arabic line
            statuses = {s.status for s, _ in group}
            cls = f' class="l10n-{seg.status}"' if len(statuses) == 1 else ""
            dir_attr = ' dir="ltr"' if rtl else ""
            children.append(_html(f'<span lang="en"{dir_attr}{cls}>'))
            for k, (s, sep) in enumerate(group):
                kids = _inline(md, env, s.target)
                if len(statuses) > 1:
                    kids = [_html(f'<span class="l10n-{s.status}">'), *kids, _html("</span>")]
                children += kids
                if sep and k < len(group) - 1:
                    children.append(_text(sep))
            children.append(_html("</span>"))
        else:
            kids = _inline(md, env, seg.target)
            if rtl and seg.status == "translated":
                kids = _isolate(kids)
            if seg.status == "translated":  # a translation: only the source sentence's markup survives
                kids = _sanitised(md, env, seg.source, kids)
            if seg.draft:  # an unreviewed machine translation: marked sentence by sentence
                kids = [_html('<span class="l10n-draft">'), *kids, _html("</span>")]
            children += kids
        sep = group[-1][1]
        if sep:
            children.append(_text(sep))
    return _wrap(md, env, lb, children)


def _inline(md, env: dict, target: str) -> list[Token]:
    parsed = md.parseInline(" ".join(target.splitlines()), env)
    return list(parsed[0].children or []) if parsed else []
def _sanitised(md, env: dict, source: str, kids: list[Token]) -> list[Token]:
    """A translation's inline tokens, safe to publish (see :mod:`l10n.assemble.sanitize`).

    Raw HTML tags its source sentence does not use become text (shown escaped); the sentence's HTML is
    then cleaned by nh3 down to the source's tags and attributes and safe URL schemes.
    """
    from l10n.assemble.sanitize import allowed_for, clean_translation, inline_tag_allowed, markup_of

    parsed = md.parseInline(" ".join(source.splitlines()), env)
    source_html = md.renderer.renderInline(list(parsed[0].children or []) if parsed else [], md.options, env)
    allowed = allowed_for(markup_of(source_html))
    kids = [_text(k.content) if k.type == "html_inline" and not inline_tag_allowed(k.content, allowed) else k for k in kids]
    rendered = md.renderer.renderInline(kids, md.options, env)
    return [_html(clean_translation(rendered, allowed))]


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
    tokens = parser().parse(source[front_matter_end(source) :])
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
        elif tok.type == "tr_open":
            cells: list[str] = []
        elif tok.type == "inline" and tokens[i - 1].type in ("th_open", "td_open"):
            cells.append(_inline_text(tok.children or []))
        elif tok.type == "tr_close":
            out.append(" | ".join(cells))
        elif tok.type == "inline" and tokens[i - 1].type in ("paragraph_open", "heading_open"):
            text = _inline_text(tok.children or [])
            out.append("".join(prefix) + text)
            # after the first line of a list item, continue with indentation only
            prefix = [" " * len(p) for p in prefix]
        elif tok.type in ("fence", "code_block"):
            out.append(tok.content.rstrip("\n"))
    return "\n\n".join(out) + "\n"
