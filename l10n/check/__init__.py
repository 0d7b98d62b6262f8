"""Stage 4 — QA: glossary consistency and translation checks over gettext catalogues.

The registry (:data:`REGISTRY`) holds one :class:`Check` per check id, filled in by
:mod:`l10n.check.checks` and :mod:`l10n.check.glossary_checks` (one small function each, with its id,
severity and user-facing docstring).  :func:`run_checks` applies the active checks to entry contexts;
:func:`check_catalogue` builds those contexts from a catalogue and :func:`check_catalogues` does a whole
run.  Reports (text, JSON, JUnit, SARIF) are in :mod:`l10n.check.report`.

Nothing here imports an MT engine: ``l10n check`` runs in CI with the base install only.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from l10n.check.base import (
    FUZZY,
    REGISTRY,
    SEVERITIES,
    TRANSLATED,
    UNTRANSLATED,
    Check,
    EntryContext,
    Finding,
    LangRules,
    check,
    severity_rank,
)
from l10n.check.po import Catalogue, PoEntry, load_catalogue, parse_catalogue
from l10n.errors import L10nError, UsageError

# isort: split
# Registration order is the order of --list-checks, reports and docs: glossary checks first.
from l10n.check import glossary_checks as _glossary_checks  # noqa: F401

# isort: split
from l10n.check import checks as _checks  # noqa: F401

# isort: split
from l10n.check import safety as _safety  # noqa: F401

if TYPE_CHECKING:
    from l10n.glossary import Glossary

__all__ = [
    "SEVERITIES",
    "REGISTRY",
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
    "entry_contexts",
    "check_catalogue",
    "check_catalogues",
    "parse_ignore",
    "Catalogue",
    "PoEntry",
    "load_catalogue",
    "parse_catalogue",
]

_SETTINGS_KEYS = {
    "disable",
    "severity",
    "fail_on",
    "include_fuzzy",
    "fail_on_untranslated",
    "fail_on_fuzzy",
    "allow_latin",
}


def _known(ids: Iterable[str], where: str) -> list[str]:
    out = []
    for raw in ids:
        cid = str(raw).strip()
        if cid not in REGISTRY:
            raise UsageError(f"{where}: unknown check {cid!r} (known: {', '.join(REGISTRY)})")
        out.append(cid)
    return out


@dataclass(frozen=True)
class Settings:
    """What a run checks and how severe each check is: ``[tool.l10n.check]`` plus command-line options."""

    disabled: frozenset[str] = frozenset()
    severity: Mapping[str, str] = field(default_factory=dict)  # overrides of registry defaults
    include_fuzzy: bool = False
    fail_on: str = "error"
    allow_latin: tuple[str, ...] = ()

    @classmethod
    def from_config(
        cls,
        table: Mapping[str, Any] | None = None,
        *,
        disable: Sequence[str] = (),
        only: Sequence[str] = (),
        include_fuzzy: bool | None = None,
        fail_on: str | None = None,
    ) -> Settings:
        """Validate ``[tool.l10n.check]`` (*table*) and merge the run's options into it."""
        table = dict(table or {})
        where = "[tool.l10n.check]"
        unknown = sorted(set(k.replace("-", "_") for k in table) - _SETTINGS_KEYS)
        if unknown:
            raise UsageError(
                f"{where}: unknown setting {unknown[0]!r} (known: {', '.join(sorted(_SETTINGS_KEYS))})"
            )
        table = {k.replace("-", "_"): v for k, v in table.items()}
        disabled = set(_known(_str_list(table.get("disable", []), f"{where} disable"), f"{where} disable"))
        severity: dict[str, str] = {}
        if table.get("fail_on_untranslated"):
            severity["untranslated"] = "error"
        if table.get("fail_on_fuzzy"):
            severity["fuzzy"] = "error"
        sev_table = table.get("severity", {})
        if not isinstance(sev_table, Mapping):
            raise UsageError(f'{where} severity must be a table such as {{numbers = "warning"}}')
        for cid, value in sev_table.items():
            _known([cid], f"{where} severity")
            value = str(value).lower()
            if value in ("off", "ignore", "none", "disable", "disabled"):
                disabled.add(cid)
            elif value in SEVERITIES:
                severity[cid] = value
            else:
                raise UsageError(f"{where} severity.{cid}: {value!r} is not one of error, warning, info, off")
        disabled.update(_known(disable, "--disable"))
        if only:
            wanted = set(_known(only, "--only"))
            disabled.update(set(REGISTRY) - wanted)
        fail = fail_on or str(table.get("fail_on", "error"))
        if fail not in (*SEVERITIES, "never"):
            raise UsageError(f"fail-on: {fail!r} is not one of error, warning, info, never")
        allow = tuple(_str_list(table.get("allow_latin", []), f"{where} allow_latin"))
        fuzzy = bool(table.get("include_fuzzy", False)) if include_fuzzy is None else include_fuzzy
        return cls(frozenset(disabled), severity, fuzzy, fail, allow)

    def severity_of(self, check_id: str) -> str:
        return self.severity.get(check_id) or REGISTRY[check_id].severity

    @property
    def active(self) -> list[Check]:
        return [c for c in REGISTRY.values() if c.id not in self.disabled]

    def fails(self, finding: Finding) -> bool:
        return severity_rank(finding.severity) >= severity_rank(self.fail_on)


