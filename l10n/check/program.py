"""Checks for what the program that shows a message needs: translate-toolkit's pofilter classes.

A catalogue of a program (Django, Sphinx, a desktop application) is formatted by code: placeholders
are filled in by name, position or order; backslash sequences and newlines are bytes the program
prints; tags and their attributes are markup a browser renders; ``_File`` and ``&File`` are keyboard
accelerators.  Each check here is one function; the decorator gives its id, default severity and the
characters without which it cannot find anything (its trigger).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from l10n.check.base import EntryContext, Finding, check
from l10n.check.formats import (
    COUNT_NAMES,
    Placeholder,
    find_placeholders,
    placeholder_texts,
    scan_placeholders,
    syntax_of,
)
from l10n.check.settings import ACCELERATOR_MARKERS
from l10n.check.text import HTML_TAG_RE, link_key

__all__: list[str] = []  # checks are reached through the registry

# --------------------------------------------------------------------------- placeholders


def _count_placeholder(
    singular: tuple[Placeholder, ...], plural: tuple[Placeholder, ...]
) -> tuple[Placeholder | None, bool]:
    """The placeholder a plural message fills with the count: the only one of ``msgid_plural``, the
    one only ``msgid_plural`` has, one named like a count, or the first integer conversion; and
    whether the messages say so (the first two) rather than it being a guess.  ``%(sel)s of %(cnt)s
    selected`` in both messages is a guess: Django's code counts ``sel``, the name suggests ``cnt``."""
    if not plural:
        return None, True
    if len({p.text for p in plural}) == 1:
        return plural[0], True
    singular_texts = {p.text for p in singular}
    only_plural = [p for p in plural if p.text not in singular_texts]
    if len({p.text for p in only_plural}) == 1:
        return only_plural[0], True
    for p in plural:
        if p.kind == "name" and str(p.ref).lower() in COUNT_NAMES:
            return p, False
    for p in plural:
        if p.numeric:
            return p, False
    return None, False


def _source_side(
    ctx: EntryContext, syntax: str
) -> tuple[tuple[Placeholder, ...], Placeholder | None, bool]:
    """Placeholders the translation must have (the union of msgid and msgid_plural for plural entries),
    the count placeholder a single-number form may leave out, and whether that one is known or guessed."""
    if ctx.msgid_plural is None:
        return find_placeholders(ctx.source, syntax), None, True
    singular = find_placeholders(ctx.msgid, syntax)
    plural = find_placeholders(ctx.msgid_plural, syntax)
    bound = Counter(p.text for p in singular if p.kind != "seq")
    bound |= Counter(p.text for p in plural if p.kind != "seq")
    seq_src = (
        plural if sum(p.kind == "seq" for p in plural) >= sum(p.kind == "seq" for p in singular) else singular
    )
    union: list[Placeholder] = [p for p in seq_src if p.kind == "seq"]
    by_text = {p.text: p for p in (*singular, *plural)}
    for text, n in bound.items():
        union.extend([by_text[text]] * n)
    return (tuple(union), *_count_placeholder(singular, plural))


def _like_the_singular(ctx: EntryContext, count: Placeholder, syntax: str) -> bool:
    """A form said for 1 and maybe 0 (form 0 where the rule is "n > 1": French, Turkish, Brazilian
    Portuguese) stands where English says its singular, for 1: it may leave out the count placeholder
    when the singular ``msgid`` does ("Deleting this page will also delete %(translation_count)s
    translation" for one child page)."""
    numbers = ctx.form_numbers
    return (
        numbers is not None
        and 1 in numbers
        and numbers <= {0, 1}
        and all(p.text != count.text for p in find_placeholders(ctx.msgid, syntax))
    )


#: A count's singular noun ending the message: "Occurs %(number)s time", "%d item" (not a plural in
#: -s, a participle or adverb, "%d selected", "%d remaining", nor "%d more", "%d left", "%d ago").
_SINGULAR_TAIL = re.compile(
    r" (?![a-z]*(?:ed|ing|ly)\b)(?!(?:ago|more|left|found|less|max|min|total|per)\b)[a-z]*[a-rt-z][.!]?"
)


