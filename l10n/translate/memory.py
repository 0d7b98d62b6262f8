"""Translation memory: never translate the same sentence twice.

The memory of a language is built from the project's own catalogues (every translated or fuzzy
entry of every article), so there is no second store to keep in sync: whatever translators fixed in
Poedit is what the memory offers.  Exact matches come first; fuzzy matches above a threshold
(rapidfuzz ``ratio``) are offered to translators as suggestions in a translator comment.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from l10n.catalog import Catalog

__all__ = ["Unit", "Suggestion", "TranslationMemory"]


@dataclass(frozen=True)
class Unit:
    source: str
    target: str
    human: bool  # False when the target is unreviewed MT (a fuzzy entry)
    origin: str  # "path:line" of the entry it came from


@dataclass(frozen=True)
class Suggestion:
    unit: Unit
    score: float


class TranslationMemory:
    """Source -> best known translation, with fuzzy lookup."""

    def __init__(self, units: Iterable[Unit] = ()) -> None:
        self._units: dict[str, Unit] = {}
        for unit in units:
            self.add(unit)
        self._keys: list[str] | None = None

    def __len__(self) -> int:
        return len(self._units)

    def add(self, unit: Unit) -> None:
        """Add *unit*; a human translation beats MT for the same source, never the other way."""
        old = self._units.get(unit.source)
        if old is None or (unit.human and not old.human):
            self._units[unit.source] = unit
            self._keys = None

    def exact(self, source: str) -> Unit | None:
        return self._units.get(source)

    def fuzzy(self, source: str, *, threshold: float = 75.0, limit: int = 3) -> list[Suggestion]:
        """Close matches (not the exact one), best first; human translations only."""
        from rapidfuzz import fuzz, process

        if self._keys is None:
            self._keys = [k for k, u in self._units.items() if u.human]
        hits = process.extract(source, self._keys, scorer=fuzz.ratio, score_cutoff=threshold, limit=limit + 1)
        return [Suggestion(self._units[k], score) for k, score, _ in hits if k != source][:limit]

    @classmethod
    def from_catalogs(cls, catalogs: Iterable[tuple[str, Catalog]]) -> TranslationMemory:
        tm = cls()
        for path, po in catalogs:
            for entry in po:
                if entry.obsolete or not entry.msgstr or entry.msgid == "":
                    continue
                tm.add(Unit(entry.msgid, entry.msgstr, human=not entry.fuzzy, origin=f"{path}:{entry.linenum}"))
        return tm