def _str_list(value: Any, where: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple) or not all(isinstance(x, str) for x in value):
        raise UsageError(f"{where} must be a list of strings")
    return list(value)


# --------------------------------------------------------------------------- running checks (pure)


def run_checks(contexts: Iterable[EntryContext], settings: Settings | None = None) -> list[Finding]:
    """Findings of every active check on every context, in entry then registry order.

    A context says which checks are active for it (:attr:`EntryContext.active`); a check also only
    sees the entry states it declares, and fuzzy entries only under ``include_fuzzy``.
    """
    settings = settings or Settings()
    overrides = settings.severity
    out: list[Finding] = []
    checks = [c for c in REGISTRY.values() if c.id not in settings.disabled]
    plans: dict[tuple[frozenset[str], str, bool], list[Check]] = {}  # which checks run, per kind of entry
    for ctx in contexts:
        state = ctx.state
        key = (ctx.active, state, bool(ctx.target))
        plan = plans.get(key)
        if plan is None:
            plan = plans[key] = [
                chk
                for chk in checks
                if chk.id in ctx.active
                and state in chk.states
                and not (state == FUZZY and chk.id != "fuzzy" and not (settings.include_fuzzy and ctx.target))
            ]
        for chk in plan:
            for finding in chk.func(ctx):
                sev = overrides.get(finding.check_id)
                if sev and sev != finding.severity:
                    finding = replace(finding, severity=sev)
                out.append(finding)
    return out


_IGNORE_COMMENT = re.compile(r"l10n-ignore\s*:\s*([^\n]*)")
_SPLIT = re.compile(r"[,\s]+")


def parse_ignore(entry: PoEntry) -> tuple[frozenset[str], frozenset[str]]:
    """Check ids (and ``check:term`` pairs) an entry opts out of.

    Translator comment ``# l10n-ignore: numbers, urls`` (``all`` for every check), or flags
    ``#, l10n-ignore-numbers`` / ``#, l10n-ignore``.
    """
    ids: set[str] = set()
    pairs: set[str] = set()
    if "l10n-ignore" in entry.tcomment:
        for m in _IGNORE_COMMENT.finditer(entry.tcomment):
            for item in _SPLIT.split(m.group(1).strip()):
                if not item:
                    continue
                if ":" in item:
                    pairs.add(item)
                else:
                    ids.add(item)
    for flag in entry.flags:
        if flag == "l10n-ignore":
            ids.add("all")
        elif flag.startswith("l10n-ignore-"):
            ids.add(flag[len("l10n-ignore-") :])
    if "all" in ids or "*" in ids:
        ids = set(REGISTRY)
    return frozenset(ids), frozenset(pairs)


