"""A saved news page (HTML) -> Markdown, through trafilatura.

trafilatura finds the article in the page and drops navigation, ads, share bars, related-article lists
and cookie banners; its XML output keeps the article's structure (``head``, ``p``, ``quote``, ``list``,
``table``, ``graphic``, ``ref``, ``hi``), which :func:`xml_to_blocks` maps to our block types.  What
trafilatura does not keep, read from the page itself:

* **Figures**: trafilatura keeps an image (``graphic``) but loses its ``<figcaption>``.  Every
  ``<figure>`` of the page is read (:func:`page_figures`): the caption, and the credit from an element
  whose class says so (``credit``, ``copyright``, ``source``, ``photographer``…) or ``<small>``/``<cite>``,
  or a trailing "Photo: …"/"Credit: …"/"… /AFP" in the caption text.  When an image of the article is
  one of them, the figure is written ``![alt](src)``, ``*caption*``, ``<small>credit</small>``.  Not
  only ``<figure>``: the nearest ancestor of an ``<img>`` holding a caption or credit element counts,
  and "(agency/photographer)" at the end of the image's alt or title is a credit.  *Wrong when* a
  site puts the credit in the caption with no marker.
* **Standfirst**: an element whose class or ``itemprop`` names it (``standfirst``, ``dek``,
  ``subtitle``, ``summary``, ``intro``, ``lede``, ``teaser``, ``description``…), the nearest after the
  headline first, outside page furniture (share, related, video, newsletter, hidden boxes), that reads
  as prose (ends like a sentence, or is the page's description), else the page's description
  (``og:description``) when the page shows it, unless it is cut short ("…") or repeats the first
  paragraph.  It is written right after the headline, where :mod:`l10n.segment` reads a standfirst.
  *Wrong when* a site marks something else with those class names.
* **Paragraph fixes** (:func:`_retype`): a "Read more: …"/"Related: …" line is a related-article
  link and is dropped, and so is a paragraph naming three or more social networks (a share bar), a
  heading that is only a link (a section label), a "Related"/"Recommended"/"You may like" heading
  with the list under it, and a paragraph that is only a date and a word or two ("October 22, 2019
  report": the dateline).  A paragraph equal to the caption of a figure whose image trafilatura
  dropped becomes that figure (:func:`_captions_in_body`); a figure it dropped with its caption goes
  back before the paragraph that follows it in the page (:func:`_dropped_figures`) or, between the
  headline and the body, first in the body (:func:`_lead_figure`).  A paragraph that is only
  "(Credit: …)" or "Photo: …" is a credit; a short wholly bold line without a full stop is a
  subheading (sites such as DW mark subheadings that way).  *Wrong when* a bold one-line paragraph is
  an emphatic sentence without a full stop, or a one-line paragraph is only a date.
* **Headline**: the ``<h1>`` matching trafilatura's title (often the page's ``<title>``, "Headline |
  Site | date") or ``og:title``, equal or one starting with the other once " | Site" is cut, else
  trafilatura's title; a body heading repeating it is dropped.  *Wrong when* the ``<title>`` is an
  SEO rewrite of the headline and no ``<h1>`` matches.
* **Metadata**: title, author, date, URL, site section and description from trafilatura's metadata;
  the language from ``<html lang>``.

trafilatura is the optional ``l10n[import]`` extra; without it :func:`html_to_article` raises one
clear error saying how to install it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from l10n.errors import InputError, UsageError
from l10n.importer import Article, escape_inline

__all__ = ["Figure", "page_figures", "html_to_article", "xml_to_blocks"]

_CREDIT_CLASS = re.compile(r"credit|copyright|source|photographer|byline|courtesy|attribution|author", re.I)
_FIGURE_CLASS = re.compile(r"pic|photo|image|img|figure|media", re.I)
_PAREN_CREDIT = re.compile(r"\(([^()]*(?:/|©|\b(?:AFP|AP|Reuters|Getty|dpa|EPA)\b)[^()]*)\)\s*$")
_CHROME_CLASS = re.compile(r"share|social|related|promo|newsletter|briefing|video|player|advert|(?<![a-z])ads?(?![a-z])|hidden", re.I)
_DATE_CLASS = re.compile(r"date|time|byline|author|contributor|social|share", re.I)
_CAPTION_CLASS = re.compile(r"caption|__copy(?![a-z])", re.I)
_STANDFIRST_CLASS = re.compile(
    r"standfirst|(?<![a-z])dek(?![a-z])|deck|sub-?title|subhead|summary|intro|lede|lead-text|teaser|strapline|"
    r"description|excerpt|article-desc",
    re.I,
)
_TRAILING_CREDIT = re.compile(
    r"(?:\s*[(\[]?\s*(?:Photo(?:graph)?s?|Image|Credit|Picture|Foto)\s*(?:credit)?\s*[:：]\s*(?P<a>[^()\[\]]+?)[)\]]?"
    r"|\s+(?P<b>[A-Z][\w.\- ]{1,40}/(?:AFP|AP|Reuters|Getty Images|EPA|Anadolu|SANA|Xinhua|[A-Z][\w ]{1,25})))\s*$"
)


@dataclass(frozen=True)
class Figure:
    """A ``<figure>`` of the page: its images' URLs, the caption and the credit."""

    sources: tuple[str, ...]
    caption: str
    credit: str
    element: object = field(default=None, compare=False, repr=False)  # where it sits in the page


