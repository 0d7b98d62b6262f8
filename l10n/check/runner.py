"""Running the checks: over entry contexts (pure), one catalogue, and a whole selection of catalogues.

One pass per entry feeds every active check; a check whose trigger characters are in neither the source
nor the translation is not called at all.  Catalogues of the same article are checked one after the other
so the source side of each msgid is analysed once for all languages; ``--jobs`` spreads articles over
processes (:mod:`l10n.check.parallel`) and ``--cache`` skips catalogues whose bytes, settings, glossary
and checker code were all seen before (:mod:`l10n.check.cache`).
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from l10n.catalog.po import Catalog as Catalogue  # the one PO model (issue 15): no second reader
from l10n.catalog.po import parse_po as parse_catalogue
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
)
from l10n.check.entries import SourceCache, entry_contexts, lang_rules
from l10n.check.settings import Settings
from l10n.errors import InputError, UsageError
from l10n.glossary.index import paused_gc

if TYPE_CHECKING:
    from l10n.check.cache import ResultCache
    from l10n.glossary import Glossary

__all__ = [
    "run_checks",
    "CatalogueResult",
    "CheckResult",
    "check_catalogue",
    "check_catalogues",
    "Runner",
]


def run_checks(contexts: Iterable[EntryContext], settings: Settings | None = None) -> list[Finding]:
    """Findings of every active check on every context, in entry then registry order.

    A context says which checks are active for it (:attr:`EntryContext.active`); a check also only
    sees the entry states it declares, and fuzzy entries only under ``include_fuzzy``.
    """
    settings = settings or Settings()
    overrides = settings.severity
    out: list[Finding] = []
    checks = [c for c in REGISTRY.values() if c.id not in settings.disabled]
    # Which checks run, per kind of entry: active ids, state, translated or not, RTL, glossary or not.
    plans: dict[tuple[frozenset[str], str, bool, bool, bool], _Plan] = {}
    rules = glossaries = None  # the last context's, whose facts are kept (a catalogue shares them)
    rtl = glossary = False
    for ctx in contexts:
        state = ctx.state
        if ctx.rules is not rules or ctx.glossary is not glossaries:
            rules, glossaries = ctx.rules, ctx.glossary
            rtl, glossary = rules.rtl, bool(glossaries)
        key = (ctx.active, state, bool(ctx.target), rtl, glossary)
        plan = plans.get(key)
        if plan is None:
            plan = plans[key] = _plan(
                tuple(
                    chk
                    for chk in checks
                    if chk.id in ctx.active
                    and state in chk.states
                    and not (
                        state == FUZZY and chk.id != "fuzzy" and not (settings.include_fuzzy and ctx.target)
                    )
                    and (rtl or not chk.rtl_only)
                    and (glossary or chk.category != "glossary")
                )
            )
        called = 0  # which of the plan's triggered checks this entry's characters call (bits)
        find = plan.find
        if find is not None:
            # The source's trigger classes are the same in every language: worked out once per msgid.
            source_classes = ctx.shared.get(plan)
            if source_classes is None:
                source_classes = ctx.shared[plan] = frozenset("".join(find(ctx.source)).translate(plan.classes))
            found = find(ctx.target)
            classes = source_classes.union("".join(found).translate(plan.classes)) if found else source_classes
            if classes:
                called = plan.runs.get(classes)
                if called is None:
                    called = plan.runs[classes] = plan.select(classes)
        if not overrides:
            plan.run(ctx, out, called)
            continue
        start = len(out)
        plan.run(ctx, out, called)
        for i in range(start, len(out)):
            sev = overrides.get(out[i].check_id)
            if sev and sev != out[i].severity:
                out[i] = out[i]._replace(severity=sev)
    return out


@functools.lru_cache(maxsize=256)
def _plan(checks: tuple[Check, ...]) -> _Plan:
    """Plans are shared by every catalogue of a run (and runs): building one compiles a regular expression."""
    return _Plan(checks)


class _Plan:
    """The checks planned for one kind of entry, and which of them an entry's characters call.

    A check with a :attr:`~l10n.check.base.Check.trigger` is called only when the source or the
    translation has one of its characters.  The entry's trigger characters are found with one
    regular-expression pass and folded into classes (characters that call the same checks), so that
    the checks to call are looked up (as bits), not worked out, for all but the first entry of each
    kind; they are called through the plan's one compiled function (:func:`_compile`), which also
    tests each check's gate.
    """

    __slots__ = ("checks", "run", "find", "classes", "runs", "_masks")

    def __init__(self, checks: Iterable[Check]) -> None:
        self.checks = list(checks)
        self.run = _compile(tuple(self.checks))
        self.runs: dict[frozenset[str], int] = {}
        chars: dict[str, int] = {}  # trigger character -> bit mask of the checks it calls
        for bit, chk in enumerate(self.checks):
            for ch in chk.trigger or ():
                chars[ch] = chars.get(ch, 0) | 1 << bit
        self.find = None
        self.classes: dict[int, str] = {}
        self._masks: list[int] = []
        if chars:
            self.find = re.compile("[" + "".join(map(re.escape, sorted(chars))) + "]").findall
            masks = sorted(set(chars.values()))
            self.classes = {ord(ch): chr(0xE000 + masks.index(mask)) for ch, mask in chars.items()}
            self._masks = masks

    def select(self, classes: frozenset[str]) -> int:
        """The bits of the triggered checks an entry whose trigger characters fall in *classes* calls."""
        called = 0
        for c in classes:
            called |= self._masks[ord(c) - 0xE000]
        return called


def _compile(checks: tuple[Check, ...]) -> Callable[[EntryContext, list[Finding], int], None]:
    """One function that calls *checks* in order on a context, appending their findings to a list.

    A check with a trigger is called only if its bit is set in ``called`` (see :class:`_Plan`); each
    check's :attr:`~l10n.check.base.Check.gate` (an expression over the source ``s`` and the
    translation ``t``) is tested inline, so a check that cannot find anything costs a comparison, not
    a call: most entries end like their source, have no edge spaces and are no copy of it.  The
    same way dataclasses writes ``__init__``: source text, compiled once per plan.
    """
    names: dict[str, Any] = {}
    lines = ["def run(ctx, out, called):", "    s, t, extend = ctx.source, ctx.target, out.extend"]
    for i, chk in enumerate(checks):
        names[f"check_{i}"] = chk.func
        tests = ([f"called & {1 << i}"] if chk.trigger is not None else []) + ([f"({chk.gate})"] if chk.gate else [])
        call = f"extend(check_{i}(ctx))  # {chk.id}"
        lines.append(f"    if {' and '.join(tests)}:\n        {call}" if tests else f"    {call}")
    code = compile("\n".join(lines) + "\n", f"<l10n checks: {', '.join(c.id for c in checks)}>", "exec")
    exec(code, names)  # noqa: S102 - the registry's own gate expressions, not input
    return names["run"]


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
    catalogue: Catalogue, rules: LangRules, glossary: Glossary, settings: Settings, *,
    display_path: str | None = None, lines: set[int] | None = None, source_cache: SourceCache | None = None,
) -> CatalogueResult:  # fmt: skip
    """Check one catalogue: its counts, and the findings of every active check on its
    :func:`~l10n.check.entries.entry_contexts` (same arguments); *lines* restricts the run to entries
    whose first line is in it."""
    result = CatalogueResult(display_path or catalogue.path, rules.code)
    tally = dict.fromkeys((TRANSLATED, FUZZY, UNTRANSLATED, "checked"), 0)
    contexts = entry_contexts(
        catalogue, rules, glossary, settings,
        display_path=display_path, lines=lines, source_cache=source_cache, tally=tally,
    )  # fmt: skip
    findings = run_checks(contexts, settings)
    result.translated, result.fuzzy, result.untranslated = tally[TRANSLATED], tally[FUZZY], tally[UNTRANSLATED]
    result.total = result.translated + result.fuzzy + result.untranslated
    result.checked = tally["checked"]
    if rules.note and "unknown-language" not in settings.disabled:
        sev = settings.severity_of("unknown-language")
        first = Finding("unknown-language", sev, result.path, 1, "", "", rules.note, lang=rules.code)
        findings.insert(0, first)
    result.findings = findings
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
        # Settings.fails judges a finding by its severity alone: one finding of each severity decides
        # (not one call per finding: 65,000 on Django's and Sphinx's catalogues, asked three times).
        one_each = {f.severity: f for c in self.catalogues for f in c.findings}
        return any(self.settings.fails(f) for f in one_each.values())

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0


Item = tuple[str, str, str]  # (path, display path, language code or '')


def check_catalogues(
    items: Sequence[Item],
    glossary: Glossary,
    settings: Settings,
    *,
    changed: Mapping[str, set[int] | None] | None = None,
    jobs: int = 1,
    cache: ResultCache | None = None,
    article_of: Callable[[str], str] = os.path.basename,
) -> CheckResult:
    """Check the catalogues *items* = ``[(path, display_path, lang_code), …]``.

    *changed* (``--changed-since``) maps a display path to the set of changed line numbers, or None
    for "the whole file"; catalogues absent from it are skipped.  Catalogues of the same article are
    checked one after the other so the source side of each msgid is analysed once for all languages;
    *article_of* says which article a catalogue's path is (the project layer knows the layout; by
    default, its file name).  With *jobs* > 1 articles are spread over that many worker processes.
    """
    if changed is not None:
        items = [it for it in items if it[1] in changed]
    groups: dict[str, list[tuple[int, Item]]] = {}
    for order, item in enumerate(items):
        groups.setdefault(article_of(item[0]), []).append((order, item))
    batches = list(groups.values())
    results: list[tuple[int, CatalogueResult]] = []
    if jobs > 1 and len(batches) > 1:
        from l10n.check.parallel import run_parallel

        results = run_parallel(batches, glossary, settings, changed, jobs, cache)
    else:
        runner = Runner(glossary, settings, changed, cache)
        with paused_gc():  # results hold no cycles; collections would walk all kept so far
            for batch in batches:
                results.extend(runner.batch(batch))
    results.sort(key=lambda r: r[0])
    return CheckResult([r for _, r in results], settings)


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such catalogue (run 'l10n update' first)") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from exc


class Runner:
    """Checks batches of catalogues (one article in every language) with per-language rules cached."""

    def __init__(
        self,
        glossary: Glossary,
        settings: Settings,
        changed: Mapping[str, set[int] | None] | None,
        cache: ResultCache | None = None,
    ):
        self.glossary, self.settings, self.changed, self.cache = glossary, settings, changed, cache
        self.rules: dict[str, LangRules] = {}

    def batch(self, batch: list[tuple[int, Item]]) -> list[tuple[int, CatalogueResult]]:
        from l10n.check.gitdiff import entry_lines

        source_cache: SourceCache = {}
        out = []
        for order, (path, display, code) in batch:
            data = _read(path)
            want_lines = self.changed.get(display) if self.changed is not None else None
            key = None
            if self.cache is not None:
                key = self.cache.key(data, display, code, want_lines, self.settings, self.glossary)
                hit = self.cache.get(key)
                if hit is not None:
                    out.append((order, hit))
                    continue
            catalogue = parse_catalogue(data, path, keep_layout=False)  # looked at, never written
            lines = entry_lines(catalogue, want_lines) if want_lines is not None else None
            code = code or catalogue.language
            if not code:
                raise UsageError(
                    f"{display}: cannot tell its language (no Language header, not under locale/<lang>/); "
                    "give it with --lang"
                )
            rules = self.rules.get(code)
            if rules is None:
                s = self.settings
                rules = self.rules[code] = lang_rules(code, self.glossary, s.allow_latin, s.accelerators)
            result = check_catalogue(
                catalogue, rules, self.glossary, self.settings,
                display_path=display, lines=lines, source_cache=source_cache,
            )  # fmt: skip
            if self.cache is not None and key is not None:
                self.cache.put(key, result)
            out.append((order, result))
        return out