def lang_rules(code: str, glossary: Glossary | None, allow_latin: Sequence[str] = ()) -> LangRules:
    """Per-language facts and patterns for a run (RTL, script letters, allowed Latin phrases)."""
    from l10n.check.glossary_index import build_index
    from l10n.check.text import LATIN_WORD_RE, script_pattern
    from l10n.lang import get_language

    language = get_language(code)
    index = build_index(glossary, language.code) if glossary else None
    if not language.rtl:
        return LangRules(language.code, False, None, None, language, index)
    phrases: set[str] = {p for p in allow_latin if p.strip()}
    for term in glossary or ():
        if term.is_dnt(language.code):
            phrases.update(term.forms)
            phrases.update(term.renderings(language.code))
        else:
            phrases.update(r for r in term.renderings(language.code) if LATIN_WORD_RE.search(r))
    allowed = None
    if phrases:
        alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
        allowed = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
    return LangRules(language.code, True, script_pattern(language.code), allowed, language, index)


_KIND = re.compile(r"^type:\s*(.+)$", re.MULTILINE)


def entry_contexts(
    catalogue: Catalogue,
    rules: LangRules,
    glossary: Glossary,
    settings: Settings,
    *,
    display_path: str | None = None,
    lines: set[int] | None = None,
    source_cache: dict[tuple, dict[str, Any]] | None = None,
) -> Iterator[EntryContext]:
    """One context per entry (per plural form) of *catalogue*; only entries starting on *lines* if given.

    *source_cache* shares source-side facts between catalogues of the same article in other languages.
    """
    path = display_path or catalogue.path
    cache = source_cache if source_cache is not None else {}
    base_active = frozenset(c.id for c in settings.active)
    for entry in catalogue.entries:
        if lines is not None and entry.line not in lines:
            continue
        active = base_active
        ignored_terms: frozenset[str] = frozenset()
        if entry.flags or "l10n-ignore" in entry.tcomment:
            ids, ignored_terms = parse_ignore(entry)
            active = active - ids
        state = UNTRANSLATED if not entry.translated else (FUZZY if entry.fuzzy else TRANSLATED)
        if entry.fuzzy and not entry.translated:
            state = FUZZY
        kind = ""
        if entry.comment:
            km = _KIND.search(entry.comment)
            kind = km.group(1).strip() if km else ""
        if entry.msgid_plural is None:
            forms = [(entry.msgid, entry.msgstr)]
        else:
            forms = [
                (entry.msgid if i == 0 else entry.msgid_plural, s) for i, s in enumerate(entry.msgstr_plural)
            ]
            forms = forms or [(entry.msgid, "")]
        for form, (source, target) in enumerate(forms):
            shared = cache.get((entry.msgctxt, source, form))
            if shared is None:
                shared = cache[(entry.msgctxt, source, form)] = {}
            yield EntryContext(
                path=path,
                line=entry.line,
                lang=rules.code,
                rules=rules,
                source=source,
                target=target,
                state=state,
                glossary=glossary,
                msgid=entry.msgid,
                msgctxt=entry.msgctxt,
                kind=kind,
                active=active,
                ignored_terms=ignored_terms,
                shared=shared,
            )
            if state == UNTRANSLATED:
                break  # one "untranslated" finding per entry, not per plural form


@dataclass
class CatalogueResult:
    path: str  # as displayed (relative to the project root)
    lang: str
    total: int = 0
    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    checked: int = 0  # entries looked at (all, or those a --changed-since diff touched)
    findings: list[Finding] = field(default_factory=list)


def check_catalogue(
    catalogue: Catalogue,
    rules: LangRules,
    glossary: Glossary,
    settings: Settings,
    *,
    display_path: str | None = None,
    lines: set[int] | None = None,
    source_cache: dict[tuple, dict[str, Any]] | None = None,
) -> CatalogueResult:
    """Check one catalogue; *lines* restricts the run to entries whose first line is in it."""
    result = CatalogueResult(display_path or catalogue.path, rules.code)
    for entry in catalogue.entries:
        result.total += 1
        if not entry.translated and not entry.fuzzy:
            result.untranslated += 1
        elif entry.fuzzy:
            result.fuzzy += 1
        else:
            result.translated += 1
        if lines is None or entry.line in lines:
            result.checked += 1
    contexts = entry_contexts(
        catalogue,
        rules,
        glossary,
        settings,
        display_path=display_path,
        lines=lines,
        source_cache=source_cache,
    )
    result.findings = run_checks(contexts, settings)
    return result