def _require():
    try:
        import lxml.html  # noqa: F401
        import trafilatura  # noqa: F401
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise UsageError(
            "importing HTML needs trafilatura: pip install 'l10n[import]' (plain text imports without it)"
        ) from exc


def _text(el) -> str:
    return " ".join("".join(el.itertext()).split())


def _classes(el) -> str:
    return " ".join(filter(None, [el.get("class", ""), el.get("itemprop", ""), el.get("id", "")]))


def _sources(img) -> list[str]:
    out = []
    for attr in ("src", "data-src", "data-original", "data-lazy-src", "data-srcset", "srcset"):
        value = img.get(attr)
        if not value:
            continue
        for part in value.split(","):
            url = part.strip().split(" ")[0]
            if url and not url.startswith("data:"):
                out.append(url)
    return out


def page_figures(tree) -> list[Figure]:
    """Every captioned image of the page (see the module docstring for the caption and credit rules).

    A figure is a ``<figure>``, or the nearest ancestor (up to six levels up) of an ``<img>`` that
    holds a caption element (``<figcaption>``, or a class with "caption") or a credit element.
    """
    figures: list[Figure] = []
    seen: list = []  # elements, not id()s: lxml proxies are recycled once unreferenced
    for img in tree.iter("img"):
        container, caption_el, credit_els = None, None, []
        anc = img
        name = _file_name(next(iter(_sources(img)), ""))
        for _ in range(6):
            after = anc.getnext()
            if after is not None and isinstance(after.tag, str) and _text(after) and (
                after.tag == "figcaption" or _CAPTION_CLASS.search(_classes(after))
            ):
                # the caption right after the picture's box, the credits inside it
                container, caption_el, credit_els = anc, after, _credits_in(after)
                break
            anc = anc.getparent()
            if anc is None or anc.tag in ("body", "article", "main"):
                break
            if any(_file_name(u) not in (name, "") for i in anc.iter("img") for u in _sources(i)[:1]):
                break  # this box holds other pictures too: it is a gallery or a page section, not a figure
            caption_el, credit_els = _caption_parts(anc, img)
            if caption_el is not None or credit_els or anc.tag == "figure":
                container = anc
                break
        if container is None or any(container is x for x in seen):
            continue
        seen.append(container)
        figure = _figure(container, caption_el, credit_els)
        same = next((f for f in figures if (f.caption, f.credit) == (figure.caption, figure.credit)), None) if figure else None
        if same is not None:  # the same figure twice (a <noscript> copy, a lightbox): one figure, all its URLs
            figures[figures.index(same)] = Figure(same.sources + figure.sources, same.caption, same.credit, same.element)
        elif figure is not None:
            figures.append(figure)
    return figures


def _credit_text(el) -> str:
    """The text of *el* when it is a photo credit (class credit/copyright/…, or ``<small>``/``<cite>``;
    at most 12 words, not a "By …" byline: author boxes and lists of bylines are not credits), else ""."""
    if not (_CREDIT_CLASS.search(_classes(el)) or el.tag in ("small", "cite")):
        return ""
    text = _text(el)
    return "" if len(text.split()) > 12 or re.match(r"by\s", text, re.I) else text


