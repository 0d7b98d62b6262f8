"""The machine-translation engine interface, a registry of engines, and a deterministic engine for tests.

An engine translates *already segmented* sentences in batches and returns, per sentence, up to
``n_best`` hypotheses, best first: glossary enforcement reranks them later, so an engine should not
collapse them to one.  Engines are looked up by name through :func:`get_engine`; the built-in ones are
registered as lazy factories, so importing this module never imports an MT library (no torch, no
CTranslate2, no argostranslate): only :mod:`l10n.translate.argos` does, and only when an Argos engine
is built.

Contract every engine keeps (and the tests of each engine check):

- ``translate`` returns a list as long as its input, in input order; each item is a non-empty list of
  at most ``n_best`` distinct strings, best first.  An empty or blank input translates to ``[""]``.
- Leading and trailing white space of an input is not translated: outputs are stripped.
- A pair the engine cannot translate raises :class:`MissingModelError`, whose message names the command
  that installs the missing model.  Other failures of the engine raise :class:`EngineError`; both are
  :class:`~l10n.errors.L10nError`, so the CLI reports them as one line, exit code 2.
"""

from __future__ import annotations

import importlib
import inspect
import re
import unicodedata
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import Any, Protocol, runtime_checkable

from l10n.errors import L10nError, UsageError

__all__ = [
    "Engine",
    "EngineError",
    "MissingModelError",
    "DeterministicEngine",
    "get_engine",
    "register_engine",
    "available_engines",
    "check_texts",
    "translate_distinct",
]


@runtime_checkable
class Engine(Protocol):
    """What the translate stage needs from an MT engine."""

    #: Registry name: "argos", "apertium", "deterministic", …
    name: str

    def version(self, pair: tuple[str, str] | None = None) -> str:
        """Engine and model versions, short enough for a PO translator comment; with *pair*, the
        version of the model that translates that pair (engines with one model ignore it)."""
        ...

    def pairs(self) -> list[tuple[str, str]]:
        """The (source, target) language pairs this engine can translate now, sorted."""
        ...

    def translate(
        self, texts: Sequence[str], source: str, target: str, *, n_best: int = 1
    ) -> list[list[str]]:
        """Translate segmented sentences; per input, up to *n_best* distinct hypotheses, best first."""
        ...


class EngineError(L10nError):
    """An engine is unusable or failed: not installed, crashed, timed out (message says which)."""


class MissingModelError(EngineError):
    """No installed model translates *source* → *target*; the message says how to install one."""

    def __init__(self, source: str, target: str, *, engine: str = "argos", hint: str | None = None):
        self.source, self.target, self.engine = source, target, engine
        if hint is None:
            if engine == "argos":
                hint = (
                    f"run 'l10n models install {source} {target}' (needs network) or "
                    f"'l10n models install PATH/translate-{source}_{target}-1_0.argosmodel'"
                )
            else:
                hint = "install a model for it, or pick another engine with --engine"
        super().__init__(f"no {_ENGINE_TITLES.get(engine, engine)} model for {source}→{target}: {hint}")


_ENGINE_TITLES = {"argos": "Argos", "apertium": "Apertium", "deterministic": "deterministic"}


def check_texts(texts: Sequence[str], n_best: int) -> None:
    """Reject the argument mistakes every engine would otherwise turn into confusing results."""
    if isinstance(texts, str):
        raise TypeError("translate() takes a sequence of sentences, not one string")
    if not isinstance(n_best, int) or n_best < 1:
        raise UsageError(f"n_best must be a positive integer, not {n_best!r}")
    for text in texts:
        if not isinstance(text, str):
            raise TypeError(f"translate() got a {type(text).__name__} among the sentences, not a str")


def translate_distinct(
    texts: Sequence[str],
    source: str,
    target: str,
    n_best: int,
    route: Callable[[str, str], Any],
    run: Callable[[Any, list[str]], list[list[str]]],
) -> list[list[str]]:
    r"""The contract every engine keeps, in one place: arguments checked, sentences stripped, the
    identity pair returned as is, then *route* resolved (so a missing model is an error even for blank
    input), and *run*\(route, distinct non-blank sentences) called once: blanks never reach a model and
    duplicates are translated once."""
    check_texts(texts, n_best)
    texts = [t.strip() for t in texts]
    if source == target:
        return [[t] for t in texts]
    plan = route(source, target)
    unique = list(dict.fromkeys(t for t in texts if t))
    done = dict(zip(unique, run(plan, unique), strict=True)) if unique else {}
    return [done[t] if t else [""] for t in texts]


# --------------------------------------------------------------------------------------------------
# Registry


