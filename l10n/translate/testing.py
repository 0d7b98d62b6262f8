"""Build real Argos packages with random weights, for tests and benchmarks (no download, no training).

No real Argos model can be fetched here, so tests exercise the whole Argos path — package format,
Argos's installer, SentencePiece, CTranslate2, batching, decoding — with packages built on the spot:

- :func:`build_tiny_argos_package`: a SentencePiece model trained on a few fixture sentences and a
  2+2-layer CTranslate2 Transformer (d_model 64) with seeded random weights, zipped as
  ``translate-<from>_<to>-1_0.argosmodel`` exactly like a real package.  About a second to build.
  Its output is gibberish in the vocabulary of both languages; only the plumbing is real.
- :func:`build_base_size_stand_in`: the same at the size of Argos's base models (6+6 layers,
  d_model 512, 8 heads, FFN 2048, 32k vocabulary, int8: ~94 MB), a fair *speed* proxy for
  benchmarks.  Never commit one; benchmarks cache it under ``benchmarks/_work/``.

Both need the ``mt`` extra (ctranslate2, sentencepiece, numpy); they are imported inside the functions.

- :class:`ScriptedEngine`: an engine that answers from a script of hypotheses (``{source: [hyp, …]}``),
  for what no deterministic rule can produce: model-like output a fluent writer would write, with
  Arabic clitics, assimilated لل and wrong renderings glued to them (``tests/fixtures/arabic_hypotheses.json``).
"""

from __future__ import annotations

import io
import json
import os
import shutil
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

__all__ = [
    "build_tiny_argos_package",
    "build_base_size_stand_in",
    "build_argos_package",
    "package_file_name",
    "FIXTURE_TEXT",
    "ScriptedEngine",
]


class ScriptedEngine:
    """An MT engine that answers from a script: ``{source sentence: [hypothesis, …]}`` (best first).

    A sentence not in the script comes back unchanged (as an engine that failed to translate it), so
    enforcement's own probes and placeholders cannot be mistaken for model output.  Every call is
    recorded in :attr:`calls`.
    """

    name = "scripted"

    def __init__(self, script: dict[str, list[str] | str], pairs: Sequence[tuple[str, str]] = (("en", "ar"),)):
        self.script = {k: [v] if isinstance(v, str) else list(v) for k, v in script.items()}
        self._pairs = list(pairs)
        self.calls: list[str] = []

    def version(self) -> str:
        return "script"

    def pairs(self) -> list[tuple[str, str]]:
        return list(self._pairs)

    def translate(self, texts: Sequence[str], source: str, target: str, *, n_best: int = 1) -> list[list[str]]:
        from l10n.translate.engine import check_texts

        check_texts(texts, n_best)
        self.calls.extend(texts)
        return [self.script.get(t.strip(), [t.strip()])[:n_best] for t in texts]