def _singular_count(src: tuple[Placeholder, ...], source: str) -> bool:
    """The message is the singular half of a plural pair made by hand ("Occurs %(number)s time" beside
    "Occurs %(number)s times"): its only placeholder is a count followed by a singular noun that ends
    it, so English shows it for 1 only, and a translation may say "once" without the count, as a
    plural form for one number may."""
    if len(src) != 1:
        return False
    p = src[0]
    if not (p.numeric or (p.kind == "name" and str(p.ref).lower() in COUNT_NAMES)):
        return False
    return bool(_SINGULAR_TAIL.fullmatch(source, p.end))


#: strftime directives printf does not have: "%b %d, %Y" is a date format each language reorders.
_STRFTIME = re.compile(r"%[-_0^#]?[aAbBhHIjmMpSUwWyYZz](?![a-z])")


@check("placeholders", "error", trigger="%{")
def placeholders_(ctx: EntryContext) -> Iterator[Finding]:
    """Placeholders (``%s``, ``%(name)s``, ``%1$d``, ``{name}``, ``{0}``) must be kept exactly.

    The syntax is the entry's ``*-format`` flag's (``python-format``, ``python-brace-format``,
    ``c-format``, ``qt-format``…; without a flag both printf and brace placeholders count).  Named and
    numbered placeholders may move; ones filled in order (``%s``, ``{}``) must keep their order unless
    the translation numbers them (``%2$d … %1$s``); strftime date formats (``%b %d, %Y``) are the
    translator's to reorder.  A plural form is compared with the union of
    ``msgid`` and ``msgid_plural``, and a form used for exactly one count (Arabic zero, one and two,
    Hebrew's dual) may say the number in words instead of the count placeholder, and a form for 0 and 1
    (French) may leave it out where the English singular does; when the messages do
    not say which placeholder is the count, what such a form without any placeholder leaves out is info.
    So is the count a message without a plural leaves out when English writes it with a singular
    noun ("Occurs %(number)s time": the singular of a pair made by hand, «Behin», once).
    """
    source, target = ctx.source, ctx.target
    if "%" not in target and "{" not in target and "%" not in source and "{" not in source:
        # Neither this form's English nor its translation has a placeholder: a form said like the
        # singular ("an hour ago", «il y a une heure») may leave out the count its plural shows.
        return
    syntax = syntax_of(ctx.flags)
    if syntax == "none":
        return
    key = ("placeholders", syntax)
    try:
        src, count, known = ctx.shared[key]
    except KeyError:
        src, count, known = ctx.shared[key] = _source_side(ctx, syntax)
    if syntax == "printf" and ctx.source_fact("strftime", lambda _: bool(_STRFTIME.search(ctx.msgid))):
        return
    texts = placeholder_texts(ctx.target, syntax)
    if texts is not None and texts == ctx.source_fact(("placeholder-texts", syntax), lambda _: [p.text for p in src]):
        return  # the same placeholders in the same order: the common case, without building them
    tgt = scan_placeholders(ctx.target, syntax)
    if not src and not tgt:
        return
    if len(src) == len(tgt) and [p.text for p in src] == [p.text for p in tgt]:
        return  # the same placeholders in the same order: the common case
    # A form for one count that says everything in words («لا شيء محدد», "nothing selected", for
    # "%(sel)s of %(cnt)s selected") when the messages do not say which placeholder is the count:
    # which ones it may leave out is unknown, so what it leaves out is worth a look, not an error.
    missing_severity = "info" if not tgt and not known and ctx.single_number else None
    if not tgt and missing_severity is None and ctx.msgid_plural is None and _singular_count(src, source):
        missing_severity = "info"  # "Occurs %(number)s time": English's own singular, said as "once"
    may_omit = None
    if count is not None and (ctx.single_number or _like_the_singular(ctx, count, syntax)):
        python_seq = count.kind == "seq" and "python-format" in ctx.flags
        lone_seq = count.kind != "seq" or sum(p.kind == "seq" for p in src) == 1
        if not python_seq and lone_seq:
            may_omit = count
    # Bound by name or number: any order, same multiset.
    src_bound = Counter(p.text for p in src if p.kind != "seq")
    tgt_bound = Counter(p.text for p in tgt if p.kind != "seq")
    src_seq = [p for p in src if p.kind == "seq"]
    tgt_seq = [p for p in tgt if p.kind == "seq"]
    tgt_pos = [p for p in tgt if p.kind == "pos"]
    if src_seq and not tgt_seq and tgt_pos and syntax == "printf" and not any(p.kind == "pos" for p in src):
        # c-format reordering: %2$d %1$s for the source's %s %d.
        wanted = {i + 1: p.conv for i, p in enumerate(src_seq)}
        got = {int(p.ref): p.conv for p in tgt_pos}  # type: ignore[arg-type]
        if got == wanted:
            tgt_bound -= Counter(p.text for p in tgt_pos)
            src_seq = []
    if may_omit is not None:
        if may_omit.kind == "seq":
            if not tgt_seq:
                src_seq = []
        elif tgt_bound[may_omit.text] == 0:
            src_bound[may_omit.text] = 0
    if src_bound == tgt_bound and [p.conv for p in src_seq] == [p.conv for p in tgt_seq]:
        return
    # A named or numbered placeholder may appear more or fewer times than in the source (a sentence
    # names the field twice, or refers back with a pronoun): only its absence or presence is an error.
    for p in tgt:
        if p.kind != "seq" and not src_bound[p.text]:
            src_bound[p.text] = -1  # report each once
            yield ctx.finding(
                "placeholders", f"placeholder {p.text} is not in the source", span=(p.start, p.end)
            )
    for text, n in src_bound.items():
        if n > 0 and not tgt_bound[text]:
            yield ctx.finding(
                "placeholders", f"placeholder {text} is missing from the translation", severity=missing_severity
            )
        elif n > 0 and tgt_bound[text] != n:
            yield ctx.finding(
                "placeholders",
                f"placeholder {text} appears {tgt_bound[text]} times in the translation, {n} in the source",
                severity="info",
            )
    a, b = [p.conv for p in src_seq], [p.conv for p in tgt_seq]
    if a != b:
        if Counter(a) == Counter(b):
            shown = ", ".join(p.text for p in tgt_seq)
            yield ctx.finding(
                "placeholders",
                f"placeholders {shown} are filled in order, and the order differs from the source's "
                f"{', '.join(p.text for p in src_seq)} (number them, %1$s, or use named ones)",
                span=(tgt_seq[0].start, tgt_seq[-1].end),
            )
        else:
            extra_seq = Counter(b) - Counter(a)
            for p in tgt_seq:
                if extra_seq[p.conv] > 0:
                    extra_seq[p.conv] -= 1
                    yield ctx.finding(
                        "placeholders", f"placeholder {p.text} is not in the source", span=(p.start, p.end)
                    )
            missing_seq = Counter(a) - Counter(b)
            for p in src_seq:
                if missing_seq[p.conv] > 0:
                    missing_seq[p.conv] -= 1
                    yield ctx.finding(
                        "placeholders",
                        f"placeholder {p.text} is missing from the translation",
                        severity=missing_severity,
                    )


