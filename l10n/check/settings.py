"""What a check run checks and how severe each check is: profiles, ``[tool.l10n.check]`` and options.

Severity is decided in layers, each overriding the one before: the registry's defaults, the profile
(``ci``, ``translator`` or ``mt``: one per use, as translate-toolkit has one checker per project kind),
the project's ``[tool.l10n.check]`` table, then the command line.  An unknown setting, check id,
severity or profile is a :class:`~l10n.errors.UsageError` (exit 2), so a typo cannot silently switch a
check off.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from l10n.check.base import REGISTRY, SEVERITIES, Check, Finding, severity_rank
from l10n.errors import UsageError

__all__ = ["Settings", "PROFILES", "Profile", "DEFAULT_ACCELERATORS", "ACCELERATOR_MARKERS"]

#: Accelerator (mnemonic) markers: GTK/GNOME ``_File``, Qt/KDE and Windows ``&File``, OpenOffice ``~File``.
ACCELERATOR_MARKERS = "_&~"
DEFAULT_ACCELERATORS = ("_", "&")


@dataclass(frozen=True)
class Profile:
    """Defaults for one use of ``l10n check``."""

    name: str
    description: str
    severity: Mapping[str, str] = field(default_factory=dict)
    disable: frozenset[str] = frozenset()
    include_fuzzy: bool = False


#: The uses ``--profile`` knows.  ``ci`` is the registry's defaults: only findings that are almost
#: always real fail a pull request.
PROFILES: dict[str, Profile] = {
    p.name: p
    for p in (
        Profile("ci", "gate pull requests: errors are almost always real problems (the default)"),
        Profile(
            "translator",
            "review your own work: also the weaker signals (Latin words left in RTL text, one-word "
            "copies of the source, fuzzy and untranslated entries) as warnings",
            severity={
                "latin-in-rtl": "warning",
                "copied-source": "warning",
                "fuzzy": "warning",
                "untranslated": "warning",
            },
            include_fuzzy=True,
        ),
        Profile(
            "mt",
            "review machine-translation drafts (fuzzy entries): English left in the output is an error, "
            "typography is information",
            severity={
                "copied-source": "error",
                "latin-in-rtl": "warning",
                "double-space": "info",
                "whitespace": "info",
                "end-punctuation": "info",
            },
            disable=frozenset({"fuzzy"}),
            include_fuzzy=True,
        ),
    )
}

_SETTINGS_KEYS = {
    "disable",
    "severity",
    "fail_on",
    "include_fuzzy",
    "fail_on_untranslated",
    "fail_on_fuzzy",
    "allow_latin",
    "accelerators",
    "profile",
}
_OFF = ("off", "ignore", "none", "disable", "disabled")


def _known(ids: Iterable[str], where: str) -> list[str]:
    out = []
    for raw in ids:
        cid = str(raw).strip()
        if cid not in REGISTRY:
            raise UsageError(f"{where}: unknown check {cid!r} (known: {', '.join(REGISTRY)})")
        out.append(cid)
    return out


def _str_list(value: Any, where: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple) or not all(isinstance(x, str) for x in value):
        raise UsageError(f"{where} must be a list of strings")
    return list(value)


@dataclass(frozen=True)
class Settings:
    """What a run checks and how severe each check is: ``[tool.l10n.check]`` plus command-line options."""

    disabled: frozenset[str] = frozenset()
    severity: Mapping[str, str] = field(default_factory=dict)  # overrides of registry defaults
    include_fuzzy: bool = False
    fail_on: str = "error"
    allow_latin: tuple[str, ...] = ()
    accelerators: tuple[str, ...] = DEFAULT_ACCELERATORS
    profile: str = "ci"

    @classmethod
    def from_config(
        cls,
        table: Mapping[str, Any] | None = None,
        *,
        disable: Sequence[str] = (),
        only: Sequence[str] = (),
        include_fuzzy: bool | None = None,
        fail_on: str | None = None,
        profile: str | None = None,
    ) -> Settings:
        """Validate ``[tool.l10n.check]`` (*table*) and merge the profile and the run's options into it."""
        table = dict(table or {})
        where = "[tool.l10n.check]"
        unknown = sorted(set(k.replace("-", "_") for k in table) - _SETTINGS_KEYS)
        if unknown:
            raise UsageError(
                f"{where}: unknown setting {unknown[0]!r} (known: {', '.join(sorted(_SETTINGS_KEYS))})"
            )
        table = {k.replace("-", "_"): v for k, v in table.items()}
        name = profile or str(table.get("profile", "ci"))
        if name not in PROFILES:
            raise UsageError(f"profile: {name!r} is not one of {', '.join(PROFILES)}")
        prof = PROFILES[name]
        disabled = set(prof.disable)
        severity: dict[str, str] = dict(prof.severity)
        disabled.update(_known(_str_list(table.get("disable", []), f"{where} disable"), f"{where} disable"))
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
            if value in _OFF:
                disabled.add(cid)
            elif value in SEVERITIES:
                severity[cid] = value
                disabled.discard(cid)
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
        accel = table.get("accelerators", list(DEFAULT_ACCELERATORS))
        accelerators = tuple(_str_list(accel, f"{where} accelerators"))
        if any(a not in ACCELERATOR_MARKERS or len(a) != 1 for a in accelerators):
            raise UsageError(f"{where} accelerators: each marker is one of {', '.join(ACCELERATOR_MARKERS)}")
        if include_fuzzy is None:
            include_fuzzy = bool(table.get("include_fuzzy", prof.include_fuzzy))
        return cls(frozenset(disabled), severity, include_fuzzy, fail, allow, accelerators, name)

    def severity_of(self, check_id: str) -> str:
        return self.severity.get(check_id) or REGISTRY[check_id].severity

    @property
    def active(self) -> list[Check]:
        return [c for c in REGISTRY.values() if c.id not in self.disabled]

    def fails(self, finding: Finding) -> bool:
        return severity_rank(finding.severity) >= severity_rank(self.fail_on)

    def digest(self) -> str:
        """A stable summary of everything here that changes findings (a key of the ``--cache``)."""
        return repr(
            (
                sorted(self.disabled),
                sorted(self.severity.items()),
                self.include_fuzzy,
                self.allow_latin,
                self.accelerators,
            )
        )
