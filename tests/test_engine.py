"""The engine interface: registry, errors, the deterministic engine, import hygiene, `models list`."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import types
from pathlib import Path

import pytest

from l10n.errors import L10nError, UsageError
from l10n.translate import (
    DeterministicEngine,
    Engine,
    EngineError,
    MissingModelError,
    available_engines,
    get_engine,
    register_engine,
)
from l10n.translate import engine as engine_module

REPO = Path(__file__).resolve().parent.parent


# -- import hygiene ------------------------------------------------------------------------------------


def test_importing_the_translate_package_and_the_cli_never_imports_torch_or_mt_libraries():
    code = (
        "import sys, l10n.translate, l10n.translate.engine, l10n.translate.models, l10n.cli, l10n.cli.models\n"
        "from l10n.translate import get_engine\n"
        "get_engine('deterministic').translate(['The attack.'], 'en', 'ar')\n"
        "heavy = [m for m in ('torch', 'ctranslate2', 'sentencepiece', 'argostranslate', 'stanza') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 0, proc.stderr


# -- registry ------------------------------------------------------------------------------------------


def test_builtin_engines_are_registered_by_name():
    assert {"argos", "apertium", "deterministic"} <= set(available_engines())
    engine = get_engine("deterministic")
    assert isinstance(engine, DeterministicEngine) and isinstance(engine, Engine)
    assert engine.name == "deterministic"


def test_unknown_engine_name_is_a_user_error_listing_the_choices():
    with pytest.raises(UsageError, match=r"unknown MT engine 'nope'.*argos.*deterministic"):
        get_engine("nope")


def test_an_option_the_engine_does_not_take_is_a_user_error_naming_it():
    with pytest.raises(UsageError, match=r"engine 'deterministic' does not take option\(s\) beam_size"):
        get_engine("deterministic", beam_size=4)


def test_register_engine_adds_a_factory_and_refuses_to_shadow_without_replace(monkeypatch):
    monkeypatch.setattr(engine_module, "_REGISTRY", dict(engine_module._REGISTRY))

    class Upper:
        name = "upper"

        def __init__(self, *, suffix: str = ""):
            self.suffix = suffix

        def version(self, pair=None) -> str:
            return "0"

        def pairs(self):
            return [("en", "xx")]

        def translate(self, texts, source, target, *, n_best=1):
            return [[t.upper() + self.suffix] for t in texts]

    register_engine("upper", Upper)
    assert get_engine("upper", suffix="!").translate(["hi"], "en", "xx") == [["HI!"]]
    with pytest.raises(ValueError, match="already registered"):
        register_engine("upper", Upper)
    with pytest.raises(ValueError, match="already registered"):
        register_engine("argos", Upper)
    register_engine("argos", Upper, replace=True)
    assert isinstance(get_engine("argos"), Upper)


def test_missing_model_error_names_both_install_commands():
    err = MissingModelError("en", "ar")
    assert isinstance(err, L10nError) and isinstance(err, EngineError)
    assert str(err) == (
        "no Argos model for en→ar: run 'l10n models install en ar' (needs network) or "
        "'l10n models install PATH/translate-en_ar-1_0.argosmodel'"
    )
    assert "\n" not in str(err)


# -- deterministic engine -----------------------------------------------------------------------------


def test_deterministic_engine_returns_one_list_per_input_in_order_and_blank_for_blank():
    engine = DeterministicEngine()
    texts = ["The attack.", "", "   ", "Syria and the city."]
    out = engine.translate(texts, "en", "fr")
    assert len(out) == 4
    assert out[0] == ["[fr] Le attaque."]
    assert out[1] == [""] and out[2] == [""]
    assert out[3] == ["[fr] Syrie et le city."]


def test_deterministic_engine_writes_rtl_targets_in_their_script_and_keeps_markup_and_placeholders():
    engine = DeterministicEngine()
    [[ar]] = engine.translate(["The attack on Palmyra, see [report](x) ⟦0⟧ at 10:30."], "en", "ar")
    assert not any("a" <= ch.lower() <= "z" for ch in ar), ar
    assert any("\u0600" <= ch <= "\u06ff" for ch in ar)
    for kept in ("[", "](", ")", "⟦0⟧", "10:30", ","):
        assert kept in ar
    assert ar.startswith("ال هجوم")
    [[he]] = engine.translate(["Palmyra"], "en", "he")
    assert all("\u0590" <= ch <= "\u05ff" for ch in he)


def test_deterministic_engine_is_reproducible_and_independent_of_batch_composition():
    texts = ["The attack.", "Government forces in Syria.", "Unknown words here."]
    alone = [DeterministicEngine().translate([t], "en", "ar", n_best=2)[0] for t in texts]
    together = DeterministicEngine().translate(list(reversed(texts)), "en", "ar", n_best=2)
    assert list(reversed(together)) == alone
    assert DeterministicEngine().translate(texts, "en", "ar") == DeterministicEngine().translate(
        texts, "en", "ar"
    )


def test_deterministic_engine_n_best_gives_distinct_alternatives_best_first_and_never_more_than_asked():
    engine = DeterministicEngine(lexicon={"ar": {"strike": ["ضربة", "غارة", "قصف"]}})
    [hyps] = engine.translate(["The attack and the strike."], "en", "ar", n_best=4)
    assert len(hyps) == len(set(hyps)) == 4
    assert hyps[0] == engine.translate(["The attack and the strike."], "en", "ar")[0][0]
    [every] = engine.translate(["The attack and the strike."], "en", "ar", n_best=10)
    assert len(every) == len(set(every)) == 6  # 2 × 3 alternatives: no more exist
    [one] = engine.translate(["No ambiguous words."], "en", "ar", n_best=4)
    assert len(one) == 1
    [two] = engine.translate(["The attack and the strike."], "en", "ar", n_best=2)
    assert len(two) == 2


def test_deterministic_engine_simulates_failures_by_returning_the_source_unchanged():
    engine = DeterministicEngine(fail_on=["Caesar"], max_words=5)
    out = engine.translate(
        ["The Caesar Act.", "One two three four five six seven.", "The attack."], "en", "ar", n_best=3
    )
    assert out[0] == ["The Caesar Act."]
    assert out[1] == ["One two three four five six seven."]
    assert out[2][0] != "The attack."
    predicate = DeterministicEngine(fail_on=lambda t: t.endswith("?"))
    assert predicate.translate(["Why?"], "en", "ar") == [["Why?"]]


def test_deterministic_engine_fail_attempts_lets_a_retry_succeed_and_calls_are_recorded():
    engine = DeterministicEngine(fail_on=["Caesar"], fail_attempts=2)
    text = "The Caesar Act."
    results = [engine.translate([text], "en", "ar")[0][0] for _ in range(3)]
    assert results[:2] == [text, text] and results[2] != text
    assert len(engine.calls) == 3 and engine.calls[0] == ("en", "ar", [text])


def test_engines_reject_a_bare_string_and_a_bad_n_best():
    engine = DeterministicEngine()
    with pytest.raises(TypeError):
        engine.translate("The attack.", "en", "ar")
    with pytest.raises(UsageError):
        engine.translate(["The attack."], "en", "ar", n_best=0)


# -- CLI -----------------------------------------------------------------------------------------------


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


def test_models_list_runs_with_no_argos_packages_and_says_how_to_install(
    cli_main, tmp_path, monkeypatch, capsys
):
    pytest.importorskip("argostranslate")
    monkeypatch.setenv("L10N_ARGOS_PACKAGES", str(tmp_path / "packages"))
    assert cli_main(["-C", str(tmp_path), "models", "list"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "no Argos packages in" in out and "l10n models install en ar" in out


def test_models_install_with_a_bad_argument_count_is_one_line_exit_2(cli_main, tmp_path, capsys):
    assert cli_main(["-C", str(tmp_path), "models", "install", "a", "b", "c"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "package file, or a source and a target" in err
    assert cli_main(["-C", str(tmp_path), "models", "install", "english", "ar"]) == 2
    assert "invalid language code 'english'" in capsys.readouterr().err


def test_every_registered_engine_matches_the_engine_protocol_signatures():
    """The Protocol and the engines agree: same methods, same parameters (names, kinds, defaults)."""
    import inspect

    from l10n.translate import engine as engine_module

    protocol = engine_module.Engine
    methods = [n for n, v in vars(protocol).items() if callable(v) and not n.startswith("_")]
    assert {"version", "pairs", "translate"} <= set(methods)
    for name in engine_module.available_engines():
        entry = engine_module._REGISTRY[name]
        factory = entry.resolve() if isinstance(entry, engine_module._Lazy) else entry
        assert isinstance(factory, type), f"{name}: register a class so its methods can be checked"
        for method in methods:
            want = inspect.signature(getattr(protocol, method))
            got = inspect.signature(getattr(factory, method))
            shape = [(p.name, p.kind, p.default) for p in want.parameters.values()]
            assert [(p.name, p.kind, p.default) for p in got.parameters.values()] == shape, (
                f"{name}.{method}{got} does not match Engine.{method}{want}"
            )
