"""Glossary enforcement around any MT engine.

For a batch of sentences, in order, stopping at the first step that satisfies every constraint:

1. **MT with markup masked, n-best reranking** — the engine translates the sentence with only
   non-prose markup masked (:mod:`l10n.translate.protect`); of its n best hypotheses the first that
   contains every glossary term's approved rendering, no forbidden variant, all markup and
   target-script text wins.  This keeps the engine's fluent wording whenever it already got the terms
   right.
2. **Repair** — each missing term is translated on its own (one batch) and the engine's rendering of
   it is replaced in the hypothesis by the approved one; forbidden variants are replaced by the
   preferred rendering.  This keeps the engine's word order and agreement around the term.
3. **Term masking** — sentences still failing are translated again with every glossary term masked;
   the placeholders are restored to the approved renderings (an abbreviation such as "IS" gets the
   glossary's abbreviated rendering when it has one).
4. **Re-split** — a sentence the engine did not translate at all (output equal to the source, or no
   target-script letter: Argos en→ar 1.0 does that for ~7.5 % of FLORES sentences) is translated
   clause by clause.

What still fails is reported and left untranslated.  Every step is batched: one engine call per step
for the whole batch, not per sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from l10n.lang import Language, has_script_letters
from l10n.translate.protect import Masked, mask, unmask

__all__ = ["Constraint", "MTResult", "EnforceStats", "enforce_batch", "is_untranslated"]


@dataclass(frozen=True)
class Constraint:
    term_id: str
    source: str  # the matched source text
    start: int
    end: int
    rendering: str  # the approved rendering inserted when masking
    term: object = field(repr=False, compare=False, default=None)


@dataclass(frozen=True)
class MTResult:
    source: str
    target: str | None  # None: the engine failed; the entry stays untranslated
    method: str  # "mt", "rerank", "mask", "repair", "resplit", "failed"
    terms: tuple[str, ...] = ()  # glossary concepts found in the source
    raw_ok_terms: int = 0  # terms the plain top hypothesis already rendered correctly
    problems: tuple[str, ...] = ()


@dataclass
class EnforceStats:
    sentences: int = 0
    term_occurrences: int = 0
    raw_term_ok: int = 0  # before enforcement (top hypothesis, markup masked only)
    final_term_ok: int = 0  # after enforcement
    by_method: dict[str, int] = field(default_factory=dict)

    def add(self, result: MTResult, final_ok: int) -> None:
        self.sentences += 1
        self.term_occurrences += len(result.terms)
        self.raw_term_ok += result.raw_ok_terms
        self.final_term_ok += final_ok
        self.by_method[result.method] = self.by_method.get(result.method, 0) + 1

    @property
    def raw_rate(self) -> float:
        return self.raw_term_ok / self.term_occurrences if self.term_occurrences else 1.0

    @property
    def final_rate(self) -> float:
        return self.final_term_ok / self.term_occurrences if self.term_occurrences else 1.0


_LOWER_WORD = re.compile(r"\b[a-z][a-z’'-]+\b")


def is_untranslated(source: str, target: str, language: Language) -> bool:
    """MT that did not translate: the source came back, or no letter of the target's script.

    A line of names only (a credit such as "SANA" or "Delil Souleiman/AFP") legitimately comes back
    unchanged in a language written in the source's script.
    """
    if not has_script_letters(target, language.script):
        return True
    if target.strip() == source.strip():
        return language.script != "Latn" or bool(_LOWER_WORD.search(source))
    return False


def _pick_rendering(matched: str, renderings: tuple[str, ...]) -> str:
    """The preferred rendering, except that an abbreviation in the source gets an abbreviated rendering
    when the glossary has one (IS -> EI, SANA -> سانا) instead of the full name every time, and a name
    spelled out in the source gets a spelled-out rendering rather than the glossary's abbreviation."""
    core = re.sub(r"[’']s$", "", matched)
    if len(renderings) > 1 and core.isupper() and len(core) <= 6:
        upper = [r for r in renderings if r.isupper()]
        return upper[0] if upper else min(renderings, key=len)
    if len(renderings) > 1 and renderings[0].isupper():
        # the source spells the name out ("Syrian Arab News Agency"): so does the translation
        spelled = [r for r in renderings if not r.isupper()]
        if spelled:
            return spelled[0]
    return renderings[0]