def _add_credit(credits: list, el) -> None:
    text = _credit_text(el)
    if text and not any(text in _text(c) for c in credits):  # nested credit elements count once
        credits.append(el)


def _credits_in(el) -> list:
    """Credit elements inside *el* (a caption)."""
    out: list = []
    for x in el.iter():
        if x is not el and isinstance(x.tag, str):
            _add_credit(out, x)
    return out


def _caption_parts(container, img):
    inside = list(img.iterancestors())
    caption_el, credits = None, []
    for el in container.iter():
        if not isinstance(el.tag, str) or el is container or el is img or any(el is a for a in inside):
            continue
        cls = _classes(el)
        if (caption_el is None or (el.tag == "figcaption" and caption_el.tag != "figcaption")) and _text(el) and (
            el.tag == "figcaption"
            or _CAPTION_CLASS.search(cls)
            or (el.tag == "p" and _FIGURE_CLASS.search(_classes(container)))
        ):
            caption_el = el  # a <figcaption> wins over a class that merely says "caption"
        else:
            _add_credit(credits, el)
    return caption_el, credits


def _figure(container, caption_el, credit_els) -> Figure | None:
    credit_parts = [_text(el) for el in credit_els if _text(el)]
    caption = _text(caption_el) if caption_el is not None else ""
    for part in credit_parts:
        caption = caption.replace(part, " ")
    caption = " ".join(caption.split())
    credit = " ".join(credit_parts)
    if not credit:
        m = _TRAILING_CREDIT.search(caption)
        if m and m.start() > 0:
            credit = (m.group("a") or m.group("b")).strip()
            cut = m.start()
            if m.group("b") and ". " in credit:  # "…on Friday. Jane Doe/AFP": the credit starts after the full stop
                head, credit = credit.rsplit(". ", 1)
                cut = m.start("b") + len(head) + 1
            caption = caption[:cut].rstrip(" -–—|")
    if not credit:  # "Tahir Della (picture-alliance/dpa/L. Schwedes)" in the image's alt or title
        for img in container.iter("img"):
            m = _PAREN_CREDIT.search(" ".join(filter(None, [img.get("title"), img.get("alt")])))
            if m:
                credit = m.group(1).strip()
                break
    credit = re.sub(r"^(?:Photo(?:graph)?|Image|Credit|Picture)\s*(?:credit)?\s*[:：]\s*", "", credit, flags=re.I)
    sources = tuple(u for img in container.iter("img", "source") for u in _sources(img))
    if not (caption or credit):
        return None
    outer = next((a for a in [container, *list(container.iterancestors())[:2]] if a.tag == "figure"), container)
    return Figure(sources, caption, credit, outer)


def _standfirst_candidates(tree, title: str = "") -> list[str]:
    """Texts of standfirst-like elements, those after the headline's ``<h1>`` first (nearest first);
    the innermost of nested matches; dates and bylines left out."""
    headline = next((h for h in tree.iter("h1") if title and _norm(_text(h)) == _norm(title)), None)
    order = {}
    after = headline is None
    for k, el in enumerate(tree.iter()):
        if el is headline:
            after = True
        order[el] = (0 if after else 1, k)
    found = []
    for el in sorted(tree.iter("p", "div", "h2", "span", "header", "section"), key=lambda e: order.get(e, (2, 0))):
        if not isinstance(el.tag, str) or not _STANDFIRST_CLASS.search(_classes(el)):
            continue
        if any(
            a.tag in ("figure", "figcaption", "nav", "footer", "aside", "li")
            or _CHROME_CLASS.search(_classes(a))
            or "display:none" in (a.get("style") or "").replace(" ", "")
            for a in [el, *el.iterancestors()]
        ):
            continue  # page furniture: share overlays, related teasers, hidden boxes
        found.append(el)
    out = []
    for el in found:
        if any(other is not el and el in other.iterancestors() for other in found):
            continue  # keep the innermost
        # lxml element proxies live only while referenced: keep the elements, not their id()s
        skip = [x for x in el.iter() if x is not el and (x.tag == "time" or _DATE_CLASS.search(_classes(x)))]
        text = " ".join(
            " ".join(t for t in _own_texts(el, skip)).split()
        )
        if len(text.split()) >= 4 and len(text) <= 400:
            out.append(text)
    return out


