"""The Argos engine and model installation, on real (tiny, random-weight) Argos packages built here."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import re
import shutil
import socket
import stat
import subprocess
import sys
import time
import types
import zipfile
from pathlib import Path

import pytest

pytest.importorskip("ctranslate2", reason="the Argos engine needs the 'mt' extra")
pytest.importorskip("sentencepiece", reason="the Argos engine needs the 'mt' extra")
pytest.importorskip("argostranslate", reason="the Argos engine needs the 'mt' extra")

from l10n.errors import InputError  # noqa: E402
from l10n.project.models import install_from_index, install_package  # noqa: E402
from l10n.translate import EngineError, MissingModelError, get_engine  # noqa: E402
from l10n.translate.argos import ArgosEngine  # noqa: E402
from l10n.translate.models import find_argos_packages  # noqa: E402
from l10n.translate.testing import build_tiny_argos_package  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SENTENCES = [
    "The attack on Palmyra.",
    "Officials met in the capital on Tuesday to discuss the security situation.",
    "Prices rose.",
    "The United Nations called for restraint and the protection of civilians.",
    "Congress is repealing the Caesar Act.",
]
#: Random weights never emit </s> on purpose: cap the output so tests stay fast.
FAST = {"max_decoding_length": 16}


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> dict[str, Path]:
    """Tiny package files, built once per session: en→ar, and fr→en + en→es for pivoting."""
    out = tmp_path_factory.mktemp("argos-files")
    return {
        "en_ar": build_tiny_argos_package(out, "en", "ar"),
        "fr_en": build_tiny_argos_package(out, "fr", "en", seed=1),
        "en_es": build_tiny_argos_package(out, "en", "es", seed=2),
    }


@pytest.fixture(scope="session")
def packages_dir(built, tmp_path_factory) -> Path:
    """A packages directory holding all three, installed through our validated path (Argos's installer)."""
    directory = tmp_path_factory.mktemp("argos-installed") / "packages"
    for file in built.values():
        install_package(file, dest=directory)
    return directory


@pytest.fixture
def engine(packages_dir) -> ArgosEngine:
    return ArgosEngine(packages_dirs=[packages_dir], **FAST)


# -- the tiny package ---------------------------------------------------------------------------------


def test_tiny_package_is_laid_out_like_a_real_argos_package(built):
    file = built["en_ar"]
    assert file.name == "translate-en_ar-1_0.argosmodel"
    with zipfile.ZipFile(file) as zf:
        names = set(zf.namelist())
        metadata = json.loads(zf.read("translate-en_ar-1_0/metadata.json"))
    for member in ("metadata.json", "sentencepiece.model", "model/model.bin", "model/config.json"):
        assert f"translate-en_ar-1_0/{member}" in names
    assert {n.split("/")[0] for n in names} == {"translate-en_ar-1_0"}
    assert metadata["from_code"] == "en" and metadata["to_code"] == "ar"
    assert metadata["from_name"] == "English" and metadata["to_name"] == "Arabic"
    assert metadata["package_version"] == "1.0" and metadata["argos_version"]


def test_tiny_package_builds_byte_for_byte_reproducibly(tmp_path, built):
    again = build_tiny_argos_package(tmp_path, "en", "ar")
    assert hashlib.sha256(again.read_bytes()).digest() == hashlib.sha256(built["en_ar"].read_bytes()).digest()


# -- the engine ---------------------------------------------------------------------------------------


def test_engine_finds_installed_pairs_with_pivots_and_reports_model_versions(engine):
    assert set(engine.pairs()) == {("en", "ar"), ("fr", "en"), ("en", "es"), ("fr", "ar"), ("fr", "es")}
    assert engine.version(("en", "ar")).endswith("; en→ar 1.0")
    assert engine.version(("fr", "es")).endswith("; fr→en 1.0, en→es 1.0")
    assert re.fullmatch(
        r"\d+(\.\d+)+ \(ctranslate2 \d+(\.\d+)+\); en→ar 1\.0, en→es 1\.0, fr→en 1\.0", engine.version()
    )


def test_translate_a_batch_of_5_gives_5_lists_of_strings_in_input_order(engine):
    out = engine.translate(SENTENCES, "en", "ar")
    assert len(out) == 5
    assert all(len(hyps) == 1 and isinstance(hyps[0], str) and hyps[0] for hyps in out)
    # Order: the batch gives each sentence what it gets alone, and reversing the batch reverses the output.
    alone = [engine.translate([s], "en", "ar")[0] for s in SENTENCES]
    assert out == alone
    assert engine.translate(SENTENCES[::-1], "en", "ar")[::-1] == out
    # Outputs are in the package's vocabulary: Arabic pieces show up (the weights are random, the path is real).
    assert any(any("\u0600" <= ch <= "\u06ff" for ch in hyps[0]) for hyps in out)


def test_n_best_returns_up_to_n_distinct_hypotheses_the_first_being_the_1_best(engine):
    one = engine.translate(SENTENCES, "en", "ar", n_best=1)
    three = engine.translate(SENTENCES, "en", "ar", n_best=3)
    for best, hyps in zip(one, three, strict=True):
        assert 1 <= len(hyps) <= 3 and len(set(hyps)) == len(hyps)
        assert hyps[0] == best[0]
    assert max(len(h) for h in three) > 1


def test_blank_inputs_skip_the_model_and_duplicates_are_translated_once(engine, monkeypatch):
    calls = []
    real = engine._translate

    def spy(package, texts, n_best):
        calls.append(list(texts))
        return real(package, texts, n_best)

    monkeypatch.setattr(engine, "_translate", spy)
    out = engine.translate(["Prices rose.", "", "  ", " Prices rose. "], "en", "ar")
    assert out[1] == out[2] == [""]
    assert out[0] == out[3]
    assert calls == [["Prices rose."]]


def _argos_reference(package_dir: Path, texts: list[str], n_best: int, *, replace_unknowns: bool = True):
    """Argos's own decoding, one sentence per ``translate_batch``: per text, its hypotheses as pieces."""
    import ctranslate2
    import sentencepiece

    translator = ctranslate2.Translator(str(package_dir / "model"), intra_threads=1)
    sp = sentencepiece.SentencePieceProcessor(model_file=str(package_dir / "sentencepiece.model"))
    out = []
    for text in texts:
        source = sp.encode(text, out_type=str)
        result = translator.translate_batch(
            [source],
            replace_unknowns=replace_unknowns,
            length_penalty=0.2,
            beam_size=max(4, n_best),
            num_hypotheses=n_best,
            max_decoding_length=FAST["max_decoding_length"],
        )[0]
        out.append((source, result.hypotheses))
    return out


def _decoded(package_dir: Path, hypotheses: list[list[str]]) -> list[str]:
    import sentencepiece

    sp = sentencepiece.SentencePieceProcessor(model_file=str(package_dir / "sentencepiece.model"))
    out: list[str] = []
    for h in hypotheses:
        text = sp.decode(h).replace("▁", " ").strip()
        if text not in out:
            out.append(text)
    return out


UNKNOWN_CHARS = ["See ⟦0⟧ and ⟦1⟧ 🙂 here.", "Ω≈ç√∫ unknown ⟦2⟧"]


def test_batched_output_equals_argos_decoding_sentence_by_sentence_including_unknown_characters(engine):
    texts = [*SENTENCES, *UNKNOWN_CHARS]
    package_dir = engine.packages()[("en", "ar")].path
    expected = [_decoded(package_dir, hyps) for _, hyps in _argos_reference(package_dir, texts, 2)]
    assert engine.translate(texts, "en", "ar", n_best=2) == expected


def test_every_unk_the_model_emits_is_replaced_by_a_piece_of_its_own_source_sentence(tmp_path):
    # A model biased towards <unk>. Which source piece replaces an <unk> comes from attention, whose
    # near-ties random weights make batch-dependent in CTranslate2; everything else must equal Argos.
    file = build_tiny_argos_package(tmp_path, "en", "ar", unk_bias=2.5)
    pkg = install_package(file, dest=tmp_path / "packages")
    engine = ArgosEngine(packages_dirs=[tmp_path / "packages"], **FAST)
    texts = [*SENTENCES, *UNKNOWN_CHARS]
    out = engine.translate(texts, "en", "ar")
    reference = _argos_reference(pkg.path, texts, 1, replace_unknowns=False)
    unks = 0
    for (source, [hyp]), [text] in zip(reference, out, strict=True):
        pieces = sorted({p.replace("▁", "") for p in source}, key=len, reverse=True)
        slot = "(?:" + "|".join(re.escape(p) for p in pieces) + ")"
        pattern = "".join(slot if t == "<unk>" else re.escape(t.replace("▁", "")) for t in hyp)
        unks += hyp.count("<unk>")
        assert re.fullmatch(pattern, text.replace(" ", "")), (source, hyp, text)
    assert unks >= 3 and "⁇" not in str(out)


def test_replace_unknowns_is_only_requested_for_sentences_it_can_change(engine):
    from l10n.translate.argos import _Loaded

    real = engine._load(engine.packages()[("en", "ar")])
    calls = []

    class Result:
        def __init__(self, hypotheses):
            self.hypotheses = hypotheses

    class FakeTranslator:
        def translate_batch(self, batch, **options):
            calls.append(([" ".join(t) for t in batch], options["replace_unknowns"]))
            # "Prices rose." comes out with an <unk> unless replace_unknowns is on.
            return [
                Result(
                    [["▁x", "<unk>"] if "▁Pri" in "".join(t) and not options["replace_unknowns"] else ["▁ok"]]
                )
                for t in batch
            ]

    engine._loaded[real.package.path] = _Loaded(real.package, FakeTranslator(), real.sp)
    out = engine.translate(["The attack.", "Prices rose.", "Look ⟦0⟧."], "en", "ar")
    assert out == [["ok"], ["ok"], ["ok"]]
    assert len(calls) == 2
    assert calls[0][1] is False and len(calls[0][0]) == 2  # the two sentences without unknown pieces
    assert calls[1][1] is True and len(calls[1][0]) == 2  # ⟦0⟧'s sentence, and the one that produced <unk>
    assert any("⟦" in t for t in calls[1][0]) and any("Pri" in t.replace(" ", "") for t in calls[1][0])


def test_pivot_through_english_is_the_two_legs_composed_in_batch(engine):
    french = ["L'assaut a causé la mort de deux soldats.", "Les prix ont augmenté.", "Bonjour."]
    pivoted = engine.translate(french, "fr", "es", n_best=2)
    english = [h[0] for h in engine.translate(french, "fr", "en")]
    assert pivoted == engine.translate(english, "en", "es", n_best=2)
    no_pivot = ArgosEngine(packages_dirs=engine._dirs, pivot=False, **FAST)
    assert ("fr", "es") not in no_pivot.pairs()
    with pytest.raises(MissingModelError):
        no_pivot.translate(french, "fr", "es")


def test_a_pair_without_a_package_raises_missing_model_with_install_commands(engine):
    with pytest.raises(MissingModelError) as info:
        engine.translate(["Hello."], "en", "de")
    assert "'l10n models install en de'" in str(info.value)
    assert "translate-en_de-1_0.argosmodel" in str(info.value)


def test_the_highest_package_version_wins_when_two_give_the_same_pair(tmp_path, built):
    directory = tmp_path / "packages"
    install_package(built["en_ar"], dest=directory)
    install_package(build_tiny_argos_package(tmp_path, "en", "ar", package_version="1.10"), dest=directory)
    engine = ArgosEngine(packages_dirs=[directory], **FAST)
    assert engine.packages()[("en", "ar")].package_version == "1.10"
    assert engine.version(("en", "ar")).endswith("en→ar 1.10")


def test_l10n_argos_packages_env_var_selects_the_packages_dir(packages_dir, monkeypatch):
    monkeypatch.setenv("L10N_ARGOS_PACKAGES", str(packages_dir))
    engine = get_engine("argos", beam_size=2, threads=1)
    assert ("en", "ar") in engine.pairs()


def test_cuda_without_a_gpu_is_one_clear_engine_error(packages_dir):
    import ctranslate2

    if ctranslate2.get_cuda_device_count() > 0:
        pytest.skip("a CUDA device is present")
    engine = ArgosEngine(packages_dirs=[packages_dir], device="cuda", **FAST)
    with pytest.raises(EngineError, match="cannot load the CTranslate2 model on cuda"):
        engine.translate(["Hello."], "en", "ar")


def test_argos_own_installer_and_argos_packages_dir_work_in_a_fresh_process(built, tmp_path):
    """ARGOS_PACKAGES_DIR is read by argostranslate at import: set it before, in a new process."""
    code = (
        "import sys\n"
        "from argostranslate import package\n"
        "package.install_from_path(sys.argv[1])\n"
        "assert [(p.from_code, p.to_code) for p in package.get_installed_packages()] == [('en', 'ar')]\n"
        "from l10n.translate.argos import ArgosEngine\n"
        "engine = ArgosEngine(max_decoding_length=8)\n"
        "assert engine.pairs() == [('en', 'ar')], engine.pairs()\n"
        "out = engine.translate(['The attack.', 'Prices rose.'], 'en', 'ar', n_best=2)\n"
        "assert len(out) == 2 and all(1 <= len(h) <= 2 for h in out), out\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "L10N_ARGOS_PACKAGES"}
    env.update(
        PYTHONPATH=str(REPO),
        ARGOS_PACKAGES_DIR=str(tmp_path / "argos-packages"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(built["en_ar"])],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]


# -- installing packages ------------------------------------------------------------------------------


def _hostile_copy(source: Path, dest: Path, add) -> Path:
    """A copy of a valid package with one hostile change made by ``add(zipfile)``."""
    shutil.copy(source, dest)
    with zipfile.ZipFile(dest, "a") as zf:
        add(zf)
    return dest


def _symlink(zf: zipfile.ZipFile) -> None:
    info = zipfile.ZipInfo("translate-en_ar-1_0/evil-link")
    info.create_system = 3
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    zf.writestr(info, "/etc/passwd")


@pytest.mark.parametrize(
    ("case", "add", "message"),
    [
        ("dotdot", lambda zf: zf.writestr("translate-en_ar-1_0/../../evil", "x"), "points outside"),
        ("dotdot-top", lambda zf: zf.writestr("../evil", "x"), "points outside"),
        ("absolute", lambda zf: zf.writestr("/tmp/evil", "x"), "absolute path"),
        ("symlink", _symlink, "symbolic link"),
        ("second-top-dir", lambda zf: zf.writestr("other/file", "x"), "one package directory"),
    ],
)
def test_install_rejects_hostile_archives_and_writes_nothing(built, tmp_path, case, add, message):
    file = _hostile_copy(built["en_ar"], tmp_path / f"{case}.argosmodel", add)
    dest = tmp_path / "root" / "packages"
    with pytest.raises(InputError, match=message):
        install_package(file, dest=dest)
    assert not (tmp_path / "root").exists()
    assert not (tmp_path / "evil").exists()


def test_install_rejects_non_zips_and_packages_without_metadata(tmp_path, built):
    junk = tmp_path / "junk.argosmodel"
    junk.write_bytes(b"not a zip at all")
    with pytest.raises(InputError, match="not a zip archive"):
        install_package(junk, dest=tmp_path / "packages")
    bare = tmp_path / "bare.argosmodel"
    with zipfile.ZipFile(built["en_ar"]) as src, zipfile.ZipFile(bare, "w") as dst:
        for info in src.infolist():
            if not info.filename.endswith("metadata.json"):
                dst.writestr(info, src.read(info))
    with pytest.raises(InputError, match="no translate-en_ar-1_0/metadata.json"):
        install_package(bare, dest=tmp_path / "packages")
    assert not (tmp_path / "packages").exists()


def test_reinstalling_replaces_the_package_and_leaves_no_staging_behind(tmp_path, built):
    dest = tmp_path / "argos" / "packages"
    install_package(built["en_ar"], dest=dest)
    (dest / "translate-en_ar-1_0" / "stale-file").write_text("old")
    pkg = install_package(built["en_ar"], dest=dest)
    assert pkg.pair == ("en", "ar") and not (pkg.path / "stale-file").exists()
    assert sorted(p.name for p in dest.iterdir()) == ["translate-en_ar-1_0"]
    assert sorted(p.name for p in dest.parent.iterdir()) == ["packages"]
    assert [p.pair for p in find_argos_packages([dest])] == [("en", "ar")]


def test_install_from_index_fails_fast_without_network_and_says_to_use_a_file(tmp_path, monkeypatch):
    from argostranslate import settings

    # A server that accepts the connection and never answers: the worst case for a missing timeout.
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    monkeypatch.setattr(
        settings, "remote_package_index", f"http://127.0.0.1:{server.getsockname()[1]}/index.json"
    )
    try:
        start = time.perf_counter()
        with pytest.raises(EngineError, match=r"cannot reach the Argos package index.*install from a file"):
            install_from_index("en", "ar", timeout=0.5, dest=tmp_path / "packages")
        assert time.perf_counter() - start < 5
    finally:
        server.close()
    assert not (tmp_path / "packages").exists()


# -- CLI ------------------------------------------------------------------------------------------------


@pytest.fixture
def cli_main(monkeypatch):
    """``l10n.cli.main``; command modules other steps have not delivered to this branch are stubbed."""
    import l10n.cli

    for name in l10n.cli._MODULES:
        if importlib.util.find_spec(name) is None:
            stub = types.ModuleType(name)
            stub.register = lambda sub: None
            monkeypatch.setitem(sys.modules, name, stub)
    return l10n.cli.main


def test_cli_models_install_then_list_shows_the_package(cli_main, built, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("L10N_ARGOS_PACKAGES", str(tmp_path / "packages"))
    assert cli_main(["-C", str(tmp_path), "models", "install", str(built["en_ar"])]) == 0
    assert "installed Argos en→ar 1.0" in capsys.readouterr().out
    assert cli_main(["-C", str(tmp_path), "models", "list"]) == 0
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if "│ argos" in line)
    assert [cell.strip() for cell in row.split("│")[1:-1]] == [
        "argos",
        "en",
        "ar",
        "1.0",
        "translate-en_ar-1_0",
    ]


def test_cli_models_install_of_a_hostile_archive_is_one_line_exit_2(
    cli_main, built, tmp_path, monkeypatch, capsys
):
    monkeypatch.setenv("L10N_ARGOS_PACKAGES", str(tmp_path / "packages"))
    file = _hostile_copy(built["en_ar"], tmp_path / "evil.argosmodel", _symlink)
    assert cli_main(["-C", str(tmp_path), "models", "install", str(file)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("l10n: error: ") and err.count("\n") == 1 and "symbolic link" in err
    assert not (tmp_path / "packages").exists()


# -- the whole path: package → engine → catalogue ------------------------------------------------------


@pytest.fixture
def seed_project(tmp_path, monkeypatch):
    """The seed article and glossary in a throw-away project; Argos decoding capped so random weights stay fast."""
    import functools

    shutil.copytree(REPO / "source", tmp_path / "source")
    shutil.copytree(REPO / "glossary", tmp_path / "glossary")
    monkeypatch.setattr(
        ArgosEngine, "__init__", functools.partialmethod(ArgosEngine.__init__, max_decoding_length=12)
    )
    return tmp_path


def test_cli_translate_with_argos_fills_the_catalogue_as_fuzzy_mt_and_keeps_human_work(
    cli_main, seed_project, packages_dir, monkeypatch, capsys
):
    import polib

    monkeypatch.setenv("L10N_ARGOS_PACKAGES", str(packages_dir))
    root = ["-C", str(seed_project)]
    assert cli_main([*root, "extract"]) == 0 and cli_main([*root, "update", "-l", "ar"]) == 0
    path = seed_project / "locale/ar/LC_MESSAGES/palmyra-attack.po"
    po = polib.pofile(str(path))
    po[0].msgstr = "هجوم تدمر: ترجمة بشرية"
    po.save()
    capsys.readouterr()
    assert cli_main([*root, "translate", "-l", "ar", "--no-glossary"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"ar: 59 entries to translate \(59 distinct sentences\): (\d+) machine-translated", out), out
    po = polib.pofile(str(path))
    assert po[0].msgstr == "هجوم تدمر: ترجمة بشرية" and not po[0].fuzzy
    machine = [e for e in po if e.msgstr and e is not po[0]]
    assert machine, "the tiny model translated nothing"
    for e in machine:
        assert e.fuzzy and "l10n-mt: argos" in e.tcomment and "en→ar 1.0" in e.tcomment
    if shutil.which("msgfmt"):
        assert subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(path)]).returncode == 0


def test_run_says_in_one_line_how_to_install_a_missing_model_and_installs_it_when_asked(
    cli_main, seed_project, built, tmp_path, monkeypatch, capsys
):
    from l10n.project import models

    monkeypatch.setenv("L10N_ARGOS_PACKAGES", str(tmp_path / "empty"))
    root = ["-C", str(seed_project)]
    assert cli_main([*root, "run", "-l", "ar", "-f", "md"]) == 0
    out = capsys.readouterr().out
    line = next(line for line in out.splitlines() if line.startswith("translate"))
    assert line == (
        "translate ar skipped: no Argos model for en→ar: run 'l10n models install en ar' (needs network) or "
        "'l10n models install PATH/translate-en_ar-1_0.argosmodel'"
    )
    asked = []

    def index(source, target, *, timeout, progress=None, dest=None):  # stands in for Argos's index
        asked.append((source, target))
        return install_package(built[f"{source}_{target}"], dest=tmp_path / "empty")

    monkeypatch.setattr(models, "install_from_index", index)
    assert cli_main([*root, "run", "-l", "ar", "-f", "md", "--install-models", "--no-glossary"]) == 0
    out = capsys.readouterr().out
    assert asked == [("en", "ar")]
    assert "models   installed Argos en→ar 1.0" in out and "machine-translated" in out


def test_run_without_network_reports_the_index_failure_in_one_line(cli_main, seed_project, tmp_path, monkeypatch, capsys):
    from l10n.project import models

    def offline(source, target, **kw):
        raise EngineError("cannot reach the Argos package index (Network is unreachable); without network, ...")

    monkeypatch.setenv("L10N_ARGOS_PACKAGES", str(tmp_path / "empty"))
    monkeypatch.setattr(models, "install_from_index", offline)
    assert cli_main(["-C", str(seed_project), "run", "-l", "ar", "-f", "md", "--install-models"]) == 0
    out = capsys.readouterr().out
    assert "translate ar skipped: cannot reach the Argos package index" in out
    assert "build/ar/palmyra-attack.md: 0 translated, 62 shown in English" in out