class _Glossary:
    """The glossary calls enforcement needs, imported lazily so tests can run without a glossary."""

    def __init__(self, glossary, lang: Language) -> None:
        self.glossary = glossary
        self.lang = lang
        if glossary is not None:
            from l10n import glossary as g

            self._g = g

    def constraints(self, source: str) -> list[Constraint]:
        if self.glossary is None:
            return []
        out = []
        for m in self._g.find_terms(self.glossary, source):
            term = m.term
            # a do-not-translate term's renderings are its English forms unless this language has its own
            renderings = term.renderings(self.lang.code)
            if not renderings:
                continue
            rendering = _pick_rendering(m.text, renderings)
            out.append(Constraint(term.id, m.text, m.start, m.end, rendering, term))
        return out

    def term_count(self, c: Constraint, text: str) -> int:
        return len(self._g.target_find(c.term, self.lang.code, text))

    def term_ok(self, c: Constraint, text: str) -> bool:
        return self.term_count(c, text) > 0

    def missing(self, constraints: list[Constraint], text: str) -> list[Constraint]:
        """Constraints not met: every occurrence of a term in the source needs one in the target."""
        need: dict[str, list[Constraint]] = {}
        for c in constraints:
            need.setdefault(c.term_id, []).append(c)
        out = []
        for cs in need.values():
            have = self.term_count(cs[0], text)
            out.extend(cs[have:] if have < len(cs) else [])
        return out

    def forbidden(self, text: str):
        if self.glossary is None:
            return []
        return self._g.find_forbidden(self.glossary, self.lang.code, text)


@dataclass
class _Item:
    source: str
    constraints: list[Constraint]
    markup: Masked
    best: str | None = None
    raw_ok: int = 0
    method: str = "failed"
    problems: list[str] = field(default_factory=list)


def _evaluate(item: _Item, text: str, missing_slots, g: _Glossary, lang: Language) -> list[str]:
    problems = []
    if missing_slots:
        problems.append("markup lost: " + ", ".join(s.source for s in missing_slots))
    if is_untranslated(item.source, text, lang):
        problems.append("not translated")
    for c in g.missing(item.constraints, text):
        problems.append(f"term missing: {c.source} → {c.rendering}")
    for f in g.forbidden(text):
        problems.append(f"forbidden variant: {text[f.start:f.end]}")
    return problems