class _Lazy:
    """A factory named as ``"module:attribute"``, imported on first use."""

    def __init__(self, target: str):
        self.target = target

    def resolve(self) -> Callable[..., Engine]:
        module, _, attr = self.target.partition(":")
        return getattr(importlib.import_module(module), attr)


_REGISTRY: dict[str, Callable[..., Engine] | _Lazy] = {
    "argos": _Lazy("l10n.translate.argos:ArgosEngine"),
    "apertium": _Lazy("l10n.translate.apertium:ApertiumEngine"),
    "deterministic": _Lazy("l10n.translate.engine:DeterministicEngine"),
}


def register_engine(name: str, factory: Callable[..., Engine], *, replace: bool = False) -> None:
    """Make ``get_engine(name, **options)`` call ``factory(**options)``.

    A name already registered is refused unless *replace* is true, so a plugin cannot silently shadow
    a built-in engine.
    """
    if not re.fullmatch(r"[a-z][a-z0-9_-]*", name):
        raise ValueError(f"engine name {name!r}: use lower-case letters, digits, '-' and '_'")
    if not callable(factory):
        raise TypeError("factory must be callable")
    if name in _REGISTRY and not replace:
        raise ValueError(f"an engine named {name!r} is already registered (pass replace=True)")
    _REGISTRY[name] = factory


def available_engines() -> list[str]:
    """Registered engine names, sorted (registered is not the same as usable: see each engine)."""
    return sorted(_REGISTRY)


def get_engine(name: str, **options: object) -> Engine:
    """Build the engine registered as *name* with *options*.

    Unknown names and options the engine does not take are user errors (:class:`UsageError`), so a
    typo on the command line is one clear line rather than a traceback.
    """
    try:
        entry = _REGISTRY[name]
    except KeyError:
        raise UsageError(
            f"unknown MT engine {name!r}: choose one of {', '.join(available_engines())}"
        ) from None
    factory = entry.resolve() if isinstance(entry, _Lazy) else entry
    try:
        signature = inspect.signature(factory)
    except (TypeError, ValueError):  # pragma: no cover - builtins without a signature
        signature = None
    if signature is not None:
        try:
            signature.bind(**options)
        except TypeError:
            accepted = [
                p.name
                for p in signature.parameters.values()
                if p.kind in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD)
            ]
            bad = sorted(set(options) - set(accepted))
            raise UsageError(
                f"engine {name!r} does not take option(s) {', '.join(bad) or '(given)'}; "
                f"it takes: {', '.join(accepted) or 'none'}"
            ) from None
    return factory(**options)


# --------------------------------------------------------------------------------------------------
# Deterministic engine

#: Languages written right to left, with the script the deterministic engine transliterates into.
_RTL_SCRIPT = {
    "ar": "arabic", "fa": "arabic", "ur": "arabic", "ps": "arabic", "ckb": "arabic", "sd": "arabic",
    "ug": "arabic", "ks": "arabic", "he": "hebrew", "yi": "hebrew",
}  # fmt: skip

_LATIN = "abcdefghijklmnopqrstuvwxyz"
_ARABIC = dict(zip(_LATIN, "ابكديفغهيجكلمنوبقرستوفوكيز", strict=True))
_HEBREW = dict(zip(_LATIN, "אבקדעפגהיזכלמנופקרסטוווקיז", strict=True))
_SCRIPTS = {"arabic": _ARABIC, "hebrew": _HEBREW}

#: A small built-in lexicon, so output reads like a translation in tests and demos.
DEFAULT_LEXICON: dict[str, dict[str, str | list[str]]] = {
    "ar": {
        "the": "ال", "and": "و", "in": "في", "of": "من", "attack": ["هجوم", "اعتداء"],
        "government": "الحكومة", "security": "الأمن", "forces": "قوات", "syria": "سوريا",
        "syrian": "السوري", "state": "دولة", "islamic": "الإسلامية", "city": "مدينة",
    },
    "fr": {
        "the": "le", "and": "et", "in": "dans", "of": "de", "attack": ["attaque", "assaut"],
        "government": "gouvernement", "security": "sécurité", "forces": "forces", "syria": "Syrie",
    },
    "es": {
        "the": "el", "and": "y", "in": "en", "of": "de", "attack": ["ataque", "asalto"],
        "government": "gobierno", "security": "seguridad", "forces": "fuerzas", "syria": "Siria",
    },
}  # fmt: skip

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


