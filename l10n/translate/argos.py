"""The Argos Translate engine, driven directly: SentencePiece + CTranslate2, in batches.

``argostranslate.translate.translate()`` is built for one string at a time: it splits every call into
sentences with a neural sentence splitter (MiniSBD or Stanza: hundreds of MB of torch at import) and
hands CTranslate2 batches of 32 *tokens*, i.e. one sentence per batch.  We get sentences already
segmented, so this engine keeps only what matters from Argos:

- packages are found and read with Argos's own package API (:mod:`l10n.translate.models`);
- per pair, one ``ctranslate2.Translator`` over the package's ``model/`` and one SentencePiece
  processor over its ``sentencepiece.model``, loaded once and cached on the engine;
- the same decoding options as Argos (``replace_unknowns=True``, ``length_penalty=0.2``, beam
  ``max(n_best, beam_size)`` with ``beam_size`` 4 by default, the package's ``target_prefix`` token if
  its metadata has one, removed again from the output), with the same results — but
  ``replace_unknowns`` is only paid for by the sentences it can change (see ``_translate``);
- no pass over the output that Argos does for historical reasons and that would damage our text:
  Argos turns every ``_`` in a translation into a space.

Per :meth:`ArgosEngine.translate` call: blank inputs are answered without the model, duplicates are
translated once, the rest are tokenised in one SentencePiece call, sorted by length (so batches carry
little padding) and sent to ``translate_batch`` in one call that CTranslate2 splits into batches of
``max_batch_size`` tokens; the hypotheses are decoded in one SentencePiece call and put back in input
order (a second call handles the few sentences that need ``replace_unknowns``).  A pair without a
direct package is pivoted through English when both legs are installed: the whole batch goes through
the first leg (1-best), then the second (n-best).
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from l10n.errors import UsageError
from l10n.translate.engine import EngineError, MissingModelError, translate_distinct
from l10n.translate.models import ARGOS_EXTRA_HINT, ArgosPackage, find_argos_packages

__all__ = ["ArgosEngine", "PIVOT"]

#: The language every pivot goes through (all Argos packages are to or from English).
PIVOT = "en"

#: Decoding options Argos itself uses (argostranslate/translate.py, apply_packaged_translation).
ARGOS_DECODING = {"replace_unknowns": True, "length_penalty": 0.2}


@dataclass
class _Loaded:
    """A package's translator and tokenizer, loaded once."""

    package: ArgosPackage
    translator: Any
    sp: Any | None  # sentencepiece.SentencePieceProcessor, or None for BPE packages
    argos_tokenizer: Any | None = None  # argostranslate.tokenizer.BPETokenizer for BPE packages
    unk_token: str = "<unk>"

    def has_unknown(self, tokens: list[str]) -> bool:
        """Whether the vocabulary lacks a source piece (BPE packages: assume it may)."""
        if self.sp is None:
            return True
        unk = self.sp.unk_id()
        return any(self.sp.piece_to_id(piece) == unk for piece in tokens)

    def encode(self, texts: list[str]) -> list[list[str]]:
        if self.sp is not None:
            return self.sp.encode(texts, out_type=str)
        return [self.argos_tokenizer.encode(t) for t in texts]

    def decode(self, batches: list[list[str]]) -> list[str]:
        if self.sp is not None:
            return self.sp.decode(batches) if batches else []
        return [self.argos_tokenizer.decode(tokens) for tokens in batches]