def enforce_batch(
    engine,
    sources: Sequence[str],
    source_lang: str,
    language: Language,
    glossary=None,
    *,
    n_best: int = 4,
) -> list[MTResult]:
    """Translate *sources* with *engine* so that glossary constraints hold; see the module docstring."""
    g = _Glossary(glossary, language)
    target = _engine_code(engine, source_lang, language)
    items = [_Item(s, g.constraints(s), mask(s)) for s in sources]

    # 1. plain MT (markup masked) with n-best reranking
    hyps = _translate(engine, [it.markup.text for it in items], source_lang, target, n_best)
    for it, hs in zip(items, hyps):
        for rank, h in enumerate(hs):
            text, missing = unmask(h, it.markup)
            problems = _evaluate(it, text, missing, g, language)
            if rank == 0:
                it.raw_ok = len(it.constraints) - len(g.missing(it.constraints, text))
                it.best, it.problems = text, problems
            if not problems:
                it.best, it.problems, it.method = text, [], "mt" if rank == 0 else "rerank"
                break

    # 2. repair: replace the engine's own rendering of each missing term, and forbidden variants
    todo = [it for it in items if it.problems and it.best is not None and it.constraints]
    if todo:
        missing_terms = sorted({c.source for it in todo for c in g.missing(it.constraints, it.best)})
        alone = dict(zip(missing_terms, (hs[0] if hs else "" for hs in _translate(engine, missing_terms, source_lang, target, 1))))
        for it in todo:
            text = it.best
            for c in g.missing(it.constraints, text):
                mt_term = alone.get(c.source, "").strip(" .")
                if mt_term and not g.term_ok(c, mt_term):
                    text = _replace_word(text, mt_term, c.rendering, exact_case=c.source.isupper())
            for f in sorted(g.forbidden(text), key=lambda f: -f.start):
                preferred = f.term.renderings(language.code)[0] if f.term.renderings(language.code) else ""
                text = text[: f.start] + preferred + text[f.end :]
            problems = _evaluate(it, text, (), g, language)
            if not problems:
                it.best, it.problems, it.method = text, [], "repair"

    # 3. term masking for sentences that still miss a term or show a forbidden variant
    todo = [it for it in items if it.problems and it.constraints]
    if todo:
        masked = [mask(it.source, [(c.start, c.end, c.rendering, c.term_id) for c in it.constraints]) for it in todo]
        hyps = _translate(engine, [m.text for m in masked], source_lang, target, n_best)
        for it, m, hs in zip(todo, masked, hyps):
            for h in hs:
                text, missing = unmask(h, m)
                problems = _evaluate(it, text, missing, g, language)
                if not problems:
                    it.best, it.problems, it.method = text, [], "mask"
                    break

    # 4. re-split sentences the engine did not translate at all
    todo = [it for it in items if any(p == "not translated" for p in it.problems)]
    if todo:
        pieces = [_clauses(it.source) for it in todo]
        flat = [p for ps in pieces for p in ps]
        hyps = iter(_translate(engine, [mask(p).text for p in flat], source_lang, target, 1))
        for it, ps in zip(todo, pieces):
            parts = []
            for p in ps:
                hs = next(hyps)
                parts.append(unmask(hs[0], mask(p))[0] if hs else "")
            joiner = "، " if language.script == "Arab" else ", "
            text = joiner.join(x.strip().rstrip(",،") for x in parts)
            problems = _evaluate(it, text, (), g, language)
            if not problems:
                it.best, it.problems, it.method = text, [], "resplit"

    results = []
    for it in items:
        ok = not it.problems
        results.append(
            MTResult(
                source=it.source,
                target=it.best if ok else None,
                method=it.method if ok else "failed",
                terms=tuple(c.term_id for c in it.constraints),
                raw_ok_terms=it.raw_ok,
                problems=tuple(it.problems),
            )
        )
    return results


def _engine_code(engine, source: str, language: Language) -> str:
    """ar_SY -> ar when the engine has no regional model (MT models are per language, not per region)."""
    try:
        pairs = set(engine.pairs())
    except Exception:  # noqa: BLE001 - an engine without pair listing gets the full code
        return language.code
    if (source, language.code) in pairs or (source, language.base) not in pairs:
        return language.code
    return language.base


def _translate(engine, texts: list[str], source: str, target: str, n_best: int) -> list[list[str]]:
    if not texts:
        return []
    out = engine.translate(texts, source, target, n_best=n_best)
    return [list(h) for h in out]


def _replace_word(text: str, old: str, new: str, *, exact_case: bool) -> str:
    """Replace the first whole-word occurrence of *old* (never inside a longer word)."""
    pattern = rf"(?<!\w){re.escape(old)}(?!\w)"
    return re.sub(pattern, lambda _m: new, text, count=1, flags=0 if exact_case else re.IGNORECASE)


_CLAUSE = re.compile(r"(?<=[;:,—–])\s+")


def _clauses(sentence: str) -> list[str]:
    parts = [p for p in _CLAUSE.split(sentence) if p.strip()]
    return parts if len(parts) > 1 else [sentence]
