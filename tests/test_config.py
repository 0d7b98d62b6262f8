"""Configuration: one schema for every section; a misspelt key is an error naming file, section and the
closest valid key, wherever it is."""

from __future__ import annotations

from pathlib import Path

import pytest

from l10n.errors import UsageError
from l10n.project.config import SCHEMA, TranslateSettings, load_config


def write(root: Path, text: str, name: str = "pyproject.toml") -> Path:
    path = root / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("section", "typo", "meant"),
    [
        ("translate", "batchsize", "batch_size"),
        ("translate", "engnie", "engine"),
        ("check", "fail_onn", "fail_on"),
        ("glossary", "fold_alif", "fold_alef"),
    ],
)
def test_a_misspelt_key_in_any_section_is_an_error_naming_file_section_and_closest_key(tmp_path, section, typo, meant):
    path = write(tmp_path, f"[tool.l10n.{section}]\n{typo} = 1\n")
    with pytest.raises(UsageError) as err:
        load_config(tmp_path)
    message = str(err.value)
    assert str(path) in message and f"[tool.l10n.{section}]" in message
    assert repr(typo) in message and f"did you mean {meant!r}" in message


def test_a_misspelt_top_level_key_or_unknown_section_is_an_error(tmp_path):
    write(tmp_path, '[tool.l10n]\nlanguage = ["ar"]\n')
    with pytest.raises(UsageError, match="did you mean 'languages'"):
        load_config(tmp_path)
    write(tmp_path, "[tool.l10n.translte]\nengine = 'argos'\n")
    with pytest.raises(UsageError, match="did you mean 'translate'"):
        load_config(tmp_path)


def test_l10n_toml_sections_are_validated_the_same_way(tmp_path):
    path = write(tmp_path, "[translate]\nn-bets = 2\n", "l10n.toml")
    with pytest.raises(UsageError, match=rf"{path}: unknown setting 'n-bets' in \[tool.l10n.translate\] \(did you mean 'n_best'\?\)"):
        load_config(tmp_path)


@pytest.mark.parametrize(
    ("toml", "fragment"),
    [
        ("[tool.l10n.translate]\nbatch_size = 'many'\n", "batch_size must be a whole number"),
        ("[tool.l10n.translate]\nbeam = true\n", "beam must be a whole number"),
        ("[tool.l10n.glossary]\nfold_alef = 1\n", "fold_alef must be true or false"),
        ("[tool.l10n]\nfuzzy_cutoff = 'high'\n", "fuzzy_cutoff must be a whole number or a number"),
        ("[tool.l10n]\ntranslate = 3\n", "[tool.l10n.translate] must be a table"),
        ("[tool.l10n.translate]\nn_best = 0\n", "[tool.l10n.translate] n_best must be 1 or more"),
        ("[tool.l10n.translate]\ndevice = 'tpu'\n", "device must be cpu, cuda or auto"),
    ],
)
def test_values_of_the_wrong_type_are_one_line_errors(tmp_path, toml, fragment):
    write(tmp_path, toml)
    with pytest.raises(UsageError) as err:
        load_config(tmp_path)
    assert fragment in str(err.value) and "\n" not in str(err.value)


def test_translate_settings_are_typed_defaults_then_file_then_command_line(tmp_path):
    write(tmp_path, "[tool.l10n.translate]\nengine = 'apertium'\nbatch-size = 8\n")
    config = load_config(tmp_path)
    assert config.translate == TranslateSettings(engine="apertium", batch_size=8)
    assert config.translate.override(engine="deterministic", n_best=None).engine == "deterministic"
    assert config.translate.override(n_best=None).n_best == 4
    assert config.translate.engine_options == {}  # only Argos takes constructor options
    argos = TranslateSettings(beam=2, device="cpu")
    assert argos.engine_options == {"beam_size": 2, "device": "cpu"}


def test_every_key_the_stages_read_is_in_the_schema():
    """The check stage's own list of keys and the glossary's match options are the schema's."""
    from dataclasses import fields

    from l10n.check import _SETTINGS_KEYS
    from l10n.glossary import MatchOptions

    load_config(Path("/nonexistent-l10n-project"))  # fills the glossary section lazily
    assert set(SCHEMA["check"]) == set(_SETTINGS_KEYS)
    assert set(SCHEMA["glossary"]) == {f.name for f in fields(MatchOptions)}
    assert set(SCHEMA["translate"]) == {f.name for f in fields(TranslateSettings)}


def test_the_cli_reports_a_config_typo_in_one_line_exit_2(tmp_path, capsys):
    from l10n.cli import main

    write(tmp_path, "[tool.l10n.translate]\nbatchsize = 8\n")
    assert main(["-C", str(tmp_path), "stats"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "did you mean 'batch_size'" in err


def test_no_configuration_file_is_the_default_layout(tmp_path):
    config = load_config(tmp_path)
    assert (config.source_dir, config.locale_dir, config.languages) == ("source", "locale", ())
    assert config.translate == TranslateSettings()
