"""The project layer: discovery, the glossary loader, and the commands (``run`` end to end).

Catalogues the commands write are judged by ``msgfmt --check`` (GNU gettext), not by our own parser.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from l10n.errors import InputError, UsageError
from l10n.lang import get_language
from l10n.project import commands
from l10n.project.config import load_config
from l10n.project.glossary import load_project_glossary
from l10n.project.layout import Project

REPO = Path(__file__).resolve().parent.parent
AR = get_language("ar")


@pytest.fixture
def proj(project: Path) -> Project:
    (project / "pyproject.toml").write_text(
        '[tool.l10n]\nlanguages = ["ar"]\n[tool.l10n.translate]\nengine = "deterministic"\n', encoding="utf-8"
    )
    return Project(load_config(project))


class Recorder:
    """A :class:`commands.Reporter` that keeps what it was told."""

    def __init__(self) -> None:
        self.events: list[tuple[str, object]] = []

    def __getattr__(self, name: str):
        return lambda *args: self.events.append((name, args))

    def mt_progress(self, language):
        import contextlib

        return contextlib.nullcontext((lambda n: self.events.append(("advance", n)), lambda n: None))

    def download_progress(self, source, target):
        import contextlib

        return contextlib.nullcontext(None)

    def steps(self) -> list[str]:
        return list(dict.fromkeys(name for name, _ in self.events if name != "advance"))


# ------------------------------------------------------------------------------------------- discovery


def test_catalogues_are_found_under_lc_messages_only(proj):
    locale = proj.config.locale_path
    for rel in ("ar/LC_MESSAGES/a.po", "ar/LC_MESSAGES/b.po", "fr/LC_MESSAGES/a.po", "ar/a.po", "x.po"):
        (locale / rel).parent.mkdir(parents=True, exist_ok=True)
        (locale / rel).write_text("", encoding="utf-8")
    found = [(p.relative_to(locale).as_posix(), code) for p, code in proj.catalogues()]
    assert found == [("ar/LC_MESSAGES/a.po", "ar"), ("ar/LC_MESSAGES/b.po", "ar"), ("fr/LC_MESSAGES/a.po", "fr")]
    assert [code for _, code in proj.catalogues(["fr"])] == ["fr"]
    assert proj.language_of(locale / "fr/LC_MESSAGES/a.po") == "fr"
    assert proj.language_of(locale / "ar/a.po") == ""


def test_article_names_cannot_leave_the_project(proj):
    for bad in ("../etc/passwd", "a/../../b.md", ".hidden"):
        with pytest.raises(UsageError):
            proj.articles([bad])


# ------------------------------------------------------------------------------------------- glossary


def test_one_glossary_loader_reports_paths_relative_to_the_root_and_raises_on_a_broken_file(tmp_path):
    (tmp_path / "glossary").mkdir()
    shutil.copy(REPO / "glossary" / "terms.csv", tmp_path / "glossary" / "terms.csv")
    glossary = load_project_glossary(load_config(tmp_path))
    assert len(glossary) > 10 and {t.path for t in glossary} == {"glossary/terms.csv"}
    (tmp_path / "glossary" / "broken.csv").write_bytes(b"id,en\n\"unclosed\n")
    with pytest.raises(InputError, match="broken.csv"):
        load_project_glossary(load_config(tmp_path))


def test_glossary_files_given_explicitly_are_resolved_under_the_root(tmp_path):
    shutil.copy(REPO / "glossary" / "terms.csv", tmp_path / "mine.csv")
    assert len(load_project_glossary(load_config(tmp_path), ["mine.csv"])) > 10
    with pytest.raises(InputError, match="no such file"):
        load_project_glossary(load_config(tmp_path), ["missing.csv"])


# ------------------------------------------------------------------------------------------- commands


def test_run_does_the_whole_job_in_order_and_reports_each_step(proj):
    said = Recorder()
    commands.run(proj, proj.articles(), proj.languages(), formats=("md",), reporter=said)
    assert said.steps() == ["extracted", "updated", "translated", "checked", "built"]
    po_path = proj.catalog_file("palmyra-attack", AR)
    if shutil.which("msgfmt"):
        done = subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(po_path)], capture_output=True)
        assert done.returncode == 0, done.stderr
    po = polib.pofile(str(po_path))
    assert po.percent_translated() == 0 and all(e.fuzzy for e in po if e.msgstr)  # drafts only: fuzzy
    built = proj.build_file("palmyra-attack", AR, "md").read_text(encoding="utf-8")
    assert "تدمر" in built or any("\u0600" <= ch <= "\u06ff" for ch in built)


def test_run_skips_translation_with_one_line_when_the_engine_is_unknown(proj):
    said = Recorder()
    settings = proj.config.translate.override(engine="no-such-engine")
    commands.run(proj, proj.articles(), proj.languages(), formats=("md",), settings=settings, reporter=said)
    skipped = [args for name, args in said.events if name == "skipped"]
    assert len(skipped) == 1 and skipped[0][0] == "translate" and "no-such-engine" in skipped[0][1]
    assert "built" in said.steps()


def test_build_writes_what_the_pure_assembler_returns(proj):
    from l10n.assemble import build_article

    commands.extract(proj, proj.articles())
    commands.update(proj, proj.articles(), [AR])
    (result,) = commands.build(proj, ["palmyra-attack"], [AR], "html")
    doc = commands.load_document(proj, "palmyra-attack")
    _, text = build_article(doc, polib.pofile(str(proj.catalog_file("palmyra-attack", AR))), AR, "html")
    assert result.path.read_text(encoding="utf-8") == text


def test_require_complete_names_the_catalogue_and_writes_nothing(proj):
    from l10n.assemble import IncompleteError

    commands.extract(proj, proj.articles())
    commands.update(proj, proj.articles(), [AR])
    with pytest.raises(IncompleteError, match=r"palmyra-attack\.po: \d+ untranslated and 0 fuzzy"):
        commands.build(proj, ["palmyra-attack"], [AR], require_complete=True)
    assert not proj.build_file("palmyra-attack", AR, "md").exists()


def test_check_selects_catalogues_through_the_one_discovery(proj):
    commands.extract(proj, proj.articles())
    commands.update(proj, proj.articles(), [AR])
    result = commands.check(proj)
    assert [c.path for c in result.catalogues] == ["locale/ar/LC_MESSAGES/palmyra-attack.po"]
    with pytest.raises(UsageError, match="no catalogues to check for fr"):
        commands.check(proj, languages=["fr"])


def test_stats_and_translate_plan_read_without_writing(proj):
    commands.extract(proj, proj.articles())
    commands.update(proj, proj.articles(), [AR])
    po_path = proj.catalog_file("palmyra-attack", AR)
    before = po_path.read_bytes()
    ((article, lang, s),) = commands.stats(proj)
    pending = commands.translate_plan(proj, proj.articles(), AR)
    assert (article, lang.code) == ("palmyra-attack", "ar") and s.untranslated == len(pending) > 0
    assert po_path.read_bytes() == before


def test_preview_loads_a_broken_glossary_as_an_error_not_silence(proj):
    commands.extract(proj, proj.articles())
    commands.update(proj, proj.articles(), [AR])
    assert commands.preview(proj, "palmyra-attack") is not None
    (proj.config.root / "glossary").mkdir()
    (proj.config.root / "glossary" / "terms.csv").write_bytes(b"\xff\xfe\x00")
    with pytest.raises(InputError, match="terms.csv"):
        commands.preview(proj, "palmyra-attack")
    assert commands.preview(proj, "palmyra-attack", glossary=False) is not None
