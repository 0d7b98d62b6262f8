"""Glossary consistency: the checks that keep translations to the project's terminology.

All matching is the glossary package's (:func:`l10n.glossary.find_terms` on the English side,
:func:`~l10n.glossary.target_has` / :func:`~l10n.glossary.find_forbidden` on the target side), so a
rendering accepted here is accepted by MT enforcement too: Arabic clitics (وبقانون قيصر), the article,
diacritics and spelling variants included.  Every finding carries the term, so reports show the glossary
row (``glossary/terms.csv:5``) a translator or terminologist should look at.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from l10n.check.base import EntryContext, Finding, check
from l10n.glossary import find_forbidden, target_find, target_has

if TYPE_CHECKING:
    from l10n.glossary import SourceMatch, TargetMatch, Term

__all__: list[str] = []


def _quote(text: str) -> str:
    return f"«{text}»"


def _ignored(ctx: EntryContext, check_id: str, term_id: str) -> bool:
    return f"{check_id}:{term_id}" in ctx.ignored_terms


def _on_term(
    ctx: EntryContext, check_id: str, message: str, at: SourceMatch | TargetMatch, *, in_source: bool = False
) -> Finding:
    """A finding about *at*'s term, pointing at *at*: a match in the source or a hit in the translation.

    The report underlines that span and names the term, so every glossary finding is placed the same way.
    """
    where = (at.start, at.end)
    if in_source:
        return ctx.finding(check_id, message, term=at.term, source_span=where)
    return ctx.finding(check_id, message, term=at.term, span=where)


@check("glossary-missing", "error", category="glossary")
def glossary_missing(ctx: EntryContext) -> Iterator[Finding]:
    """The source uses a glossary term but the translation lacks an approved rendering for it.

    Counted per occurrence: a term used three times in the source needs three renderings.
    Plurals, possessives, abbreviations and variants in the English are recognised; in Arabic a
    rendering may carry proclitics (و ف ب ل ك), the article and spelling variants (وبقانون قيصر is
    قانون قيصر).  Terms with no rendering for the language are skipped (see ``l10n glossary check``);
    do-not-translate terms are checked by ``glossary-dnt``.
    """
    source_terms = ctx.source_terms
    if not source_terms:
        return
    options = ctx.glossary.options
    index = ctx.rules.index
    lang = ctx.lang
    ignored = ctx.ignored_terms
    groups = ctx.shared.get("terms-by-id")
    if groups is None:  # a fact of the source: grouped once, for every language
        groups = ctx.shared["terms-by-id"] = _by_term(source_terms)
    for matches in groups:
        term = matches[0].term
        if term.is_dnt(lang) or (ignored and _ignored(ctx, "glossary-missing", term.id)):
            continue
        renderings = term.renderings(lang)
        if not renderings:
            continue
        if len(matches) > 1:  # every occurrence needs its rendering: count, as term_occurrences does
            have = len(target_find(term, lang, ctx.target_masked, options=options))
            missing = matches[have:]
        elif index is not None:
            missing = [] if index.renders(term, ctx.target_norm, ctx.target_low) else matches
        else:
            missing = [] if target_has(term, lang, ctx.target_masked, options=options) else matches
        if not missing:
            continue
        approved = " or ".join(_quote(r) for r in renderings[:3]) + (" …" if len(renderings) > 3 else "")
        if len(missing) == len(matches):  # none rendered: the term is missing
            message = f"“{matches[0].text}” must be translated as {approved}"
            yield _on_term(ctx, "glossary-missing", message, matches[0], in_source=True)
            missing = missing[1:]
        for match in missing if "glossary-repeat" in ctx.active else ():
            message = (
                f"“{match.text}” occurs {len(matches)} times in the source, its rendering "
                f"{len(matches) - len(missing)} times in the translation (approved: {approved})"
            )
            yield _on_term(ctx, "glossary-repeat", message, match, in_source=True)


def _by_term(terms: list[SourceMatch]) -> list[list[SourceMatch]]:
    """The source's term matches grouped by term, in order of first occurrence (the same in every language)."""
    by_term: dict[str, list[SourceMatch]] = {}
    for match in terms:
        by_term.setdefault(match.term.id, []).append(match)
    return list(by_term.values())


@check("glossary-repeat", "info", category="glossary")
def glossary_repeat(ctx: EntryContext) -> Iterator[Finding]:
    """A term the source uses several times is rendered fewer times in the translation.

    Term success is counted per occurrence (MT enforcement's summary counts the same way).  A human
    translator may legitimately refer back with a pronoun or «التنظيم» ("the group"), so this is
    information, not an error; it is reported by ``glossary-missing``'s pass over the entry.
    """
    return iter(())


@check("glossary-forbidden", "error", category="glossary")
def glossary_forbidden(ctx: EntryContext) -> Iterator[Finding]:
    """The translation uses a rendering the glossary forbids (an MT calque, an outdated name).

    Reported wherever it occurs, whatever the source says, except inside an approved rendering:
    bare «الدولة الإسلامية» is forbidden, «تنظيم الدولة الإسلامية» is fine.
    """
    if not ctx.glossary:
        return
    index = ctx.rules.index
    if index is not None and not index.may_have_forbidden(ctx.target_norm, ctx.target_low, ctx.glossary):
        return
    for hit in find_forbidden(ctx.glossary, ctx.lang, ctx.target_masked):
        term = hit.term
        if _ignored(ctx, "glossary-forbidden", term.id):
            continue
        approved = term.renderings(ctx.lang)
        use = f"; use {' or '.join(_quote(r) for r in approved[:3])}" if approved else ""
        message = f"{_quote(hit.text)} is a forbidden rendering of “{term.source}”{use}"
        yield _on_term(ctx, "glossary-forbidden", message, hit)


