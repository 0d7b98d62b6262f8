"""HTML and plain-text renderers for a :class:`~l10n.build.LocalisedDocument`."""

from __future__ import annotations

import html

from l10n.build import LocalisedDocument, render_markdown

__all__ = ["render_html", "render_text"]

_CSS = """
body { max-width: 42em; margin: 2em auto; padding: 0 1em; line-height: 1.6;
       font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
:lang(ar), :lang(fa), :lang(ur) { font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "Amiri",
       "Geeza Pro", "Segoe UI", Tahoma, sans-serif; line-height: 1.9; }
:lang(he) { font-family: "Noto Sans Hebrew", "Arial Hebrew", "Segoe UI", Tahoma, sans-serif; }
blockquote { font-size: 1.25em; margin: 1.5em 0; padding-inline-start: 1em; border-inline-start: 4px solid #999; }
small { color: #555; }
.caption, p:has(> em:only-child) { color: #333; }
""".strip()


def _md():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def render_html(ldoc: LocalisedDocument) -> str:
    lang = ldoc.language
    direction = "rtl" if lang.rtl else "ltr"
    body = _md().render(render_markdown(ldoc))
    title = html.escape(_plain(ldoc.title))
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang.code.replace("_", "-")}" dir="{direction}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n"
        f"<style>\n{_CSS}\n</style>\n"
        "</head>\n"
        f"<body>\n<article>\n{body}</article>\n</body>\n</html>\n"
    )


def _plain(markdown_inline: str) -> str:
    tokens = _md().parseInline(markdown_inline)
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


def render_text(ldoc: LocalisedDocument) -> str:
    """Plain text: one paragraph per block, blank lines between, no markup."""
    tokens = _md().parse(render_markdown(ldoc))
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