def _own_texts(el, skip: list):
    if any(el is x for x in skip):
        return
    yield el.text or ""
    for child in el:
        if isinstance(child.tag, str):
            yield from _own_texts(child, skip)
        yield child.tail or ""


# --------------------------------------------------------------------------- XML -> Markdown


def _inline(el) -> str:
    """Inline Markdown of an element of trafilatura's XML (``hi`` emphasis, ``ref`` links)."""
    parts = [escape_inline(el.text or "")]
    for child in el:
        inner = _inline(child)
        if child.tag == "hi":
            rend = child.get("rend", "")
            mark = "**" if "b" in rend or "strong" in rend else "*" if rend else ""
            stripped = inner.strip()
            parts.append(f"{mark}{stripped}{mark}" if stripped and mark else inner)
        elif child.tag == "ref" and child.get("target", "").startswith(("http://", "https://", "/", "mailto:")):
            target = child.get("target").replace(" ", "%20").replace(")", "%29").replace("(", "%28")
            parts.append(f"[{inner.strip()}]({target})" if inner.strip() else "")
        elif child.tag == "lb":
            parts.append(" ")
        else:
            parts.append(inner)
        parts.append(escape_inline(child.tail or ""))
    return " ".join("".join(parts).split())


def _plain(el) -> str:
    return " ".join("".join(el.itertext()).split())


def _table(el) -> str:
    rows = []
    for row in el.iter("row"):
        cells = [_inline(c).replace("|", "\\|") for c in row if c.tag == "cell"]
        if cells:
            rows.append(cells)
    if not rows:
        return ""
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * width]
    lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
    return "\n".join(lines)


def xml_to_blocks(main, figures: list[Figure], used: set[int]) -> list[str]:
    """Markdown blocks for the children of trafilatura's ``<main>``."""
    blocks: list[str] = []
    for el in main:
        tag = el.tag
        if tag == "head":
            text = _inline(el)
            if text:
                level = {"h1": 2, "h2": 2, "h3": 3, "h4": 4}.get(el.get("rend", "h2"), 2)
                blocks.append(f"{'#' * level} {text}")
        elif tag == "p":
            text = _inline(el)
            if text:
                blocks.append(text)
        elif tag == "quote":
            inner = [_inline(p) for p in el if p.tag == "p"] or [_inline(el)]
            blocks.append("\n>\n".join(f"> {t}" for t in inner if t))
        elif tag == "list":
            marker = "1." if el.get("rend") == "ol" else "-"
            items = [_inline(item) for item in el if item.tag == "item"]
            blocks.append("\n".join(f"{marker} {t}" for t in items if t))
        elif tag == "table":
            table = _table(el)
            if table:
                blocks.append(table)
        elif tag == "graphic":
            blocks.extend(_figure_blocks(el, figures, used))
        elif len(el):
            blocks.extend(xml_to_blocks(el, figures, used))
    return [b for b in blocks if b.strip()]


def _file_name(url: str) -> str:
    """The image's file name, size suffixes ("-1024x213") left out: the same photo at any size; "" for a
    lazy-loading placeholder (no image file name, or one saying placeholder/blank/spacer)."""
    name = re.sub(r"[?#].*$", "", url).rstrip("/").rsplit("/", 1)[-1]
    if not re.search(r"\.(?:jpe?g|png|gif|webp|avif)$", name, re.I) or re.search(
        r"placeholder|blank|spacer|pixel|transparent", name, re.I
    ):
        return ""
    return re.sub(r"-\d+x\d+(?=\.\w+$)", "", name)


def _same_image(a: str, b: str) -> bool:
    return a == b or bool(_file_name(a) and _file_name(a) == _file_name(b))


def _figure_blocks(el, figures: list[Figure], used: set[int]) -> list[str]:
    src = el.get("src", "")
    if src and "/" not in src:
        src = ""  # a lazy-loading placeholder (base64 without "data:"), not the picture
    alt = " ".join((el.get("alt") or "").split())
    for k, fig in enumerate(figures):
        if k not in used and any(_same_image(src, s) for s in fig.sources):
            used.add(k)
            out = [f"![{escape_inline(alt)}]({src.replace(' ', '%20')})"] if src else []
            if fig.caption:
                out.append(f"*{escape_inline(fig.caption)}*")
            if fig.credit:
                out.append(f"<small>{escape_inline(fig.credit)}</small>")
            return out
    return [f"![{escape_inline(alt)}]({src.replace(' ', '%20')})"] if src else []


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().casefold()


