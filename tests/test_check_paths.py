"""``l10n check PATH…`` on any catalogues: files, directories, globs, gettext locale names, no project
needed, an unknown locale as a warning, ``--cache`` and ``--profile`` (issue 16)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from l10n.cli import main

SAMPLE = Path(__file__).parent / "data" / "check_sample" / "django" / "contrib"
AR = SAMPLE / "admin" / "locale" / "ar" / "LC_MESSAGES" / "django.po"
FR = SAMPLE / "humanize" / "locale" / "fr" / "LC_MESSAGES" / "django.po"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A directory that is no l10n project: real catalogues under gettext locale names."""
    for code, src in (("ar", AR), ("zh_CN", FR), ("sr@latin", FR), ("ca@valencia", FR), ("udm", FR)):
        d = tmp_path / "locale" / code / "LC_MESSAGES"
        d.mkdir(parents=True)
        shutil.copy(src, d / "django.po")
    return tmp_path


def report(root: Path, *args: str) -> tuple[int, dict]:
    rc = main(["-C", str(root), "check", *args, "-f", "json", "-o", "r.json", "--fail-on", "never"])
    return rc, json.loads((root / "r.json").read_text(encoding="utf-8"))


def paths(data: dict) -> list[str]:
    return sorted(c["path"] for c in data["catalogues"])


def test_a_positional_po_file_is_a_catalogue_not_an_article(tree):
    rc, data = report(tree, "locale/ar/LC_MESSAGES/django.po")
    assert rc == 0 and paths(data) == ["locale/ar/LC_MESSAGES/django.po"]
    assert data["catalogues"][0]["lang"] == "ar"


def test_directories_and_globs_quoted_or_expanded(tree, monkeypatch):
    _, by_dir = report(tree, "locale")
    assert len(paths(by_dir)) == 5
    _, by_glob = report(tree, "locale/*/LC_MESSAGES/*.po")  # as a quoted glob reaches us
    assert paths(by_glob) == paths(by_dir)
    _, recursive = report(tree, "**/django.po")
    assert paths(recursive) == paths(by_dir)
    _, by_path = report(tree, "--path", "locale/zh_CN")
    assert paths(by_path) == ["locale/zh_CN/LC_MESSAGES/django.po"]
    monkeypatch.chdir(tree)  # relative to the working directory as well
    rc = main(["check", "locale/ar/LC_MESSAGES/django.po", "--fail-on", "never"])
    assert rc == 0


def test_lang_takes_gettext_locale_names(tree):
    for code in ("zh_CN", "zh-cn", "sr@latin", "ca@valencia"):
        _, data = report(tree, "--lang", code)
        assert len(paths(data)) == 1, code
    _, data = report(tree, "locale", "--lang", "sr@latin", "--lang", "ar")
    assert paths(data) == ["locale/ar/LC_MESSAGES/django.po", "locale/sr@latin/LC_MESSAGES/django.po"]


def test_an_unknown_locale_is_a_warning_for_that_catalogue_not_an_abort(tree):
    rc, data = report(tree)
    assert rc == 0 and len(paths(data)) == 5
    unknown = [f for f in data["findings"] if f["check"] == "unknown-language"]
    assert [(f["path"], f["severity"]) for f in unknown] == [("locale/udm/LC_MESSAGES/django.po", "warning")]


def test_missing_paths_are_one_line_input_errors(tree, capsys):
    assert main(["-C", str(tree), "check", "nowhere/*.po"]) == 2
    assert main(["-C", str(tree), "check", "missing.po"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        "l10n: error: nowhere/*.po: no catalogue matches this pattern",
        "l10n: error: missing.po: no such catalogue",
    ]


def test_cache_gives_the_same_report_and_is_keyed_by_content(tree):
    _, first = report(tree, "--cache", "cache")
    files = sorted((tree / "cache").glob("*.pickle"))
    assert len(files) == 5
    _, again = report(tree, "--cache", "cache")
    assert again["findings"] == first["findings"]
    assert sorted((tree / "cache").glob("*.pickle")) == files  # nothing recomputed
    po = tree / "locale" / "ar" / "LC_MESSAGES" / "django.po"
    text = po.read_text(encoding="utf-8")
    assert 'msgstr "حذف %(model)s المختارة"' in text
    po.write_text(text.replace('msgstr "حذف %(model)s المختارة"', 'msgstr "حذف المختارة"'), encoding="utf-8")
    _, changed = report(tree, "--cache", "cache")
    assert len(list((tree / "cache").glob("*.pickle"))) == 6
    assert len(changed["findings"]) == len(first["findings"]) + 1
    _, strict = report(tree, "--cache", "cache", "--profile", "translator")  # other settings: other keys
    assert len(list((tree / "cache").glob("*.pickle"))) == 11
    assert strict["findings"] != changed["findings"]


def test_a_damaged_cache_file_is_recomputed_not_trusted(tree):
    _, first = report(tree, "--cache", "cache")
    for f in (tree / "cache").glob("*.pickle"):
        f.write_bytes(b"garbage")
    _, again = report(tree, "--cache", "cache")
    assert again["findings"] == first["findings"]


def test_profiles_change_severities(tree):
    _, ci = report(tree, "locale")
    _, translator = report(tree, "locale", "--profile", "translator")
    sev = lambda data, check: {f["severity"] for f in data["findings"] if f["check"] == check}  # noqa: E731
    assert sev(ci, "copied-source") == {"info"} and sev(translator, "copied-source") == {"warning"}
    raised = ("latin-in-rtl", "copied-source", "fuzzy", "untranslated")  # info in ci, warnings here
    info = lambda data: [f for f in data["findings"] if f["severity"] == "info" and f["check"] in raised]  # noqa: E731
    assert info(ci) and not info(translator)
    with pytest.raises(SystemExit) as exc:
        main(["-C", str(tree), "check", "--profile", "nope"])
    assert exc.value.code == 2
    (tree / "l10n.toml").write_text('[tool.l10n.check]\nprofile = "nope"\n')
    assert main(["-C", str(tree), "check"]) == 2