#: Fixture sentences per language, enough for a few hundred SentencePiece pieces.
FIXTURE_TEXT: dict[str, list[str]] = {
    "en": [
        "In the summer of 2015, Islamic State terrorists overran the ancient city of Palmyra.",
        "Just over a decade later, on 13 December, it once again attacked the city.",
        "An operative infiltrated the security forces to target a meeting near the desert.",
        "The assault resulted in the deaths of two soldiers and one civilian.",
        "The news agency reported that two members of the security forces were also injured.",
        "The spokesperson for the Ministry of Interior said the attacker held extremist views.",
        "The president pledged a harsh response but did not blame the government.",
        "Congress is in the process of repealing the Caesar Act and its sanctions.",
        "The government has been making efforts to build confidence with the coalition.",
        "This attack is a serious setback for Damascus and could have far-reaching implications.",
        "The incident also indicates a shift in strategy, from passive planning to active engagement.",
        "It calls for an urgent reassessment of recruitment protocols for new personnel.",
        "Any such flaw could jeopardise growing cooperation between the two countries.",
        "Cells were dismantled in the countryside on 9 November 2025.",
        "Officials met in the capital on Tuesday to discuss the security situation.",
        "Prices of bread and fuel rose sharply across the region last month.",
        "The ministry said more than 5,000 new recruits had joined the forces.",
        "Talks between the parties are expected to resume next week in Geneva.",
        "Local residents described hearing gunfire late into the night.",
        "The United Nations called for restraint and the protection of civilians.",
    ],
    "ar": [
        "في صيف عام 2015 اجتاح مقاتلو تنظيم الدولة الإسلامية مدينة تدمر الأثرية.",
        "بعد أكثر من عقد بقليل، في 13 كانون الأول، هاجم التنظيم المدينة مرة أخرى.",
        "تسلل أحد العناصر إلى قوات الأمن لاستهداف اجتماع قرب البادية.",
        "أسفر الهجوم عن مقتل جنديين ومدني واحد.",
        "أفادت وكالة الأنباء بإصابة عنصرين من قوات الأمن الداخلي.",
        "قال المتحدث باسم وزارة الداخلية إن المهاجم كان يحمل فكرا متطرفا.",
        "تعهد الرئيس برد قاس لكنه لم يحمل الحكومة المسؤولية.",
        "يعمل الكونغرس على إلغاء قانون قيصر والعقوبات المفروضة بموجبه.",
        "تبذل الحكومة جهودا لبناء الثقة مع التحالف الدولي.",
        "يشكل هذا الهجوم انتكاسة خطيرة لدمشق وقد تكون له تداعيات بعيدة المدى.",
        "يدل الحادث أيضا على تحول في الاستراتيجية من التخطيط إلى المواجهة.",
        "يستدعي ذلك مراجعة عاجلة لبروتوكولات تجنيد العناصر الجدد.",
        "التقى المسؤولون في العاصمة يوم الثلاثاء لبحث الوضع الأمني.",
        "ارتفعت أسعار الخبز والوقود بشكل حاد في المنطقة الشهر الماضي.",
        "دعت الأمم المتحدة إلى ضبط النفس وحماية المدنيين.",
    ],
    "es": [
        "En el verano de 2015, los terroristas del Estado Islámico invadieron la antigua ciudad de Palmira.",
        "Poco más de una década después, el 13 de diciembre, volvió a atacar la ciudad.",
        "Un agente se infiltró en las fuerzas de seguridad para atacar una reunión cerca del desierto.",
        "El asalto causó la muerte de dos soldados y un civil.",
        "El ministerio dijo que más de 5.000 nuevos reclutas se habían unido a las fuerzas.",
        "Las Naciones Unidas pidieron moderación y la protección de los civiles.",
        "Los precios del pan y del combustible subieron bruscamente el mes pasado.",
        "Las conversaciones entre las partes se reanudarán la próxima semana en Ginebra.",
    ],
    "fr": [
        "À l'été 2015, les terroristes de l'État islamique ont envahi l'antique cité de Palmyre.",
        "Un peu plus de dix ans plus tard, le 13 décembre, il a de nouveau attaqué la ville.",
        "Un agent a infiltré les forces de sécurité pour viser une réunion près du désert.",
        "L'assaut a causé la mort de deux soldats et d'un civil.",
        "Le ministère a déclaré que plus de 5 000 nouvelles recrues avaient rejoint les forces.",
        "Les Nations unies ont appelé à la retenue et à la protection des civils.",
        "Les prix du pain et du carburant ont fortement augmenté le mois dernier.",
        "Les pourparlers entre les parties reprendront la semaine prochaine à Genève.",
    ],
}

_SPECIALS = ["<unk>", "<blank>", "<s>", "</s>"]


def package_file_name(from_code: str, to_code: str, package_version: str = "1.0") -> str:
    """``translate-en_ar-1_0.argosmodel``: the name Argos's index gives its packages."""
    return f"translate-{from_code}_{to_code}-{package_version.replace('.', '_')}.argosmodel"


#: Model sizes: a tiny real translator for tests, and the size of Argos's base models for benchmarks.
TINY = {"layers": 2, "d_model": 64, "heads": 4, "ffn": 128, "vocab_size": 320}
BASE_SIZE = {"layers": 6, "d_model": 512, "heads": 8, "ffn": 2048, "vocab_size": 32000, "sp_vocab_size": 4000}


def build_tiny_argos_package(
    dest_dir: str | os.PathLike[str],
    from_code: str = "en",
    to_code: str = "ar",
    corpus: list[str] | None = None,
    **options: Any,
) -> Path:
    """A real, tiny Argos package file in *dest_dir* (2+2 layers, d_model 64, ~300 pieces); its path.

    *options* go to :func:`build_argos_package` (``package_version``, ``seed``, ``target_prefix`` …).
    """
    return build_argos_package(dest_dir, from_code, to_code, corpus, **{**TINY, **options})


