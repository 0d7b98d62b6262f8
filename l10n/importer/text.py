"""Scraped plain text -> Markdown: the heuristics, and where each can be wrong.

A scrape of a news page (copy-paste, or a scraper's text dump) is chunks separated by blank lines.
Each rule below is one small function; the order they run in is :func:`text_to_article`.

1. **Debris** (:data:`DEBRIS`): lines that are page furniture ("font change", "Share", "Print",
   "Advertisement", "5 min read") are dropped.  *Wrong when* an article's own line is exactly one of
   these words — a one-word paragraph "Advertisement" would vanish.
2. **Headline**: the first line.  Any later line equal to it (case and spaces ignored) is the page
   repeating its title and is dropped.  *Wrong when* the scrape starts with a kicker or section name.
3. **Figures**: a chunk of several lines that holds a credit-like line (:func:`is_credit`: short, no
   final full stop, and a slash, ©, "Photo"/"Credit"/"Getty"/an agency name, or all-caps) is a figure:
   its other lines are the caption (repeated caption lines are printed once) and the credit line(s) the
   credit, written ``*caption*`` then ``<small>credit</small>``, whatever order the page had them in.
   A caption line already seen in an earlier figure is dropped.  *Wrong when* a short all-caps line
   sits inside a hard-wrapped paragraph; a several-line chunk with no credit is joined into one
   paragraph (hard wraps), so a figure whose credit is missing becomes a paragraph.
4. **Standfirst**: the first prose chunk right after the headline stays right after it (that position
   is what makes it the standfirst in :mod:`l10n.segment`).  *Wrong when* the page has no standfirst:
   the first body paragraph is then taken as one.
5. **Headings**: a one-line chunk of at most :data:`HEADING_WORDS` words that does not end in sentence
   punctuation becomes ``## heading``.  *Wrong when* a short paragraph lacks its final full stop.
6. **Pull quotes**: a one-line chunk with no final punctuation and more words than a heading, or one
   that repeats a stretch of the body (rapidfuzz partial ratio ≥ :data:`PULL_QUOTE_SIMILARITY`), becomes
   ``> quote``.  *Wrong when* a scrape lost the full stop of an ordinary long paragraph.
7. Everything else is a paragraph, its hard line breaks folded; Markdown characters are escaped.
"""

from __future__ import annotations

import re

from l10n.importer import Article, escape_inline

__all__ = ["DEBRIS", "HEADING_WORDS", "PULL_QUOTE_SIMILARITY", "is_credit", "is_debris", "text_to_article"]

#: Page furniture scrapers pick up (compared case-insensitively, whole line).
DEBRIS = frozenset(
    {
        "font change", "font size", "change font size", "text size", "a a a", "a- a a+", "aa",
        "print", "print this article", "share", "share this", "share this article", "share on facebook",
        "share on twitter", "share on whatsapp", "email", "copy link", "link copied", "tweet", "facebook",
        "twitter", "whatsapp", "linkedin", "advertisement", "advert", "sponsored", "read more", "read also",
        "related", "related articles", "more on this story", "comments", "subscribe", "sign up",
        "follow us", "listen", "listen to this article", "save", "bookmark", "close", "menu",
        "skip to content", "back to top", "accept cookies", "accept all", "cookie settings",
    }
)
_DEBRIS_RE = re.compile(r"^(?:\d+\s*(?:min(?:ute)?s?|mins?)\s+read|updated\s*:?\s*$)$", re.I)

#: Longest heading, in words; a longer unpunctuated line is a pull quote.
HEADING_WORDS = 10
#: rapidfuzz partial ratio above which an unpunctuated line repeating the body is a pull quote.
PULL_QUOTE_SIMILARITY = 80

_END = re.compile(r"[.!?…:;,\"”’»)\]]$")
_AGENCY = re.compile(
    r"/|©|\((?:c|C)\)|\b(?:Photo|Photos|Photograph|Image|Credit|Courtesy|Getty|AFP|AP|Reuters|EPA|SANA|"
    r"Anadolu|Xinhua|Shutterstock|Alamy|Wikimedia|Handout|File)\b"
)


