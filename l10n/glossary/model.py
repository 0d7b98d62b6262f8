"""The glossary's data model: concepts (:class:`Term`) and the collection of them (:class:`Glossary`).

The model knows no files: :mod:`l10n.glossary.csvio` and :mod:`l10n.glossary.tbx` turn text into these
objects and back.  Everything is frozen and hashable so compiled matchers can be cached per glossary
and per term without anyone worrying about a term changing under the cache.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "FrozenMap",
    "MatchOptions",
    "Term",
    "Glossary",
    "SourceMatch",
    "TargetMatch",
    "Problem",
    "lang_key",
]


@functools.lru_cache(maxsize=256)
def lang_key(code: str) -> str:
    """Canonical spelling of a language key: ``ar``, ``ar_SY``, ``zh_Hant_TW`` (``-`` becomes ``_``)."""
    parts = code.strip().replace("-", "_").split("_")
    head = parts[0].lower()
    tail = [p.upper() if len(p) == 2 else (p.title() if len(p) == 4 else p) for p in parts[1:]]
    return "_".join([head, *tail])


class FrozenMap(Mapping[str, tuple[str, ...]]):
    """A read-only, hashable ``dict`` of language -> renderings.

    A frozen dataclass holding a plain ``dict`` would be unhashable; this keeps :class:`Term` usable as
    a cache key while still being the ``Mapping`` callers expect.  Insertion order is kept (it is the
    column order of the file the term came from), but equality ignores it.
    """

    __slots__ = ("_data", "_hash")

    def __init__(self, data: Mapping[str, Iterable[str]] | Iterable[tuple[str, Iterable[str]]] = ()) -> None:
        items = data.items() if isinstance(data, Mapping) else data
        clean: dict[str, tuple[str, ...]] = {}
        for lang, values in items:
            if isinstance(values, str):
                values = (values,)
            vals = _clean_list(values)
            if vals:
                clean[lang_key(lang)] = vals
        self._data = clean
        self._hash: int | None = None

    def __getitem__(self, key: str) -> tuple[str, ...]:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(frozenset(self._data.items()))
        return self._hash

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FrozenMap):
            return self._data == other._data
        if isinstance(other, Mapping):
            return self._data == dict(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"FrozenMap({self._data!r})"


def _clean_list(values: Iterable[str]) -> tuple[str, ...]:
    """Strip, drop empties and exact duplicates, keep order (the first rendering is the preferred one)."""
    out: list[str] = []
    for value in values:
        value = value.strip()
        if value and value not in out:
            out.append(value)
    return tuple(out)


@dataclass(frozen=True)
class MatchOptions:
    """How forgiving target-side matching is.

    Arabic-script folding is on by default because newsroom copy and MT output disagree on exactly these
    points (hamza seats, ة/ه, ى/ي, digit shapes) without the term being any less correct.  A project that
    wants its glossary's orthography enforced turns the relevant fold off in ``[tool.l10n.glossary]``.
    Accent-insensitive matching for Latin scripts is off: "Etat islamique" is a typo a reviewer should see.
    """

    fold_alef: bool = True  # أ إ آ ٱ -> ا
    fold_hamza: bool = True  # ؤ -> و, ئ -> ي
    fold_ta_marbuta: bool = True  # ة -> ه
    fold_alef_maqsura: bool = True  # ى -> ي
    fold_digits: bool = True  # ٠-٩ and ۰-۹ -> 0-9
    accent_insensitive: bool = False  # Latin scripts: é = e

    @classmethod
    def from_mapping(cls, table: Mapping[str, Any]) -> MatchOptions:
        """Build from a ``[tool.l10n.glossary]`` table, ignoring keys that are not options."""
        known = {f for f in cls.__dataclass_fields__}
        values = {}
        for key, value in table.items():
            key_ = key.replace("-", "_")
            if key_ in known:
                if not isinstance(value, bool):
                    from l10n.errors import UsageError

                    raise UsageError(f"[tool.l10n.glossary] {key} must be true or false")
                values[key_] = value
        return cls(**values)


@dataclass(frozen=True)
class Term:
    """One concept: its English forms and, per language, approved and forbidden renderings.

    ``path``/``line`` say where it was defined so every problem can point at a real line; they are not
    part of a term's identity (a term read from TBX equals the one exported from CSV).
    """

    id: str
    source: str
    variants: tuple[str, ...] = ()
    translations: Mapping[str, tuple[str, ...]] = field(default_factory=FrozenMap)
    forbidden: Mapping[str, tuple[str, ...]] = field(default_factory=FrozenMap)
    dnt: bool = False
    #: Languages the do-not-translate rule is limited to; empty with ``dnt`` means every language.
    dnt_langs: tuple[str, ...] = ()
    case_sensitive: bool = False
    type: str = ""
    note: str = ""
    #: Per language, how a rendering sits in a sentence: ``("gender=f", "number=pl", "article=no")``
    #: (columns ``<lang>_gender``, ``<lang>_number``, ``<lang>_article``); see :meth:`grammar_of`.
    grammar: Mapping[str, tuple[str, ...]] = field(default_factory=FrozenMap)
    path: str = field(default="", compare=False)
    line: int = field(default=0, compare=False)

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "id", self.id.strip())
        set_(self, "source", self.source.strip())
        variants = (self.variants,) if isinstance(self.variants, str) else self.variants
        set_(self, "variants", tuple(v for v in _clean_list(variants) if v != self.source))
        if not isinstance(self.translations, FrozenMap):
            set_(self, "translations", FrozenMap(self.translations))
        if not isinstance(self.forbidden, FrozenMap):
            set_(self, "forbidden", FrozenMap(self.forbidden))
        raw_langs = (self.dnt_langs,) if isinstance(self.dnt_langs, str) else self.dnt_langs
        dnt_langs = tuple(lang_key(x) for x in _clean_list(raw_langs))
        set_(self, "dnt_langs", dnt_langs)
        if dnt_langs:
            set_(self, "dnt", True)
        set_(self, "type", self.type.strip().lower())
        if not isinstance(self.grammar, FrozenMap):
            set_(self, "grammar", FrozenMap(self.grammar))

    @property
    def forms(self) -> tuple[str, ...]:
        """Every English form of the concept, preferred first."""
        return (self.source, *self.variants) if self.source else self.variants

    @property
    def languages(self) -> tuple[str, ...]:
        """Languages this term says anything about (approved or forbidden), in file order."""
        return tuple(dict.fromkeys([*self.translations, *self.forbidden]))

    def is_dnt(self, lang: str) -> bool:
        """Must the English form appear unchanged in *lang*?"""
        if not self.dnt:
            return False
        if not self.dnt_langs:
            return True
        key = lang_key(lang)
        return key in self.dnt_langs or key.split("_", 1)[0] in self.dnt_langs

    def _lookup(self, table: Mapping[str, tuple[str, ...]], lang: str) -> tuple[str, ...]:
        key = lang_key(lang)
        if key in table:
            return table[key]
        base = key.split("_", 1)[0]
        return table.get(base, ())

    def renderings(self, lang: str) -> tuple[str, ...]:
        """Approved renderings in *lang*, preferred first; ``ar_SY`` falls back to ``ar``.

        A do-not-translate term with no explicit rendering is rendered by its English forms.
        """
        found = self._lookup(self.translations, lang)
        if not found and self.is_dnt(lang):
            return self.forms
        return found

    def grammar_of(self, lang: str) -> dict[str, str]:
        """``{"gender": "f", "number": "sg", "article": "yes"}`` for *lang* (keys absent when unknown).

        ``article``: whether the rendering takes the definite article in running text (``la coalición
        internacional``, but ``Palmira``, ``SANA``).  Without a value, names (places, people) and
        all-capital abbreviations take none and other types do.
        """
        out = dict(item.split("=", 1) for item in self._lookup(self.grammar, lang) if "=" in item)
        return out

    def forbidden_in(self, lang: str) -> tuple[str, ...]:
        """Forbidden renderings in *lang* (with the same ``ar_SY`` -> ``ar`` fallback)."""
        return self._lookup(self.forbidden, lang)

    @property
    def where(self) -> str:
        """``path:line`` for messages."""
        return f"{self.path or '<glossary>'}:{self.line}"


@dataclass(frozen=True)
class Glossary:
    """All concepts of a project, in file order.

    Matchers compiled from a glossary are cached on the instance (``_cache``), which is why a glossary
    is immutable: build a new one (:meth:`merge`) rather than editing it.
    """

    terms: tuple[Term, ...] = ()
    #: Target languages in column order (may include languages no term has filled yet).
    languages: tuple[str, ...] = ()
    options: MatchOptions = field(default_factory=MatchOptions, compare=False)
    _cache: dict[Any, Any] = field(default_factory=dict, init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        terms = tuple(self.terms)
        object.__setattr__(self, "terms", terms)
        langs = [lang_key(x) for x in self.languages]
        for term in terms:
            langs.extend(term.languages)
        object.__setattr__(self, "languages", tuple(dict.fromkeys(langs)))

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms)

    def __bool__(self) -> bool:
        return bool(self.terms)

    def get(self, term_id: str) -> Term | None:
        """The term with this id, or None."""
        index = self._cache.get("by_id")
        if index is None:
            index = {}
            for term in self.terms:
                index.setdefault(term.id, term)
            self._cache["by_id"] = index
        return index.get(term_id)

    def merge(self, other: Glossary) -> Glossary:
        """This glossary's terms followed by *other*'s (duplicates are left for :func:`validate`)."""
        return Glossary(self.terms + other.terms, self.languages + other.languages, self.options)

    def with_options(self, options: MatchOptions) -> Glossary:
        return Glossary(self.terms, self.languages, options)


@dataclass(frozen=True)
class SourceMatch:
    """An English term found in source text.  ``form`` is the glossary form that was hit."""

    term: Term
    start: int
    end: int
    text: str
    form: str

    @property
    def is_variant(self) -> bool:
        """True when a variant (abbreviation, expansion, spelling) matched rather than the preferred form."""
        return self.form != self.term.source


@dataclass(frozen=True)
class TargetMatch:
    """A rendering found in target text; offsets index the original (unnormalised) text.

    ``prefix`` is the part of ``text`` that is not the rendering itself: Arabic proclitics (وب، لل…)
    or a French elision (l', d').
    """

    term: Term
    lang: str
    start: int
    end: int
    text: str
    rendering: str
    prefix: str = ""
    forbidden: bool = False


@dataclass(frozen=True)
class Problem:
    """One finding of :func:`l10n.glossary.validate`; ``str()`` is the line the CLI prints."""

    path: str
    line: int
    severity: str  # "error" | "warning"
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}: {self.message} [{self.code}]"