def build_base_size_stand_in(
    dest_dir: str | os.PathLike[str],
    from_code: str = "en",
    to_code: str = "ar",
    corpus: list[str] | None = None,
    *,
    seed: int = 0,
) -> Path:
    """A random-weight package the size of Argos's base models: a speed proxy, never a translator."""
    description = "base-size stand-in with RANDOM weights (benchmarks only)"
    return build_argos_package(
        dest_dir, from_code, to_code, corpus, **BASE_SIZE, seed=seed, compress=False, description=description
    )


def build_argos_package(
    dest_dir: str | os.PathLike[str],
    from_code: str,
    to_code: str,
    corpus: Sequence[str] | None = None,
    *,
    layers: int,
    d_model: int,
    heads: int,
    ffn: int,
    vocab_size: int,
    sp_vocab_size: int | None = None,
    package_version: str = "1.0",
    seed: int = 0,
    quantization: str = "int8",
    target_prefix: str = "",
    compress: bool = True,
    description: str = "tiny test package with RANDOM weights (l10n.translate.testing)",
    unk_bias: float = 0.0,
) -> Path:
    """Build ``translate-<from>_<to>-<version>.argosmodel`` in *dest_dir* and return its path.

    The SentencePiece model gets at most *sp_vocab_size* pieces (default *vocab_size* - 8; fewer when the
    corpus is too small for that many); the CTranslate2 vocabulary is OpenNMT's specials, then the
    pieces, then filler tokens up to *vocab_size*, shared by source and target like Argos's models.
    Same arguments, same bytes: weights come from *seed* and the zip carries fixed timestamps.
    A positive *unk_bias* raises the output logit of ``<unk>``, so the model emits it (tests of
    ``replace_unknowns``).
    """
    dest_dir = Path(dest_dir)
    dest_dir.mkdir(parents=True, exist_ok=True)
    sentences = list(corpus) if corpus else _default_corpus(from_code, to_code)
    name = package_file_name(from_code, to_code, package_version)
    top = name.removesuffix(".argosmodel")
    with tempfile.TemporaryDirectory(prefix="l10n-tiny-argos-", dir=dest_dir) as tmp:
        pkg_dir = Path(tmp) / top
        (pkg_dir / "model").mkdir(parents=True)
        pieces = _train_sentencepiece(
            pkg_dir / "sentencepiece.model", sentences, sp_vocab_size or vocab_size - 8
        )
        vocabulary = _SPECIALS + [p for p in pieces if p not in _SPECIALS]
        if target_prefix and target_prefix not in vocabulary:
            vocabulary.append(target_prefix)
        if len(vocabulary) > vocab_size:
            raise ValueError(
                f"SentencePiece produced {len(vocabulary)} pieces, more than vocab_size={vocab_size}"
            )
        vocabulary += [f"▁filler{i}" for i in range(vocab_size - len(vocabulary))]
        sizes = {"layers": layers, "d_model": d_model, "heads": heads, "ffn": ffn}
        _write_ct2_model(pkg_dir / "model", vocabulary, **sizes, seed=seed, quantization=quantization, unk_bias=unk_bias)
        metadata = {
            "package_version": package_version,
            "argos_version": "1.0",
            "from_code": from_code,
            "from_name": _language_name(from_code),
            "to_code": to_code,
            "to_name": _language_name(to_code),
            "type": "translate",
            "links": [],
            "description": description,
        }
        if target_prefix:
            metadata["target_prefix"] = target_prefix
        (pkg_dir / "metadata.json").write_text(
            json.dumps(metadata, indent=4, ensure_ascii=False) + "\n", "utf-8"
        )
        (pkg_dir / "README.md").write_text(f"# {from_code} → {to_code}\n\n{description}.\n", "utf-8")
        archive = Path(tmp) / name
        _zip_dir(pkg_dir, archive, compress=compress)
        final = dest_dir / name
        os.replace(archive, final)
    return final


def _default_corpus(from_code: str, to_code: str) -> list[str]:
    out: list[str] = []
    for code in dict.fromkeys((from_code, to_code, "en")):
        out += FIXTURE_TEXT.get(code.split("_")[0], [])
    return out