class ArgosEngine:
    """Argos Translate packages through CTranslate2, batched (see the module docstring).

    Options: *beam_size* (Argos's default, 4; raised to *n_best* when that is larger), *threads*
    (CTranslate2 intra-op threads; default: the CPUs this process may use), *device* ("cpu", "cuda"
    or "auto"), *compute_type* (CTranslate2's; "default" keeps the package's int8 weights),
    *max_batch_size* and *batch_type* (how CTranslate2 cuts the batch; default 1024 tokens: as fast as
    larger batches on the base-size stand-in, with less memory),
    *max_decoding_length* (cap on output tokens; also guards against runaway output), *pivot*
    (translate through English when no direct package exists), *packages_dirs* (override the
    directories searched, see :func:`l10n.translate.models.argos_package_dirs`) and *decoding* (extra
    keyword arguments for ``Translator.translate_batch``).
    """

    name = "argos"

    def __init__(
        self,
        *,
        beam_size: int = 4,
        threads: int | None = None,
        device: str = "cpu",
        compute_type: str = "default",
        max_batch_size: int = 1024,
        batch_type: str = "tokens",
        max_decoding_length: int = 256,
        pivot: bool = True,
        packages_dirs: Sequence[str | os.PathLike[str]] | None = None,
        decoding: dict[str, Any] | None = None,
    ):
        if not isinstance(beam_size, int) or beam_size < 1:
            raise UsageError(f"beam size must be a positive integer, not {beam_size!r}")
        if threads is not None and (not isinstance(threads, int) or threads < 1):
            raise UsageError(f"threads must be a positive integer, not {threads!r}")
        if device not in ("cpu", "cuda", "auto"):
            raise UsageError(f"device must be cpu, cuda or auto, not {device!r}")
        if batch_type not in ("tokens", "examples"):
            raise UsageError(f"batch_type must be 'tokens' or 'examples', not {batch_type!r}")
        self.beam_size = beam_size
        self.threads = threads or _usable_cpus()
        self.device = device
        self.compute_type = compute_type
        self.max_batch_size = max_batch_size
        self.batch_type = batch_type
        self.max_decoding_length = max_decoding_length
        self.pivot = pivot
        self.decoding = dict(decoding or {})
        self._dirs = [Path(d) for d in packages_dirs] if packages_dirs is not None else None
        self._packages: dict[tuple[str, str], ArgosPackage] | None = None
        self._loaded: dict[Path, _Loaded] = {}
        self._lock = threading.Lock()

    # -- discovery ----------------------------------------------------------------------------------

    def packages(self) -> dict[tuple[str, str], ArgosPackage]:
        """Installed packages by pair (the highest version where several give the same pair)."""
        if self._packages is None:
            best: dict[tuple[str, str], ArgosPackage] = {}
            for pkg in find_argos_packages(self._dirs):
                if pkg.pair not in best or pkg.version_key() > best[pkg.pair].version_key():
                    best[pkg.pair] = pkg
            self._packages = best
        return self._packages

    def route(self, source: str, target: str) -> list[ArgosPackage]:
        """The packages that translate *source* → *target*: one, or two through :data:`PIVOT`."""
        packages = self.packages()
        if (source, target) in packages:
            return [packages[(source, target)]]
        if self.pivot and PIVOT not in (source, target):
            first, second = packages.get((source, PIVOT)), packages.get((PIVOT, target))
            if first is not None and second is not None:
                return [first, second]
        raise MissingModelError(source, target, engine="argos")

    def pairs(self) -> list[tuple[str, str]]:
        direct = set(self.packages())
        pairs = set(direct)
        if self.pivot:
            into = {s for s, t in direct if t == PIVOT}
            out_of = {t for s, t in direct if s == PIVOT}
            pairs |= {(s, t) for s in into for t in out_of if s != t}
        return sorted(pairs)

    def version(self, pair: tuple[str, str] | None = None) -> str:
        """``"1.11.0 (ctranslate2 4.8.5); en→ar 1.0"``: Argos, CTranslate2 and the models for *pair* (or all)."""
        from importlib.metadata import PackageNotFoundError, version

        found = {}
        for dist in ("argostranslate", "ctranslate2"):
            try:
                found[dist] = version(dist)
            except PackageNotFoundError:
                found[dist] = "?"
        packages = self.route(*pair) if pair else [self.packages()[p] for p in sorted(self.packages())]
        models = ", ".join(f"{p.from_code}→{p.to_code} {p.package_version}" for p in packages)
        head = f"{found['argostranslate']} (ctranslate2 {found['ctranslate2']})"
        return head + (f"; {models}" if models else "")

    # -- translation --------------------------------------------------------------------------------

    def translate(
        self, texts: Sequence[str], source: str, target: str, *, n_best: int = 1
    ) -> list[list[str]]:
        def run(route: list[ArgosPackage], unique: list[str]) -> list[list[str]]:
            current = unique
            for leg in route[:-1]:  # through the pivot language: best hypothesis only
                current = [hyps[0] for hyps in self._translate(leg, current, 1)]
            return self._translate(route[-1], current, n_best)

        return translate_distinct(texts, source, target, n_best, self.route, run)

    def _translate(self, package: ArgosPackage, texts: list[str], n_best: int) -> list[list[str]]:
        """One leg: tokenise, sort by length, ``translate_batch``, decode, restore order.

        ``replace_unknowns`` (Argos's choice: an ``<unk>`` in the output becomes the source token it
        attends to most, which is what brings back characters the vocabulary lacks, such as our
        ``⟦0⟧`` placeholders) only rewrites finished hypotheses, yet costs 15-20 % on every sentence.
        So it is asked for only where it can change something: sentences with an unknown source
        piece, and any other whose output turns out to hold ``<unk>`` (translated again, with it).
        The result is the same as passing it for every sentence.
        """
        loaded = self._load(package)
        tokens = loaded.encode(texts)
        order = sorted(range(len(texts)), key=lambda i: len(tokens[i]))
        options = {
            **ARGOS_DECODING,
            "beam_size": max(self.beam_size, n_best),
            "num_hypotheses": n_best,
            "max_batch_size": self.max_batch_size,
            "batch_type": self.batch_type,
            "max_decoding_length": self.max_decoding_length,
            **self.decoding,
        }
        hypotheses: list[list[list[str]]] = [[] for _ in texts]
        if options.get("replace_unknowns"):
            redo = [i for i in order if loaded.has_unknown(tokens[i])]
            rest = [i for i in order if not loaded.has_unknown(tokens[i])]
            plain = {**options, "replace_unknowns": False}
            for i, hyps in zip(rest, self._run(loaded, [tokens[i] for i in rest], plain), strict=True):
                if any(loaded.unk_token in h for h in hyps):
                    redo.append(i)
                else:
                    hypotheses[i] = hyps
            redo.sort(key=lambda i: len(tokens[i]))
        else:
            redo = order
        for i, hyps in zip(redo, self._run(loaded, [tokens[i] for i in redo], options), strict=True):
            hypotheses[i] = hyps
        counts = [len(h) for h in hypotheses]
        decoded = iter(loaded.decode([h for hyps in hypotheses for h in hyps]))
        out: list[list[str]] = []
        for count in counts:
            texts_i: list[str] = []
            for _ in range(count):
                text = next(decoded).replace("▁", " ").strip()
                if text not in texts_i:
                    texts_i.append(text)
            out.append(texts_i or [""])
        return out

    @staticmethod
    def _run(loaded: _Loaded, batch: list[list[str]], options: dict[str, Any]) -> list[list[list[str]]]:
        """``translate_batch`` → per sentence, its hypotheses as token lists (target prefix removed)."""
        if not batch:
            return []
        prefix = loaded.package.target_prefix
        if prefix:
            options = {**options, "target_prefix": [[prefix]] * len(batch)}
        try:
            results = loaded.translator.translate_batch(batch, **options)
        except (RuntimeError, ValueError) as exc:
            pair = f"{loaded.package.from_code}→{loaded.package.to_code}"
            raise EngineError(f"CTranslate2 failed on the {pair} model: {exc}") from exc
        return [[h[1:] if prefix and h[:1] == [prefix] else h for h in r.hypotheses] for r in results]

    def _load(self, package: ArgosPackage) -> _Loaded:
        with self._lock:
            loaded = self._loaded.get(package.path)
            if loaded is None:
                loaded = self._loaded[package.path] = self._open(package)
            return loaded

    def _open(self, package: ArgosPackage) -> _Loaded:
        try:
            import ctranslate2
        except ImportError as exc:
            raise EngineError(f"ctranslate2 is not installed: {ARGOS_EXTRA_HINT}") from exc
        if not (package.model_dir / "model.bin").is_file():
            raise EngineError(f"{package.path}: broken Argos package (no model/model.bin); reinstall it")
        try:
            translator = ctranslate2.Translator(
                str(package.model_dir),
                device=self.device,
                compute_type=self.compute_type,
                inter_threads=1,
                intra_threads=self.threads,
            )
        except (RuntimeError, ValueError) as exc:
            raise EngineError(
                f"{package.path}: cannot load the CTranslate2 model on {self.device}: {exc}"
            ) from exc
        unk = _config(package).get("unk_token") or "<unk>"
        sp_path = package.sentencepiece_model
        if sp_path is not None:
            import sentencepiece

            sp = sentencepiece.SentencePieceProcessor(model_file=str(sp_path))
            return _Loaded(package, translator, sp, unk_token=unk)
        if (package.path / "bpe.model").is_file():
            from argostranslate.tokenizer import BPETokenizer

            bpe = BPETokenizer(package.path / "bpe.model", package.from_code, package.to_code)
            return _Loaded(package, translator, None, bpe, unk_token=unk)
        raise EngineError(f"{package.path}: broken Argos package (no sentencepiece.model or bpe.model)")


def _config(package: ArgosPackage) -> dict[str, Any]:
    """The CTranslate2 model's ``config.json`` (special tokens), or {} if it has none."""
    try:
        config = json.loads((package.model_dir / "config.json").read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return config if isinstance(config, dict) else {}


def _usable_cpus() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)