class DeterministicEngine:
    """A pure, dependency-free stand-in engine whose output is predictable from its input.

    Per sentence and target language:

    1. Each word (a run of letters, apostrophes inside allowed) is looked up, lower-cased, in the
       lexicon for the target (``DEFAULT_LEXICON`` merged with *lexicon*).  A value may be a list of
       alternatives: hypothesis *i* uses alternative ``i % len(list)``, which is how ``n_best`` > 1
       yields distinct hypotheses.  A found word keeps the source word's capitalisation on
       left-to-right targets.
    2. A word not in the lexicon is transliterated letter by letter into the target script for
       right-to-left targets (Arabic script for ar/fa/ur/…, Hebrew for he/yi), so checks such as "has
       target-script letters" pass; on other targets it is kept as is.
    3. Anything that is not a letter — digits, punctuation, Markdown, placeholders such as ``⟦0⟧`` —
       is copied unchanged, in place.
    4. Left-to-right targets get a ``[xx] `` marker in front of the sentence so it is visibly
       "translated" even when no word was in the lexicon.

    ``n_best`` hypotheses are the distinct results of step 1 for *i* = 0 … n_best-1 (so fewer than
    ``n_best`` when the sentence has no ambiguous word).  Identical input always gives identical output,
    independent of batch composition or order.

    Failure simulation, so retry and re-split logic can be tested: an input for which *fail_on* matches
    (a collection of substrings, or a predicate), or with more than *max_words* words, is "not
    translated": returned unchanged (stripped) as its only hypothesis.  With *fail_attempts* = k > 0
    such an input fails only on its first k attempts within this engine instance, then translates.

    Every call is recorded in :attr:`calls` as ``(source, target, list_of_texts)``, so tests can count
    engine round trips.
    """

    name = "deterministic"

    def __init__(
        self,
        *,
        lexicon: Mapping[str, Mapping[str, str | Sequence[str]]] | None = None,
        pairs: Iterable[tuple[str, str]] | None = None,
        fail_on: Collection[str] | Callable[[str], bool] | None = None,
        max_words: int | None = None,
        fail_attempts: int = 0,
    ):
        merged: dict[str, dict[str, list[str]]] = {}
        for source in (DEFAULT_LEXICON, lexicon or {}):
            for lang, words in source.items():
                table = merged.setdefault(lang, {})
                for word, value in words.items():
                    table[word.lower()] = [value] if isinstance(value, str) else list(value)
        self._lexicon = merged
        self._pairs = (
            sorted(set(pairs)) if pairs is not None else [("en", t) for t in ("ar", "es", "fr", "he")]
        )
        if fail_on is None or callable(fail_on):
            self._fail_on = fail_on
        else:
            needles = tuple(fail_on)
            self._fail_on = lambda text: any(n in text for n in needles)
        self._max_words = max_words
        self._fail_attempts = fail_attempts
        self._attempts: dict[str, int] = {}
        self.calls: list[tuple[str, str, list[str]]] = []

    def version(self, pair: tuple[str, str] | None = None) -> str:  # noqa: ARG002 - one model for every pair
        return "1.0"

    def pairs(self) -> list[tuple[str, str]]:
        return list(self._pairs)

    def translate(
        self, texts: Sequence[str], source: str, target: str, *, n_best: int = 1
    ) -> list[list[str]]:
        check_texts(texts, n_best)
        texts = list(texts)
        self.calls.append((source, target, texts))
        return [self._one(text.strip(), target, n_best) for text in texts]

    def _fails(self, text: str) -> bool:
        failing = (self._fail_on is not None and self._fail_on(text)) or (
            self._max_words is not None and len(_WORD.findall(text)) > self._max_words
        )
        if not failing:
            return False
        if self._fail_attempts <= 0:
            return True
        seen = self._attempts.get(text, 0)
        self._attempts[text] = seen + 1
        return seen < self._fail_attempts

    def _one(self, text: str, target: str, n_best: int) -> list[str]:
        if not text:
            return [""]
        if self._fails(text):
            return [text]
        base = target.replace("-", "_").split("_", 1)[0].lower()
        table = self._lexicon.get(target, self._lexicon.get(base, {}))
        script = _SCRIPTS.get(_RTL_SCRIPT.get(base, ""))
        hypotheses: list[str] = []
        for i in range(n_best):
            out = _WORD.sub(lambda m, i=i: self._word(m.group(), table, script, i), text)
            if script is None:
                out = f"[{target}] {out}"
            if out not in hypotheses:
                hypotheses.append(out)
        return hypotheses

    @staticmethod
    def _word(word: str, table: Mapping[str, list[str]], script: Mapping[str, str] | None, i: int) -> str:
        options = table.get(word.lower())
        if options:
            found = options[i % len(options)]
            if script is None and word[:1].isupper() and found[:1].islower():
                found = found[:1].upper() + found[1:]
            return found
        if script is None:
            return word
        return "".join(script.get(_latin_base(ch), ch) for ch in word)


def _latin_base(ch: str) -> str:
    """Map "é" to "e" and "B" to "b"; anything that is not a Latin letter is returned as is."""
    base = unicodedata.normalize("NFKD", ch)[:1].lower()
    return base if base in _ARABIC else ch
