"""Glossary enforcement around any MT engine: enforce only what is wrong, and keep the sentence grammatical.

For a batch of sentences, in order, stopping at the first step after which every term occurrence has an
approved rendering (counted by :func:`l10n.glossary.term_occurrences`, the check's own count), no
forbidden rendering is left and the sentence is translated:

1. **MT with markup masked, n-best reranking** — only non-prose markup is masked (:mod:`l10n.spans`,
   tokens the engine was tested to copy through, :func:`l10n.translate.protect.calibrate`).  Terms the
   engine rendered right are not touched again (but for the two cases at the end of step 2).
2. **Proxies** — the occurrences still wrong are replaced by a word the engine knows, of the term's
   kind (a city for a name, a noun of the term's gender and number for one that takes the article), so
   the engine builds the sentence around it: word order, article, contraction, possessive ("SANA's
   report" → "Paris's report" → "el informe de París" → "el informe de SANA").  Also redone: a term
   the engine marked unknown (the grammar around it is a guess) and a possessive left in the English
   construction (no genitive preposition before it in a Romance target: "SANA el informe").
3. **Repair** — each wrong rendering is located through the engine's translation of the term alone
   (every occurrence, case-insensitively but never turning the verb "es" into a name; in Arabic with
   the clitics glued to it, kept: «بقانون القيصر» → «بقانون قيصر»), forbidden renderings are replaced by
   the preferred one (clitics kept, ل + ال → لل).
4. **Term placeholders** — the old opaque masking, for engines where no proxy passed calibration.
5. **Re-split** — a sentence the engine did not translate at all is translated clause by clause.

After every step the determiner in front of each term is made to agree with it
(:func:`l10n.glossary.grammar.agree`: el/la, del/de la, al/a la, un/una; a name loses its article).
Words the engine could not translate are collected (Apertium's own marks, otherwise the heuristic of
:mod:`l10n.translate.unknown`) and reported per entry.  Every step is one engine call for the batch.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from l10n.lang import Language, has_script_letters
from l10n.spans import LINK_DEST_RE, blank
from l10n.translate.protect import DEFAULT_TOKENS, Masked, Tokens, calibrate, mask, unmask
from l10n.translate.unknown import english_left, untranslated_words

__all__ = ["Constraint", "MTResult", "EnforceStats", "enforce_batch", "is_untranslated"]


@dataclass(frozen=True)
class Constraint:
    term_id: str
    source: str  # the matched source text
    start: int
    end: int
    rendering: str  # the approved rendering inserted when masking
    term: object = field(repr=False, compare=False, default=None)
    plural: bool = False  # the source form was plural (takfiris, Ministries of Interior)
    possessive: bool = False  # followed by 's in the source (SANA's report)


@dataclass(frozen=True)
class MTResult:
    source: str
    target: str | None  # None: the engine failed; the entry stays untranslated
    method: str  # "mt", "rerank", "proxy", "repair", "mask", "resplit", "failed"
    terms: tuple[str, ...] = ()  # glossary concepts found in the source, one per occurrence
    raw_ok_terms: int = 0  # occurrences the plain top hypothesis already rendered correctly
    problems: tuple[str, ...] = ()
    unknown: tuple[str, ...] = ()  # words left untranslated (engine marks or heuristic)
    raw: str = ""  # the engine's plain top hypothesis (markup restored), for reports


@dataclass
class EnforceStats:
    """Term occurrences before (the engine's plain output) and after enforcement, as the check counts them."""

    sentences: int = 0
    term_occurrences: int = 0
    raw_term_ok: int = 0
    final_term_ok: int = 0
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


def _is_plural(matched: str, form: str) -> bool:
    words, forms = matched.split(), form.split()
    if not words or not forms:
        return False
    return any(w.lower() != f.lower() and w.lower().endswith("s") for w, f in zip(words, forms))


_ARABIC = frozenset({"ar"})


class _Glossary:
    """The glossary calls enforcement needs (all of them the check's matchers)."""

    def __init__(self, glossary, lang: Language) -> None:
        self.glossary = glossary
        self.lang = lang
        self.arabic = lang.base in _ARABIC
        if glossary is not None:
            from l10n import glossary as g
            from l10n.glossary import grammar

            self._g = g
            self._grammar = grammar

    def constraints(self, source: str) -> list[Constraint]:
        """Term occurrences outside protected spans (a URL slug is not a term)."""
        if self.glossary is None:
            return []
        out = []
        for m in self._g.find_terms(self.glossary, blank(source)):
            term = m.term
            renderings = term.renderings(self.lang.code)
            if not renderings:
                continue
            rendering = _pick_rendering(m.text, renderings)
            plural = _is_plural(m.text, m.form)
            if plural and not self.arabic:
                wanted = self._grammar.pluralize(rendering, self.lang.code)
                if wanted in renderings:  # the glossary lists the plural: use it
                    rendering = wanted
            possessive = source[m.end : m.end + 2] in ("'s", "’s")
            out.append(
                Constraint(term.id, source[m.start : m.end], m.start, m.end, rendering, term, plural, possessive)
            )
        return out

    def occurrences(self, source: str, text: str) -> list[bool]:
        if self.glossary is None:
            return []
        return [ok for _m, ok in self._g.term_occurrences(self.glossary, self.lang.code, source, text)]

    def wrong(self, constraints: list[Constraint], text: str) -> list[Constraint]:
        """Occurrences without their rendering: per term, those beyond the count found in *text*."""
        need: dict[str, list[Constraint]] = {}
        for c in constraints:
            need.setdefault(c.term_id, []).append(c)
        out = []
        for cs in need.values():
            have = len(
                self._g.target_find(cs[0].term, self.lang.code, blank(text), options=self.glossary.options)
            )
            if have < len(cs):
                out.extend(cs)  # which of them came out wrong cannot be told: redo them all
        return sorted(out, key=lambda c: c.start)

    def forbidden(self, text: str):
        if self.glossary is None:
            return []
        return self._g.find_forbidden(self.glossary, self.lang.code, text)

    def grammar(self, c: Constraint, rendering: str):
        return self._grammar.grammar_for(c.term, self.lang.code, rendering, plural=c.plural)

    def agree(self, constraints: list[Constraint], text: str) -> str:
        """Each rendered term written as the glossary writes it, and the determiner before it agreeing
        with it (only what is wrong changes)."""
        if self.glossary is None or not constraints:
            return text
        by_term = {c.term_id: c for c in constraints}
        spots = []
        for c in by_term.values():
            for m in self._g.target_find(c.term, self.lang.code, text, options=self.glossary.options):
                start = m.start + len(m.prefix)
                written = text[start : m.end]
                if (
                    written != m.rendering
                    and len(written) == len(m.rendering)
                    and written.casefold() == m.rendering.casefold()
                ):
                    # a name's capitals: "Fuerzas Democráticas sirias" -> "… Sirias" (a capital that
                    # opens the sentence stays)
                    fixed = (
                        m.rendering if start or not written[:1].isupper() else written[:1] + m.rendering[1:]
                    )
                    text = text[:start] + fixed + text[m.end :]
                spots.append((start, m.rendering, self.grammar(c, m.rendering)))
        if self.lang.base not in self._grammar.DETERMINERS:
            return text
        return self._grammar.agree(text, spots, self.lang.code)


@dataclass
class _Item:
    source: str
    constraints: list[Constraint]
    markup: Masked
    best: str | None = None
    raw: str = ""
    raw_ok: int = 0
    method: str = "failed"
    problems: list[str] = field(default_factory=list)
    unknown: tuple[str, ...] = ()
    #: Occurrences rendered right in words the engine did not know: the grammar around them is the
    #: engine's guess ("SANA el informe"), so they get a proxy too, keeping this text if that fails.
    retry: list[Constraint] = field(default_factory=list)


def _evaluate(item: _Item, text: str, missing_slots, g: _Glossary, lang: Language) -> list[str]:
    problems = []
    if missing_slots:
        problems.append("markup lost: " + ", ".join(s.source for s in missing_slots))
    if is_untranslated(item.source, text, lang):
        problems.append("not translated")
    for c in g.wrong(item.constraints, text) if g.glossary is not None else ():
        problems.append(f"term missing: {c.source} → {c.rendering}")
    for f in g.forbidden(text):
        problems.append(f"forbidden variant: {text[f.start : f.end]}")
    return problems


def _unknown(engine, hypothesis: str) -> tuple[str, ...]:
    reader = getattr(engine, "unknown_words", None)
    return tuple(reader(hypothesis)) if callable(reader) else ()


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

    def accept(it: _Item, text: str, method: str, hypothesis: str) -> bool:
        text = g.agree(it.constraints, text)
        problems = _evaluate(it, text, (), g, language)
        if problems:
            return False
        it.best, it.problems, it.method = text, [], method
        it.unknown = _unknown(engine, hypothesis)
        return True

    # 1. plain MT (markup masked) with n-best reranking
    hyps = _translate(engine, [it.markup.text for it in items], source_lang, target, n_best)
    for it, hs in zip(items, hyps):
        for rank, h in enumerate(hs):
            text, missing = unmask(h, it.markup, arabic=g.arabic)
            problems = _evaluate(it, text, missing, g, language)
            if rank == 0:
                it.raw = text
                it.raw_ok = sum(g.occurrences(it.source, text))
                it.best, it.problems = text, problems
                it.unknown = _unknown(engine, h)
            if not problems and accept(it, text, "mt" if rank == 0 else "rerank", h):
                it.retry = _unknown_terms(it.constraints, _unknown(engine, h))
                it.retry += [c for c in _possessives_left(it.constraints, it.best, g) if c not in it.retry]
                break

    # 2. proxies for the occurrences still wrong (the engine's grammar around a word it knows)
    todo = [it for it in items if (it.problems or it.retry) and it.constraints]
    if todo:
        tokens = calibrate(engine, source_lang, target, language.base)
        jobs = []
        for it in todo:
            masked = _proxy_mask(it, g, tokens)
            if masked is not None:
                jobs.append((it, masked))
        hyps = _translate(engine, [m.text for _, m in jobs], source_lang, target, n_best)
        for (it, m), hs in zip(jobs, hyps):
            for h in hs:
                if _copied(h, m.text):
                    continue  # the engine gave the masked sentence back: our tokens are not a translation
                text, missing = unmask(h, m, arabic=g.arabic)
                if not missing and accept(it, text, "proxy", h):
                    break

    # 3. repair: replace the engine's own rendering of each wrong term, and forbidden variants
    # (not on a sentence the engine did not translate: replacing its terms would only disguise that)
    todo = [
        it
        for it in items
        if it.problems
        and it.best is not None
        and "not translated" not in it.problems
        and (it.constraints or g.forbidden(it.best))
    ]
    if todo:
        wrong = {it.source: g.wrong(it.constraints, it.best) for it in todo}
        alone_src = sorted(
            {c.source.removesuffix("'s").removesuffix("’s") for cs in wrong.values() for c in cs}
        )
        alone_out = _translate(engine, alone_src, source_lang, target, 1)
        alone = {s: (hs[0] if hs else "") for s, hs in zip(alone_src, alone_out)}
        for it in todo:
            text = it.best
            done: set[tuple[str, str]] = set()
            for c in wrong[it.source]:
                engine_rendering = alone.get(c.source.removesuffix("'s").removesuffix("’s"), "").strip(" .")
                if engine_rendering and (c.term_id, engine_rendering) not in done:
                    done.add((c.term_id, engine_rendering))
                    text = _replace_rendering(text, engine_rendering, c, g)
            text = _replace_forbidden(text, g, language)
            accept(it, text, "repair", it.raw)

    # 4. opaque term placeholders for sentences that still miss a term or show a forbidden variant
    todo = [it for it in items if it.problems and it.constraints]
    if todo:
        tokens = (
            calibrate(engine, source_lang, target, language.base) if glossary is not None else DEFAULT_TOKENS
        )
        masked = [
            mask(
                it.source,
                [(c.start, c.end, c.rendering, c.term_id) for c in it.constraints],
                tokens=Tokens(tokens.style),
            )
            for it in todo
        ]
        hyps = _translate(engine, [m.text for m in masked], source_lang, target, n_best)
        for it, m, hs in zip(todo, masked, hyps):
            for h in hs:
                if _copied(h, m.text):
                    continue
                text, missing = unmask(h, m, arabic=g.arabic)
                if not missing and accept(it, text, "mask", h):
                    break

    # 5. re-split sentences the engine did not translate at all
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
            accept(it, text, "resplit", text)

    results = []
    for it in items:
        ok = not it.problems
        unknown = it.unknown
        if ok and it.best is not None:
            if unknown:
                unknown = untranslated_words(unknown, it.source, glossary, language)
            else:
                unknown = english_left(it.source, it.best, language, glossary)
            unknown = tuple(w for w in unknown if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", it.best))
        results.append(
            MTResult(
                source=it.source,
                target=it.best if ok else None,
                method=it.method if ok else "failed",
                terms=tuple(c.term_id for c in it.constraints),
                raw_ok_terms=it.raw_ok,
                problems=tuple(it.problems),
                unknown=unknown if ok else (),
                raw=it.raw,
            )
        )
    return results


def _unknown_terms(constraints: list[Constraint], unknown: tuple[str, ...]) -> list[Constraint]:
    """The occurrences whose source words the engine marked unknown."""
    if not unknown:
        return []
    words = {w.lower() for w in unknown}
    return [c for c in constraints if words & {w.lower() for w in re.findall(r"\w+", c.source)}]


#: How a Romance language says "X's": a preposition before X (el informe de SANA, le rapport du Pentagone).
_GENITIVE = {
    "es": r"(?:de|del|de la|de los|de las)",
    "ca": r"(?:de|del|de la|dels|de les|d['’])",
    "pt": r"(?:de|do|da|dos|das)",
    "fr": r"(?:de|du|de la|des|d['’]|de l['’])",
    "it": r"(?:di|del|della|dei|degli|delle|dello|d['’]|dell['’])",
}


def _possessives_left(constraints: list[Constraint], text: str, g: _Glossary) -> list[Constraint]:
    """Possessive occurrences ("Syria's future") whose rendering has no genitive preposition before it
    in a Romance target ("a Siria futuro"): the engine kept the English construction."""
    genitive = _GENITIVE.get(g.lang.base)
    if genitive is None or g.glossary is None:
        return []
    out = []
    for c in constraints:
        if not c.possessive:
            continue
        found = g._g.target_find(c.term, g.lang.code, text, options=g.glossary.options)
        if not any(re.search(rf"(?<!\w){genitive}\s+[\[*_]*$", text[: m.start], re.IGNORECASE) for m in found):
            out.append(c)
    return out


def _copied(hypothesis: str, sent: str) -> bool:
    """The engine answered with what it was sent (a sentence with words to translate)."""
    return " ".join(hypothesis.split()) == " ".join(sent.split()) and bool(_LOWER_WORD.search(sent))


_EMPHASIS = re.compile(r"(\*{1,3}|_{1,3})$")


def _proxy_mask(it: _Item, g: _Glossary, tokens: Tokens) -> Masked | None:
    """The source with each wrong occurrence replaced by a proxy of its kind; None if none fits."""
    wrong = g.wrong(it.constraints, it.best or "") if it.problems else []
    wrong += _possessives_left(it.constraints, it.best or "", g) if it.problems else []
    wrong = sorted({id(c): c for c in [*wrong, *it.retry]}.values(), key=lambda c: c.start)
    if not wrong:
        return None
    used: set[str] = set()
    low = it.source.lower()
    terms = []
    for c in wrong:
        grammar = g.grammar(c, c.rendering)
        proxy = next(
            (
                (en, out)
                for en, out in tokens.proxies(grammar.gender, grammar.number, grammar.article)
                if en not in used and not re.search(rf"(?<!\w){re.escape(en.lower())}(?!\w)", low)
            ),
            None,
        )
        if proxy is None:
            return None
        used.add(proxy[0])
        start, end, rendering = c.start, c.end, c.rendering
        text = it.source
        # a possessive stays English for the engine to turn around: "SANA's" -> "Paris's"
        core_end = end - 2 if text[start:end].endswith(("'s", "’s")) else end
        # a term wrapped in emphasis or link text is masked with its wrapper ("*Islamic State* group")
        before, after = "", ""
        inner = text[start:core_end]
        marks = _EMPHASIS.search(text[:start])
        if marks and text[core_end : core_end + len(marks.group(1))] == marks.group(1):
            before = after = marks.group(1)
            start -= len(before)
            core_end += len(after)
        elif re.search(r"[*_]", inner):  # emphasis inside the term: around the whole rendering
            opening = re.search(r"[*_]+", inner)
            mark = opening.group(0) if opening else "*"
            if text[:start].endswith(mark):
                start -= len(mark)
            before = after = mark
        link = LINK_DEST_RE.match(text, core_end)
        if text[:start].endswith("[") and link:  # the term is a link's whole text: the proxy carries the link
            start -= 1
            before, after = "[" + before, after + link.group(0)
            core_end = link.end()
        terms.append((start, core_end, before + rendering + after, c.term_id, proxy[0], proxy[1]))
    return mask(it.source, terms, tokens=tokens)


def _replace_rendering(text: str, engine_rendering: str, c: Constraint, g: _Glossary) -> str:
    """Put *c*'s rendering where the engine wrote *engine_rendering*: every occurrence, any case, but a
    capitalised source form ("IS") never replaces a lower-case word ("es", the verb)."""
    if g.arabic:
        core = engine_rendering
        has_article = core.startswith("ال")
        stem = core[2:] if has_article else core
        pattern = re.compile(rf"(?<!\w)(?P<clitics>[وف]?[بكل]?)(?:ال|(?<=ل)ل)?{re.escape(stem)}(?!\w)")
        if has_article:
            pattern = re.compile(rf"(?<!\w)(?P<clitics>[وف]?[بكل]?)(?:ال|(?<=ل)ل){re.escape(stem)}(?!\w)")

        def arabic(m: re.Match[str]) -> str:
            return g._grammar.arabic_attach(m.group("clitics"), c.rendering)

        return _sub_outside(pattern, arabic, text, g)
    pattern = re.compile(rf"(?<!\w){re.escape(engine_rendering)}(?!\w)", re.IGNORECASE)
    upper_source = c.source.removesuffix("'s").removesuffix("’s").isupper()

    def latin(m: re.Match[str]) -> str:
        if upper_source and m.group(0).islower():
            return m.group(0)
        return c.rendering

    return _sub_outside(pattern, latin, text, g)


def _sub_outside(pattern: re.Pattern[str], repl, text: str, g: _Glossary) -> str:
    """``pattern.sub(repl, text)``, except inside an approved rendering already there: the engine's
    «الدولة الإسلامية» inside «تنظيم الدولة الإسلامية» is right and stays (no «تنظيم تنظيم …»)."""
    approved = [(m.start, m.end) for m in g._g.find_target_terms(g.glossary, g.lang.code, text)]

    def guarded(m: re.Match[str]) -> str:
        if any(a <= m.start() and m.end() <= b for a, b in approved):
            return m.group(0)
        return repl(m)

    return pattern.sub(guarded, text)


def _replace_forbidden(text: str, g: _Glossary, language: Language) -> str:
    for f in sorted(g.forbidden(text), key=lambda f: -f.start):
        renderings = f.term.renderings(language.code)
        if not renderings:
            continue
        preferred = renderings[0]
        if g.arabic:
            clitics, _rest = g._grammar.arabic_split_clitics(f.text, f.rendering.startswith("ال"))
            preferred = g._grammar.arabic_attach(clitics, preferred)
        text = text[: f.start] + preferred + text[f.end :]
    return text


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


_CLAUSE = re.compile(r"(?<=[;:,—–])\s+")


def _clauses(sentence: str) -> list[str]:
    parts = [p for p in _CLAUSE.split(sentence) if p.strip()]
    return parts if len(parts) > 1 else [sentence]