@functools.lru_cache(maxsize=4096)
def _literal(text: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(text)}(?!\w)")


@check("glossary-dnt", "error", category="glossary")
def glossary_dnt(ctx: EntryContext) -> Iterator[Finding]:
    """A do-not-translate term of the source is missing from the translation or was altered.

    The term must appear exactly as in the source (case included), as one of its English forms, or as
    one of its approved renderings for the language.
    """
    seen: set[str] = set()
    for match in ctx.source_terms:
        term = match.term
        if term.id in seen or not term.is_dnt(ctx.lang) or _ignored(ctx, "glossary-dnt", term.id):
            continue
        seen.add(term.id)
        candidates = dict.fromkeys((match.text, *term.forms, *term.renderings(ctx.lang)))
        if any(_literal(c).search(ctx.target_masked) for c in candidates):
            continue
        message = f"“{match.text}” is not to be translated: keep it as written"
        yield _on_term(ctx, "glossary-dnt", message, match, in_source=True)


@check("glossary-unexpected", "warning", category="glossary")
def glossary_unexpected(ctx: EntryContext) -> Iterator[Finding]:
    """The translation contains the approved rendering of a term the source does not mention.

    A sign the translation belongs to another sentence (entries shifted, MT misalignment) or added
    something.  Not reported when an English form of the term occurs in the source inside a longer
    word ("Syrian" for Syria).
    """
    if not ctx.glossary:
        return
    in_source = ctx.shared.get("term-ids")
    if in_source is None:  # a fact of the source: the same for every language
        in_source = ctx.shared["term-ids"] = {m.term.id for m in ctx.source_terms}

    ignored = ctx.ignored_terms
    in_words = ctx.shared.get("term-in-words")  # id(term) -> an English form inside a word of the source
    if in_words is None:
        in_words = ctx.shared["term-in-words"] = {}

    def excused(term: Term) -> bool:
        if ignored and _ignored(ctx, "glossary-unexpected", term.id):
            return True
        found = in_words.get(id(term))
        if found is None:  # a fact of the source and the term: looked for once, for every language
            source = ctx.source_masked
            found = in_words[id(term)] = any(
                _word_prefix(form, term.case_sensitive).search(source) for form in term.forms
            )
        return found

    index = ctx.rules.index
    if index is not None:
        hits = index.unexpected(ctx.target_masked, ctx.target_norm, ctx.target_low, in_source, excused)
    else:
        hits = [h for h in ctx.target_terms if h.term.id not in in_source and not excused(h.term)]
    reported: set[str] = set()
    for hit in hits:
        term = hit.term
        if term.id in reported:
            continue
        reported.add(term.id)
        message = f"{_quote(hit.text)} renders “{term.source}”, which the source does not mention"
        yield _on_term(ctx, "glossary-unexpected", message, hit)


@functools.lru_cache(maxsize=4096)
def _word_prefix(form: str, case_sensitive: bool) -> re.Pattern[str]:
    words = [re.escape(w) for w in re.split(r"[\s\-]+", form) if w]
    return re.compile(r"(?<!\w)" + r"[\s\-]+".join(words), 0 if case_sensitive else re.IGNORECASE)


_UNKNOWN_TAG = "l10n-mt-unknown:"  # written by l10n.translate.catalogs (UNKNOWN_TAG)


@functools.cache
def _heuristic():
    """The translate stage's English-left heuristic, imported on first use (checks never load MT at
    start-up) and then kept: an import statement per entry costs more than the check's usual work."""
    from l10n.translate.unknown import english_left, english_looking

    return english_left, english_looking


@check("english-left", "warning", category="glossary")
def english_left(ctx: EntryContext) -> Iterator[Finding]:
    """Words left in English in the translation.

    Two sources: the words the MT engine itself marked as unknown (Apertium's ``*vetting``, recorded by
    ``l10n translate`` in the translator comment ``l10n-mt-unknown:``), while they are still in the
    text; and, in Latin-script translations, source words copied verbatim that look English (see
    ``l10n.translate.unknown``: ``-ing``, ``th``, ``w``…; in Arabic script ``latin-in-rtl`` reports them).  Glossary terms and their renderings are never reported.
    """
    if not ctx.target:
        return
    words: list[str] = []
    for line in ctx.translator_comment.splitlines():
        if line.startswith(_UNKNOWN_TAG):
            words.extend(w.strip() for w in line[len(_UNKNOWN_TAG) :].split(",") if w.strip())
    language = ctx.rules.language
    # Arabic-script targets: latin-in-rtl reports Latin words already; a copy: copied-source does.
    if language is not None and language.script == "Latn" and ctx.target.strip() != ctx.source.strip():
        heuristic, english_looking = _heuristic()
        candidates = ctx.source_fact("english-looking", english_looking, masked=True)
        if candidates:
            words.extend(
                heuristic(ctx.source_masked, ctx.target_masked, language, ctx.glossary or None, candidates=candidates)
            )
    reported: set[str] = set()
    for word in words:
        if word.lower() in reported:
            continue
        m = re.search(rf"(?<![\w'’-]){re.escape(word)}(?![\w'’-])", ctx.target_masked, re.IGNORECASE)
        if m is None:
            continue
        reported.add(word.lower())
        yield ctx.finding("english-left", f"“{m.group()}” is left in English", span=m.span())
