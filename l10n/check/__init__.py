"""Stage 4 — QA: glossary consistency and translation checks over gettext catalogues.

The package reads in the order a run happens:

* :mod:`~l10n.check.base` — the vocabulary: severities, :class:`Finding`, the :class:`EntryContext` a
  check sees, and :data:`REGISTRY`, one :class:`Check` per id with its severity, trigger and docstring;
* the checks, one small function each: :mod:`~l10n.check.glossary_checks`, :mod:`~l10n.check.checks`
  (content and typography), :mod:`~l10n.check.program` (what programs need: placeholders by the
  entry's ``*-format`` flag, escapes, newlines, tags, accelerators — translate-toolkit's pofilter classes);
* :mod:`~l10n.check.settings` — profiles (``ci``, ``translator``, ``mt``), ``[tool.l10n.check]``, options;
* :mod:`~l10n.check.entries` — catalogue to contexts: languages, plural forms (:mod:`~l10n.check.plurals`);
* :mod:`~l10n.check.runner` — one pass per entry feeding every check; :mod:`~l10n.check.parallel`
  (``--jobs``) and :mod:`~l10n.check.cache` (``--cache``);
* :mod:`~l10n.check.report` — text, JSON, JUnit, SARIF.

Nothing here imports an MT engine: ``l10n check`` runs in CI with the base install only.
"""

from __future__ import annotations

from l10n.check.base import (
    REGISTRY,
    SEVERITIES,
    Check,
    EntryContext,
    Finding,
    LangRules,
    check,
    severity_rank,
)

# isort: split
# Registration order is the order of --list-checks, reports and docs: glossary checks first.
from l10n.check import glossary_checks as _glossary_checks  # noqa: F401

# isort: split
from l10n.check import checks as _checks  # noqa: F401

# isort: split
from l10n.check import program as _program  # noqa: F401

# isort: split
from l10n.check import safety as _safety  # noqa: F401

# isort: split
from l10n.catalog import load_po as load_catalogue  # the one PO model (issue 15): no second reader
from l10n.catalog.po import Catalog as Catalogue
from l10n.catalog.po import Message as PoEntry
from l10n.catalog.po import parse_po as parse_catalogue
from l10n.check.entries import entry_contexts, lang_rules, parse_ignore, resolve_language
from l10n.check.runner import CatalogueResult, CheckResult, check_catalogue, check_catalogues, run_checks
from l10n.check.settings import _SETTINGS_KEYS, PROFILES, Settings  # noqa: F401 (the config schema's test)

__all__ = [
    "SEVERITIES",
    "REGISTRY",
    "PROFILES",
    "Check",
    "check",
    "Finding",
    "EntryContext",
    "LangRules",
    "Settings",
    "CatalogueResult",
    "CheckResult",
    "severity_rank",
    "run_checks",
    "lang_rules",
    "resolve_language",
    "entry_contexts",
    "check_catalogue",
    "check_catalogues",
    "parse_ignore",
    "Catalogue",
    "PoEntry",
    "load_catalogue",
    "parse_catalogue",
]
