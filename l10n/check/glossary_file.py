"""Checks of the glossary itself (``l10n glossary check``): one small function per check.

They are declared with the check registry's own decorator and type (:func:`l10n.check.base.check`,
:class:`l10n.check.base.Check`: id, severity, docstring as the user-facing description, in the manner of
translate-toolkit's ``filters/checks.py``) into their own table, :data:`CHECKS`, because they judge a
glossary rather than a catalogue entry.  Errors make ``l10n glossary check`` exit 1: they are glossaries
that would make matching ambiguous or QA wrong.  Warnings are gaps.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from l10n.check.base import Check, check
from l10n.glossary.csvio import KNOWN_TYPES
from l10n.glossary.model import Glossary, Problem, Term
from l10n.glossary.target import normalize_target

__all__ = ["Check", "CHECKS", "validate"]

_Finding = tuple[Term, str]


#: id -> Check: the glossary's checks, in registration (= documentation) order.
CHECKS: dict[str, Check] = {}
_check = functools.partial(check, category="glossary", registry=CHECKS)


def validate(glossary: Glossary) -> list[Problem]:
    """Every problem of every registered check, sorted by file, line and code."""
    problems = [
        Problem(term.path or "<glossary>", term.line, rule.severity, rule.id, message)
        for rule in CHECKS.values()
        for term, message in rule.func(glossary)  # type: ignore[arg-type,misc]
    ]
    return sorted(problems, key=lambda p: (p.path, p.line, p.severity != "error", p.code, p.message))


def _source_key(form: str) -> str:
    return " ".join(re.split(r"[\s\-\u2010\u2011]+", form.casefold())).strip()


def _target_key(text: str, lang: str, glossary: Glossary) -> str:
    return " ".join(normalize_target(text, lang, glossary.options)[0].casefold().split())


@_check("missing-id", "error")
def _missing_id(glossary: Glossary) -> Iterator[_Finding]:
    """Every row needs an id: it names the concept in TBX, in reports and in MT placeholders."""
    for term in glossary:
        if not term.id:
            yield term, f"term {term.source!r} has no id"


@_check("missing-source", "error")
def _missing_source(glossary: Glossary) -> Iterator[_Finding]:
    """Every row needs its preferred English form (column en)."""
    for term in glossary:
        if not term.source:
            yield term, f"term {term.id!r} has no English form (column en)"


@_check("duplicate-id", "error")
def _duplicate_id(glossary: Glossary) -> Iterator[_Finding]:
    """Two rows with the same id."""
    first: dict[str, Term] = {}
    for term in glossary:
        if not term.id:
            continue
        if term.id in first:
            yield term, f"id {term.id!r} is already used at {first[term.id].where}"
        else:
            first[term.id] = term


def _form_clashes(glossary: Glossary) -> Iterator[tuple[Term, str, bool, Term, str, bool]]:
    seen: dict[str, list[tuple[Term, str, bool]]] = {}
    for term in glossary:
        for i, form in enumerate(term.forms):
            key = _source_key(form)
            if not key:
                continue
            for other, other_form, other_variant in seen.get(key, ()):
                if other is term:
                    continue
                if term.case_sensitive and other.case_sensitive and form != other_form:
                    continue  # "IS" and "Is" can coexist when both are case-sensitive
                yield term, form, i > 0, other, other_form, other_variant
            seen.setdefault(key, []).append((term, form, i > 0))


@_check("duplicate-term", "error")
def _duplicate_term(glossary: Glossary) -> Iterator[_Finding]:
    """The same preferred English term in two rows: one concept must have one row."""
    for term, form, variant, other, _other_form, other_variant in _form_clashes(glossary):
        if not variant and not other_variant:
            yield term, f"term {form!r} is already defined at {other.where} (id {other.id!r})"


@_check("variant-conflict", "error")
def _variant_conflict(glossary: Glossary) -> Iterator[_Finding]:
    """An English variant of one concept is another concept's term or variant: which one is meant?"""
    for term, form, variant, other, _other_form, other_variant in _form_clashes(glossary):
        if variant or other_variant:
            what = "variant" if variant else "term"
            where = "a variant of" if other_variant else "the term of"
            yield term, f"{what} {form!r} is also {where} {other.id!r} at {other.where}"


@_check("missing-translation", "warning")
def _missing_translation(glossary: Glossary) -> Iterator[_Finding]:
    """A language other rows fill is empty here (do-not-translate terms are exempt)."""
    filled = [lang for lang in glossary.languages if any(t.translations.get(lang) for t in glossary)]
    for term in glossary:
        missing = [lang for lang in filled if not term.renderings(lang)]
        if missing:
            yield term, f"term {term.source!r} has no rendering for {', '.join(missing)}"


@_check("forbidden-conflict", "error")
def _forbidden_conflict(glossary: Glossary) -> Iterator[_Finding]:
    """A forbidden rendering equals an approved rendering (of this or another concept)."""
    for lang in glossary.languages:
        approved: dict[str, Term] = {}
        for term in glossary:
            for rendering in term.renderings(lang):
                approved.setdefault(_target_key(rendering, lang, glossary), term)
        for term in glossary:
            for bad in term.forbidden_in(lang):
                other = approved.get(_target_key(bad, lang, glossary))
                if other is None:
                    continue
                owner = "this term" if other is term else f"{other.id!r} at {other.where}"
                yield term, f"forbidden {lang} rendering {bad!r} is an approved rendering of {owner}"


@_check("dnt-mismatch", "error")
def _dnt_mismatch(glossary: Glossary) -> Iterator[_Finding]:
    """A do-not-translate term whose rendering is not one of its English forms."""
    for term in glossary:
        if not term.dnt:
            continue
        for lang, renderings in term.translations.items():
            if not term.is_dnt(lang):
                continue
            for rendering in renderings:
                if rendering not in term.forms:
                    yield (
                        term,
                        (
                            f"do-not-translate term {term.source!r} has {lang} rendering {rendering!r}; "
                            f"use the English form or limit dnt to other languages (dnt = fr|es …)"
                        ),
                    )


@_check("shared-rendering", "warning")
def _shared_rendering(glossary: Glossary) -> Iterator[_Finding]:
    """Two concepts with the same approved rendering: the target side cannot tell them apart."""
    for lang in glossary.languages:
        owner: dict[str, Term] = {}
        for term in glossary:
            for rendering in term.translations.get(lang, ()):
                key = _target_key(rendering, lang, glossary)
                other = owner.setdefault(key, term)
                if other is not term:
                    yield (
                        term,
                        f"{lang} rendering {rendering!r} is also used by {other.id!r} at {other.where}",
                    )


@_check("line-break", "error")
def _line_break(glossary: Glossary) -> Iterator[_Finding]:
    """A term or rendering spans lines (usually a stray newline in a spreadsheet cell)."""
    for term in glossary:
        values = [*term.forms, *(r for rs in term.translations.values() for r in rs)]
        values += [r for rs in term.forbidden.values() for r in rs]
        for value in values:
            if "\n" in value or "\r" in value:
                yield term, f"{value!r} contains a line break"


@_check("unknown-type", "warning")
def _unknown_type(glossary: Glossary) -> Iterator[_Finding]:
    """The type is not one of organisation, person, place, law, term, publication, event, title, other."""
    for term in glossary:
        if term.type and term.type not in KNOWN_TYPES:
            yield term, f"unknown type {term.type!r} (expected one of {', '.join(sorted(KNOWN_TYPES))})"