def html_to_article(page: str | bytes, *, url: str = "", meta: dict[str, str]) -> Article:
    """Extract the article of a saved HTML *page* (see the module docstring)."""
    _require()
    import lxml.etree
    import lxml.html
    import trafilatura

    if isinstance(page, bytes) and not page.strip():
        raise InputError("empty HTML page")
    try:
        tree = lxml.html.fromstring(page)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise InputError(f"not an HTML page: {exc}") from exc
    xml = trafilatura.extract(
        page, url=url or None, output_format="xml", include_images=True, include_tables=True,
        include_formatting=True, include_links=True, include_comments=False, with_metadata=True,
        favor_precision=False,
    )
    if not xml:
        raise InputError("no article text found in the page")
    doc = lxml.etree.fromstring(xml.encode("utf-8"))
    figures = page_figures(tree)
    used: set[int] = set()
    main = doc.find("main")
    blocks = xml_to_blocks(main if main is not None else doc, figures, used)

    title = meta.get("title") or _headline(tree, doc.get("title") or "")
    # trafilatura may keep the headline as a heading: it is our "# title" already.
    blocks = [b for b in blocks if not (b.startswith("#") and _norm(b.lstrip("#")) == _norm(title))]
    standfirst = _pick_standfirst(tree, doc.get("description") or "", blocks, title)
    if standfirst:
        key = _norm(standfirst)
        # the body must not repeat it (trafilatura often keeps the dek as a heading or paragraph, at
        # times with the dateline glued on); a paragraph that merely starts with it stays
        blocks = [b for b in blocks if not _repeats(_norm(b.lstrip("#> ")), key)]
    # a caption or credit that trafilatura also kept as body text appears once, in its figure
    shown = {_norm(f.caption) for k, f in enumerate(figures) if k in used} | {
        _norm(f.credit) for k, f in enumerate(figures) if k in used
    }
    blocks = [b for b in blocks if b.startswith(("*", "<small>", "!")) or _norm(b) not in shown or not _norm(b)]

    blocks = _captions_in_body(blocks, figures, used)
    blocks = _dropped_figures(tree, blocks, figures, used)
    blocks = _lead_figure(tree, title, blocks, figures, used)
    blocks = _drop_related_lists(blocks)
    blocks = [b for b in (_retype(b) for b in blocks) if b]

    head = [f"# {escape_inline(title)}"] if title else []
    if standfirst:
        head.append(escape_inline(standfirst))
    lang = (tree.get("lang") or tree.get("xml:lang") or "").strip()
    out_meta = {
        "title": title,
        "description": doc.get("description") or "",
        "author": doc.get("author") or "",
        "date": doc.get("date") or "",
        "url": url or doc.get("url") or "",
        "section": (doc.get("categories") or "").split(";")[0],
        "language": lang,
    }
    out_meta.update({k: v for k, v in meta.items() if v})
    return Article(body="\n\n".join(head + blocks) + "\n", meta={k: v for k, v in out_meta.items() if v})


def _dropped_figures(tree, blocks: list[str], figures: list[Figure], used: set[int]) -> list[str]:
    """A captioned figure trafilatura dropped with its caption (a lazy-loaded image), put back before the
    body paragraph that follows it in the page, when both sit in the same part of the page (their
    nearest common ancestor at most three levels above the paragraph): sidebars and promos stay out."""
    index = {
        _norm(_md_plain(b)): k for k, b in reversed(list(enumerate(blocks))) if not b.startswith(("#", "*", "<", "!", ">"))
    }
    inserts: dict[int, list[str]] = {}
    for k, fig in enumerate(figures):
        if k in used or not fig.caption or fig.element is None:
            continue
        for p in fig.element.itersiblings():
            if not isinstance(p.tag, str):
                continue
            at = index.get(_norm(_text(p)))
            if at is not None:
                used.add(k)
                src = next(iter(fig.sources), "")
                alt = next((" ".join((i.get("alt") or "").split()) for i in fig.element.iter("img")), "")
                out = [f"![{escape_inline(alt)}]({src.replace(' ', '%20')})"] if src else []
                out.append(f"*{escape_inline(fig.caption)}*")
                if fig.credit:
                    out.append(f"<small>{escape_inline(fig.credit)}</small>")
                inserts.setdefault(at, []).extend(out)
            break  # only the very next element: a figure belongs to the paragraph right after it
    if not inserts:
        return blocks
    out_blocks: list[str] = []
    for k, block in enumerate(blocks):
        out_blocks.extend(inserts.get(k, []))
        out_blocks.append(block)
    return out_blocks


