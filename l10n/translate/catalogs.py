"""Machine-translate the untranslated entries of catalogues (pure: catalogues in, saves through a callback).

Catalogue semantics, in one place:

- untranslated entries are machine-translated, and so are MT-owned entries whose MT was inherited
  from an edited source sentence by the merge (stale MT); with ``retranslate_fuzzy`` also every
  MT-owned entry.  MT-owned means :func:`l10n.catalog.is_mt_owned`: still fuzzy *and* its msgstr is
  exactly what MT wrote (the digest in its ``l10n-mt:`` comment).  Anything else is human work — a
  post-edit (even one that kept the comment), a fuzzy entry a translator touched — and is never
  overwritten; when its source changes the merge keeps it fuzzy with ``#|`` for the translator;
- MT output is written ``fuzzy`` with a translator comment naming engine, model and version and the
  digest of the text written (``l10n-mt: argos … sha1=…``);
- identical sentences are translated once: exact matches in the translation memory (built from the
  project's own catalogues) are reused — a human translation as final, MT as fuzzy — and the rest is
  deduplicated before it reaches the engine;
- progress is saved after every batch through *save* (the project layer's read-modify-write under the
  catalogue's lock, :func:`l10n.project.store.update_catalog`), which re-reads the file first, so a
  translator's save in the meantime wins and a killed run resumes where it stopped.

Reading the catalogues and building the memory over ``locale/`` are the project layer's
(:func:`l10n.project.commands.translate`); this module only plans and fills.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from l10n.catalog import MT_TAG, Catalog, EntryKey, Message, is_mt_owned, mt_comment_line
from l10n.lang import Language
from l10n.translate.enforce import EnforceStats, MTResult, enforce_batch
from l10n.translate.memory import TranslationMemory

__all__ = [
    "MT_TAG",
    "TM_TAG",
    "UNKNOWN_TAG",
    "Pending",
    "TranslateSummary",
    "Save",
    "BatchTranslator",
    "LocalBatches",
    "plan",
    "translate_catalogs",
]

#: ``save(path, change)``: read-modify-write the catalogue at *path* with *change* (POFile -> POFile);
#: True when the file was written.
Save = Callable[[Path, Callable[[Catalog], Catalog]], bool]

TM_TAG = "l10n-tm"
#: Translator-comment line listing the words MT left in English (read by the ``english-left`` check).
UNKNOWN_TAG = "l10n-mt-unknown:"


@dataclass(frozen=True)
class Pending:
    """An entry waiting for a translation."""

    path: Path
    key: EntryKey
    line: int
    seen: str  # the msgstr when we read it ("" for untranslated)


@dataclass
class TranslateSummary:
    language: Language
    pending: int = 0  # entries that needed a translation
    unique: int = 0  # distinct sentences among them
    from_memory: int = 0  # entries filled from the translation memory
    machine: int = 0  # entries filled by the engine
    failed: int = 0  # entries left untranslated (reported)
    glossary_hits: int = 0  # glossary term occurrences in the sentences sent to MT (failed ones too)
    terms_enforced: int = 0  # occurrences right after enforcement that the engine's plain output had wrong
    mt_seconds: float = 0.0
    stats: EnforceStats = field(default_factory=EnforceStats)
    failures: list[tuple[str, int, str, tuple[str, ...]]] = field(default_factory=list)
    #: Entries with words left in English: (path, line, source, words).
    english_left: list[tuple[str, int, str, tuple[str, ...]]] = field(default_factory=list)
    catalogs_written: int = 0


def _label(engine, source: str, target: str) -> str:
    """``argos 1.11.0 (ctranslate2 4.8.5); en→ar 1.0``: the engine and, where it can say, the model used."""
    try:
        version = engine.version((source, target))  # engines with several models name the pair's
    except Exception:  # noqa: BLE001 - a label must not stop a run; the pair fails later with its own error
        version = engine.version()
    pair = f"{source}→{target}"
    return f"{engine.name} {version}" + ("" if pair in version else f" {pair}")


class BatchTranslator(Protocol):
    """Where the driver's batches get translated: this process (:class:`LocalBatches`) or a cluster.

    The driver plans the batches and is the only writer of catalogues; a batch translator only turns
    sentences into :class:`MTResult` (glossary enforcement included).  It yields every batch it was
    given exactly once, with its results and the engine seconds it took, in the order given (a remote
    one translates ahead and holds results until their turn), so the driver saves each batch as it
    comes, in the local run's order.
    """

    @property
    def label(self) -> str:
        """Engine and model, for the translator comment (``argos 1.11.0 (ctranslate2 …); en→ar 1.0``)."""
        ...

    def __call__(self, batches: Sequence[list[str]]) -> Iterator[tuple[list[str], list[MTResult], float]]: ...


@dataclass(frozen=True)
class LocalBatches:
    """The batch translator of a local run: :func:`enforce_batch` with *engine*, batch after batch."""

    engine: object
    source_lang: str
    language: Language
    glossary: object = None
    n_best: int = 4

    @property
    def label(self) -> str:
        return _label(self.engine, self.source_lang, self.language.code)

    def __call__(self, batches: Sequence[list[str]]) -> Iterator[tuple[list[str], list[MTResult], float]]:
        for batch in batches:
            started = time.perf_counter()
            results = enforce_batch(self.engine, batch, self.source_lang, self.language, self.glossary, n_best=self.n_best)
            yield batch, results, time.perf_counter() - started


def _eligible(entry: Message, retranslate_fuzzy: bool) -> bool:
    if entry.obsolete or not entry.msgid or entry.msgid_plural is not None:
        return False
    if not entry.has_translation:
        return True
    if not is_mt_owned(entry):
        return False  # human work, final or in progress: never ours to replace
    # MT inherited from an older source sentence by the merge is stale: translate the new source.
    return retranslate_fuzzy or entry.previous_msgid is not None


def plan(catalogs: dict[Path, Catalog], *, retranslate_fuzzy: bool = False) -> list[Pending]:
    """The entries of *catalogs* that want a translation, in file order; translates nothing."""
    pending: list[Pending] = []
    for path, po in catalogs.items():
        for entry in po:
            if _eligible(entry, retranslate_fuzzy):
                pending.append(Pending(path, (entry.msgctxt, entry.msgid), entry.linenum, entry.msgstr))
    return pending


def _comment(existing: str, lines: list[str]) -> str:
    keep = [ln for ln in (existing or "").split("\n") if ln and not ln.startswith((MT_TAG, TM_TAG, UNKNOWN_TAG))]
    return "\n".join(keep + lines)


def translate_catalogs(
    catalogs: dict[Path, Catalog],
    memory: TranslationMemory,
    engine,
    source_lang: str,
    language: Language,
    *,
    save: Save,
    glossary=None,
    batch_size: int = 32,
    n_best: int = 4,
    retranslate_fuzzy: bool = False,
    suggestions_threshold: float = 75.0,
    progress: Callable[[int], None] | None = None,
    on_total: Callable[[int], None] | None = None,
    translator: BatchTranslator | None = None,
) -> TranslateSummary:
    """Fill the untranslated entries of *catalogs* (as read, by path) for *language*; see the module
    docstring.  *memory* holds the project's translations into *language*.

    *translator* translates the planned batches elsewhere (a Ray cluster: :mod:`l10n.translate.cluster`);
    by default *engine* translates them here.  Either way this function alone writes catalogues.
    """
    summary = TranslateSummary(language)
    pending = plan(catalogs, retranslate_fuzzy=retranslate_fuzzy)
    summary.pending = len(pending)
    if not pending:
        return summary
    tm = memory
    if translator is None:
        translator = LocalBatches(engine, source_lang, language, glossary, n_best)

    # Memory first: exact matches never reach the engine.
    fills: dict[str, tuple[str, bool, list[str]]] = {}  # source -> (target, fuzzy, comment lines)
    to_mt: list[str] = []
    for p in pending:
        source = p.key[1]
        if source in fills or source in to_mt:
            continue
        unit = tm.exact(source)
        if unit is not None and (unit.human or not retranslate_fuzzy) and unit.target != p.seen:
            origin = "human" if unit.human else "machine"
            fills[source] = (unit.target, not unit.human, [f"{TM_TAG} 100% ({origin}): {unit.origin}"])
        else:
            to_mt.append(source)
    summary.unique = len({p.key[1] for p in pending})
    if on_total:
        on_total(len(to_mt))
    by_source: dict[str, list[Pending]] = {}
    for p in pending:
        by_source.setdefault(p.key[1], []).append(p)

    # Apply memory fills, then translate batch by batch, saving after each batch.
    summary.from_memory = _save(save, pending, fills, summary, retranslate_fuzzy)
    label = translator.label if to_mt else ""  # a cluster starts its workers only when there is MT to do
    batches = [to_mt[i : i + batch_size] for i in range(0, len(to_mt), batch_size)]
    for batch, results, seconds in translator(batches):
        summary.mt_seconds += seconds
        batch_fills: dict[str, tuple[str, bool, list[str]]] = {}
        for r in results:
            # The figures are the check's own count (l10n.glossary.term_occurrences) on what was written.
            final_ok = sum(_occurrences(glossary, language, r.source, r.target or ""))
            summary.stats.add(r, final_ok)
            summary.glossary_hits += len(r.terms)
            summary.terms_enforced += max(0, final_ok - r.raw_ok_terms)
            if r.target is None:
                for p in by_source[r.source]:
                    summary.failures.append((str(p.path), p.line, r.source, r.problems))
                continue
            lines = [mt_comment_line(label + (f" (glossary: {r.method})" if r.method not in ("mt",) else ""), r.target)]
            if r.unknown:
                lines.append(f"{UNKNOWN_TAG} {', '.join(r.unknown)}")
                for p in by_source[r.source]:
                    summary.english_left.append((str(p.path), p.line, r.source, r.unknown))
            for s in tm.fuzzy(r.source, threshold=suggestions_threshold):
                lines.append(f"{TM_TAG} {s.score:.0f}%: {s.unit.source} => {s.unit.target}")
            batch_fills[r.source] = (r.target, True, lines)
        summary.failed += sum(len(by_source[r.source]) for r in results if r.target is None)
        summary.machine += _save(save, [p for s in batch for p in by_source[s]], batch_fills, summary, retranslate_fuzzy)
        if progress:
            progress(len(batch))
    # Batches may come back in any order (a cluster): report in file order, the same for every run.
    summary.failures.sort(key=lambda f: (f[0], f[1]))
    summary.english_left.sort(key=lambda f: (f[0], f[1]))
    return summary


def _occurrences(glossary, language: Language, source: str, target: str) -> list[bool]:
    if glossary is None:
        return []
    from l10n.glossary import term_occurrences

    return [ok for _m, ok in term_occurrences(glossary, language.code, source, target)]


def _save(save: Save, pending: list[Pending], fills, summary: TranslateSummary, retranslate_fuzzy: bool) -> int:
    """Write *fills* into the catalogues; return how many entries were filled and kept.

    Only what is in the file after the save counts: an entry a translator changed meanwhile is theirs,
    and is neither written nor reported as translated.
    """
    kept = 0
    by_path: dict[Path, list[Pending]] = {}
    for p in pending:
        if p.key[1] in fills:
            by_path.setdefault(p.path, []).append(p)
    for path, items in by_path.items():
        wanted = {p.key: p for p in items}
        applied = [0]

        def change(po, wanted=wanted, applied=applied):
            applied[0] = 0  # recomputed from scratch whenever the file moved under us
            for entry in po:
                p = wanted.get((entry.msgctxt, entry.msgid))
                if p is None or entry.obsolete:
                    continue
                # Still what we saw when we planned?  Otherwise a human got there first: theirs wins.
                if entry.msgstr != p.seen or not _eligible(entry, retranslate_fuzzy):
                    continue
                target, fuzzy, lines = fills[entry.msgid]
                entry.msgstr = target
                entry.tcomment = _comment(entry.tcomment, lines)
                if fuzzy and "fuzzy" not in entry.flags:
                    entry.flags.append("fuzzy")
                elif not fuzzy and "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
                entry.previous_msgid = None
                entry.previous_msgctxt = None
                applied[0] += 1
            return po

        if save(path, change):
            summary.catalogs_written += 1
            kept += applied[0]
    return kept