def _language_name(code: str) -> str:
    try:
        from babel import Locale

        return Locale.parse(code.replace("-", "_")).get_display_name("en") or code
    except Exception:  # noqa: BLE001 - made-up codes in tests
        return code


def _train_sentencepiece(path: Path, sentences: list[str], vocab_size: int) -> list[str]:
    import sentencepiece as spm

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(sentences),
        model_writer=model,
        vocab_size=vocab_size,
        hard_vocab_limit=False,
        model_type="unigram",
        character_coverage=1.0,
        num_threads=1,
        minloglevel=2,
    )
    path.write_bytes(model.getvalue())
    sp = spm.SentencePieceProcessor(model_proto=model.getvalue())
    return [sp.id_to_piece(i) for i in range(sp.get_piece_size())]


def _write_ct2_model(
    model_dir: Path,
    vocabulary: list[str],
    *,
    layers: int,
    d_model: int,
    heads: int,
    ffn: int,
    seed: int,
    quantization: str,
    unk_bias: float = 0.0,
) -> None:
    import numpy as np
    from ctranslate2.specs import model_spec, transformer_spec

    spec = transformer_spec.TransformerSpec.from_config(layers, heads)
    rng = np.random.default_rng(seed)
    vocab = len(vocabulary)

    def shape(name: str) -> tuple[int, ...]:
        parts = name.split("/")
        leaf, layer = parts[-1], parts[-2]
        if leaf in ("gamma", "beta"):
            return (d_model,)
        if "embeddings" in layer or layer == "projection":
            return (vocab, d_model) if leaf == "weight" else (vocab,)
        block = parts[-3] if len(parts) >= 3 else ""
        out_in = {
            ("self_attention", "linear_0"): (3 * d_model, d_model),
            ("self_attention", "linear_1"): (d_model, d_model),
            ("attention", "linear_0"): (d_model, d_model),
            ("attention", "linear_1"): (2 * d_model, d_model),
            ("attention", "linear_2"): (d_model, d_model),
            ("ffn", "linear_0"): (ffn, d_model),
            ("ffn", "linear_1"): (d_model, ffn),
        }[(block, layer)]
        return out_in if leaf == "weight" else out_in[:1]

    def fill(spec_obj, name: str, value) -> None:
        leaf = name.split("/")[-1]
        is_linear_bias = leaf == "bias" and value == model_spec.OPTIONAL
        if value is not None and not is_linear_bias:
            return
        dims = shape(name)
        if leaf == "gamma":
            array = np.ones(dims, dtype=np.float32)
        elif leaf in ("beta", "bias"):
            array = (rng.standard_normal(dims, dtype=np.float32) * 0.02).astype(np.float32)
        else:
            array = rng.standard_normal(dims, dtype=np.float32)
            array *= np.float32(1.0 / np.sqrt(dims[-1]))
        if name == "decoder/projection/bias":
            array[vocabulary.index("<unk>")] += np.float32(unk_bias)
        setattr(spec_obj, leaf, array)

    model_spec.visit_spec(spec, fill)
    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(vocabulary)
    spec.validate()
    spec.optimize(quantization=quantization)
    spec.save(str(model_dir))


def _zip_dir(directory: Path, archive: Path, *, compress: bool) -> None:
    """Zip *directory* with itself at the archive root, directories first, fixed timestamps."""
    method = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    with zipfile.ZipFile(archive, "w", compression=method) as zf:
        for root, dirs, files in os.walk(directory):
            dirs.sort()
            rel_root = Path(root).relative_to(directory.parent)
            info = zipfile.ZipInfo(f"{rel_root.as_posix()}/", date_time=(2020, 1, 1, 0, 0, 0))
            info.external_attr = (0o40755 << 16) | 0x10
            zf.writestr(info, b"")
            for file in sorted(files):
                member = zipfile.ZipInfo((rel_root / file).as_posix(), date_time=(2020, 1, 1, 0, 0, 0))
                member.external_attr = 0o100644 << 16
                member.compress_type = method
                with open(Path(root) / file, "rb") as src, zf.open(member, "w") as dst:
                    shutil.copyfileobj(src, dst, 1 << 20)
