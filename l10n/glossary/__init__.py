"""Terminology glossary: the concepts a translation must render in an approved way.

* :mod:`.model` — :class:`Term`, :class:`Glossary` and the match/problem records (no I/O);
* :mod:`.csvio` / :mod:`.tbx` — the CSV file format and TBX-Basic, as text <-> model;
* :mod:`.files` — reading files and directories (the project's glossary: :mod:`l10n.project.glossary`);
* :mod:`.match` — English source side (:func:`find_terms`);
* :mod:`.target` and :mod:`.arabic` — target side, Arabic clitics and orthography included;
Consistency checks of the glossary itself (``l10n glossary check``) are checks like the others:
:mod:`l10n.check.glossary_file`.

Importing this package is cheap (stdlib only): Babel is loaded only to validate language columns.
"""

from __future__ import annotations

from l10n.glossary.arabic import normalize_arabic
from l10n.glossary.csvio import dump_csv, parse_csv
from l10n.glossary.files import load_glossary, load_glossary_dir
from l10n.glossary.match import find_terms
from l10n.glossary.model import Glossary, MatchOptions, Problem, SourceMatch, TargetMatch, Term
from l10n.glossary.target import (
    find_forbidden,
    find_target_terms,
    normalize_target,
    target_find,
    target_has,
    term_occurrences,
)
from l10n.glossary.tbx import export_tbx, import_tbx

__all__ = [
    "Glossary",
    "Term",
    "MatchOptions",
    "SourceMatch",
    "TargetMatch",
    "Problem",
    "load_glossary",
    "load_glossary_dir",
    "parse_csv",
    "dump_csv",
    "find_terms",
    "target_has",
    "target_find",
    "term_occurrences",
    "find_forbidden",
    "find_target_terms",
    "normalize_arabic",
    "normalize_target",
    "export_tbx",
    "import_tbx",
]