@dataclass
class CheckResult:
    catalogues: list[CatalogueResult]
    settings: Settings

    @property
    def findings(self) -> list[Finding]:
        return [f for c in self.catalogues for f in c.findings]

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(SEVERITIES, 0)
        for f in self.findings:
            out[f.severity] += 1
        return out

    @property
    def failed(self) -> bool:
        return any(self.settings.fails(f) for f in self.findings)

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0


def check_catalogues(
    items: Sequence[tuple[str, str, str]],
    glossary: Glossary,
    settings: Settings,
    *,
    changed: Mapping[str, set[int] | None] | None = None,
    jobs: int = 1,
) -> CheckResult:
    """Check the catalogues *items* = ``[(path, display_path, lang_code), …]``.

    *changed* (``--changed-since``) maps a display path to the set of changed line numbers, or None
    for "the whole file"; catalogues absent from it are skipped.  Catalogues of the same article are
    checked one after the other so the source side of each msgid is analysed once for all languages.
    With *jobs* > 1 articles are spread over that many worker processes.
    """
    if changed is not None:
        items = [it for it in items if it[1] in changed]
    groups: dict[str, list[tuple[int, tuple[str, str, str]]]] = {}
    for order, item in enumerate(items):
        groups.setdefault(os.path.basename(item[0]), []).append((order, item))
    batches = list(groups.values())
    results: list[tuple[int, CatalogueResult]] = []
    if jobs > 1 and len(batches) > 1:
        results = _parallel(batches, glossary, settings, changed, jobs)
    else:
        runner = _Runner(glossary, settings, changed)
        for batch in batches:
            results.extend(runner.batch(batch))
    results.sort(key=lambda r: r[0])
    return CheckResult([r for _, r in results], settings)


class _Runner:
    """Checks batches of catalogues (one article in every language) with per-language rules cached."""

    def __init__(self, glossary: Glossary, settings: Settings, changed: Mapping[str, set[int] | None] | None):
        self.glossary, self.settings, self.changed = glossary, settings, changed
        self.rules: dict[str, LangRules] = {}

    def batch(self, batch: list[tuple[int, tuple[str, str, str]]]) -> list[tuple[int, CatalogueResult]]:
        from l10n.check.gitdiff import entry_lines

        source_cache: dict[tuple, dict[str, Any]] = {}
        out = []
        for order, (path, display, code) in batch:
            catalogue = load_catalogue(path)
            lines = None
            if self.changed is not None and self.changed.get(display) is not None:
                lines = entry_lines(catalogue, self.changed[display])  # type: ignore[arg-type]
            code = code or catalogue.language
            if not code:
                raise UsageError(
                    f"{display}: cannot tell its language (no Language header, not under locale/<lang>/)"
                )
            rules = self.rules.get(code)
            if rules is None:
                rules = self.rules[code] = lang_rules(code, self.glossary, self.settings.allow_latin)
            result = check_catalogue(
                catalogue, rules, self.glossary, self.settings,
                display_path=display, lines=lines, source_cache=source_cache,
            )  # fmt: skip
            out.append((order, result))
        return out


_WORKER: _Runner | None = None


def _init_worker(glossary: Glossary, settings: Settings, changed) -> None:
    global _WORKER
    _WORKER = _Runner(glossary, settings, changed)


def _work(batches: list[list[tuple[int, tuple[str, str, str]]]]):
    assert _WORKER is not None
    out = []
    for batch in batches:
        try:
            out.extend(_WORKER.batch(batch))
        except L10nError as exc:  # re-raised in the parent as the same one-line error
            return exc
    return out


def _parallel(batches, glossary: Glossary, settings: Settings, changed, jobs: int):
    """Run batches in *jobs* forked workers, a few dozen articles per task to keep pickling cheap."""
    import multiprocessing

    ctx = multiprocessing.get_context(
        "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    )
    size = max(1, min(50, len(batches) // (jobs * 4) or 1))
    chunks = [batches[i : i + size] for i in range(0, len(batches), size)]
    results: list[tuple[int, CatalogueResult]] = []
    with ctx.Pool(jobs, initializer=_init_worker, initargs=(glossary, settings, changed)) as pool:
        for part in pool.imap_unordered(_work, chunks):
            if isinstance(part, L10nError):
                pool.terminate()
                raise part
            results.extend(part)
    return results
