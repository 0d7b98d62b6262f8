"""The Apertium engine: one process per batch, exact splitting, unknown words, errors."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from l10n.translate import EngineError, MissingModelError, get_engine
from l10n.translate.apertium import ApertiumEngine


def _eng_spa_installed() -> str | None:
    """Why the real-Apertium tests cannot run here, or None when they can."""
    if shutil.which("apertium") is None:
        return "apertium is not installed (apt-get install apertium apertium-eng-spa)"
    try:
        modes = subprocess.run(["apertium", "-l"], capture_output=True, text=True, timeout=30).stdout.split()
    except (OSError, subprocess.SubprocessError) as exc:
        return f"apertium -l failed: {exc}"
    return (
        None
        if "eng-spa" in modes
        else "the apertium eng-spa pair is not installed (apt-get install apertium-eng-spa)"
    )


_SKIP = _eng_spa_installed()
needs_eng_spa = pytest.mark.skipif(_SKIP is not None, reason=_SKIP or "")

#: Sentences with the things a news article throws at a separator: quotes, apostrophes, Markdown.
HOSTILE = [
    'He said "no" and left.',
    "It's the group's *main* base.",
    "See [the report](https://example.org/a_b?c=1&d=2).",
    "Price: $5 @ 10% off ^_^ \\ back / slash",
    "`code` and **bold** text",
    "Line one\nline two.",
    "Paragraph one.\n\n\nParagraph two.",
    "Ends without a full stop",
    "«Guillemets» and ‘curly quotes’ and “double ones”",
    "# A heading",
    "- a list item",
    "A [b] c {d} <e> f",
    "...",
    "?",
    "Takfiri fighters cited the Caesar Act.",
    "Syria’s north-east, 13 December 2025.",
]


def _fake_apertium(tmp_path: Path, body: str) -> str:
    """A stand-in ``apertium`` script: lists eng-spa and runs *body* (bash) as the translation."""
    script = tmp_path / "apertium"
    script.write_text(
        "#!/bin/bash\n"
        'if [ "$1" = "-l" ]; then echo "  eng-spa"; exit 0; fi\n'
        'if [ "$1" = "-V" ]; then echo "Apertium 0.0.0"; exit 0; fi\n' + body + "\n"
    )
    script.chmod(0o755)
    return str(script)


@needs_eng_spa
def test_a_batch_of_50_sentences_is_one_process_and_splits_back_exactly(monkeypatch):
    # Each sentence carries a tag Apertium copies unchanged (an unknown word and a number), so every
    # output can be traced to its input even where the tagger's context changes the wording.
    texts = [f"{HOSTILE[i % len(HOSTILE)]} Zorblat{i} said {1000 + i}." for i in range(50)]
    engine = ApertiumEngine()
    real_run = engine._run
    calls = []

    def counting_run(args, stdin, **kw):
        calls.append(args)
        return real_run(args, stdin, **kw)

    monkeypatch.setattr(engine, "_run", counting_run)
    out = engine.translate(texts, "en", "es")
    assert len([c for c in calls if "eng-spa" in c]) == 1
    assert len(out) == 50
    for i, hyps in enumerate(out):
        assert len(hyps) == 1
        assert f"Zorblat{i} " in hyps[0] and f"{1000 + i}" in hyps[0], (i, texts[i], hyps[0])
        others = [j for j in range(50) if j != i and f"Zorblat{j} " in hyps[0]]
        assert not others, (i, hyps[0])
        assert "\n\n" not in hyps[0]


@needs_eng_spa
def test_unknown_words_pass_through_unmarked_by_default_and_marked_on_request():
    text = "The Caesar Act hits takfiri groups."
    [[plain]] = get_engine("apertium").translate([text], "en", "es")
    [[marked]] = get_engine("apertium", mark_unknown=True).translate([text], "en", "es")
    assert "*" not in plain and "takfiri" in plain and "Caesar" in plain
    assert "*takfiri" in marked and "*Caesar" in marked
    # Apertium translates "Act" on its own: the glossary has to restore the term, not the engine.
    assert "Caesar Act" not in plain


@needs_eng_spa
def test_apertium_lists_pairs_reports_versions_and_gives_one_hypothesis_for_n_best():
    engine = ApertiumEngine()
    assert ("en", "es") in engine.pairs() and ("es", "en") in engine.pairs()
    version = engine.version(("en", "es"))
    assert version[0].isdigit() and ("apertium-eng-spa" in version or shutil.which("dpkg-query") is None)
    out = engine.translate(["The city.", "", "The city."], "en", "es", n_best=4)
    assert out[0] == out[2] and len(out[0]) == 1 and out[1] == [""]


@needs_eng_spa
def test_a_pair_apertium_lacks_raises_missing_model_naming_the_debian_package():
    with pytest.raises(
        MissingModelError, match=r"no Apertium model for en→ar: install the Debian package apertium-eng-ara"
    ):
        ApertiumEngine().translate(["The city."], "en", "ar")


def test_missing_apertium_binary_is_an_engine_error_with_the_install_command():
    engine = ApertiumEngine(command="apertium-not-installed-here")
    with pytest.raises(EngineError, match=r"Apertium is not installed.*apt-get install apertium"):
        engine.translate(["The city."], "en", "es")


def test_a_split_that_does_not_match_falls_back_to_halves_and_keeps_alignment(tmp_path):
    # This fake engine turns BREAK into a blank line inside a sentence, as no real pair should.
    command = _fake_apertium(tmp_path, "sed 's/BREAK/\\n\\n/g'")
    texts = ["first BREAK sentence", "second", "third", "fourth"]
    out = ApertiumEngine(command=command).translate(texts, "en", "es")
    assert [h[0] for h in out[1:]] == ["second", "third", "fourth"]
    assert out[0][0].startswith("first") and out[0][0].endswith("sentence")


def test_a_hanging_apertium_times_out_with_one_clear_error(tmp_path):
    command = _fake_apertium(tmp_path, "sleep 30 | cat")  # a pipeline, like the real apertium
    engine = ApertiumEngine(command=command, timeout=0.5)
    with pytest.raises(EngineError, match=r"Apertium took longer than"):
        engine.translate(["x"], "en", "es")


def test_a_failing_apertium_reports_its_stderr(tmp_path):
    command = _fake_apertium(tmp_path, "echo 'Error: mode broken' >&2; exit 1")
    with pytest.raises(EngineError, match=r"Apertium failed .*Error: mode broken"):
        ApertiumEngine(command=command).translate(["x"], "en", "es")