def _lead_figure(tree, title: str, blocks: list[str], figures: list[Figure], used: set[int]) -> list[str]:
    """The lead photo: a captioned figure between the headline's ``<h1>`` and the first body paragraph
    that trafilatura left out goes first in the body, right after the standfirst."""
    headline = next((h for h in tree.iter("h1") if _norm(_text(h)) == _norm(title)), None)
    first = next((b for b in blocks if not b.startswith(("#", "*", "<", "!", ">", "|", "- ", "1. "))), None)
    if headline is None or first is None:
        return blocks
    key = _norm(_md_plain(first))
    order: dict = {}
    body_at = None
    for k, el in enumerate(tree.iter()):
        order[el] = k
        if body_at is None and el.tag == "p" and key and _norm(_text(el)) == key:
            body_at = k
    if body_at is None:
        return blocks
    lead: list[str] = []
    for k, fig in enumerate(figures):
        if k in used or not fig.caption or fig.element is None:
            continue
        if order.get(headline, -1) < order.get(fig.element, -1) < body_at:
            used.add(k)
            lead.append(f"*{escape_inline(fig.caption)}*")
            if fig.credit:
                lead.append(f"<small>{escape_inline(fig.credit)}</small>")
            break
    return lead + blocks


def _drop_related_lists(blocks: list[str]) -> list[str]:
    """A "Related"/"Recommended"/"You may like" heading and the list of links under it are not the article."""
    out: list[str] = []
    skip_list = False
    for block in blocks:
        if block.startswith("#") and _RELATED_HEADING.search(block):
            skip_list = True
            continue
        if skip_list and block.startswith(("- ", "1. ")):
            skip_list = False
            continue
        skip_list = False
        out.append(block)
    return out


def _md_plain(block: str) -> str:
    """Our own Markdown back to its words: link text without targets, no escapes."""
    return re.sub(r"\\(.)", r"\1", re.sub(r"\[((?:[^\]\\]|\\.)*)\]\([^)]*\)", r"\1", block))


def _captions_in_body(blocks: list[str], figures: list[Figure], used: set[int]) -> list[str]:
    """A figure whose image trafilatura dropped but whose caption it kept as a paragraph: made a figure."""
    out = []
    for block in blocks:
        key = "" if block.startswith(("*", "<small>", "!")) else _norm(block)  # figure blocks stay as they are
        k = next(
            (k for k, f in enumerate(figures) if k not in used and f.caption and key and _norm(f.caption) == key), None
        )
        if k is None:
            out.append(block)
            continue
        used.add(k)
        fig = figures[k]
        out.append(f"*{escape_inline(fig.caption)}*")
        if fig.credit:
            out.append(f"<small>{escape_inline(fig.credit)}</small>")
    return out


_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_DATELINE = re.compile(
    rf"^(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,? )?(?:{_MONTH} \d{{1,2}},? \d{{4}}|\d{{1,2}} {_MONTH},? \d{{4}})"
    r"(?:,? \d{1,2}[:.]\d{2}(?: ?[ap]\.?m\.?)?)?(?: [\w/]+){0,2}\.?$",
    re.I,
)
_RELATED_HEADING = re.compile(
    r"recommend|related|more stories|more from|you may (?:also )?like|most (?:popular|read)|read (?:more|next)", re.I
)
_SOCIAL = re.compile(r"\b(?:facebook|twitter|whatsapp|linkedin|reddit|tumblr|pinterest|telegram|e-?mail|digg|flipboard)\b", re.I)
_RELATED = re.compile(r"^[*_]*(?:Read more|Read also|Also read|Related|See also|Recommended|More from)\b[*_]*\s*[:：]", re.I)
_CREDIT_LINE = re.compile(r"^[*_]*\(?\s*((?:Credit|Photo(?:graph)?|Image|Source)s?\s*[:：]\s*[^()]{2,80}?)\s*\)?[*_]*$", re.I)
_WHOLLY_BOLD = re.compile(r"^\*\*([^*]+)\*\*$")