def _norm(line: str) -> str:
    return " ".join(line.split()).casefold()


def is_debris(line: str) -> bool:
    """Is *line* page furniture (a share bar, a font switch, a reading time)?"""
    n = _norm(line)
    return n in DEBRIS or bool(_DEBRIS_RE.match(n))


def is_credit(line: str) -> bool:
    """A photo credit: at most 8 words, no final full stop, and an agency mark, a slash or all-caps.

    >>> is_credit("Delil Souleiman/AFP"), is_credit("SANA"), is_credit("US forces patrol oil fields.")
    (True, True, False)
    """
    words = line.split()
    if not words or len(words) > 8 or line.rstrip().endswith("."):
        return False
    letters = [c for c in line if c.isalpha()]
    return bool(_AGENCY.search(line)) or (len(letters) >= 2 and all(c.isupper() for c in letters))


def _chunks(text: str) -> list[list[str]]:
    out: list[list[str]] = []
    for raw in re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n").replace("\r", "\n")):
        # Only blanks and tabs are folded: a no-break space is the author's (or the CMS's) choice.
        lines = [re.sub(r"[ \t]+", " ", x).strip(" \t") for x in raw.split("\n")]
        lines = [x for x in lines if x and not is_debris(x)]
        if lines:
            out.append(lines)
    return out


def _dedupe(lines: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for line in lines:
        if _norm(line) not in seen:
            seen.add(_norm(line))
            out.append(line)
    return out


def _is_figure(lines: list[str]) -> bool:
    return len(lines) >= 2 and any(is_credit(x) for x in lines) and not all(is_credit(x) for x in lines)


def _repeats_body(line: str, body: list[str]) -> bool:
    """Does *line* repeat (nearly) a stretch of a body paragraph?  rapidfuzz's partial ratio finds the
    best-matching stretch, so no sentence splitting is needed."""
    from rapidfuzz import fuzz

    return any(fuzz.partial_ratio(line.casefold(), p.casefold()) >= PULL_QUOTE_SIMILARITY for p in body)


def text_to_article(text: str, *, meta: dict[str, str]) -> Article:
    """Apply the rules of this module, in order, to scraped *text*."""
    chunks = _chunks(text)
    if not chunks:
        return Article(body="", meta=dict(meta))
    first = chunks[0]
    title = meta.get("title") or first[0]
    chunks = ([first[1:]] if len(first) > 1 else []) + chunks[1:]
    title_n = _norm(title)
    blocks: list[str] = [f"# {escape_inline(title)}"]
    captions: set[str] = set()
    prose: list[str] = [" ".join(c) for c in chunks if len(c) == 1 or not _is_figure(c)]
    for lines in chunks:
        lines = [x for x in lines if _norm(x) != title_n]
        if not lines:
            continue
        if _is_figure(lines):
            lines = _dedupe(lines)
            caption = [x for x in lines if not is_credit(x) and _norm(x) not in captions]
            credit = [x for x in lines if is_credit(x)]
            captions.update(_norm(x) for x in caption)
            if caption:
                blocks.append(f"*{escape_inline(' '.join(caption))}*")
            if credit:
                blocks.append(f"<small>{escape_inline(' '.join(credit))}</small>")
            continue
        line = " ".join(lines)
        if _norm(line) in captions:
            continue
        if len(lines) == 1 and not _END.search(line):
            others = [p for p in prose if p != line]
            if len(line.split()) <= HEADING_WORDS and not _repeats_body(line, others):
                blocks.append(f"## {escape_inline(line)}")
                continue
            blocks.append(f"> {escape_inline(line)}")
            continue
        blocks.append(escape_inline(line))
    out_meta = {k: v for k, v in meta.items() if v}
    out_meta.setdefault("title", title)
    return Article(body="\n\n".join(blocks) + "\n", meta=out_meta)
