"""The vocabulary of ``l10n check``: severities, findings, the context a check sees, the registry.

A check is a small pure function ``(EntryContext) -> Iterable[Finding]`` registered with
:func:`check`, which records its id, default severity and docstring (the user-facing description,
shown by ``l10n check --list-checks`` and in SARIF rules), the same shape as translate-toolkit's
``filters/checks.py``.  Everything a check needs that is expensive to compute (glossary matches,
masked text) is a cached property of the context, computed at most once per entry whichever checks ask.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from l10n.check.text import mask as _mask

if TYPE_CHECKING:
    from l10n.check.glossary_index import GlossaryIndex
    from l10n.glossary import Glossary, SourceMatch, TargetMatch, Term
    from l10n.lang import Language

__all__ = [
    "SEVERITIES",
    "severity_rank",
    "Finding",
    "Check",
    "REGISTRY",
    "check",
    "LangRules",
    "EntryContext",
    "TRANSLATED",
    "FUZZY",
    "UNTRANSLATED",
]

#: Most severe first.  ``info`` findings never fail a run unless ``--fail-on info``.
SEVERITIES = ("error", "warning", "info")
_RANK = {"error": 3, "warning": 2, "info": 1, "never": 99}

TRANSLATED, FUZZY, UNTRANSLATED = "translated", "fuzzy", "untranslated"


def severity_rank(severity: str) -> int:
    """Higher is more severe; ``never`` ranks above everything (nothing reaches it)."""
    return _RANK[severity]


class _lazy:
    """``functools.cached_property`` without its per-instance lock (3.11 takes one on every miss):
    contexts are built and dropped by the hundred thousand, never shared between threads."""

    def __init__(self, func: Callable[[Any], Any]) -> None:
        self.func, self.name = func, func.__name__
        self.__doc__ = func.__doc__

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.func(obj)
        return value


class Finding(NamedTuple):
    """One problem in one catalogue entry.

    ``span`` indexes :attr:`msgstr` (the text the translator must fix), ``source_span`` indexes
    :attr:`msgid`; either may be None.  ``term`` is the glossary concept involved, whose row
    (``term.path:term.line``) every report shows.  A named tuple: immutable, and built four times
    faster than a frozen dataclass (a run on Django's and Sphinx's catalogues builds 65,000).
    """

    check_id: str
    severity: str
    path: str
    line: int
    msgid: str
    msgstr: str
    message: str
    span: tuple[int, int] | None = None
    term: Term | None = None
    msgctxt: str | None = None
    lang: str = ""
    source_span: tuple[int, int] | None = None

    @property
    def term_where(self) -> str | None:
        """``glossary/terms.csv:5`` for glossary findings, else None."""
        if self.term is None:
            return None
        return f"{self.term.path or '<glossary>'}:{self.term.line}"

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Check:
    """A registered check: what ``--list-checks``, the config and the reports know about it."""

    id: str
    severity: str
    func: Callable[[EntryContext], Iterable[Finding]]
    description: str
    #: Entry states the check looks at (fuzzy ones only under ``--include-fuzzy`` unless listed alone).
    states: frozenset[str] = frozenset({TRANSLATED, FUZZY})
    category: str = "translation"
    #: Characters without which the check cannot find anything: when none of them is in the source or
    #: the translation, the runner does not call the check at all (None: always called).
    trigger: frozenset[str] | None = None
    #: Only meaningful for right-to-left languages (not planned for the others at all).
    rtl_only: bool = False
    #: A cheap Python expression over the entry's source ``s`` and translation ``t`` that is true
    #: whenever the check can find something; where it is false the runner does not call the check
    #: (None: always called).  It repeats the check's own first test, which stays in the check.
    gate: str | None = None

    @property
    def summary(self) -> str:
        """First sentence of the description (SARIF ``shortDescription``)."""
        first = self.description.split("\n\n", 1)[0]
        return " ".join(first.split())


#: id -> Check, in registration (= documentation) order.
REGISTRY: dict[str, Check] = {}


def check(
    check_id: str,
    severity: str,
    *,
    states: Iterable[str] = (TRANSLATED, FUZZY),
    category: str = "translation",
    trigger: Iterable[str] | None = None,
    rtl_only: bool = False,
    gate: str | None = None,
    registry: dict[str, Check] | None = None,
) -> Callable[[Callable[[EntryContext], Iterable[Finding]]], Callable[[EntryContext], Iterable[Finding]]]:
    """Register the decorated function as check *check_id* with default *severity* (in *registry*,
    default :data:`REGISTRY`; the glossary's own checks have theirs).

    *trigger* holds the characters the source or the translation must contain for the check to be worth
    calling (the runner builds each entry's character set once and tests every check's trigger against
    it); *rtl_only* checks are not planned for left-to-right languages; *gate* is an expression over
    the source ``s`` and the translation ``t``, false only where the check cannot find anything
    (tests/test_check_runner.py runs every check on every entry of real catalogues, gates and
    triggers off, and compares).
    """
    table = REGISTRY if registry is None else registry
    if severity not in SEVERITIES:
        raise ValueError(f"bad severity {severity!r}")

    def register(func: Callable[[EntryContext], Iterable[Finding]]):
        if check_id in table:
            raise ValueError(f"duplicate check id {check_id!r}")
        doc = " ".join((func.__doc__ or "").split("\n\n", 1)[0].split())
        rest = (func.__doc__ or "").split("\n\n", 1)[1:]
        description = doc + ("\n\n" + _dedent(rest[0]) if rest else "")
        description = description.replace("``", "")
        pattern = frozenset(trigger) if trigger is not None else None
        if gate is not None:
            compile(gate, f"<gate of {check_id}>", "eval")  # a syntax error shows at registration
        table[check_id] = Check(
            check_id, severity, func, description, frozenset(states), category, pattern, rtl_only, gate
        )
        return func

    return register


def _dedent(text: str) -> str:
    import textwrap

    return textwrap.dedent(text).strip()


@dataclass(frozen=True)
class LangRules:
    """Per-language facts and compiled patterns, built once per run and language."""

    code: str
    rtl: bool
    #: Letters of the language's own script (None for Latin-script languages: not checked).
    script: re.Pattern[str] | None
    #: Latin phrases allowed in an RTL target (glossary do-not-translate forms, Latin renderings,
    #: ``allow_latin``), as one alternation; None when there are none.
    allowed_latin: re.Pattern[str] | None
    language: Language | None = None
    #: Prefilter for the glossary's target matchers (None without a glossary).
    index: GlossaryIndex | None = None
    #: Why the language is only partly known ("'udm' is not a CLDR locale …"), '' when it is known.
    note: str = ""
    #: Accelerator markers of the project (``_``, ``&``).
    accelerators: tuple[str, ...] = ("_", "&")


@dataclass(eq=False)
class EntryContext:
    """One translation (a msgid and one msgstr) plus everything the checks need to judge it.

    Plural entries give one context per plural form: form 0 against ``msgid``, the others against
    ``msgid_plural``.
    """

    path: str
    line: int
    lang: str
    rules: LangRules
    source: str
    target: str
    state: str  # TRANSLATED | FUZZY | UNTRANSLATED
    glossary: Glossary
    msgid: str = ""
    msgctxt: str | None = None
    kind: str = ""  # block type from the extracted comment ("type: credit")
    #: Check ids active for this entry (after project, run and per-entry disabling).
    active: frozenset[str] = frozenset()
    #: ``check-id:term-id`` pairs ignored by the entry's ``l10n-ignore`` comment.
    ignored_terms: frozenset[str] = frozenset()
    #: The entry's translator comment (``#``): MT records the words it left in English there.
    translator_comment: str = ""
    #: Facts about the source shared by the contexts of the same msgid in every language's catalogue
    #: (the runner passes one dict per msgid, so the source side is analysed once, not once a language).
    shared: dict[str, Any] = field(default_factory=dict, repr=False)
    #: The entry's flags (``python-format``, ``c-format``, ``fuzzy``…): they say which placeholder
    #: syntax the program uses, so the placeholder checks read the strings as the program will.
    flags: tuple[str, ...] = ()
    #: Plural entries: the English plural (``msgid_plural``), this form's index, and the numbers
    #: (0…1000) whose count selects this form under the catalogue's plural rule (None: unknown).
    msgid_plural: str | None = None
    form: int | None = None
    form_numbers: frozenset[int] | None = None
    #: The catalogue was extracted from Markdown by l10n (``#. type: …`` comments): Markdown syntax is
    #: meaningful in it.  Other catalogues (Django's, Sphinx's) are plain program messages.
    markdown: bool = True

    # ---------------------------------------------------------------- building findings
    def finding(
        self,
        check_id: str,
        message: str,
        *,
        span: tuple[int, int] | None = None,
        term: Term | None = None,
        source_span: tuple[int, int] | None = None,
        severity: str | None = None,
    ) -> Finding:
        """A finding of *check_id* on this entry; *severity* overrides the check's default for
        findings that are weaker (or stronger) evidence than the check's usual ones."""
        return Finding(
            check_id, severity or REGISTRY[check_id].severity,
            # the entry (msgid: this form's source where the entry has none of its own)
            self.path, self.line, self.msgid or self.source, self.target, message,
            # what to underline in the translation, the glossary row to show, the entry's context
            span, term, self.msgctxt, self.lang,
            source_span,  # what to underline in the source
        )  # fmt: skip

    # ---------------------------------------------------------------- shared, computed once
    def source_fact(self, name: str, compute: Callable[[str], Any], *, masked: bool = False) -> Any:
        """``compute(source)`` (or of the masked source), computed once per msgid across languages."""
        try:
            return self.shared[name]
        except KeyError:
            value = self.shared[name] = compute(self.source_masked if masked else self.source)
            return value

    @property
    def program(self) -> bool:
        """A message of a program (it carries a ``*-format`` flag): its text is not Markdown."""
        return any(f.endswith("-format") for f in self.flags)

    @property
    def single_number(self) -> bool:
        """This plural form is chosen for exactly one count (Arabic zero/one/two, Hebrew's dual): its
        translation may say the number in words ("ملفان", "שעתיים") instead of the count placeholder."""
        return self.form_numbers is not None and len(self.form_numbers) == 1

    @_lazy
    def source_masked(self) -> str:
        """The source with URLs, e-mails, code spans, link targets and placeholders blanked out."""
        try:
            return self.shared["masked"]
        except KeyError:
            value = self.shared["masked"] = _mask(self.source)
            return value

    @_lazy
    def target_masked(self) -> str:
        return _mask(self.target)

    @_lazy
    def target_norm(self) -> str:
        """The masked target normalised as the glossary matchers see it (case kept)."""
        index = self.rules.index
        return index.normalize(self.target_masked) if index is not None else self.target_masked

    @_lazy
    def target_low(self) -> str:
        """:attr:`target_norm` lower-cased, where probes are looked up."""
        return self.target_norm.lower()

    @_lazy
    def source_terms(self) -> list[SourceMatch]:
        """Glossary terms in the source (outside URLs and code)."""
        if not self.glossary:
            return []
        try:
            return self.shared["terms"]
        except KeyError:
            from l10n.glossary import find_terms

            value = self.shared["terms"] = find_terms(self.glossary, self.source_masked)
            return value

    @_lazy
    def target_terms(self) -> list[TargetMatch]:
        """Approved renderings of any glossary term in the target (outside URLs and code)."""
        if not self.glossary:
            return []
        from l10n.glossary import find_target_terms

        return find_target_terms(self.glossary, self.lang, self.target_masked)