def _retype(block: str) -> str:
    """Paragraph-level fixes trafilatura cannot make (rules documented in the module docstring).

    A "Read more: …" line is a related-article link (dropped); a paragraph that is only
    "(Credit: …)" is a figure credit; a short wholly bold line with no full stop is a subheading.
    """
    from l10n.importer.text import is_debris

    if is_debris(block.lstrip("#").strip(" *_")):
        return ""
    if block.startswith("#") and _RELATED_HEADING.search(block):
        return ""  # "Editors' Recommendations", "You may like", "Related stories"
    if re.fullmatch(r"#+ \[[^\]]*\]\([^)]*\)", block):
        return ""  # a heading that is only a link: the section or category label above the headline
    if block.startswith(("#", ">", "!", "|", "<small>", "- ", "1. ")):
        return block
    if _RELATED.match(block) or len(set(m.lower() for m in _SOCIAL.findall(block))) >= 3:
        return ""  # a related-article link, or a share bar (three or more networks named)
    if _DATELINE.match(_md_plain(block)):
        return ""  # "October 22, 2019 report": the page's dateline, kept by trafilatura as a paragraph
    m = _CREDIT_LINE.match(block)
    if m:
        credit = re.sub(r"^(?:Credit|Photo(?:graph)?|Image|Source)s?\s*[:：]\s*", "", m.group(1), flags=re.I)
        return f"<small>{credit.strip()}</small>"
    m = _WHOLLY_BOLD.match(block)
    if m and len(m.group(1).split()) <= 12 and not m.group(1).rstrip().endswith("."):
        return f"## {m.group(1).strip()}"
    return block


def _headline(tree, meta_title: str) -> str:
    """The ``<h1>`` that matches the page's titles (trafilatura's, often the ``<title>`` "Headline | Site |
    date", and ``og:title``), else trafilatura's title."""
    titles = [_norm(meta_title), _norm(re.split(r"\s+[|–—]\s+|\s+-\s+", meta_title)[0])]
    titles += [_norm(m.get("content") or "") for m in tree.iter("meta") if m.get("property") == "og:title"]
    titles = [t for t in titles if t]
    for h1 in tree.iter("h1"):
        text = _text(h1)
        n = _norm(text)
        if len(text.split()) >= 3 and any(t == n or t.startswith(n) or n.startswith(t) for t in titles):
            return text
    return meta_title or next((_text(h) for h in tree.iter("h1") if _text(h)), "")


def _repeats(block: str, standfirst: str) -> bool:
    return block == standfirst or (
        len(standfirst) > 20 and block.startswith(standfirst) and len(block[len(standfirst) :].split()) <= 6
    )


def _visible_text(tree) -> str:
    body = tree.find("body")
    if body is None:
        return ""
    return _norm(" ".join(t for el in body.iter() if el.tag not in ("script", "style", "noscript", "template")
                          for t in (el.text, el.tail) if t and isinstance(el.tag, str)))


def _pick_standfirst(tree, description: str, blocks: list[str], title: str = "") -> str:
    body = [_norm(b) for b in blocks if not b.startswith(("#", ">", "*", "<small>", "!", "|", "-", "1."))]
    first = body[0] if body else ""
    for text in _standfirst_candidates(tree, title):
        if not _retype(escape_inline(text)):
            continue  # a share bar or related link dressed as an intro
        n = _norm(text)
        if not re.search(r"[.!?…\"”’)]$", text) and not (n and _norm(description).startswith(n[:60])):
            continue  # not prose (a list of teaser headlines), and not the page's own description
        if n and not any(n == b for b in body[1:]):
            return text  # equal to the first paragraph: trafilatura kept the dek in the body
    desc = " ".join(description.split())
    if not desc or desc.endswith(("...", "…")) or len(desc) < 40:
        return ""
    if _norm(desc) not in _visible_text(tree):
        return ""  # an SEO description the reader never sees is no standfirst
    n = _norm(desc)
    if first.startswith(n) or n.startswith(first[: max(len(first), 1)]):
        return ""
    return desc