# --------------------------------------------------------------------------- escapes and newlines

_ESCAPE_SEQ = re.compile(r"\\.", re.DOTALL)


@check("escapes", "error", trigger="\\")
def escapes(ctx: EntryContext) -> Iterator[Finding]:
    """Backslash sequences differ from the source: a literal ``\\"`` or ``\\%`` shown to users.

    After the catalogue's own escapes are decoded, a backslash in the message is a character the
    program prints (or passes to another layer of escaping).  One the source does not have is almost
    always a mis-escaped quote or percent sign.
    """
    src = Counter(_ESCAPE_SEQ.findall(ctx.source))
    tgt_list = list(_ESCAPE_SEQ.finditer(ctx.target))
    tgt = Counter(m.group() for m in tgt_list)
    if src == tgt:
        return
    extra = tgt - src
    for m in tgt_list:
        n = extra.pop(m.group(), 0)
        if n > 0:
            yield ctx.finding(
                "escapes",
                f"backslash sequence {m.group()} is not in the source (shown literally)"
                + (f" ({n}x)" if n > 1 else ""),
                span=m.span(),
            )
    for seq, n in (src - tgt).items():
        yield ctx.finding(
            "escapes", f"backslash sequence {seq} of the source is missing" + (f" ({n}x)" if n > 1 else "")
        )


@check("newlines", "error", trigger="\n\r")
def newlines(ctx: EntryContext) -> Iterator[Finding]:
    """Leading or trailing newlines differ from the source, or the translation has another number of
    line breaks.

    Programs print messages as they are: a dropped final ``\\n`` glues the next output line to this
    one.  Line breaks added to a one-line message are a warning; rewrapped multi-line text is info, and
    so is a newline added or dropped at the edge of an HTML message (the browser collapses it).
    """
    s, t = ctx.source, ctx.target
    for where, test in (("leading", str.startswith), ("trailing", str.endswith)):
        a, b = test(s, "\n"), test(t, "\n")
        if a != b:
            # In HTML a newline at the edge of the text is collapsed by the browser (django-jazzmin fr
            # "\nFonction de vue : <code>…</code>.\n"): worth a look, not an error.
            html = "<" in s and "<" in t and HTML_TAG_RE.search(s) is not None and HTML_TAG_RE.search(t) is not None
            yield ctx.finding(
                "newlines",
                f"{where} newline "
                + ("missing from the translation" if a else "added (the source has none)"),
                span=((0, 1) if where == "leading" else (len(t) - 1, len(t))) if b else None,
                severity="info" if html else None,
            )
            return
    ns, nt = s.count("\n"), t.count("\n")
    if ns != nt:
        inner = s.strip("\n").count("\n")
        yield ctx.finding(
            "newlines",
            f"{nt} line break(s) in the translation, {ns} in the source",
            severity="info" if inner else "warning",  # wrapped text may be rewrapped
        )
    if ("\r" in s) != ("\r" in t):
        yield ctx.finding("newlines", "carriage returns (\\r) differ from the source")


# --------------------------------------------------------------------------- tags

_TAG_PARTS = re.compile(r"<(/?)\s*([A-Za-z][A-Za-z0-9:-]*)")
#: An attribute as a browser reads it (HTML's tokenizer, as Python's html.parser): an unquoted value
#: runs to the next space or ``>``, quotes and backslashes included, so a mis-escaped
#: ``href=\"https://…\"`` is one attribute whose value keeps its backslash-quotes, not five.
_ATTR = re.compile(r"""([A-Za-z_:][-A-Za-z0-9_:.]*)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
#: Attributes whose value is text for people: a translation may (should) change them.
_TRANSLATABLE_ATTRS = frozenset({"title", "alt", "aria-label", "placeholder", "summary", "label", "content",
                                 "aria-description", "value"})  # fmt: skip
#: Tags a translation may add for its own typography (French 1<sup>er</sup>, bidi isolation, breaks).
_TYPOGRAPHIC = frozenset({"sup", "sub", "bdi", "bdo", "span", "wbr", "br", "small", "abbr", "nobr"})
_LINK_ATTRS = frozenset({"href", "src", "action", "cite"})
_QUOTES = re.compile(r"[\"“”„«»‹›'‘’「」『』]")


#: HTML elements: ``<b>`` is a tag even alone; another name is a tag only with an attribute value
#: (``name="…"``), a hyphen (a custom element) or a closing tag in the same message — else it is text
#: in angle brackets, a usage placeholder such as Sphinx's ``<command>`` or a label such as
#: «<missing product>», which a translation translates.
_HTML_ELEMENTS = frozenset(
    [
        "a",
        "abbr",
        "address",
        "article",
        "aside",
        "audio",
        "b",
        "bdi",
        "bdo",
        "blockquote",
        "body",
        "br",
        "button",
        "caption",
        "cite",
        "code",
        "col",
        "colgroup",
        "data",
        "dd",
        "del",
        "details",
        "dfn",
        "div",
        "dl",
        "dt",
        "em",
        "embed",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "head",
        "header",
        "hr",
        "html",
        "i",
        "iframe",
        "img",
        "input",
        "ins",
        "kbd",
        "label",
        "legend",
        "li",
        "link",
        "main",
        "mark",
        "meta",
        "nav",
        "nobr",
        "noscript",
        "object",
        "ol",
        "optgroup",
        "option",
        "output",
        "p",
        "param",
        "picture",
        "pre",
        "q",
        "rp",
        "rt",
        "ruby",
        "s",
        "samp",
        "script",
        "section",
        "select",
        "small",
        "source",
        "span",
        "strike",
        "strong",
        "style",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "template",
        "textarea",
        "tfoot",
        "th",
        "thead",
        "time",
        "title",
        "tr",
        "track",
        "tt",
        "u",
        "ul",
        "var",
        "video",
        "wbr",
    ]
)


def _link_types(rel: str) -> frozenset[str]:
    """The link types of a ``rel`` value, a set: ``noreferrer`` implies ``noopener`` (HTML), so
    ``rel="noopener noreferrer"`` is ``rel="noreferrer"``.

    >>> _link_types("noopener noreferrer") == _link_types("noreferrer")
    True
    """
    types = set(rel.lower().split())
    if "noreferrer" in types:
        types.add("noopener")
    return frozenset(types)


_Tag = tuple[int, int, str, str, dict[str, str]]
#: Text in angle brackets that starts with a letter of any script.
_BRACKETED = re.compile(r"<[^\W\d_][^<>]*>")


def _tags(text: str) -> list[_Tag]:
    """``(start, end, "/" or "", name, attributes)`` for every HTML/XML tag of *text*."""
    return _split_tags(text)[0]


def _split_tags(text: str) -> tuple[list[_Tag], list[_Tag]]:
    """The tags of *text*, and its labels in angle brackets: an unknown name, alone or followed by
    words with no value, and no closing tag («<command>», «<missing product>»), which a translation
    translates."""
    out = []
    for m in HTML_TAG_RE.finditer(text):
        if m.start() and text[m.start() - 1] == "<":
            continue  # Sphinx's "<<original entry>>" is text, not a tag
        parts = _TAG_PARTS.match(m.group())
        if parts is None:
            continue
        closing, name = parts.group(1), parts.group(2).lower()
        attrs: dict[str, str] = {}
        valued = False
        if not closing:
            body = m.group()[parts.end() : -1].rstrip("/")
            for a in _ATTR.finditer(body):
                if a.start() and body[a.start() - 1] == ")":
                    continue  # the "s" of a placeholder "<a %(a_attr)s>": a_attr is the attribute
                attr_name, dq, sq, bare = a.groups()
                valued = valued or dq is not None or sq is not None or bare is not None
                attrs[attr_name.lower()] = dq if dq is not None else sq if sq is not None else bare or ""
        kind = "tag" if name in _HTML_ELEMENTS or valued or "-" in name else "label"
        out.append((m.start(), m.end(), closing, name, attrs, kind))
    closed = {name for _, _, closing, name, _, _ in out if closing}
    tags = [(s, e, c, n, a) for s, e, c, n, a, k in out if k == "tag" or n in closed]
    labels = [(s, e, c, n, a) for s, e, c, n, a, k in out if k == "label" and n not in closed]
    starts = {t[0] for t in out}
    for m in _BRACKETED.finditer(text):  # «<prekė nerasta>», «<محصول ازدست رفته>»: no ASCII name
        if m.start() not in starts and not (m.start() and text[m.start() - 1] == "<"):
            labels.append((m.start(), m.end(), "", "", {}))
    return tags, labels


@check("tags", "error", trigger="<")
def tags(ctx: EntryContext) -> Iterator[Finding]:
    """HTML/XML tags and their attributes must survive translation.

    The same tags as the source (a translation may add typographic ones: ``<sup>``, ``<bdi>``,
    ``<span>``, ``<br>``…), and every attribute copied unchanged (``href``, ``class``, ``id``…) except
    text for people (``title``, ``alt``, ``aria-label``…); ``rel`` is a set of link types, in which
    ``noreferrer`` implies ``noopener``.  ``<q>…</q>`` may become quotation marks, and labels in
    angle brackets («<missing product>»: no HTML name, no attribute value, no closing tag) are
    translated like text, as long as the translation has as many.  A translation may close an element
    its source leaves open (``<p>…`` → ``<p>…</p>``).
    """
    src, src_labels = ctx.source_fact("tags", _split_tags)
    tgt, tgt_labels = _split_tags(ctx.target)
    if len(src_labels) != len(tgt_labels):
        # «<missing product>» is translated as «<manglende produkt>»; one added or lost (Sphinx's
        # «<<original entry>>» as «<original entry>», which a browser swallows) is a tag's business
        # when it has words after its name (a lone «<command>» is a usage placeholder).
        src = sorted(src + [t for t in src_labels if t[4]])
        tgt = sorted(tgt + [t for t in tgt_labels if t[4]])
    if not src and not tgt:
        return
    src_names = Counter((c, n) for _, _, c, n, _ in src)
    tgt_names = Counter((c, n) for _, _, c, n, _ in tgt)
    for closing, name in tgt_names - src_names:
        if name in _TYPOGRAPHIC:
            continue
        if closing and tgt_names[(closing, name)] <= src_names[("", name)] == tgt_names[("", name)]:
            continue  # «<p>…</p>» closes the <p> its source leaves open (the template closes it later)
        pos = next(s for s, _, c, nm, _ in tgt if c == closing and nm == name)
        shown = f"<{closing}{name}>"
        yield ctx.finding("tags", f"tag {shown} is not in the source", span=(pos, pos + len(shown)))
    missing = src_names - tgt_names
    if missing and set(n for _, n in missing) == {"q"}:
        extra_quotes = len(_QUOTES.findall(ctx.target)) - len(_QUOTES.findall(ctx.source))
        if extra_quotes >= missing[("", "q")] * 2:
            missing = Counter()
    for closing, name in sorted(missing):
        yield ctx.finding("tags", f"tag <{closing}{name}> is missing from the translation")
    # Attributes: pair the opening tags of each name in order.
    by_name: dict[str, list] = {}
    for t in tgt:
        if not t[2]:
            by_name.setdefault(t[3], []).append(t)
    seen: Counter[str] = Counter()
    for _, _, closing, name, attrs in src:
        if closing:
            continue
        i = seen[name]
        seen[name] += 1
        candidates = by_name.get(name, [])
        if i >= len(candidates):
            continue
        start, end, _, _, tattrs = candidates[i]
        for attr, value in attrs.items():
            if attr in _TRANSLATABLE_ATTRS:
                continue
            if attr not in tattrs:
                yield ctx.finding(
                    "tags", f"attribute {attr} of <{name}> is missing from the translation", span=(start, end)
                )
            elif (
                tattrs[attr] != value
                and not (attr in _LINK_ATTRS and link_key(tattrs[attr], ctx.lang) == link_key(value, ctx.lang))
                and not (attr == "rel" and _link_types(tattrs[attr]) == _link_types(value))
            ):
                yield ctx.finding(
                    "tags",
                    f'attribute {attr}="{value}" of <{name}> is {attr}="{tattrs[attr]}" in the translation',
                    span=(start, end),
                )
        for attr in tattrs:  # in the translation's order (a set's order changes with the hash seed)
            if attr in attrs or attr in _TRANSLATABLE_ATTRS or attr == "dir" or attr == "lang":
                continue  # direction and language marks are the translation's business
            yield ctx.finding("tags", f"attribute {attr} of <{name}> is not in the source", span=(start, end))


# --------------------------------------------------------------------------- accelerators


def _accelerator_re(markers: tuple[str, ...]) -> re.Pattern[str]:
    cls = "".join(re.escape(m) for m in markers)
    # A marker at the start of a word, before a letter or digit (not "snake_case", "AT&T", "&amp;").
    return re.compile(rf"(?<![\w{cls}])[{cls}](?=[^\W_])(?![A-Za-z]+;|#\d+;)")


_ACCEL_CACHE: dict[tuple[str, ...], re.Pattern[str]] = {}


@check("accelerators", "warning", trigger=ACCELERATOR_MARKERS)
def accelerators(ctx: EntryContext) -> Iterator[Finding]:
    """The keyboard accelerator (``_File``, ``&Open``) of a menu or button label is missing or doubled.

    Markers are ``_`` and ``&`` unless ``accelerators = [...]`` in ``[tool.l10n.check]`` chooses among
    ``_``, ``&`` and ``~`` (``[]`` switches the check off);
    only short labels (up to six words) with exactly one marker at the start of a word count.  CJK
    style ``ファイル(_F)`` is accepted.
    """
    markers = ctx.rules.accelerators
    source = ctx.source
    if not markers or not any(m in source for m in markers):
        return  # only a label with an accelerator can lose one
    pattern = _ACCEL_CACHE.get(markers)
    if pattern is None:
        pattern = _ACCEL_CACHE[markers] = _accelerator_re(markers)
    src = list(pattern.finditer(source))
    if len(src) != 1 or len(source.split()) > 6:
        return
    found = list(pattern.finditer(ctx.target))
    if not found:
        key = source[src[0].start() : src[0].end() + 1]
        yield ctx.finding("accelerators", f"accelerator {key} of the source is missing from the translation")
    elif len(found) > 1:
        shown = ", ".join(ctx.target[m.start() : m.end() + 1] for m in found)
        yield ctx.finding(
            "accelerators", f"{len(found)} accelerators in the translation ({shown})", span=found[1].span()
        )


# --------------------------------------------------------------------------- the catalogue's language


@check("unknown-language", "warning", states=(), category="completeness")
def unknown_language(ctx: EntryContext) -> Iterator[Finding]:
    """The catalogue's language is not a CLDR locale (``udm``): its script and plural checks are skipped.

    Reported once per catalogue; the other checks run.  ``sr@latin``, ``ca@valencia``, ``zh_CN`` and
    other gettext locale names of known languages are understood.
    """
    return iter(())
